"""Province tile grid: the shipped data, name matching, coordinate placement and what the map draws."""

from __future__ import annotations

import itertools
import re

import matplotlib.colors as mcolors
import pandas as pd
import pytest
from matplotlib.patches import FancyArrowPatch, Rectangle
from matplotlib.text import Text

from analysis.present import figures as fg
from analysis.present import tilemap as tm


def texts(fig) -> list[str]:
    """Every visible, non-empty text of a figure."""
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def by_gid(fig, prefix: str) -> list:
    """Artists whose gid starts with `prefix`."""
    return [a for a in fig.findobj() if str(a.get_gid() or "").startswith(prefix)]


def tile_patch(fig, abbrev: str) -> Rectangle:
    """The square drawn for a province."""
    (patch,) = by_gid(fig, f"tile-{abbrev}")
    return patch


def event(**fields: object) -> dict[str, object]:
    """An events row: by default Kunduz city entered and fallen on 8 Aug 2021."""
    row: dict[str, object] = dict(event_id="e", event_type="capital_entered", place="Kunduz", place_type="capital",
                                  province="Kunduz", destination="", date="2021-08-08", date_low="2021-08-08",
                                  date_high="2021-08-08", outcome="fell", status="reported",
                                  latitude=None, longitude=None, count_low=None, count_high=None, count_text="")
    row.update(fields)
    return row


# ----------------------------------------------------------------------------- the shipped grid


def test_grid_has_34_provinces_each_on_its_own_square():
    tiles = tm.load_tiles()
    assert len(tiles) == 34
    assert len({t.province for t in tiles}) == 34
    assert len({(t.row, t.col) for t in tiles}) == 34
    assert all(re.fullmatch(r"[A-Z]{3}", t.abbrev) for t in tiles)
    assert len({t.abbrev for t in tiles}) == 34
    assert {t.region for t in tiles} <= set(fg.REGIONS)
    frame = pd.read_csv(tm.TILES_CSV)
    assert list(frame.columns[:4]) == ["province", "row", "col", "abbrev"]


def test_grid_keeps_compass_order_between_distant_provinces():
    tiles = tm.load_tiles()
    for a, b in itertools.permutations(tiles, 2):  # compare provinces within a few degrees of each other
        if a.longitude - b.longitude > 1.5 and abs(a.latitude - b.latitude) < 3.0:
            assert a.col >= b.col, f"{a.province} is east of {b.province}"
        if a.latitude - b.latitude > 1.0 and abs(a.longitude - b.longitude) < 3.5:
            assert a.row <= b.row, f"{a.province} is north of {b.province}"
    named = {t.province: t for t in tiles}
    assert named["Badakhshan"].row == 0 and named["Badakhshan"].col == max(t.col for t in tiles)
    assert named["Herat"].col == 0 and named["Nimroz"].col == 0
    assert named["Nimroz"].row > named["Herat"].row


@pytest.mark.parametrize(("province", "place", "expected"), [
    ("Sar-i-Pul", "", "Sar-e-Pul"),
    ("Sari Pul province", "", "Sar-e-Pul"),
    ("Maidan Wardak", "", "Wardak"),
    ("PAKTIYA", "", "Paktia"),
    ("", "Qala-i-Naw", "Badghis"),
    ("", "Mazar-e-Sharif", "Balkh"),
    ("Daikundi", "", "Daykundi"),
    ("Nimruz", "", "Nimroz"),
])
def test_names_and_spellings_find_their_tile(province, place, expected):
    tile = tm.tile_for(province, place)
    assert tile is not None and tile.province == expected


def test_unknown_names_find_no_tile():
    assert tm.tile_for("Narnia") is None
    assert tm.tile_for("", "") is None
    assert tm.tile_for(None) is None


def test_capitals_project_near_their_own_tile():
    for tile in tm.load_tiles():
        x, y = tm.project(tile.latitude, tile.longitude)
        assert abs(x - tile.col) < 1.35 and abs(y + tile.row) < 1.35, tile.province


def test_destinations_sit_outside_the_grid_on_their_side():
    tiles = tm.load_tiles()
    top = max(-t.row for t in tiles)
    left = min(t.col for t in tiles)
    right = max(t.col for t in tiles)
    tajik = tm.destination_anchor("Tajikistan")
    iran = tm.destination_anchor("Iran")
    pakistan = tm.destination_anchor("Pakistan")
    assert tajik[1] > top
    assert iran[0] < left
    assert pakistan[0] > right or pakistan[1] < min(-t.row for t in tiles)
    assert tm.destination_anchor("Atlantis") is None


def test_crossing_is_placed_by_coordinates_beside_its_province():
    row = pd.Series(event(place="Torkham", place_type="border_crossing", province="Nangarhar",
                          latitude=34.11, longitude=71.09))
    x, y = tm.place_point(row)
    nangarhar = tm.tile_for("Nangarhar")
    assert x > nangarhar.col  # Torkham lies east of Jalalabad
    assert abs(x - nangarhar.col) <= 0.81 and abs(y + nangarhar.row) <= 0.81
    assert tm.place_point(pd.Series(event(place="Nowhere at all", latitude=None, longitude=None))) is None


