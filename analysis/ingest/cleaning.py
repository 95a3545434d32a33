"""Article cleaning: mojibake, header date, dateline, outlet, boilerplate lines, sentences."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from analysis.extract import dates, lists  # the timeline shapes extraction reads
from analysis.extract.dateforms import FOREIGN_MONTHS, FOREIGN_WEEKDAYS
from analysis.extract.posts import stamp_day
from analysis.ingest.duplicates import content_hash
from analysis.ingest.files import RawDocument
from analysis.ingest.normalise import change_warning, normalise_text, repair_text  # noqa: F401
from analysis.ingest.outlets import (  # noqa: F401 - re-exported for callers of cleaning
    OUTLETS_CSV,
    OutletTable,
    canonical_outlet,
    find_outlet_names,
    known_outlet,
    load_outlets,
    outlet_from_domain,
    outlet_key,
)
from analysis.records import Article, Sentence
from analysis.ingest.sentences import sentence_spans, split_sentences  # noqa: F401 - split_sentences re-exported
from analysis.ingest.tables import restore_tables
from analysis.ingest.unwrap import WrapBreaks, drop_cap_gaps, split_word_gaps, wrap_breaks

YEAR_MIN, YEAR_MAX = 1990, 2035

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


_YEAR = re.compile(r"(?<!\d)(?:19|20|13|14)\d\d(?!\d)")  # (13xx, 14xx: a solar Hijri year)


def find_full_dates_safe(text: str) -> list[tuple[date, int, int]]:
    """Return complete dates in `text` (via analysis.extract.dates when present), never raising."""
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
    first posted hrs hours ago t z of year month day""".split()
)
# the separators of a masthead line that carries the date among other items ("24.06.2021 | 16:40 World | Views: 3 412",
# "Agency · Nur-Sultan · 2021 year 29 June, Tuesday · translated automatically")
_MASTHEAD_SEPARATOR = re.compile(r"\s+[|·•]\s+")
MASTHEAD_WORDS = 15  # a line this long or shorter may still be above the story (a name, a menu, a translation note)
_WORD_TOKEN = re.compile(r"[A-Za-z][A-Za-z.]*")
_ANY_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")  # a word in any alphabet ("jumma'a", "segunda-feira")
# other languages' months and weekdays, and the small words their date lines put between day, month, year and time
_OTHER_DATE_WORDS = frozenset(FOREIGN_MONTHS) | FOREIGN_WEEKDAYS | frozenset(
    "de del ga u klo kl um à le el om alle ore godz ng sa na gada m d g".split())
_HEADING_END = re.compile(r"[.!?…]['\"”’)\]]*$")
_HASHTAG = re.compile(r"(?:^|\s)[#@]\w")
_PROMO_OPENING = re.compile(r"^(?P<name>.{2,60}?)(?:'s|’s)?\s+(?:is|are|was)\s+(?:one of|a|an|the)\b")

_NOT_PLACES = frozenset(
    """BREAKING UPDATE UPDATED EXCLUSIVE WATCH ANALYSIS OPINION LIVE FACTBOX EXPLAINER URGENT FLASH VIDEO PHOTOS
    NOTE CORRECTION EDITORS EDITOR'S EDITOR’S REFILE WRAPUP INSIGHT COLUMN COMMENT REVIEW INTERVIEW SPECIAL
    FYI PS NB FW FWD RE ALSO THANKS HI DEAR""".split()
)  # (a mail's "FYI, Khamyab (Jowzjan) went yesterday too" opens a sentence, not a dateline)
# a word of an outlet's name, never of a town's: a line opening with it is a masthead, not a dateline
_OUTLET_WORD = re.compile(r"\b(?:News|Agency|Newswire|Wire|Press|Times|Post|Herald|Radio|Television|TV|Daily|Gazette|"
                          r"Tribune|Courier|Broadcasting|Journal|Media)\b")
