"""Article cleaning: mojibake, header date, dateline, outlet, boilerplate lines, sentences."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from typing import Iterable

import ftfy

from analysis import dates
from analysis.dedup import content_hash
from analysis.reading import RawDocument
from analysis.records import Article, Sentence
from analysis.sentences import split_sentences

YEAR_MIN, YEAR_MAX = 1990, 2035

_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    normalization="NFC",
    explain=False,
)
_MOJIBAKE_STEPS = frozenset(
    {"encode", "decode", "transcode", "restore_byte_a0", "replace_lossy_sequences", "decode_inconsistent_utf8"}
    | {"fix_c1_controls"}
)


@dataclass(frozen=True)
class LineInfo:
    """How one non-blank line of an article was read: header, dateline, boilerplate, heading or content."""

    start: int
    end: int
    kind: str  # header | dateline | boilerplate | heading | content
    reason: str = ""
    body_start: int = -1  # on content lines: where sentences begin (after a header or dateline)


# ---------------------------------------------------------------------------------------------
# Dates (read through the dates module)

_MON = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?![\d])")


def _safe_date(y: int, m: int, d: int) -> date | None:
    """Return date(y, m, d) when it exists and lies in the accepted year range."""
    if not YEAR_MIN <= y <= YEAR_MAX:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def find_full_dates_safe(text: str) -> list[tuple[date, int, int]]:
    """Return complete dates in `text` (via analysis.dates when present), never raising."""
    if _YEAR.search(text) is None:
        return []
    if len(text) > 400 and "\n" in text:
        found: list[tuple[date, int, int]] = []
        for line in re.finditer(r"[^\n]+", text):
            if _YEAR.search(line.group(0)):
                found.extend((d, line.start() + s, line.start() + e) for d, s, e in _full_dates(line.group(0)))
        return found
    return _full_dates(text)


def _full_dates(text: str) -> list[tuple[date, int, int]]:
    """Return complete dates in one piece of text."""
    return [(d, s, e) for d, s, e in dates.find_full_dates(text) if isinstance(d, date)]


def parse_date_value(value: str) -> tuple[date, str] | None:
    """Read a metadata date ('2021-07-10', '2021-07', '2021-07-10T08:00Z', 'July 10, 2021')."""
    m = _ISO_PREFIX.match(value)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if m.group(3):
            d = _safe_date(y, mo, int(m.group(3)))
            return (d, "day") if d else None
        d = _safe_date(y, mo, 1)
        return (d, "month") if d else None
    parsed = dates.parse_header_date(value)
    if parsed is not None and parsed[1] in ("day", "month"):
        return parsed
    full = find_full_dates_safe(value)
    return (full[0][0], "day") if full else None


# ---------------------------------------------------------------------------------------------
# Line classification

_HEADER = re.compile(r"[ \t]*date[ \t]*[:=]?[ \t]+(\d{4}-\d{1,2}(?:-\d{1,2})?)(?![\d\-])", re.I)
_QUOTE_MAP = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_EDGE_JUNK = " \t•·*-|>»›▶►■□●○◆◇→"

_NAV_EXACT = frozenset(
    """accessibility links|skip to main content|skip to content|skip navigation|jump to content|toggle navigation
    |main menu|menu|search|home|close|share|share this|share this article|share this story|share article|share on facebook
    |share on twitter|share via email|share via|tweet|email|e-mail|print|print this page|comments|comment|show comments
    |view comments|facebook|twitter|whatsapp|linkedin|telegram|reddit|copy link|copy url|link copied|subscribe|sign in
    |log in|login|register|newsletter|advertisement|advertising|ad|sponsored|sponsored content|related|related articles
    |related stories|related content|related topics|related news|more on this story|more stories|more from this author
    |most read|most popular|most viewed|trending|trending now|top stories|latest news|latest stories|latest|topics|tags
    |follow us|back to top|next article|previous article|next story|previous story|listen|listen to this article
    |read more|read full article|read full story|continue reading|load more|see more|show more|see all|view all
    |breaking news|fast news|breaking|live|live updates|live blog|just in|exclusive|updated|news|world|world news
    |asia|south asia|central asia|middle east|opinion|analysis|explainer|video|videos|photos|gallery|image|images
    |photo|watch|watch live|listen live|cookie policy|privacy policy|terms of use|terms and conditions|all rights reserved
    |story continues below|story continues below advertisement|scroll to continue|scroll to continue with content
    |article continues below|advertisement - scroll to continue|skip ad|loading|loading...|site map|sitemap|contact us
    |about us|download the app|get the app|in pictures|in photos|key points|topic|section|print edition|audio
    |font size|text size|a a a|aa|a+|a-|bookmark|save|save article|saved|add to favourites|feedback|report an error
    |corrections|correction|homepage|editions|edition|language|english|you may also like|recommended|recommended for you
    |don't miss|must read|editor's picks|editor's pick|top news|news feed|share via email""".replace("\n", "").split("|")
)
_NAV_EXACT = frozenset(s.strip() for s in _NAV_EXACT if s.strip())
_PREFIX_LINK = re.compile(
    r"^(?:read more|read also|also read|also see|see also|more|related|related story|related article|watch|listen"
    r"|watch live|watch video|recommended|suggested|explore more|more on this|don't miss|must read|trending|latest"
    r"|top story|sponsored|advertisement|editor's note|editor's pick|in depth|in-depth|explained|full coverage|click here"
    r"|live updates|fact check|photos|video|in pictures|podcast)\s*[:|>»\-]\s*\S",
    re.I,
)
_PROMO = re.compile(
    r"^(?:subscribe\b|sign up\b|follow us\b|follow (?:\S+ ){1,5}on (?:twitter|facebook|instagram|telegram|x)\b|click here"
    r"|tap here|download (?:the|our)\b|join (?:our|us)\b|get (?:the latest|our|breaking)\b|like us on|you can now"
    r"|to continue reading|support (?:our|independent) journalism|we'd like to|want to read more|get breaking news"
    r"|our standards\b|thank you for reading|if you value|help us|enjoying this\b|this article (?:is|was) (?:available|published)"
    r"|this story (?:first appeared|was originally)|originally published (?:at|on|by)|sign in to|log in to|already a subscriber)",
    re.I,
)
_IMAGE_CREDIT = re.compile(
    r"^(?:photo|photos|image|images|picture|photograph|file photo|file image|file picture|credit|photo credit"
    r"|image credit|image source|image copyright|illustration|graphic|video|video credit|footage|cover photo"
    r"|feature image|featured image|top image|main image|lead image|header image)s?\s*(?:[:/|,]|by\b)",
    re.I,
)
_CREDIT_VOCAB = re.compile(
    r"\b(?:AP|AFP|REUTERS|Reuters|Getty|Images|EPA|EFE|EPA-EFE|Xinhua|Anadolu|Shutterstock|Stringer|STRINGER|Photo|Pool|"
    r"File|via|Handout|HANDOUT|Sputnik|TASS|IRNA|ANI|UPI|dpa|DPA|Alamy|WANA|Pajhwok)\b"
)
_PAREN_LINE = re.compile(r"^[\(\[][^()\[\]]{1,60}[\)\]]\.?$")
_VIDEO_START = re.compile(
    r"^(?:video duration\b|(?:play|watch) (?:video|now|the video)$|\d{1,2}:\d{2}(?::\d{2})?$|(?:now )?playing\b"
    r"|up next\b|embed$|replay$|autoplay\b|mute$|unmute$|fullscreen$)",
    re.I,
)
_VIDEO_ANYWHERE = re.compile(
    r"your browser|enable javascript|javascript (?:is )?(?:disabled|required|must be enabled|is not enabled)"
    r"|media playback is|does ?n[o']?t support (?:the )?(?:video|audio|html5|this)|not support (?:the )?(?:video|audio|html5)"
    r"|video (?:is )?(?:not available|unavailable)|press play"
    r"|this (?:video|content|embed|media) (?:is not|is un|cannot|can ?not|could not|isn't|requires)",
)
_VIDEO_HINTS = ("browser", "javascript", "playback", "support", "video", "content", "embed", "media", "play")
_TWEET_LINK = re.compile(r"pic\.twitter\.com/|twitter\.com/\w+/status|x\.com/\w+/status|\bt\.co/\w+|instagram\.com/p/", re.I)
_TWEET_END = re.compile(rf"(?:^|\s)(?:—|–|-|--)\s*[^\n()]{{0,80}}\(@\w{{1,20}}\)\s*{_MON}\.?\s+\d{{1,2}},?\s+\d{{4}}\s*$")
_EMBED_OTHER = re.compile(r"^(?:a post shared by\b|view this post on instagram|view on (?:twitter|instagram|x)$)", re.I)
_SOURCE = re.compile(r"^sources?\s*:\s*(?P<src>\S.{0,80}?)\s*\.?$", re.I)
_SOURCE_TAIL = re.compile(
    r"\s*(?:,|/|&|\+|\band\b|\bwith\b)\s*(?:other\s+|news\s+|wire\s+)?(?:agencies|agency|wires|news agencies)\s*$", re.I
)
_CREDIT = re.compile(
    r"^[\(\[]?\s*(?:with\s+|additional\s+)?(?:reporting|writing|editing|compiled|compilation|research|edited|written"
    r"|translated|translation|production|produced|contributing|contributions?)\s+(?:by|from)\b",
    re.I,
)
_CONTRIBUTED = re.compile(r"\bcontributed (?:to )?this (?:report|story|article)", re.I)
_REUTERS_CREDIT = re.compile(r"\breporting by\b.*\b(?:editing|writing) by\b", re.I)
_BYLINE = re.compile(
    r"^By\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,4}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,4})*(?:\s*[,|/\-]\s*[^.!?]{0,50})?$"
)
_COPYRIGHT = re.compile(
    r"^(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?,?\s*(?P<holder>[^.|,]{2,60}?)?\s*"
    r"(?:[.|,]|all rights reserved|$)",
    re.I,
)
_IMAGE_MARKER = re.compile(
    r"^[\W_]*(?:\d+\s*x\s*\d+\s+)?(?:image|images|photo|photos|video|videos|gallery|slideshow|media|infographic|graphic"
    r"|audio|map)[\W_]*$",
    re.I,
)
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_DATE_LABEL = re.compile(
    r"^(?:published|posted|updated|last updated|first published|date|dated|last modified|created)\b\s*(?:on|at)?\s*[:\-]?\s*",
    re.I,
)
_DATE_WORDS = frozenset(
    """jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october
    nov november dec december mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday
    sun sunday am pm a.m p.m gmt utc ist pkt pst est edt et bst cet cest aft irst msk on at updated published last
    first posted hrs hours ago t z""".split()
)
_WORD_TOKEN = re.compile(r"[A-Za-z][A-Za-z.]*")
_HEADING_END = re.compile(r"[.!?…]['\"”’)\]]*$")
_HASHTAG = re.compile(r"(?:^|\s)[#@]\w")
_PROMO_OPENING = re.compile(r"^(?P<name>.{2,60}?)(?:'s|’s)?\s+(?:is|are|was)\s+(?:one of|a|an|the)\b")

