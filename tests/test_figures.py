"""Timeline figures: what is drawn for empty, single, ranged, disputed and lower-bound events; determinism."""

from __future__ import annotations

import contextlib
import struct

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from analysis.present import figures as fg


# ----------------------------------------------------------------------------- helpers


def event(**fields: object) -> dict[str, object]:
    """One events.csv row with sensible defaults (a capital that fell on 12 Aug 2021)."""
    row: dict[str, object] = {
        "event_id": "ev-1", "event_type": "capital_entered", "place": "Ghazni", "place_type": "capital",
        "province": "Ghazni", "destination": "", "date": "2021-08-12", "date_low": "2021-08-12",
        "date_high": "2021-08-12", "count_low": None, "count_high": None, "count_text": "",
        "outcome": "fell", "status": "reported", "claimants": "afghan_government", "n_sources": 1,
        "article_ids": "a1", "evidence": "Ghazni city fell to the insurgents on Thursday, a provincial council member said.",
    }
    row.update(fields)
    return row


def frame(*rows: dict[str, object]) -> pd.DataFrame:
    """An events table from rows."""
    return pd.DataFrame(list(rows))


def tally(**fields: object) -> dict[str, object]:
    """One tallies.csv row (a national Taliban claim by default)."""
    row: dict[str, object] = {
        "article_id": "t1", "date": "2021-07-14", "claimant": "taliban", "scope": "national",
        "unit": "districts", "count_low": 230, "count_high": None, "count_text": "more than 230",
        "sentence": "A Taliban spokesman claimed the group now controls more than 230 districts.",
    }
    row.update(fields)
    return row


def texts(fig: Figure) -> list[str]:
    """Every visible, non-empty text in a figure (titles, labels, annotations, legends)."""
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def legend_texts(fig: Figure) -> list[str]:
    """The entries of every legend in a figure."""
    return [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]


def gids(fig: Figure, prefix: str) -> list[object]:
    """Artists of a figure whose gid starts with `prefix`."""
    return [a for a in fig.findobj() if str(a.get_gid() or "").startswith(prefix)]


def day(text: str) -> float:
    """Matplotlib date number of the start of a day."""
    return float(mdates.date2num(pd.Timestamp(text).to_pydatetime()))


def title(fig: Figure) -> str:
    """The headline of a figure."""
    return fg.figure_title(fig)


def step_end(fig: Figure, gid: str) -> float:
    """Last y value of the line with this gid."""
    (line,) = gids(fig, gid)
    return float(line.get_ydata()[-1])


BUILDERS = {
    "districts": lambda ev: fg.districts_timeline(ev, None),
    "capitals": fg.capitals_timeline,
    "troops": fg.troops_timeline,
    "map": fg.province_map,
}


# ----------------------------------------------------------------------------- empty input


@pytest.mark.parametrize("name", sorted(BUILDERS))
@pytest.mark.parametrize("events", [None, pd.DataFrame(), fg.coerce_table(None, "events")])
def test_empty_tables_say_no_events_of_this_type(name, events):
    fig = BUILDERS[name](events)
    assert isinstance(fig, Figure)
    assert fg.NO_EVENTS in texts(fig)
    assert title(fig)
    assert fg.figure_bytes(fig, "png", dpi=20).startswith(b"\x89PNG")


def test_events_of_another_type_do_not_fill_the_capitals_figure():
    flights = frame(event(event_type="troops_fled", place="Uzbekistan", place_type="country",
                          destination="Uzbekistan", province="Balkh", outcome=""))
    fig = fg.capitals_timeline(flights)
    assert fg.NO_EVENTS in texts(fig)
    assert "No Taliban entries into provincial capitals were found in these articles." in texts(fig)


def test_undated_events_are_counted_but_not_drawn():
    fig = fg.capitals_timeline(frame(event(date="", date_low="", date_high="")))
    assert fg.NO_EVENTS in texts(fig)
    assert "1 capital entry found, none with a date." in texts(fig)


# ----------------------------------------------------------------------------- capitals


