"""Repository and package paths, resolved from the package location, never the working directory."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR: Path = Path(__file__).resolve().parent
PACKAGE_DATA: Path = PACKAGE_DIR / "data"
REPO_ROOT: Path = PACKAGE_DIR.parent
RAW_DIR: Path = REPO_ROOT / "data" / "raw"
PROCESSED_DIR: Path = REPO_ROOT / "data" / "processed"
REPORTS_DIR: Path = REPO_ROOT / "reports"
FIGURES_DIR: Path = REPORTS_DIR / "figures"
NOTEBOOKS_DIR: Path = REPO_ROOT / "notebooks"
