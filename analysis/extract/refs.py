"""Place references inside one sentence (named places, "the capital of P", "the city" and other anaphora)
and the records the extractor keeps per sentence and per draft mention."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from analysis.extract.stems import guard_stems
from analysis.extract.vocabulary import ACTORS
from analysis.extract.gazetteer import Gazetteer
from analysis.extract.lists import capitals_head
from analysis.records import Mention, Place, Sentence


@dataclass(frozen=True)
class _Ref:
    """A place reference inside one sentence (named, 'capital of P', or anaphora)."""

    place: Place
    start: int
    end: int
    kind: str  # named | capital_of | anaphora
    peripheral: bool = False
    in_speaker: bool = False
    province_word: bool = False
    candidates: tuple[Place, ...] = ()
    remote: bool = False  # named only in a distance or route phrase, or standing for its government
    background: bool = False  # inside a clause about an earlier event ("..., a day after capturing X")
    moved_to: bool = False  # where someone went ("flew to Kabul"): never what "the city" refers back to
    origin: bool = False  # named in passing: where help or supplies came from ("flown in from Herat", "fuel comes by
    # road from Mazar"), where the speakers sit ("officials in Mazar said"), a comparison ("the second city after Kabul")
    capitals_head: bool = False  # a province under a "capitals of" head, or listed after one: it stands for its capital
    listed: bool = False  # an item of a list of places ("Kunduz, Sar-e-Pul and Taloqan")
    landmark: bool = False  # the name of a road, river, corridor or pass ("the Wakhan corridor"), not the place

@dataclass
class _Sent:
    """Everything read from one sentence."""

    sentence: Sentence
    text: str
    refs: list[_Ref] = field(default_factory=list)
    speaker_spans: list[tuple[int, int]] = field(default_factory=list)
    low: str = ""  # the text lowercased, for keyword checks
    triggers: list[tuple[str, re.Pattern[str], str]] = field(default_factory=list)  # triggers whose stems occur

@dataclass
class _Draft:
    """A mention before ids are assigned, with what denials need to relate it to places."""

    mention: Mention
    sent_index: int
    pos: int
    related: frozenset[str]
    priority: int

def _norm(name: str) -> str:
    """Lowercase a place name and unify separators for table lookups."""
    return re.sub(r"[\s\-‐’'`]+", " ", name.lower()).strip()

def _place_id(place: Place) -> str:
    """Return a stable id for a place (its gazetteer id, else type:name)."""
    return place.place_id or f"{place.place_type}:{place.name}"

def _readings(ref: _Ref) -> tuple[Place, ...]:
    """Every reading of a reference: the resolved place first, then the other candidates."""
    out = [ref.place]
    for c in ref.candidates:
        if c not in out:
            out.append(c)
    return tuple(out)

def _as_capital(ref: _Ref, gaz: Gazetteer) -> Place | None:
    """Read a reference as a provincial capital if it can be one ('Kunduz' the city, not 'Kunduz province')."""
    if ref.province_word:
        return None
    for p in _readings(ref):
        if p.place_type == "capital":
            return p
    return None

def _as_province(ref: _Ref, gaz: Gazetteer) -> Place | None:
    """Read a reference as a province if it can be one."""
    for p in _readings(ref):
        if p.place_type == "province":
            return p
    if ref.province_word:
        return gaz.province(ref.place.name)
    return None

def _as_district(ref: _Ref, gaz: Gazetteer) -> tuple[Place, Place | None] | None:
    """Read a reference as a district (a border crossing gives its district); returns (district, crossing)."""
    if ref.province_word:
        return None
    readings = _readings(ref)
    if any(p.place_type == "capital" for p in readings) and ref.place.place_type != "district":
        return None
    for p in readings:
        if p.place_type == "district":
            crossing = next((q for q in readings if q.place_type == "border_crossing"), None)
            return p, crossing
    for p in readings:
        if p.place_type == "border_crossing":
            return _crossing_district(p, gaz), p
    return None

def _crossing_district(crossing: Place, gaz: Gazetteer) -> Place:
    """Return the district holding a border crossing (the crossing itself if the gazetteer lacks it)."""
    if crossing.district:
        for p in gaz.lookup(crossing.district):
            if p.place_type == "district" and (not crossing.province or p.province == crossing.province):
                return p
        return Place(place_id=f"district:{crossing.district}", name=crossing.district, place_type="district",
                     province=crossing.province, district=crossing.district,
                     latitude=crossing.latitude, longitude=crossing.longitude)
    return crossing

def _neighbour(crossing: Place, gaz: Gazetteer) -> str:
    """Return the country across a border crossing ('' when unknown): the gazetteer's neighbour column."""
    return gaz.neighbour(crossing)

def _capital_of(province: Place, gaz: Gazetteer) -> Place | None:
    """Return the capital of a province through the gazetteer."""
    return gaz.capital_of(province.name)

def _country_place(name: str, gaz: Gazetteer) -> Place:
    """Return the gazetteer entry of a country (a bare Place when the gazetteer has none)."""
    for p in gaz.lookup(name):
        if p.place_type == "country":
            return p
    return Place(place_id=f"country:{name}", name=name, place_type="country", country=name)

def _peripheral(before: str) -> bool:
    """True when the words before a place put it on the outskirts, nearby or under attack."""
    low = before.lower()
    return any(k in low for k in _PERIPHERAL_KEYS) and _PERIPHERAL_BEFORE.search(before) is not None

def _landmark(before: str) -> bool:
    """True when the words before a place make it a landmark ('west of Herat', 'the road to Kabul')."""
    low = before.lower()
    return (low.rstrip("\n").endswith("-") or any(k in low for k in _LANDMARK_KEYS)) and \
        _LANDMARK_BEFORE.search(before) is not None

def _district_of_next(text: str, offset: int, pm, pms: list) -> bool:
    """Whether the place named right after `pm` and a comma is a district of the province `pm` names ('In Herat, Zinda
    Jan fell': Herat the province)."""
    nxt = next((q for q in pms if q.start >= pm.end), None)
    if nxt is None or not re.fullmatch(r",\s*", text[pm.end - offset:nxt.start - offset]):
        return False
    provinces = {c.name for c in (pm.place, *pm.candidates) if c.place_type == "province"}
    return any(c.place_type == "district" and c.province in provinces for c in (nxt.place, *nxt.candidates))


