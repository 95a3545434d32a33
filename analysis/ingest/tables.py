"""Flattened tables: a table that reached the text one cell a line, as PDF and web-page conversion leave it.

    District
    Province
    Date
    Ab Kamari
    Badghis
    3 Aug

Such a run of short lines opens on header cells naming a place column and a date column (three columns at least);
its cells are regrouped into rows of the header's width by turning the line breaks inside a row into cell bars
("Ab Kamari|Badghis|3 Aug"), a table row as the readers of tables already know it. Each bar takes the place of one
line break, so every offset into the text stays where it was.
"""

from __future__ import annotations

import re

# a header cell: what a column of places, dates or notes is called
_HEADER_CELL = re.compile(
    r"(?:districts?|district\s+cent(?:re|er)|provinces?|(?:provincial\s+)?capitals?|city|cities|towns?|"
    r"(?:border\s+)?crossings?|country|destination|date(?:\s+(?:of\s+fall|taken|lost|reported|captured))?|day|"
    r"fell\s+on|taken\s+on|status|notes?|remarks?|source|region)\s*:?", re.I)
_PLACE_HEADER = re.compile(r"(?:district|province|capital|city|cities|town|crossing)", re.I)
_DATE_HEADER = re.compile(r"(?:date|day|fell\s+on|taken\s+on)", re.I)
_CELL_MAX = 50  # longer lines are prose, not a cell
_MIN_COLUMNS, _MAX_COLUMNS = 3, 6  # (a row needs two bars to read as one)


def _is_cell(line: str) -> bool:
    """Whether a line can be one cell of a flattened table: short, not empty, no sentence in it."""
    s = line.strip()
    return 0 < len(s) <= _CELL_MAX and "|" not in s and not re.search(r"[.!?;]\s*$|\.\s+[A-Z]", s)


def restore_tables(text: str) -> tuple[str, int]:
    """The text with each table flattened one cell a line regrouped into rows (same length), and how many."""
    if text.count("\n") < 2 * _MIN_COLUMNS + 1:
        return text, 0
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    bars: list[int] = []  # positions of line breaks that become cell bars
    found = 0
    i = 0
    while i < len(lines):
        k = 0
        while i + k < len(lines) and k < _MAX_COLUMNS + 1 and _HEADER_CELL.fullmatch(lines[i + k].strip()):
            k += 1
        header = [c.strip().rstrip(":").strip() for c in lines[i:i + k]]
        if not (_MIN_COLUMNS <= k <= _MAX_COLUMNS and any(_PLACE_HEADER.match(c) for c in header)
                and any(_DATE_HEADER.match(c) for c in header)):
            i += 1
            continue
        n = 0
        while i + k + n < len(lines) and _is_cell(lines[i + k + n]):
            n += 1
        date_col = next(c for c, h in enumerate(header) if _DATE_HEADER.match(h))
        rows = [lines[i + k + r * k:i + k + (r + 1) * k] for r in range(n // k)]
        if not rows or not all(re.search(r"\d", row[date_col]) for row in rows):
            i += 1
            continue
        for r in range(len(rows) + 1):  # the header, then each row
            first = i + r * k
            bars += [starts[first + c] + len(lines[first + c]) for c in range(k - 1)]
        found += 1
        i += k + len(rows) * k
    if not found:
        return text, 0
    chars = list(text)
    for pos in bars:
        chars[pos] = "|"
    return "".join(chars), found