def test_one_capital_entry_draws_one_mark_with_outcome_legend():
    fig = fg.capitals_timeline(frame(event()))
    (mark,) = gids(fig, "entry-")
    np.testing.assert_allclose(mark.get_offsets(), [[day("2021-08-12") + 0.5, 0.0]])
    np.testing.assert_allclose(mark.get_facecolor()[0][:3], np.array(
        [int(fg.OUTCOME_COLORS["fell"][i:i + 2], 16) / 255 for i in (1, 3, 5)]))
    legend = legend_texts(fig)
    for outcome in fg.OUTCOMES:
        assert fg.OUTCOME_LABELS[outcome] in legend
    assert title(fig) == "1 provincial capital entered, 1 fell (first: Ghazni, 12 Aug)"
    assert step_end(fig, "capitals-held") == 1.0
    assert any(t.startswith("Source:") for t in texts(fig))


def test_uncertain_day_is_drawn_as_a_bar_spanning_the_range():
    fig = fg.capitals_timeline(frame(event(place="Pul-e-Khumri", province="Baghlan", date="",
                                           date_low="2021-08-09", date_high="2021-08-11")))
    (bar,) = gids(fig, "range-")
    assert isinstance(bar, Rectangle)
    assert bar.get_x() == pytest.approx(day("2021-08-09"))
    assert bar.get_width() == pytest.approx(3.0)
    (mark,) = gids(fig, "entry-")
    assert mark.get_offsets()[0][0] == pytest.approx(day("2021-08-09") + 1.5)
    assert "Possible dates (day uncertain)" in legend_texts(fig)
    assert "fell 9–11 Aug" in texts(fig)


def test_open_range_gets_a_dotted_lead_in_up_to_the_latest_day():
    fig = fg.capitals_timeline(frame(event(place="Farah", province="Farah", date="", date_low="",
                                           date_high="2021-08-10", outcome="contested")))
    (lead,) = gids(fig, "open-")
    assert isinstance(lead, LineCollection)
    segment = lead.get_segments()[0]
    assert segment[-1][0] == pytest.approx(day("2021-08-10") + 0.5)
    assert segment[0][0] < segment[-1][0]
    assert "Reported by this day, start unknown" in legend_texts(fig)
    assert not gids(fig, "range-")


def test_disputed_entry_is_hollow_and_reported_entry_is_filled():
    fig = fg.capitals_timeline(frame(
        event(event_id="a", place="Maymana", province="Faryab", outcome="repelled", status="disputed",
              date="2021-08-02", date_low="2021-08-02", date_high="2021-08-02"),
        event(event_id="b", place="Kunduz", province="Kunduz", outcome="contested", date="2021-08-05",
              date_low="2021-08-05", date_high="2021-08-05"),
    ))
    hollow, filled = gids(fig, "entry-a")[0], gids(fig, "entry-b")[0]
    face = hollow.get_facecolor()
    assert len(face) == 0 or np.all(face[:, 3] == 0)
    assert filled.get_facecolor()[0][3] > 0
    edge = hollow.get_edgecolor()[0][:3]
    np.testing.assert_allclose(edge, [int(fg.OUTCOME_COLORS["repelled"][i:i + 2], 16) / 255 for i in (1, 3, 5)])
    assert "Disputed (claim denied)" in legend_texts(fig)
    assert title(fig).endswith("; 1 entry disputed")
    assert "repelled 2 Aug (disputed)" in texts(fig)


def test_lanes_are_ordered_by_first_entry_and_named_with_province():
    fig = fg.capitals_timeline(frame(
        event(event_id="k2", place="Kunduz", province="Kunduz", date="2021-08-08", date_low="2021-08-08", date_high="2021-08-08"),
        event(event_id="t", place="Tarinkot", province="Uruzgan", outcome="repelled", date="2021-08-03",
              date_low="2021-08-03", date_high="2021-08-03"),
        event(event_id="k1", place="Kunduz", province="Kunduz", outcome="repelled", date="2021-06-21",
              date_low="2021-06-21", date_high="2021-06-21"),
    ))
    lanes = fig.axes[0]
    assert [t.get_text() for t in lanes.get_yticklabels()] == ["Kunduz", "Tarinkot (Uruzgan)"]
    assert gids(fig, "entry-k2")[0].get_offsets()[0][1] == 0.0
    assert gids(fig, "entry-t")[0].get_offsets()[0][1] == 1.0
    assert title(fig) == "2 provincial capitals entered, 1 fell (first: Kunduz, 8 Aug)"


