"""Discovery and decoding of input files (text, Markdown, HTML, JSON) into raw documents."""

from __future__ import annotations

import codecs
import errno
import json
import os
import re
import stat
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from analysis.ingest.htmltext import html_to_text
from analysis.ingest.webpages import read_page

TEXT_SUFFIXES = frozenset({"", ".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
# Known formats we do not read (skipped with a reason rather than guessed at).
UNSUPPORTED_SUFFIXES = frozenset(
    """.pdf .doc .docx .odt .rtf .pages .xls .xlsx .ods .csv .tsv .xml .rss .epub .ppt .pptx .key
    .png .jpg .jpeg .gif .bmp .tif .tiff .webp .svg .ico .heic .mp3 .wav .ogg .m4a .mp4 .mov .avi
    .mkv .webm .zip .gz .tgz .bz2 .xz .7z .rar .tar .exe .dll .so .bin .dat .db .sqlite .parquet
    .pkl .pickle .npy .py .js .css .ipynb .eml .msg .mht .mhtml .warc""".split()
)
DEFAULT_MAX_BYTES = 20_000_000
IGNORED_NAMES = frozenset({".gitkeep"})
_MAX_DEPTH = 64

_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "png"),
    (b"\xff\xd8\xff", 0, "jpeg"),
    (b"GIF87a", 0, "gif"),
    (b"GIF89a", 0, "gif"),
    (b"%PDF-", 0, "pdf"),
    (b"PK\x03\x04", 0, "zip"),
    (b"PK\x05\x06", 0, "zip"),
    (b"\x1f\x8b", 0, "gzip"),
    (b"BZh", 0, "bzip2"),
    (b"\xfd7zXZ\x00", 0, "xz"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7z"),
    (b"Rar!\x1a\x07", 0, "rar"),
    (b"\x7fELF", 0, "elf"),
    (b"MZ", 0, "exe"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "ole (doc/xls)"),
    (b"SQLite format 3\x00", 0, "sqlite"),
    (b"II*\x00", 0, "tiff"),
    (b"MM\x00*", 0, "tiff"),
    (b"OggS", 0, "ogg"),
    (b"ID3", 0, "mp3"),
    (b"fLaC", 0, "flac"),
    (b"PAR1", 0, "parquet"),
    (b"\x00\x00\x01\x00", 0, "ico"),
    (b"ftyp", 4, "mp4"),
    (b"WEBP", 8, "webp"),
    (b"WAVE", 8, "wav"),
    (b"AVI ", 8, "avi"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (0, 9, 10, 11, 12, 13, 27)) + b"\x7f"
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
_UNSAFE_ID_CHARS = re.compile(r"[\x00-\x1f\x7f/\\]+")
_VALID_SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,10}$")
_HTML_SNIFF = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_ACTIVE_MARKUP = re.compile(r"<(?:script|style|iframe|img|object|embed|svg)\b", re.I)
_HTML_IN_TEXT = re.compile(r"</?(?:p|br|div|span|a|strong|em|b|i|h[1-6]|ul|ol|li|blockquote|figure)\b[^>]*>", re.I)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One entry found under the raw folder, with a problem when it cannot be read."""

    path: str
    rel: str
    problem: str = ""
    article_id: str = ""


@dataclass(frozen=True)
class RawDocument:
    """One article's decoded text (or why it was skipped), before cleaning."""

    article_id: str
    path: str
    text: str
    fmt: str
    encoding: str
    warnings: tuple[str, ...]
    status: str = "ok"
    url: str = ""
    header_date: str = ""
    title: str = ""
    outlet: str = ""


# ---------------------------------------------------------------------------------------------
# Discovery


def _suffix(name: str) -> str:
    """Return a file name's lower-case extension, or '' when it has none that looks like one."""
    dot = name.rfind(".")
    if dot <= 0:
        return ""
    suffix = name[dot:]
    return suffix.lower() if _VALID_SUFFIX.match(suffix) else ""


def _stem(name: str) -> str:
    """Return a file name without its extension."""
    suffix = _suffix(name)
    return name[: len(name) - len(suffix)] if suffix else name


def display_path(rel: str) -> str:
    """Return a relative path safe to print and write as UTF-8 (undecodable name bytes become U+FFFD)."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _clean_id(s: str) -> str:
    """Return `s` with control characters and path separators replaced, never empty."""
    cleaned = _UNSAFE_ID_CHARS.sub("_", display_path(s)).strip()
    return cleaned or "article"


def make_article_ids(sources: Iterable[SourceFile]) -> list[SourceFile]:
    """Return the sources with unique article ids: the file stem, else the relative path."""
    items = list(sources)
    stems = [_clean_id(_stem(_basename(s.rel))) for s in items]
    counts: dict[str, int] = {}
    for st in stems:
        counts[st.casefold()] = counts.get(st.casefold(), 0) + 1
    ids: list[str] = []
    for src, st in zip(items, stems):
        if counts[st.casefold()] == 1:
            ids.append(st)
        else:
            rel = src.rel
            ids.append(_clean_id(rel[: len(rel) - len(_suffix(rel))].replace("/", "__")))
    # Same folder and stem with different extensions: keep the extension in the id.
    seen: dict[str, int] = {}
    for aid in ids:
        seen[aid.casefold()] = seen.get(aid.casefold(), 0) + 1
    result: list[SourceFile] = []
    used: set[str] = set()
    for src, aid in zip(items, ids):
        if seen[aid.casefold()] > 1:
            aid = _clean_id(src.rel.replace("/", "__").replace(".", "_"))
        base, n = aid, 2
        while aid.casefold() in used:
            aid = f"{base}-{n}"
            n += 1
        used.add(aid.casefold())
        result.append(replace(src, article_id=aid))
    return result


def _basename(rel: str) -> str:
    """Return the last component of a '/'-separated relative path."""
    return rel.rsplit("/", 1)[-1]


def _stat_problem(exc: OSError) -> str:
    """Describe an OSError met while looking at a path."""
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno == errno.ENOENT:
        return "broken symlink"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENAMETOOLONG:
        return "path too long"
    return f"cannot access ({exc.strerror or type(exc).__name__})"


OUTSIDE_LINK = "symlink points outside the raw folder (not followed: copy the file in, or pass its folder as RAW)"


def _inside(target: str, root: str) -> bool:
    """True when the resolved path `target` lies in the resolved folder `root`."""
    try:
        return os.path.commonpath([target, root]) == root
    except ValueError:  # different drives
        return False


def discover_files(raw_dir: str | os.PathLike[str]) -> list[SourceFile]:
    """List every entry under `raw_dir` (recursively, sorted), each file once, loops reported."""
    root = Path(raw_dir)
    found: list[SourceFile] = []
    try:
        root_stat = os.stat(root)
    except OSError as exc:
        problem = "not found" if exc.errno == errno.ENOENT and not root.is_symlink() else _stat_problem(exc)
        return [SourceFile(path=str(root), rel=root.name or str(root), problem=problem, article_id=root.name or "raw")]
    if not stat.S_ISDIR(root_stat.st_mode):
        return make_article_ids([SourceFile(path=str(root), rel=root.name)])
    visited: set[tuple[int, int]] = {(root_stat.st_dev, root_stat.st_ino)}
    root_real = os.path.realpath(root)

    def walk(folder: Path, rel: str, ancestors: frozenset[tuple[int, int]], depth: int) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            found.append(SourceFile(str(folder), rel or ".", f"folder unreadable: {_stat_problem(exc)}"))
            return
        for entry in entries:
            name = entry.name
            child_rel = f"{rel}/{name}" if rel else name
            path = str(folder / name)
            if name in IGNORED_NAMES:
                continue
            if entry.is_symlink() and not _inside(os.path.realpath(path), root_real):
                found.append(SourceFile(path, child_rel, OUTSIDE_LINK))
                continue
            try:
                st = os.stat(path)  # follows links
            except OSError as exc:
                found.append(SourceFile(path, child_rel, _stat_problem(exc)))
                continue
            if stat.S_ISDIR(st.st_mode):
                key = (st.st_dev, st.st_ino)
                if name.startswith("."):
                    found.append(SourceFile(path, child_rel, "hidden folder"))
                elif key in ancestors:
                    found.append(SourceFile(path, child_rel, "symlink loop"))
                elif key in visited:
                    found.append(SourceFile(path, child_rel, "symlink to a folder already read"))
                elif depth >= _MAX_DEPTH:
                    found.append(SourceFile(path, child_rel, "folder nested too deep"))
                else:
                    visited.add(key)
                    walk(Path(path), child_rel, ancestors | {key}, depth + 1)
                continue
            if name.startswith("."):
                found.append(SourceFile(path, child_rel, "hidden file"))
            elif not stat.S_ISREG(st.st_mode):
                found.append(SourceFile(path, child_rel, "not a regular file"))
            else:
                found.append(SourceFile(path, child_rel, ""))

    walk(root, "", frozenset({(root_stat.st_dev, root_stat.st_ino)}), 0)
    found.sort(key=lambda s: s.rel)
    return make_article_ids(found)


# ---------------------------------------------------------------------------------------------
# Decoding


def sniff_binary(data: bytes) -> str:
    """Return the binary type of `data` from its magic bytes or control-byte ratio, else ''."""
    for magic, offset, kind in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            head = data[:64]
            if kind == "exe" and head.isascii() and head.translate(None, _CONTROL_BYTES + b"\x00") == head:
                continue  # plain text that happens to start with "MZ"
            return kind
    if any(data.startswith(bom) for bom, _ in _BOMS) or _utf16_guess(data):
        return ""
    sample = data[:65536].replace(b"\x00", b"")
    if not sample:
        return ""
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls / len(sample) > 0.05:
        return "unknown type"
    return ""


def _utf16_guess(data: bytes) -> str:
    """Guess UTF-16 without a BOM from NUL bytes at alternating positions, else ''."""
    sample = data[:4096]
    if len(sample) < 4:
        return ""
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / max(1, len(odd))
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return ""


def _count_replaced(text: str, data: bytes, encoding: str) -> int:
    """Count U+FFFD characters that decoding introduced (not those in the original)."""
    present = text.count("\ufffd")
    if encoding.startswith("utf-8"):
        present -= data.count("\ufffd".encode("utf-8"))
    return max(0, present)


def decode_bytes(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """Decode file bytes to text, returning (text, encoding, warnings); never raises."""
    warnings: list[str] = []
    for bom, enc in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            text = body.decode(enc, errors="replace")
            bad = _count_replaced(text, body, enc)
            if bad:
                warnings.append(f"{bad} undecodable bytes replaced")
            label = enc + ("-sig" if enc == "utf-8" else "") + " (BOM)"
            return _finish(text, warnings), label, tuple(warnings)
    guess = _utf16_guess(data)
    if guess:
        text = data.decode(guess, errors="replace")
        bad = _count_replaced(text, data, guess)
        warnings.append("UTF-16 without BOM detected")
        if bad:
            warnings.append(f"{bad} undecodable bytes replaced")
        return _finish(text, warnings), guess, tuple(warnings)
    nuls = data.count(0)
    if nuls:
        data = data.replace(b"\x00", b"")
        warnings.append(f"{nuls} NUL bytes removed")
    try:
        return _finish(data.decode("utf-8"), warnings), "utf-8", tuple(warnings)
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    bad_utf8 = _count_replaced(lenient, data, "utf-8")
    good_multibyte = sum(1 for ch in lenient if ord(ch) > 127) - bad_utf8 - data.count("\ufffd".encode())
    if good_multibyte >= 3 * bad_utf8:
        warnings.append(f"invalid UTF-8: {bad_utf8} undecodable bytes replaced")
        return _finish(lenient, warnings), "utf-8", tuple(warnings)
    try:
        text = data.decode("cp1252")
        warnings.append("decoded as cp1252")
        return _finish(text, warnings), "cp1252", tuple(warnings)
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    bad = text.count("\ufffd")
    warnings.append("decoded as cp1252")
    warnings.append(f"{bad} undecodable bytes replaced")
    return _finish(text, warnings), "cp1252", tuple(warnings)


_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _finish(text: str, warnings: list[str]) -> str:
    """Normalise line ends and drop a leading BOM or stray NULs from decoded text."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        n = text.count("\x00")
        text = text.replace("\x00", "")
        warnings.append(f"{n} NUL characters removed")
    return _NEWLINES.sub("\n", text)



_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FM_FIELD = re.compile(r"^([A-Za-z_][\w\-]*)\s*:\s*(.*?)\s*$", re.M)
_MD_SUBS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>", re.I | re.S), ""),
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"</?[A-Za-z][^>\n]*>"), ""),
    (re.compile(r"^\s{0,3}```.*?^\s{0,3}```[^\n]*$", re.S | re.M), ""),
    (re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.M), ""),
    (re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$", re.M), ""),
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M), r"\1"),
    (re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.M), ""),
    (re.compile(r"^[ \t]*[-*+][ \t]+(?=\S)", re.M), "• "),  # a list item keeps a bullet: the extractor reads lists by it
    (re.compile(r"^[ \t]*\d{1,3}[.)][ \t]+", re.M), ""),
    (re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]*\S+.*$", re.M), ""),
    (re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*$", re.M), ""),
    (re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"), ""),
    (re.compile(r"!\[[^\]\n]*\]\[[^\]\n]*\]"), ""),
    (re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)"), r"\1"),
    (re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]"), r"\1"),
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])"), r"\1"),
)


