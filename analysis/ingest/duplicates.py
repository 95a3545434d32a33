"""Exact and near-duplicate detection of articles (wire copy republished under other names)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np

from analysis.records import Article

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


def is_near_duplicate(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """True when two sketches come from copies of the same text (retitled, trimmed or extended)."""
    if len(set(a).intersection(b)) < CONTAINMENT_MIN_JACCARD * min(max(len(a), len(b)), len(set(a).union(b))):
        return False  # too few shared values for either test: the estimate below cannot reach its thresholds
    j = resemblance(a, b)
    if j >= NEAR_JACCARD:
        return True
    return j >= CONTAINMENT_MIN_JACCARD and min(len(a), len(b)) >= 8 and containment(a, b) >= NEAR_CONTAINMENT


def find_duplicates(items: Iterable[tuple]) -> dict[str, str]:
    """Map each duplicate article_id to its original (earliest id of its group); originals absent.

    Items are (article_id, content_hash, sketch) or (article_id, content_hash, sketch, band_keys).
    Exact copies are found by hash; near copies by a banded MinHash index (candidates: articles
    sharing a band, at most MAX_CANDIDATES per article, buckets of boilerplate ignored), each
    candidate confirmed on the bottom-k sketches. Articles are taken in id order, so the result
    does not depend on input order or on how the work was split.
    """
    rows = sorted(items, key=lambda r: r[0])
    root: dict[str, str] = {}
    by_hash: dict[str, str] = {}
    buckets: dict[int, list[tuple[str, int]]] = {}
    hot: set[int] = set()
    kept: list[tuple[str, bytes | tuple[int, ...]]] = []
    result: dict[str, str] = {}
    for row in rows:
        article_id, digest, packed = row[0], row[1], row[2] or ()
        sk = unpack(packed)
        bands = unpack(row[3]) if len(row) > 3 and row[3] else sk  # without band keys, sketch values index
        if article_id in root:
            continue  # the same id twice: keep the first
        if digest and digest != EMPTY_HASH and digest in by_hash:
            original = root[by_hash[digest]]
            root[article_id] = original
            result[article_id] = original
            continue
        if digest and digest != EMPTY_HASH:
            by_hash[digest] = article_id
        match = ""
        if sk:
            shared: dict[int, int] = {}
            for key in bands:
                if key in hot:
                    continue
                for _, idx in buckets.get(key, ()):
                    shared[idx] = shared.get(idx, 0) + 1
            for idx in sorted(shared, key=lambda i: (-shared[i], i))[:MAX_CANDIDATES]:
                other_id, other_sk = kept[idx]
                if is_near_duplicate(sk, unpack(other_sk)):
                    cand = root[other_id]
                    if not match or cand < match:
                        match = cand
        root[article_id] = match or article_id
        if match:
            result[article_id] = match
        if sk:
            idx = len(kept)
            kept.append((article_id, packed))  # as given: packed bytes stay small
            _index(buckets, hot, bands, root[article_id], idx)
    return result


def _index(buckets: dict[int, list[tuple[str, int]]], hot: set[int], bands: Sequence[int], group: str, idx: int) -> None:
    """Add an article to its band buckets: a few per story; a bucket of too many stories turns hot."""
    for key in bands:
        if key in hot:
            continue
        entries = buckets.setdefault(key, [])
        same = sum(1 for g, _ in entries if g == group)
        if same >= PER_GROUP:
            continue
        if same == 0 and len({g for g, _ in entries}) >= BUCKET_GROUPS:
            hot.add(key)
            del buckets[key]
            continue
        entries.append((group, idx))


def duplicate_map(articles: Iterable[Article]) -> dict[str, str]:
    """Find duplicates among readable articles: article_id -> article_id of the original."""
    items = []
    for a in articles:
        if a.status == "ok" and a.sentences:
            fp = fingerprint(a)
            items.append((a.article_id, a.content_hash, fp.sketch, fp.bands))
    return find_duplicates(items)