_PW = r"[A-Z][A-Za-z'’.\-/]*"
_HIJRI_MON = r"(?:Hamal|Sawr|Saur|Jawza|Saratan|Asad|Sunbula|Sonbola|Mizan|Aqrab|Qaws|Jadi|Dalw|Hut|Hoot)"
_DATELINE = re.compile(
    rf"(?P<place>(?P<first>{_PW}(?:(?:[ ]|[ ]?/[ ]?){_PW}){{0,3}})(?:[ ]\({_PW}(?:[ ]{_PW}){{0,2}}\)(?=,))?"  # "Herat (Afghanistan), Aug 12"
    rf"(?P<country>,[ ]+(?!{_MON}\.?[ ]+\d|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b){_PW}(?:[ ]{_PW}){{0,2}})?)"
    rf"(?:[ ]*\((?P<agency_first>[A-Za-z][A-Za-z0-9&/.'’ \-]{{0,40}})\)(?=[ ]+\d))?"  # "MAZAR (Outlet) 2 Saratan 1400:"
    rf"(?:,?[ ]+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ ]+)?"  # ("KABUL, Monday, July 5 -")
    rf"(?P<md>{_MON}\.?[ ]+\d{{1,2}}|\d{{1,2}}[ ]+{_HIJRI_MON}|\d{{1,2}}[ ]+{_MON}\.?)(?:,?[ ]*\d{{4}})?)?"
    rf"(?:[ ]*\((?P<agency>[A-Za-z][A-Za-z0-9&/.'’ \-]{{0,40}})\)|\.?[ ]*/(?P<slashed>[A-Z][A-Za-z0-9\-]{{1,30}})/\.?)?"
    rf"[ ]*(?P<sep>--|—|–|\.-|-|:)?[ ]*"  # ".-" after the agency: "Kabul, Aug 10 (EFE).- The ..."
)


_DIGIT = re.compile(r"\d")
_SPACE_RUN = re.compile(r"\s+")
_KEY_EDGES = _EDGE_JUNK + " "


def line_key(line: str) -> str:
    """Return the normalised form of a line used to count lines repeated across articles."""
    s = unicodedata.normalize("NFKC", line).translate(_QUOTE_MAP).casefold()
    s = _DIGIT.sub("0", s)
    return _SPACE_RUN.sub(" ", s).strip(_KEY_EDGES)


def _exact_key(norm: str) -> str:
    """Return a normalised line (see `_norm`) folded for case and spacing (digits kept), for in-article repeats."""
    return " ".join(norm.casefold().split()).strip(_KEY_EDGES)


def _norm(line: str) -> str:
    """Return a line with straight quotes and plain dashes for pattern matching."""
    return line.translate(_QUOTE_MAP).strip()


# "Published in Dawn, July 27th, 2021", "This article originally appeared on Example News".
_PUBLISHED_IN = re.compile(
    r"^(?:this (?:article|story|report|piece|item|content|interview)\s+(?:was\s+|is\s+|has been\s+)?"
    r"(?:first\s+|originally\s+)?(?:appeared|published|posted|ran|reproduced|republished|syndicated)"
    r"|(?:it\s+)?(?:was\s+)?(?:first|originally)\s+(?:published|appeared|posted|ran)"
    r"|(?:published|appeared|republished|reproduced|syndicated|printed)(?:\s+with permission)?)"
    r"\s+(?:in|on|by|at|from)\s+(?:the\s+)?(?P<name>[^,;|()]{2,60}?)"
    r"\s*(?:,|;|\||\(|\s(?:on|at|in)\s+\S|\.\s|\.?$)",
    re.I,
)
_TAGS = re.compile(r"^(?:tags?|topics?|keywords?|filed under|categories|category|related topics?)\s*:\s*\S", re.I)
# A byline that carries the publication time: "Farid Noori Published July 27, 2021 Updated 2 hours ago".
_BYLINE_DATE = re.compile(
    r"^(?:By\s+)?[A-Z][\w.'\-]+(?:\s+(?:[A-Z][\w.'\-]+|and|&))*\s*[,|\-–—]?\s*"
    r"(?P<label>Published|Posted|First published|Updated|Last updated)\b(?P<rest>.*)$"
)
_ROLE_TAIL = re.compile(
    r"\s+(?:reporter|reporters|correspondent|correspondents|staff|staff reporter|staff report|report|news desk|desk"
    r"|web desk|monitoring desk|monitoring|editorial|online|digital|team|newsroom|bureau)$",
    re.I,
)
_CREDIT_REST_WORDS = frozenset("in on at print edition issue page newspaper website".split())
_MONTHS_AND_DAYS = frozenset(w for w in _DATE_WORDS if len(w) > 2 and w.isalpha())
# An outlet naming itself inside the story: "told Example News", "Example News's correspondent", "Example data".
_SELF_BEFORE = re.compile(
    r"(?:\btold|\btelling|\bspeaking to|\bspeaking with|\btalking to|\bin an interview with|\bsaid to)\s+$", re.I
)
_SELF_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:own\s+)?(?:correspondents?|reporters?|count|tally|data|analysis|calculations?|investigation"
    r"|sources|has learned|has learnt|learned|learnt|could not independently)\b",
    re.I,
)