def markdown_to_text(md: str) -> tuple[str, dict[str, str]]:
    """Return Markdown as plain text lines, with front-matter fields (date, url, title, outlet)."""
    meta: dict[str, str] = {}
    fm = _FRONT_MATTER.match(md)
    if fm:
        for key, value in _FM_FIELD.findall(fm.group(1)):
            k = key.lower()
            v = value.strip().strip("\"'")
            if not v:
                continue
            if k in ("date", "published", "published_at", "pubdate", "date_published"):
                meta.setdefault("date", v)
            elif k in ("url", "link", "canonical_url", "source_url"):
                meta.setdefault("url", v)
            elif k in ("title", "headline"):
                meta.setdefault("title", v)
            elif k in ("outlet", "source", "publisher", "site", "site_name"):
                meta.setdefault("outlet", v)
        md = md[fm.end() :]
    for pattern, repl in _MD_SUBS:
        md = pattern.sub(repl, md)
    lines = (line.rstrip() for line in md.split("\n"))
    text = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text), meta


# ---------------------------------------------------------------------------------------------
# JSON

_TEXT_KEYS = ("text", "body", "content", "article", "full_text", "fulltext", "story", "maintext", "article_text")
_DATE_KEYS = (
    "date",
    "published",
    "published_at",
    "publishedat",
    "pubdate",
    "date_published",
    "datepublished",
    "publication_date",
    "publish_date",
    "datetime",
    "timestamp",
    "time",
    "created_at",
)
_URL_KEYS = ("url", "link", "href", "canonical_url", "source_url", "permalink")
_TITLE_KEYS = ("title", "headline")
_ID_KEYS = ("id", "article_id", "uuid", "guid", "doc_id")
_OUTLET_KEYS = ("outlet", "source", "publisher", "site_name", "source_name", "site", "media")
_LIST_KEYS = ("articles", "items", "data", "results", "docs", "documents", "records", "entries", "stories")


