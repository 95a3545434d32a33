"""Tables that reached the text one cell a line (PDF and page conversion) are regrouped into rows and read."""

from __future__ import annotations

from pathlib import Path

from analysis import pipeline
from analysis.ingest.tables import restore_tables
from analysis.tabulate.tables import read_table

# A field report whose table was converted one cell a line, under a heading that says what the rows are.
REPORT = """ date 2021-08-13
FIELD REPORT W-15 · page 1/2

Staff logged the fall of districts in Badghis and Herat as follows.

Table 1. Districts lost in Badghis and Herat, as logged
District
Province
Date
Jawand
Badghis
3 Aug
Kushk-e-Kohna
Herat
6 Aug

Note: the clinic in Qala-e-Naw stayed open throughout.
"""


def test_cells_one_a_line_become_rows_of_the_header_width_with_every_offset_kept():
    text, n = restore_tables(REPORT)
    assert n == 1 and len(text) == len(REPORT)
    assert "District|Province|Date\nJawand|Badghis|3 Aug\nKushk-e-Kohna|Herat|6 Aug\n\n" in text
    assert text.replace("|", "\n") == REPORT  # only line breaks inside a row changed


def test_short_lines_that_are_no_table_are_left_alone():
    lines = "Kabul\nKandahar\nHerat\n\nDistrict\nProvince\nnotes of the day\nfollow below\n"  # no date column
    assert restore_tables(lines) == (lines, 0)
    no_dates = "District\nProvince\nDate\nJawand\nBadghis\nsoon\n"  # a date column without a digit in it
    assert restore_tables(no_dates) == (no_dates, 0)


def test_the_rows_of_a_flattened_table_are_events_with_offsets_into_the_text_as_read(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "report.txt").write_text(REPORT, encoding="utf-8")
    pipeline.parse_corpus(raw, tmp_path / "p", workers=1, progress=False)
    pipeline.tabulate_events(tmp_path / "p")
    articles = read_table(tmp_path / "p", "articles")
    assert "flattened table: 1 table(s)" in articles.loc[0, "warnings"]
    mentions = read_table(tmp_path / "p", "mentions").sort_values("place")
    assert mentions["event_type"].tolist() == ["district_seized", "district_seized"]
    assert mentions["place"].tolist() == ["Jawand", "Kushk-e-Kohna"]
    assert mentions["province"].tolist() == ["Badghis", "Herat"]
    assert mentions["date_low"].dt.strftime("%Y-%m-%d").tolist() == ["2021-08-03", "2021-08-06"]
    for m in mentions.itertuples():
        assert REPORT[m.char_start:m.char_end].replace("\n", "|") == m.sentence  # the row as written, one cell a line