# ----------------------------------------------------------------------------- the map


def test_empty_map_draws_grey_grid_and_says_so():
    fig = tm.province_map(None)
    assert fg.NO_EVENTS in texts(fig)
    assert len(by_gid(fig, "tile-")) == 34
    assert all(p.get_hatch() == "////" for p in by_gid(fig, "tile-"))


def test_map_colours_capitals_by_first_entry_and_outlines_outcomes():
    events = pd.DataFrame([
        event(event_id="1"),
        event(event_id="2", place="Kunduz", date="2021-06-21", date_low="2021-06-21", date_high="2021-06-21",
              outcome="repelled"),
        event(event_id="3", place="Zaranj", province="Nimroz", date="2021-08-06", date_low="2021-08-06",
              date_high="2021-08-06"),
        event(event_id="4", place="Herat", province="Herat", date="", date_low="", date_high="2021-07-30",
              outcome="repelled", status="disputed"),
        event(event_id="5", event_type="district_seized", place="Shindand", place_type="district",
              province="Herat", date="2021-07-20", date_low="2021-07-20", date_high="2021-07-20", outcome=""),
        event(event_id="6", event_type="district_seized", place="Kunar", place_type="province", province="Kunar",
              date="2021-07-22", date_low="2021-07-22", date_high="2021-07-22", outcome="", count_low=3,
              count_high=3, count_text="three districts"),
    ])
    fig = tm.province_map(events)
    kunduz, nimroz, herat = tile_patch(fig, "KDZ"), tile_patch(fig, "NIM"), tile_patch(fig, "HER")
    kunar, kabul = tile_patch(fig, "KNR"), tile_patch(fig, "KAB")
    fell = mcolors.to_rgba(fg.OUTCOME_COLORS["fell"])
    assert kunduz.get_edgecolor() == pytest.approx(fell) and nimroz.get_edgecolor() == pytest.approx(fell)
    assert herat.get_linestyle() == "--"
    assert herat.get_edgecolor() == pytest.approx(mcolors.to_rgba(fg.OUTCOME_COLORS["repelled"]))
    # earliest first entry (Kunduz, 21 Jun) is lightest on the sequential scale; Nimroz (6 Aug) darker
    assert sum(kunduz.get_facecolor()[:3]) > sum(nimroz.get_facecolor()[:3])
    assert kunar.get_facecolor() == pytest.approx(mcolors.to_rgba(tm.OTHER_EVENT_FILL))
    assert kabul.get_hatch() == "////" and not kunduz.get_hatch()
    shown = texts(fig)
    assert "in 21 Jun" in shown and "fell 8 Aug" in shown and "by 30 Jul" in shown
    assert "3" in shown and "1" in shown  # district badges: Kunar three, Herat one
    assert len([a for a in by_gid(fig, "seized-") if not str(a.get_gid()).startswith("seized-label")]) == 2
    assert any("first entry into the capital" in t for t in shown)
    assert fg.figure_title(fig) == "3 provincial capitals entered, 2 fell; districts seized in 2 provinces"


def test_flights_point_to_their_country_and_crossings_are_marked():
    events = pd.DataFrame([
        event(event_id="f1", event_type="troops_fled", place="Tajikistan", place_type="country",
              province="Badakhshan", destination="Tajikistan", outcome="", count_low=1200, count_high=None,
              count_text="more than 1,200"),
        event(event_id="f2", event_type="troops_fled", place="Tajikistan", place_type="country",
              province="Takhar", destination="Tajikistan", outcome="", count_low=90, count_high=90, count_text="90"),
        event(event_id="c1", event_type="district_seized", place="Torghundi", place_type="border_crossing",
              province="Herat", outcome="", latitude=35.25, longitude=62.29),
    ])
    fig = tm.province_map(events)
    arrows = by_gid(fig, "flight-")
    assert len(arrows) == 2 and all(isinstance(a, FancyArrowPatch) for a in arrows)
    assert "Tajikistan: ≥1,290 fled" in texts(fig)
    (crossing,) = by_gid(fig, "crossing-")
    assert "Torghundi" in texts(fig)
    herat = tm.tile_for("Herat")
    x, y = crossing.get_offsets()[0]
    assert y > -herat.row  # Torghundi is north of Herat city


def test_events_without_a_province_are_counted_in_the_subtitle():
    events = pd.DataFrame([event(), event(event_id="x", event_type="district_seized", place="Somewhere",
                                          place_type="district", province="", outcome="")])
    fig = tm.province_map(events)
    assert any("1 event without a known province not shown" in t for t in texts(fig))


def test_province_map_is_reexported_by_figures():
    fig = fg.province_map(pd.DataFrame([event()]))
    assert fg.figure_title(fig).startswith("1 provincial capital entered, 1 fell")
