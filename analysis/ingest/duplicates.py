"""Exact and near-duplicate detection of articles (wire copy republished under other names)."""

from __future__ import annotations

import hashlib
import heapq
import re
import unicodedata
from typing import Iterable

from analysis.records import Article

SHINGLE_WORDS = 5
SKETCH_SIZE = 64
NEAR_JACCARD = 0.5  # estimated resemblance at or above which two articles are copies
NEAR_CONTAINMENT = 0.85  # share of the shorter text found in the longer one (a trimmed copy) ...
CONTAINMENT_MIN_JACCARD = 0.25  # ... provided the two still resemble each other this much
_MAX_POSTINGS = 2000  # a sketch value shared by more articles than this is not used to find candidates

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_HASH_SPACE = float(2**64)


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


def sketch_text(text: str, k: int = SKETCH_SIZE) -> tuple[int, ...]:
    """Return the bottom-k hashes (ascending) of the word 5-shingles of a text."""
    words = _WORD.findall(normalize_for_hash(text))
    if not words:
        return ()
    if len(words) < SHINGLE_WORDS:
        shingles = {" ".join(words)}
    else:
        shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    return tuple(heapq.nsmallest(max(1, k), {_stable_hash(s) for s in shingles}))


def sketch(article: Article, k: int = SKETCH_SIZE) -> tuple[int, ...]:
    """Return the bottom-k shingle sketch of an article's kept sentences (or its text)."""
    kept = " ".join(s.text for s in article.sentences) if article.sentences else article.text
    return sketch_text(kept, k)


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
    sa, sb = set(a), set(b)
    union = heapq.nsmallest(k, sa | sb)
    both = sum(1 for h in union if h in sa and h in sb)
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
    j = resemblance(a, b)
    if j >= NEAR_JACCARD:
        return True
    return j >= CONTAINMENT_MIN_JACCARD and min(len(a), len(b)) >= 8 and containment(a, b) >= NEAR_CONTAINMENT


def find_duplicates(items: Iterable[tuple[str, str, tuple[int, ...]]]) -> dict[str, str]:
    """Map each duplicate article_id to its original (earliest id of its group); originals absent."""
    rows = sorted(items, key=lambda r: r[0])
    root: dict[str, str] = {}
    by_hash: dict[str, str] = {}
    postings: dict[int, list[int]] = {}
    kept: list[tuple[str, tuple[int, ...]]] = []
    result: dict[str, str] = {}
    for article_id, digest, sk in rows:
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
            for h in sk:
                for idx in postings.get(h, ()):
                    shared[idx] = shared.get(idx, 0) + 1
            for idx in sorted(shared, key=lambda i: (-shared[i], i)):
                other_id, other_sk = kept[idx]
                if shared[idx] < max(1, min(len(sk), len(other_sk)) // 8):
                    continue
                if is_near_duplicate(sk, other_sk):
                    cand = root[other_id]
                    if not match or cand < match:
                        match = cand
        root[article_id] = match or article_id
        if match:
            result[article_id] = match
        if sk:
            idx = len(kept)
            kept.append((article_id, sk))
            for h in sk:
                plist = postings.setdefault(h, [])
                if len(plist) < _MAX_POSTINGS:
                    plist.append(idx)
    return result


def duplicate_map(articles: Iterable[Article]) -> dict[str, str]:
    """Find duplicates among readable articles: article_id -> article_id of the original."""
    items = [(a.article_id, a.content_hash, sketch(a)) for a in articles if a.status == "ok" and a.sentences]
    return find_duplicates(items)
