"""Hostile and messy input through the real entry point: long texts, deep JSON, broken lines, odd file
names, invisible characters, formula cells, links, bad folders and symlinks; and the per-file budget."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from analysis import pipeline
from analysis.extract import batch
from analysis.ingest import files as reading
from analysis.ingest.normalise import normalise_text, repair_text
from analysis.ingest.sentences import MAX_SENTENCE_CHARS, split_sentences
from analysis.parallel import BudgetExceeded, time_limit
from analysis.paths import REPO_ROOT
from analysis.tabulate.tables import read_table, write_tables

ZW_STORY = (" date 2021-08-09\n"
            "KUNDUZ, Afghanistan -- Taliban fighters captured Imam \u200bSahib district in Kun\u200bduz province on "
            "Sunday, local officials said.\n"
            "The insurgents also seized Khan Abad district of \u202eKunduz\u202c province on Monday, a police "
            "spokesman said.\n")
FORMULA_STORY = (" date 2021-08-07\n"
                 '=HYPERLINK("http://attacker.example/x","Taliban fighters captured Sheberghan, the capital of '
                 'Jawzjan province, on Saturday, officials said.")\n'
                 "Other officials said the city was calm.\n")
NAMED_STORY = " date 2021-08-06\nThe Taliban seized Zaranj, the capital of Nimroz province, on Friday, a local official said.\n"
ODD_NAMES = ["line\nbreak.txt", "<b onmouseover=alert(1)>bold<script>x.txt", "-rf.txt", "=cmd.txt"]


def no_punctuation_text(n_chars: int) -> str:
    """About `n_chars` of prose without any full stop or comma, with an event phrase now and then."""
    filler = ("residents of the valley said the market stayed open while elders met with local officials to talk "
              "about roads water and schools").split()
    words, size, i = [], 0, 0
    while size < n_chars:
        w = filler[i % len(filler)] if i % 97 else "Taliban fighters captured Imam Sahib district in Kunduz province"
        words.append(w)
        size += len(w) + 1
        i += 1
    return " ".join(words)[:n_chars]


def short_sentences(n: int) -> str:
    """`n` short sentences on one line."""
    return " ".join(f"Fighters moved near Kunduz {i % 10}." for i in range(n))


def build_hostile_corpus(raw: Path, outside: Path) -> None:
    """Write every hostile input into `raw` (and a file outside it that a symlink points to)."""
    raw.mkdir(parents=True)
    (raw / "no_punctuation.txt").write_text(" date 2021-08-01\n" + no_punctuation_text(1_000_000), encoding="utf-8")
    (raw / "many_sentences.txt").write_text(" date 2021-08-01\n" + short_sentences(150_000), encoding="utf-8")
    (raw / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (raw / "deep_objects.json").write_text('{"a":' * 100_000 + "1" + "}" * 100_000, encoding="utf-8")
    good = '{"id": "%s", "date": "2021-08-06", "url": "%s", "text": "%s"}'
    (raw / "feed.jsonl").write_text("\n".join([
        good % ("one", "https://news.example/zaranj", "The Taliban seized Zaranj, the capital of Nimroz province, on Friday, officials said."),
        '{"id": "two", "text": "The Taliban seized Sar-e Pul, the capital of ',
        good % ("three", "javascript:alert(document.cookie)", "The Taliban captured Sheberghan, the capital of Jawzjan province, on Saturday, officials said."),
    ]) + "\n", encoding="utf-8")
    for name in ODD_NAMES:
        (raw / name).write_text(NAMED_STORY, encoding="utf-8")
    os.makedirs(os.fsencode(raw / "bytes"), exist_ok=True)
    with open(os.fsencode(raw / "bytes") + b"/caf\xe9-\xff.txt", "wb") as fh:
        fh.write(NAMED_STORY.encode("utf-8"))
    (raw / "zero_width.txt").write_text(ZW_STORY, encoding="utf-8")
    (raw / "formula.txt").write_text(FORMULA_STORY, encoding="utf-8")
    outside.write_text(" date 2021-08-06\nThe Taliban seized Farah, the capital of Farah province, on Friday.\n", encoding="utf-8")
    (raw / "outside.txt").symlink_to(outside)


def run_entry_point(raw: Path, processed: Path, reports: Path, *extra: str, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run `python -m analysis run` as a user would."""
    cmd = [sys.executable, "-m", "analysis", "run", "--raw", str(raw), "--processed", str(processed),
           "--reports", str(reports), "--no-progress", *extra]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO_ROOT, timeout=timeout)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """One run of the whole pipeline over every hostile input, on two workers with the default budget."""
    root = tmp_path_factory.mktemp("hostile")
    raw, processed, reports = root / "raw", root / "processed", root / "reports"
    build_hostile_corpus(raw, root / "elsewhere.txt")
    started = time.perf_counter()
    done = run_entry_point(raw, processed, reports, "--workers", "2")
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stderr[-4000:]
    articles = read_table(processed, "articles")
    return raw, processed, reports, articles, elapsed


