"""Bad input through the real entry point, and interrupted runs that must leave earlier tables intact."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.slow

STORY = (
    " date 2021-08-09 KUNDUZ, Afghanistan (AP) — Taliban fighters captured Aybak, the capital of Samangan province, "
    "on Monday, a provincial council member said.\n"
    "The insurgents also seized the Dasht-e-Archi district of Kunduz province on Sunday, residents said.\n"
    "More than 300 Afghan soldiers fled across the border into Uzbekistan, Uzbek officials said.\n"
)
HOSTILE = (
    " date 2021-08-10 Officials said <script>alert('x')</script> the Taliban overran Pul-e-Khumri, "
    "the capital of Baghlan province, on Tuesday <img src=x onerror=alert(1)>.\n"
)


def build_bad_corpus(raw: Path) -> dict[str, str]:
    """Write every kind of awkward input the issue lists; return relative path -> expected status prefix."""
    raw.mkdir(parents=True)
    expect: dict[str, str] = {}

    def put(rel: str, data: bytes, status: str) -> None:
        path = raw / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expect[rel] = status

    put("empty.txt", b"", "skipped")
    put("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "skipped")
    put("utf16.txt", "\ufeff".encode("utf-16-le") + STORY.replace("Aybak", "Sheberghan").replace("Samangan", "Jowzjan").encode("utf-16-le"), "ok")
    put("cp1252.txt", " date 2021-08-07 \u201cThe Taliban entered Zaranj,\u201d a police official said of the Nimroz capital.\n".encode("cp1252"), "ok")
    put("nul.txt", STORY.replace("Kunduz province", "Kunduz\x00 province").encode("utf-8"), "ok")
    put("nodate.txt", b"The Taliban seized the Chahar Dara district of Kunduz, a local official said.\n", "ok")
    put("page.html", (
        "<html><head><title>Taliban take Farah</title><script>var tracking = 'Taliban seized Kabul';</script>"
        "<style>p{color:red}</style></head><body><nav>Home | World</nav><p> date 2021-08-10</p>"
        "<p>The Taliban captured Farah city, the capital of Farah province, on Tuesday, officials said.</p></body></html>"
    ).encode("utf-8"), "ok")
    put("notes.md", b"# Taliban advance\n\n date 2021-08-12\n\nThe Taliban took control of **Ghazni** city on Thursday, an official said.\n", "ok")
    put("batch.json", (
        '[{"text": "The Taliban captured Qalat, the capital of Zabul province, on Friday.", "date": "2021-08-13", "url": "https://example.org/a"},'
        ' {"text": "Taliban fighters entered Tarinkot, the capital of Uruzgan, on Friday, residents said.", "date": "2021-08-13"}]'
    ).encode("utf-8"), "ok")
    put("nested/deeper/story.txt", STORY.encode("utf-8"), "ok")
    put("nested/copy_of_story.txt", STORY.encode("utf-8"), "ok")
    put("hostile.txt", HOSTILE.encode("utf-8"), "ok")
    put("big.txt", (STORY * (50 * 1024 * 1024 // len(STORY) + 1)).encode("utf-8"), "")
    loop = raw / "loop"
    loop.mkdir()
    os.symlink(loop, loop / "again")
    locked = raw / "locked.txt"
    locked.write_text(STORY, encoding="utf-8")
    locked.chmod(0)
    return expect


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    """Run the whole chain on the awkward corpus."""
    root = tmp_path_factory.mktemp("bad")
    raw = root / "raw"
    expect = build_bad_corpus(raw)
    processed, reports = root / "processed", root / "reports"
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "run", "--raw", str(raw), "--processed", str(processed),
         "--reports", str(reports), "--workers", "2", "--no-progress"],
        capture_output=True, text=True, timeout=900,
    )
    (raw / "locked.txt").chmod(0o644)
    assert done.returncode == 0, done.stderr[-4000:]
    articles = pd.read_csv(processed / "articles.csv", dtype=str, keep_default_na=False)
    return expect, articles, processed, reports


def test_every_file_has_a_row_with_status(bad_run):
    expect, articles, _, _ = bad_run
    for rel, status in expect.items():
        rows = articles[articles["path"] == rel]
        assert len(rows) >= 1, f"{rel} has no row in articles.csv"
        if status:
            assert all(s.startswith(status) for s in rows["status"]), (rel, list(rows["status"]))
    assert len(articles[articles["path"] == "batch.json"]) == 2
    skipped = articles[~articles["status"].str.startswith("ok")]
    assert all(len(s) > len("skipped: ") for s in skipped["status"]), "a skipped file has no reason"
    assert any(p.startswith("loop") for p in articles["path"]), "the symlink loop left no trace"
    assert (articles["path"] == "locked.txt").sum() == 1


def test_encodings_are_repaired_and_reported(bad_run):
    _, articles, processed, _ = bad_run
    by_path = articles.set_index("path")
    assert by_path.loc["nul.txt", "warnings"] != ""
    assert by_path.loc["cp1252.txt", "warnings"] != ""
    mentions = pd.read_csv(processed / "mentions.csv", dtype=str, keep_default_na=False)
    places = set(mentions["place"])
    assert {"Sheberghan", "Zaranj", "Farah", "Qalat", "Tarinkot", "Pul-e-Khumri"} <= places
    assert "Kabul" not in places, "text inside an HTML <script> was read as an article"


def test_duplicate_is_flagged_and_adds_no_corroboration(bad_run):
    _, articles, processed, _ = bad_run
    by_path = articles.set_index("path")
    original = by_path.loc["nested/copy_of_story.txt", "article_id"]
    assert by_path.loc["nested/deeper/story.txt", "duplicate_of"] == original
    events = pd.read_csv(processed / "events.csv", dtype=str, keep_default_na=False)
    aybak = events[(events["place"] == "Aybak") & (events["event_type"] == "capital_entered")]
    assert len(aybak) == 1
    assert aybak.iloc[0]["n_sources"] == "1"


def test_hostile_text_is_rendered_as_text(bad_run):
    _, _, _, reports = bad_run
    for page in ["index.html", "01_parse.html", "02_tabulate_events.html"]:
        html = (reports / page).read_text(encoding="utf-8")
        assert "<script>alert('x')</script>" not in html
        assert "<img src=x onerror" not in html
    assert "&lt;script&gt;" in (reports / "index.html").read_text(encoding="utf-8")


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.csv"))}


def test_interrupted_tabulate_leaves_tables_whole(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(STORY, encoding="utf-8")
    processed, reports = tmp_path / "processed", tmp_path / "reports"
    base = [sys.executable, "-m", "analysis", "run", "--raw", str(raw), "--processed", str(processed),
            "--reports", str(reports), "--workers", "1", "--no-progress"]
    first = subprocess.run(base + ["--notebooks", "01,02"], capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr[-3000:]
    before = _digests(processed)
    for delay in (0.5, 1.5, 3.0, 5.0):
        job = subprocess.Popen(base + ["--notebooks", "02", "--start", "2021-08-09"], start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        os.killpg(job.pid, signal.SIGKILL)
        job.wait()
        after = _digests(processed)
        assert set(after) == set(before)
        for name, digest in after.items():
            frame = pd.read_csv(processed / name)  # every table still parses
            assert frame is not None
            if name == "articles.csv":
                assert digest == before[name], "the tabulate step touched articles.csv"