_AGENCY_NAMES = {
    "associated press": "AP",
    "the associated press": "AP",
    "ap": "AP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "afp": "AFP",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "deutsche presse-agentur": "dpa",
    "dpa": "dpa",
}

_NOT_PLACES = frozenset(
    """BREAKING UPDATE UPDATED EXCLUSIVE WATCH ANALYSIS OPINION LIVE FACTBOX EXPLAINER URGENT FLASH VIDEO PHOTOS
    NOTE CORRECTION EDITORS EDITOR'S EDITOR’S REFILE WRAPUP INSIGHT COLUMN COMMENT REVIEW INTERVIEW SPECIAL""".split()
)
_PW = r"[A-Z][A-Za-z'’.\-/]*"
_DATELINE = re.compile(
    rf"(?P<place>(?P<first>{_PW}(?:[ ]{_PW}){{0,3}})(?P<country>,[ ]+(?!{_MON}\.?[ ]+\d){_PW}(?:[ ]{_PW}){{0,2}})?)"
    rf"(?:,?[ ]+(?P<md>{_MON}\.?[ ]+\d{{1,2}})(?:,[ ]*\d{{4}})?)?"
    rf"(?:[ ]*\((?P<agency>[A-Za-z][A-Za-z0-9&/.'’ \-]{{0,40}})\))?"
    rf"[ ]*(?P<sep>--|—|–|-|:)?[ ]*"
)


