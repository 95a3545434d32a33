"""The source files a pipeline step reads: its notebook, the package modules it imports (followed
through every import, lazy ones included) and the data files those modules name.

The Makefile asks this module for each step's prerequisites, so that editing any module or data
file a step uses reruns that step, and nothing else. Standard library only: it runs with the
system interpreter before the project's environment exists.

    python3 analysis/depends.py notebooks/01_parse.ipynb
    python3 analysis/depends.py analysis/present/report.py
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

PACKAGE = "analysis"
PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
SKIP_SUFFIXES = {".py", ".pyc", ".md"}


def module_file(dotted: str) -> Path | None:
    """Return the file of a module of the package named in dotted form, or None."""
    parts = dotted.split(".")
    if parts[0] != PACKAGE:
        return None
    base = PACKAGE_DIR.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imported_modules(source: str) -> set[str]:
    """Return the dotted names of the package's modules imported anywhere in `source`."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == PACKAGE)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] == PACKAGE:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def string_literals(source: str) -> set[str]:
    """Return every string constant in `source`."""
    return {node.value for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def data_files() -> dict[str, list[Path]]:
    """Return the package's non-code files and folders, keyed by their base name."""
    index: dict[str, list[Path]] = {}
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if "__pycache__" in path.parts or path.suffix in SKIP_SUFFIXES or path == PACKAGE_DIR / "data":
            continue  # the shared data folder counts file by file, by the names modules use
        index.setdefault(path.name, []).append(path)
    return index


def named_data(source: str, index: dict[str, list[Path]]) -> set[Path]:
    """Return the data files (or every file of a data folder) that `source` names in a string."""
    found: set[Path] = set()
    for literal in string_literals(source):
        for path in index.get(Path(literal).name, []) if literal and "\n" not in literal else []:
            if path.is_dir():
                found.update(p for p in path.rglob("*") if p.is_file() and p.suffix not in SKIP_SUFFIXES)
            else:
                found.add(path)
    return found


def notebook_source(path: Path) -> str:
    """Return the code cells of a notebook as one Python source, magics dropped."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    lines = [line for cell in cells if cell["cell_type"] == "code"
             for line in "".join(cell["source"]).splitlines() if not line.lstrip().startswith(("%", "!"))]
    return "\n".join(lines)


def step_sources(entry: Path) -> list[Path]:
    """Return the entry file (notebook or module) and every package file it depends on, sorted."""
    index = data_files()
    source = notebook_source(entry) if entry.suffix == ".ipynb" else entry.read_text(encoding="utf-8")
    files: set[Path] = {entry.resolve()} | named_data(source, index)
    todo = sorted(imported_modules(source))
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        parts = name.split(".")
        for depth in range(1, len(parts) + 1):  # a module's packages run their __init__ too
            init = module_file(".".join(parts[:depth]))
            if init is not None and init.name == "__init__.py":
                files.add(init)
        path = module_file(name)
        if path is None or path in files and path.name != "__init__.py":
            continue
        files.add(path)
        text = path.read_text(encoding="utf-8")
        todo.extend(sorted(imported_modules(text) - seen))
        files.update(named_data(text, index))
    return sorted(files)


def main(argv: list[str]) -> int:
    """Print the sources of each entry given on the command line, relative to the repository."""
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    paths: set[Path] = set()
    for arg in argv:
        paths.update(step_sources(Path(arg).resolve()))
    print(" ".join(sorted(str(p.relative_to(REPO_ROOT)) for p in paths)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
