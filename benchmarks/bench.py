"""Benchmark of the whole pipeline, stage by stage, on synthetic corpora of growing size.

The corpus is written from templates of this module: varied event and background sentences,
places drawn from the whole gazetteer, many outlets, undated articles, 25 % wire copies of
earlier articles (retitled, trimmed, with lines added), and a few hot events that about 10 %
of articles report. Corpora and run outputs go where `--dir` says, else under the system's
temporary folder; nothing is written into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

from analysis.parallel import available_cores, peak_rss_mb, release_freed_memory, resolve_workers
from analysis.paths import REPO_ROOT
from analysis.records import Place

GENERATOR_VERSION = 2
FILES_PER_FOLDER = 1000
BENCH_DIR: Path = Path(tempfile.gettempdir()) / "analysis-bench"
COPY_SHARE = 0.25  # articles that republish an earlier article
HOT_SHARE = 0.10  # articles that report one of the hot events
COPY_LOOKBACK = 500  # a copy republishes one of the previous articles this far back
FIRST_DAY = date(2021, 7, 1)
LAST_DAY = date(2021, 8, 31)

# --- the vocabulary articles are recombined from -------------------------------------------------

OUTLETS: tuple[str, ...] = (
    "Reuters", "AP", "AFP", "TOLOnews", "Pajhwok Afghan News", "Asia-Plus", "Radio Ozodi", "IRNA",
    "Tasnim", "Dawn", "The Express Tribune", "Al Jazeera", "RFE/RL", "BBC", "VOA", "Khaama Press",
    "Ariana News", "Anadolu Agency", "Xinhua", "Kyodo", "dpa", "EFE", "ANSA", "Sputnik", "TASS",
    "Gandhara", "Hasht-e Subh", "Shamshad TV", "1TV", "Bakhtar", "The News International", "Geo News",
    "Press TV", "Fars", "Trend", "Kun.uz", "Avesta", "The Hindu", "NDTV", "Arab News", "The National",
    "Deutsche Welle", "France 24", "Euronews",
)
PEOPLE_COUNTS: tuple[str, ...] = (
    "more than 1,000", "about 300", "dozens of", "some 40", "1,037", "hundreds of", "at least 57",
    "nearly 2,000", "around 150", "over 100", "12", "46", "several hundred", "roughly 600", "up to 90",
)
DISTRICT_COUNTS: tuple[str, ...] = (
    "two", "three", "four", "five", "six", "seven", "nine", "at least four", "more than ten", "11",
)
TALLY_COUNTS: tuple[str, ...] = (
    "more than 200", "about 150", "over 100", "nearly half", "at least 220", "roughly a third",
    "some 170", "85", "more than 250",
)
ORDINALS: tuple[str, ...] = ("second", "third", "fifth", "sixth", "eighth", "tenth", "twelfth")
PERSONS: tuple[str, ...] = (
    "Ahmad Wali Sadat", "Nasir Ahmad Karimi", "Gul Agha Rahimzai", "Fazel Haq Noori",
    "Mohammad Daud Safi", "Abdul Basir Hotak", "Sayed Jawad Alizada",
)
GOV_SOURCES: tuple[str, ...] = (
    "the Interior Ministry", "a provincial police spokesman", "the provincial governor",
    "a senior security official", "Defence Ministry spokesman {person}", "officials in Kabul",
    "a member of the provincial council", "an army commander in the region",
)
TALIBAN_SOURCES: tuple[str, ...] = (
    "a Taliban spokesman", "the Taliban", "the group's spokesman on Twitter",
    "a statement from the insurgents",
)
RESIDENT_SOURCES: tuple[str, ...] = (
    "residents", "a tribal elder in the area", "a local journalist", "two shopkeepers reached by phone",
)
FOREIGN_SOURCES: tuple[str, ...] = (
    "the {country} border service", "{country}'s state news agency", "officials in {country}",
    "a Western security official", "the Pentagon",
)

EVENT_TEMPLATES: tuple[str, ...] = (
    "Taliban fighters seized {district} district in {d_province} province {when}, {gov} said.",
    "The insurgents overran the centre of {district} district {when} after government troops pulled back, {res} said.",
    "{district} district in {d_province} fell to the Taliban {when} without a fight, according to {gov}.",
    "The Taliban said {when} that its fighters had captured {n_districts} districts in {province} province.",
    "A member of the {province} provincial council said {n_districts} districts of the province had fallen to the militants {when}.",
    "Militants took control of the {crossing} border crossing with {country} {when}, cutting a key trade route, {gov} said.",
    "The Taliban now control {all_most} districts of {province}, local officials told {outlet}.",
    "After days of clashes, government forces abandoned their positions in {district} {when}, and the Taliban raised their white flag over the district headquarters.",
    "{district}, a district of {d_province} on the main highway, was captured by Taliban fighters {when}, {tb} said.",
    "Taliban fighters entered {capital}, the capital of {c_province} province, {when} and seized the police headquarters, {gov} said.",
    "The militants stormed the provincial capital {capital} {when} but were pushed back after air strikes, {gov} said.",
    "{Gov} said the attack on {capital} had been repelled and the city was cleared of insurgents.",
    "Fighting was continuing inside {capital} {when}, with Taliban fighters holding several neighbourhoods, {res} said.",
    "{capital} became the {ordinal} provincial capital to fall to the Taliban {when}, after government forces withdrew to the airport.",
    "The Taliban claimed their fighters had taken the governor's compound in {capital}, but {gov} rejected the claim.",
    "{People} Afghan soldiers crossed into {country} {when} to escape the Taliban advance, {foreign} said.",
    "{Gov} confirmed that {people} security personnel had fled across the border into {country} after clashes in {d_province} province.",
    "Border guards in {country} allowed {people} Afghan troops and police to enter the country {when}, {outlet} reported.",
    "Soldiers at an outpost in {district} abandoned their posts {when} and fled towards {capital}, {res} said.",
    "{People} Afghan servicemen who fled into {country} earlier this month were being sent home {when}, officials said.",
    "The Taliban claim they now control {tally} of Afghanistan's roughly 400 districts.",
    "Western security officials estimate the insurgents have seized {tally} districts since May.",
    "The insurgent group says it holds {tally} districts, a figure that could not be independently verified.",
    "{Gov} denied the reports, saying {district} remained under the control of government forces.",
    "Interior Ministry spokesman {person} called the claims propaganda and said security forces had retaken {district}.",
    "Local officials said {district} district of {d_province} had been overrun {when} after a siege of nearly two weeks.",
    "By {when}, the insurgents had also taken control of {district}, {res} told {outlet} by telephone.",
    "The district centre of {district} in {d_province} province was handed over to the Taliban {when}, {gov} said.",
    "Afghan forces abandoned {n_districts} districts in {province} {when}, leaving large quantities of weapons behind, {gov} said.",
    "Taliban fighters pushed into {capital} {when} and were fighting government forces near the governor's office, {res} said.",
    "{People} Afghan soldiers and border police fled into {country} {when} as the militants advanced, {foreign} said.",
    "The militants captured the {crossing} crossing on the border with {country} {when}, {tb} said.",
)
NON_EVENT_TEMPLATES: tuple[str, ...] = (
    "Heavy fighting was reported {when} on the outskirts of {capital}, the capital of {c_province}, where the Taliban have laid siege for weeks.",
    "Hundreds of families fled their homes in {d_province} {when} as the fighting approached, according to the United Nations.",
    "About {small_n} prisoners escaped from the jail in {capital} during the fighting, officials said.",
    "Dozens of soldiers in {district} surrendered to the Taliban {when} and handed over their weapons and vehicles.",
    "Peace talks between the Afghan government and the Taliban in Doha have made little progress.",
    "The last US troops are due to leave the country by the end of August, ending two decades of foreign military involvement.",
    "The United Nations said it was alarmed by reports of civilian casualties in {province}.",
    "The World Food Programme said it had delivered food to {people} displaced people in {province} {when}.",
    "The president has vowed to retake lost territory and has called on militias to join the fight.",
    "{outlet} could not independently verify the claims.",
    "Both sides frequently exaggerate their gains and the losses of their opponents.",
    "Neighbouring {country} has reinforced its border and held military drills near the frontier.",
    "Residents said prices of flour and fuel had risen sharply since the road to {capital} was cut.",
    "Calls to the provincial governor's office went unanswered.",
    "Aid agencies warned that a drought was compounding the hardship caused by the conflict.",
    "Foreign ministers from the region are due to meet {when} to discuss the security situation.",
    "The airport in {capital} remained open, although several flights were cancelled.",
    "Schools in {province} have been closed since the fighting began, a local education official said.",
    "Traders in {capital} said the price of cooking oil had doubled in a week.",
    "The government says it has sent reinforcements to the north and that air strikes killed dozens of fighters.",
    "Telephone lines to several districts of {province} were cut {when}, making it hard to confirm reports.",
    "A curfew was imposed in {capital} {when} to stop militants from infiltrating the city.",
    "The governor of {c_province} told {outlet} that the security situation was under control.",
    "Thousands of people have crowded into makeshift camps on the edge of {capital}.",
    "Hospitals in {capital} said they had treated {small_n} wounded people in the past week.",
    "Analysts said the speed of the advance had surprised even the group's own commanders.",
    "The US special envoy travelled to Doha {when} for talks with both sides.",
)
BOILERPLATE: tuple[str, ...] = (
    "READ MORE:", "READ MORE: Taliban push deeper into the north", "Advertisement", "Photo: {outlet}",
    "Share this article", "Subscribe to our newsletter", "Your browser doesn't support HTML5",
    "Related Stories", "(Reporting by the Kabul newsroom; Editing by the regional desk)",
)

# Used when the gazetteer module is not available: (name, type, province).
FALLBACK_PLACES: tuple[tuple[str, str, str], ...] = (
    ("Badakhshan", "province", "Badakhshan"), ("Fayzabad", "capital", "Badakhshan"),
    ("Kunduz", "province", "Kunduz"), ("Kunduz", "capital", "Kunduz"),
    ("Takhar", "province", "Takhar"), ("Taloqan", "capital", "Takhar"),
    ("Jowzjan", "province", "Jowzjan"), ("Sheberghan", "capital", "Jowzjan"),
    ("Faryab", "province", "Faryab"), ("Maimana", "capital", "Faryab"),
    ("Nimroz", "province", "Nimroz"), ("Zaranj", "capital", "Nimroz"),
    ("Helmand", "province", "Helmand"), ("Lashkar Gah", "capital", "Helmand"),
    ("Paktia", "province", "Paktia"), ("Gardez", "capital", "Paktia"),
    ("Kunar", "province", "Kunar"), ("Asadabad", "capital", "Kunar"),
    ("Baghlan", "province", "Baghlan"), ("Pul-e-Khumri", "capital", "Baghlan"),
    ("Imam Sahib", "district", "Kunduz"), ("Ishkashim", "district", "Badakhshan"),
    ("Khwaja Ghar", "district", "Takhar"), ("Andkhoy", "district", "Faryab"),
    ("Nad Ali", "district", "Helmand"), ("Zurmat", "district", "Paktia"),
    ("Dand-e-Ghori", "district", "Baghlan"), ("Chahar Burjak", "district", "Nimroz"),
    ("Shir Khan Bandar", "border_crossing", "Kunduz"), ("Abu Nasr Farahi", "border_crossing", "Farah"),
    ("Tajikistan", "country", ""), ("Uzbekistan", "country", ""), ("Iran", "country", ""),
    ("Pakistan", "country", ""), ("Turkmenistan", "country", ""),
)
NEIGHBOURS: frozenset[str] = frozenset({"Tajikistan", "Uzbekistan", "Iran", "Pakistan", "Turkmenistan", "China"})
# The neighbouring country a border province faces, so that flights and crossings stay plausible.
BORDER_COUNTRY: dict[str, str] = {
    "Herat": "Iran", "Farah": "Iran", "Nimroz": "Iran", "Badghis": "Turkmenistan", "Faryab": "Turkmenistan",
    "Jowzjan": "Turkmenistan", "Balkh": "Uzbekistan", "Kunduz": "Tajikistan", "Takhar": "Tajikistan",
    "Badakhshan": "Tajikistan", "Kandahar": "Pakistan", "Helmand": "Pakistan", "Zabul": "Pakistan",
    "Paktika": "Pakistan", "Paktia": "Pakistan", "Khost": "Pakistan", "Nangarhar": "Pakistan",
    "Kunar": "Pakistan", "Nuristan": "Pakistan",
}


@dataclass(frozen=True)
class PlacePools:
    """The places articles are written about, grouped by type, in a stable order."""

    provinces: tuple[Place, ...]
    capitals: tuple[Place, ...]
    districts: tuple[Place, ...]
    crossings: tuple[Place, ...]
    countries: tuple[Place, ...]
    border_districts: tuple[Place, ...] = ()


def _fallback_places() -> list[Place]:
    """Return the small built-in place list."""
    return [
        Place(place_id=f"fallback-{i}", name=name, place_type=kind, province=province,
              country=name if kind == "country" else "Afghanistan")
        for i, (name, kind, province) in enumerate(FALLBACK_PLACES)
    ]


def place_pools() -> PlacePools:
    """Return the gazetteer's places by type, or the built-in list when no gazetteer is available."""
    places: list[Place] = []
    try:
        from analysis.extract.gazetteer import load_gazetteer

        places = list(load_gazetteer().places)
    except Exception:  # the benchmark must run even without a gazetteer
        places = []
    pools = _pools_from(places)
    if not (pools.provinces and pools.capitals and pools.districts and pools.countries):
        pools = _pools_from(_fallback_places())
    return pools