def line_key(line: str) -> str:
    """Return the normalised form of a line used to count lines repeated across articles."""
    s = unicodedata.normalize("NFKC", line).translate(_QUOTE_MAP).casefold()
    s = re.sub(r"\d", "0", s)
    return re.sub(r"\s+", " ", s).strip(_EDGE_JUNK + " ")


def _exact_key(line: str) -> str:
    """Return a line folded for case, quotes and spacing only (digits kept), for in-article repeats."""
    return re.sub(r"\s+", " ", line.translate(_QUOTE_MAP).casefold()).strip(_EDGE_JUNK + " ")


def _norm(line: str) -> str:
    """Return a line with straight quotes and plain dashes for pattern matching."""
    return line.translate(_QUOTE_MAP).strip()


def _agency(name: str) -> str:
    """Return an agency or outlet name in its usual short form."""
    cleaned = re.sub(r"\s+", " ", name).strip(" .,;:-")
    return _AGENCY_NAMES.get(cleaned.casefold(), cleaned)


def _is_date_line(norm: str) -> bool:
    """True when a line only states a date/time (optionally after a 'Published' label)."""
    rest = _DATE_LABEL.sub("", norm, count=1)
    if not rest or len(rest) > 80 or not find_full_dates_safe(rest):
        return False
    words = _WORD_TOKEN.findall(rest)
    return all(w.lower().rstrip(".") in _DATE_WORDS or w.lower() in _DATE_WORDS for w in words)