def _epithets(text: str, refs: list[_Ref], gaz: Gazetteer, speaker_spans: list[tuple[int, int]]) -> list[_Ref]:
    """The refs with the cities named by their standing added ('the country's second city' is Kandahar, 'the biggest
    city in the north' Mazar-e-Sharif), unless the sentence names the city itself or one right before the epithet."""
    out = list(refs)
    for m in _EPITHET.finditer(text):
        if any(r.start <= m.start() < r.end for r in refs):
            continue
        province = _EPITHET_PROVINCE[(m.group("rank") or "north").lower()]
        city = gaz.capital_of_province(province)
        if city is None or any(r.place.name in (city.name, province) for r in refs) or any(
                r.kind == "named" and re.fullmatch(r"\s*,\s*", text[r.end:m.start()]) for r in refs):
            continue  # ("Kandahar, the country's second city, fell": named already; "Herat, the second city": Herat)
        out.append(_Ref(place=city, start=m.start(), end=m.end(), kind="anaphora",
                        in_speaker=any(a <= m.start() and m.end() <= b for a, b in speaker_spans)))
    return sorted(out, key=lambda r: r.start)


def _sentence_refs(text: str, offset: int, pms: list, gaz: Gazetteer, history: list[list[_Ref]],
                   speaker_spans: list[tuple[int, int]]) -> list[_Ref]:
    """Build the place references of one sentence: named places, 'capital of P' and resolved anaphora."""
    refs: list[_Ref] = []
    districts_of = _PROVINCES_THEN_DISTRICTS.match(text) if "districts" in text and len(pms) > 1 else None
    if districts_of is not None:  # (provinces only: "In Baghlan, Deh Salah and Pul-e-Hesar, two districts" lists districts)
        inside = [pm for pm in pms if districts_of.start("names") <= pm.start - offset < districts_of.end("names")]
        if len(inside) < 2 or not all(any(c.place_type == "province" for c in (pm.place, *pm.candidates)) for pm in inside):
            districts_of = None
    for pm in pms:
        s, e = pm.start - offset, pm.end - offset
        if s < 0 or e > len(text):
            continue
        place = pm.place
        if place.place_type == "country" or place.country not in ("", "Afghanistan"):
            continue
        district = _APPOSED_DISTRICT.match(text, e) if len(pm.candidates) > 1 else None
        if district is not None:  # "Fayzabad, a Jowzjan district that shares its name with ...": the district
            wanted = [c for c in pm.candidates if c.place_type == "district"
                      and (not district.group("prov") or c.province.lower() == district.group("prov").lower())]
            if len(wanted) == 1:
                place, pm = wanted[0], replace(pm, place=wanted[0], candidates=(wanted[0],))
        before = text[max(0, s - 70):s]
        capital_after = _CAPITAL_AFTER.match(text[e:e + 40])
        pword = bool(_PROVINCE_WORD_AFTER.match(text[e:e + 12])) and not capital_after and \
            not _CITY_PART_AFTER.match(text, e) and not _CITY_FORCE_AFTER.match(text, e)  # "Herat's police districts"
        # are the city's, and so are "Kunduz's police"
        has_prov = any(c.place_type == "province" for c in (pm.place, *pm.candidates))
        pword = pword or pm.text.lower().endswith("province") or (has_prov and bool(
            re.search(r"\bprovinces?\s+(?:of|in)\s+(?:the\s+)?$", before, re.I)
            or re.search(r"\b[A-Z][\w\-’']*\s+districts?\s+(?:of|in)\s+$", before)
            or re.search(r"\bdistricts?\s+in\s+$", before)  # "the third district in Ghazni to fall"
            or re.search(r"\b(?:\d+|the|its|all|most)\s+(?:\d+\s+|[a-z]+\s+)?districts\s+of\s+$", before)  # ("19 of the 26
            # districts of Ghazni": the province's)
            # "as Kandahar districts are handed over": the province's districts (not a list's last item, "A and B districts")
            or (re.match(r"\s+(?:(?:border|\w+ern|outlying|remote|rural|frontier)\s+)?districts\b", text[e:e + 24]) is not None
                and not re.search(r"(?:,|\band|&)\s*$", before))  # (and "Taliban take Herat border districts")
            or re.search(r"\b(?:a|an|one|another)\s+(?:[\w\-]+\s+)?district\s+of\s+$", before, re.I)  # "a district of Ghazni"
            # "Shortepa, the Balkh district that lies between ...": an appositive naming the province of the place before
            or (re.match(r"\s+district\b", text[e:e + 10]) is not None and re.search(r"\w\s*,\s+(?:the|a|an|another|one)\s+$", before)
                and any(c.place_type == "province" for c in (pm.place, *pm.candidates)))
            # "Taliban take second Herat crossing": the province's crossing (a crossing's or district's own name is itself)
            or (re.match(r"\s+(?:border\s+)?crossings?\b", text[e:e + 20]) is not None
                and not any(c.place_type in ("district", "crossing") for c in (pm.place, *pm.candidates)))
            # "In Balkh, Kishindih and Zari fell": a province opening the sentence locates what follows (so does
            # "Elsewhere in Balkh, ...")
            or (s <= 70 and re.fullmatch(r"\W*(?:[A-Z][A-Z.’'\-]+(?:\s+[A-Z][A-Z.’'\-]+){0,3}(?:\s+\([^()]{1,40}\))?:\s+)?"
                                         # (a transcript's speaker label: "ACHAKZAI: In Ghazni, ...")
                                         r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s*[:\-–—]\s*)?"  # ("Tuesday: In Herat,")
                                         r"(?:(?:Elsewhere|Meanwhile|Further\s+\w+|Also)\s+in|In|Across|Throughout)\s+"
                                         r"(?:(?:neighbou?ring|nearby|\w+ern)\s+)?", text[:s]) is not None and text.startswith(",", e)
                and (not any(c.place_type == "capital" for c in (pm.place, *pm.candidates))  # ("In Kunduz," is the city,
                     or _district_of_next(text, offset, pm, pms)  # but not "In Herat, Zinda Jan fell", nor "In Herat,
                     or _DISTRICTS_NEXT.match(text, e) is not None)))  # districts ... have fallen")
            or (districts_of is not None and districts_of.start("names") <= s < districts_of.end("names")))  # (each
            # of a list of provinces opening the sentence before their districts: "In Ghor, Farah and Kandahar, districts")
        if re.match(r"^(?:'s|’s|')\s", text[e:e + 4]) and not re.search(r"province", text[e:e + 14], re.I) and \
                not _CITY_PART_AFTER.match(text, e) and not _CITY_FORCE_AFTER.match(text, e):
            pword = any(c.place_type == "province" for c in (pm.place, *pm.candidates))
        ref = _Ref(place=place, start=s, end=e, kind="named",
                   peripheral=_peripheral(before) or _landmark(before) or bool(_LANDMARK_AFTER.match(text[e:e + 30]))
                   or bool(_PERIPHERAL_AFTER.match(text, e)),
                   in_speaker=any(a <= s and e <= b for a, b in speaker_spans),
                   province_word=pword, candidates=tuple(pm.candidates),
                   landmark=bool(_LANDMARK_AFTER.match(text[e:e + 30])),
                   remote=bool(_ROUTE_BEFORE.search(before) or _FOREIGN_LEFT_BEFORE.search(before) or _GOVERNMENT_AFTER.match(text, e) or _NEIGHBOUR_AFTER.match(text, e)
                               or BASE_NAME_BEFORE.search(before)  # ("Camp Shorabak": a base's name, not the district)
                               or _TOLD_BEFORE.search(before)),  # ("told Ghazni Ghag": who was told, an outlet)
                   moved_to=bool(_MOVED_TO_BEFORE.search(text, max(0, s - 80), s) or _HELD_IN_BEFORE.search(text, max(0, s - 80), s)),
                   origin=bool((HELP_FROM_BEFORE.search(before) and not _ON_TO_PLACE.match(text, e)) or _ORIGIN_BEFORE.search(before)
                               or SEAT_OF_SPEAKERS.search(before) or _COMPARED_BEFORE.search(before)) or (
                       bool(refs) and refs[-1].origin and _LIST_GAP.fullmatch(text, refs[-1].end, s) is not None))
        if _PEOPLE_AFTER.match(text, e) is not None and _DETERMINER_BEFORE.search(before) is not None:
            continue  # "the two cities that most Faizabad traders used to deal with": the traders' town, no reference
        refs.append(ref)
        # "the capital of P" / "P's provincial capital" / "P province's main city"
        capital_before = _CAPITAL_OF.search(before) if any(k in before.lower() for k in _CAPITAL_KEYS) else None
        if capital_before is None and pword and "cent" in before.lower():
            capital_before = _CENTRE_OF.search(before)  # "the centre of Kunduz province" (a translated 'markaz')
        prov = _as_province(ref, gaz) if (pword or capital_before or capital_after) else None
        if prov is not None:
            cap = None
            mb = capital_before
            ma = capital_after
            if mb or ma:
                cap = _capital_of(prov, gaz)
            if cap is not None:
                cs = s - len(mb.group(0)) if mb else s
                named = _NAME_BEFORE_APPOSITIVE.search(text, max(0, cs - 40), cs) if mb else None
                if named is not None and not any(r.end > named.start() for r in refs[:-1]) and \
                        named.group(1).lower() not in _NOT_NAMES:
                    cs = named.start()  # "Zarenj, the capital of Nimroz": the appositive confirms an unknown spelling
                ce = e + (ma.end() if ma else 0)
                refs.append(_Ref(place=cap, start=cs, end=ce, kind="capital_of",
                                 peripheral=_peripheral(text[max(0, cs - 70):cs]),
                                 in_speaker=ref.in_speaker))
    low = text.lower()
    if "city" in low and ("second" in low or "third" in low or "fourth" in low or "north" in low):
        refs = _epithets(text, refs, gaz, speaker_spans)  # "The country's second city fell overnight"
    if ("after" in low or "following" in low) and len(refs) > 1:
        refs = _mark_background(text, refs, gaz)
    for m in _ANAPHORA.finditer(text) if any(k in low for k in _ANAPHORA_KEYS) else ():
        word = m.group(0).lower()
        if any(r.start <= m.start() < r.end for r in refs):
            continue
        if word.endswith(("centre", "center")) and not re.search(r"\bdistrict\s+cent(?:re|er)\b", text[:m.start()], re.I):
            continue  # "the centre" stands for a district centre only after one is named in the sentence
        if _NAMED_RIGHT_AFTER.match(text, m.end()) and any(r.kind == "named" and m.end() < r.start <= m.end() + 6
                                                             for r in refs):
            continue  # "the crossing at Spin Boldak", "the district of Chimtal": the name after it says which
        generic = _GENERIC_NOUN.search(text, 0, m.start()) if any(k in low for k in _GENERIC_KEYS) else None
        if generic is not None and _KIND_OF_NOUN[generic.group("noun").lower()] in word.replace("capital", "city"):
            continue  # "We list a capital as taken when two sources say the city is under Taliban control": any city
        copula = _NAMED_BY_COPULA.match(text, m.end())
        if copula is not None:  # "The district taken on Monday was Qala-e-Zal": the name after "was" says which
            named = next((r for r in refs if r.kind == "named" and r.start == copula.end() - 1), None)
            if named is not None:
                refs.append(replace(named, start=m.start(), end=m.end(), kind="anaphora"))
            continue
        home = _speaker_home(text, refs, m.start(), gaz) if "city" in word or "capital" in word else None
        # "left Taloqan for Faizabad before the insurgents entered the city": where they went is not the city
        # where the speakers sit ("officials in Kabul") only when nothing else can be meant ("Officials in Farah said
        # troops withdrew to a base outside the city")
        # ("Commandos flown in from Herat had driven them out of the city": where help came from is not the city)
        usable = [r for r in refs if not HELP_FROM_BEFORE.search(text, max(0, r.start - 40), r.start)
                  or _ON_TO_PLACE.match(text, r.end)]  # ("airlifted from Ghazni to Kabul": Ghazni was left, not a help's origin)
        current = [r for r in usable if not SEAT_OF_SPEAKERS.search(text, max(0, r.start - 40), r.start)
                   and not (r.in_speaker and ("town" in word or "district" in word) and _as_district(r, gaz) is None)
                   and not (r.peripheral and ("district" in word or "centre" in word or "center" in word))]  # ("the
        # gateway to the Wakhan corridor": a landmark, not the district whose centre is handed over)
        # ("A spokesman for the Kandahar police said forces had withdrawn from the town": the town the text is about,
        # not the speaker's city; "Residents of Dasht-e-Archi said the district ...": their district)
        target = home or _resolve_anaphor(word, current, m.start(), history, gaz) or (
            _resolve_anaphor(word, usable, m.start(), history, gaz) if len(current) < len(usable) else None)
        if target is None:
            continue
        before = text[max(0, m.start() - 70):m.start()]
        refs.append(_Ref(place=target, start=m.start(), end=m.end(), kind="anaphora",
                         peripheral=_peripheral(before) or _landmark(before) or bool(_PERIPHERAL_AFTER.match(text, m.end())),
                         in_speaker=any(a <= m.start() and m.end() <= b for a, b in speaker_spans),
                         province_word=target.place_type == "province",
                         remote=bool(_ROUTE_BEFORE.search(before)) and target.place_type == "capital"))
        # ("an hour's drive from the capital": a distance, as for a named city)
    refs.sort(key=lambda r: (r.start, r.end))
    for k, r in enumerate(refs):  # "the provincial capitals of Paktia, Paktika and Kunar": each province stands for its capital
        joined = k > 0 and r.kind == "named" and refs[k - 1].kind == "named" and \
            _LIST_GAP.fullmatch(text, refs[k - 1].end, r.start) is not None
        if joined:
            refs[k - 1] = replace(refs[k - 1], listed=True)
        if capitals_head(text, r.start) or (joined and refs[k - 1].capitals_head):
            refs[k] = replace(refs[k], capitals_head=True, listed=True)
        elif joined:
            refs[k] = replace(refs[k], listed=True)
    return refs


