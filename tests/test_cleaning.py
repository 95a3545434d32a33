"""Tests for article cleaning: repair, header date, dateline, outlet, boilerplate and sentences."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.ingest.cleaning import (
    OUTLETS_CSV,
    candidate_lines,
    canonical_outlet,
    classify_lines,
    clean_document,
    find_outlet_names,
    known_outlet,
    line_key,
    month_days_in,
    outlet_from_domain,
    outlet_key,
    parse_date_value,
    repair_text,
    repeated_lines,
)
from analysis.paths import RAW_DIR
from analysis.ingest.files import RawDocument, SourceFile, read_source


def doc(text: str, **kw: str) -> RawDocument:
    return RawDocument(article_id="t", path="t.txt", text=text, fmt="text", encoding="utf-8", warnings=(), **kw)


def reasons(text: str) -> dict[str, str]:
    return {text[li.start : li.end]: li.reason or li.kind for li in classify_lines(text)}


LEAD = "Taliban fighters overran Dasht-e-Archi district in Kunduz province overnight, a police spokesman said."
SECOND = "Soldiers at the district centre withdrew toward Kunduz city after running out of ammunition."


# ------------------------------------------------------------------ header and publication date


def test_inline_header_date() -> None:
    article = clean_document(doc(f" date 2021-08-06 {LEAD}\n{SECOND}"))
    assert (article.published, article.published_precision, article.published_source) == (date(2021, 8, 6), "day", "header")
    assert article.sentences[0].text == LEAD
    assert article.text.startswith(" date 2021-08-06 ")
    assert article.n_boilerplate == 0


def test_month_header_on_its_own_line() -> None:
    article = clean_document(doc(f"date 2021-08\n{LEAD}"))
    assert (article.published, article.published_precision, article.published_source) == (date(2021, 8, 1), "month", "header")
    assert [s.text for s in article.sentences] == [LEAD]
    assert article.n_boilerplate == 0


def test_invalid_header_is_reported() -> None:
    article = clean_document(doc(f" date 2021-13-45 {LEAD}"))
    assert article.published is None
    assert "invalid header date '2021-13-45'" in article.warnings
    assert "no date found" in article.warnings
    assert article.sentences[0].text == LEAD


def test_date_from_caption_in_text() -> None:
    text = f"{LEAD}\nA damaged checkpoint near Kunduz on August 7, 2021. (Reuters)\nFighting began on July 30, 2021."
    article = clean_document(doc(text))
    assert (article.published, article.published_source) == (date(2021, 8, 7), "text")


def test_metadata_date_from_reader() -> None:
    article = clean_document(doc(LEAD, header_date="2021-08-12T09:30:00+04:30"))
    assert (article.published, article.published_precision, article.published_source) == (date(2021, 8, 12), "day", "header")


def test_published_line_near_the_top() -> None:
    article = clean_document(doc(f"Published On 14 Aug 2021\nUpdated: August 15, 2021\n{LEAD}"))
    assert (article.published, article.published_source) == (date(2021, 8, 14), "text")
    assert article.n_boilerplate == 2


def test_no_date_anywhere() -> None:
    article = clean_document(doc(f"{LEAD}\n{SECOND}"))
    assert (article.published, article.published_source, article.published_precision) == (None, "unknown", "")
    assert "no date found" in article.warnings
    assert article.status == "ok"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-07-10", (date(2021, 7, 10), "day")),
        ("2021-07", (date(2021, 7, 1), "month")),
        ("2021-07-10T22:15:00Z", (date(2021, 7, 10), "day")),
        ("July 10, 2021", (date(2021, 7, 10), "day")),
        ("not a date", None),
        ("2021-02-30", None),
    ],
)
def test_parse_date_value(value: str, expected: tuple[date, str] | None) -> None:
    assert parse_date_value(value) == expected


def test_full_dates_and_month_days_in_article() -> None:
    import analysis.ingest.cleaning as cleaning

    found = cleaning.find_full_dates_safe("Fighting on July 7, 2021 and on 8 August 2021 near 2021-08-09.")
    assert [d for d, _, _ in found] == [date(2021, 7, 7), date(2021, 8, 8), date(2021, 8, 9)]
    article = clean_document(doc(f"KUNDUZ, Aug 8 (Reuters) - {LEAD} It began on July 30."))
    assert month_days_in(article) == [(8, 8), (7, 30)]


# ------------------------------------------------------------------ datelines and outlets


@pytest.mark.parametrize(
    ("opening", "place", "outlet"),
    [
        ("KUNDUZ, Aug 8 (Reuters) - ", "KUNDUZ", "Reuters"),
        ("FAIZABAD, Afghanistan -- ", "FAIZABAD, Afghanistan", ""),
        ("ISLAMABAD (AP) — ", "ISLAMABAD", "AP"),
        ("Sheberghan, July 22 (AFP) – ", "Sheberghan", "AFP"),
        ("MAZAR-I-SHARIF, Afghanistan, Aug 14 (Reuters) - ", "MAZAR-I-SHARIF, Afghanistan", "Reuters"),
        ("DUSHANBE, July 5 (Xinhua) -- ", "DUSHANBE", "Xinhua"),
        ("WASHINGTON/KABUL (Reuters) - ", "WASHINGTON/KABUL", "Reuters"),
        ("KABUL: ", "KABUL", ""),
        ("Kabul, Afghanistan (CNN)", "Kabul, Afghanistan", "CNN"),
        ("Herat, Jul 9 (EFE).- ", "Herat", "EFE"),
        ("Herat (Afghanistan), Aug 12 (AFP) - ", "Herat (Afghanistan)", "AFP"),
        ("DUSHANBE, July 7. /TASS/. ", "DUSHANBE", "TASS"),
        ("Kandahar, 23 Saratan 1400 - ", "Kandahar", ""),
        ("MAZAR-I-SHARIF (Hindukush Times) 2 Saratan 1400: ", "MAZAR-I-SHARIF", "Hindukush Times"),
        ("HERAT (Pajhwok) 14 July 2021: ", "HERAT", "Pajhwok"),
        ("KABUL, 12 August 2021 - ", "KABUL", ""),
        ("KABUL, Monday, July 5 - ", "KABUL", ""),
    ],
)
def test_datelines(opening: str, place: str, outlet: str) -> None:
    article = clean_document(doc(f"{opening}{LEAD}\n{SECOND}"))
    assert (article.dateline, article.outlet) == (place, outlet)
    assert article.sentences[0].text == LEAD
    assert article.sentences[0].start == len(opening)


@pytest.mark.parametrize(
    "line",
    [
        "Kandahar — the birthplace of the movement — came under rocket fire on Friday.",
        "Taliban fighters - many of them teenagers - entered the bazaar in Maimana.",
        "BREAKING: Taliban fighters enter Pul-e-Khumri.",
        "U.S. - Afghan talks resumed in Doha on Monday.",
    ],
)
def test_not_datelines(line: str) -> None:
    article = clean_document(doc(line))
    assert article.dateline == ""
    assert article.sentences[0].text == line


def test_dateline_after_a_headline_and_byline() -> None:
    text = f"Taliban Overrun District In Northern Kunduz Province\nBy Maria Lopez\nKUNDUZ (AFP) - {LEAD}"
    article = clean_document(doc(text))
    assert (article.dateline, article.outlet) == ("KUNDUZ", "AFP")
    assert [s.text for s in article.sentences] == ["Taliban Overrun District In Northern Kunduz Province", LEAD]


def test_dateline_on_its_own_line() -> None:
    article = clean_document(doc(f"TALOQAN, Afghanistan (AP) —\n{LEAD}"))
    assert (article.dateline, article.outlet, article.n_boilerplate) == ("TALOQAN, Afghanistan", "AP", 0)
    assert [s.text for s in article.sentences] == [LEAD]
    assert classify_lines(article.text)[0].kind == "dateline"


@pytest.mark.parametrize(
    ("tail", "outlet"),
    [
        ("Source: Al Jazeera and news agencies", "Al Jazeera"),
        ("Source: TRT World and agencies", "TRT World"),
        ("SOURCE: Anadolu Agency", "Anadolu Agency"),
        ("Source: agencies", ""),
        ("Copyright 2021 The Associated Press. All rights reserved.", "AP"),
        ("© 2021 Example Wire", "Example Wire"),
        ("(Reporting by Hamid Karimi in Kabul; Editing by Jane Roe)", "Reuters"),
        ("With reporting by AP, AFP, and dpa", ""),
        ("Associated Press writer Ali Rahimi in Islamabad contributed to this report.", ""),
    ],
)
def test_outlet_from_credits(tail: str, outlet: str) -> None:
    article = clean_document(doc(f"{LEAD}\n{SECOND}\n{tail}"))
    assert article.outlet == outlet
    assert article.n_boilerplate == 1
    assert all(tail not in s.text for s in article.sentences)


def test_dateline_agency_beats_metadata_outlet() -> None:
    assert clean_document(doc(f"HERAT (Reuters) - {LEAD}", outlet="Example Daily")).outlet == "Reuters"
    assert clean_document(doc(LEAD, outlet="Example Daily")).outlet == "Example Daily"


# ------------------------------------------------------------------ outlets: the table and the clues


def test_outlet_table_has_no_conflicting_aliases() -> None:
    import csv

    owner: dict[str, str] = {}
    with open(OUTLETS_CSV, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for name in [row["outlet"], *[a for a in row["aliases"].split("|") if a]]:
                key = outlet_key(name)
                assert owner.setdefault(key, row["outlet"]) == row["outlet"], name


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Associated Press", "AP"),
        ("The Associated Press", "AP"),
        ("Agence France-Presse", "AFP"),
        ("Voice of America", "VOA"),
        ("Tolo News", "TOLOnews"),
        ("Pajhwok Afghan News", "Pajhwok"),
        ("Asia Plus", "Asia-Plus"),
        ("Islamic Republic News Agency", "IRNA"),
        ("The Express Tribune", "Express Tribune"),
        ("PressTV", "Press TV"),
        ("BBC News Services", "BBC"),
        ("www.khaama.com", "Khaama Press"),
        ("Example Valley Gazette", "Example Valley Gazette"),
        ("  ", ""),
    ],
)
def test_canonical_outlet(name: str, canonical: str) -> None:
    assert canonical_outlet(name) == canonical


def test_known_outlet_and_domains() -> None:
    assert (known_outlet("Dawn.com"), known_outlet("Example Valley Gazette"), known_outlet("dawn")) == ("Dawn", "", "Dawn")
    assert outlet_from_domain("https://www.tolonews.com/afghanistan-173400") == "TOLOnews"
    assert outlet_from_domain("https://en.irna.ir/news/8455") == "IRNA"
    assert outlet_from_domain("https://notdawn.com/x") == ""
    assert [n for n, _, _ in find_outlet_names("told the BBC, then Reuters; at dawn the AP-style guide")] == ["BBC", "Reuters"]


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        # datelines with the agency in brackets or in the country slot
        (f"Mashhad, IRNA -- {LEAD}", "IRNA"),
        (f"TEHRAN (Tasnim) – {LEAD}", "Tasnim"),
        (f"KUNDUZ (Pajhwok): {LEAD}", "Pajhwok"),
        # an outlet line next to the byline, a byline naming the paper, a section line
        (f"Kunduz district lost as troops withdraw overnight\nBy Sara Jamal & Ahmad Wali\nBBC News\n{LEAD}", "BBC"),
        (f"By Imran Qureshi, Dawn\n{LEAD}", "Dawn"),
        (f"By FARHAD NOORI and LENA MARSH Associated Press\n{LEAD}", "AP"),
        (f"By Dawn Hakimi and Omar Saleh\n{LEAD}", ""),
        (f"By Dawn Hakimi, Voice of America\n{LEAD}", "VOA"),
        (f"Asia-Plus | Politics | 12/08/2021 09:15\n{LEAD}", "Asia-Plus"),
        (f"{LEAD}\nTOLOnews reporter", "TOLOnews"),
        (f"{LEAD}\n{SECOND}\n— Khaama Press", "Khaama Press"),
        (f"{LEAD}\nVOA News", "VOA"),
        # closing credits
        (f"{LEAD}\nPublished in Dawn, August 3rd, 2021", "Dawn"),
        (f"{LEAD}\nThis article originally appeared on Example Valley Gazette.", "Example Valley Gazette"),
        (f"{LEAD}\n© 2021 BBC", "BBC"),
        (f"{LEAD}\nCopyright Dawn", "Dawn"),
        (f"{LEAD}\nFollow us on Telegram @PajhwokNewsEnglish", "Pajhwok"),
        # last resort: the story naming itself
        (f"{LEAD}\nA district official told Tolo News that the police had left.", "TOLOnews"),
        (f"{LEAD}\nAccording to Pajhwok's count, 40 districts have changed hands.", "Pajhwok"),
        (f"{LEAD}\nBased on Khaama data, the group holds the valley.", "Khaama Press"),
        # citing another outlet, or a contributor credit, does not name this article's outlet
        (f"{LEAD}\nAccording to Tasnim News Agency, the crossing was closed.", ""),
        (f"{LEAD}\n{SECOND}\nWith reporting by Reuters", ""),
    ],
)
def test_outlet_clues(text: str, outlet: str) -> None:
    assert clean_document(doc(text)).outlet == outlet


def test_outlet_clue_lines_are_not_sentences() -> None:
    text = f"By Sara Jamal\nVOA News\n{LEAD}\nPublished in Dawn, August 3rd, 2021\nTags: Kunduz, Taliban, Security"
    article = clean_document(doc(text))
    assert [s.text for s in article.sentences] == [LEAD]
    assert {li.reason for li in classify_lines(text)} >= {"outlet credit", "publication credit", "tags"}


def test_outlet_clues_rank() -> None:
    # the dateline agency beats the story naming another outlet and the metadata
    text = f"KABUL (AFP) - {LEAD}\nA commander told Tolo News that the base was empty."
    assert clean_document(doc(text, outlet="Example Daily")).outlet == "AFP"
    # metadata beats an outlet line; the URL's domain is used when nothing else is said
    assert clean_document(doc(f"{LEAD}\nBBC News", outlet="Voice of America")).outlet == "VOA"
    assert clean_document(doc(LEAD, url="https://www.dawn.com/news/1638000")).outlet == "Dawn"
    assert clean_document(doc(f"Dushanbe, Asia-Plus -- {LEAD}")).dateline == "Dushanbe"


def test_outlet_line_mid_story_is_a_photo_credit() -> None:
    body = [LEAD, SECOND, "Police said the road to the airport was closed.", "Elders met the governor on Monday.",
            "Shops stayed shut.", "A convoy of trucks waits at the crossing on Sunday.", "REUTERS",
            "Schools were closed.", "Traffic was light.", "Prices rose.", "Banks were shut."]
    article = clean_document(doc("\n".join(body)))
    assert article.outlet == ""
    assert "REUTERS" not in [s.text for s in article.sentences]


def test_dateline_with_two_cities() -> None:
    article = clean_document(doc(f"KABUL / DUSHANBE - {LEAD}"))
    assert (article.dateline, article.sentences[0].text) == ("KABUL / DUSHANBE", LEAD)


# ------------------------------------------------------------------ related-link blocks

RELATED_BODY = "Residents said the last soldiers left the district centre before dawn on Tuesday."


@pytest.mark.parametrize(
    "marker",
    ["Related news:", "RELATED STORIES", "More on this story", "Also read:", "Recommended", "Most read", "Latest",
     "READ MORE", "You may also like", "More from Central Asia"],
)
def test_related_link_block_dropped(marker: str) -> None:
    text = (
        f"{LEAD}\n{marker}\nTaliban seize Maimana after week of clashes\n"
        "Afghan soldiers cross into Turkmenistan, officials say\n"
        "What next for the northern highway?\n"
        f"{RELATED_BODY}"
    )
    article = clean_document(doc(text))
    assert [s.text for s in article.sentences] == [LEAD, RELATED_BODY]
    assert article.n_boilerplate == 4
    assert "related links" in {li.reason for li in classify_lines(text)}


def test_related_marker_before_a_paragraph_and_plain_lists_kept() -> None:
    # a marker with no headline after it removes nothing else
    article = clean_document(doc(f"{LEAD}\nLatest\n{RELATED_BODY}"))
    assert [s.text for s in article.sentences] == [LEAD, RELATED_BODY]
    # a bulleted summary under an ordinary heading stays: the bullets are news, not links
    bullets = "- Maimana, capital of Faryab province, fell on Friday\n- Aibak was handed over on Monday"
    article = clean_document(doc(f"{LEAD}\nWhat we know so far\n{bullets}"))
    assert [s.text for s in article.sentences][1:] == bullets.split("\n")


# ------------------------------------------------------------------ where the publication date came from


def test_published_source_header_metadata_and_text() -> None:
    assert clean_document(doc(f" date 2021-08-03\n{LEAD}")).published_source == "header"
    assert clean_document(doc(LEAD, header_date="2021-08-03")).published_source == "header"
    date_line = clean_document(doc(f"Tuesday, 3 August 2021\n{LEAD}"))
    assert (date_line.published, date_line.published_source) == (date(2021, 8, 3), "text")
    byline = clean_document(doc(f"Nadia Rahimi Published August 3, 2021 Updated 2 hours ago\n{LEAD}"))
    assert (byline.published, byline.published_source, [s.text for s in byline.sentences]) == (
        date(2021, 8, 3), "text", [LEAD])


# ------------------------------------------------------------------ boilerplate

PAGE = f"""Skip to main content
Share
Breaking News
By Farida Noori and James Holt
{LEAD}
Image source, Getty Images
Smoke rises over Dasht-e-Archi on August 5, 2021.
Smoke rises over Dasht-e-Archi on August 5, 2021. (AFP)
(Reuters)
Photo: AP
AFP via Getty Images
AP Photo/Rahmat Gul
Your browser doesn’t support HTML5
Video Duration 02 minutes 14 seconds
READ MORE: Who controls the northern highways?
WATCH: Inside the fight for Kunduz airport
Subscribe to our daily newsletter for the latest from Central Asia.
#Kunduz is under attack tonight. @DashtArchiGov says the district HQ is lost.
Pray for our people. pic.twitter.com/Qw3rTy7 — Dasht Archi Voice (@DashtArchiGov) August 5, 2021
Rebuilding the district
{SECOND}
Officials in Kabul said commandos would be flown to the province on Friday.
Residents said the bazaar had been closed for three days.
Local elders were trying to negotiate the return of captured policemen.
With reporting by Reuters and dpa
• 16x9 Image
Example Radio
Example Radio is one of the most trusted broadcasters in the region, reaching millions of listeners.
"""

EXPECTED_REASONS = {
    "Skip to main content": "navigation",
    "Share": "navigation",
    "Breaking News": "navigation",
    "By Farida Noori and James Holt": "byline",
    "Image source, Getty Images": "image credit",
    "Smoke rises over Dasht-e-Archi on August 5, 2021. (AFP)": "repeated caption",
    "(Reuters)": "parenthesised credit or note",
    "Photo: AP": "image credit",
    "AFP via Getty Images": "image credit",
    "AP Photo/Rahmat Gul": "image credit",
    "Your browser doesn’t support HTML5": "video player notice",
    "Video Duration 02 minutes 14 seconds": "video player notice",
    "READ MORE: Who controls the northern highways?": "link to another story",
    "WATCH: Inside the fight for Kunduz airport": "link to another story",
    "Subscribe to our daily newsletter for the latest from Central Asia.": "promotion",
    "#Kunduz is under attack tonight. @DashtArchiGov says the district HQ is lost.": "embedded post",
    "Pray for our people. pic.twitter.com/Qw3rTy7 — Dasht Archi Voice (@DashtArchiGov) August 5, 2021": "embedded post",
    "Rebuilding the district": "heading",
    "With reporting by Reuters and dpa": "reporting credit",
    "• 16x9 Image": "image marker",
    "Example Radio": "outlet promotion",
    "Example Radio is one of the most trusted broadcasters in the region, reaching millions of listeners.": "outlet promotion",
    LEAD: "content",
    SECOND: "content",
    "Smoke rises over Dasht-e-Archi on August 5, 2021.": "content",
}


def test_boilerplate_reasons() -> None:
    got = reasons(PAGE)
    for line, reason in EXPECTED_REASONS.items():
        assert got[line] == reason, line


def test_boilerplate_counted_and_not_sentences() -> None:
    article = clean_document(doc(PAGE))
    assert article.n_boilerplate == 21
    assert [s.text for s in article.sentences] == [
        LEAD,
        "Smoke rises over Dasht-e-Archi on August 5, 2021.",
        SECOND,
        "Officials in Kabul said commandos would be flown to the province on Friday.",
        "Residents said the bazaar had been closed for three days.",
        "Local elders were trying to negotiate the return of captured policemen.",
    ]
    assert article.outlet == "Example Radio"
    assert article.published == date(2021, 8, 5) and article.published_source == "text"


def test_credit_in_first_half_does_not_cut_the_article() -> None:
    text = f"Source: Example Wire\n{LEAD}\n{SECOND}\nOfficials said more troops were on the way."
    article = clean_document(doc(text))
    assert len(article.sentences) == 3
    assert article.outlet == "Example Wire"


def test_repeated_line_later_in_article() -> None:
    repeated = "The district has changed hands three times since June, residents said."
    article = clean_document(doc(f"{LEAD}\n{repeated}\n{SECOND}\n{repeated}"))
    assert [s.text for s in article.sentences] == [LEAD, repeated, SECOND]
    assert article.n_boilerplate == 1


def test_corpus_boilerplate() -> None:
    promo = "Listen to our Dari service every evening on FM 88.2"
    places = ["Khost", "Paktia", "Zabul", "Logar", "Wardak"]
    texts = [f"Fighting was reported in {p} on Monday.\n{promo}\nElders in {p} asked for a ceasefire." for p in places]
    keys = [candidate_lines(t) for t in texts]
    assert line_key(promo) in keys[0]
    common = repeated_lines(keys, min_articles=4)
    assert common == frozenset({line_key(promo)})
    article = clean_document(doc(texts[0]), corpus_boilerplate=common)
    assert article.n_boilerplate == 1
    assert all("FM" not in s.text for s in article.sentences)


def test_line_key_normalises() -> None:
    assert line_key("  • READ MORE: Taliban’s “offer” – 2021  ") == line_key("read more: taliban's \"offer\" - 1999")


def test_candidate_lines_skip_header_and_long_paragraphs() -> None:
    long_line = " ".join(["word"] * 40) + "."
    keys = candidate_lines(f" date 2021-07-01 Fast News\n{long_line}\nShare\nShare")
    assert keys == ["fast news", "share"]


# ------------------------------------------------------------------ repair


def test_mojibake_repaired() -> None:
    article = clean_document(doc("The governorâ€™s spokesman said Kunduzâ€™s airport was â€œsecureâ€\x9d."))
    assert article.text == "The governor’s spokesman said Kunduz’s airport was “secure”."
    assert "mojibake repaired" in article.warnings


def test_curly_quotes_untouched() -> None:
    text = "“We hold Taloqan,” the governor’s deputy said — café owners disagreed."
    assert repair_text(text) == (text, ())


def test_skipped_document_passes_through() -> None:
    raw = RawDocument("x", "x.png", "", "", "", ("w",), status="skipped: binary file (png)")
    article = clean_document(raw)
    assert (article.status, article.warnings, article.sentences, article.text) == ("skipped: binary file (png)", ("w",), (), "")


def test_only_boilerplate_gives_no_sentences() -> None:
    article = clean_document(doc("Share\nPrint\nREAD MORE: Something else"))
    assert article.sentences == ()
    assert "no sentences after cleaning" in article.warnings
    assert article.n_boilerplate == 3


def test_content_hash_ignores_boilerplate_and_headline_case() -> None:
    a = clean_document(doc(f"Share\n{LEAD}\n{SECOND}"))
    b = clean_document(doc(f"{LEAD}\n{SECOND}\nREAD MORE: Other story"))
    assert a.content_hash == b.content_hash and len(a.content_hash) == 40


def test_month_days_in() -> None:
    article = clean_document(doc(f"KUNDUZ, Aug 8 (Reuters) - {LEAD} Fighting began on July 30.\nShare"))
    assert month_days_in(article) == [(8, 8), (7, 30)]


# ------------------------------------------------------------------ seeds and speed


def _seed(name: str):
    path = RAW_DIR / name
    assert path.exists(), f"seed {name} missing from data/raw"
    (raw,) = read_source(SourceFile(str(path), name, article_id=path.stem))
    return clean_document(raw)


def test_seed_rfe() -> None:
    article = _seed("000_ce20bf968528e301.txt")
    assert article.dateline == "HERAT, Afghanistan"
    assert article.sentences[0].text.startswith("Fighting between the Taliban")
    assert not any("HTML5" in s.text or s.text.startswith("WATCH") for s in article.sentences)


def test_seed_header_and_credit() -> None:
    article = _seed("001_568990b876bf0f1d.txt")
    assert (article.published, article.published_source) == (date(2021, 7, 10), "header")
    assert article.sentences[0].text.startswith("Taliban fighters on Thursday")
    assert not any(s.text == "Photo: AP" for s in article.sentences)


def test_seed_caption_twice_and_source() -> None:
    article = _seed("002_514d3d444b6c8fb1.txt")
    assert (article.published, article.published_source, article.outlet) == (date(2021, 7, 7), "text", "TRT World")
    assert sum(1 for s in article.sentences if s.text.startswith("Afghan security personnel stand guard")) == 1
    assert not any(s.text in ("Iran talks", "US and NATO exit") for s in article.sentences)


def test_seed_navigation_and_promo() -> None:
    article = _seed("003_03fd354f3bc39da9.txt")
    assert article.published is None
    assert not any("16x9" in s.text or "Accessibility" in s.text or "most popular" in s.text for s in article.sentences)


def test_seed_tweet() -> None:
    article = _seed("004_f205b334fcaada9c.txt")
    assert (article.published, article.outlet) == (date(2021, 7, 7), "TRT World")
    assert not any("#ANA" in s.text or "pic.twitter" in s.text or s.text == "Fast News" for s in article.sentences)


def test_typical_article_is_fast() -> None:
    paragraph = (
        "Taliban fighters attacked checkpoints around {} on Aug. 3, officials said, "
        "and the U.S. carried out air strikes. “We are holding,” Gen. Sadat said of {}.\n"
    )
    places = ["Maimana", "Qaisar", "Almar", "Pashtun Kot", "Shirin Tagab", "Andkhoy"]
    body = "".join(paragraph.format(places[i % 6], i) for i in range(30))
    raw = doc(" date 2021-08-04 " + body)  # about 5 KB
    article = clean_document(raw)
    assert len(article.sentences) == 60


# ------------------------------------------------------------------ properties

LINES = st.sampled_from(
    [
        LEAD,
        SECOND,
        "Share",
        "READ MORE: x",
        " date 2021-07-10 ",
        "KABUL (AP) — ",
        "Photo: AP",
        "(AFP)",
        "pic.twitter.com/x — A (@b) July 6, 2021",
        "Source: X and agencies",
        "With reporting by Y",
        "",
        "Short heading",
        "Related news:",
        "Taliban seize Khash district",
        "Published in Dawn, July 27th, 2021",
        "BBC News",
        "Tehran, IRNA -- ",
        "Tags: a, b",
        "Asia-Plus | x | 1",
    ]
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(LINES, st.text(max_size=80)), max_size=12), st.sampled_from(["", "2021-07-01", "junk"]))
def test_clean_document_properties(lines: list[str], header_date: str) -> None:
    text = "\n".join(lines)
    article = clean_document(doc(text, header_date=header_date))
    assert article.status == "ok"
    assert article.n_boilerplate >= 0
    assert article.published_source in ("header", "text", "unknown")
    assert (article.published is None) == (article.published_source == "unknown")
    previous = 0
    for i, s in enumerate(article.sentences):
        assert s.index == i
        assert 0 <= s.start < s.end <= len(article.text)
        assert s.start >= previous
        assert article.text[s.start : s.end] == s.text == s.text.strip()
        previous = s.end
    for li in classify_lines(article.text):
        assert 0 <= li.start <= li.end <= len(article.text)
    month_days_in(article)


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=120))
def test_outlet_helpers_never_raise(text: str) -> None:
    assert isinstance(canonical_outlet(text), str)
    assert isinstance(known_outlet(text), str)
    assert isinstance(outlet_from_domain(text), str)
    for name, start, end in find_outlet_names(text):
        assert name and 0 <= start < end <= len(text)


@pytest.mark.parametrize(("opening", "day"), [
    ("MAZAR-I-SHARIF (Hindukush Times) 2 Saratan 1400: ", date(2021, 6, 23)),
    ("MAZAR-I-SHARIF (Hindukush Times) 23 June 2021: ", date(2021, 6, 23)),
])
def test_a_datelines_full_date_dates_an_undated_article_and_not_its_events(opening: str, day: date) -> None:
    text = opening + "Taliban fighters overran the Shortepa and Kaldar districts of Balkh province on Monday, officials said.\n"
    article = clean_document(doc(text))
    assert (article.published, article.published_source, article.dateline) == (day, "text", "MAZAR-I-SHARIF")
    assert article.sentences[0].text.startswith("Taliban fighters overran")
    from analysis.extract.events import extract_article
    seized = sorted((m.place, m.date_low, m.date_high) for m in extract_article(article).mentions)
    assert seized == [("Kaldar", date(2021, 6, 21), date(2021, 6, 21)), ("Shortepa", date(2021, 6, 21), date(2021, 6, 21))]


@pytest.mark.parametrize(("top", "day"), [
    ("24.06.2021 | 16:40   World   Views: 3 412", date(2021, 6, 24)),
    ("*Steppe News Agency · Nur-Sultan · 2021 year 29 June, Tuesday · translated automatically*", date(2021, 6, 29)),
    ("*Thursday, 8 of July of 2021 · Automatic translation from Spanish*", date(2021, 7, 8)),
    ("**Külföld** · 2021. június 28., hétfő · 9:05 · *Gépi fordítás magyarról*", date(2021, 6, 28)),
    ("Jumaat, 13 Ogos 2021  |  Oleh Mohd Faizal Harun", date(2021, 8, 13)),
    ("7. kolovoza 2021. u 15:48  ·  Autor: Ivana Jurić  ·  Foto: arhiva", date(2021, 8, 7)),
    ("Torsdag 22 juli 2021  ·  Publicerad 06.00  ·  Text: Johan Lindqvist", date(2021, 7, 22)),
    ("25. 6. 2021  11:20  |  Autor: Jitka Horáková", date(2021, 6, 25)),
])
def test_a_masthead_lines_date_among_other_items_dates_the_article(top: str, day: date) -> None:
    text = (f"DAILY STEPPE\nHome | World | Sport\n{top}\n\nTaliban fighters overran Shortepa district of Balkh on Monday, "
            "officials said. The withdrawal of foreign troops must be completed by 11 September 2021.\n")
    article = clean_document(doc(text))
    assert (article.published, article.published_source) == (day, "text")


@pytest.mark.parametrize(("top", "day"), [
    ("10 Julai 2021", date(2021, 7, 10)),
    ("Jumma'a, 16 ga Yuli, 2021", date(2021, 7, 16)),
    ("maandag 19 juli 2021, 07:32", date(2021, 7, 19)),
    ("12-Jul-2021 08:45 BST", date(2021, 7, 12)),
    ("sestdiena, 2021. gada 17. jūlijs, 10:45", date(2021, 7, 17)),
    ("**Välismaa** | pühapäev, 18. juuli 2021, 08:00 | *Masintõlge eesti keelest*", date(2021, 7, 18)),
])
def test_a_date_line_in_another_language_dates_the_article(top: str, day: date) -> None:
    text = (f"DAILY STEPPE\n{top}\n\nTaliban fighters overran Shortepa district of Balkh on Monday, officials said. "
            "The fall of Kunduz in 2015 is remembered.\n")
    article = clean_document(doc(text))
    assert (article.published, article.published_source) == (day, "text")


def test_a_post_stamp_below_the_first_paragraph_is_no_masthead() -> None:
    text = ("Saved thread\nSaved: 11 Aug 2021\n\n1/ Farah city has fallen. Fighters are in the governor's compound this "
            "morning, two provincial council members told me on the telephone.\n9:05 AM · Aug 10, 2021 · 312 Reposts\n")
    article = clean_document(doc(text))
    assert article.published == date(2021, 8, 11)


def test_a_mail_s_fyi_line_opens_a_sentence_not_a_dateline() -> None:
    text = ("From: Field Office <north@example.org>\nSent: Thursday, June 24, 2021 09:17\nSubject: FW: update\n\n"
            "Colleagues,\n\nForwarding the update from last night.\n"
            "FYI, Khamyab (Jowzjan) went yesterday too, per our Sheberghan office.\n")
    article = clean_document(RawDocument(article_id="m", path="m.txt", text=text, fmt="text", encoding="utf-8",
                                         warnings=()))
    kept = [article.text[s.start:s.end] for s in article.sentences]
    assert "FYI, Khamyab (Jowzjan) went yesterday too, per our Sheberghan office." in kept
    assert article.dateline == ""


def test_a_drop_cap_set_apart_rejoins_its_word() -> None:
    text = ("THE NORTHERN LEDGER\n\nG hazni's governor handed over the city on Thursday.\n\n"
            "A convoy left for Kabul at noon.\n\nI was there, the driver said.\n")
    article = clean_document(RawDocument(article_id="d", path="d.txt", text=text, fmt="text", encoding="utf-8",
                                         warnings=()))
    kept = [article.text[s.start:s.end] for s in article.sentences]
    assert "Ghazni's governor handed over the city on Thursday." in kept
    assert "A convoy left for Kabul at noon." in kept and "I was there, the driver said." in kept  # words of their own
    from analysis.ingest.normalise import OffsetMap

    i = article.text.index("Ghazni's")
    assert text[OffsetMap(article.offset_map).start(i):].startswith("G hazni's")  # offsets still map back
    assert text[OffsetMap(article.offset_map).start(i + 1):].startswith("hazni's")


def test_a_word_split_at_a_print_line_end_rejoins_but_a_suspended_hyphen_stays() -> None:
    text = ("THE Taliban said on Wed- nesday that their fighters had cap- tured Qala-e-Zal, and "  # (a page's paragraph
            "posted photographs of the pro- and anti-government crowds.\n")  # whose print lines became spaces)
    article = clean_document(RawDocument(article_id="h", path="h.txt", text=text, fmt="text", encoding="utf-8",
                                         warnings=()))
    assert "said on Wednesday that their fighters had captured Qala-e-Zal" in article.text
    assert "pro- and anti-government" in article.text