def _boilerplate_reason(norm: str, n_words: int) -> str:
    """Return why a (normalised) line is boilerplate, or '' when it is not."""
    low = norm.casefold()
    bare = low.strip(_EDGE_JUNK + " :")
    if bare in _NAV_EXACT:
        return "navigation"
    if ("/" in norm and _TWEET_LINK.search(norm)) or ("(@" in norm and _TWEET_END.search(norm)) or _EMBED_OTHER.match(bare):
        return "embedded post"
    if n_words > 40:
        return ""  # a paragraph: only embedded posts are recognised at this length
    if n_words <= 25 and (
        _VIDEO_START.match(bare) or (any(h in bare for h in _VIDEO_HINTS) and _VIDEO_ANYWHERE.search(bare))
    ):
        return "video player notice"
    if _PREFIX_LINK.match(bare):
        return "link to another story"
    if _PROMO.match(bare):
        return "promotion"
    if n_words <= 10 and _SOURCE.match(norm):
        return "source credit"
    if _CREDIT.match(norm) or ("contributed" in bare and _CONTRIBUTED.search(norm)):
        return "reporting credit"
    if n_words > 20:
        return ""
    if _COPYRIGHT.match(norm) and re.match(r"^(?:copyright|©|\(c\))", low):
        return "copyright"
    if n_words <= 15 and _IMAGE_CREDIT.match(bare):
        return "image credit"
    if n_words <= 6 and _PAREN_LINE.match(norm):
        return "parenthesised credit or note"
    if n_words <= 8 and ("/" in norm or " via " in norm) and _CREDIT_VOCAB.search(norm) and not _HEADING_END.search(norm):
        return "image credit"
    if n_words <= 6 and _IMAGE_MARKER.match(norm):
        return "image marker"
    if _URL_LINE.match(norm):
        return "link"
    if n_words <= 12 and _BYLINE.match(norm):
        return "byline"
    if n_words <= 14 and _is_date_line(norm):
        return "date line"
    return ""


@dataclass
class _Work:
    """Mutable per-line state while classifying."""

    start: int
    end: int
    kind: str = "content"
    reason: str = ""
    body_start: int = -1


def _nonblank_lines(text: str) -> list[_Work]:
    """Return the stripped spans of the non-blank lines of `text`."""
    out: list[_Work] = []
    for m in re.finditer(r"[^\n]+", text):
        t = re.search(r"\S(?:.*\S)?", m.group(0))
        if t:
            out.append(_Work(m.start() + t.start(), m.start() + t.end()))
    for w in out:
        w.body_start = w.start
    return out


@dataclass
class _Analysis:
    """Everything read from an article's lines."""

    lines: list[_Work]
    header: tuple[date, str] | None = None
    header_raw: str = ""
    date_line: tuple[date, str] | None = None
    dateline: str = ""
    dateline_agency: str = ""
    source_outlet: str = ""
    copyright_outlet: str = ""
    promo_outlet: str = ""
    reuters_credit: bool = False