def test_capitals_held_counts_each_fallen_capital_once():
    fig = fg.capitals_timeline(frame(
        event(event_id="1", place="Sar-e-Pul", province="Sar-e-Pul", date="2021-08-08", date_low="2021-08-08", date_high="2021-08-08"),
        event(event_id="2", place="Sar-e-Pul", province="Sar-e-Pul", date="2021-08-09", date_low="2021-08-09", date_high="2021-08-09"),
        event(event_id="3", place="Aybak", province="Samangan", date="2021-08-09", date_low="2021-08-09", date_high="2021-08-09"),
        event(event_id="4", place="Gardez", province="Paktia", outcome="contested"),
    ))
    assert step_end(fig, "capitals-held") == 2.0
    assert "2 held " in texts(fig)


def test_unrecognised_outcome_is_drawn_as_unknown():
    fig = fg.capitals_timeline(frame(event(outcome="overrun?")))
    (mark,) = gids(fig, "entry-")
    np.testing.assert_allclose(mark.get_facecolor()[0][:3], [int(fg.OUTCOME_COLORS["unknown"][i:i + 2], 16) / 255 for i in (1, 3, 5)])
    assert title(fig) == "1 provincial capital entered, none reported fallen"


# ----------------------------------------------------------------------------- troops


def flight(**fields: object) -> dict[str, object]:
    """A troops_fled event (defaults: 85 soldiers to Uzbekistan on 15 Aug)."""
    base = dict(event_type="troops_fled", place="Uzbekistan", place_type="country", province="Balkh",
                destination="Uzbekistan", outcome="", date="2021-08-15", date_low="2021-08-15",
                date_high="2021-08-15", count_low=85, count_high=85, count_text="85")
    base.update(fields)
    return event(**base)


def test_lower_bound_is_marked_and_exact_count_is_not():
    fig = fg.troops_timeline(frame(
        flight(event_id="tj", place="Tajikistan", destination="Tajikistan", province="Badakhshan",
               count_low=1200, count_high=None, count_text="more than 1,200", date="2021-07-06",
               date_low="2021-07-06", date_high="2021-07-06"),
        flight(event_id="uz"),
    ))
    shown = texts(fig)
    assert "≥1,200" in shown
    assert "85" in shown and "≥85" not in shown
    assert len(gids(fig, "lower-tj")) == 1 and not gids(fig, "lower-uz")
    assert "≥ lower bound ('more than')" in legend_texts(fig)
    assert title(fig) == "At least 1,285 Afghan troops and officials reported fled in 2 flights, most to Tajikistan"


def test_marks_are_sized_by_count_and_coloured_by_destination():
    fig = fg.troops_timeline(frame(
        flight(event_id="big", place="Tajikistan", destination="Tajikistan", province="Kunduz",
               count_low=300, count_high=300, count_text="300"),
        flight(event_id="small"),
    ))
    big, small = gids(fig, "flight-big")[0], gids(fig, "flight-small")[0]
    assert big.get_sizes()[0] > small.get_sizes()[0]
    tj = [int(fg.DESTINATION_COLORS["Tajikistan"][i:i + 2], 16) / 255 for i in (1, 3, 5)]
    np.testing.assert_allclose(big.get_facecolor()[0][:3], tj)
    assert {"Tajikistan", "Uzbekistan"} <= set(legend_texts(fig))
    lanes = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert lanes == ["Tajikistan", "Uzbekistan"]


def test_cumulative_by_destination_adds_flights():
    fig = fg.troops_timeline(frame(
        flight(event_id="a", count_low=100, count_high=100, date="2021-08-14", date_low="2021-08-14", date_high="2021-08-14"),
        flight(event_id="b", count_low=50, count_high=50),
    ))
    assert step_end(fig, "cumulative-Uzbekistan") == 150.0
    assert "Uzbekistan 150 " in texts(fig)


def test_flight_without_number_or_destination_is_still_shown():
    fig = fg.troops_timeline(frame(flight(destination="", place="Islam Qala", place_type="border_crossing",
                                          count_low=None, count_high=None, count_text="")))
    assert "number not given" in texts(fig)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Not stated"]
    assert "No numbers of people were given" in texts(fig)
    assert title(fig) == "1 flight of Afghan troops reported"


def test_disputed_flight_is_hollow():
    fig = fg.troops_timeline(frame(flight(status="disputed")))
    face = gids(fig, "flight-")[0].get_facecolor()
    assert len(face) == 0 or np.all(face[:, 3] == 0)


# ----------------------------------------------------------------------------- districts