# a preposition joining a noun to the name right after it ("the crossing at Spin Boldak")
_NAMED_RIGHT_AFTER = re.compile(r"\s+(?:(?:at|of|in)\s+)?(?-i:[A-Z])")  # ("the district of Chimtal", a translation's "the district Sayad")
# a noun phrase identified by the name after its copula ("The district taken on Monday was Qala-e-Zal")
_NAMED_BY_COPULA = re.compile(r"\s+(?:(?:that|which)\s+(?:was|were|had\s+been)\s+)?(?:taken|captured|seized|lost|overrun|"
                              r"handed\s+over)\b[^,;.]{0,40}?\s+(?:was|is)\s+(?:in\s+fact\s+|actually\s+)?(?-i:[A-Z])")
# a city named by its standing: "the country's second city", "Afghanistan's third-largest city", "the biggest city in the
# north" (not a comparison, "the second city after Kabul")
_EPITHET = re.compile(r"\b(?:the\s+country['’]s|afghanistan['’]s|the\s+nation['’]s)\s+(?P<rank>second|third|fourth)"
                      r"(?:[\s-](?:largest|biggest))?\s+city\b(?!\s+(?:after|behind)\b)|"
                      r"\bthe\s+(?:biggest|largest|main)\s+city\s+(?:in|of)\s+the\s+north\b", re.I)
