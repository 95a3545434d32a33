"""Exact and near-duplicate detection of articles (wire copy republished under other names)."""

from __future__ import annotations

import hashlib
import os
import re
import struct
import tempfile
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Sequence

import numpy as np

from analysis.records import Article, CorpusRecord

SHINGLE_WORDS = 5
SKETCH_SIZE = 64
NEAR_JACCARD = 0.5  # estimated resemblance at or above which two articles are copies
NEAR_CONTAINMENT = 0.85  # share of the shorter text found in the longer one (a trimmed copy) ...
CONTAINMENT_MIN_JACCARD = 0.25  # ... provided the two still resemble each other this much
LSH_BINS = 64  # one-permutation MinHash bins (a power of two)
LSH_ROWS = 2  # signature values per band: 32 bands find pairs of resemblance 0.25 with probability 0.87, 0.5 with 0.9999
BUCKET_GROUPS = 16  # a band bucket holding this many different stories is boilerplate: it no longer finds candidates
PER_GROUP = 2  # articles of one story kept in a bucket
MAX_CANDIDATES = 24  # sketches compared per article, those sharing the most bands first
BAND_BLOCK = 1 << 21  # band keys sorted or looked up at a time when finding the shared ones

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_HASH_SPACE = float(2**64)
_MASK64 = 2**64 - 1
_NO_VALUE = 2**64
_DENSIFY_OFFSET = 0x9E3779B97F4A7C15
_POLY = np.uint64(0x100000001B3)  # the multiplier that combines word hashes into a shingle hash


def normalize_for_hash(text: str) -> str:
    """Return text folded for comparison: NFKC, case, quotes and whitespace."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _SPACE.sub(" ", folded).strip()


def content_hash(text: str) -> str:
    """Return the SHA-1 hex digest of the normalised text."""
    return hashlib.sha1(normalize_for_hash(text).encode("utf-8")).hexdigest()


EMPTY_HASH = content_hash("")
_EMPTY_DIGESTS = (EMPTY_HASH, bytes.fromhex(EMPTY_HASH))  # the empty text's hash as text or as bytes


def _stable_hash(s: str) -> int:
    """Return a 64-bit hash of a string that is the same on every run and machine."""
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big")


@lru_cache(maxsize=1 << 16)
def _word_hash(word: str) -> int:
    """A stable 64-bit hash of one word (cached: a corpus reuses its words)."""
    return _stable_hash(word)


def _mix(h: np.ndarray) -> np.ndarray:
    """Spread the bits of 64-bit values (the splitmix64 finaliser), so the top bits pick bins evenly."""
    h = h ^ (h >> np.uint64(30))
    h = h * np.uint64(0xBF58476D1CE4E5B9)
    h = h ^ (h >> np.uint64(27))
    h = h * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


def shingle_array(text: str) -> np.ndarray:
    """Return the sorted, distinct 64-bit hashes of a text's word 5-shingles (one shingle for a shorter text).

    A shingle's hash combines its words' hashes by position (a polynomial in 64-bit arithmetic),
    so it is computed for all shingles at once.
    """
    words = _WORD.findall(normalize_for_hash(text))
    if not words:
        return np.zeros(0, dtype=np.uint64)
    word_hashes = np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words))
    width = min(SHINGLE_WORDS, len(words))
    n = len(words) - width + 1
    h = np.zeros(n, dtype=np.uint64)
    for k in range(width):
        h = h * _POLY + word_hashes[k : k + n]
    return np.unique(_mix(h))


def shingle_hashes(text: str) -> set[int]:
    """Return the stable 64-bit hashes of a text's word 5-shingles as a set of Python integers."""
    return {int(v) for v in shingle_array(text)}


def sketch_text(text: str, k: int = SKETCH_SIZE) -> tuple[int, ...]:
    """Return the bottom-k hashes (ascending) of the word 5-shingles of a text."""
    return tuple(int(v) for v in shingle_array(text)[: max(1, k)])