def seizure(**fields: object) -> dict[str, object]:
    """A district_seized event (defaults: Jaghori district of Ghazni, 3 Jul)."""
    base = dict(event_type="district_seized", place="Jaghori", place_type="district", province="Ghazni",
                outcome="", date="2021-07-03", date_low="2021-07-03", date_high="2021-07-03")
    base.update(fields)
    return event(**base)


def test_named_and_counted_seizures_stack_and_accumulate():
    fig = fg.districts_timeline(frame(
        seizure(event_id="n1"),
        seizure(event_id="c1", place="Faryab", place_type="province", province="Faryab", date="2021-07-05",
                date_low="2021-07-05", date_high="2021-07-05", count_low=4, count_high=4, count_text="four districts"),
    ), None)
    (named,) = gids(fig, "seized-n1")
    (counted,) = gids(fig, "seized-c1")
    assert named.get_height() == 1 and not named.get_hatch()
    assert counted.get_height() == 4 and counted.get_hatch() == "///"
    assert "4 in Faryab" in texts(fig)
    assert step_end(fig, "cumulative-districts") == 5.0
    assert title(fig) == "1 district named as seized and 4 more counted, 3–5 Jul 2021"
    legend = legend_texts(fig)
    assert "Southeast" in legend and "North" in legend
    assert "Counted: 'five districts in P'" in legend


def test_tallies_by_two_claimants_in_one_week_are_both_labelled():
    tallies = pd.DataFrame([
        tally(),
        tally(article_id="t2", date="2021-07-16", claimant="foreign_government", count_low=140,
              count_high=160, count_text="about 150",
              sentence="A Western diplomat put the figure at about 150 districts."),
        tally(article_id="t3", date="2021-07-16", claimant="taliban", scope="Kunduz", count_low=7,
              count_high=7, count_text="seven"),
    ])
    fig = fg.districts_timeline(frame(seizure()), tallies)
    legend = legend_texts(fig)
    assert "Taliban claim" in legend and "Foreign government estimate" in legend
    assert legend.count("Taliban claim") == 1
    shown = texts(fig)
    assert "Taliban: more than 230" in shown and "Foreign govt: about 150" in shown
    assert not any("seven" in t for t in shown)
    marks = gids(fig, "tally-")
    assert sorted(float(m.get_offsets()[0][1]) for m in marks) == [140.0, 230.0]
    assert len(gids(fig, "lower-bound-")) == 1
    assert title(fig).endswith("claimed national totals range from about 150 to more than 230")


def test_all_or_most_districts_without_number_gets_a_star_and_range():
    fig = fg.districts_timeline(frame(seizure(
        event_id="v", place="Badakhshan", place_type="province", province="Badakhshan", date="",
        date_low="2021-07-05", date_high="2021-07-10", count_text="most")), None)
    assert len(gids(fig, "vague-v")) == 1
    (rng,) = gids(fig, "range-v")
    segment = rng.get_segments()[0]
    assert segment[0][0] == pytest.approx(day("2021-07-05"))
    assert segment[-1][0] == pytest.approx(day("2021-07-11"))
    assert "most in Badakhshan" in texts(fig)
    assert "'All'/'most' districts (no number)" in legend_texts(fig)


def test_tallies_alone_still_draw_the_claims():
    fig = fg.districts_timeline(None, pd.DataFrame([tally()]))
    assert fg.NO_EVENTS in texts(fig)
    assert "Taliban: more than 230" in texts(fig)


# ----------------------------------------------------------------------------- files


def test_save_figure_is_byte_identical_and_atomic(tmp_path):
    tables = frame(event(), event(event_id="ev-2", place="Lashkar Gah", province="Helmand",
                                  outcome="contested", status="disputed", date="", date_low="2021-08-01",
                                  date_high="2021-08-03"))
    first = fg.save_figure(fg.capitals_timeline(tables), tmp_path / "a", "capitals")
    again = fg.save_figure(fg.capitals_timeline(tables), tmp_path / "b", "capitals")
    fig = fg.capitals_timeline(tables)
    twice = [fg.save_figure(fig, tmp_path / "c", "x"), fg.save_figure(fig, tmp_path / "d", "x")]
    for x, y in [(first, again), tuple(twice)]:
        assert x[0].read_bytes() == y[0].read_bytes()
        assert x[1].read_bytes() == y[1].read_bytes()
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["capitals.png", "capitals.svg"]
    png, svg = first
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png.read_bytes()[16:24])
    assert (width, height) == (1800, 1012)
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "<dc:date>" not in text and "Lashkar Gah" in text


