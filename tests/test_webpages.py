"""Saved news pages in the templates of several kinds of site: the article's text, title and date are read,
menus, cookie banners, related stories and comments are not; the own tag stripper takes over when needed."""

from __future__ import annotations


import pytest

from analysis import pipeline
from analysis.ingest import files as reading
from analysis.ingest import webpages
from analysis.ingest.webpages import read_page

STORY = [
    "Taliban fighters captured Zaranj, the capital of Nimroz province, on Friday afternoon, two local officials said.",
    "The city fell after a short exchange of fire near the governor's compound, according to a provincial council member.",
    "Residents said shops closed early and many families stayed indoors as armed men drove through the main bazaar.",
    "A spokesman for the Interior Ministry said reinforcements had been sent to the province but gave no details.",
]
NOISE = [
    "We use cookies to improve your experience",
    "Accept all cookies",
    "Subscribe to our morning newsletter",
    "Markets rally as oil prices climb",
    "Ten recipes for a summer picnic",
    "Great article, thanks for sharing",
    "This is fake news, nobody believes it",
    "Home World Business Sport Culture",
    "An embedded post quoting someone else",
]


def paragraphs(lines: list[str]) -> str:
    """The story as HTML paragraphs."""
    return "\n".join(f"<p>{line}</p>" for line in lines)


def wire_service_page() -> str:
    """A wire-service article page: top menu, cookie banner, article with byline, related stories, footer."""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Taliban take Zaranj, first provincial capital | Example Wire</title>
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2021-08-06T16:20:00Z">
<link rel="canonical" href="https://wire.example/world/zaranj-falls"></head><body>
<div id="cookie-banner" class="cookie-consent"><p>{NOISE[0]}. <button>{NOISE[1]}</button></p></div>
<header><nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article><h1>Taliban take Zaranj, first provincial capital</h1>
<p class="byline">By A. Reporter, Example Wire</p>
{paragraphs(STORY)}
</article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/m">{NOISE[3]}</a></li>
<li><a href="/r">{NOISE[4]}</a></li></ul></aside></main>
<footer><p>{NOISE[2]}</p><p>© 2021 Example Wire</p></footer></body></html>"""


def blog_page() -> str:
    """A CMS/blog layout: sidebar widgets, the post, then a comments section with a reply form."""
    return f"""<html><head><title>Zaranj falls to the Taliban - Frontier Notes</title>
<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "2021-08-07T08:00:00+04:30",
"headline": "Zaranj falls to the Taliban"}}</script></head><body>
<div class="site-header"><div class="menu">{NOISE[7]}</div></div>
<div class="container"><div class="sidebar widget-area"><h3>Popular</h3><ul><li>{NOISE[3]}</li><li>{NOISE[4]}</li></ul></div>
<div class="post"><h1 class="entry-title">Zaranj falls to the Taliban</h1>
<div class="entry-content">{paragraphs(STORY[:2])}
<blockquote class="twitter-tweet"><p>{NOISE[8]}</p>&mdash; someone (@someone)</blockquote>
{paragraphs(STORY[2:])}</div></div>
<div id="comments" class="comments-area"><h2>2 comments</h2>
<ol class="comment-list"><li class="comment"><p>{NOISE[5]}</p></li><li class="comment"><p>{NOISE[6]}</p></li></ol>
<div id="respond"><h3>Leave a reply</h3><form><textarea></textarea></form></div></div></div>
<div class="newsletter-signup"><p>{NOISE[2]}</p></div></body></html>"""


def regional_outlet_page() -> str:
    """A regional outlet without <article>: story body in a div, a 'most read' list and a GDPR dialog."""
    return f"""<html><head><title>Nimroz capital overrun | Valley Times</title>