def _outlet_line(norm: str, n_words: int) -> str:
    """Return the outlet a short credit line names ("BBC News", "- Example Daily", "Example reporter", "A | B | date")."""
    if n_words > 14 or not norm:
        return ""
    if n_words <= 6:
        core = re.sub(r"^(?:By|From)\s+", "", norm.strip(_EDGE_JUNK + " ©()[]:"))
        core = _ROLE_TAIL.sub("", core).strip(_EDGE_JUNK + " ,")
        found = known_outlet(core)
        if found:
            return found
    parts = [p.strip() for p in re.split(r"[|•·]", norm)]
    if len(parts) >= 2:
        for part in parts:
            if 0 < len(part.split()) <= 4:
                found = known_outlet(part)
                if found:
                    return found
    return ""


def _published_in(norm: str) -> str:
    """Return the outlet named by a 'Published in X' / 'originally appeared on X' credit line, else ''."""
    m = _PUBLISHED_IN.match(norm)
    if m is None:
        return ""
    rest = re.sub(r"\d+(?:st|nd|rd|th)?\b|[^\w\s]", " ", norm[m.end("name") :]).lower().split()
    if any(w not in _DATE_WORDS and w not in _CREDIT_REST_WORDS for w in rest):
        return ""  # more than a date follows the name: a sentence, not a credit line
    name = m.group("name").strip(" .'\"")
    words = name.split()
    if not words or not re.match(r"[A-Za-z]", name) or words[0].lower().rstrip(".,") in _MONTHS_AND_DAYS:
        return ""
    known = known_outlet(name)
    if known:
        return known
    if len(words) <= 5 and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in ("of", "and", "&", "the") for w in words):
        return canonical_outlet(name)
    return ""


_HANDLE_SUFFIX = re.compile(r"(?i)(?:_?(?:english|eng|en|official|online|tv|live|world|intl|global|news|media|agency))+$")


def _handle_outlet(handle: str) -> str:
    """Return the known outlet a social-media handle belongs to ("ExampleNewsEnglish" -> "Example News"), else ''."""
    return known_outlet(handle) or known_outlet(_HANDLE_SUFFIX.sub("", handle))


def _byline_outlet(norm: str) -> str:
    """Return a known outlet named in a byline ("By A and B, Example Times"), else ''."""
    for name, start, end in reversed(find_outlet_names(norm)):
        in_name_slot = re.search(r"(?:^|\bBy|\band|&)\s*$", norm[:start], re.I) is not None
        if in_name_slot and re.match(r"\s+[A-Z][a-z]", norm[end:]) and not _ROLE_TAIL.match(norm[end:]):
            continue  # "By Dawn Ahmadi": a person's first name, not the paper
        return name
    return ""