def test_make_all_figures_writes_four_pairs(tmp_path):
    from analysis.tabulate.tables import make_tables

    written = fg.make_all_figures(make_tables(events=frame(event())), tmp_path)
    assert sorted(written) == sorted(fg.FIGURE_STEMS)
    for saved in written.values():
        assert saved.png.suffix == ".png" and saved.svg.suffix == ".svg" and saved.png.stat().st_size > 0
        assert saved.drawn and saved.title
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{stem}.{ext}" for stem in fg.FIGURE_STEMS for ext in ("json", "png", "svg"))


# ----------------------------------------------------------------------------- text helpers


def test_source_line_names_outlets_and_span_and_skips_unused_articles():
    articles = pd.DataFrame([
        dict(article_id="a1", published="2021-08-02", outlet="Reuters", status="ok"),
        dict(article_id="a2", published="2021-08-09", outlet="Pajhwok Afghan News", status="ok"),
        dict(article_id="a3", published="2021-08-20", outlet="Reuters", status="ok", duplicate_of="a1"),
        dict(article_id="a4", published="2021-09-01", outlet="Blog", status="skipped: empty file"),
    ])
    assert fg.source_line(articles) == (
        "Source: 2 articles from Pajhwok Afghan News and Reuters, published 2–9 Aug 2021; data: analysis pipeline")
    many = pd.DataFrame([dict(article_id=f"x{i}", published="2021-07-0{}".format(i + 1), outlet=o, status="ok")
                         for i, o in enumerate(["AP", "AFP", "Tolo", "Ariana", "Khaama", "Dawn"])])
    assert fg.source_line(many) == (
        "Source: 6 articles from AFP, AP, Ariana, Dawn and 2 others, published 1–6 Jul 2021; data: analysis pipeline")
    assert fg.source_line(None, frame(event())) == (
        "Source: news articles, events dated 12 Aug 2021; data: analysis pipeline")


@pytest.mark.parametrize(("low", "high", "expected"), [
    (1000, None, "≥1,000"), (5, 5, "5"), (24, 99, "24–99"), (None, None, ""), (None, 40, "≤40"),
])
def test_fmt_count(low, high, expected):
    assert fg.fmt_count(low, high) == expected


@pytest.mark.parametrize(("low", "high", "expected"), [
    ("2021-08-06", "2021-08-06", "6 Aug 2021"), ("2021-08-06", "2021-08-08", "6–8 Aug 2021"),
    ("2021-07-30", "2021-08-02", "30 Jul–2 Aug 2021"), (None, "2021-08-02", "by 2 Aug 2021"),
    ("2020-12-30", "2021-01-02", "30 Dec 2020–2 Jan 2021"), (None, None, ""),
])
def test_fmt_span(low, high, expected):
    assert fg.fmt_span(low, high) == expected


# ----------------------------------------------------------------------------- robustness

TYPES = ["district_seized", "capital_entered", "troops_fled", "rumour", ""]
DATES = ["2021-07-01", "2021-08-15", "2021-08", "", "2021-13-45", "yesterday", "2021-06-30T10:00:00"]
rows = st.fixed_dictionaries({
    "event_id": st.text(min_size=0, max_size=6),
    "event_type": st.sampled_from(TYPES),
    "place": st.sampled_from(["Ghazni", "Islam Qala", "Tajikistan", "", "<b>x</b>", "Zaranj"]),
    "place_type": st.sampled_from(["province", "capital", "district", "border_crossing", "country", ""]),
    "province": st.sampled_from(["Ghazni", "Herat", "Nimroz", "", "Narnia", "sar-i-pul"]),
    "destination": st.sampled_from(["Tajikistan", "Iran", "", "Atlantis"]),
    "date": st.sampled_from(DATES), "date_low": st.sampled_from(DATES), "date_high": st.sampled_from(DATES),
    "count_low": st.one_of(st.none(), st.integers(-5, 5000)),
    "count_high": st.one_of(st.none(), st.integers(-5, 5000)),
    "outcome": st.sampled_from(["fell", "repelled", "contested", "unknown", "", "odd"]),
    "status": st.sampled_from(["reported", "disputed", ""]),
    "latitude": st.one_of(st.none(), st.floats(-90, 90)),
    "longitude": st.one_of(st.none(), st.floats(-180, 180)),
})


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(rows, min_size=0, max_size=6))
def test_arbitrary_tables_never_raise(records):
    events = pd.DataFrame(records)
    tallies = pd.DataFrame([tally(count_low=r["count_low"], date=r["date"]) for r in records[:2]])
    for fig in (fg.districts_timeline(events, tallies), fg.capitals_timeline(events),
                fg.troops_timeline(events), fg.province_map(events)):
        assert title(fig)  # building a figure also lays it out (draws it) once