_EPITHET_PROVINCE = {"second": "Kandahar", "third": "Herat", "fourth": "Balkh", "north": "Balkh"}
# an appositive naming a place a district ("Fayzabad, a Jowzjan district ..."), of a province or not
_APPOSED_DISTRICT = re.compile(r",\s+(?:a|an|the)\s+(?:(?P<prov>(?-i:[A-Z])[\w\-]+)(?:\s+province)?(?:'s|’s)?\s+)?"
                               r"(?:(?:small|remote|rural|mountainous|key|strategic|border)\s+)?district\b"
                               r"(?!\s+(?:cent(?:re|er)s?|headquarters|HQs?|seats?|governors?|chiefs?)\s+of\b)", re.I)
# (not "In Balkh, the district centres of Kaldar and Shortepa were evacuated": another place's seat)
# a name right after "told" is who was told, an outlet or a person ("told Ghazni Ghag"), not a place spoken of
# the districts of a province opening the sentence, right after its comma ("In Herat, districts with a few dozen police
# have fallen")
_DISTRICTS_NEXT = re.compile(r",\s+(?:(?:several|many|some|most|all|more|other|outlying|remote|rural|border|its|the|"
                             r"two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)*districts\b", re.I)
# a list of provinces opening the sentence before their districts ("In Badghis, Faryab and Herat, districts ...")
_PROVINCES_THEN_DISTRICTS = re.compile(r"\W*(?:(?:Elsewhere|Meanwhile|Also)\s+in|In|Across|Throughout)\s+(?P<names>(?:(?-i:[A-Z])"
                                       r"[\w\-’']+(?:\s+(?-i:[A-Z])[\w\-’']+)?(?:,\s+|,?\s+and\s+))+(?-i:[A-Z])[\w\-’']+"
                                       r"(?:\s+(?-i:[A-Z])[\w\-’']+)?)(?=" + _DISTRICTS_NEXT.pattern + ")", re.I)
_TOLD_BEFORE = re.compile(r"\btold\s+(?:the\s+)?$", re.I)  # ("told Ghazni Ghag", "told the Kabul Tribune": an outlet)
# where help came from ("commandos flown in from Herat"): not the city
HELP_FROM_BEFORE = re.compile(r"\b(?:flown|sent|brought|rushed|dispatched|deployed|airlifted|arrived|came)\s+(?:in\s+)?from\s+$",
                              re.I)
