"""Test-session setup: notebooks run by nbval write into a temporary folder, never the checkout."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def pytest_configure(config) -> None:
    """Point the notebooks' default folders at a session temporary folder, filled once by the controller.

    nbval runs the notebooks as stored (default parameters). With several workers a later notebook
    may start before an earlier one ends, so the tables it reads are prepared here first.
    """
    if hasattr(config, "workerinput") or os.environ.get("ANALYSIS_PROCESSED_DIR"):
        return
    root = Path(tempfile.mkdtemp(prefix="analysis-nbval-"))
    processed, reports = root / "processed", root / "reports"
    os.environ["ANALYSIS_PROCESSED_DIR"] = str(processed)
    os.environ["ANALYSIS_REPORTS_DIR"] = str(reports)
    try:
        from analysis import pipeline
        from analysis.paths import RAW_DIR

        pipeline.parse_corpus(RAW_DIR, processed, workers=1, progress=False)
        pipeline.tabulate_events(processed)
    except Exception as error:  # the notebook tests will then fail with the real error
        print(f"conftest: could not prepare tables for the notebooks: {error}")
