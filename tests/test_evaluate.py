"""Tests for analysis.evaluate and, end to end, the five seed articles against the development gold."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from analysis.evaluate import format_score, load_gold, load_gold_tallies, main, score, score_tallies

DATA = Path(__file__).parent / "data"
HEADER = "event_type,date_low,date_high,place,place_type,province,destination,outcome,count_low,count_high,count_text,status,required,articles,note\n"


def _gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold.csv"
    path.write_text(HEADER
                    + "capital_entered,2021-08-06,2021-08-06,Sheberghan,capital,Jowzjan,,fell,,,,reported,yes,a1,\n"
                    + "troops_fled,,2021-08-07,Tajikistan,country,Kunduz,Tajikistan,,300,,,reported,yes,a1,\n"
                    + "district_seized,,2021-08-07,Kushk,district,Herat,,,,,,reported,optional,a1,\n", encoding="utf-8")
    return path


def _event(event_type: str, place: str, low: str, high: str, destination: str = "", place_type: str = "capital") -> dict:
    return {"event_type": event_type, "place": place, "place_type": place_type, "destination": destination,
            "date_low": low, "date_high": high}


def test_load_gold(tmp_path: Path) -> None:
    rows = load_gold(_gold(tmp_path))
    assert [(r.event_type, r.place, r.required, r.date_low, r.date_high) for r in rows] == [
        ("capital_entered", "Sheberghan", True, date(2021, 8, 6), date(2021, 8, 6)),
        ("troops_fled", "Tajikistan", True, None, date(2021, 8, 7)),
        ("district_seized", "Kushk", False, None, date(2021, 8, 7)),
    ]


def test_perfect_match_with_spelling_variant(tmp_path: Path) -> None:
    events = [_event("capital_entered", "Shiberghan", "", "2021-08-07"),
              _event("troops_fled", "Tajikistan", "2021-08-05", "2021-08-05", "Tajikistan", "country")]
    result = score(events, load_gold(_gold(tmp_path)))
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (2, 0, 0)
    assert result.overall.f1 == 1.0


def test_miss_false_alarm_and_optional(tmp_path: Path) -> None:
    events = [_event("capital_entered", "Sheberghan", "2021-07-01", "2021-07-02"),  # dates do not overlap
              _event("district_seized", "Torghundi", "", "2021-08-07", place_type="border_crossing"),  # optional row
              _event("capital_entered", "Aybak", "2021-08-09", "2021-08-09")]
    result = score(events, load_gold(_gold(tmp_path)))
    assert sorted(g.place for g in result.misses) == ["Sheberghan", "Tajikistan"]
    assert sorted(p.place for p in result.false_alarms) == ["Aybak", "Sheberghan"]
    ce = result.by_type["capital_entered"]
    assert (ce.tp, ce.fp, ce.fn, ce.precision, ce.recall) == (0, 2, 1, 0.0, 0.0)
    assert result.by_type["district_seized"].fp == 0
    assert "false alarms" in format_score(result)


def test_cli_prints_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    events = tmp_path / "events.csv"
    with open(events, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(_event("x", "y", "", "").keys()))
        writer.writeheader()
        writer.writerow(_event("capital_entered", "Sheberghan", "2021-08-06", "2021-08-06"))
    assert main(["--gold", str(_gold(tmp_path)), "--events", str(events)]) == 0
    out = capsys.readouterr().out
    assert "capital_entered" in out and "misses (required gold rows not found): 1" in out
    assert main(["--gold", str(tmp_path / "none.csv"), "--events", str(events)]) == 2


@pytest.mark.slow
def test_seeds_find_every_required_row_without_false_alarms(tmp_path: Path) -> None:
    from analysis import pipeline
    from analysis.paths import RAW_DIR
    import pandas as pd

    pipeline.parse_corpus(RAW_DIR, tmp_path, workers=1, progress=False)
    pipeline.tabulate_events(tmp_path)
    events = pd.read_csv(tmp_path / "events.csv", dtype=str, keep_default_na=False)
    result = score(events, load_gold(DATA / "seed_gold.csv"))
    assert not result.misses, format_score(result)
    assert not result.false_alarms, format_score(result)
    tallies = pd.read_csv(tmp_path / "tallies.csv", dtype=str, keep_default_na=False)
    missing, _extra = score_tallies(tallies, load_gold_tallies(DATA / "seed_gold_tallies.csv"))
    assert not missing


def test_outcome_status_and_count_are_scored_per_type_with_each_mismatch(tmp_path: Path) -> None:
    path = tmp_path / "gold.csv"
    path.write_text(HEADER
                    + "capital_entered,2021-08-06,2021-08-06,Sheberghan,capital,Jowzjan,,fell,,,,disputed,yes,a1,\n"
                    + "capital_entered,2021-08-08,2021-08-08,Kunduz,capital,Kunduz,,fell,,,,reported,yes,a1,\n"
                    + "troops_fled,,2021-08-07,Tajikistan,country,Kunduz,Tajikistan,,300,300,,reported,yes,a1,\n"
                    + "troops_fled,,2021-08-07,Uzbekistan,country,Balkh,Uzbekistan,,84,84,,reported,yes,a1,\n"
                    + "district_seized,,2021-08-07,Badghis,province,Badghis,,,5,5,,reported,yes,a1,\n", encoding="utf-8")
    events = [
        {**_event("capital_entered", "Sheberghan", "2021-08-06", "2021-08-06"), "outcome": "repelled", "status": "disputed"},
        {**_event("capital_entered", "Kunduz", "2021-08-08", "2021-08-08"), "outcome": "fell", "status": "disputed"},
        {**_event("troops_fled", "Tajikistan", "2021-08-05", "2021-08-05", "Tajikistan", "country"),
         "count_low": "250", "count_high": "350", "status": "reported"},
        {**_event("troops_fled", "Uzbekistan", "2021-08-05", "2021-08-05", "Uzbekistan", "country"),
         "count_low": "46", "count_high": "46", "status": "reported"},
        {**_event("district_seized", "Badghis", "", "2021-08-07", place_type="province"),
         "count_low": "5.0", "count_high": "5", "status": "reported"},
    ]
    result = score(events, load_gold(path))
    ce, tf, ds = (result.attributes[t] for t in ("capital_entered", "troops_fled", "district_seized"))
    assert (ce["outcome"].n, ce["outcome"].correct) == (2, 1)
    assert (ce["status"].n, ce["status"].correct, ce["status"].accuracy) == (2, 1, 0.5)
    assert (tf["count"].n, tf["count"].correct, tf["count"].within) == (2, 0, 1)
    assert (ds["count"].n, ds["count"].correct, ds["count"].accuracy) == (1, 1, 1.0)
    assert sorted(result.mismatches) == [
        "row 2: capital_entered Sheberghan: outcome expected fell, got repelled",
        "row 3: capital_entered Kunduz: status expected reported, got disputed",
        "row 5: troops_fled Uzbekistan: count expected 84..84, got 46..46",
    ]
    text = format_score(result)
    assert "mismatches (outcome, status, count of matched events): 3" in text
    assert "row 5: troops_fled Uzbekistan: count expected 84..84, got 46..46" in text