def minhash_bins(hashes: Iterable[int] | np.ndarray, bins: int = LSH_BINS) -> tuple[int, ...]:
    """Return a one-permutation MinHash signature: the least hash per bin, empty bins filled from the next one.

    The top bits of a shingle hash pick its bin; an empty bin borrows the value of the next
    non-empty bin (circularly) plus an offset per step, so two texts agree on a bin with a
    probability close to their resemblance.
    """
    values = hashes if isinstance(hashes, np.ndarray) else np.array(sorted(hashes), dtype=np.uint64)
    if values.size == 0:
        return ()
    values = np.sort(values)
    shift = np.uint64(64 - (bins.bit_length() - 1))
    which, first = np.unique(values >> shift, return_index=True)
    mins: list[int] = [_NO_VALUE] * bins
    for b, i in zip(which.tolist(), first.tolist()):
        mins[b] = int(values[i])
    out = list(mins)
    for i in range(bins):
        if mins[i] != _NO_VALUE:
            continue
        step = 1
        while mins[(i + step) % bins] == _NO_VALUE:
            step += 1
        out[i] = (mins[(i + step) % bins] + step * _DENSIFY_OFFSET) & _MASK64
    return tuple(out)


def band_keys(signature: Sequence[int], rows: int = LSH_ROWS) -> tuple[int, ...]:
    """Return one 64-bit key per band of `rows` signature values (band index included)."""
    if not signature:
        return ()
    keys = []
    for band, start in enumerate(range(0, len(signature) - rows + 1, rows)):
        payload = band.to_bytes(2, "big") + b"".join(v.to_bytes(8, "big") for v in signature[start : start + rows])
        keys.append(int.from_bytes(hashlib.blake2b(payload, digest_size=8).digest(), "big"))
    return tuple(keys)


def pack(values: Sequence[int]) -> bytes:
    """Pack 64-bit values into 8 bytes each (a compact record to keep for every article)."""
    return np.asarray(values, dtype="<u8").tobytes()


def unpack(data: bytes | Sequence[int]) -> tuple[int, ...]:
    """The 64-bit values of packed bytes (a tuple of integers is returned as it is)."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        return tuple(np.frombuffer(data, dtype="<u8").tolist())
    return tuple(data)


@dataclass(frozen=True)
class Fingerprint:
    """What near-duplicate detection needs of one article: its bottom-k sketch and its LSH band keys."""

    sketch: tuple[int, ...] = ()
    bands: tuple[int, ...] = ()


def fingerprint_text(text: str, k: int = SKETCH_SIZE) -> Fingerprint:
    """Return the sketch and band keys of a text, hashing its shingles once."""
    hashes = shingle_array(text)
    if hashes.size == 0:
        return Fingerprint()
    return Fingerprint(sketch=tuple(int(v) for v in hashes[: max(1, k)]), bands=band_keys(minhash_bins(hashes)))


def _kept_text(article: Article) -> str:
    """The text duplicates are judged on: the kept sentences, else the whole text."""
    return " ".join(s.text for s in article.sentences) if article.sentences else article.text


def fingerprint(article: Article, k: int = SKETCH_SIZE) -> Fingerprint:
    """Return the sketch and band keys of an article's kept sentences (or its text)."""
    return fingerprint_text(_kept_text(article), k)


def sketch(article: Article, k: int = SKETCH_SIZE) -> tuple[int, ...]:
    """Return the bottom-k shingle sketch of an article's kept sentences (or its text)."""
    return sketch_text(_kept_text(article), k)


def _size(sk: tuple[int, ...], k: int) -> float:
    """Estimate how many distinct shingles a sketch was drawn from (exact below k)."""
    if len(sk) < k or not sk:
        return float(len(sk))
    return (k - 1) * _HASH_SPACE / (sk[-1] + 1)


