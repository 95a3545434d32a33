"""A dense synthetic corpus as tables: all 34 capitals, 150 districts, 40 flights, and one stray old date."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pandas as pd

from analysis.extract.gazetteer import load_gazetteer
from analysis.present import tilemap
from analysis.tabulate.tables import Tables, make_tables

START = date(2021, 7, 1)
DESTINATIONS = ("Tajikistan", "Iran", "Uzbekistan", "Pakistan", "Turkmenistan", "")
CLAIMANTS = ("taliban", "afghan_government", "media", "international_org")


def _event(i: int, **values: object) -> dict[str, object]:
    """One events.csv row with defaults for what the figures do not read."""
    row: dict[str, object] = {"event_id": f"ev-{i:04d}", "status": "reported", "n_mentions": 1, "n_articles": 1,
                              "n_sources": 1, "claimants": "media", "article_ids": f"a{i % 60:03d}",
                              "evidence": f"Synthetic sentence number {i} about a reported event.",
                              "outcome": "", "destination": "", "place_type": "district", "count_text": ""}
    row.update(values)
    return row


def dense_tables(seed: int = 7) -> Tables:
    """Tables for a corpus of 60 articles over seven weeks with every capital entered."""
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    day = lambda n: (START + timedelta(days=n)).isoformat()  # noqa: E731
    for i, tile in enumerate(tilemap.load_tiles()):
        d = rng.randrange(30, 46)
        lo = d - (rng.randrange(1, 4) if i % 5 == 0 else 0)
        rows.append(_event(len(rows), event_type="capital_entered", place=tile.capital, province=tile.province,
                           place_type="capital", date=day(d) if lo == d else "", date_low=day(lo), date_high=day(d),
                           outcome=("fell", "repelled", "contested", "unknown")[i % 4],
                           status="disputed" if i % 7 == 0 else "reported"))
    districts = [p for p in load_gazetteer().of_type("district") if p.province][:150]
    for i, place in enumerate(districts):
        d = rng.randrange(0, 46)
        rows.append(_event(len(rows), event_type="district_seized", place=place.name, province=place.province,
                           date=day(d), date_low=day(d), date_high=day(d)))
    for i, province in enumerate(["Kunduz", "Badakhshan", "Helmand", "Ghazni"]):
        d = 10 + 7 * i
        rows.append(_event(len(rows), event_type="district_seized", place=province, province=province,
                           place_type="province", date=day(d), date_low=day(d), date_high=day(d),
                           count_low=3 + i, count_high=3 + i, count_text=f"{3 + i} districts"))
    for i in range(40):
        d = rng.randrange(5, 46)
        n = rng.choice([None, 12, 40, 100, 300, 1037, 2000])
        rows.append(_event(len(rows), event_type="troops_fled", place="", place_type="", province="Badakhshan",
                           destination=DESTINATIONS[i % len(DESTINATIONS)], date=day(d), date_low=day(d),
                           date_high=day(d), count_low=n, count_high=None if i % 3 == 0 else n,
                           count_text="" if n is None else f"more than {n}" if i % 3 == 0 else str(n)))
    rows.append(_event(len(rows), event_type="district_seized", place="Khanabad", province="Kunduz",
                       date="2001-11-11", date_low="2001-11-11", date_high="2001-11-11"))
    tallies = [{"article_id": f"a{i:03d}", "date": day(12 + 4 * i), "claimant": CLAIMANTS[i % 4], "scope": "national",
                "unit": "districts", "count_low": 100 + 25 * i, "count_high": None, "count_text": f"more than {100 + 25 * i}",
                "sentence": f"Synthetic tally {i}.", "char_start": 0, "char_end": 10} for i in range(8)]
    articles = [{"article_id": f"a{i:03d}", "path": f"a{i:03d}.txt", "published": day(2 + (i * 47) // 60),
                 "outlet": ("Wire A", "Paper B", "Radio C")[i % 3], "status": "ok", "duplicate_of": ""}
                for i in range(60)]
    return make_tables(events=pd.DataFrame(rows), tallies=pd.DataFrame(tallies), articles=pd.DataFrame(articles))