<meta name="pubdate" content="2021-08-06"></head><body>
<div role="dialog" class="gdpr-modal"><p>{NOISE[0]}, see our privacy policy.</p><a>{NOISE[1]}</a></div>
<div class="topbar"><a>{NOISE[7]}</a></div>
<div id="story" class="story-body"><h1>Nimroz capital overrun</h1><time datetime="2021-08-06">6 August 2021</time>
{paragraphs(STORY)}</div>
<div class="most-read"><h4>Most read</h4><ol><li>{NOISE[3]}</li><li>{NOISE[4]}</li></ol></div>
<div class="comments"><p>{NOISE[5]}</p></div></body></html>"""


TEMPLATES = {
    "wire": (wire_service_page, "Taliban take Zaranj, first provincial capital", "2021-08-06"),
    "blog": (blog_page, "Zaranj falls to the Taliban", "2021-08-07"),
    "regional": (regional_outlet_page, "Nimroz capital overrun", "2021-08-06"),
}


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_main_text_title_and_date_come_from_the_page(kind):
    make, title, day = TEMPLATES[kind]
    page = read_page(make())
    assert page.method == "trafilatura"
    for sentence in STORY:
        assert sentence in page.text
    for noise in NOISE:
        assert noise not in page.text, noise
    assert title in page.meta["title"]
    assert page.meta["date"].startswith(day)


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_saved_page_gives_an_event_through_the_pipeline(tmp_path, kind):
    make, _, day = TEMPLATES[kind]
    (tmp_path / f"{kind}.html").write_text(make(), encoding="utf-8")
    src = reading.discover_files(tmp_path)[0]
    [result] = pipeline.process_source(src)
    article = result.article
    assert article.status == "ok" and article.fmt == "html"
    assert article.published is not None and article.published.isoformat() == day
    assert article.published_source == "header"
    assert {(m.event_type, m.place) for m in result.mentions} == {("capital_entered", "Zaranj")}
    assert not any("cookie" in s.text.lower() or "comment" in s.text.lower() for s in article.sentences)


def test_tag_stripper_takes_over_when_trafilatura_finds_nothing(monkeypatch, tmp_path):
    monkeypatch.setattr(webpages, "_trafilatura", lambda html: None)
    page = read_page(wire_service_page())
    assert page.method == "tag stripper"
    assert STORY[0] in page.text and NOISE[3] not in page.text  # the own stripper drops asides too
    assert page.meta["date"].startswith("2021-08-06")
    (tmp_path / "page.html").write_text(wire_service_page(), encoding="utf-8")
    [doc] = reading.read_source(reading.discover_files(tmp_path)[0])
    assert "main text read by the tag stripper (trafilatura found no article)" in doc.warnings


def test_tiny_or_broken_pages_never_raise():
    for html in ["<html><body><p>Short.</p></body></html>", "<html><body>" + "<div>" * 50_000 + "x",
                 "<html><head><title>only a title</title></head></html>", "<<<>>><p>\x00\x01</p>"]:
        page = read_page(html)
        assert isinstance(page.text, str)
    assert read_page("<html><body><p>Short.</p></body></html>").method == "tag stripper"


def header_dated_page(date_lines: str) -> str:
    """A page whose only date is printed in its header, between the headline and the story, in no meta tag."""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Zaranj falls | The Harbour Ledger</title>
</head><body><header><div class="logo">THE HARBOUR LEDGER</div><nav>{NOISE[7]}</nav></header>
<main><h1>Taliban take Zaranj, the first provincial capital to fall</h1>
<div class="article-info"><span class="author">STAFF WITH WIRES</span>{date_lines}</div>
{paragraphs(STORY)}
<p>The city had been quiet since the offensive began on 1 May 2021, residents said, and the governor had last visited
the border market of the province in the spring, when traders still crossed freely from the neighbouring country.</p>
</main><footer>{NOISE[2]}</footer></body></html>"""


@pytest.mark.parametrize(("date_lines", "expected"), [
    ('<span class="date">KABUL · AUG 06, 2021 - 5:34 PM GMT+4:30</span>', "2021-08-06"),
    ('<span class="update">Last Update: AUG 07, 2021 - 9:02 AM</span><span class="date">PUBLISHED AUG 6, 2021, 6:35 PM</span>',
     "2021-08-06"),
    ('<span class="author">Filed from Kabul</span>', ""),
])
def test_a_date_printed_in_the_page_header_dates_the_page(date_lines: str, expected: str) -> None:
    page = read_page(header_dated_page(date_lines))
    assert page.method == "trafilatura" and STORY[0] in page.text
    assert "GMT" not in page.text and "PUBLISHED" not in page.text  # the header line is no part of the story
    assert page.meta.get("date", "") == expected  # ("1 May 2021" in the story is not the page's date)


def aggregator_page() -> str:
    """An aggregator's page of cards, each a day line, a headline, a source line and the story, in no article tag."""
    cards = [("Aug 13", "Andaman Wire · 2 hours ago", STORY[0]), ("Aug 12", "Mekong Evening · 1 day ago", STORY[1]),
             ("Aug 12", "Andaman Wire · 1 day ago", STORY[2]), ("Aug 9", "Andaman Wire · 2 hours ago", STORY[3])]
    body = "\n".join(f'<div class="card"><div class="day">{day}</div><h2>Headline number {n}</h2>'
                     f'<p class="src">{src}</p><p>{text}</p></div>' for n, (day, src, text) in enumerate(cards))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Topic: Afghanistan | Feed</title></head><body>
