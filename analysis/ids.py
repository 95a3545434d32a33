"""Stable ids of mentions: from the article id and the character offset where each is read."""

from __future__ import annotations

from typing import Sequence


def mention_ids(article_id: str, offsets: Sequence[int]) -> list[str]:
    """Return one id per mention, "<article>-c<offset>", with ".2", ".3" for later mentions at the same offset."""
    seen: dict[int, int] = {}
    out = []
    for offset in offsets:
        seen[offset] = seen.get(offset, 0) + 1
        suffix = f".{seen[offset]}" if seen[offset] > 1 else ""
        out.append(f"{article_id}-c{offset:06d}{suffix}")
    return out
