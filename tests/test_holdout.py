"""Regression guard on the held-out development set (tests/data/holdout: ten articles written for
the project in the style of other outlets, with their own gold). The floors are the scores reached
when they were set; a change that lowers one must say why (see tests/data/holdout/DIAGNOSIS.md)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import pipeline
from analysis.evaluate import format_score, load_gold, score

HOLDOUT = Path(__file__).parent / "data" / "holdout"

# (type, minimum recall, minimum precision)
FLOORS = [
    ("district_seized", 1.00, 1.00),
    ("capital_entered", 1.00, 1.00),
    ("troops_fled", 1.00, 1.00),
]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def holdout_score(tmp_path_factory: pytest.TempPathFactory):
    """Run the pipeline on the holdout articles in a temporary folder and score it against its gold."""
    out = tmp_path_factory.mktemp("holdout")
    pipeline.parse_corpus(HOLDOUT / "articles", out, workers=1, progress=False)
    pipeline.tabulate_events(out)
    events = pd.read_csv(out / "events.csv", dtype=str, keep_default_na=False)
    return score(events, load_gold(HOLDOUT / "gold.csv"))


@pytest.mark.parametrize(("event_type", "min_recall", "min_precision"), FLOORS)
def test_holdout_scores_stay_above_their_floors(holdout_score, event_type: str, min_recall: float,
                                                min_precision: float) -> None:
    got = holdout_score.by_type[event_type]
    assert got.recall >= min_recall, format_score(holdout_score)
    assert got.precision >= min_precision, format_score(holdout_score)


def test_holdout_articles_dates_and_outlets(tmp_path: Path) -> None:
    pipeline.parse_corpus(HOLDOUT / "articles", tmp_path, workers=1, progress=False)
    articles = pd.read_csv(tmp_path / "articles.csv", dtype=str, keep_default_na=False)
    got = articles[["article_id", "status", "published", "published_source", "published_precision", "outlet"]]
    assert got.values.tolist() == [
        ["001_asiaplus", "ok", "2021-07-05", "header", "day", "Asia-Plus"],
        ["002_ap", "ok", "2021-07-09", "header", "day", "AP"],
        ["003_tolonews", "ok", "2021-07-15", "text", "day", "TOLOnews"],  # from a date line, no header
        ["004_dawn", "ok", "2021-07-27", "header", "day", "Dawn"],  # "Published in Dawn" credit line
        ["005_reuters", "ok", "2021-08-07", "header", "day", "Reuters"],
        ["006_aljazeera", "ok", "2021-08-09", "text", "day", "Al Jazeera"],
        ["007_irna", "ok", "2021-08-01", "header", "month", "IRNA"],  # header " date 2021-08"
        ["008_bbc", "ok", "2021-08-13", "header", "day", "BBC"],
        ["009_pajhwok", "ok", "2021-08-11", "header", "day", "Pajhwok"],
        ["010_voa", "ok", "2021-08-16", "header", "day", ""],  # the text never names its outlet
    ]
