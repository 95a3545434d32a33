"""Tests for file discovery and decoding of every input format, including hostile files."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.ingest.files import (
    RawDocument,
    SourceFile,
    decode_bytes,
    discover_files,
    html_to_text,
    make_article_ids,
    markdown_to_text,
    read_all,
    read_source,
    sniff_binary,
)

STORY = (
    "Taliban fighters took control of Dand-e-Ghori district in Baghlan province on Tuesday, "
    "a provincial council member said.\n"
    "Police officers withdrew to Pul-e-Khumri after a night of fighting, he added.\n"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Taliban push into Ghazni | Example Times</title>
<meta property="og:site_name" content="Example Times">
<meta property="article:published_time" content="2021-08-12T09:30:00+04:30">
<link rel="canonical" href="https://example.org/ghazni">
<style>p { color: red }</style>
<script>var tracking = "alert('owned')";</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> Skip to main content</nav>
<main>
<article>
<h1>Taliban push into Ghazni</h1>
<p>GHAZNI, Afghanistan &mdash; Taliban fighters entered the city of Ghazni on Thursday &amp; seized the governor&#39;s compound, two officials said.</p>
<img src="x.jpg" onerror="alert(document.cookie)" alt="A burning checkpoint">
<p>Residents said the provincial police headquarters was surrounded<br>and the main road to Kabul was closed.</p>
<script>document.write("<p>injected text</p>")</script>
<blockquote class="twitter-tweet"><p>Tweet text that should vanish</p></blockquote>
<aside>Most read: unrelated story</aside>
</article>
</main>
<footer>Copyright 2021 Example Times</footer>
</body></html>
"""
MARKDOWN = """---
title: Fighting near Maimana
date: 2021-07-02
url: https://example.org/maimana
---
# Fighting near Maimana

**MAIMANA, Afghanistan** -- Taliban fighters *attacked* checkpoints around [Maimana](https://example.org/faryab), the capital of Faryab province.

![a photo](https://example.org/p.jpg)

> Officials said reinforcements arrived by air.

- Two districts were evacuated.
"""


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A raw folder holding every kind of bad input named in the issue."""
    root = tmp_path_factory.mktemp("raw")
    _write(root / "empty.txt", b"")
    _write(root / "image.png", PNG)
    _write(root / "disguised.txt", PNG + b"\x00" * 64)
    _write(root / "utf16.txt", codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"))
    _write(root / "cp1252.txt", "The governor said \u201cKunduz will hold\u201d and the army\u2019s 217th corps agreed.\n".encode("cp1252"))
    _write(root / "nul.txt", STORY.encode("utf-8").replace(b"province", b"prov\x00ince") + b"\x00\x00\x00")
    with open(root / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # a sparse 50 MB file: created instantly
    _write(root / "nodate.txt", STORY)
    _write(root / "page.html", HTML_PAGE)
    _write(root / "notes.md", MARKDOWN)
    _write(
        root / "batch.json",
        json.dumps(
            [
                {"id": "k1", "text": "Taliban fighters captured Imam Sahib district.", "date": "2021-06-22", "url": "https://e.org/1"},
                {"title": "no body here", "date": "2021-06-23"},
                {"body": ["Fighting spread to Aliabad.", "Officials fled to Kunduz city."], "published_at": 1624406400},
            ]
        ),
    )
    _write(
        root / "feed.jsonl",
        '{"content": "Taliban fighters reached the outskirts of Taloqan.", "date": "2021-07-15"}\n'
        "{not json at all\n"
        '{"content": "<p>Officials in <b>Takhar</b> asked for air support.</p><script>x()</script>"}\n',
    )
    _write(root / "nested" / "a" / "story.txt", STORY)
    _write(root / "nested" / "b" / "story.txt", STORY.replace("Tuesday", "Wednesday"))
    _write(root / "twin.txt", "Taliban fighters seized Qaisar district.\n")
    _write(root / "twin.html", "<p>Taliban fighters seized Qaisar district.</p>")
    _write(root / "copy1.txt", STORY)
    _write(root / "copy2.txt", STORY)
    _write(root / "markup.txt", "Taliban fighters entered Farah city.<script>alert(1)</script>\n<img src=x onerror=alert(2)>Officials denied it.\n")
    _write(root / "mojibake.txt", "The governorâ€™s office said the district had fallen.\n")
    _write(root / "report.pdf", b"%PDF-1.4\n%binary")
    _write(root / "table.csv", "a,b\n1,2\n")
    _write(root / ".DS_Store", b"\x00\x00\x00\x01Bud1")
    _write(root / ".gitkeep", b"")
    _write(root / ".cache" / "old.txt", STORY)
    fd = os.open(os.fsencode(root) + b"/caf\xe9.txt", os.O_WRONLY | os.O_CREAT, 0o644)
    os.write(fd, STORY.encode())
    os.close(fd)
    locked = _write(root / "locked.txt", STORY)
    locked.chmod(0)
    os.symlink("selfloop", root / "selfloop")
    os.symlink("missing-target.txt", root / "dangling.txt")
    (root / "nested" / "up").symlink_to("..", target_is_directory=True)
    os.mkfifo(root / "pipe.txt")
    return root


@pytest.fixture(scope="module")
def docs(hostile: Path) -> dict[str, RawDocument]:
    result = read_all(hostile)
    return {d.article_id: d for d in result}


def test_every_file_gets_a_row(hostile: Path) -> None:
    sources = discover_files(hostile)
    rels = [s.rel for s in sources]
    assert rels == sorted(rels)
    assert ".gitkeep" not in rels
    assert ".DS_Store" in rels
    for name in ("selfloop", "dangling.txt", "nested/up", "pipe.txt", "locked.txt", "huge.txt"):
        assert name in rels
    ids = [s.article_id for s in sources]
    assert len(ids) == len(set(ids))
    for src in sources:
        out = read_source(src)
        assert out, src.rel
        for doc in out:
            assert doc.status == "ok" or doc.status.startswith("skipped: "), (src.rel, doc.status)
            assert doc.status == "ok" or len(doc.status) > len("skipped: ")


@pytest.mark.parametrize(
    ("article_id", "status"),
    [
        ("empty", "skipped: empty file"),
        ("image", "skipped: binary file (png)"),
        ("disguised", "skipped: binary file (png)"),
        ("huge", "skipped: too large (52.4 MB > 20.0 MB limit)"),
        ("report", "skipped: binary file (pdf)"),
        ("table", "skipped: unsupported format (.csv)"),
        (".DS_Store", "skipped: hidden file"),
        ("selfloop", "skipped: symlink loop"),
        (".cache", "skipped: hidden folder"),
        ("dangling", "skipped: broken symlink"),
        ("up", "skipped: symlink loop"),
        ("pipe", "skipped: not a regular file"),
        ("batch-002", "skipped: JSON object 2 has no text"),
        ("feed-002", "skipped: invalid JSON (line 2)"),
    ],
)
def test_skipped_with_reason(docs: dict[str, RawDocument], article_id: str, status: str) -> None:
    assert docs[article_id].status == status


def test_permission_denied(docs: dict[str, RawDocument]) -> None:
    doc = docs["locked"]
    if os.geteuid() == 0:  # root reads anything: the file is simply read
        assert doc.status == "ok"
    else:
        assert doc.status == "skipped: permission denied"


def test_utf16_with_bom(docs: dict[str, RawDocument]) -> None:
    doc = docs["utf16"]
    assert doc.status == "ok"
    assert doc.encoding == "utf-16-le (BOM)"
    assert doc.text == STORY


def test_cp1252_curly_quotes(docs: dict[str, RawDocument]) -> None:
    doc = docs["cp1252"]
    assert doc.encoding == "cp1252"
    assert "decoded as cp1252" in doc.warnings
    assert "\u201cKunduz will hold\u201d" in doc.text and "army\u2019s" in doc.text


def test_nul_bytes_removed(docs: dict[str, RawDocument]) -> None:
    doc = docs["nul"]
    assert doc.status == "ok"
    assert "\x00" not in doc.text
    assert doc.text == STORY
    assert "4 NUL bytes removed" in doc.warnings


def test_html_page(docs: dict[str, RawDocument]) -> None:
    doc = docs["page"]
    assert doc.status == "ok" and doc.fmt == "html"
    assert doc.text.splitlines() == [
        "Taliban push into Ghazni",
        "GHAZNI, Afghanistan \u2014 Taliban fighters entered the city of Ghazni on Thursday & seized the governor's compound, two officials said.",
        "Residents said the provincial police headquarters was surrounded",
        "and the main road to Kabul was closed.",
    ]
    assert doc.header_date == "2021-08-12T09:30:00+04:30"
    assert doc.url == "https://example.org/ghazni"
    assert doc.outlet == "Example Times"
    assert doc.title == "Taliban push into Ghazni"  # trafilatura drops the site name from <title>


def test_html_without_main_keeps_body_and_drops_scripts() -> None:
    text, meta = html_to_text("<div>Intro <b>bold</b> words.<script>evil()</script><noscript>x</noscript></div><p>Second</p>")
    assert text == "Intro bold words.\nSecond"
    assert meta == {}


def test_unclosed_layout_tag_does_not_lose_the_article() -> None:
    body = "Taliban fighters entered Lashkar Gah and fighting spread to the police headquarters. " * 4
    text, _ = html_to_text(f"<nav>Menu<p>{body}</p>")
    assert "Lashkar Gah" in text


def test_markdown(docs: dict[str, RawDocument]) -> None:
    doc = docs["notes"]
    assert doc.fmt == "markdown"
    assert doc.header_date == "2021-07-02" and doc.url == "https://example.org/maimana"
    assert doc.text.splitlines() == [
        "Fighting near Maimana",
        "",
        "MAIMANA, Afghanistan -- Taliban fighters attacked checkpoints around Maimana, the capital of Faryab province.",
        "",
        "Officials said reinforcements arrived by air.",
        "",
        "• Two districts were evacuated.",  # a list item keeps a bullet (the extractor reads lists by it)
    ]


def test_markdown_keeps_snake_case_and_strips_inline_html() -> None:
    text, _ = markdown_to_text("Code name file_name_here stays. <span>Kept</span> <script>gone()</script>")
    assert text == "Code name file_name_here stays. Kept"


def test_json_list(docs: dict[str, RawDocument]) -> None:
    first, third = docs["batch-k1"], docs["batch-003"]
    assert (first.status, first.text, first.header_date, first.url) == (
        "ok",
        "Taliban fighters captured Imam Sahib district.",
        "2021-06-22",
        "https://e.org/1",
    )
    assert third.text == "Fighting spread to Aliabad.\nOfficials fled to Kunduz city."
    assert third.header_date == "2021-06-23"
    assert first.fmt == "json" and first.path == "batch.json"


def test_json_lines(docs: dict[str, RawDocument]) -> None:
    assert docs["feed-001"].text == "Taliban fighters reached the outskirts of Taloqan."
    assert docs["feed-001"].header_date == "2021-07-15"
    third = docs["feed-003"]
    assert third.text == "Officials in Takhar asked for air support."
    assert "HTML markup in JSON text removed" in third.warnings
    assert third.fmt == "jsonl"


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ('{"text": "Fighting in Zaranj."', "skipped: invalid JSON (line 1)"),
        ("[]", "skipped: JSON has no articles"),
        ("42", "skipped: JSON holds no article objects"),
        ('["just a string"]', "skipped: JSON object 1 is not an object"),
        ("[" * 100000 + "]" * 100000, "skipped: invalid JSON (nested too deeply)"),
    ],
)
def test_bad_json(tmp_path: Path, payload: str, status: str) -> None:
    path = _write(tmp_path / "bad.json", payload)
    (doc,) = read_source(SourceFile(str(path), "bad.json"))
    assert doc.status == status


def test_single_json_object_and_wrapped_list(tmp_path: Path) -> None:
    one = _write(tmp_path / "one.json", '{"headline": "H", "article": "Kunduz airport was shelled.", "source": {"name": "Wire X"}}')
    (doc,) = read_source(SourceFile(str(one), "one.json"))
    assert (doc.article_id, doc.text, doc.title, doc.outlet) == ("one", "Kunduz airport was shelled.", "H", "Wire X")
    wrapped = _write(tmp_path / "wrapped.json", '{"articles": [{"text": "A."}, {"text": "B."}]}')
    assert [d.article_id for d in read_source(SourceFile(str(wrapped), "wrapped.json"))] == ["wrapped-001", "wrapped-002"]


def test_nested_folders_get_unique_ids(docs: dict[str, RawDocument]) -> None:
    assert docs["nested__a__story"].path == "nested/a/story.txt"
    assert docs["nested__b__story"].path == "nested/b/story.txt"
    assert "Wednesday" in docs["nested__b__story"].text


def test_undecodable_file_name(docs: dict[str, RawDocument]) -> None:
    doc = docs["caf\ufffd"]
    assert doc.status == "ok" and doc.path == "caf\ufffd.txt"
    doc.path.encode("utf-8")


def test_same_stem_two_formats(docs: dict[str, RawDocument]) -> None:
    assert docs["twin_txt"].fmt == "text"
    assert docs["twin_html"].fmt == "html"
    assert docs["twin_txt"].text.strip() == docs["twin_html"].text.strip()


def test_same_article_twice_both_read(docs: dict[str, RawDocument]) -> None:
    assert docs["copy1"].status == docs["copy2"].status == "ok"
    assert docs["copy1"].text == docs["copy2"].text


def test_stray_markup_in_text_file_is_kept_as_text(docs: dict[str, RawDocument]) -> None:
    doc = docs["markup"]
    assert doc.text.splitlines() == [
        "Taliban fighters entered Farah city.<script>alert(1)</script>",
        "<img src=x onerror=alert(2)>Officials denied it.",
    ]
    assert any("kept as text" in w for w in doc.warnings)


def test_nodate_and_mojibake_read_ok(docs: dict[str, RawDocument]) -> None:
    assert docs["nodate"].status == "ok" and docs["nodate"].header_date == ""
    assert "â€™" in docs["mojibake"].text  # repaired later, in cleaning


def test_make_article_ids() -> None:
    sources = [SourceFile("/r/a.txt", "a.txt"), SourceFile("/r/x/a.md", "x/a.md"), SourceFile("/r/b.txt", "b.txt")]
    assert [s.article_id for s in make_article_ids(sources)] == ["a", "x__a", "b"]


def test_discover_missing_and_single_file(tmp_path: Path) -> None:
    (missing,) = discover_files(tmp_path / "nope")
    assert (missing.rel, missing.problem) == ("nope", "not found")
    single = _write(tmp_path / "one.txt", STORY)
    (src,) = discover_files(single)
    assert (src.rel, src.article_id, src.problem) == ("one.txt", "one", "")


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("Kandahar’s airport".encode("utf-8"), "Kandahar’s airport", "utf-8"),
        (b"\xef\xbb\xbfKunduz", "Kunduz", "utf-8-sig (BOM)"),
        ("Herat".encode("utf-16-be"), "Herat", "utf-16-be"),
        (b"\xff\xfe\x00\x00" + "Farah".encode("utf-32-le"), "Farah", "utf-32-le (BOM)"),
        (b"Line one\r\nLine two\rLine three", "Line one\nLine two\nLine three", "utf-8"),
        (b"caf\xe9 \x93quoted\x94", "caf\u00e9 \u201cquoted\u201d", "cp1252"),
    ],
)
def test_decode_bytes(data: bytes, text: str, encoding: str) -> None:
    got_text, got_encoding, _ = decode_bytes(data)
    assert (got_text, got_encoding) == (text, encoding)


def test_decode_reports_undecodable_bytes() -> None:
    text, encoding, warnings = decode_bytes(b"Ghazni \x81\x8d\x8f city")
    assert encoding == "cp1252"
    assert "3 undecodable bytes replaced" in warnings
    assert text == "Ghazni \ufffd\ufffd\ufffd city"


def test_decode_mostly_utf8_with_a_stray_byte() -> None:
    text, encoding, warnings = decode_bytes("Qala-e-Naw – Badghis – “city” ".encode() + b"\xff")
    assert encoding == "utf-8"
    assert text.startswith("Qala-e-Naw – Badghis")
    assert "invalid UTF-8: 1 undecodable bytes replaced" in warnings


def test_sniff_binary() -> None:
    assert sniff_binary(PNG) == "png"
    assert sniff_binary(bytes(range(256)) * 4) == "unknown type"
    assert sniff_binary(STORY.encode()) == ""
    assert sniff_binary(STORY.encode("utf-16-le")) == ""
    assert sniff_binary(b"MZ Taliban headline in capitals") == ""


@settings(max_examples=120, deadline=None)
@given(st.binary(max_size=400))
def test_decode_never_raises(data: bytes) -> None:
    text, encoding, warnings = decode_bytes(data)
    assert isinstance(text, str) and encoding
    assert "\x00" not in text and "\r" not in text
    assert all(isinstance(w, str) for w in warnings)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_html_and_markdown_never_raise(text: str) -> None:
    html_text, meta = html_to_text(text)
    md_text, md_meta = markdown_to_text(text)
    assert isinstance(html_text, str) and isinstance(md_text, str)
    assert isinstance(meta, dict) and isinstance(md_meta, dict)


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["a.txt", "a.json", "a.jsonl", "a.html", "a.md", "a.xyz", "a"]))
def test_read_source_never_raises(tmp_path_factory: pytest.TempPathFactory, data: bytes, name: str) -> None:
    path = tmp_path_factory.mktemp("one") / name
    path.write_bytes(data)
    out = read_source(SourceFile(str(path), name, article_id="a"))
    assert out
    for doc in out:
        assert doc.status == "ok" or doc.status.startswith("skipped: ")
        assert doc.status != "ok" or doc.text.strip()
