"""The project's own tag stripper: the visible article text of an HTML page and its metadata.

Used for HTML bodies inside other formats, and as the fallback when trafilatura finds no article
in a saved web page (analysis.ingest.webpages).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any


_SKIP_TAGS = frozenset(
    """script style noscript template svg math iframe object embed canvas audio video select
    button textarea head map dialog""".split()
)
_LAYOUT_TAGS = frozenset("nav header footer aside form menu".split())
_LAYOUT_CLASSES = frozenset(
    """share sharing social newsletter related advert advertisement ad ads promo cookie cookies
    breadcrumb breadcrumbs comments comment nav navbar navigation menu footer sidebar subscribe
    outbrain taboola recirculation""".split()
)
_EMBED_CLASSES = ("twitter-tweet", "instagram-media", "tiktok-embed", "fb-post")
_LAYOUT_ROLES = ("navigation", "banner", "contentinfo", "complementary")
_BLOCK_TAGS = frozenset(
    """p div section article main h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote figure figcaption
    table tr td th thead tbody tfoot pre address hr br header footer nav aside form fieldset
    details summary caption center body html title""".split()
)
_VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr keygen".split())
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{4,40})"')
_CLASS_SPLIT = re.compile(r"[\s_\-]+")
_SPACES = re.compile(r"[^\S\n]+")


class _Extractor(HTMLParser):
    """Collect visible text chunks of an HTML page, tagged with where they sit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, int]] = []  # (tag, flags)
        self.chunks: list[tuple[str, int]] = []
        self.title = ""
        self.meta: dict[str, str] = {}
        self.time_datetime = ""
        self._in_title = False

    SKIP, LAYOUT, ARTICLE, MAIN = 1, 2, 4, 8

    def _flags(self) -> int:
        return self.stack[-1][1] if self.stack else 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"].strip()
            return
        if tag == "link" and "canonical" in a.get("rel", "").lower() and a.get("href"):
            self.meta.setdefault("canonical", a["href"].strip())
            return
        if tag == "time" and a.get("datetime") and not self.time_datetime:
            self.time_datetime = a["datetime"].strip()
        if tag in ("br", "hr"):
            self.chunks.append(("\n", self._flags()))
            return
        if tag in _VOID_TAGS:
            return
        flags = self._flags()
        classes = {c for c in _CLASS_SPLIT.split((a.get("class", "") + " " + a.get("id", "")).lower()) if c}
        raw_class = a.get("class", "").lower()
        if tag in _SKIP_TAGS or any(e in raw_class for e in _EMBED_CLASSES) or "hidden" in a:
            flags |= self.SKIP
        in_content = flags & (self.ARTICLE | self.MAIN)
        layout_tag = tag in _LAYOUT_TAGS and not (tag == "header" and in_content)
        if layout_tag or (classes & _LAYOUT_CLASSES) or a.get("role") in _LAYOUT_ROLES:
            flags |= self.LAYOUT
        if tag == "article":
            flags |= self.ARTICLE
        if tag == "main" or a.get("role") == "main":
            flags |= self.MAIN
        if tag == "title":
            self._in_title = True
        self.stack.append((tag, flags))
        if tag in _BLOCK_TAGS:
            self.chunks.append(("\n", flags))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            self.handle_starttag(tag, attrs)
        # a self-closed non-void element (<div/>) opens and closes nothing

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                flags = self.stack[i][1]
                del self.stack[i:]
                if tag in _BLOCK_TAGS:
                    self.chunks.append(("\n", flags))
                return

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        self.chunks.append((data, self._flags()))


def _assemble(chunks: list[tuple[str, int]], keep: Any) -> str:
    """Join the chunks accepted by `keep` into lines of text without blank runs."""
    parts = [text for text, flags in chunks if keep(flags)]
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Return the visible article text of an HTML page and its metadata (title, date, url, site)."""
    parser = _Extractor()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser rarely fails; keep what was read
        pass
    S, L, A, M = _Extractor.SKIP, _Extractor.LAYOUT, _Extractor.ARTICLE, _Extractor.MAIN
    choices = (
        lambda f: not f & S and f & M and not f & L,
        lambda f: not f & S and f & A and not f & L,
        lambda f: not f & S and not f & L,
        lambda f: not f & S,
    )
    text = ""
    for keep in choices:
        text = _assemble(parser.chunks, keep)
        if len(text) >= 200:
            break
    if len(text) < 200:
        text = max((_assemble(parser.chunks, k) for k in choices), key=len)
    meta: dict[str, str] = {}
    title = _SPACES.sub(" ", parser.title).strip()
    if title:
        meta["title"] = title
    for key in _DATE_META:
        if parser.meta.get(key):
            meta["date"] = parser.meta[key]
            break
    if "date" not in meta:
        m = _JSONLD_DATE.search(html)
        if m:
            meta["date"] = m.group(1)
        elif parser.time_datetime:
            meta["date"] = parser.time_datetime
    url = parser.meta.get("canonical") or parser.meta.get("og:url") or ""
    if url:
        meta["url"] = url
    site = parser.meta.get("og:site_name") or parser.meta.get("application-name") or ""
    if site:
        meta["outlet"] = site
    return text, meta


# ---------------------------------------------------------------------------------------------
# Markdown