# where supplies or people came from ("its fuel comes by road from Mazar", "aid trucks from Herat"): not the city the
# text is about
_ORIGIN_BEFORE = re.compile(r"(?:\b(?:come|comes|came|coming|supplied|trucked|shipped|transported|delivered)\s+(?:[\w\-]+\s+){0,3}?|"
                            r"\b(?:trucks?|convoys?|supplies|fuel|goods|aid|reinforcements|food|flights?)\s+|\bby\s+(?:road|air)\s+|"
                            # a capital standing for the government's word ("without any announcement from Kabul")
                            r"\b(?:announcements?|word|statements?|orders?|instructions?|comments?|confirmation|response|"
                            r"decisions?|approval)\s+)"
                            r"from\s+(?:the\s+)?$", re.I)
# a place named to compare with ("the second-largest city after Kabul", "like Kunduz", "as in Herat")
_COMPARED_BEFORE = re.compile(r"(?:\b(?:largest|biggest|second|third|most\s+[\w\-]+|important)\s+(?:city|town|cities|towns)\s+after|"
                              r"\b(?:like|unlike|as\s+in|as\s+with|similar\s+to)|\bthan|"
                              r"\b(?:closest|nearest)\s+(?:(?:yet|so\s+far|one)\s+)?to)\s+(?:the\s+)?$", re.I)  # ("the closest yet to Kabul")
_ON_TO_PLACE = re.compile(r"\s+to\s+(?:the\s+)?(?-i:[A-Z])")
_LIST_GAP = re.compile(r"\s*(?:,\s*|\s+and\s+|,\s+and\s+)(?:the\s+)?")
# where the speakers sit ("Afghan officials in Kabul did not comment on the fall of the city"): not the city
SEAT_OF_SPEAKERS = re.compile(r"\b(?:(?:officials?|ministry|ministries|government|authorities|embassy|spokes(?:man|woman|person)|"
                              r"correspondents?|stringers?)"
                              r"\s+(?:based\s+)?|(?:told\s+(?:reporters|journalists|us|(?:the\s+)?(?:press|media|newspaper|agency|station|"
                              r"broadcaster)|(?:our|a|an|the|its|their)\s+(?:own\s+)?(?:correspondent|reporter|stringer))|said|says|spoke|speaking|"
                              r"briefed|reporters|journalists|(?:news|press)\s+conference|interview|briefing)\s+)in\s+$", re.I)
# (and where a speaker spoke: "a lawmaker told reporters in Kabul", "said at a news conference in Kabul")
# the destination of a move ("left Taloqan for Faizabad", "fled to Kunduz city")
_MOVED_TO_BEFORE = re.compile(r"\b(?:left|leaving|fled|fleeing|withdrew|withdrawn|withdrawal|withdraw|retreated|retreat|pulled\s+back|fell\s+back|"
                              r"(?:pull|fall)\s+back|moved|"
                              r"headed|escaped|flown|flew|airlifted|evacuated|ferried|transferred|relocated|sent\s+back|set\s+off|set\s+out|drove|driven)\b[^.;,]{0,60}?"
                              r"\b(?:for|to|towards?|into)\s+(?:the\s+)?(?:(?:neighbou?ring|nearby|adjacent|\w+ern)\s+){0,2}$",
                              re.I)  # ("withdrew to the neighbouring Darwaz-e-Bala district")
# where someone was held afterwards ("has been detained by government forces in Wardak province"): no more the city
# the text is about than a destination is
_HELD_IN_BEFORE = re.compile(r"\b(?:detained|arrested|held|stopped|intercepted)\b[^.;,]{0,50}?\bin\s+(?:the\s+)?$", re.I)
# a clause about an earlier event: ", a day after capturing X", ", days after the fall of X", "A day after X fell, ..."
_BACKGROUND_EVENT = (r"(?:(?:a|an|one|two|three|four|five|six|several|\d+|a\s+few)\s+(?:days?|hours?|weeks?)\s+"
                     r"(?:after|following)|(?:after|following)\s+(?:(?:capturing|seizing|taking|overrunning|entering)\b|"
                     r"the\s+(?:fall|capture|loss|seizure)\s+of\b)|after\s+(?=(?-i:[A-Z])))")  # (", after Zaranj")
_BACKGROUND_MID = re.compile(r",\s+(?:(?:just|only|barely|less\s+than|more\s+than)\s+)?" + _BACKGROUND_EVENT, re.I)
_BACKGROUND_START = re.compile(r"^\W*(?:(?:just|only|barely)\s+)?" + _BACKGROUND_EVENT + r"[^,;]*,", re.I)


def _mark_background(text: str, refs: list[_Ref], gaz: Gazetteer) -> list[_Ref]:
    """Flag the references inside a clause about an earlier event, when a capital stands outside it."""
    spans = []
    m = _BACKGROUND_START.match(text)
    if m is not None:
        spans.append((0, m.end()))
    m = _BACKGROUND_MID.search(text, spans[0][1] if spans else 0)
    if m is not None:
        spans.append((m.start(), len(text)))
    if not spans:
        return refs
    inside = [any(a <= r.start < b for a, b in spans) for r in refs]
    if all(inside) or not any(i for i in inside) or \
            not any(_as_capital(r, gaz) is not None for r, i in zip(refs, inside) if not i and not r.remote):
        return refs
    return [replace(r, background=True) if i else r for r, i in zip(refs, inside)]

# a speaker who holds an office of one province ("a member of the Kunduz provincial council", "the governor of
# Takhar", "a lawmaker from Herat"): the city of a quote is that province's capital
_OFFICE_BEFORE = re.compile(r"\b(?:governor|police\s+chief|council|councillor|lawmaker|legislator|mp|member\s+of\s+"
                            r"parliament|spokes(?:man|woman|person))\s+(?:of|from|for)\s+(?:the\s+)?$", re.I)
