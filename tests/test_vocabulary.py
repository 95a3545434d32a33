"""The names of event types, outcomes and claimants are defined once (analysis.records) and every label
table covers exactly them."""

from __future__ import annotations

from analysis.extract import outcomes
from analysis.present import formatting
from analysis.records import CLAIMANTS, EVENT_TYPES, OUTCOME_RANK, OUTCOMES
from analysis.tabulate import merge


def test_outcome_rank_is_one_table() -> None:
    """Extraction, merging and presentation share one outcome rank."""
    assert outcomes._OUTCOME_RANK is OUTCOME_RANK
    assert merge._OUTCOME_RANK is OUTCOME_RANK
    assert formatting.OUTCOME_RANK is OUTCOME_RANK
    assert OUTCOME_RANK == {"repelled": 3, "fell": 2, "contested": 1, "unknown": 0, "": 0}
    assert set(OUTCOME_RANK) == set(OUTCOMES) | {""}


def test_label_tables_cover_the_defined_names() -> None:
    """Every label table is keyed by exactly the names analysis.records defines."""
    assert formatting.OUTCOMES is OUTCOMES
    assert set(formatting.OUTCOME_LABELS) == set(OUTCOMES)
    assert set(formatting.EVENT_TYPE_LABELS) == set(EVENT_TYPES)
    assert set(formatting.TYPE_LABELS) == set(EVENT_TYPES)
    for table in (formatting.CLAIMANT_NAMES, formatting.CLAIMANT_LABELS, formatting.CLAIMANT_SHORT):
        assert set(table) == set(CLAIMANTS)