def _analyse(text: str, corpus_boilerplate: frozenset[str] = frozenset()) -> _Analysis:
    """Classify the lines of a repaired article text and collect header, dateline and outlet clues."""
    lines = _nonblank_lines(text)
    an = _Analysis(lines)
    if not lines:
        return an
    # Header date: " date 2021-07-10" at the start of the first line, possibly followed by text.
    first = lines[0]
    hm = _HEADER.match(text, first.start, first.end)
    if hm:
        an.header_raw = hm.group(1)
        an.header = parse_date_value(hm.group(1))
        rest = re.search(r"\S", text[hm.end() : first.end])
        if rest is None:
            first.kind, first.reason = "header", "header date"
        else:
            first.body_start = hm.end() + rest.start()

    normed = [_norm(text[w.body_start : w.end]) for w in lines]
    n_words = [len(n.split()) for n in normed]
    n_lines = len(lines)
    seen_keys: dict[str, int] = {}
    for i, w in enumerate(lines):
        if w.kind != "content":
            continue
        reason = _boilerplate_reason(normed[i], n_words[i])
        if reason == "date line" and i < 8 and an.date_line is None:
            label = _DATE_LABEL.match(normed[i])
            if label is None or not label.group(0).lower().startswith(("updated", "last")):
                an.date_line = parse_date_value(normed[i][label.end() if label else 0 :])
        if reason == "source credit":
            m = _SOURCE.match(normed[i])
            name = _SOURCE_TAIL.sub("", m.group("src")) if m else ""
            if name and name.casefold() not in ("agencies", "agency", "wires") and not an.source_outlet:
                an.source_outlet = _agency(name)
        elif reason == "copyright":
            m = _COPYRIGHT.match(normed[i])
            holder = (m.group("holder") or "").strip() if m else ""
            holder = re.sub(r"(?i)\s*all rights reserved.*$", "", holder)
            if holder and len(holder.split()) <= 6 and not an.copyright_outlet and re.search(r"[A-Za-z]", holder):
                an.copyright_outlet = _agency(holder)
        elif reason == "reporting credit" and _REUTERS_CREDIT.search(normed[i]):
            an.reuters_credit = True
        if reason:
            w.kind, w.reason = "boilerplate", reason
            continue
        if corpus_boilerplate and line_key(normed[i]) in corpus_boilerplate:
            w.kind, w.reason = "boilerplate", "repeated across corpus"

    # Tweet text just above an embedded-tweet end line: lines opening with hashtags or handles.
    for i, w in enumerate(lines):
        if w.reason == "embedded post":
            j = i - 1
            while j >= 0 and i - j <= 3 and lines[j].kind == "content" and _HASHTAG.match(normed[j]):
                lines[j].kind, lines[j].reason = "boilerplate", "embedded post"
                j -= 1

    # Outlet self-description after the credits: "X" then "X is one of the most ...".
    for i in range(n_lines - 1):
        if lines[i].kind != "content" or lines[i + 1].kind != "content" or n_words[i] > 6:
            continue
        name = normed[i].rstrip(".:")
        nxt = normed[i + 1]
        m = _PROMO_OPENING.match(nxt)
        if name and m and m.group("name").rstrip("'’s").strip() == name.rstrip("'’s").strip() and n_words[i + 1] >= 8:
            for k in (i, i + 1):
                lines[k].kind, lines[k].reason = "boilerplate", "outlet promotion"
            an.promo_outlet = an.promo_outlet or name

    # Everything after a closing credit line in the second half of the article.
    for i, w in enumerate(lines):
        if w.reason in ("source credit", "reporting credit") and i >= n_lines / 2:
            for later in lines[i + 1 :]:
                if later.kind in ("content", "heading"):
                    later.kind, later.reason = "boilerplate", "after credits"
            break

    # Repeated captions (consecutive) and repeated lines (anywhere later in the article).
    prev_i = -1
    for i, w in enumerate(lines):
        if w.kind != "content":
            continue
        key = _exact_key(normed[i])
        if prev_i >= 0 and prev_i == i - 1 and n_words[i] >= 4:
            pkey = _exact_key(normed[prev_i])
            shorter, longer = sorted((pkey, key), key=len)
            extra = len(longer) - len(shorter)
            if key == pkey or (longer.startswith(shorter) and len(shorter) >= 20 and extra <= 60):
                w.kind, w.reason = "boilerplate", "repeated caption"
                continue
        if n_words[i] >= 6 and key in seen_keys:
            w.kind, w.reason = "boilerplate", "repeated line"
            continue
        seen_keys.setdefault(key, i)
        prev_i = i

    # Headings: short lines without a closing mark, and short all-capitals lines.
    for i, w in enumerate(lines):
        if w.kind != "content":
            continue
        letters = re.sub(r"[^A-Za-z]", "", normed[i])
        if (n_words[i] <= 6 and not _HEADING_END.search(normed[i])) or (
            n_words[i] <= 12 and len(letters) >= 4 and letters.isupper() and not _HEADING_END.search(normed[i])
        ):
            w.kind, w.reason = "heading", "heading"

    # Dateline at the start of one of the first body lines.
    checked = 0
    for w in lines:
        if w.kind not in ("content", "heading"):
            continue
        checked += 1
        if checked > 5:
            break
        found = _match_dateline(text, w.body_start, w.end)
        if found is None:
            continue
        place, agency, end = found
        alone = re.search(r"\S", text[end : w.end]) is None
        if not alone and w.kind == "heading":
            continue
        an.dateline, an.dateline_agency = place, agency
        if alone:
            w.kind, w.reason = "dateline", "dateline"
        else:
            w.body_start = end
        break
    return an