def _get(obj: dict[str, Any], keys: tuple[str, ...]) -> Any:
    """Return the first value in `obj` under one of `keys` (case-insensitive), else None."""
    lowered = {str(k).lower(): v for k, v in obj.items()}
    for key in keys:
        value = lowered.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _as_text(value: Any) -> str:
    """Return a JSON value as article text: strings, or lists of strings joined by lines."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n".join(value)
    return ""


def _as_date(value: Any) -> str:
    """Return a JSON date value as a string (epoch seconds or milliseconds become ISO dates)."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return ""
    return value.strip() if isinstance(value, str) else ""


def _as_name(value: Any) -> str:
    """Return an outlet name from a string or an object with a name."""
    if isinstance(value, dict):
        value = _get(value, ("name", "title", "id"))
    return value.strip() if isinstance(value, str) else ""


def _json_items(text: str, force_lines: bool) -> tuple[list[tuple[int, Any]], str, str]:
    """Parse JSON or JSON Lines text into (ordinal, value) items, a mode, and an error."""
    if not force_lines:
        try:
            data = json.loads(text)
        except RecursionError:
            return [], "json", "invalid JSON (nested too deeply)"
        except json.JSONDecodeError as exc:
            lines = [ln for ln in text.split("\n") if ln.strip()]
            if len(lines) > 1 and lines[0].lstrip().startswith("{"):
                try:
                    json.loads(lines[0])
                    force_lines = True
                except (json.JSONDecodeError, RecursionError):
                    return [], "json", f"invalid JSON (line {exc.lineno})"
            else:
                return [], "json", f"invalid JSON (line {exc.lineno})"
        else:
            if isinstance(data, dict):
                if _get(data, _TEXT_KEYS) is None:
                    inner = _get(data, _LIST_KEYS)
                    if isinstance(inner, list):
                        return list(enumerate(inner, 1)), "json", ""
                return [(0, data)], "json", ""
            if isinstance(data, list):
                return list(enumerate(data, 1)), "json", ""
            return [], "json", "JSON holds no article objects"
    items: list[tuple[int, Any]] = []
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            items.append((lineno, json.loads(line)))
        except (json.JSONDecodeError, RecursionError):
            items.append((lineno, _BadLine(lineno)))
    return items, "jsonl", ""