def _pools_from(places: Iterable[Place]) -> PlacePools:
    """Group places by type, sorted by id for determinism."""
    ordered = sorted(places, key=lambda p: (p.place_id, p.name))

    def of(kind: str) -> tuple[Place, ...]:
        return tuple(p for p in ordered if p.place_type == kind and p.name)

    countries = tuple(p for p in of("country") if p.name in NEIGHBOURS) or of("country")
    districts = tuple(p for p in of("district") if p.province)
    country_names = {p.name for p in countries}
    return PlacePools(
        provinces=of("province"),
        capitals=tuple(p for p in of("capital") if p.province),
        districts=districts,
        crossings=of("border_crossing"),
        countries=countries,
        border_districts=tuple(p for p in districts if BORDER_COUNTRY.get(p.province) in country_names),
    )


# --- writing one article --------------------------------------------------------------------------

MONTH_STYLES: tuple[tuple[str, str], ...] = (("July", "Aug."), ("July", "August"), ("Jul", "Aug"))


def _month_day(day: date, rng: random.Random) -> str:
    """Write a day as wire copy does: 'July 14', 'Aug. 3', '14 July'."""
    style = rng.choice(MONTH_STYLES)
    month = style[0] if day.month == 7 else style[1]
    if rng.random() < 0.2:
        return f"{day.day} {'July' if day.month == 7 else 'August'}"
    return f"{month} {day.day}"