def resemblance(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimate the Jaccard similarity of the shingle sets behind two bottom-k sketches."""
    if not a or not b:
        return 0.0
    k = max(len(a), len(b))
    sb = set(b)
    shared = sb.intersection(a)
    if not shared:
        return 0.0
    union = sorted(sb.union(a))[:k]
    both = sum(1 for h in union if h in shared)
    return both / len(union)


def containment(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimate the share of the smaller text's shingles that the other text also has."""
    j = resemblance(a, b)
    if j == 0.0:
        return 0.0
    k = max(len(a), len(b))
    na, nb = _size(a, k), _size(b, k)
    small = min(na, nb)
    if small <= 0:
        return 0.0
    return min(1.0, j * (na + nb) / ((1 + j) * small))


def is_near_duplicate(a: tuple[int, ...], b: tuple[int, ...], a_values: frozenset[int] | None = None) -> bool:
    """True when two sketches come from copies of the same text (retitled, trimmed or extended); `a_values` is set(a),
    when the caller compares one sketch with many."""
    a_values = frozenset(a) if a_values is None else a_values
    b_values = set(b)
    shared = len(b_values.intersection(a_values))
    if shared < CONTAINMENT_MIN_JACCARD * min(max(len(a), len(b)), len(a_values) + len(b_values) - shared):
        return False  # too few shared values for either test: the estimate below cannot reach its thresholds
    j = resemblance(a, b)
    if j >= NEAR_JACCARD:
        return True
    return j >= CONTAINMENT_MIN_JACCARD and min(len(a), len(b)) >= 8 and containment(a, b) >= NEAR_CONTAINMENT


class _Values:
    """A growing run of 64-bit values kept in memory, or in a file (read back a few at a time, never all held)."""

    def __init__(self, folder: Path | None = None) -> None:
        """Keep the values in memory, or in a new temporary file in `folder`."""
        self._memory = bytearray()
        self._file: BinaryIO | None = None
        self._path: Path | None = None
        self._dirty = False
        self.size = 0  # values stored
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=".fingerprints-", suffix=".u64", dir=folder)
            self._file, self._path = os.fdopen(fd, "w+b"), Path(name)

    def append(self, data: bytes) -> None:
        """Add packed values at the end."""
        if self._file is not None:
            self._file.write(data)
            self._dirty = True
        else:
            self._memory += data
        self.size += len(data) // 8

    def _bytes(self, start: int, stop: int) -> bytes | memoryview:
        """The packed values from `start` to `stop`."""
        if self._file is None:
            return memoryview(self._memory)[start * 8 : stop * 8]
        if self._dirty:
            self._file.flush()
            self._dirty = False
        return os.pread(self._file.fileno(), (stop - start) * 8, start * 8)

    def values(self, start: int, stop: int) -> tuple[int, ...]:
        """The values from `start` to `stop` as Python integers."""
        data = self._bytes(start, stop)
        values = struct.unpack(f"<{stop - start}Q", data)
        if isinstance(data, memoryview):
            data.release()
        return values

    def blocks(self, size: int) -> Iterator[np.ndarray]:
        """All values, `size` at a time."""
        for start in range(0, self.size, size):
            yield self.array(start, min(self.size, start + size))

    def array(self, start: int, stop: int) -> np.ndarray:
        """The values from `start` to `stop` as a numpy array of their own."""
        data = self._bytes(start, stop)
        out = np.frombuffer(data, dtype="<u8").copy()
        if isinstance(data, memoryview):
            data.release()
        return out

    def close(self) -> None:
        """Let the values go (a file is removed)."""
        self._memory = bytearray()
        if self._file is not None:
            self._file.close()
            self._file = None
        if self._path is not None:
            self._path.unlink(missing_ok=True)