# ----------------------------------------------------------------------------- dense corpus: readable labels

from analysis.present import labels as placement  # noqa: E402
from synthetic import dense_tables  # noqa: E402


@pytest.fixture(scope="module")
def dense_figures():
    """Every figure drawn for the dense synthetic corpus (34 capitals, 150 districts, 40 flights)."""
    tables = dense_tables()
    return tables, fg.build_figures(tables)


@pytest.mark.parametrize("stem", fg.FIGURE_STEMS)
def test_dense_figure_texts_never_overlap_or_leave_the_figure(dense_figures, stem):
    _, figs = dense_figures
    fig = figs[stem]
    pairs, outside = placement.collisions(fig)
    assert pairs == [] and outside == []
    boxes = placement.text_boxes(fig)
    assert len(boxes) > 40  # the check saw the labels, not an empty figure


@pytest.mark.parametrize("stem", ["districts_seized", "capitals_entered", "troops_fled"])
def test_dense_time_axes_cover_the_reporting_window_not_the_stray_date(dense_figures, stem):
    tables, figs = dense_figures
    ax = figs[stem].axes[-1]
    lo, hi = (mdates.num2date(v).replace(tzinfo=None) for v in ax.get_xlim())
    published = tables.articles["published"]
    assert lo <= published.min() and hi >= published.max() + pd.Timedelta(days=1)
    assert (published.min() - lo).days <= 10 and (hi - published.max()).days <= 10
    assert lo.year == 2021  # the 2001 background date does not stretch the axis


def test_dense_stray_date_is_listed_under_the_figure_not_drawn(dense_figures):
    tables, figs = dense_figures
    far = fg.outside_by_figure(tables)
    assert list(far["districts_seized"]["event_id"]) == [tables.events["event_id"].iloc[-1]]
    assert far["capitals_entered"].empty and far["troops_fled"].empty
    footer = figs["districts_seized"]._supxlabel.get_text()
    assert "Not drawn: 1 event dated outside" in footer and "Khanabad (11 Nov 2001)" in footer


@pytest.mark.parametrize("stem", fg.FIGURE_STEMS)
def test_dense_legends_stay_off_the_data(dense_figures, stem):
    _, figs = dense_figures
    fig = figs[stem]
    renderer = placement._renderer(fig)
    legends = [(ax, ax.get_legend()) for ax in fig.axes if ax.get_legend() is not None]
    assert legends
    for ax, legend in legends:
        box = legend.get_window_extent(renderer)
        data = ax.get_window_extent(renderer)
        assert box.x0 >= data.x1 - 1 or box.y1 <= data.y0 + 1 or box.y0 >= data.y1 - 1


def test_hidden_labels_are_counted_in_the_footer(dense_figures):
    _, figs = dense_figures
    for fig in figs.values():
        hidden = [a for a in fig.findobj(lambda a: hasattr(a, placement.PLACEABLE)) if not a.get_visible()]
        footer = fig._supxlabel.get_text()
        if hidden:
            assert f"{len(hidden)} label{'s' if len(hidden) > 1 else ''} left out for lack of room" in footer
        else:
            assert "left out" not in footer


def test_deferred_autoscale_gives_the_limits_of_autoscaling_after_every_artist():
    from analysis.present.style import _new_figure, deferred_autoscale

    def draw(defer: bool) -> list[tuple[float, float]]:
        fig, (top, bottom) = _new_figure(2, [1, 1])
        with deferred_autoscale(top) if defer else contextlib.nullcontext():
            for i in range(30):
                top.scatter([i * 1.5], [i % 7], s=40)
                top.bar([i + 0.5], [i % 5 + 1], bottom=[i % 3])
        bottom.scatter([2.0], [4.0])
        fig.draw_without_rendering()
        return [top.get_xlim(), top.get_ylim(), bottom.get_xlim(), bottom.get_ylim()]

    assert draw(defer=True) == draw(defer=False)