def _when(published: date, rng: random.Random) -> str:
    """Return a temporal phrase at or before the publication day."""
    roll = rng.random()
    if roll < 0.35:
        back = rng.randint(0, 6)
        return "on " + (published - timedelta(days=back)).strftime("%A")
    if roll < 0.55:
        return "on " + _month_day(published - timedelta(days=rng.randint(0, 10)), rng)
    return rng.choice(("earlier this week", "last week", "overnight", "in the past two days", "late on Sunday",
                       "this week", "on Monday night", "at the weekend"))


class _Slots(dict):
    """Template values drawn lazily, once per sentence, so repeated slots agree."""

    def __init__(self, rng: random.Random, pools: PlacePools, published: date, outlet: str) -> None:
        super().__init__()
        self.rng, self.pools, self.published, self.outlet = rng, pools, published, outlet

    def __missing__(self, key: str) -> str:
        value = self._draw(key)
        self[key] = value
        return value

    def _neighbour(self) -> str:
        """Return the country bordering the sentence's crossing or district, drawing one if needed."""
        for province_key in ("x_province", "d_province"):
            country = BORDER_COUNTRY.get(self.get(province_key, ""))
            if country and any(p.name == country for p in self.pools.countries):
                return country
        if "d_province" not in self and self.pools.border_districts:
            place = self.rng.choice(self.pools.border_districts)
            self["district"], self["d_province"] = place.name, place.province
            return BORDER_COUNTRY[place.province]
        return self.rng.choice(self.pools.countries).name

    def _draw(self, key: str) -> str:
        """Draw the value of one template slot (a capitalised slot repeats its lower-case value)."""
        rng, pools = self.rng, self.pools
        if key[0].isupper():
            lower = self[key[0].lower() + key[1:]]
            return lower[0].upper() + lower[1:]
        if key in ("district", "d_province"):
            place = rng.choice(pools.districts)
            self["district"], self["d_province"] = place.name, place.province
            return self[key]
        if key in ("capital", "c_province"):
            nearby = [p for p in pools.capitals if p.province == self.get("d_province")]
            place = rng.choice(nearby or pools.capitals)
            self["capital"], self["c_province"] = place.name, place.province
            return self[key]
        if key == "province":
            return rng.choice(pools.provinces).name
        if key in ("crossing", "x_province"):
            place = rng.choice(pools.crossings or pools.districts)
            self["crossing"], self["x_province"] = place.name, place.province
            return self[key]
        if key == "country":
            return self._neighbour()
        if key == "when":
            return _when(self.published, rng)
        if key == "people":
            return rng.choice(PEOPLE_COUNTS)
        if key == "n_districts":
            return rng.choice(DISTRICT_COUNTS)
        if key == "tally":
            return rng.choice(TALLY_COUNTS)
        if key == "all_most":
            return rng.choice(("all", "most", "all but two of the", "nearly all"))
        if key == "small_n":
            return str(rng.randint(2, 60) * 10)
        if key == "ordinal":
            return rng.choice(ORDINALS)
        if key == "person":
            return rng.choice(PERSONS)
        if key == "outlet":
            return self.outlet if rng.random() < 0.7 else rng.choice(OUTLETS)
        if key == "gov":
            return rng.choice(GOV_SOURCES).format_map(self)
        if key == "tb":
            return rng.choice(TALIBAN_SOURCES)
        if key == "res":
            return rng.choice(RESIDENT_SOURCES)
        if key == "foreign":
            return rng.choice(FOREIGN_SOURCES).format_map(self)
        return key


