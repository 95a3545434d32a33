"""Run the numbered notebooks with papermill and render them as offline HTML for stakeholders."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Sequence

from analysis.paths import NOTEBOOKS_DIR, PACKAGE_DIR, PROCESSED_DIR, RAW_DIR, REPORTS_DIR
from analysis.tabulate.tables import atomic_write_text

KERNEL_NAME = "analysis-project"
TEMPLATES_DIR = PACKAGE_DIR / "present" / "templates"

# Run order and the title each notebook's report gets.
NOTEBOOKS: tuple[tuple[str, str], ...] = (
    ("01_parse", "Articles read"),
    ("02_tabulate_events", "Events tabulated"),
    ("03_timelines", "Timelines and map"),
)


@dataclass(frozen=True)
class RunParameters:
    """The parameters every notebook receives (plain literals, as in their `parameters` cell)."""

    raw_dir: str = str(RAW_DIR)
    processed_dir: str = str(PROCESSED_DIR)
    reports_dir: str = str(REPORTS_DIR)
    start_date: str = ""
    end_date: str = ""
    workers: int = 0
    dask_address: str = ""
    file_budget: float = 10.0  # seconds one file may take to be read and extracted (0: no limit)
    corrections_path: str = ""


class NotebookFailed(RuntimeError):
    """A notebook stopped on an error; the message names the notebook, the cell and the executed copy."""


def notebook_names(selection: Sequence[str] | None = None) -> list[str]:
    """Return the notebook names to run, in run order, matching a selection of names or prefixes."""
    names = [name for name, _ in NOTEBOOKS]
    if not selection:
        return names
    chosen = []
    for wanted in selection:
        matches = [n for n in names if n == wanted or n.startswith(wanted)]
        if not matches:
            raise ValueError(f"unknown notebook {wanted!r}; choose from {', '.join(names)}")
        chosen.extend(m for m in matches if m not in chosen)
    return [n for n in names if n in chosen]


def ensure_kernel() -> str:
    """Install (once) a kernel spec that runs this very interpreter, and return its name."""
    kernel_dir = Path(sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}", "--IPKernelApp.log_level=ERROR", "--IPKernelApp.capture_fd_output=False"],
        "display_name": "Python (analysis project)",
        "language": "python",
        "metadata": {"debugger": True},
    }
    target = kernel_dir / "kernel.json"
    text = json.dumps(spec, indent=1) + "\n"
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        kernel_dir.mkdir(parents=True, exist_ok=True)
        atomic_write_text(target, text)
    return KERNEL_NAME


def _scrub_timings(path: Path) -> None:
    """Drop execution timestamps and random ids from an executed notebook so reruns are identical."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        meta = cell.get("metadata", {})
        if "injected-parameters" in meta.get("tags", []):
            cell["id"] = "injected-parameters"  # papermill gives it a random id
        meta.pop("execution", None)
        pm = meta.get("papermill")
        if isinstance(pm, dict):
            for key in ("start_time", "end_time", "duration"):
                pm.pop(key, None)
    pm = nb.get("metadata", {}).get("papermill")
    if isinstance(pm, dict):
        for key in ("start_time", "end_time", "duration", "input_path", "output_path"):
            pm.pop(key, None)
        pm.pop("environment_variables", None)
    atomic_write_text(path, json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n")


def _failure_message(name: str, executed: Path, error: Exception) -> str:
    """Describe a failing cell: notebook, cell number, error, and where the traceback is."""
    cell = "an unknown cell"
    try:
        nb = json.loads(executed.read_text(encoding="utf-8"))
        code_cells = [c for c in nb["cells"] if c.get("cell_type") == "code"]
        for number, c in enumerate(code_cells, start=1):
            if any(o.get("output_type") == "error" for o in c.get("outputs", [])):
                first = "".join(c.get("source", "")).strip().splitlines()
                cell = f"code cell {number}" + (f" (`{first[0][:60]}`)" if first else "")
                break
    except (OSError, ValueError, KeyError):
        pass
    ename = getattr(error, "ename", type(error).__name__)
    evalue = getattr(error, "evalue", str(error))
    return (
        f"notebook {name} failed in {cell}: {ename}: {evalue}\n"
        f"The full traceback is in the executed notebook {executed}"
    )


def _declared(source: Path, values: dict[str, object]) -> dict[str, object]:
    """Keep only the parameters the notebook's `parameters` cell declares."""
    cells = json.loads(source.read_text(encoding="utf-8")).get("cells", [])
    code = "".join("".join(c.get("source", "")) for c in cells if "parameters" in c.get("metadata", {}).get("tags", []))
    names = {line.split("=", 1)[0].strip() for line in code.splitlines() if "=" in line and not line.startswith((" ", "#"))}
    return {k: v for k, v in values.items() if k in names}


def execute_notebook(name: str, params: RunParameters, *, progress: bool = True) -> Path:
    """Execute one notebook with papermill into reports/executed/ and return the executed copy."""
    import papermill as pm

    reports = Path(params.reports_dir)
    executed = reports / "executed" / f"{name}.ipynb"
    executed.parent.mkdir(parents=True, exist_ok=True)
    source = NOTEBOOKS_DIR / f"{name}.ipynb"
    if not source.exists():
        raise FileNotFoundError(f"notebook {source} is missing")
    tmp = executed.with_name(f".{name}.partial.ipynb")
    try:
        pm.execute_notebook(
            str(source),
            str(tmp),
            parameters=_declared(source, asdict(params)),
            kernel_name=ensure_kernel(),
            cwd=str(NOTEBOOKS_DIR),
            progress_bar=progress,
            report_mode=False,
            log_output=False,
        )
    except Exception as error:  # papermill raises PapermillExecutionError, nbclient others
        if tmp.exists():
            tmp.replace(executed)
        raise NotebookFailed(_failure_message(name, executed, error)) from None
    tmp.replace(executed)
    _scrub_timings(executed)
    return executed


def render_html(executed: Path, out_html: Path, title: str) -> Path:
    """Render an executed notebook as self-contained HTML with code hidden."""
    from nbconvert import HTMLExporter
    import nbformat

    nb = nbformat.read(str(executed), as_version=4)
    nb.metadata["title"] = title
    exporter = HTMLExporter(
        template_name="lab",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        extra_template_paths=[str(TEMPLATES_DIR)],
    )
    exporter.template_file = "offline.html.j2"
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.embed_images = True
    body, _ = exporter.from_notebook_node(nb)
    atomic_write_text(out_html, body)
    return out_html


def run_notebooks(
    params: RunParameters,
    selection: Sequence[str] | None = None,
    *,
    html: bool = True,
    progress: bool = True,
    say: Callable[[str], None] = print,
) -> list[Path]:
    """Execute the selected notebooks in order (and render each as HTML); return the HTML paths."""
    names = notebook_names(selection)
    titles = dict(NOTEBOOKS)
    outputs: list[Path] = []
    for position, name in enumerate(names, start=1):
        say(f"[{position}/{len(names)}] running notebook {name}")
        executed = execute_notebook(name, params, progress=progress)
        if html:
            out = Path(params.reports_dir) / f"{name}.html"
            render_html(executed, out, titles[name])
            say(f"[{position}/{len(names)}] wrote {out}")
            outputs.append(out)
    return outputs