# ----------------------------------------------------------------------------- large corpora (grouped marks)


def many(kind: str, n: int) -> pd.DataFrame:
    """n events of one type spread over 40 days: districts of two provinces, capitals, or flights to two countries."""
    rows = []
    for i in range(n):
        on = (pd.Timestamp("2021-07-01") + pd.Timedelta(days=i % 40)).strftime("%Y-%m-%d")
        if kind == "district_seized":
            north = i % 3 == 0
            rows.append(seizure(event_id=f"d{i}", place=f"District {i}", province="Kunduz" if north else "Ghazni",
                                date=on, date_low=on, date_high=on))
        elif kind == "capital_entered":
            rows.append(event(event_id=f"c{i}", place=("Ghazni", "Kunduz", "Herat")[i % 3],
                              province=("Ghazni", "Kunduz", "Herat")[i % 3], date=on, date_low=on, date_high=on,
                              outcome=("fell", "repelled")[i % 2], status="disputed" if i % 10 == 0 else "reported"))
        else:
            rows.append(event(event_id=f"f{i}", event_type="troops_fled", place="", place_type="",
                              province="", destination=("Tajikistan", "Iran")[i % 2], outcome="", date=on,
                              date_low=on, date_high=on, count_low=10 + i % 7, count_high=10 + i % 7,
                              count_text=str(10 + i % 7)))
    return frame(*rows)


def test_a_large_corpus_draws_daily_totals_by_region_not_one_bar_per_district():
    n = fg.DENSE_FROM + 100
    ev = many("district_seized", n)
    fig = fg.districts_timeline(ev, None)
    bars = [a for a in gids(fig, "seized-") if isinstance(a, Rectangle)]
    assert len(bars) <= 40 * 2  # one bar per day and region, never one per district
    assert sum(b.get_height() for b in bars) == pytest.approx(n)
    north = sum(b.get_height() for b in bars if b.get_gid() == "seized-named-Northeast")
    assert north == pytest.approx(len(range(0, n, 3)))
    assert step_end(fig, "cumulative-districts") == pytest.approx(n)
    assert any(f"{n:,} seizures drawn as daily totals by region" in t for t in texts(fig))


def test_a_small_corpus_keeps_one_bar_per_district():
    fig = fg.districts_timeline(many("district_seized", 30), None)
    assert len([a for a in gids(fig, "seized-d") if isinstance(a, Rectangle)]) == 30


def test_many_claimed_totals_keep_each_claimants_highest_claim_per_day():
    rows = [tally(article_id=f"t{i}", date=f"2021-07-{1 + i % 20:02d}", count_low=100 + i, count_high=100 + i,
                  count_text=str(100 + i)) for i in range(fg.TALLIES_DENSE_FROM + 20)]
    fig = fg.districts_timeline(frame(seizure()), pd.DataFrame(rows))
    (marks,) = gids(fig, "tally-taliban")
    values = sorted(float(y) for _, y in marks.get_offsets())
    assert len(values) == 20  # one per day
    assert values[-1] == 100 + fg.TALLIES_DENSE_FROM + 19
    assert f"Taliban: {100 + fg.TALLIES_DENSE_FROM + 19}" in texts(fig)


def test_many_capital_entries_are_grouped_by_outcome_with_every_entry_drawn():
    n = fg.DENSE_FROM + 10
    fig = fg.capitals_timeline(many("capital_entered", n))
    groups = gids(fig, "entry-all-")
    assert sum(len(g.get_offsets()) for g in groups) == n
    hollow = [g for g in groups if str(g.get_gid()).endswith("-disputed")]
    assert sum(len(g.get_offsets()) for g in hollow) == len(range(0, n, 10))
    assert not gids(fig, "entry-c")  # no per-event marks


def test_many_flights_are_grouped_by_destination_and_not_labelled_one_by_one():
    n = fg.DENSE_FROM + 10
    fig = fg.troops_timeline(many("troops_fled", n))
    groups = gids(fig, "flight-all-")
    assert {str(g.get_gid()) for g in groups} == {"flight-all-Tajikistan-reported", "flight-all-Iran-reported"}
    assert sum(len(g.get_offsets()) for g in groups) == n
    assert not fig.axes[0].texts  # no number written beside a mark
    assert fg.troops_timeline(many("troops_fled", 12)).axes[0].texts  # as a small figure does
    assert any("too many to label" in t for t in texts(fig))
