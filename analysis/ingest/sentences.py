"""Sentence splitting for news copy, with spans into the article text."""

from __future__ import annotations

import re

from analysis.records import Sentence

#: Longest sentence handed to the extractors; longer ones are cut at clause boundaries so that
#: reading one article stays linear in its length (a text without full stops is one "sentence").
MAX_SENTENCE_CHARS = 1000
# Where a long sentence may be cut, best first: after ; or :, after a comma, before a conjunction.
_CLAUSE_MARKS = ("; ", ": ", ", ")
_CLAUSE_WORDS = re.compile(r"\s(?=(?:and|but|while|after|before|as|when|where|which|who|whereas|although|because)\s)", re.I)

# A candidate end: ellipsis, or a run of . ! ?, then optional closing quotes/brackets, then
# optionally a short bracketed credit ("... on July 7. (AFP)"), before whitespace or line end.
_PAREN_CREDIT = r"[(\[][^()\[\]\n]{0,39}[^()\[\]\n.!?\s][)\]]"
_CANDIDATE = re.compile(rf"(?P<mark>(?:\.{{2,}}|…|[.!?]+)[\"'”’»)\]]*)(?:[ \t]+{_PAREN_CREDIT}(?=\s|$))?(?=\s|$)")
_LINE = re.compile(r"[^\n]+")
_TOKEN_BEFORE = re.compile(r"(\S+)$")
_NEXT = re.compile(r"\s*[\"'“‘«(\[]*(\S?)")
_FOLLOWING_WORD = re.compile(r"([A-Za-z]+)")
_LETTER = re.compile(r"[^\W\d_]")
_CREDIT_TAIL = re.compile(rf"{_PAREN_CREDIT}\.?")
_TRIM = re.compile(r"\S(?:.*\S)?")
_NONSPACE = re.compile(r"\S")

# Titles and ranks that precede a name: a period after them never ends a sentence.
_TITLES = frozenset(
    """Mr Mrs Ms Messrs Mme Mlle Dr Prof Gen Gens Lt Col Maj Capt Cpt Sgt Cpl Pvt Adm Brig Cmdr Cdr
    Gov Sen Rep Amb Pres Supt Insp Rev Hon St Mt Ft""".split()
)
# Abbreviations whose period never ends a sentence when a number follows.
_BEFORE_NUMBER = frozenset("No Nos no nos Art Vol Fig fig p pp Para para Sec Ch ch Nr Tel ca c".split())
_MONTHS = frozenset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
# a day's number right before an abbreviated month ("22 Jun."): the date is whole, its period may end the sentence
_DAY_BEFORE_MONTH = re.compile(r"(?<![\d,.])\b[0-3]?\d\s+$")
_ENTRY_DATE = re.compile(r"[\s\-–—•*·>|]*(?:[A-Z][a-z]{1,8}\.?,?\s+)?[0-3]?\d\s+")
# Abbreviated weekdays ("8 Aug. (Sun.) - Kunduz", "Sat. 14 Aug."): like months, no end before a number or a non-starter
_WEEKDAYS = frozenset("Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun".split())
# Abbreviations that may also end a sentence: split only before a typical sentence starter.
_OTHER = frozenset(
    "etc Inc Corp Ltd Co Bros Jr Sr approx est vs al e.g i.e a.m p.m cf Dept Govt govt Intl Univ".split()
)
_DOTTED = re.compile(r"^(?:[A-Za-z]\.){2,}$|^(?:[A-Za-z]\.)+[A-Za-z]$")
_INITIAL = re.compile(r"^[A-Z]$")
# Words that typically open a new sentence (used only after an abbreviation).
_STARTERS = frozenset(
    """The A An He She It They We I You His Her Its Their Our This That These Those There Then
    In On At By For From With Without After Before When While Since As If But And Or Yet So
    However Meanwhile Earlier Later Also Still Some Many Most All No None Both Each Several
    Officials Asked According Despite Although Though Because Under Over During Last Next""".split()
)


def _strip_token(token: str) -> str:
    """Return the word before a sentence-final mark without surrounding quotes or brackets."""
    return token.lstrip("\"'“‘«([").rstrip(".!?…\"'”’»)]")