class _BadLine:
    """Marker for a JSON Lines line that does not parse."""

    def __init__(self, lineno: int) -> None:
        self.lineno = lineno


def _json_documents(
    src: SourceFile, text: str, encoding: str, warnings: tuple[str, ...], force_lines: bool, max_chars: int
) -> list[RawDocument]:
    """Turn a JSON / JSON Lines file into one document per article object."""
    base = src.article_id or _clean_id(_stem(_basename(src.rel)))
    items, mode, error = _json_items(text, force_lines)
    if error:
        return [_skipped(src, error, fmt=mode, encoding=encoding, warnings=warnings)]
    if not items:
        return [_skipped(src, "JSON has no articles", fmt=mode, encoding=encoding, warnings=warnings)]
    ids = [
        str(_get(obj, _ID_KEYS)) if isinstance(obj, dict) and _get(obj, _ID_KEYS) is not None else ""
        for _, obj in items
    ]
    id_counts: dict[str, int] = {}
    for i in ids:
        id_counts[i] = id_counts.get(i, 0) + 1
    docs: list[RawDocument] = []
    what = "line" if mode == "jsonl" else "object"
    for (ordinal, obj), given in zip(items, ids):
        if ordinal == 0:
            aid = base
        elif given and _SAFE_ID.match(given) and id_counts[given] == 1:
            aid = f"{base}-{given}"
        else:
            aid = f"{base}-{ordinal:03d}"
        common = dict(article_id=aid, path=display_path(src.rel), fmt=mode, encoding=encoding)
        label = f"JSON {what} {ordinal or 1}"
        if isinstance(obj, _BadLine):
            docs.append(RawDocument(text="", warnings=warnings, status=f"skipped: invalid JSON (line {ordinal})", **common))
            continue
        if not isinstance(obj, dict):
            docs.append(RawDocument(text="", warnings=warnings, status=f"skipped: {label} is not an object", **common))
            continue
        body = _as_text(_get(obj, _TEXT_KEYS))
        if not body.strip():
            docs.append(RawDocument(text="", warnings=warnings, status=f"skipped: {label} has no text", **common))
            continue
        item_warnings = list(warnings)
        body, nul_note = body.replace("\x00", ""), body.count("\x00")
        if nul_note:
            item_warnings.append(f"{nul_note} NUL characters removed")
        meta: dict[str, str] = {}
        if _HTML_IN_TEXT.search(body):
            body, meta = html_to_text(body)
            item_warnings.append("HTML markup in JSON text removed")
        body = _NEWLINES.sub("\n", body)
        if len(body) > max_chars:
            status = f"skipped: too large ({label} has {len(body):,} characters)"
            docs.append(RawDocument(text="", warnings=tuple(item_warnings), status=status, **common))
            continue
        title = _get(obj, _TITLE_KEYS)
        url = _get(obj, _URL_KEYS)
        docs.append(
            RawDocument(
                text=body,
                warnings=tuple(item_warnings),
                url=url.strip() if isinstance(url, str) else meta.get("url", ""),
                header_date=_as_date(_get(obj, _DATE_KEYS)) or meta.get("date", ""),
                title=title.strip() if isinstance(title, str) else "",
                outlet=_as_name(_get(obj, _OUTLET_KEYS)) or meta.get("outlet", ""),
                **common,
            )
        )
    return docs