_OFFICE_AFTER = re.compile(r"(?:\s+province)?(?:'s|’s)?\s+(?:provincial\s+(?:council|governor|police)|governor|"
                           r"police\s+chief|council)\b", re.I)


def holds_office(text: str, r: _Ref) -> bool:
    """True when a place names an office ('the governor of Uruzgan', 'Kunduz's governor', 'the Kunduz provincial council')."""
    return bool(_OFFICE_BEFORE.search(text, max(0, r.start - 40), r.start) or _OFFICE_AFTER.match(text, r.end))


_SAID_BETWEEN = re.compile(r"\b(?:said|says|told|tells|added|confirmed)\b", re.I)


def _speaker_home(text: str, current: list[_Ref], pos: int, gaz: Gazetteer) -> Place | None:
    """The capital of the province whose office the speaker holds ('"They have taken the city," said a member of the
    Kunduz provincial council' -> Kunduz; also 'A member of the Samangan council said the city was handed over', and
    an office holder who acts: 'The governor of Uruzgan handed over the city')."""
    for r in current:
        if not r.in_speaker:
            if r.end > pos or any(o is not r and r.end <= o.start < pos for o in current):
                continue  # an office-holder subject ("the governor of Uruzgan handed over the city"): nothing between
        elif r.start <= pos and (not _SAID_BETWEEN.search(text, r.end, pos) or any(
                r.end <= o.start < pos and not o.in_speaker for o in current)):
            continue  # a speaker before "the city" speaks of it only when no other place stands between
        if not holds_office(text, r):
            continue
        prov = next((p for p in _readings(r) if p.place_type == "province"), None)
        cap = next((p for p in _readings(r) if p.place_type == "capital"), None) or (
            _capital_of(prov, gaz) if prov is not None else None)
        if cap is not None:
            return cap
    return None


def _listed_capitals(pool: list[_Ref], gaz: Gazetteer) -> set[str]:
    """The capitals a sentence lists as places it is about (a province under a 'capitals of' head counts as its
    capital), not those named for where someone went, came from or sat."""
    out: set[str] = set()
    for r in pool:
        if not r.listed or r.moved_to or r.origin or r.remote or r.peripheral or r.in_speaker or r.background:
            continue
        cap = next((p for p in _readings(r) if p.place_type == "capital"), None) if not r.province_word else None
        if cap is None and r.capitals_head:
            prov = next((p for p in _readings(r) if p.place_type == "province"), None)
            cap = _capital_of(prov, gaz) if prov is not None else None
        if cap is not None:
            out.add(cap.place_id)
    return out


def _resolve_anaphor(word: str, current: list[_Ref], pos: int, history: list[list[_Ref]], gaz: Gazetteer) -> Place | None:
    """Resolve 'the city', 'the provincial capital', 'the province', 'the district', 'the crossing'."""
    pools = [[r for r in current if r.end <= pos]] + [list(h) for h in reversed(history[-3:])]
    if "crossing" in word or "border" in word or word.endswith("port"):
        want = ("border_crossing",)
    elif word.endswith("side"):  # "Aqina (Faryab). The Afghan side was overrun": the crossing just named
        want = ("border_crossing",)
        pools = pools[:2]
    elif "district" in word or word.endswith(("centre", "center")):  # "the centre": a district's, just named
        want = ("district", "border_crossing")
        pools = pools[:3]
    elif "province" in word and "capital" not in word and "centre" not in word and "center" not in word:
        want = ("province",)
    elif "city" in word:
        want = ("capital",)
    elif "town" in word:  # "the town" may be a district's town as well as a provincial capital
        want = ("capital", "district", "border_crossing")
    else:  # provincial capital / capital / provincial centre
        want = ("capital", "province")
    for k, pool in enumerate(pools):
        if k and any(r.background for r in pool):  # the sentence's own event before one it recalls
            pool = [r for r in pool if r.background] + [r for r in pool if not r.background]
        if k and want == ("capital",) and len(_listed_capitals(pool, gaz)) >= 2:
            return None  # "... took Maimana and the provincial capitals of Paktia and Kunar. ... the city fell": which
            # of them is not said
        for r in reversed(pool):
            if r.moved_to and want != ("province",):
                continue  # "left Taloqan for Faizabad before they entered the city", "... and flew to Kabul. ... the city"
            if r.origin and k and want != ("province",):
                continue  # "Reinforcements were flown in from Mazar and Kabul. The city fell": help came from there
            if r.landmark and k and "district" in want:
                continue  # "... Ishkashim, the gateway to the Wakhan corridor. ... the police of the district": a landmark
            if r.province_word and "district" in want:
                continue  # "In Dawlatabad, the Balkh district of that name, ... surrendered the district": Balkh is the
                # province there, not its district of the same name
            if r.remote:
                if want == ("capital",) and r.place.place_type == "capital" and k <= 1:
                    return None  # "30 km from Maimana. ... entered the city": which city is not said
                continue  # "40 km from X", "the road to X", "X offered talks": not the city the text is about
            if want == ("capital",) and k == 0 and r.province_word and r.place.place_type == "province":
                cap = _capital_of(r.place, gaz)  # "the governor of Ghazni province surrendered the city"
                if cap is not None:
                    return cap
            for p in _readings(r):
                if "province" in want and p.place_type == "province" and (
                        r.province_word or r.kind != "named" or not any(q.place_type == "capital" for q in _readings(r))):
                    if want == ("province",):
                        return p
                    cap = _capital_of(p, gaz)
                    if cap is not None:
                        return cap
                if p.place_type in want and p.place_type != "province":
                    if p.place_type == "capital" and r.province_word:
                        continue
                    return p
            if want == ("province",) and r.place.province and r.place.place_type in ("capital", "district", "border_crossing"):
                prov = gaz.province(r.place.province)
                if prov is not None:
                    return prov
    return None

# an indefinite noun of the same kind before an anaphor, not in apposition: the anaphor means any such place ("when a
# city falls, the city's prisons are opened"), none named
_GENERIC_NOUN = re.compile(r"(?<![,(])(?<![,(]\s)\b(?:a|any|each|every)\s+(?:provincial\s+)?(?P<noun>capital|city|town|district)\b"
                           r"(?!\s+(?:of|called|named|where|that|which|in|near|on)\b)(?!['’]s)", re.I)