def _row(articles: pd.DataFrame, path: str) -> pd.Series:
    """The articles.csv row of the file at relative path `path`."""
    rows = articles[articles["path"] == path]
    assert len(rows) >= 1, f"no row for {path!r}: {articles['path'].tolist()}"
    return rows.iloc[0]


def test_long_text_without_punctuation_is_read_in_bounded_sentences(hostile_run):
    _, processed, _, articles, elapsed = hostile_run
    row = _row(articles, "no_punctuation.txt")
    assert row["status"] == "ok"
    assert "over-long sentence(s) split at clause boundaries" in row["warnings"]
    assert row["n_sentences"] >= 1_000_000 // MAX_SENTENCE_CHARS
    mentions = read_table(processed, "mentions")
    mine = mentions[mentions["article_id"] == row["article_id"]]
    assert len(mine) > 100  # the events in it are still found
    assert (mine["char_end"] - mine["char_start"]).max() <= MAX_SENTENCE_CHARS
    assert elapsed < 300


def test_article_of_150000_sentences_finishes_or_is_skipped_by_the_budget(hostile_run):
    _, _, _, articles, _ = hostile_run
    row = _row(articles, "many_sentences.txt")
    if row["status"] == "ok":  # a fast machine reads it within the budget
        assert row["n_sentences"] == 150_000
    else:
        assert row["status"] == "skipped: extraction took longer than 10 s"


def test_deep_json_is_skipped_with_a_reason(hostile_run):
    _, _, _, articles, _ = hostile_run
    assert _row(articles, "deep.json")["status"] == "skipped: invalid JSON (nested too deeply)"
    assert _row(articles, "deep_objects.json")["status"] == "skipped: invalid JSON (nested too deeply)"


def test_broken_json_line_is_reported_and_the_good_lines_read(hostile_run):
    _, processed, _, articles, _ = hostile_run
    rows = articles[articles["path"] == "feed.jsonl"]
    assert dict(zip(rows["article_id"], rows["status"])) == {
        "feed-one": "ok", "feed-002": "skipped: invalid JSON (line 2)", "feed-three": "ok"}
    events = read_table(processed, "events")
    assert {"Zaranj", "Sheberghan"} <= set(events["place"])


def test_odd_file_names_get_rows_and_stay_text(hostile_run):
    _, processed, reports, articles, _ = hostile_run
    paths = set(articles["path"])
    for name in ODD_NAMES:
        row = _row(articles, name)
        assert row["status"] == "ok" and row["n_mentions"] >= 1, name
    undecodable = [p for p in paths if p.startswith("bytes/")]
    assert len(undecodable) == 1 and "\ufffd" in undecodable[0]
    assert _row(articles, undecodable[0])["status"] == "ok"
    ids = articles["article_id"].tolist()
    assert len(set(ids)) == len(ids)
    assert not any(ch in aid for aid in ids for ch in "\n\r/")
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert "<b onmouseover" not in index and "<script>x" not in index
    assert "&lt;b onmouseover=alert(1)&gt;bold&lt;script&gt;x" in index  # named as text among the sources


def test_zero_width_and_bidi_characters_do_not_hide_events(hostile_run):
    raw, processed, _, articles, _ = hostile_run
    row = _row(articles, "zero_width.txt")
    assert re.search(r"\b4 invisible or look-alike characters normalised", row["warnings"]), row["warnings"]
    mentions = read_table(processed, "mentions")
    mine = mentions[mentions["article_id"] == row["article_id"]].sort_values("char_start")
    assert mine["place"].tolist() == ["Imam Sahib", "Khanabad"]
    assert mine["province"].tolist() == ["Kunduz", "Kunduz"]
    text = (raw / "zero_width.txt").read_text(encoding="utf-8")
    for m in mine.itertuples():
        as_read = text[m.char_start:m.char_end]
        assert normalise_text(as_read).text == m.sentence
        assert "\u200b" in as_read or "\u202e" in as_read


