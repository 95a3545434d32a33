"""The parse and tabulate steps as library calls: publication precision reaches the merge."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.pipeline import parse_corpus, tabulate_events

EARLY = """ date 2021-08-06
ZARANJ, Afghanistan -- Taliban fighters captured Zaranj, the capital of Nimroz province, on Friday, a provincial council member said.
"""
MONTHLY = """ date 2021-08
Zaranj has fallen to the Taliban, a local official told the magazine.
"""
LATE = """ date 2021-08-31
Zaranj fell to the Taliban, residents said.
"""


def run(tmp_path: Path, files: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Parse and tabulate a small corpus in temporary folders; return the articles and events tables."""
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    for name, text in files.items():
        (raw / name).write_text(text, encoding="utf-8")
    parse_corpus(raw, processed, workers=1, progress=False)
    tabulate_events(processed)
    return (pd.read_csv(processed / "articles.csv", dtype=str, keep_default_na=False),
            pd.read_csv(processed / "events.csv", dtype=str, keep_default_na=False))


def test_publication_precision_is_written_and_used_by_the_merge(tmp_path: Path) -> None:
    articles, events = run(tmp_path, {"early.txt": EARLY, "monthly.txt": MONTHLY, "late.txt": LATE})
    precision = dict(zip(articles["article_id"], articles["published_precision"]))
    assert precision == {"early": "day", "monthly": "month", "late": "day"}
    rows = events[["event_type", "place", "date_low", "date_high", "article_ids"]].values.tolist()
    # the month-dated magazine may have been published on August 1st: its undated report joins the entry
    # of August 6; the report dated August 31 is more than two weeks later and stays apart
    assert rows == [
        ["capital_entered", "Zaranj", "2021-08-06", "2021-08-06", "early;monthly"],
        ["capital_entered", "Zaranj", "", "2021-08-31", "late"],
    ]