_GENERIC_KEYS: tuple[str, ...] = guard_stems(_GENERIC_NOUN)  # derived from the pattern
_KIND_OF_NOUN = {"capital": "city", "city": "city", "town": "town", "district": "district"}  # (a capital is a city)

_PERIPHERAL_BEFORE = re.compile(
    r"(?:\b(?:outskirts|edge|edges|fringes?|gates|periphery|vicinity|suburbs?|approaches|doorstep|environs)\s+"
    r"of\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:(?:city|town|capital)\s+of\s+)?|"
    r"\b(?:around|near|(?<!\bthe\s)(?<!\ba\s)nearby(?!\s+(?:city|town|district|capital|provincial)\b)|close\s+to|closer\s+to|next\s+to|adjacent\s+to|outside|surround\w*(?!\s+districts?\s+of\b)|encircl\w*|besieg\w*|siege\s+(?:of|on)|"
    r"toward|towards|approach\w*|threaten\w*|advance\s+on|march\s+on|km\s+from|kilometres\s+from|miles\s+from|"
    r"attack\w*\s+(?:on\s+)?|assault\s+on|offensive\s+on|push\s+on)\s+(?:the\s+)?(?:\w+\s+){0,2}?"
    r"(?:(?:city|town|capital)\s+of\s+)?)$",
    re.I)

_LANDMARK_BEFORE = re.compile(
    r"(?:\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|"
    r"south-west)(?:ern)?\s+of\s+(?:the\s+)?(?:(?:city|town|provincial\s+capital|capital)\s+(?:of\s+)?)?|"
    r"\bbetween\s+[\w\-’' ]{1,30}\s+and\s+|\bbetween\s+|\b(?:road|highway|route|motorway)\s+(?:to|from|between|linking)\s+|"
    r"\b(?:linking|connecting|km|kilometres|kilometers|miles)\s+(?:\w+\s+){0,3}?(?:from|of|to)?\s*|"
    r"\b(?:from|to)\s+(?=\S*$)[\w\-]*-)$",
    re.I)

# stems every match of _PERIPHERAL_BEFORE / _LANDMARK_BEFORE contains (cheap pre-checks), derived from the patterns
_PERIPHERAL_KEYS: tuple[str, ...] = guard_stems(_PERIPHERAL_BEFORE)
_LANDMARK_KEYS: tuple[str, ...] = guard_stems(_LANDMARK_BEFORE)

# "Ghazni's outskirts", "the city's southern suburbs": the edge of a place, not the place
_PERIPHERAL_AFTER = re.compile(
    r"(?:'s|’s)\s+(?:\w+ern\s+|outer\s+|eastern\s+|western\s+)?(?:outskirts|suburbs?|edges?|fringes?|gates|periphery|"
    r"environs|approaches|outer\s+(?:districts|areas|villages)|(?:outlying|surrounding|neighbou?ring|nearby)\s+districts?\s+"
    r"of)\b", re.I)
# a place naming the people of it, after a determiner ("most Faizabad traders", "many Kandahar families")
_PEOPLE_AFTER = re.compile(rf"\s+(?:{ACTORS['civilian']})\b", re.I)
_DETERMINER_BEFORE = re.compile(r"\b(?:most|many|some|local|few|all|several|other|\d+)\s+$", re.I)
_LANDMARK_AFTER = re.compile(
    r"^(?:-[\w’'\-]+)?\s+(?:highway|road|motorway|route|airport|air\s+base|airbase|dam|tunnel|pass|corridor|river(?:\s+(?:border|bank|valley))?"
    r"\s+(?:border|bank|valley|front)|valley|frontier|side\s+of\s+the\s+(?:border|frontier|river|line))\b|^-[A-Z]", re.I)  # ("on
# the Kandahar side of the border")

# "the district centres of A and B", "the city centre of X" name their places: not a reference back
_NAMED_AFTER = r"(?!\s+(?:cent(?:re|er)s?|headquarters|seats?|administrations?)\s+of\b)"
_ANAPHORA = re.compile(
    r"\b(?:the|this|that)\s+(?:(?:provincial|province's|province’s)\s+(?:capital|centre|center)(?:\s+city)?|"
    rf"(?:city|town)(?!\s+of\b){_NAMED_AFTER}(?!\s+(?:council|police|officials?|residents?|authorities)\b)|"
    rf"province(?!\s+of\b)(?!s)|district(?!s)(?!\s+of\b)(?!\s+(?:cent(?:re|er)s|headquarters\s+of\s+(?:the|these)))\b{_NAMED_AFTER}(?!\s+(?:chief|governor|police|council)\b)|"
    r"(?:border\s+)?crossing(?!s)|border\s+(?:post|town|port)|afghan\s+side(?!\s+of\b)|(?<=the\s)cent(?:re|er)(?!s)(?!\s+of\b)|(?:dry\s+)?port(?!s)(?!\s+of\b)|capital(?!\s+of\b)(?!s))\b",
    re.I)

_ANAPHORA_KEYS: tuple[str, ...] = guard_stems(_ANAPHORA)  # derived from the pattern

_CENTRE_OF = re.compile(r"\bthe\s+cent(?:re|er)\s+of\s+(?:the\s+)?$", re.I)
_CAPITAL_OF = re.compile(
    r"\b(?:the\s+)?(?:provincial\s+)?(?:capital|main\s+city|administrative\s+cent(?:re|er)|provincial\s+cent(?:re|er))"
    r"(?:\s+city)?\s+of\s+(?:the\s+)?(?:(?:\w+ern|key|strategic|restive|remote|mountainous|neighbouring|"
    r"neighboring)\s+)*(?:province\s+of\s+)?$",
    re.I)
_CAPITAL_KEYS: tuple[str, ...] = guard_stems(_CAPITAL_OF)  # derived from the pattern

