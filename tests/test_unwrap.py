"""Hard-wrapped text (PDF extracts, plain-text mail): wrapped lines are joined, split words mended, offsets kept."""

from __future__ import annotations

from pathlib import Path

from analysis import pipeline
from analysis.ingest.normalise import normalise_text
from analysis.ingest.unwrap import wrap_breaks, wrap_width
from analysis.tabulate.tables import read_table

# A report cut into lines of about 66 characters, with two words split by a hyphen at a line end.
WRAPPED = """ date 2021-07-12
NORTH-WEST MONITOR -- FORTNIGHTLY NOTE 14

1. Faryab

The fortnight began quietly in the provincial capital, but the
ring road south of it was cut on the third day. Qaisar and Kohis-
tan, the two Faryab districts astride the road, fell to the Taliban
on 9 July after their police commanders negotiated a way out; the
elders told us that no shots were fired in either district centre
and that the handover took less than an hour. The soldiers of Al-
mar held out for another night, then abandoned their posts and
fled to Maimana across the hills on Saturday, the elders said.

2. Outlook

We expect pressure on the provincial capital to rise over the
coming weeks, although no attack on the city itself is reported.
"""

TICKER = "\n".join(f"09:{i:02d} AFGHAN FORCES REPORT HEAVY CLASHES IN THE NORTH OF THE COUNTRY — STATE TV" for i in range(12))
TABLE = "\n".join(f"| Jul {i} | Some district name here | Some province | government to Taliban, no fight |"
                  for i in range(1, 13))
PARAGRAPHS = "\n".join(
    f"Paragraph {i} of an ordinary story says something complete about the fighting in the north today."
    for i in range(12))


def test_a_hard_wrapped_report_is_read_as_paragraphs_with_split_words_mended():
    breaks = wrap_breaks(WRAPPED)
    assert wrap_width(WRAPPED) >= 60
    folded = normalise_text(WRAPPED, breaks).text
    assert "Qaisar and Kohistan, the two Faryab districts astride the road, fell to the Taliban on 9 July" in folded
    assert "The soldiers of Almar held out" in folded
    assert "1. Faryab\n\nThe fortnight" in folded  # headings and blank lines stay where they were
    assert "Outlook\n\nWe expect" in folded


def test_records_tickers_tables_and_one_line_paragraphs_are_not_unwrapped():
    for text in (TICKER, TABLE, PARAGRAPHS):
        assert wrap_width(text) == 0
        assert wrap_breaks(text).spaces == () and wrap_breaks(text).removed == ()


def test_headings_rules_and_column_tables_inside_a_wrapped_report_keep_their_lines():
    table = ("\n=================================================================\n"
             "CHANGES THIS FORTNIGHT IN THE PROVINCE AND ITS NEIGHBOURS NOTED\n"
             "=================================================================\n"
             "DATE     DISTRICT         PROVINCE    CHANGE                   GRADE\n"
             "9 Jul    Qaisar           Faryab      government to Taliban    B2\n"
             "9 Jul    Kohistan         Faryab      government to Taliban    B2\n")
    text = WRAPPED + table
    folded = normalise_text(text, wrap_breaks(text)).text
    assert table.strip("\n") in folded
    assert "Qaisar and Kohistan, the two Faryab districts" in folded


def test_a_capitalised_part_after_a_line_end_hyphen_keeps_the_hyphen():
    text = WRAPPED.replace("it was cut on the third day. Qaisar and Kohis-\ntan, the two",
                           "it was cut on the third day. Fighters near Sar-e-\nPul and two")
    assert text != WRAPPED
    assert "Sar-e-\nPul" in text
    folded = normalise_text(text, wrap_breaks(text)).text
    assert "Fighters near Sar-e-Pul and two" in folded


def test_events_of_a_wrapped_report_are_found_with_offsets_into_the_text_as_read(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "note.txt").write_text(WRAPPED, encoding="utf-8")
    pipeline.parse_corpus(raw, tmp_path / "p", workers=1, progress=False)
    pipeline.tabulate_events(tmp_path / "p")
    articles = read_table(tmp_path / "p", "articles")
    assert "hard-wrapped text: " in articles.loc[0, "warnings"]
    mentions = read_table(tmp_path / "p", "mentions")
    seized = mentions[mentions["event_type"] == "district_seized"].sort_values("place")
    assert seized["place"].tolist() == ["Kohistan", "Qaisar"]
    assert set(seized["date_low"].dt.strftime("%Y-%m-%d")) == {"2021-07-09"}
    assert set(seized["province"]) == {"Faryab"}
    fled = mentions[mentions["event_type"] == "troops_fled"]
    assert fled["place"].tolist() == ["Almar"]
    for m in seized.itertuples():
        as_read = WRAPPED[m.char_start:m.char_end]
        assert "Kohis-\ntan" in as_read  # the span covers the sentence as it was written, line breaks and all
        assert " ".join(m.sentence.split()) == m.sentence and "Kohistan" in m.sentence


def test_a_full_line_ending_on_a_colon_goes_on_into_the_next_line_of_its_paragraph():
    lines = [
        "The battle for Lashkar Gah, the capital of Helmand, has become the fiercest fight of the war so far.",
        "Fighters have been inside the city since Sunday and are battling the army for the governor's compound,",
        "police said, and the Taliban have seized the city's television station. The districts around it went:",
        "Nad Ali on Saturday, Nawa-e-Barakzai on Sunday. An army general urged residents to leave the city at",
        "once, before the air strikes began, and hundreds of families were seen on the road towards Kandahar.",
        "In Kandahar, rockets closed the airport on Saturday night, and in Herat the fighting in the west went",
        "on for a fifth day. The United Nations says more than a thousand civilians have been killed this month",
        "and that the hospitals of all three cities are full, with many of their doctors and nurses gone away.",
        "",
        "Further items follow:",
        "- Wildfires in the south of Turkey.",
    ]
    text = "\n".join(lines) + "\n"
    breaks = wrap_breaks(text)
    joined = normalise_text(text, breaks).text
    assert "went: Nad Ali on Saturday" in joined  # a full line's closing colon does not end the paragraph
    assert "Further items follow:\n- Wildfires" in joined  # a short line's colon, before an item, still does