<div class="top"><a href="/">Feed</a> {NOISE[7]}</div><h1>Topic: Afghanistan</h1>
<p class="note">Stories are collected automatically from the sources named on each card, and never edited here.</p>
{body}<footer>{NOISE[2]}</footer></body></html>"""


def test_day_lines_of_an_aggregator_go_back_before_their_cards() -> None:
    page = read_page(aggregator_page())
    lines = page.text.splitlines()
    if page.method == "trafilatura":  # (the tag stripper keeps every line as the page has it)
        assert [line for line in lines if line in ("Aug 13", "Aug 12", "Aug 9")] == ["Aug 13", "Aug 12", "Aug 12", "Aug 9"]
    for day, story in (("Aug 13", STORY[0]), ("Aug 12", STORY[1]), ("Aug 12", STORY[2]), ("Aug 9", STORY[3])):
        at = lines.index(story)
        assert [line for line in lines[:at] if line.startswith("Aug ")][-1] == day  # the nearest day line above it
    plain = webpages.with_day_lines("Menu\nA headline\nThe story.", "The story.")
    assert plain == "The story."  # no day line on the page: the main text as trafilatura gave it


def test_linked_card_headlines_go_back_above_their_summaries() -> None:
    headlines = ["Insurgents take Qala-e-Naw after a week of fighting", "Governor of Ghor leaves for Herat by road",
                 "Border guards report soldiers crossing at Islam Qala"]
    own = "Menu\nAug 13\n" + "\n".join(f"{head}\n{STORY[n]}\nAndaman Wire · {n + 1}h" for n, head in enumerate(headlines))
    main = "Aug 13\n" + "\n".join(f"{STORY[n]}\nAndaman Wire · {n + 1}h" for n in range(3))  # (as trafilatura keeps it)
    lines = webpages.with_card_headlines(own, main).splitlines()
    assert lines[0] == "Aug 13"  # the day line still above the first card
    for head, story in zip(headlines, STORY):
        assert lines[lines.index(story) - 1] == head + "."  # the headline right above its card's text, closed
    own = "Menu\n" + "\n".join(f"Read more: story {n}\n{STORY[n]}" for n in range(3))
    main = "\n".join(STORY[:3])
    assert webpages.with_card_headlines(own, main) == main  # labelled links between paragraphs are no headlines
    own = "Menu\nA headline of a related story here\n" + "\n".join(STORY[:6])
    assert webpages.with_card_headlines(own, "\n".join(STORY[:6])) == "\n".join(STORY[:6])  # one dropped line: no cards


def test_a_table_in_the_story_is_kept_as_rows_and_its_day_cells_are_not_repeated() -> None:
    table = "".join(f"<tr><td>{day}</td><td>{place}</td><td>{province}</td></tr>" for day, place, province in
                    (("24 Jul 2021", "Chimtal", "Balkh"), ("25 Jul 2021", "Sholgara", "Balkh")))
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Field update | Relief</title></head><body>
<nav>{NOISE[7]}</nav><main><h1>Field update No. 14</h1>{paragraphs(STORY[:2])}
<p>Districts that passed to Taliban control in our areas of operation since 21 July.</p>
<table><tr><th>Date</th><th>District</th><th>Province</th></tr>{table}</table>{paragraphs(STORY[2:])}</main>
<footer>{NOISE[2]}</footer></body></html>"""
    page = read_page(html)
    assert page.method == "trafilatura"
    rows = [line for line in page.text.splitlines() if "Chimtal" in line or "Sholgara" in line]
    assert [[cell.strip() for cell in row.strip(" |").split("|")] for row in rows] == [
        ["24 Jul 2021", "Chimtal", "Balkh"], ["25 Jul 2021", "Sholgara", "Balkh"]]
    assert page.text.splitlines().count("24 Jul 2021") == 0  # the day cell stays in its row, not again on its own


def _gallery(n: int) -> str:
    """A saved gallery page: a standfirst and `n` figures whose captions tell the events."""
    captions = [
        "Border police who left the Kohsan crossing on Thursday wait near the frontier. <span class=\"credit\">Photo: A. Writer / Agency</span>",
        "Government forces pulled out of Obe and Chisht-e-Sharif districts earlier this week, officials said. (Photo by B. Writer)",
        "Fuel tankers queue at Torghundi, a day after the crossing was seized. <span>Photo: Agency</span>",
        "Militiamen parade in Herat on Friday ahead of an expected assault on the city.",
    ][:n]
    figures = "".join(f"<figure><img src=\"p{k}.jpg\"><figcaption><span class=\"count\">{k + 1}/{n}</span> {c}</figcaption></figure>"
                      for k, c in enumerate(captions))
    return ("<html><head><title>The west in pictures</title><meta property=\"article:published_time\" content=\"2021-07-10\">"
            "</head><body><article><h1>The west in pictures</h1><p>Afghan border police and soldiers have fled as the insurgents "
            "take control of the main trade crossings with Iran and Turkmenistan, officials in Herat said on Saturday.</p>"
            f"{figures}</article></body></html>")


def test_a_gallery_keeps_its_captions_without_counts_or_credits() -> None:
    page = webpages.read_page(_gallery(4))
    assert "Government forces pulled out of Obe and Chisht-e-Sharif districts earlier this week, officials said." in page.text
    assert "Fuel tankers queue at Torghundi, a day after the crossing was seized." in page.text
    assert "Photo" not in page.text and "2/4" not in page.text


def test_one_or_two_captions_are_no_gallery() -> None:
    assert "Obe and Chisht-e-Sharif" not in webpages.read_page(_gallery(2)).text
