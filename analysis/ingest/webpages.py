"""Saved news web pages: the article's main text, title and date through trafilatura, the own tag stripper as fallback."""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from analysis.extract.dates import find_full_dates
from analysis.extract.lists import date_line
from analysis.ingest.htmltext import html_to_text

#: A page with this many figure captions or more is a gallery: its captions are part of its text.
GALLERY_CAPTIONS = 3
_FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.I | re.S)
_CAPTION_COUNT = re.compile(r"^\d{1,3}\s*(?:/|of)\s*\d{1,3}\s+")  # "3/9 ", "3 of 9 "
_CAPTION_CREDIT = re.compile(r"\s*\(?\s*(?:(?:Photo(?:graph)?s?|Pictures?|Images?|Credit)\s*(?:by\b|:)|Photo\s+distributed\s+by\b)"
                             r"(?:\s*[^\s.]+\.?){0,8}\s*\)?\s*$", re.I)  # ("Photo: R. Amini / Lumen", "(Photo by ...)" closing it)
#: Shorter main texts than this (in characters) from trafilatura are not trusted over the own stripper.
MIN_MAIN_TEXT = 80
# trafilatura refuses pages with more elements than this (lxml trees of hostile pages grow large).
MAX_TREE_SIZE = 200_000
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# Embedded posts (tweets, Instagram, TikTok, Facebook) quote other people: not the article's text.
_EMBEDS = ("twitter-tweet", "twitter-video", "instagram-media", "tiktok-embed", "fb-post")
_PRUNE = [f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {c} ')]" for c in _EMBEDS]
# the page's header ends at the story's first paragraph (a line longer than this, in words)
# a page of cards: linked headlines above their summaries, at least this many and before this share of the paragraphs
CARD_HEADLINES = 3
CARD_SHARE = 0.4
# a card's headline: 4 to 25 words, no closing full stop, no "Read more:"-style label
_CARD_HEADLINE = re.compile(r"(?!(?:read|see|also|related|watch|listen|more|advertisement|sponsored)\b)(?=(?:\S+\s+){3,24}\S+$)"
                            r"[^\n]{10,200}(?<![.:])", re.I)
HEADER_END_WORDS = 30
# a header line with a date is short: a byline, a dateline, a timestamp ("ISTANBUL · JUL 06, 2021 - 5:34 PM GMT+3")
HEADER_DATE_WORDS = 20
_UPDATED = re.compile(r"(?:updated?|modified|edited|revised)\b\W*(?:(?:on|at)\W+)?$", re.I)  # right before a date


@dataclass(frozen=True)
class WebPage:
    """What a saved page gives: main text, metadata (title, date, url, outlet) and how it was read."""

    text: str
    meta: dict[str, str]
    method: str  # trafilatura | tag stripper
    note: str = ""


@lru_cache(maxsize=1)
def _config() -> object:
    """trafilatura's settings with a bound on the page's tree size (read once)."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
    return config


def _trafilatura(html: str) -> object | None:
    """Run trafilatura on a page without network or comments; None when it fails or is not installed."""
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        return trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            favor_precision=True,
            deduplicate=False,
            date_extraction_params=_DATE_PARAMS,
            prune_xpath=_PRUNE,
            config=_config(),
        )
    except Exception:  # noqa: BLE001 - a failing library must not lose the page: the fallback reads it
        return None


def _field(doc: object, name: str) -> str:
    """A text field of trafilatura's result (a Document or a dict), '' when missing."""
    value = doc.get(name) if isinstance(doc, dict) else getattr(doc, name, None)
    return value.strip() if isinstance(value, str) else ""


def read_page(html: str) -> WebPage:
    """Return a saved page's main text and metadata: trafilatura when it finds the article, else the tag stripper.

    Metadata the page states in its own tags (meta published time, canonical link, og:site_name) wins;
    trafilatura's title, date and site name fill what is missing.
    """
    own_text, meta = html_to_text(html)
    doc = _trafilatura(html)
    main = _field(doc, "text") if doc is not None else ""
    if len(main) < MIN_MAIN_TEXT:
        note = "main text read by the tag stripper (trafilatura found no article)" if own_text.strip() else ""
        return WebPage(own_text, meta, "tag stripper", note)
    meta = dict(meta)
    for key, name in (("title", "title"), ("date", "date"), ("url", "url"), ("outlet", "sitename")):
        value = _field(doc, name)
        if value and not meta.get(key):
            meta[key] = value
    title = _field(doc, "title")
    if title:
        meta["title"] = title
    if not meta.get("date"):
        meta["date"] = header_date(own_text, main)
    return WebPage(with_captions(html, with_card_headlines(own_text, with_day_lines(own_text, main))), meta, "trafilatura")


def with_captions(html: str, main: str) -> str:
    """The main text with a gallery's captions after it: a page of three captions or more tells its events in them,
    and trafilatura drops figures (a caption's count, "3/9", and closing credit, "Photo: A / B", left out)."""
    if html.count("<figcaption") < GALLERY_CAPTIONS:
        return main
    captions = []
    for raw in _FIGCAPTION.findall(html):
        text, _ = html_to_text(f"<p>{raw}</p>")
        text = _CAPTION_CREDIT.sub("", _CAPTION_COUNT.sub("", " ".join(text.split()))).strip()
        if len(text.split()) >= 6 and text[:40] not in main:
            captions.append(text)
    if len(captions) < GALLERY_CAPTIONS:
        return main
    return main.rstrip("\n") + "\n\n" + "\n\n".join(captions)


def with_day_lines(own_text: str, main: str) -> str:
    """The main text with the lines that are only a day ('Aug 13', 'Friday, 13 August') put back where the page has
    them: an aggregator's or live page's cards date the stories under them, and trafilatura drops such lines."""
    own = [line.strip() for line in own_text.splitlines()]
    shown = {cell.strip() for line in main.splitlines() for cell in line.split("|")}  # (a table's cells are kept)
    at: dict[str, list[int]] = {}  # where each line of the page stands, in order
    for k, line in enumerate(own):
        if line:
            at.setdefault(line, []).append(k)
    out: list[str] = []
    cursor, added = 0, False
    for line in main.splitlines():
        places = at.get(line.strip(), [])
        n = bisect_left(places, cursor)
        if n < len(places):  # the page's next copy of this line: its day lines since the last one go before it
            days = [day for day in own[cursor:places[n]] if day and day not in shown and date_line(day)]
            out.extend(days)
            added = added or bool(days)
            cursor = places[n] + 1
        out.append(line)
    return "\n".join(out) if added else main


def with_card_headlines(own_text: str, main: str) -> str:
    """The main text with each card's headline put back above its summary, on a page of cards (an aggregator's or
    topic page's linked headlines, which trafilatura drops): at least CARD_HEADLINES of them, standing right before
    CARD_SHARE or more of the main text's paragraphs ('Farah falls as governor's compound is overrun' above 'The capital of
    Farah province is the sixth to fall ...')."""
    own = [line.strip() for line in own_text.splitlines()]
    kept = main.splitlines()
    shown = {line.strip() for line in kept}
    at: dict[str, list[int]] = {}
    for k, line in enumerate(own):
        if line:
            at.setdefault(line, []).append(k)
    heads: dict[int, str] = {}  # the main line's index -> the headline above it
    cursor = 0
    for n, line in enumerate(kept):
        places = at.get(line.strip(), [])
        j = bisect_left(places, cursor)
        if j >= len(places):
            continue
        k = places[j]
        cursor = k + 1
        above = next((own[x] for x in range(k - 1, -1, -1) if own[x]), "")
        if above and above not in shown and _CARD_HEADLINE.fullmatch(above) and not date_line(above):
            heads[n] = above
    content = sum(1 for line in kept if len(line.split()) >= 8)  # (paragraphs, not a card's source and age)
    if len(heads) < CARD_HEADLINES or len(heads) < CARD_SHARE * content:
        return main
    out: list[str] = []
    for n, line in enumerate(kept):
        if n in heads:  # (closed as a sentence, so that a day line above still dates the card)
            out.append(heads[n] if heads[n].endswith(("?", "!", '"', "”")) else heads[n] + ".")
        out.append(line)
    return "\n".join(out)


def header_date(own_text: str, main: str) -> str:
    """The date (ISO) a page prints in its header, above the story and left out of its main text, or ''.

    The first full date of the short lines before the story's first paragraph; a "Published" or bare
    timestamp wins over an "Updated" one.
    """
    kept = {line.strip() for line in main.splitlines()}
    found: list[tuple[bool, str]] = []
    for line in (raw.strip() for raw in own_text.splitlines()):
        words = len(line.split())
        if words > HEADER_END_WORDS:
            break
        if not line or line in kept or words > HEADER_DATE_WORDS:
            continue
        for day, start, _ in find_full_dates(line):
            found.append((_UPDATED.search(line[max(0, start - 24):start]) is not None, day.isoformat()))
    return min(found, key=lambda f: f[0])[1] if found else ""