_CAPITAL_AFTER = re.compile(
    r"^(?:\s+province)?(?:'s|’s|')\s+(?:provincial\s+)?(?:capital|main\s+city|provincial\s+cent(?:re|er))(?:\s+city)?\b|"
    r"^\s+(?:provincial|province's|province’s)\s+(?:capital|centre|center)(?:\s+city)?\b|"
    r"^\s+capital(?:\s+city)?\b(?!\s+(?:of|region|area|province)\b)",  # (a headline's "Taliban breach Badghis capital")
    re.I)

_CITY_PART_AFTER = re.compile(r"(?:'s|’s)\s+(?:(?:(?:\w+ern|outer|inner|central|several|some|most|first|second|third|fourth|"
                              r"fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d{1,2}(?:st|nd|rd|th)?)\s+)*"
                              r"police\s+districts?\b|"  # ("Ghazni's third police district")
                              r"(?:fall|capture|seizure|takeover|handover|surrender)\b(?!\s+of\b))", re.I)  # ("Ghazni's fall")
# a province owning the name after it ("Kandahar's Arghandab district"): neither the place of the verb nor its city
POSSESSIVE_OWNER = re.compile(r"(?:'s|’s)\s+(?-i:[A-Z])")
# a base named after a place ("Camp Shorabak", "FOB Salerno"): the base, not the place
BASE_NAME_BEFORE = re.compile(r"\b(?:camp|base|fob)\s+$", re.I)
# what a place is to another named before it ("Islam Qala's neighbour, Ghoryan")
NEIGHBOUR_NOUN = r"(?:\w+ern\s+)?(?:neighbou?r(?:ing\s+(?:district|town|city))?|twin(?:\s+town)?|sister\s+(?:town|city|district))"
# a place named only as another's neighbour ("took Islam Qala's neighbour, Ghoryan"): the neighbour is the place
_NEIGHBOUR_AFTER = re.compile(r"(?:'s|’s)\s+" + NEIGHBOUR_NOUN + r"\s*,?\s+(?-i:[A-Z])", re.I)
# the men who held a place ("Sar-e-Pul's police retreated", "Kunduz's garrison"): the city's, as a name alone is
_CITY_FORCE_AFTER = re.compile(r"(?:'s|’s)\s+(?:(?:own|remaining|last|local)\s+)?(?:police|garrison|defenders|soldiers|troops|"
                               r"forces|security\s+forces)\b(?!\s+(?:chiefs?|commanders?|headquarters|command)\b)", re.I)
_PROVINCE_WORD_AFTER = re.compile(r"^(?:\s+|-)province\b|^(?:'s|’s|')\s", re.I)

# a place named only to measure a distance or a route ("40 km from X", "the road to X") is no antecedent
_ROUTE_BEFORE = re.compile(
    r"(?:(?:\b|(?<=\d))(?:km|kms|kilomet(?:re|er)s?|miles?|hours?|minutes?)\s+(?:[\w\-]+\s+){0,2}?(?:from|of|outside|away\s+from|"
    r"short\s+of)|\b(?:road|roads|highway|route|motorway|(?<!\btheir\s)(?<!\bits\s)way|drive|journey|supply\s+lines?|flights?)\s+"
    r"(?:(?:\w+\s+){0,2}?(?:to|from|into|towards?|between|linking|connecting)(?:\s+[\w\-]+(?:\s+[\w\-]+)?\s+"
    r"(?:and|to|with))?)|\b(?:push|drive|march|advance|thrust|sweep)\s+(?:towards?|on))\s+(?:the\s+)?"  # ("the highway
    # between Kabul and Kandahar": both ends; "in push towards Kabul": where they are going)
    r"(?:(?:city|town|provincial\s+capital)\s+of\s+)?$",
    re.I)

# a place foreign forces left ("US leaves Bagram", "The United States forces have left Bagram"): their withdrawal, no
# place anyone fled from
_FOREIGN_LEFT_BEFORE = re.compile(
    rf"\b(?:{ACTORS['foreign_side']}|americans|the\s+west)(?:\s+(?:{ACTORS['foreign_troop']}))?\s+"
    r"(?:(?:have|has|had)\s+)?(?:(?:finally|quietly|formally|completely)\s+)?(?:leaves?|left|leaving|quits?|quit|"
    r"withdr[ae]w(?:s|n)?\s+from|pull(?:s|ed)?\s+out\s+of|vacated?|hand(?:s|ed)?\s+over)\s+(?:the\s+)?$", re.I)

# a capital standing for its government ("Kabul offered talks", "Kabul has accused Islamabad", "the soldiers of the
# Kabul administration")
_GOVERNMENT_AFTER = re.compile(
    r"\s+(?:administration|regime|government)(?:'s|’s)?\b(?!\s+(?:offices?|buildings?|compound|headquarters|house|"
    r"cent(?:re|er)|quarter|district)\b)|"
    r"(?:-based)?\s+(?:media|press|newspapers?|dailies|(?:news\s+)?outlets?|broadcasters?|television\s+(?:channels?|stations?))"
    r"\b(?!\s+(?:offices?|buildings?|compound)\b)|"  # ("quoted by Kabul media": who reported, not where)
    r"\s+(?:(?:has|had|have|also|then|again|later|now)\s+)*(?:offer\w*|propos\w*|reject\w*|accus\w*|urg\w*|"
    r"call\w*\s+(?:for|on)|demand\w*|insist\w*|agree\w*|sign\w*|negotiat\w*|appeal\w*|announc\w*|welcom\w*|"
    r"condemn\w*|blam\w*|request\w*|sent\s+(?:a\s+)?(?:delegation|envoy|negotiators))\b",
    re.I)

# a capitalised name right before ", the capital of P" (a spelling the gazetteer lacks, confirmed by P)
_NAME_BEFORE_APPOSITIVE = re.compile(r"(?<![\w\-’'])((?-i:[A-Z])[\w’'\-]+(?:[\s\-](?-i:[A-Z])[\w’'\-]+){0,2})\s*,\s*$")

_NOT_NAMES = frozenset("""the taliban it this that city town province district capital officials police army
monday tuesday wednesday thursday friday saturday sunday""".split())
