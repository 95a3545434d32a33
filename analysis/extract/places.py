"""Find gazetteer places named in text and resolve each to one reading by its context."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.extract.gazetteer import (
    TYPE_ORDER,
    Gazetteer,
    consonant_count,
    fold_token,
    key_of_tokens,
    load_gazetteer,
    normalize_name,
    skeleton,
    spelling_variants,
)
from analysis.extract import vocabulary
from analysis.records import Place, PlaceMention

# Names that are also English words, person names, tribes or places elsewhere in the region:
# they resolve only next to "district" (or "crossing"/"border"/"port") or in a list of districts.
CONTEXT_ONLY_NAMES: tuple[str, ...] = (
    "Achin", "Ahmad Aba", "Ahmadaba", "Ahmadabad", "Ali Abad", "Aliabad", "Anaba", "Andar", "Argo",
    "Argu", "Asmar", "Awba", "Azra", "Bak", "Bangi", "Burka", "Burqa", "Chak", "Chal", "Charsada",
    "Chahar Sadra", "Daman", "Dand", "Dara", "Dawlat Shah", "Dawlat Yar", "Dawlatshah", "Dawlatyar",
    "Dila", "Doshi", "Dowlatyar", "Dushi", "Farsi", "Gayan", "Gelan", "Gero", "Ghaziabad",
    "Ghulam Khan", "Gilan", "Giro", "Golestan", "Gomal", "Gulam Khan", "Gulistan", "Gurbaz",
    "Gurbuz", "Jaji", "Jani Khel", "Janikhel", "Jurm", "Kaiti", "Kakar", "Kama", "Kang", "Khadir",
    "Khash", "Khedir", "Khoja Bahauddin", "Khoshi", "Khushi", "Khwaja Bahauddin",
    "Khwaja Bahawuddin", "Kiti", "Kohistan", "Kot", "Mandol", "Maruf", "Maroof", "Mata Khan",
    "Mizan", "Mohammad Agha", "Mohammad Aghah", "Muhammad Agha", "Musa Khel", "Musakhel", "Narang",
    "Nari", "Nawa", "Nika", "Obe", "Obeh", "Panjab", "Pato", "Patu", "Qaisar", "Qalandar", "Qaysar",
    "Reg", "Rukha", "Rokha", "Sabari", "Saghar", "Said Karam", "Said Khel", "Sayad", "Sayed Karam",
    "Sayed Khel", "Sayd Khel", "Sayid Karam", "Sayyad", "Shahrak", "Shamal", "Sharan", "Sheikh Ali",
    "Shekh Ali", "Sherzad", "Shiki", "Shinwari", "Shohada", "Shuhada", "Tani", "Unaba", "Wesh",
    "Zana Khan", "Zanakhan", "Zari",
)  # fmt: skip

# Dictionary words that fold onto a place key (Cost ~ Khost, Nile ~ Nili, Calendar ~ Qalandar):
# capitalised at the start of a sentence or in a headline they are still not places.
ENGLISH_LOOKALIKES: frozenset[str] = frozenset(
    """aachen argue back badges balk bangui bruckner caddies caesar calendar cash cashiered cider
    cite cohan colander cost cot cullender cut cylinder della gere glisten gyro keto kidder kite
    koshered kyoto mocker mosey mousey muckier narrow nellie nile nosey pate patio patti rag rig
    shiva tourniquet trinket turncoat washer wish""".split()
)

# Names that are also common given names: not a place when a capitalised surname follows.
PERSON_LIKE_NAMES: tuple[str, ...] = ("Farah", "Nili", "Zaranj")

_HONORIFIC_RE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Gen|General|Col|Colonel|Lt|Sgt|Capt|Maj|Mullah|Mawlawi|Maulvi|Haji|"
    r"Qari|Sheikh|Shaikh|Hazrat|Sayed|Syed|Mohammad|Muhammad|Abdul|Ahmad)\.?\s+$"
)
_SEPARATOR_RE = re.compile(r"[ \t\-\u2010\u2011\u2012\u2013'\u2019\u02bc`]{1,3}")
_CLAUSE_END_RE = re.compile(r"[.;:!?\n]")

_GUARD_AFTER_RE = re.compile(
    r"^\s*,\s+(?:a|the)\s+(?:[\w'\u2019\-]+\s+){0,2}district\b|"
    r"^(?:(?:\s*,\s*|\s+(?:and|or|&)\s+|\s+|[\-'\u2019]+)[A-Z][\w'\u2019\-]*){0,6}"
    r"(?:['\u2019]s)?\s+(?:border\s+)?(?:districts?|Districts?|DISTRICTS?|crossings?|Crossing|ports?|Port|DC|garrison)\b|"
    # a relative clause telling its fall: "in Khwaja Bahauddin, which fell last week"
    r"^\s*,\s+(?:which|that)\s+(?:had\s+|has\s+|was\s+)?(?:been\s+)?(?:fell|fallen|captured|taken|overrun|seized|lost)\b|"
    # its province in brackets, as a digest writes it: "Khwaja Bahauddin (Takhar): under TB control"
    r"^\s*\((?:[A-Z][\w'\u2019\-]+)(?:[\s\-][A-Z][\w'\u2019\-]+)?(?:\s+[Pp]rovince)?\)"
)
_LABEL_GUARD_RE = re.compile(r"\s*(?:[:\-–—]\s+)(?:the\s+)?" + vocabulary.MACROS["DC"] + r"\b")
_GUARD_BEFORE_RE = re.compile(
    r"\b(?:districts?|Districts?|crossings?|port)\s+(?:of|in|including|such\s+as|like|at|called|named)\s+"
    r"(?:[A-Z][\w'\u2019\-]*(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s+))*$|"
    # the seat or the forces of a place: "the police of Burka", "the centre of Chal"
    r"\b(?:police|garrison|governor|administration|centre|center|headquarters|town|seat)\s+of\s+$|"
    # a district named in apposition: "took a third district, Burka, on Tuesday", "a district in Baghlan, Burka"
    r"\bdistrict(?:\s+(?:of|in)\s+[A-Z][\w'\u2019\-]*(?:\s+province)?)?\s*,\s*$|"
    # a translator's order, the noun before the name: "the Taliban took the district Sayad"
    r"\b[Tt]he\s+district\s+$"
)

_AFTER_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("province", re.compile(r"^(?:['\u2019]s?)?\s+(?:provinces?|Provinces?|PROVINCES?)\b")),
    (
        "province",
        re.compile(r"^(?:['\u2019]s?)?\s+(?:provincial|Provincial|governor|Governor|police|Police)\b"),
    ),
    ("district", re.compile(r"^(?:['\u2019]s?)?\s+(?:districts?|Districts?|DISTRICTS?)\b")),
    ("district", re.compile(r"^\s*,\s+(?:a|the)\s+(?:[\w'\u2019\-]+\s+){0,2}district\b")),
    (
        "border_crossing",
        re.compile(
            r"^\s+(?:border\s+)?(?:crossings?|Crossings?|crossing\s+point|ports?|Port|border\s+post|"
            r"border\s+point|dry\s+port|customs|gate|Gate|border)\b"
        ),
    ),
    (
        "capital",
        re.compile(
            r"^(?:['\u2019]s?)?\s+(?:city|City|CITY|cities|town|Town|airport|Airport|airfield|"
            r"municipality|Municipality|mayor|Mayor|University|university)\b"
        ),
    ),
    (
        "capital",
        re.compile(
            r"^\s*(?:,|\s(?:became|becomes|becoming|was|is|remains))\s+(?:the\s+|a\s+|its\s+)?"
            r"(?:[\w'\u2019\-]+\s+){0,3}(?:provincial\s+)?(?:capital|city)\b"
        ),
    ),
)
_BEFORE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("province", re.compile(r"\b(?:provinces?|Provinces?)\s+(?:of|including|such\s+as|like)\s+$")),
    (
        "province",
        re.compile(
            r"\b(?:capital|capitals|governor|governors|Governor|council|administration|police\s+chief)"
            r"\s+of\s+$"
        ),
    ),
    ("district", re.compile(r"\b(?:districts?|Districts?)\s+(?:of|including|such\s+as|like)\s+$")),
    ("province", re.compile(r"\b(?:districts?|Districts?)\s+(?:of|in|across)\s+$")),
    ("border_crossing", re.compile(r"\b(?:crossings?|ports?)\s+(?:of|at)\s+$")),
    (
        "capital",
        re.compile(
            r"\b(?:city|cities|town|outskirts|suburbs|edge|edges|gates|streets|centre|center|"
            r"heart|fringes|downtown|residents)\s+of\s+$"
        ),
    ),
    ("capital", re.compile(r"\b(?:capital|city|town)\s*,?\s+$")),
)
_IN_PROVINCE_RE = re.compile(r"\s*,?\s*(?:in|of)\s+(?:the\s+)?(?:[a-z]+\s+)?")
_CELL_GAP_RE = re.compile(r"\s*\|\s*")
_LISTED_TYPES = frozenset({"district", "capital"})  # a context-only name listed among these is one of them
_LIST_SEP_RE = re.compile(r"^\s*(?:,|,?\s*(?:and|or|&))\s*$|^[ \t]*(?:\([^()\n]{1,30}\))?[ \t]*\n\s*(?:[•·▪●◦‣*–—-]|\d{1,2}[.)])\s*$")

_ANAPHORA_RE = re.compile(
    r"\b(?:[Tt]he|[Ii]ts|[Tt]his)\s+(?:(?P<prov>provincial\s+capital(?:\s+city)?|"
    r"provincial\s+(?:centre|center)|"
    r"province['\u2019]s\s+capital|capital\s+of\s+the\s+province)|(?P<city>city))\b"
)
_DATELINE_TAIL_RE = re.compile(r"\s*(?:,|\(|--|\u2014|\u2013|-\s)")
_OF_RE = re.compile(r"\s+of\b")
_SURNAME_RE = re.compile(
    r"[ \t]+(?!(?:Province|City|District|Governor|Provincial|Airport|River|Police|Council|Municipality|"
    r"Mayor|University|Prison)\b)[A-Z][a-z]+"
)
_CITY_WINDOW = 300  # "the city" refers back at most this many characters


_GUARDED_KEYS: frozenset[str] = frozenset(normalize_name(n) for n in CONTEXT_ONLY_NAMES)
_PERSON_LIKE_KEYS: frozenset[str] = frozenset(normalize_name(n) for n in PERSON_LIKE_NAMES)


# A word that may open a name (one opening with neither a digit nor a-z), and the next word of a name:
# one to three separators, then a word (the separators of _SEPARATOR_RE that are not word characters).
_NAME_WORD_RE = re.compile(r"(?<![^\W_])[^\W\d_a-z][^\W_]*")
_NEXT_NAME_WORD_RE = re.compile(r"[ \t\-\u2010\u2011\u2012\u2013'\u2019`]{1,3}([^\W_]+)")


_ENGLISH_JOINERS = frozenset("in on at of to by as and or the an a is was for from with near into after".split())


# a connector and a capitalised word right after a name: the name may go on ("Yaftal-e-Payan")
_LINKED_NAME_AFTER = re.compile(r"[\s\-](?:e|i|ye|yi|y|ul|al|el|u)[\s\-](?=[A-Z])")


def _raw_matches(text: str, gz: Gazetteer) -> list[tuple[int, int, str]]:
    """Return (start, end, key) for the longest capitalised name spans, left to right."""
    out: list[tuple[int, int, str]] = []
    by_key = gz.by_key
    prefixes = gz.prefixes
    limit = gz.max_tokens + 2
    next_word = _NEXT_NAME_WORD_RE.match
    resume = 0  # where the last match ended: words before it are taken
    for m in _NAME_WORD_RE.finditer(text):
        start = m.start()
        if start < resume:
            continue
        word = m.group()
        if not word[0].isupper():
            continue
        _, _, linker, first_final, first_inner = fold_token(word)
        if linker:
            continue
        best_end, best_key = -1, ""
        if first_final in by_key:
            best_end, best_key = m.end(), first_final
        running = first_inner
        if running in prefixes:
            pos = m.end()
            k = 0
            while k + 1 < limit:
                nm = next_word(text, pos)
                if nm is None:
                    break
                k += 1
                pos = nm.end()
                if nm.group(1) in _ENGLISH_JOINERS:
                    break  # "Nari in Kunar": an English word ends the name ("Nari in" is no "Nahrin")
                f_final, f_inner, f_linker, _, _ = fold_token(nm.group(1))
                if f_linker:
                    continue
                cand = running + f_final
                if cand in by_key:
                    best_end, best_key = pos, cand
                running += f_inner
                if running not in prefixes:
                    break
        if best_end < 0:
            hit = _skeleton_match(text, m, first_final, gz) or _variant_match(text, m, gz)
            if hit is None:
                continue
            best_end, best_key = hit
        elif _LINKED_NAME_AFTER.match(text, best_end):
            hit = _skeleton_match(text, m, first_final, gz)  # "Yaftal-e-Payan": a longer name spelt another way
            if hit is not None and hit[0] > best_end:
                best_end, best_key = hit
        out.append((start, best_end, best_key))
        resume = best_end
    return out


def _skeleton_match(text: str, first: re.Match[str], first_key: str, gz: Gazetteer) -> tuple[int, str] | None:
    """Match capitalised words whose vowels differ from a known name (Kandehar, Badakshan); return (end, key)."""
    # `first`: the first word, capitalised and not a linker; `first_key`: its key
    word, end = first.group(), first.end()
    if len(word) < 5 or word.lower() in ENGLISH_LOOKALIKES:
        return None
    words: list[str] = []
    best: tuple[int, str] | None = None
    for k in range(3):
        if k:
            nm = _NEXT_NAME_WORD_RE.match(text, end)
            if nm is None:
                break
            word, end = nm.group(1), nm.end()
        words.append(word)
        if not fold_token(word)[2]:
            if not word[0].isupper():
                break
            skel = skeleton(key_of_tokens(words) if k else first_key)
            if consonant_count(skel) >= 5 and skel in gz.by_skeleton:
                best = (end, gz.by_skeleton[skel])
    return best


def _variant_match(text: str, first: re.Match[str], gz: Gazetteer) -> tuple[int, str] | None:
    """Match capitalised words that another language's transliteration spells differently (Farchar, Jwaja Gar,
    Pul-e-Chumri, Tchimtal) when one reading of them names a known place; return (end, key), the longest span."""
    word = first.group()
    if len(word) < 4 and not _LINKED_NAME_AFTER.match(text, first.end()) or word.lower() in ENGLISH_LOOKALIKES \
            or word.isupper():
        return None  # (a short first word only before a linker: "Pul-e-Chumri"; no word in capitals: "HOST:")
    first_spellings = (word.lower(),) + spelling_variants(word)
    if not any(fold_token(w)[4] in gz.prefixes or fold_token(w)[3] in gz.by_key for w in first_spellings):
        return None  # (no known name opens with any spelling of the first word: most capitalised words end here)
    spans: list[tuple[int, list[tuple[str, ...]]]] = []  # (end, the spellings of each word so far)
    end, options = first.end(), [first_spellings]
    spans.append((end, options))
    for _ in range(4):  # (up to three words and their linkers: "Pul-e-Chumri")
        nm = _NEXT_NAME_WORD_RE.match(text, end)
        if nm is None or nm.group(1) in _ENGLISH_JOINERS:
            break
        nxt = nm.group(1)
        if not fold_token(nxt)[2] and not nxt[0].isupper():
            break
        end = nm.end()
        options = options + [(nxt.lower(),) + spelling_variants(nxt)]
        spans.append((end, options))
    for end, options in reversed(spans):  # the longest name first
        combos = [()]
        for opts in options:
            combos = [c + (o,) for c in combos for o in opts][:64]
        keys = {key_of_tokens(c) for c in combos[1:]}  # (the first combination is the spelling as written)
        found = [k for k in keys if k in gz.by_key]
        if len({frozenset(p.place_id for p in gz.by_key[k]) for k in found}) == 1:
            return end, min(found)
    return None


def _guard_ok(text: str, start: int, end: int) -> bool:
    """Tell whether a context-only name stands next to "district" (or crossing/border/port)."""
    if _LABEL_GUARD_RE.match(text, end):
        return True  # "Bangi: DC overrun Sun 20 Jun.": the district centre of the name the line opens with
    after = text[end : end + 90]
    cut = _CLAUSE_END_RE.search(after)
    if cut is not None:
        after = after[: cut.start()]
    if _GUARD_AFTER_RE.match(after):
        return True
    before = text[max(0, start - 90) : start]
    cuts = list(_CLAUSE_END_RE.finditer(before))
    if cuts:
        before = before[cuts[-1].end() :]
    return _GUARD_BEFORE_RE.search(before) is not None


def _is_dateline(text: str, start: int, end: int) -> bool:
    """Tell whether a name opens a line in capitals as a dateline does ("KUNDUZ, Afghanistan --")."""
    if not text[start:end].isupper():
        return False
    before = text[max(0, start - 200) : start]  # bounded: a scan to the line start is quadratic on one long line
    line_start = before.rfind("\n") + 1
    if line_start == 0 and start > 200:
        return False
    return before[line_start:].strip() == "" and _DATELINE_TAIL_RE.match(text, end) is not None


def _type_cue(text: str, start: int, end: int, types: set[str]) -> str | None:
    """Return the place type the words around a name point to, among the types it can have."""
    after = text[end : end + 60]
    if "capital" in types and _is_dateline(text, start, end):
        return "capital"
    for place_type, pattern in _AFTER_CUES:
        if place_type in types and pattern.match(after):
            return place_type
    before = text[max(0, start - 40) : start]
    for place_type, pattern in _BEFORE_CUES:
        if place_type in types and pattern.search(before):
            return place_type
    return None


def _preferred(readings: tuple[Place, ...]) -> Place:
    """Return the default reading: province before capital before district before crossing."""
    return min(readings, key=lambda p: (TYPE_ORDER.get(p.place_type, 99), readings.index(p)))


@dataclass
class _Draft:
    """A mention being resolved: all its readings, the ones still in play, and why."""

    start: int
    end: int
    readings: tuple[Place, ...]
    chosen: tuple[Place, ...]
    cue: str | None = None
    narrowed: bool = False
    own_district: bool = False  # a district by the words next to it ("Fayzabad districts"): never a capital of that name


def _narrow(draft: _Draft, keep: tuple[Place, ...]) -> None:
    """Keep only some readings of a draft, if that removes any and leaves at least one."""
    if keep and len(keep) < len(draft.chosen):
        draft.chosen = keep
        draft.narrowed = True


def _pick_by_province(drafts: list[_Draft]) -> None:
    """Narrow readings spread over provinces to the province named nearest in the same text."""
    named: list[tuple[int, str]] = []
    for d in drafts:
        provinces = {p.province for p in d.chosen if p.province}
        if len(provinces) == 1:
            named.append((d.start, next(iter(provinces))))
    for d in drafts:
        provinces = {p.province for p in d.chosen if p.province}
        if len(provinces) < 2:
            continue
        near = sorted(
            (abs(pos - d.start), prov) for pos, prov in named if pos != d.start and prov in provinces
        )
        if near:
            _narrow(d, tuple(p for p in d.chosen if p.province == near[0][1]))


def _propagate_lists(text: str, drafts: list[_Draft]) -> None:
    """Let names in one list share a type: "the provinces of Herat, Kandahar", "Kunduz and Taloqan"."""
    for step in (1, -1):
        order = range(1, len(drafts)) if step == 1 else range(len(drafts) - 2, -1, -1)
        for k in order:
            d, nb = drafts[k], drafts[k - step]
            if d.cue is not None:
                continue
            source = nb.cue if nb.cue is not None or len(nb.readings) > 1 else nb.readings[0].place_type
            if source is None:
                continue
            lo, hi = (nb.end, d.start) if step == 1 else (d.end, nb.start)
            if not _LIST_SEP_RE.match(text[lo:hi]):
                continue
            typed = tuple(p for p in d.chosen if p.place_type == source)
            if typed:
                d.cue = source
                _narrow(d, typed)


def _keep_match(text: str, start: int, end: int, key: str) -> bool:
    """Tell whether a matched span can be a place here (not an English word or a person's name)."""
    span = text[start:end]
    if span.isalpha() and span.lower() in ENGLISH_LOOKALIKES:
        return False
    if _HONORIFIC_RE.search(text[max(0, start - 14) : start]):
        return False
    if key in _PERSON_LIKE_KEYS and _SURNAME_RE.match(text[end : end + 30]):
        return False
    return True


_SENTENCE_END_RE = re.compile(r"[.!?][\"”’']?\s+(?=[A-Z\"“‘'])|\n\s*\n")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence around text[start:end], by full stops and blank lines (within 400 characters)."""
    lo = max(0, start - 400)
    stops = [m.end() for m in _SENTENCE_END_RE.finditer(text, lo, start)]
    nxt = _SENTENCE_END_RE.search(text, end, min(len(text), end + 400))
    return (stops[-1] if stops else lo), (nxt.start() if nxt else min(len(text), end + 400))


def _passage_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence around text[start:end] and the two sentences before it (within 600 characters)."""
    lo = max(0, start - 600)
    stops = [m.end() for m in _SENTENCE_END_RE.finditer(text, lo, start)]
    nxt = _SENTENCE_END_RE.search(text, end, min(len(text), end + 400))
    return (stops[-3] if len(stops) >= 3 else lo), (nxt.start() if nxt else min(len(text), end + 400))


def _accept_guarded(text: str, drafts: list[_Draft], pending: list[bool]) -> list[_Draft]:
    """Keep a context-only name listed with districts or capitals of its type, or followed by its own province."""
    changed = True
    while changed:
        changed = False
        for k, d in enumerate(drafts):
            if not pending[k]:
                continue
            for nb_k in (k - 1, k + 1):
                if not 0 <= nb_k < len(drafts) or pending[nb_k]:
                    continue
                nb = drafts[nb_k]
                lo, hi = (nb.end, d.start) if nb_k < k else (d.end, nb.start)
                gap = text[lo:hi]
                in_list = _LIST_SEP_RE.match(gap) is not None and bool(
                    {p.place_type for p in nb.chosen}
                    & {p.place_type for p in d.readings}
                    & _LISTED_TYPES
                )
                own_province = (
                    ((nb_k > k and _IN_PROVINCE_RE.fullmatch(gap) is not None)
                     or (nb_k < k and _CELL_GAP_RE.fullmatch(gap) is not None))  # a table row: "Baghlan | Doshi"
                    and {p.province for p in nb.chosen} & {p.province for p in d.readings}
                )
                if in_list or own_province:
                    pending[k] = False
                    changed = True
                    break
    # a context-only name in a sentence (or right after two) that names its province or its capital ("In Logar, the insurgents overran
    # Azra", "In Ahmadabad, soldiers fled towards Gardez city") or another district of it ("The Taliban overran
    # Kharwar on Tuesday, and Azra fell two days later"), or a list of them beside a place of their province
    # ("Spera fell, a day after they seized Gurbuz and Musa Khel")
    for k, d in enumerate(drafts):
        if not pending[k]:
            continue
        provinces = {p.province for p in d.readings if p.place_type in _LISTED_TYPES}
        lo, hi = _passage_bounds(text, d.start, d.end)  # ("In Baghlan, ... . Doshi and Burka fell on Tuesday.")
        if any(not pending[j] and lo <= o.start and o.end <= hi and
               {p.province or p.name for p in o.chosen if p.place_type in ("district", "capital", "province")} & provinces
               for j, o in enumerate(drafts)):
            pending[k] = False
    # a name the text has shown to be a place ("Baghlan | Doshi") is that place where it recurs ("At Doshi, ...")
    shown = {text[d.start:d.end].casefold() for d, wait in zip(drafts, pending) if not wait}
    return [d for d, wait in zip(drafts, pending) if not wait or text[d.start:d.end].casefold() in shown]


def find_places(text: str, gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """Return the places named in text: sorted, non-overlapping, longest match, resolved by context."""
    if not text:
        return []
    gz = gazetteer if gazetteer is not None else load_gazetteer()
    drafts: list[_Draft] = []
    pending: list[bool] = []
    for start, end, key in _raw_matches(text, gz):
        readings = gz.by_key.get(key, ())
        if not readings or not _keep_match(text, start, end, key):
            continue
        draft = _Draft(start, end, readings, readings)
        draft.cue = _type_cue(text, start, end, {p.place_type for p in readings})
        if draft.cue is not None:
            _narrow(draft, tuple(p for p in readings if p.place_type == draft.cue))
            draft.own_district = draft.cue == "district"
        drafts.append(draft)
        pending.append(key in _GUARDED_KEYS and not _guard_ok(text, start, end))
    if any(pending):
        drafts = _accept_guarded(text, drafts, pending)
    _propagate_lists(text, drafts)
    _pick_by_province(drafts)
    mentions: list[PlaceMention] = []
    for d in drafts:
        if len(d.readings) == 1:
            how = "unique"
        elif len(d.chosen) == 1 and d.narrowed:
            how = "context"
        else:
            how = "default"
        mentions.append(
            PlaceMention(
                place=_preferred(d.chosen),
                text=text[d.start : d.end],
                start=d.start,
                end=d.end,
                candidates=tuple(p for p in d.readings if not (d.own_district and p.place_type == "capital")),
                resolved_by=how,
            )
        )
    return mentions


def capital_of_province(province_place: Place, gazetteer: Gazetteer | None = None) -> Place | None:
    """Return the capital of the province a place lies in (a province, capital, district or crossing)."""
    if not province_place.province:
        return None
    gz = gazetteer if gazetteer is not None else load_gazetteer()
    return gz.capital_of_province(province_place.province)


def resolve_provincial_capital(
    text: str, gazetteer: Gazetteer | None = None, mentions: list[PlaceMention] | None = None
) -> list[PlaceMention]:
    """Return mentions of "the provincial capital" / "the city" read as the capital named before."""
    if not text:
        return []
    gz = gazetteer if gazetteer is not None else load_gazetteer()
    found = mentions if mentions is not None else find_places(text, gz)
    out: list[PlaceMention] = []
    for m in _ANAPHORA_RE.finditer(text):
        if _OF_RE.match(text, m.end()):
            continue  # "the provincial capital of Badghis", "the city of Herat" name their place
        if any(p.start >= m.end() and text[m.end() : p.start].strip(" ,") == "" for p in found):
            continue  # appositive: "the provincial capital, Kunduz"
        before = [p for p in found if p.end <= m.start() and p.place.place_type != "country"]
        if not before:
            continue
        last = before[-1]
        if m.group("city") is not None:
            if m.start() - last.end > _CITY_WINDOW or not any(
                c.place_type in ("province", "capital") for c in (last.candidates or (last.place,))
            ):
                continue
        capital = capital_of_province(last.place, gz)
        if capital is None:
            continue
        out.append(
            PlaceMention(
                place=capital,
                text=m.group(0),
                start=m.start(),
                end=m.end(),
                candidates=(capital,),
                resolved_by="context",
            )
        )
    return out


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance between two keys, or limit + 1 once it is certain to exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def close_district(name: str, province: str, gazetteer: Gazetteer) -> Place | None:
    """The one district of `province` whose name is a near spelling of `name` ('Khvakhan' -> Khwahan), else None.

    For list items the gazetteer did not know, inside a list already placed in that province: the folded
    keys may differ by one edit when the longer has under six letters, else by two; the first letter must
    agree, and no other district of the province may come as close.
    """
    key = normalize_name(name)
    if len(key) < 5:
        return None
    scored: dict[str, tuple[int, Place]] = {}
    for place in gazetteer.of_type("district"):
        if place.province != province:
            continue
        for alias in gazetteer.aliases(place.place_id):
            other = normalize_name(alias)
            if not other or other[0] != key[0]:
                continue
            limit = 1 if max(len(key), len(other)) < 6 else 2  # a dropped vowel counts against the longer spelling
            d = _distance(key, other, limit)
            if d <= limit and d < scored.get(place.place_id, (limit + 1, place))[0]:
                scored[place.place_id] = (d, place)
    if not scored:
        return None
    best = min(d for d, _ in scored.values())
    winners = [p for d, p in scored.values() if d == best]
    return winners[0] if len(winners) == 1 else None