def _should_split(text: str, seg_start: int, m: re.Match[str], line_end: int) -> bool:
    """Decide whether the candidate end `m` closes a sentence."""
    mark = m.group("mark")
    nxt = _NEXT.match(text, m.end(), line_end)
    if nxt is None or not nxt.group(1):
        return True
    first = nxt.group(1)
    if first.islower():
        return False
    opens_quote = text[m.end():nxt.start(1)].strip() != ""
    core = mark.rstrip("\"'”’»)]")
    if "!" in core or "?" in core:
        return True
    if core.startswith("..") or core == "…":
        return first.isupper() or first.isdigit() or opens_quote
    # A single period: look at the word before it.
    before = _TOKEN_BEFORE.search(text, max(seg_start, m.start() - 40), m.start())
    if before is None:
        return True
    raw = before.group(1)
    if raw[-1:] in "\"'”’»)]":  # a quote or bracket closed before the period
        return True
    word = _strip_token(raw + ".")
    if word in _TITLES:
        return False
    if first.isdigit():
        return not (word in _BEFORE_NUMBER or word in _MONTHS or word in _WEEKDAYS)
    if word in _MONTHS and not opens_quote and first[:1].isupper() and _DAY_BEFORE_MONTH.search(
            text, max(seg_start, before.start() - 12), before.start()) and first.rstrip(".,") not in _WEEKDAYS and \
            not _ENTRY_DATE.fullmatch(text, seg_start, before.start()):
        return True  # "Qaisar: DC overrun Tue 22 Jun. District governor ...": a day's date closes the sentence (not a
        # date opening an entry: "- 14 Aug. Soldiers from Mazar crossed ...")
    if word in _MONTHS or word in _WEEKDAYS or word in _OTHER or _DOTTED.match(word) or _INITIAL.match(word):
        following = _FOLLOWING_WORD.match(text, nxt.start(1), min(line_end, nxt.start(1) + 30))
        if opens_quote and not (word in _MONTHS and following is not None and following.group(1) in _WEEKDAYS
                                and text[m.end():nxt.start(1)].strip() == "("):
            return True  # (but "8 Aug. (Sun.) - Kunduz": the weekday in brackets goes on the date)
        return bool(following) and following.group(1) in _STARTERS
    return True


def _clause_cut(text: str, s: int, e: int, limit: int) -> int:
    """Return where to cut the over-long span text[s:e]: the best clause boundary in its first `limit` characters."""
    lo, hi = s + limit // 2, s + limit
    for mark in _CLAUSE_MARKS:
        at = text.rfind(mark, lo, hi)
        if at >= 0:
            return at + len(mark)
    last = None
    for m in _CLAUSE_WORDS.finditer(text, lo, hi):
        last = m
    if last is not None:
        return last.end()
    space = max(text.rfind(" ", lo, hi), text.rfind("\t", lo, hi))
    return space + 1 if space >= 0 else hi


def _bound(text: str, spans: list[tuple[int, int]], limit: int, notes: list[str] | None) -> list[tuple[int, int]]:
    """Cut every span longer than `limit` at clause boundaries, noting each one cut."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if e - s <= limit:
            out.append((s, e))
            continue
        if notes is not None:
            notes.append(f"sentence at {s} of {e - s:,} characters split at clause boundaries")
        while e - s > limit:
            cut = _clause_cut(text, s, e, limit)
            trimmed = _TRIM.search(text, s, cut)
            if trimmed is not None:
                out.append(trimmed.span())
            nxt = _NONSPACE.search(text, cut, e)
            if nxt is None:
                s = e
                break
            s = nxt.start()
        if e > s:
            out.append((s, e))
    return out


def split_sentences(
    text: str, start: int = 0, end: int | None = None, *, notes: list[str] | None = None, limit: int = MAX_SENTENCE_CHARS
) -> list[Sentence]:
    """Split `text[start:end]` into sentences whose offsets index the full `text`.

    A sentence longer than `limit` characters is cut at clause boundaries (a note per sentence cut
    is appended to `notes`), so that no reader ever sees an unbounded sentence.
    """
    spans = sentence_spans(text, start, end, notes=notes, limit=limit)
    return [Sentence(index=i, start=s, end=e, text=text[s:e]) for i, (s, e) in enumerate(spans)]


def sentence_spans(
    text: str, start: int = 0, end: int | None = None, *, notes: list[str] | None = None, limit: int = MAX_SENTENCE_CHARS
) -> list[tuple[int, int]]:
    """Return the (start, end) spans of the sentences of `text[start:end]` (see `split_sentences`)."""
    n = len(text)
    start = max(0, min(start, n))
    end = n if end is None else max(start, min(end, n))
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text, start, end):
        ls, le = line.start(), line.end()
        pieces: list[tuple[int, int]] = []
        seg = ls
        for m in _CANDIDATE.finditer(text, ls, le):
            if _should_split(text, seg, m, le):
                pieces.append((seg, m.end()))
                seg = m.end()
        pieces.append((seg, le))
        merged: list[tuple[int, int]] = []
        carry: int | None = None
        for s, e in pieces:
            trimmed = _TRIM.search(text, s, e)
            if trimmed is None:
                continue
            s2, e2 = trimmed.span()
            if carry is not None:
                s2 = carry
                carry = None
            if _LETTER.search(text, s2, e2) is None:
                carry = s2  # a bare number or mark: glue it to the next piece
                continue
            if merged and text[s2] in "([" and _CREDIT_TAIL.fullmatch(text, s2, e2):
                merged[-1] = (merged[-1][0], e2)  # "(AFP)" after a caption belongs to it
                continue
            merged.append((s2, e2))
        if carry is not None:
            trimmed = _TRIM.search(text, carry, le)
            if trimmed is not None:
                if merged:
                    merged[-1] = (merged[-1][0], trimmed.end())
                else:
                    merged.append(trimmed.span())
        spans.extend(_bound(text, merged, limit, notes))
    return spans