# ---------------------------------------------------------------------------------------------
# Reading one source


def _has_markup(text: str) -> bool:
    """True when plain text is really an HTML fragment: several common tags, not one stray tag."""
    if "<" not in text:
        return False
    return sum(1 for _ in zip(range(3), _HTML_IN_TEXT.finditer(text))) >= 3


def _skipped(
    src: SourceFile, reason: str, fmt: str = "", encoding: str = "", warnings: tuple[str, ...] = ()
) -> RawDocument:
    """Return the record of a file that could not be read, with the reason."""
    aid = src.article_id or _clean_id(_stem(_basename(src.rel)))
    path = display_path(src.rel)
    return RawDocument(aid, path, "", fmt, encoding, warnings, status=f"skipped: {reason}")


def _size_text(n: int) -> str:
    """Return a byte count as megabytes with one decimal."""
    return f"{n / 1_000_000:.1f} MB"


def read_source(src: SourceFile, max_bytes: int = DEFAULT_MAX_BYTES) -> list[RawDocument]:
    """Read one discovered file into documents (one per article); problems become statuses."""
    try:
        return _read_source(src, max_bytes)
    except Exception as exc:  # noqa: BLE001 - a reader must never stop the run
        return [_skipped(src, f"unreadable ({type(exc).__name__}: {exc})")]


