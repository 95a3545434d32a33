"""Notebooks stay thin: parameters cells hold only what each notebook uses, the runner passes only those, 03 shows saved figures."""

from __future__ import annotations

import json
import re
from dataclasses import asdict

import pytest

from analysis.notebooks import RunParameters, _declared
from analysis.paths import NOTEBOOKS_DIR

NAMES = ("01_parse", "02_tabulate_events", "03_timelines")


def cells(name: str) -> list[dict]:
    """The cells of a stored notebook."""
    return json.loads((NOTEBOOKS_DIR / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]


def parameters(name: str) -> list[str]:
    """Names assigned in the notebook's parameters cell."""
    cell = next(c for c in cells(name) if "parameters" in c["metadata"].get("tags", []))
    return [line.split("=", 1)[0].strip() for line in "".join(cell["source"]).splitlines() if "=" in line]


@pytest.mark.parametrize("name", NAMES)
def test_every_parameter_is_used_and_the_runner_passes_only_those(name):
    names = parameters(name)
    code = "\n".join("".join(c["source"]) for c in cells(name)
                     if c["cell_type"] == "code" and "parameters" not in c["metadata"].get("tags", []))
    unused = [n for n in names if not re.search(rf"\b{n}\b", code)]
    assert unused == []
    passed = _declared(NOTEBOOKS_DIR / f"{name}.ipynb", asdict(RunParameters()))
    assert sorted(passed) == sorted(names)


def test_corrections_path_goes_to_the_tabulate_notebook_only():
    assert "corrections_path" in parameters("02_tabulate_events")
    assert "corrections_path" not in parameters("01_parse") + parameters("03_timelines")


def test_timelines_notebook_shows_saved_figures_and_draws_none():
    code = "\n".join("".join(c["source"]) for c in cells("03_timelines") if c["cell_type"] == "code")
    assert code.count("figures.show_saved(saved,") == 4
    assert not re.search(r"_timeline\(|province_map\(|matplotlib|%matplotlib", code)


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_are_stored_without_outputs(name):
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in cells(name) if c["cell_type"] == "code")


def test_notebook_tables_and_report_write_numbers_and_claimants_alike():
    import pandas as pd

    from analysis.present import report, views
    from analysis.tabulate.tables import make_tables

    events = pd.DataFrame([dict(event_id="tf-x", event_type="troops_fled", destination="Tajikistan", count_low=1000,
                                count_high=None, count_text="more than 1,000", claimants="afghan_government;taliban",
                                date_low="2021-07-05", date_high="2021-07-05", status="reported")])
    tables = make_tables(events=events)
    row = views.events_overview(tables.events).iloc[0]
    assert row["count"] == "≥1,000 (more than 1,000)"
    assert row["claimants"] == "Afghan government, Taliban"
    cells = report.event_rows(tables)[0]
    assert cells[6] == "≥1,000" and cells[9] == "Afghan government, Taliban"


def test_the_tile_map_does_not_import_the_timelines():
    import ast

    from analysis.present import tilemap

    tree = ast.parse(open(tilemap.__file__, encoding="utf-8").read())
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names
                if n.module == "analysis.present"} | {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert "figures" not in imported and "analysis.present.figures" not in imported