def _self_references(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Return the known outlet the story most often names as itself ("told X", "X's correspondent"), else ''."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for start, end in spans:
        chunk = text[start:end]
        for name, s, e in find_outlet_names(chunk):
            if _SELF_BEFORE.search(chunk[max(0, s - 30) : s]) or _SELF_AFTER.match(chunk[e : e + 40]):
                counts[name] += 1
                first.setdefault(name, start + s)
    if not counts:
        return ""
    return min(counts, key=lambda n: (-counts[n], first[n], n))


_RELATED_MARKER = re.compile(
    r"^(?:related(?: news| stories| story| articles| article| coverage| content| topics| links| reading| posts| videos"
    r"| items| reports| reads)?|more (?:on|about|from|in) (?:this|the|our|\S+)(?: \S+){0,4}|more (?:stories|news|headlines"
    r"|coverage|to read|like this)|read (?:more|also|next|this next)|also read|see also|also see|also on \S+(?: \S+)?"
    r"|you (?:may|might|could) (?:also )?(?:like|enjoy|be interested in)|recommended(?: for you| stories| articles| reading)?"
    r"|most (?:read|popular|viewed|shared|watched|recent)|latest(?: news| stories| articles| headlines| updates)?"
    r"|top (?:stories|news|headlines)|trending(?: now| stories| news)?|don't miss|must read|editor'?s (?:picks?|choice)"
    r"|further reading|in other news|other news|what to read next|elsewhere on \S+(?: \S+)?"
    r"|recent (?:stories|news|posts|articles)|also in (?:the )?news|from our correspondents?|previous (?:stories|articles))$"
)


_MAX_RELATED_LINKS = 30


def _bare(norm: str) -> str:
    """Return a line folded for case with edge junk and colons removed (for marker tests)."""
    return norm.casefold().strip(_EDGE_JUNK + " :")


def _headline_like(norm: str, n_words: int) -> bool:
    """True for a line that reads as a headline: short, with no closing full stop or exclamation."""
    if n_words == 0 or n_words > 20:
        return False
    if re.search(r"[.!…]['\"”’)\]]*$", norm):
        return False
    return not norm.endswith("?") or n_words <= 14


# a date ahead of the page, not its own ("Next bulletin: Monday 19 July 2021", "valid until 31 August 2021")
_AHEAD_BEFORE = re.compile(r"(?<![A-Za-z])(?:next|upcoming|until|till|due|expected|scheduled|planned|deadline|expires?|valid\s+to)\b"
                           r"[^.;\n]{0,25}$", re.I)


def _masthead_date(norm: str) -> tuple[date, str] | None:
    """The date of a masthead line whose items, between separators, include one that only states a date (not a table row)."""
    if norm.startswith("|"):
        return None
    items = _MASTHEAD_SEPARATOR.split(norm.strip("*_ "))
    if len(items) < 2:
        return None
    dated = [item for item in items if _is_date_line(item)]
    return parse_date_value(dated[0]) if len(dated) == 1 else None


def _is_date_line(norm: str) -> bool:
    """True when a line only states a date/time (optionally after a 'Published' label), in English or with another
    language's month and weekday names ("Jumaat, 13 Ogos 2021", "7. kolovoza 2021. u 15:48")."""
    rest = _DATE_LABEL.sub("", norm, count=1)
    if not rest or len(rest) > 80 or not find_full_dates_safe(rest):
        return False
    words = _WORD_TOKEN.findall(rest)
    if all(w.lower().rstrip(".") in _DATE_WORDS or w.lower() in _DATE_WORDS for w in words):
        return True
    return all(w.lower() in _DATE_WORDS or w.lower() in _OTHER_DATE_WORDS for w in _ANY_WORD.findall(rest))


# a line opening on a short label and a colon ("Paktia: Zurmat on Tuesday 20 July")
_LABEL_ITEM = re.compile(r"[A-Z][\w\-’']*(?:\s[A-Z][\w\-’']*){0,2}:\s+\S")


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
    if n_words <= 20 and _published_in(norm):
        return "publication credit"
    if n_words <= 25 and _TAGS.match(norm):
        return "tags"
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
    if n_words <= 16 and not _HEADING_END.search(norm) and _BYLINE_DATE.match(norm) and find_full_dates_safe(norm):
        return "byline and date"
    if _outlet_line(norm, n_words):
        return "outlet credit"
    return ""


@dataclass
class _Work:
    """Mutable per-line state while classifying."""

    start: int
    end: int
    kind: str = "content"
    reason: str = ""
    body_start: int = -1


_STRIPPED_LINE = re.compile(r"^[^\S\n]*(\S(?:[^\n]*\S)?)", re.M)  # a non-blank line without its edge spaces


def _nonblank_lines(text: str) -> list[_Work]:
    """Return the stripped spans of the non-blank lines of `text`."""
    out: list[_Work] = []
    for m in _STRIPPED_LINE.finditer(text):
        start, end = m.span(1)
        out.append(_Work(start, end, body_start=start))
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
    dateline_day: list[tuple[int, int, int, int]] = field(default_factory=list)  # the dateline's month-day, if any
    dateline_full: date | None = None  # the dateline's full date ("MAZAR (Outlet) 23 June 2021:", "2 Saratan 1400")
    source_outlet: str = ""
    copyright_outlet: str = ""
    promo_outlet: str = ""
    reuters_credit: bool = False
    credit_outlet: str = ""  # "Published in X", "originally appeared on X"
    line_outlet: str = ""  # an outlet line or byline near the names ("BBC News", "By A, Example Times")
    follow_outlet: str = ""  # the outlet's own social account in a promotion line
    content_spans: list[tuple[int, int]] = field(default_factory=list)  # content lines (the story naming itself)


_NON_LETTER = re.compile(r"[^A-Za-z]")
_NON_SPACE = re.compile(r"\S")


def _capitals_line(norm: str) -> bool:
    """True for a line whose ASCII letters, at least four, are all capitals."""
    letters = _NON_LETTER.sub("", norm)
    return len(letters) >= 4 and letters.isupper()


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
    # the stamps of a channel export's messages or a thread's posts ("Emirate Voice, [26.06.2021 07:48]"): kept, two
    # or more, so the extractor dates each message by its own day
    stamps = {i for i, n in enumerate(normed) if len(n) <= 120 and any(map(str.isdigit, n)) and stamp_day(n) is not None}
    stamps = stamps if len(stamps) >= 2 else set()
    for i, w in enumerate(lines):
        if w.kind != "content":
            continue
        reason = _boilerplate_reason(normed[i], n_words[i])
        if reason == "date line" and i < 8 and an.date_line is None:
            label = _DATE_LABEL.match(normed[i])
            if label is None or not label.group(0).lower().startswith(("updated", "last")):
                an.date_line = parse_date_value(normed[i][label.end() if label else 0 :])
        elif not reason and i < 8 and an.date_line is None and _YEAR.search(normed[i]) and \
                max(n_words[:i], default=0) <= MASTHEAD_WORDS:  # (above the story's first paragraph)
            an.date_line = _masthead_date(normed[i])
        if reason == "source credit":
            m = _SOURCE.match(normed[i])
            name = _SOURCE_TAIL.sub("", m.group("src")) if m else ""
            if name and name.casefold() not in ("agencies", "agency", "wires") and not an.source_outlet:
                an.source_outlet = canonical_outlet(name)
        elif reason == "copyright":
            m = _COPYRIGHT.match(normed[i])
            holder = (m.group("holder") or "").strip() if m else ""
            holder = re.sub(r"(?i)\s*all rights reserved.*$", "", holder)
            if holder and len(holder.split()) <= 6 and not an.copyright_outlet and re.search(r"[A-Za-z]", holder):
                an.copyright_outlet = canonical_outlet(holder)
        elif reason == "reporting credit" and _REUTERS_CREDIT.search(normed[i]):
            an.reuters_credit = True
        elif reason == "publication credit":
            an.credit_outlet = an.credit_outlet or _published_in(normed[i])
        elif reason == "outlet credit" and (i < 6 or i >= n_lines - 3 or lines[i - 1].reason.startswith("byline")):
            # near the byline or closing the story; elsewhere a bare outlet name is mostly a photo credit
            an.line_outlet = an.line_outlet or _outlet_line(normed[i], n_words[i])
        elif reason == "byline":
            an.line_outlet = an.line_outlet or _byline_outlet(normed[i])
        elif reason == "promotion" and not an.follow_outlet:
            handles = [_handle_outlet(h) for h in re.findall(r"@(\w{2,30})", normed[i])]
            an.follow_outlet = next((h for h in handles if h), "") or _byline_outlet(normed[i])
        elif reason == "byline and date" and i < 8 and an.date_line is None:
            bm = _BYLINE_DATE.match(normed[i])
            if bm is not None and bm.group("label").lower() in ("published", "posted", "first published"):
                full = find_full_dates_safe(bm.group("rest"))
                an.date_line = (full[0][0], "day") if full else None
        if reason and i not in stamps:
            w.kind, w.reason = "boilerplate", reason
            continue
        if i in stamps:
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

    # Related-link blocks: a marker ("Related news:", "More on this story", "Also read") and the run of
    # headline-like lines after it (short, no closing full stop), up to the first normal paragraph.
    for i, w in enumerate(lines):
        if w.kind not in ("content", "boilerplate") or n_words[i] > 8 or not _RELATED_MARKER.match(_bare(normed[i])):
            continue
        block: list[int] = []
        for j in range(i + 1, n_lines):
            if lines[j].kind == "boilerplate":
                continue  # image credits, link lines, dates between the headlines
            if lines[j].kind != "content" or not _headline_like(normed[j], n_words[j]):
                break
            block.append(j)
        if 0 < len(block) <= _MAX_RELATED_LINKS:  # a longer run of short lines is text without stops, not links
            for k in [i, *block]:
                lines[k].kind, lines[k].reason = "boilerplate", "related links"

    # Outlet self-description after the credits: "X" then "X is one of the most ...".
    for i in range(n_lines - 1):
        if lines[i].kind != "content" and lines[i].reason != "outlet credit":
            continue
        if lines[i + 1].kind != "content" or n_words[i] > 6:
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
    prev_i, pkey = -1, ""
    for i, w in enumerate(lines):
        if w.kind != "content":
            continue
        key = _exact_key(normed[i])
        if prev_i >= 0 and prev_i == i - 1 and n_words[i] >= 4:
            shorter, longer = sorted((pkey, key), key=len)
            extra = len(longer) - len(shorter)
            if key == pkey or (longer.startswith(shorter) and len(shorter) >= 20 and extra <= 60):
                w.kind, w.reason = "boilerplate", "repeated caption"
                continue
        if n_words[i] >= 6 and key in seen_keys:
            w.kind, w.reason = "boilerplate", "repeated line"
            continue
        seen_keys.setdefault(key, i)
        prev_i, pkey = i, key

    # Headings: short lines without a closing mark, and short all-capitals lines. A timeline or a bulleted list
    # is not made of headings: a line opening with a date and a dash ("Aug 9 — A (P)") or a bullet ("• A") stays
    # text, and so does the heading just above such lines, which says what the items are ("Capitals that fell").
    timeline = [w.kind == "content" and lists.timeline_shape(normed[i]) for i, w in enumerate(lines)]
    for i in range(n_lines - 2, -1, -1):  # a line that is only a date, above timeline lines, dates them ("Aug. 6")
        if lines[i].kind == "content" and (timeline[i + 1] or lists.bullet_line(normed[i + 1])) and \
                (lists.date_line(normed[i]) or lists.table_rule(normed[i])):  # "Aug. 6", or a table's "|---|---|"
            timeline[i] = True
    for i, w in enumerate(lines):
        if w.kind != "content" or timeline[i] or i in stamps or (
                _entries_follow(lines, timeline, i) and lists.timeline_heading(normed[i])):
            continue  # (a post's stamp is no heading: the extractor dates the post by it)
        if normed[i].count("|") >= 2 and (lists.timeline_entry(normed[i]) >= 0 or lists.timeline_heading(normed[i])):
            continue  # a table row or its header ("District|Province|Date", "Ab Kamari|Badghis|3 Aug": a table
            # regrouped from one cell a line), not a heading
        if _LABEL_ITEM.match(normed[i]) and any(0 <= j < n_lines and lines[j].kind == "content" and _LABEL_ITEM.match(normed[j])
                                                for j in (i - 1, i + 1)):
            continue  # one of a run of labelled items ("Ghazni: A and B on Monday", "Paktia: C on Tuesday"), not a heading
        if (n_words[i] <= 6 and not _HEADING_END.search(normed[i])) or (
            n_words[i] <= 12 and _capitals_line(normed[i]) and not _HEADING_END.search(normed[i])
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
        alone = _NON_SPACE.search(text, end, w.end) is None
        if not alone and w.kind == "heading":
            continue
        an.dateline, an.dateline_agency = place, agency
        an.dateline_day = dates.find_month_days(text[w.body_start:end])[:1]  # ("KABUL, Aug 13 (Wire) -": its day)
        an.dateline_full = next((d for d, _, _ in find_full_dates_safe(text[w.body_start:end])), None)
        if alone:
            w.kind, w.reason = "dateline", "dateline"
        else:
            w.body_start = end
        break
    an.content_spans = [(w.body_start, w.end) for w in lines if w.kind == "content"]
    return an


def _entries_follow(lines: list[LineInfo], timeline: list[bool], i: int) -> bool:
    """Whether timeline lines follow line i at once, or after one line of text ("We list a city only when ...")."""
    if i + 1 < len(lines) and timeline[i + 1]:
        return True
    return i + 2 < len(lines) and timeline[i + 2] and lines[i + 1].kind == "content" and not timeline[i + 1]


def _match_dateline(text: str, start: int, end: int) -> tuple[str, str, int] | None:
    """Return (place, agency, body start) for a dateline opening text[start:end], else None."""
    m = _DATELINE.match(text, start, end)
    if m is None:
        return None
    place, first, sep = m.group("place"), m.group("first"), m.group("sep") or ""
    agency = m.group("agency") or m.group("agency_first") or m.group("slashed") or ""  # "DUSHANBE, July 7. /TASS/."
    if len(place) > 45 or first.upper().strip(".") in _NOT_PLACES or _OUTLET_WORD.search(place):
        return None  # ("Huaxia News Agency (HNA) - English Newswire": a masthead, not a town)
    # "Tehran, IRNA --": a known outlet in the country slot is the agency, not part of the place.
    country_outlet = known_outlet(m.group("country") or "") if not agency else ""
    if country_outlet and sep:
        if m.end() >= end or text[m.end() : m.end() + 1].isalpha() or text[m.end() : m.end() + 1] in "\"“'‘(":
            return first, country_outlet, min(m.end(), end)
        return None
    agency_words = [wd for wd in agency.replace("/", " ").split()]
    agency_ok = 0 < len(agency_words) <= 4 and all(
        wd[:1].isupper() or wd.lower() == "dpa" or wd in ("&", "and") for wd in agency_words
    )
    letters = _NON_LETTER.sub("", first)
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
        return place, canonical_outlet(agency) if agency_ok else "", end  # a dateline on its own line
    # A dateline must be followed by a sentence, not by the rest of a name or a number.
    nxt = text[m.end() : m.end() + 1]
    if not (nxt.isalpha() or nxt in "\"“'‘("):
        return None
    return place, canonical_outlet(agency) if agency_ok else "", m.end()


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


def _outlet(doc: RawDocument, an: _Analysis, text: str) -> str:
    """Pick the outlet from the strongest clue the article gives (see `clean_document`)."""
    metadata = canonical_outlet(doc.outlet) if doc.outlet else ""
    domain = outlet_from_domain(doc.url) if doc.url else ""
    for candidate in (
        an.dateline_agency,
        an.source_outlet,
        an.credit_outlet,
        metadata,
        domain,
        an.copyright_outlet,
        an.line_outlet,
        canonical_outlet(an.promo_outlet) if an.promo_outlet else "",
        an.follow_outlet,
        "Reuters" if an.reuters_credit else "",
    ):
        if candidate:
            return candidate
    return _self_references(text, an.content_spans)  # the outlet the story names as itself, the weakest clue


def clean_document(doc: RawDocument, corpus_boilerplate: frozenset[str] = frozenset()) -> Article:
    """Turn a raw document into an Article: repaired text, date, dateline, outlet, sentences.

    Publication date and `published_source`: "header" for the ` date YYYY-MM-DD` header line and for
    the date field of the file's own metadata (HTML meta tags, JSON/Markdown fields: the page header,
    not the story text); "text" for a date read from the text (a "Published On 9 Aug 2021" date line,
    a byline with its date, else the latest full date such as a photo caption's).

    Outlet, strongest clue first: the dateline agency ("(Reuters)", "Tehran, IRNA --"); a "Source: X"
    or "Published in X" / "originally appeared on X" credit; the metadata outlet; the URL's domain; a
    copyright holder; an outlet line or byline ("BBC News", "By A, Example Times", "X | Section");
    the outlet's self-description or its own social account; a Reuters-style credit; last, the outlet
    the story names as itself ("told X", "X's correspondent"). Names are canonicalised through
    analysis/data/outlets.csv. A "With reporting by X" credit names a contributor, not the outlet.
    """
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
    text, n_tables = restore_tables(text)  # (before unwrapping, which would join a header cell to the line above)
    if n_tables:
        warnings.append(f"flattened table: {n_tables} table(s) read one cell a line, regrouped into rows")
    breaks = wrap_breaks(text)
    caps = drop_cap_gaps(text) + split_word_gaps(text)  # ("G hazni's governor": a drop cap set apart in a PDF's or a
    # page's text; "cap- tured": a word split at a print line's end)
    if caps:
        breaks = WrapBreaks(breaks.spaces, tuple(sorted(breaks.removed + caps)))
    folded = normalise_text(text, breaks)  # invisible and look-alike characters, wrapped lines
    text = folded.text
    if folded.n_changed:
        warnings.append(change_warning(folded.n_changed))
    if folded.n_unwrapped:
        warnings.append(f"hard-wrapped text: {folded.n_unwrapped:,} line breaks inside paragraphs joined")
    an = _analyse(text, corpus_boilerplate)
    sentence_notes: list[str] = []

    spans: list[tuple[int, int]] = []
    for w in an.lines:
        if w.kind == "content":
            spans.extend(sentence_spans(text, w.body_start, w.end, notes=sentence_notes))
    sentences = [Sentence(index=i, start=s, end=e, text=text[s:e]) for i, (s, e) in enumerate(spans)]

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
        (published, precision), source = an.date_line, "text"
    if published is None and an.dateline_full is not None:
        published, precision, source = an.dateline_full, "day", "text"
    if published is None:
        body_from = an.lines[0].body_start if an.lines else 0
        full = [d for d, s, _ in find_full_dates_safe(text) if s >= body_from
                and not _AHEAD_BEFORE.search(text, max(0, s - 40), s)]  # ("Next bulletin: Monday 19 July 2021")
        if an.dateline_day:  # a body date that is not the dateline's own day ("a court ruling of 14 February 2003")
            month, day = an.dateline_day[0][:2]  # dates nothing: the corpus pass reads the dateline's day
            full = [d for d in full if (d.month, d.day) == (int(month), int(day))]
        if full:
            published, precision, source = max(full), "day", "text"
    if published is None:
        warnings.append("no date found")
    if not sentences:
        warnings.append("no sentences after cleaning")
    if sentence_notes:
        warnings.append(f"{len(sentence_notes):,} over-long sentence(s) split at clause boundaries")

    n_boiler = sum(1 for w in an.lines if w.kind == "boilerplate")
    return Article(
        article_id=doc.article_id,
        path=doc.path,
        text=text,
        published=published,
        published_precision=precision,
        published_source=source,
        outlet=_outlet(doc, an, text),
        dateline=an.dateline,
        status="ok",
        warnings=tuple(dict.fromkeys(warnings)),
        sentences=tuple(sentences),
        n_boilerplate=n_boiler,
        encoding=doc.encoding,
        fmt=doc.fmt,
        content_hash=content_hash("\n".join(s.text for s in sentences)),
        url=doc.url,
        offset_map=folded.removed,
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