def test_formula_cells_are_escaped_in_every_csv_and_read_back(hostile_run):
    _, processed, _, articles, _ = hostile_run
    for table in sorted(processed.rglob("*.csv")):
        with open(table, newline="", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    assert not cell or cell[0] not in "=+-@\t\r", f"{table.name}: {cell[:60]!r}"
    raw_mentions = (processed / "mentions.csv").read_text(encoding="utf-8")
    assert "\"'=HYPERLINK(\"\"http://attacker.example/x" in raw_mentions
    assert "'-rf.txt" in (processed / "articles.csv").read_text(encoding="utf-8")
    mentions = read_table(processed, "mentions")
    formula = mentions[mentions["article_id"] == "formula"]
    assert formula["sentence"].str.startswith('=HYPERLINK("http://attacker.example/x"').all() and len(formula) == 1
    events = read_table(processed, "events")
    assert events.loc[events["place"] == "Sheberghan", "evidence"].str.startswith("=HYPERLINK(").any()
    assert "-rf.txt" in set(articles["path"])


@pytest.mark.parametrize("url, link", [
    ("https://news.example/a?b=1&c=2", True), ("HTTP://NEWS.EXAMPLE/A", True), ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False), ("java\tscript:alert(1)", False), ("data:text/html,<script>x</script>", False),
    ("vbscript:msgbox(1)", False), ("//news.example/a", False), ("file:///etc/passwd", False), ("http://", False),
])
def test_url_rendering_links_only_http_and_https(url, link):
    from analysis.present.report import url_html

    shown = url_html(url, "a1")
    assert ("<a href=" in shown) is link
    assert "<script>" not in shown
    if not link:
        assert "a1" in shown and "href" not in shown


def test_only_web_links_become_links_in_the_report(hostile_run):
    _, _, reports, _, _ = hostile_run
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://news.example/zaranj"' in index
    assert "javascript:alert" in index  # shown as text
    assert not re.search(r"href=[\"']\s*javascript:", index, re.I)


def test_symlink_leading_out_of_the_raw_folder_is_listed_not_followed(hostile_run):
    _, processed, _, articles, _ = hostile_run
    row = _row(articles, "outside.txt")
    assert row["status"].startswith("skipped: symlink points outside the raw folder")
    assert "Farah" not in set(read_table(processed, "events")["place"])


# ---------------------------------------------------------------------------------------------
# Folders