def _match_dateline(text: str, start: int, end: int) -> tuple[str, str, int] | None:
    """Return (place, agency, body start) for a dateline opening text[start:end], else None."""
    m = _DATELINE.match(text, start, end)
    if m is None:
        return None
    place, first, agency, sep = m.group("place"), m.group("first"), m.group("agency") or "", m.group("sep") or ""
    if len(place) > 45 or first.upper().strip(".") in _NOT_PLACES:
        return None
    agency_words = [wd for wd in agency.replace("/", " ").split()]
    agency_ok = 0 < len(agency_words) <= 4 and all(
        wd[:1].isupper() or wd.lower() == "dpa" or wd in ("&", "and") for wd in agency_words
    )
    letters = re.sub(r"[^A-Za-z]", "", first)
    caps = len(letters) >= 3 and letters.isupper()
    if agency and not agency_ok:
        return None
    accepted = (
        (agency_ok and (sep or caps or m.group("md") or m.group("country")))
        or (sep in ("--", "—", "–", "-") and (caps or m.group("md")))
        or (sep == ":" and caps)
        or (sep in ("--", "—") and m.group("country"))
    )
    if not accepted:
        return None
    if m.end() >= end:
        return place, _agency(agency) if agency_ok else "", end  # a dateline on its own line
    # A dateline must be followed by a sentence, not by the rest of a name or a number.
    nxt = text[m.end() : m.end() + 1]
    if not (nxt.isalpha() or nxt in "\"“'‘("):
        return None
    return place, _agency(agency) if agency_ok else "", m.end()


def classify_lines(text: str, corpus_boilerplate: frozenset[str] = frozenset()) -> list[LineInfo]:
    """Return how each non-blank line of a (repaired) article text is read."""
    return [
        LineInfo(w.start, w.end, w.kind, w.reason, w.body_start if w.kind == "content" else -1)
        for w in _analyse(text, corpus_boilerplate).lines
    ]


def candidate_lines(text: str) -> list[str]:
    """Return the keys of an article's lines that may be corpus boilerplate (each key once)."""
    keys: list[str] = []
    seen: set[str] = set()
    for w in _nonblank_lines(text):
        line = text[w.start : w.end]
        hm = _HEADER.match(line)
        if hm:
            line = line[hm.end() :]
        if not line.strip() or len(line.split()) > 30:
            continue
        key = line_key(line)
        if key and key not in seen and re.search(r"[^\W\d_]", key):
            seen.add(key)
            keys.append(key)
    return keys


def repeated_lines(key_lists: Iterable[Iterable[str]], min_articles: int = 4) -> frozenset[str]:
    """Return the line keys present in at least `min_articles` of the given articles."""
    counts: dict[str, int] = {}
    for keys in key_lists:
        for key in set(keys):
            counts[key] = counts.get(key, 0) + 1
    return frozenset(k for k, n in counts.items() if n >= max(1, min_articles))


# ---------------------------------------------------------------------------------------------
# Cleaning


# A UTF-8 lead byte read as Latin-1/cp1252 followed by a continuation byte read the same way.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_REPAIRABLE_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _needs_repair(text: str) -> bool:
    """True when ftfy could change the text (mojibake, control characters, non-NFC forms)."""
    if _REPAIRABLE_CHARS.search(text) is not None:
        return True
    if text.isascii():
        return False
    return _MOJIBAKE_HINT.search(text) is not None or not unicodedata.is_normalized("NFC", text)