class FingerprintStore:
    """Packed sketches and band keys of many articles, in flat buffers or files: no Python object per article.

    With a folder the values go to temporary files there (close() removes them), so a corpus of a
    million articles keeps only two offsets per article in memory.
    """

    def __init__(self, folder: Path | None = None) -> None:
        """Start an empty store, in memory or in files under `folder`."""
        self._sketches = _Values(folder)
        self._bands = _Values(folder)
        self._sketch_ends = array("q")  # end of each article's sketch, in values
        self._band_ends = array("q")
        self._distinct = bytearray()  # 1 when an article's sketch values are ascending with no repeats (as fingerprints are)

    def __len__(self) -> int:
        """The number of articles stored."""
        return len(self._sketch_ends)

    def add(self, sketch: bytes | Sequence[int], bands: bytes | Sequence[int] = ()) -> int:
        """Store one article's sketch and band keys (packed or not; no band keys: the sketch values index); return its index."""
        sketch = sketch if isinstance(sketch, (bytes, bytearray)) else pack(sketch or ())
        bands = bands if isinstance(bands, (bytes, bytearray)) else pack(bands or ())
        self._sketches.append(sketch)
        self._bands.append(bands or sketch)
        values = np.frombuffer(sketch, dtype="<u8")
        self._distinct.append(int(bool(np.all(values[1:] > values[:-1]))))
        self._sketch_ends.append(self._sketches.size)
        self._band_ends.append(self._bands.size)
        return len(self._sketch_ends) - 1

    def sketch(self, i: int) -> tuple[int, ...]:
        """The sketch of article i as Python integers."""
        return self._sketches.values(self._sketch_ends[i - 1] if i else 0, self._sketch_ends[i])

    def distinct(self, i: int) -> bool:
        """Whether article i's sketch values are ascending with no repeats (as every fingerprint's are)."""
        return bool(self._distinct[i])

    def sketch_length(self, i: int) -> int:
        """The number of values in article i's sketch."""
        return self._sketch_ends[i] - (self._sketch_ends[i - 1] if i else 0)

    def shared_band_buckets(self, block: int | None = None) -> tuple[np.ndarray, np.ndarray, int]:
        """Number the band keys found in two or more places, and drop the band keys (a key found once finds no copy).

        Returns the bucket numbers of every article's shared band keys in order, in one array; where
        article i's numbers are in it (offsets[i] to offsets[i + 1]); and the number of buckets. Keys
        are sorted a share of their values at a time, so no copy of all of them is ever held.
        """
        n, block = self._bands.size, block or BAND_BLOCK
        parts = max(1, -(-n // block))
        found_twice = []
        for p in range(parts):
            if parts == 1:
                keys = self._bands.array(0, n)
            else:
                keys = np.concatenate([b[b % np.uint64(parts) == np.uint64(p)] for b in self._bands.blocks(block)] or
                                      [np.zeros(0, dtype="<u8")])
            keys.sort()
            found_twice.append(np.unique(keys[1:][keys[1:] == keys[:-1]]))
            del keys
        shared = np.sort(np.concatenate(found_twice))
        ends = np.frombuffer(self._band_ends, dtype=np.int64)
        offsets = np.zeros(len(ends) + 1, dtype=np.int64)
        buckets = []
        a = 0
        while a < len(ends):  # a run of whole articles, about one block of keys
            low = int(ends[a - 1]) if a else 0
            b = max(a + 1, int(np.searchsorted(ends, low + block, side="right")))
            keys = self._bands.array(low, int(ends[b - 1]))
            pos = np.minimum(np.searchsorted(shared, keys), max(0, len(shared) - 1))
            hit = shared[pos] == keys if len(shared) else np.zeros(len(keys), dtype=bool)
            buckets.append(pos[hit].astype(np.int32))
            before = np.concatenate(([0], np.cumsum(hit)))  # shared keys before each position of the run
            offsets[a + 1 : b + 1] = offsets[a] + before[ends[a:b] - low]
            a = b
        del ends
        self._bands.close()
        return (np.concatenate(buckets) if buckets else np.zeros(0, dtype=np.int32)), offsets, len(shared)

    def close(self) -> None:
        """Let the stored values go (files are removed)."""
        self._sketches.close()
        self._bands.close()


def find_duplicates(items: Iterable[tuple]) -> dict[str, str]:
    """Map each duplicate article_id to its original (earliest id of its group); originals absent.

    Items are (article_id, content_hash, sketch) or (article_id, content_hash, sketch, band_keys),
    sketches and band keys packed or not; see find_duplicates_in for how copies are found.
    """
    store = FingerprintStore()
    records = []
    for row in items:
        sketch = row[2] or ()
        bands = row[3] if len(row) > 3 and row[3] else ()
        records.append(CorpusRecord(article_id=row[0], path="", status="ok", content_hash=row[1] or "",
                                    fingerprint=store.add(sketch, bands)))
    return find_duplicates_in(records, store)


def find_duplicates_in(records: Sequence[CorpusRecord], store: FingerprintStore) -> dict[str, str]:
    """Map each duplicate article_id to its original (earliest id of its group) among records with a fingerprint in the store.

    Exact copies are found by hash; near copies by a banded MinHash index (candidates: articles
    sharing a band, at most MAX_CANDIDATES per article, buckets of boilerplate ignored), each
    candidate confirmed on the bottom-k sketches. Articles are taken in id order, so the result
    does not depend on input order or on how the work was split. Only band keys that two articles
    share are indexed, each bucket a linked list in flat arrays, so a million articles fit in memory.
    The store's band keys are dropped.
    """
    readable = [r for r in records if r.fingerprint >= 0]
    bucket_of, offsets, n_buckets = store.shared_band_buckets()
    ids = np.empty(len(readable), dtype=object)
    ids[:] = [r.article_id for r in readable]
    order = np.argsort(ids, kind="stable")  # id order, ties in input order
    del ids
    head = array("i", [-1]) * n_buckets  # last entry of each bucket (-1: empty)
    hot = bytearray(n_buckets)  # buckets of boilerplate: no longer used
    entry_next = array("i")  # the bucket's entry before this one
    entry_kept = array("i")  # which kept article the entry is
    kept_ids: list[str] = []
    kept_groups: list[str] = []
    kept_fp = array("q")
    root: dict[str, str] = {}
    by_hash: dict[str | bytes, str] = {}
    result: dict[str, str] = {}
    for n in order:
        record = readable[n]
        article_id, digest, fp = record.article_id, record.content_hash, record.fingerprint
        if article_id in root:
            continue  # the same id twice: keep the first
        if digest and digest not in _EMPTY_DIGESTS and digest in by_hash:
            original = root[by_hash[digest]]
            root[article_id] = original
            result[article_id] = original
            continue
        if digest and digest not in _EMPTY_DIGESTS:
            by_hash[digest] = article_id
        sk = store.sketch(fp)
        buckets = bucket_of[offsets[fp] : offsets[fp + 1]].tolist()
        match = ""
        if sk:
            shared: dict[int, int] = {}
            for b in buckets:
                if hot[b]:
                    continue
                e = head[b]
                while e >= 0:
                    idx = entry_kept[e]
                    shared[idx] = shared.get(idx, 0) + 1
                    e = entry_next[e]
            values = frozenset(sk)
            candidates = sorted(shared, key=lambda i: (-shared[i], i))[:MAX_CANDIDATES]
            for idx, other in _screened(sk, values, candidates, kept_fp, store):
                if is_near_duplicate(sk, other, values):
                    cand = root[kept_ids[idx]]
                    if not match or cand < match:
                        match = cand
        root[article_id] = match or article_id
        if match:
            result[article_id] = match
        if sk:
            idx = len(kept_ids)
            kept_ids.append(article_id)
            kept_groups.append(root[article_id])
            kept_fp.append(fp)
            _index(head, hot, entry_next, entry_kept, kept_groups, buckets, idx)
    return result


def _screened(sk: tuple[int, ...], values: frozenset[int], candidates: list[int], kept_fp: array,
              store: FingerprintStore) -> Iterator[tuple[int, tuple[int, ...]]]:
    """The candidates (indexes of kept articles), with their sketches, that share enough values with `sk` for
    is_near_duplicate to hold: its first test, without building a set per candidate when both sketches are distinct."""
    distinct = len(values) == len(sk)
    for idx in candidates:
        fp = kept_fp[idx]
        other = store.sketch(fp)
        if distinct and store.distinct(fp):
            n = len(values.intersection(other))
            if n < CONTAINMENT_MIN_JACCARD * min(max(len(sk), len(other)), len(sk) + len(other) - n):
                continue
        yield idx, other


def _index(head: array, hot: bytearray, entry_next: array, entry_kept: array, kept_groups: list[str],
           buckets: Sequence[int], idx: int) -> None:
    """Add a kept article to its band buckets: a few per story; a bucket of too many stories turns hot."""
    group = kept_groups[idx]
    for b in buckets:
        if hot[b]:
            continue
        groups: list[str] = []
        e = head[b]
        while e >= 0:
            groups.append(kept_groups[entry_kept[e]])
            e = entry_next[e]
        same = groups.count(group)
        if same >= PER_GROUP:
            continue
        if same == 0 and len(set(groups)) >= BUCKET_GROUPS:
            hot[b] = 1
            head[b] = -1
            continue
        entry_next.append(head[b])
        entry_kept.append(idx)
        head[b] = len(entry_kept) - 1


def duplicate_map(articles: Iterable[Article]) -> dict[str, str]:
    """Find duplicates among readable articles: article_id -> article_id of the original."""
    items = []
    for a in articles:
        if a.status == "ok" and a.sentences:
            fp = fingerprint(a)
            items.append((a.article_id, a.content_hash, fp.sketch, fp.bands))
    return find_duplicates(items)