def _read_source(src: SourceFile, max_bytes: int) -> list[RawDocument]:
    """Read one file; see `read_source`."""
    if src.problem:
        return [_skipped(src, src.problem)]
    try:
        st = os.stat(src.path)
    except OSError as exc:
        return [_skipped(src, _stat_problem(exc))]
    if not stat.S_ISREG(st.st_mode):
        return [_skipped(src, "not a regular file")]
    if st.st_size == 0:
        return [_skipped(src, "empty file")]
    name = _basename(src.rel)
    suffix = _suffix(name)
    is_jsonl = suffix in JSONL_SUFFIXES
    limit = max_bytes * 10 if suffix in JSON_SUFFIXES or is_jsonl else max_bytes
    if st.st_size > limit:
        return [_skipped(src, f"too large ({_size_text(st.st_size)} > {_size_text(limit)} limit)")]
    try:
        with open(src.path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        return [_skipped(src, _stat_problem(exc))]
    if not data:
        return [_skipped(src, "empty file")]
    if len(data) > limit:
        return [_skipped(src, f"too large (more than {_size_text(limit)})")]
    kind = sniff_binary(data)
    if kind:
        return [_skipped(src, f"binary file ({kind})")]
    if suffix in UNSUPPORTED_SUFFIXES:
        return [_skipped(src, f"unsupported format ({suffix})")]
    if not data.replace(b"\x00", b"").strip():
        return [_skipped(src, "empty file (only whitespace or NUL bytes)")]
    text, encoding, warnings = decode_bytes(data)
    extra: list[str] = []
    if suffix and suffix not in TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES:
        extra.append(f"unrecognised extension {suffix}; read as plain text")
    fmt = "text"
    meta: dict[str, str] = {}
    if suffix in JSON_SUFFIXES or is_jsonl:
        return _json_documents(src, text, encoding, warnings, is_jsonl, max_bytes)
    if suffix in HTML_SUFFIXES or _HTML_SNIFF.match(data[:4096]):
        if suffix not in HTML_SUFFIXES:
            extra.append("HTML page in a non-HTML file; read as HTML")
        page = read_page(text)
        text, meta = page.text, page.meta
        extra.extend([page.note] if page.note else [])
        fmt = "html"
        if not text.strip():
            return [_skipped(src, "no text in HTML page", fmt=fmt, encoding=encoding, warnings=warnings + tuple(extra))]
    elif suffix in MARKDOWN_SUFFIXES:
        text, meta = markdown_to_text(text)
        fmt = "markdown"
    elif _has_markup(text):
        text, meta = html_to_text(text)
        extra.append("HTML markup in a text file removed")
    elif _ACTIVE_MARKUP.search(text):
        extra.append("text contains markup such as <script>; kept as text and escaped in reports")
    if not text.strip():
        return [_skipped(src, "empty file (no text)", fmt=fmt, encoding=encoding, warnings=warnings + tuple(extra))]
    aid = src.article_id or _clean_id(_stem(name))
    return [
        RawDocument(
            article_id=aid,
            path=display_path(src.rel),
            text=text,
            fmt=fmt,
            encoding=encoding,
            warnings=warnings + tuple(extra),
            url=meta.get("url", ""),
            header_date=meta.get("date", ""),
            title=meta.get("title", ""),
            outlet=meta.get("outlet", ""),
        )
    ]


def read_all(raw_dir: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> list[RawDocument]:
    """Discover and read every file under `raw_dir`, one document per article or skipped file."""
    docs: list[RawDocument] = []
    for src in discover_files(raw_dir):
        docs.extend(read_source(src, max_bytes))
    return docs