def repair_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Repair mojibake and control characters conservatively; return text and what was done."""
    if not _needs_repair(text):
        return text, ()
    fixed = ftfy.fix_text(text, _FTFY)
    if fixed == text:
        return text, ()
    steps = ftfy.fix_and_explain(text, _FTFY._replace(explain=True)).explanation or []
    notes: list[str] = []
    if any(action in _MOJIBAKE_STEPS or param in _MOJIBAKE_STEPS for action, param in steps):
        notes.append("mojibake repaired")
    if any(param == "remove_control_chars" for _, param in steps):
        notes.append("control characters removed")
    if not notes:
        notes.append("text normalised (NFC)")
    return fixed, tuple(notes)


def _outlet(doc: RawDocument, an: _Analysis) -> str:
    """Pick the outlet: dateline agency, 'Source:' credit, page metadata, copyright, self-description."""
    metadata = _agency(doc.outlet) if doc.outlet else ""
    for candidate in (an.dateline_agency, an.source_outlet, metadata, an.copyright_outlet, an.promo_outlet):
        if candidate:
            return candidate
    return "Reuters" if an.reuters_credit else ""


def clean_document(doc: RawDocument, corpus_boilerplate: frozenset[str] = frozenset()) -> Article:
    """Turn a raw document into an Article: repaired text, date, dateline, outlet, sentences."""
    if doc.status != "ok":
        return Article(
            article_id=doc.article_id,
            path=doc.path,
            status=doc.status,
            warnings=doc.warnings,
            encoding=doc.encoding,
            fmt=doc.fmt,
            url=doc.url,
        )
    warnings = list(doc.warnings)
    try:
        text, notes = repair_text(doc.text)
    except Exception:  # noqa: BLE001 - never lose an article to the repair step
        text, notes = doc.text, ("text repair failed; text kept as read",)
    warnings.extend(notes)
    an = _analyse(text, corpus_boilerplate)

    sentences: list[Sentence] = []
    for w in an.lines:
        if w.kind == "content":
            sentences.extend(split_sentences(text, w.body_start, w.end))
    sentences = [replace(s, index=i) for i, s in enumerate(sentences)]

    published: date | None = None
    precision, source = "", "unknown"
    if an.header is not None:
        (published, precision), source = an.header, "header"
    elif an.header_raw:
        warnings.append(f"invalid header date {an.header_raw!r}")
    if published is None and doc.header_date:
        parsed = parse_date_value(doc.header_date)
        if parsed is not None:
            (published, precision), source = parsed, "header"
        else:
            warnings.append(f"unreadable metadata date {doc.header_date[:40]!r}")
    if published is None and an.date_line is not None:
        (published, precision), source = an.date_line, "header"
    if published is None:
        body_from = an.lines[0].body_start if an.lines else 0
        full = [d for d, s, _ in find_full_dates_safe(text) if s >= body_from]
        if full:
            published, precision, source = max(full), "day", "text"
    if published is None:
        warnings.append("no date found")
    if not sentences:
        warnings.append("no sentences after cleaning")

    n_boiler = sum(1 for w in an.lines if w.kind == "boilerplate")
    return Article(
        article_id=doc.article_id,
        path=doc.path,
        text=text,
        published=published,
        published_precision=precision,
        published_source=source,
        outlet=_outlet(doc, an),
        dateline=an.dateline,
        status="ok",
        warnings=tuple(dict.fromkeys(warnings)),
        sentences=tuple(sentences),
        n_boilerplate=n_boiler,
        encoding=doc.encoding,
        fmt=doc.fmt,
        content_hash=content_hash("\n".join(s.text for s in sentences)),
        url=doc.url,
    )


def month_days_in(article: Article) -> list[tuple[int, int]]:
    """Return the year-less (month, day) mentions in an article's sentences and dateline."""
    if not article.sentences:
        return []
    text = article.text
    first = article.sentences[0]
    line_start = text.rfind("\n", 0, first.start) + 1
    spans = [(line_start, first.start)] + [(s.start, s.end) for s in article.sentences]
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if end <= start:
            continue
        for month, day, _, _ in dates.find_month_days(text[start:end]):
            out.append((int(month), int(day)))
    return out