def _outputs(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder` with its bytes and modification time."""
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("kind", ["missing", "empty", "only_placeholder"])
def test_missing_or_empty_raw_folder_stops_before_any_work(tmp_path, kind):
    raw, processed, reports = tmp_path / "raw", tmp_path / "processed", tmp_path / "reports"
    if kind != "missing":
        (raw / "sub").mkdir(parents=True)
    if kind == "only_placeholder":
        (raw / ".gitkeep").write_text("")
    processed.mkdir()
    (processed / "articles.csv").write_text("article_id,status\nearlier,ok\n", encoding="utf-8")
    reports.mkdir()
    (reports / "index.html").write_text("<p>earlier report</p>", encoding="utf-8")
    before = _outputs(tmp_path)
    done = run_entry_point(raw, processed, reports, timeout=120)
    assert done.returncode == 2
    assert "error: raw folder" in done.stderr
    assert ("does not exist" if kind == "missing" else "is empty") in done.stderr
    assert "running notebook" not in done.stderr
    assert _outputs(tmp_path) == before


def test_unwritable_processed_folder_is_a_clear_error_before_any_work(tmp_path):
    raw, reports = tmp_path / "raw", tmp_path / "reports"
    raw.mkdir()
    (raw / "a.txt").write_text(NAMED_STORY, encoding="utf-8")
    blocker = tmp_path / "processed"
    blocker.write_text("a file where the folder should be", encoding="utf-8")  # root can write anywhere else
    started = time.perf_counter()
    done = run_entry_point(raw, blocker / "tables", reports, timeout=120)
    assert done.returncode == 2
    assert f"processed folder {blocker / 'tables'} cannot be written: {blocker} is a file" in done.stderr
    assert "running notebook" not in done.stderr
    assert not reports.exists()
    assert time.perf_counter() - started < 60
    with pytest.raises(ValueError, match="cannot be written"):
        pipeline.parse_corpus(raw, blocker / "tables", workers=1, progress=False)


# ---------------------------------------------------------------------------------------------
# The per-file budget and linear time


def _slow_and_good(raw: Path) -> None:
    """A raw folder with one article far too long for a tiny budget and one ordinary article."""
    raw.mkdir()
    slow = " ".join(f"Fighters moved near Kunduz {i}." for i in range(150_000))  # no two alike: no cache helps
    (raw / "a_slow.txt").write_text(" date 2021-08-01\n" + slow, encoding="utf-8")
    (raw / "b_good.txt").write_text(NAMED_STORY, encoding="utf-8")


@pytest.mark.parametrize("workers", [1, 2])
def test_file_over_the_budget_is_skipped_and_the_run_goes_on(tmp_path, workers):
    raw = tmp_path / "raw"
    _slow_and_good(raw)
    started = time.perf_counter()
    summary = pipeline.parse_corpus(raw, tmp_path / "p", workers=workers, progress=False, file_budget=0.5)
    assert time.perf_counter() - started < 30
    articles = read_table(tmp_path / "p", "articles").set_index("article_id")
    assert articles.loc["a_slow", "status"] == "skipped: extraction took longer than 0.5 s"
    assert articles.loc["b_good", "status"] == "ok" and articles.loc["b_good", "n_mentions"] == 1
    assert summary.n_skipped == 1


def test_budget_option_reaches_the_parse_notebook(tmp_path):
    raw = tmp_path / "raw"
    _slow_and_good(raw)
    done = run_entry_point(raw, tmp_path / "p", tmp_path / "r", "--notebooks", "01_parse", "--workers", "1",
                           "--budget", "0.5", timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    articles = read_table(tmp_path / "p", "articles").set_index("article_id")
    assert articles.loc["a_slow", "status"] == "skipped: extraction took longer than 0.5 s"
    bad = run_entry_point(raw, tmp_path / "p", tmp_path / "r", "--budget", "-1", timeout=60)
    assert bad.returncode == 2 and "budget must be 0" in bad.stderr


def _swallow_interrupts_for(seconds: float) -> None:
    """Busy work that loses every BudgetExceeded raised into it, as a finalizer would."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            sum(range(1000))
        except BudgetExceeded:
            pass


def test_a_block_that_ends_past_its_budget_raises_on_leaving_even_when_the_interrupt_was_lost():
    with pytest.raises(BudgetExceeded):
        with time_limit(0.1):
            _swallow_interrupts_for(0.3)
    lost: list[BaseException] = []

    def worker() -> None:
        try:
            with time_limit(0.1):
                _swallow_interrupts_for(0.3)
        except BudgetExceeded as error:
            lost.append(error)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(10)
    assert len(lost) == 1 and lost[0].seconds == 0.1


def test_an_article_whose_extraction_ends_past_the_budget_gets_one_row(tmp_path, monkeypatch):
    """The interrupt lost inside the work, the block still ends past its budget: one skipped row, not the result too."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(NAMED_STORY, encoding="utf-8")
    real = batch.extract_compact

    def slow_compact(article, *args, **kwargs):
        _swallow_interrupts_for(0.4)
        return real(article, *args, **kwargs)

    monkeypatch.setattr(batch, "extract_compact", slow_compact)
    [src] = reading.discover_files(raw)
    results = batch.process_source(src, budget=0.1)
    assert [r.article.status for r in results] == ["skipped: extraction took longer than 0.1 s"]
    assert results[0].mentions == []


def test_time_limit_stops_a_runaway_match_in_the_main_thread_and_in_other_threads():
    started = time.perf_counter()
    with pytest.raises(BudgetExceeded):
        with time_limit(0.3):
            re.match(r"(a+)+$", "a" * 40 + "b")  # exponential backtracking
    assert time.perf_counter() - started < 5
    caught: list[str] = []

    def worker() -> None:
        try:
            with time_limit(0.3):
                while True:
                    pass
        except BudgetExceeded:
            caught.append("stopped")
        with time_limit(0.2):  # a block that ends in time is left alone
            time.sleep(0.05)
        time.sleep(0.3)
        caught.append("clean")

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(10)
    assert caught == ["stopped", "clean"]


def _seconds(text: str) -> float:
    """One timing of reading and extracting one article of `text`."""
    from analysis.ingest import cleaning

    doc = reading.RawDocument("a", "a.txt", text, "text", "utf-8", ())
    started = time.perf_counter()
    batch.extract_compact(cleaning.clean_document(doc))
    return time.perf_counter() - started


def _best_pair(small_text: str, large_text: str, rounds: int = 5) -> tuple[float, float]:
    """The best of a few timings of each text, taken in turns so that a busy moment slows both alike."""
    small = large = float("inf")
    for _ in range(rounds):
        small = min(small, _seconds(small_text))
        large = min(large, _seconds(large_text))
    return small, large


def test_time_grows_linearly_with_the_length_of_one_article():
    small, large = _best_pair(" date 2021-08-01\n" + no_punctuation_text(100_000),
                              " date 2021-08-01\n" + no_punctuation_text(400_000))
    assert large / small < 6.5, (small, large)  # 4x the text; quadratic would be 16x
    small, large = _best_pair(" date 2021-08-01\n" + short_sentences(3_000),
                              " date 2021-08-01\n" + short_sentences(12_000))
    assert large / small < 6.5, (small, large)


def test_over_long_sentences_are_cut_at_clause_boundaries():
    clause = "the convoy moved north along the river road past the old bridge"
    text = "; ".join([clause] * 60) + "."
    notes: list[str] = []
    sentences = split_sentences(text, notes=notes)
    assert len(notes) == 1 and len(sentences) > 1
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert all(s.text == text[s.start:s.end] for s in sentences)
    assert all(s.text.endswith(";") for s in sentences[:-1])  # cut after a semicolon, not inside a clause
    assert split_sentences("A short sentence. Another one.", notes=notes)[1].text == "Another one."
    assert len(notes) == 1


# ---------------------------------------------------------------------------------------------
# Normalisation and safe tables, module level


def test_normalisation_folds_look_alikes_and_maps_offsets_back():
    text = "Ba\u00adghlan\u00a0province\u200b: \uff2b\uff55\uff4e\uff44\uff55\uff5a on \u06f1\u06f2 July, \u0661\u0660 fighters"
    folded = normalise_text(text)
    assert folded.text == "Baghlan province: Kunduz on 12 July, 10 fighters"
    assert folded.n_changed == 13
    assert normalise_text("plain ASCII text").n_changed == 0
    assert repair_text("plain")[0] == "plain"


def test_parquet_keeps_formula_text_as_read(tmp_path):
    frame = pd.DataFrame({"sentence": ["=1+1", "+call", "ok"], "n_mentions": pd.array([1, 2, 3], dtype="Int64")})
    write_tables({"articles": frame}, tmp_path, parquet=True)
    assert pd.read_parquet(tmp_path / "articles.parquet")["sentence"].tolist() == ["=1+1", "+call", "ok"]
    assert pd.read_csv(io.StringIO((tmp_path / "articles.csv").read_text()))["sentence"].tolist() == ["'=1+1", "'+call", "ok"]


# ---------------------------------------------------------------------------------------------
# make: a missing Python, and JupyterLab as root


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_without_a_recent_python_says_what_to_install():
    done = subprocess.run(["make", "--no-print-directory", "help", "PYTHON=/nonexistent/python3"], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "/nonexistent/python3 is missing or older than 3.10" in done.stderr
    assert "apt-get install python3 python3-venv" in done.stderr


def _free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.skipif(shutil.which("make") is None or not (Path(sys.prefix) / ".installed").exists(),
                    reason="needs make and the project's .venv (make test sets it up)")
def test_make_lab_starts_as_root_and_prints_the_address_and_kernel(tmp_path):
    port = _free_port()
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTER_DATA_DIR": str(tmp_path / "data"), "HOME": str(tmp_path)}
    lab = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_PORT={port}"], cwd=REPO_ROOT, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    lines: list[str] = []
    try:
        deadline = time.time() + 120
        address = ""
        while time.time() < deadline and not address:
            line = lab.stdout.readline()
            if not line:
                break
            lines.append(line)
            found = re.search(r"open (http://127\.0\.0\.1:\d+/lab\?token=\w+)", line)
            address = found.group(1) if found else ""
        assert address.startswith(f"http://127.0.0.1:{port}/lab?token="), "".join(lines)[-2000:]
        lines.append(lab.stdout.readline())  # the kernel to pick follows the address
        assert any('Pick the kernel "Python (analysis project)"' in line for line in lines)
        token = address.rsplit("=", 1)[1]
        specs = ""
        while time.time() < deadline and not specs:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/kernelspecs?token={token}", timeout=5) as reply:
                    specs = reply.read().decode()
            except OSError:
                time.sleep(0.5)
        assert '"analysis-project"' in specs, "".join(lines)[-2000:]
        if os.geteuid() == 0:
            assert lab.poll() is None  # still serving: --allow-root was passed
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        try:
            lab.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(lab.pid, signal.SIGKILL)
            lab.wait(timeout=10)
        if lab.stdout is not None:
            lab.stdout.close()
