"""Known news outlets (analysis/data/outlets.csv): canonical names, aliases, web domains, and finding them in text."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.extract.stems import start_guarded
from analysis.paths import PACKAGE_DATA

OUTLETS_CSV: Path = PACKAGE_DATA / "outlets.csv"


@dataclass(frozen=True)
class OutletTable:
    """Known news outlets: folded alias -> canonical name, web domains, and a finder for their names."""

    by_key: dict[str, str]
    domains: tuple[tuple[str, str], ...]
    forms: dict[str, str]  # a name as it is written (or in capitals) -> canonical name
    pattern: re.Pattern[str]
    countries: dict[str, str]  # canonical name -> the country the outlet belongs to, when one is recorded


def outlet_key(name: str) -> str:
    """Return the folded form of an outlet name used to look it up (case, 'the', punctuation ignored)."""
    s = unicodedata.normalize("NFKC", name).casefold().strip()
    s = re.sub(r"^the\s+", "", s)
    return re.sub(r"[^0-9a-z\u00c0-\uffff]+", "", s)


@lru_cache(maxsize=4)
def load_outlets(path: str = "") -> OutletTable:
    """Return the table of known outlets shipped with the package (or read from `path`), built once."""
    by_key: dict[str, str] = {}
    domains: list[tuple[str, str]] = []
    forms: dict[str, str] = {}
    countries: dict[str, str] = {}
    with open(path or OUTLETS_CSV, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            canonical = (row.get("outlet") or "").strip()
            if not canonical:
                continue
            if (row.get("country") or "").strip():
                countries[canonical] = row["country"].strip()
            names = [canonical] + [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
            for name in names:
                by_key.setdefault(outlet_key(name), canonical)
                for form in (name, name.upper()):
                    if len(form) >= 2:
                        forms.setdefault(form, canonical)
            for dom in (row.get("domains") or "").split("|"):
                if dom.strip():
                    domains.append((dom.strip().lower(), canonical))
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
    pattern = start_guarded(re.compile(rf"(?<![\w/@.\-])(?:{alternation})(?![\w/\-]|\.\w)" if alternation else r"(?!x)x"))
    return OutletTable(by_key, tuple(sorted(domains, key=lambda d: (-len(d[0]), d[0]))), forms, pattern, countries)


def outlet_country(name: str) -> str:
    """The country of a known outlet ('Asia-Plus' -> 'Tajikistan'), '' when unknown or not recorded."""
    table = load_outlets()
    return table.countries.get(table.by_key.get(outlet_key(name), ""), "") if name.strip() else ""


def outlet_from_domain(url_or_host: str) -> str:
    """Return the known outlet whose web domain a URL or host name belongs to, else ''."""
    m = re.match(r"^\s*(?:[a-z][a-z0-9+.\-]*://)?(?:www\d?\.)?([^/\s:?#]+)", url_or_host.strip().lower())
    if not m:
        return ""
    host = m.group(1).rstrip(".")
    for dom, canonical in load_outlets().domains:
        if host == dom or host.endswith("." + dom):
            return canonical
    return ""


def find_outlet_names(text: str) -> list[tuple[str, int, int]]:
    """Return (canonical outlet, start, end) for each known outlet name written in `text`."""
    table = load_outlets()
    return [(table.forms[m.group(0)], m.start(), m.end()) for m in table.pattern.finditer(text)]


def canonical_outlet(name: str) -> str:
    """Return an outlet name in its canonical form when it is known, else the name tidied."""
    cleaned = re.sub(r"\s+", " ", name).strip(" .,;:-|–—\"'")
    if not cleaned:
        return ""
    table = load_outlets()
    known = table.by_key.get(outlet_key(cleaned))
    if known:
        return known
    if re.fullmatch(r"(?:https?://)?(?:www\.)?[\w\-]+(?:\.[\w\-]+)+/?\S*", cleaned, re.I):
        return outlet_from_domain(cleaned) or cleaned
    head = table.pattern.match(re.sub(r"(?i)^the\s+", "", cleaned))
    if head is not None:
        return table.forms[head.group(0)]
    return cleaned


def known_outlet(name: str) -> str:
    """Return the canonical name when `name` is exactly a known outlet (or its domain), else ''."""
    cleaned = re.sub(r"\s+", " ", name).strip(" .,;:-|–—\"'()[]")
    if not cleaned:
        return ""
    return load_outlets().by_key.get(outlet_key(cleaned), "") or (
        outlet_from_domain(cleaned) if re.fullmatch(r"(?:www\.)?[\w\-]+(?:\.[a-z]{2,})+", cleaned, re.I) else ""
    )
