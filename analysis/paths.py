"""Repository and package paths, resolved from the package location, never the working directory."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR: Path = Path(__file__).resolve().parent
PACKAGE_DATA: Path = PACKAGE_DIR / "data"
REPO_ROOT: Path = PACKAGE_DIR.parent
RAW_DIR: Path = REPO_ROOT / "data" / "raw"
PROCESSED_DIR: Path = REPO_ROOT / "data" / "processed"
REPORTS_DIR: Path = REPO_ROOT / "reports"
FIGURES_DIR: Path = REPORTS_DIR / "figures"
NOTEBOOKS_DIR: Path = REPO_ROOT / "notebooks"


def resolve_dirs(raw_dir: str = "", processed_dir: str = "", reports_dir: str = "") -> tuple[Path, Path, Path]:
    """Return the raw, processed and reports folders; empty ones default to the repository's own.

    The environment variables ANALYSIS_RAW_DIR, ANALYSIS_PROCESSED_DIR and ANALYSIS_REPORTS_DIR
    replace those defaults (the test suite uses them to keep notebooks out of the checkout).
    """
    raw = raw_dir or os.environ.get("ANALYSIS_RAW_DIR", "")
    processed = processed_dir or os.environ.get("ANALYSIS_PROCESSED_DIR", "")
    reports = reports_dir or os.environ.get("ANALYSIS_REPORTS_DIR", "")
    return (
        Path(raw).expanduser().resolve() if raw else RAW_DIR,
        Path(processed).expanduser().resolve() if processed else PROCESSED_DIR,
        Path(reports).expanduser().resolve() if reports else REPORTS_DIR,
    )