def _sentence(template: str, rng: random.Random, pools: PlacePools, published: date, outlet: str) -> str:
    """Fill one template with fresh places, dates, numbers and sources."""
    return template.format_map(_Slots(rng, pools, published, outlet))


@dataclass(frozen=True)
class HotEvent:
    """An event many articles report: its sentence template, place and day."""

    template: str
    place: str
    province: str
    day: date


def hot_events(pools: PlacePools) -> tuple[HotEvent, ...]:
    """The few hot events of a corpus, placed deterministically from the place pools."""
    caps, dists = pools.capitals, pools.districts
    countries = [p.name for p in pools.countries]
    country = "Tajikistan" if "Tajikistan" in countries else countries[0]
    picks = [caps[len(caps) // 3], caps[(2 * len(caps)) // 3]]
    district = dists[len(dists) // 2]
    return (
        HotEvent("Taliban fighters entered {place}, the capital of {province} province, {when}, and the city fell "
                 "after hours of street fighting, {gov} said.", picks[0].name, picks[0].province, date(2021, 8, 8)),
        HotEvent("{place}, the capital of {province}, fell to the Taliban {when} after government forces withdrew "
                 "to the airport, {res} said.", picks[1].name, picks[1].province, date(2021, 8, 13)),
        HotEvent("The Taliban captured {place} district in {province} province {when}, {gov} said.",
                 district.name, district.province, date(2021, 7, 14)),
        HotEvent("More than 1,000 Afghan soldiers fled across the border into {place} {when} after clashes with "
                 "the Taliban, {foreign} said.", country, "", date(2021, 7, 5)),
    )


def _hot_when(day: date, published: date, rng: random.Random) -> str:
    """How an article published on `published` dates a hot event of `day`."""
    if (published - day).days <= 6 and rng.random() < 0.6:
        return "on " + day.strftime("%A")
    return "on " + _month_day(day, rng)


def write_article(rng: random.Random, pools: PlacePools, hot: HotEvent | None = None) -> str:
    """Return the text of one synthetic wire article (header, dateline, paragraphs, boilerplate)."""
    published = FIRST_DAY + timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
    if hot is not None:
        published = min(LAST_DAY, hot.day + timedelta(days=rng.randint(0, 10)))
    outlet = rng.choice(OUTLETS)
    paragraphs: list[str] = []
    sentences: list[str] = []
    if hot is not None:
        slots = _Slots(rng, pools, published, outlet)
        slots.update(place=hot.place, province=hot.province, when=_hot_when(hot.day, published, rng))
        if hot.province:
            slots["d_province"] = hot.province
        sentences.append(hot.template.format_map(slots))
    for _ in range(rng.randint(8, 22)):
        roll = rng.random()
        if roll < 0.30:
            sentences.append(_sentence(rng.choice(EVENT_TEMPLATES), rng, pools, published, outlet))
        elif roll < 0.88:
            sentences.append(_sentence(rng.choice(NON_EVENT_TEMPLATES), rng, pools, published, outlet))
        else:  # a boilerplate line stands alone between paragraphs
            if sentences:
                paragraphs.append(" ".join(sentences))
                sentences = []
            paragraphs.append(_sentence(rng.choice(BOILERPLATE), rng, pools, published, outlet))
            continue
        if len(sentences) >= rng.randint(1, 3):
            paragraphs.append(" ".join(sentences))
            sentences = []
    if sentences:
        paragraphs.append(" ".join(sentences))
    if rng.random() < 0.5:
        town = rng.choice(pools.capitals).name.upper()
        paragraphs[0] = f"{town}, {_month_day(published, rng)} ({outlet}) - {paragraphs[0]}"
    separator = "\n\n" if rng.random() < 0.5 else "\n"
    body = separator.join(p for p in paragraphs if p)
    roll = rng.random()
    if roll < 0.6:
        return f" date {published.isoformat()} {body}\n"
    if roll < 0.7:
        return f" date {published:%Y-%m}\n{body}\n"
    return f"{body}\n"


_HEADER_RE = re.compile(r"^ date (\d{4}-\d\d(?:-\d\d)?)[ \n]")
HEADLINE_WORDS: tuple[str, ...] = (
    "Taliban", "Advance", "Northern", "Offensive", "Widens", "Fighting", "Government", "Forces", "Province",
    "Border", "Claims", "Capital", "Pressure", "Mounts", "Talks", "Stall", "Militants", "Gain", "Ground",
)


def write_copy(original: str, rng: random.Random, pools: PlacePools) -> str:
    """Republish an article: perhaps retitled, trimmed, with lines of the outlet's own, dated or not."""
    header = _HEADER_RE.match(original)
    body = original[header.end():] if header else original
    separator = "\n\n" if "\n\n" in body else "\n"
    paragraphs = [p for p in body.strip("\n").split(separator) if p]
    if len(paragraphs) > 3 and rng.random() < 0.5:
        keep = max(3, len(paragraphs) - rng.randint(1, max(1, len(paragraphs) // 3)))
        paragraphs = paragraphs[:keep]
    outlet = rng.choice(OUTLETS)
    published = date.fromisoformat(header.group(1)) if header and len(header.group(1)) == 10 else FIRST_DAY
    if rng.random() < 0.5:
        own = _sentence(rng.choice(NON_EVENT_TEMPLATES), rng, pools, published, outlet)
        paragraphs.append(own if rng.random() < 0.5 else f"{own} Source: {outlet} and agencies")
    if rng.random() < 0.6:
        title = " ".join(rng.sample(HEADLINE_WORDS, rng.randint(4, 7)))
        paragraphs.insert(0, title)
    text = separator.join(paragraphs) + "\n"
    roll = rng.random()
    if header is None or roll < 0.3:
        return text  # an undated copy: it takes the date of the story it copies
    if len(header.group(1)) == 7:
        return f" date {header.group(1)}\n{text}"
    day = min(LAST_DAY, published + timedelta(days=1)) if roll < 0.5 else published
    return f" date {day.isoformat()} {text}"


def article_text(seed: int, index: int, pools: PlacePools, hot: tuple[HotEvent, ...] | None = None) -> str:
    """Return article `index` of the corpus of `seed`: an original, or a copy of one of the articles before it."""
    hot = hot_events(pools) if hot is None else hot
    rng = random.Random(seed * 1_000_003 + index)
    if index > 0 and rng.random() < COPY_SHARE:
        source = index - 1 - rng.randrange(min(index, COPY_LOOKBACK))
        return write_copy(article_text(seed, source, pools, hot), rng, pools)
    event = hot[rng.randrange(len(hot))] if rng.random() < HOT_SHARE else None
    return write_article(rng, pools, event)


def article_path(out_dir: Path, index: int) -> Path:
    """Return where article `index` of a synthetic corpus is written (folders of 1000 files)."""
    return out_dir / f"{index // FILES_PER_FOLDER:04d}" / f"article_{index:06d}.txt"


def generate_corpus(out_dir: Path, n_articles: int, seed: int = 0) -> list[Path]:
    """Write `n_articles` synthetic articles under out_dir (deterministic for a seed) and return their paths."""
    out_dir = Path(out_dir)
    pools = place_pools()
    hot = hot_events(pools)
    paths: list[Path] = []
    for index in range(n_articles):
        path = article_path(out_dir, index)
        if index % FILES_PER_FOLDER == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article_text(seed, index, pools, hot), encoding="utf-8")
        paths.append(path)
    return paths


def cached_corpus(n_articles: int, seed: int = 0, root: Path | None = None) -> Path:
    """Return a folder holding the synthetic corpus of that size, generating it on first use."""
    root = Path(root) if root is not None else BENCH_DIR
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError:
        root = Path(tempfile.gettempdir()) / "analysis-bench"
        root.mkdir(parents=True, exist_ok=True)
    folder = root / f"corpus-{n_articles}-seed{seed}"
    manifest = root / f"corpus-{n_articles}-seed{seed}.json"  # beside the folder, so it is not read as an article
    expected = {"version": GENERATOR_VERSION, "n_articles": n_articles, "seed": seed}
    if manifest.exists():
        try:
            if json.loads(manifest.read_text(encoding="utf-8")) == expected:
                return folder
        except (OSError, ValueError):
            pass
    generate_corpus(folder, n_articles, seed)
    manifest.write_text(json.dumps(expected), encoding="utf-8")
    return folder


# --- measuring ------------------------------------------------------------------------------------

STAGES: tuple[str, ...] = (
    "read+extract", "near-duplicates", "corpus dating", "parse tables", "merge", "event tables", "timelines + report",
)


class _TreeMemory:
    """Samples the memory of this process and all its children together (proportional set size, so pages the
    workers share with their parent count once) a few times a second; keeps the highest sum since the last read."""

    INTERVAL = 0.25  # seconds between samples

    def __init__(self) -> None:
        self._highest = 0.0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        try:
            import psutil

            self._root = psutil.Process()
            self._root.memory_full_info()  # PSS needs /proc/<pid>/smaps_rollup (Linux); else no samples
        except Exception:  # no psutil, or no PSS on this system: the tree measure is left out
            self._root = None
        self._thread = threading.Thread(target=self._run, daemon=True) if self._root is not None else None
        if self._thread is not None:
            self._thread.start()

    def _sample(self) -> float:
        """The summed PSS of the process tree now, in MB."""
        total = 0
        for process in [self._root] + self._root.children(recursive=True):  # type: ignore[union-attr]
            try:
                total += process.memory_full_info().pss
            except Exception:  # a worker that has just ended
                continue
        return total / (1024 * 1024)

    def _run(self) -> None:
        """Sample until stopped."""
        while not self._stop.wait(self.INTERVAL):
            value = self._sample()
            with self._lock:
                self._highest = max(self._highest, value)

    def take(self) -> float | None:
        """The highest sum since the last call (None when the tree cannot be measured here)."""
        if self._thread is None:
            return None
        value = self._sample()
        with self._lock:
            highest, self._highest = max(self._highest, value), 0.0
        return highest

    def stop(self) -> None:
        """End the sampling."""
        self._stop.set()


class _Clock:
    """Times named stages and notes the peak memory after each."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.peak_mb: dict[str, float] = {}
        self.tree_mb: dict[str, float] = {}
        self.tree = _TreeMemory()
        self._start = time.perf_counter()

    def lap(self, stage: str) -> None:
        """Close a stage: its seconds since the last lap, the peak RSS so far, and the stage's whole-tree peak."""
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._start
        self.peak_mb[stage] = peak_rss_mb(include_children=True)
        tree = self.tree.take()
        if tree is not None:
            self.tree_mb[stage] = max(tree, self.tree_mb.get(stage, 0.0))
        self._start = now


PHASES: dict[str, tuple[str, ...]] = {  # the stages each process runs, as `make report` runs them
    "parse": STAGES[:4],  # notebook 01's kernel
    "tabulate": STAGES[4:6],  # notebook 02's kernel
    "report": STAGES[6:],  # notebook 03's kernel, then the page builder
}


def _parse_phase(corpus: Path, workers: int | None, processed: Path, clock: _Clock,
                 dask_address: str | None) -> dict[str, object]:
    """What notebook 01 does: the parse step, then the article digest it shows."""
    from analysis import pipeline
    from analysis.ingest import files as reading
    from analysis.present import views

    n_bytes = sum(_size(src.path) for src in reading.discover_files(corpus))
    release_freed_memory()
    summary = pipeline.parse_corpus(corpus, processed, workers=workers, dask_address=dask_address, progress=False,
                                    lap=lambda stage: None if stage == "parse tables" else clock.lap(stage))
    views.article_digest(processed)
    clock.lap("parse tables")
    return {"n_files": summary.n_files, "n_articles": summary.n_articles, "n_duplicates": summary.n_duplicates,
            "n_mentions": summary.n_mentions, "bytes": n_bytes}


def _tabulate_phase(processed: Path, clock: _Clock) -> dict[str, object]:
    """What notebook 02 does: the tabulate step, then the tables its views read."""
    from analysis import pipeline
    from analysis.tabulate import review_tables
    from analysis.tabulate.tables import read_table

    summary = pipeline.tabulate_events(processed, lap=lambda stage: None if stage == "event tables" else clock.lap(stage))
    events, review, tallies = read_table(processed, "events"), review_tables.load_review(processed), read_table(processed, "tallies")
    del events, review, tallies
    clock.lap("event tables")
    return {"n_events": summary.n_events}


def _report_phase(corpus: Path, workers: int | None, processed: Path, reports: Path, clock: _Clock) -> dict[str, object]:
    """What the report target does: notebook 03 in its kernel, then the page."""
    from analysis.notebooks import NOTEBOOKS, RunParameters, run_notebooks
    from analysis.present.report import build_index

    params = RunParameters(raw_dir=str(corpus), processed_dir=str(processed), reports_dir=str(reports), workers=workers or 0)
    run_notebooks(params, ["03_timelines"], progress=False, say=lambda _: None)
    build_index(processed, reports, notebook_pages=[(f"{n[:2]} {t}", f"{n}.html") for n, t in NOTEBOOKS])
    clock.lap("timelines + report")
    return {}


def measure_phase(phase: str, corpus: Path, workers: int | None, work_dir: Path, *,
                  dask_address: str | None = None) -> dict[str, object]:
    """Run one phase of the pipeline in this process on work_dir; return its facts, seconds and memory per stage."""
    processed, reports = work_dir / "processed", work_dir / "reports"
    clock = _Clock()
    try:
        if phase == "parse":
            facts = _parse_phase(corpus, workers, processed, clock, dask_address)
        elif phase == "tabulate":
            facts = _tabulate_phase(processed, clock)
        else:
            facts = _report_phase(corpus, workers, processed, reports, clock)
    finally:
        clock.tree.stop()
    return {**facts, "seconds": clock.seconds, "peak_rss_mb_by_stage": clock.peak_mb, "tree_pss_mb_by_stage": clock.tree_mb}


def measure_stages(corpus: Path, workers: int | None, work_dir: Path, *, report: bool = True,
                   dask_address: str | None = None) -> dict[str, object]:
    """Run the whole pipeline on a corpus, each phase in a fresh interpreter as `make report` runs them (so a
    phase's memory is its own), writing into work_dir; return seconds and memory per stage."""
    row: dict[str, object] = {"seconds": {}, "peak_rss_mb_by_stage": {}, "tree_pss_mb_by_stage": {},
                              "workers": f"dask {dask_address}" if dask_address else str(resolve_workers(workers))}
    for phase in [p for p in PHASES if report or p != "report"]:
        done = _phase_in_subprocess(phase, corpus, workers or 0, work_dir, dask_address)
        for key in ("seconds", "peak_rss_mb_by_stage", "tree_pss_mb_by_stage"):
            row[key].update(done.pop(key))  # type: ignore[union-attr]
        row.update(done)
    row["peak_rss_mb"] = max(row["peak_rss_mb_by_stage"].values())  # type: ignore[union-attr]
    return row


def _size(path: str) -> int:
    """Return a file's size in bytes, 0 when it cannot be read."""
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _phase_in_subprocess(phase: str, corpus: Path, workers: int, work_dir: Path, dask_address: str | None) -> dict[str, object]:
    """Run one phase in a fresh interpreter and return what measure_phase gives."""
    command = [sys.executable, "-m", "benchmarks.bench", "--phase", phase, str(corpus), str(workers), "--work", str(work_dir)]
    if dask_address:
        command += ["--dask", dask_address]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])))
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"benchmark run failed ({' '.join(command)}):\n{done.stderr.strip()}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def format_table(rows: Sequence[dict[str, object]]) -> str:
    """Return per-stage seconds and articles/s for each corpus size, with the growth between sizes."""
    sizes = [int(row["size"]) for row in rows]  # type: ignore[call-overload]
    header = "| stage | " + " | ".join(f"{n:,}: s | {n:,}: art/s" for n in sizes)
    growth = [f"x{b // a} size: time growth" for a, b in zip(sizes, sizes[1:]) if a]
    header += "".join(f" | {g}" for g in growth) + " |"
    lines = [header, "|" + "---|" * (1 + 2 * len(sizes) + len(growth))]
    stages = [s for s in STAGES if any(s in row["seconds"] for row in rows)]  # type: ignore[operator]

    def cells(values: list[float | None]) -> str:
        out = []
        for n, v in zip(sizes, values):
            out.append("" if v is None else f"{v:,.1f}")
            out.append("" if not v else f"{n / v:,.0f}")
        for a, b in zip(values, values[1:]):
            out.append(f"{b / a:.1f}x" if a and b else "")
        return " | ".join(out)

    for stage in stages + ["whole pipeline"]:
        values: list[float | None] = []
        for row in rows:
            secs: dict[str, float] = row["seconds"]  # type: ignore[assignment]
            values.append(sum(secs.values()) if stage == "whole pipeline" else secs.get(stage))
        lines.append(f"| {stage} | {cells(values)} |")
    lines.append("| peak RSS MB | " + " | ".join(f"{float(row['peak_rss_mb']):,.0f} | " for row in rows)  # type: ignore[arg-type]
                 + "".join(" | " for _ in growth) + " |")
    return "\n".join(lines)


def format_rss_table(rows: Sequence[dict[str, object]]) -> str:
    """Return the running peak RSS after each stage for each corpus size, with its growth between sizes."""
    sizes = [int(row["size"]) for row in rows]  # type: ignore[call-overload]
    growth = [f"x{b // a} size: RSS growth" for a, b in zip(sizes, sizes[1:]) if a]
    lines = ["| peak RSS so far, MB, after | " + " | ".join(f"{n:,}" for n in sizes) + "".join(f" | {g}" for g in growth)
             + " |", "|" + "---|" * (1 + len(sizes) + len(growth))]
    by_stage = [row.get("peak_rss_mb_by_stage") or {} for row in rows]
    for stage in [s for s in STAGES if any(s in b for b in by_stage)]:  # type: ignore[operator]
        values = [b.get(stage) for b in by_stage]  # type: ignore[union-attr]
        cells = ["" if v is None else f"{float(v):,.0f}" for v in values]
        cells += [f"{float(b) / float(a):.1f}x" if a and b else "" for a, b in zip(values, values[1:])]
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def format_tree_table(rows: Sequence[dict[str, object]]) -> str:
    """Return each stage's peak memory of all processes together (PSS) for each corpus size, with its growth."""
    sizes = [int(row["size"]) for row in rows]  # type: ignore[call-overload]
    by_stage = [row.get("tree_pss_mb_by_stage") or {} for row in rows]
    if not any(by_stage):
        return "(the memory of all processes together cannot be sampled here: psutil or PSS is missing)"
    growth = [f"x{b // a} size: growth" for a, b in zip(sizes, sizes[1:]) if a]
    lines = ["| all processes, peak MB (PSS) during | " + " | ".join(f"{n:,}" for n in sizes)
             + "".join(f" | {g}" for g in growth) + " |", "|" + "---|" * (1 + len(sizes) + len(growth))]
    stages = [s for s in STAGES if any(s in b for b in by_stage)]  # type: ignore[operator]
    for stage in stages + ["whole pipeline"]:
        values = [max(b.values(), default=None) if stage == "whole pipeline" else b.get(stage)  # type: ignore[union-attr]
                  for b in by_stage]
        cells = ["" if v is None else f"{float(v):,.0f}" for v in values]
        cells += [f"{float(b) / float(a):.1f}x" if a and b else "" for a, b in zip(values, values[1:])]
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def run_benchmark(
    sizes: Sequence[int] = (10_000, 100_000),
    workers: int | None = None,
    out: TextIO = sys.stdout,
    *,
    dask_address: str | None = None,
    seed: int = 0,
    root: Path | None = None,
    report: bool = True,
) -> list[dict[str, object]]:
    """Generate (or reuse) each corpus, time every stage of the pipeline on it, print a table."""
    rows: list[dict[str, object]] = []
    for size in sizes:
        print(f"preparing a corpus of {size:,} synthetic articles...", file=sys.stderr, flush=True)
        corpus = cached_corpus(size, seed, root)
        print(f"  running the pipeline on {size:,} articles...", file=sys.stderr, flush=True)
        with tempfile.TemporaryDirectory(prefix="analysis-bench-run-") as work:
            row = measure_stages(corpus, workers, Path(work), report=report, dask_address=dask_address)
        row["size"] = size
        rows.append(row)
        print(f"  {size:,} articles: {sum(row['seconds'].values()):,.1f} s, "  # type: ignore[union-attr]
              f"{row['n_duplicates']:,} copies, {row['n_mentions']:,} mentions, {row['n_events']:,} events",
              file=sys.stderr, flush=True)
    cores = available_cores()
    load = f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "n/a"
    print(f"Whole pipeline, synthetic corpus, {rows[0]['workers'] if rows else '?'} worker(s) on {cores} core(s), "
          f"load average {load} at the end. Each phase (parse, tabulate, report) runs in its own process, as `make "
          f"report` runs them; peak RSS = that process + its largest child so far; \"all processes\" = the memory of "
          f"the phase's whole process tree at once (PSS, shared pages counted once), sampled four times a second.\n",
          file=out)
    print(format_table(rows), file=out, flush=True)
    print("\n" + format_rss_table(rows), file=out, flush=True)
    print("\n" + format_tree_table(rows), file=out, flush=True)
    return rows


def _int_list(text: str) -> list[int]:
    """Parse '1000,10000' or '10k,100k,1m' into integers."""
    values = []
    for part in text.split(","):
        part = part.strip().lower()
        if part:
            scale = {"k": 1000, "m": 1_000_000}.get(part[-1], 1)
            values.append(int(float(part[:-1] if scale > 1 else part) * scale))
    return values


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: `python -m benchmarks.bench [--sizes 10k,100k] [--million] [--workers N] [--no-report]`."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__)
    parser.add_argument("--sizes", default="10k,100k", help="corpus sizes in articles (comma-separated; 10k ok)")
    parser.add_argument("--million", action="store_true", help="also run a corpus of 1,000,000 articles")
    parser.add_argument("--workers", type=int, default=0, help="worker processes (0 = all cores)")
    parser.add_argument("--dask", default="", help="run on this Dask scheduler ('tcp://host:port' or 'local:N')")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus")
    parser.add_argument("--dir", default="", help="where corpora are cached (default: the system temporary folder)")
    parser.add_argument("--no-report", action="store_true", help="leave out the timelines notebook and the report")
    parser.add_argument("--phase", nargs=3, metavar=("PHASE", "CORPUS_DIR", "WORKERS"), help=argparse.SUPPRESS)
    parser.add_argument("--work", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        phase, corpus, workers = args.phase[0], Path(args.phase[1]), int(args.phase[2])
        print(json.dumps(measure_phase(phase, corpus, workers or None, Path(args.work), dask_address=args.dask or None)))
        return 0
    sizes = _int_list(args.sizes) + ([1_000_000] if args.million else [])
    run_benchmark(sizes, args.workers or None, dask_address=args.dask or None, seed=args.seed,
                  root=Path(args.dir) if args.dir else None, report=not args.no_report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
