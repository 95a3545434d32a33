"""Tile-grid map of Afghanistan's 34 provinces: capitals entered or fallen, seizures, flights."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch, Rectangle
from matplotlib.ticker import FixedLocator, FuncFormatter

from analysis.present import style as fg
from analysis.tabulate.tables import coerce_table
from analysis.paths import PACKAGE_DATA
from analysis.records import EVENT_TYPES

TILES_CSV = PACKAGE_DATA / "province_tiles.csv"
TILE_SIZE = 0.9
AFGHAN_CENTRE: tuple[float, float] = (34.0, 66.0)  # latitude, longitude
# Where each neighbour is reached from Afghanistan (a town across the main border crossing):
# a country's centroid or capital can lie in a misleading direction (Tashkent is north-east).
BORDER_ANCHORS: dict[str, tuple[float, float]] = {
    "tajikistan": (37.91, 69.78),  # Kulob, across from Takhar and Badakhshan
    "uzbekistan": (37.22, 67.28),  # Termez, across from Hairatan (Balkh)
    "turkmenistan": (36.20, 62.70),  # north of Torghundi and Faryab
    "iran": (34.74, 60.78),  # Taybad, across from Islam Qala
    "pakistan": (32.30, 70.60),  # the frontier east and south-east of Paktika and Khost
    "china": (37.00, 74.80),  # beyond the Wakhan corridor
}
NO_EVENT_FILL = "#f1f1f1"
OTHER_EVENT_FILL = "#fbf1dc"
DATE_CMAP = "Purples"


@dataclass(frozen=True)
class Tile:
    """One province's square on the tile grid, with its capital's coordinates."""

    province: str
    row: int
    col: int
    abbrev: str
    region: str
    capital: str
    latitude: float
    longitude: float
    aliases: tuple[str, ...] = ()

    @property
    def xy(self) -> tuple[float, float]:
        """Centre of the tile in map coordinates (x = column, y = minus row)."""
        return float(self.col), -float(self.row)


def province_key(name: Any) -> str:
    """Normalize a province or city name for matching (case, accents, '-e-'/'-i-', 'province')."""
    if name is None or (isinstance(name, float) and math.isnan(name)):
        return ""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"\b(province|provincial|city|capital|wilayat|velayat)\b", " ", text)
    tokens = [t for t in re.split(r"[^a-z0-9]+", text) if t and t not in {"e", "i", "y", "ye", "the"}]
    return "".join(tokens)


@lru_cache(maxsize=1)
def load_tiles() -> tuple[Tile, ...]:
    """Read the 34-province tile grid shipped with the package."""
    frame = pd.read_csv(TILES_CSV, dtype=str, keep_default_na=False)
    tiles = []
    for rec in frame.to_dict("records"):
        tiles.append(Tile(
            province=rec["province"], row=int(rec["row"]), col=int(rec["col"]), abbrev=rec["abbrev"],
            region=rec["region"], capital=rec["capital"], latitude=float(rec["latitude"]),
            longitude=float(rec["longitude"]),
            aliases=tuple(a.strip() for a in rec.get("aliases", "").split(";") if a.strip()),
        ))
    return tuple(tiles)


@lru_cache(maxsize=1)
def _province_index() -> dict[str, Tile]:
    """Map normalized province names and aliases to tiles."""
    index: dict[str, Tile] = {}
    for tile in load_tiles():
        for name in (tile.province, tile.abbrev, *tile.aliases):
            index.setdefault(province_key(name), tile)
    return index


@lru_cache(maxsize=1)
def _capital_index() -> dict[str, Tile]:
    """Map normalized capital-city names to tiles."""
    return {province_key(t.capital): t for t in load_tiles()}


def tile_for(province: Any, place: Any = "") -> Tile | None:
    """Find the tile of a province name, else of the province whose capital is `place`."""
    key = province_key(province)
    if key and key in _province_index():
        return _province_index()[key]
    pkey = province_key(place)
    if pkey:
        return _province_index().get(pkey) or _capital_index().get(pkey)
    return None


def region_lookup() -> dict[str, str]:
    """Map normalized province names (and aliases) to their region."""
    return {key: tile.region for key, tile in _province_index().items()}


@lru_cache(maxsize=1)
def _affine() -> np.ndarray:
    """Least-squares affine map from (longitude, latitude, 1) to tile (x, y)."""
    tiles = load_tiles()
    a = np.array([[t.longitude, t.latitude, 1.0] for t in tiles])
    b = np.array([t.xy for t in tiles])
    coef, *_ = np.linalg.lstsq(a, b, rcond=None)
    return coef


def project(latitude: float, longitude: float) -> tuple[float, float]:
    """Place a coordinate on the tile grid (x = column, y = minus row) by the affine fit."""
    x, y = np.array([longitude, latitude, 1.0]) @ _affine()
    return float(x), float(y)


def _grid_box(margin: float) -> tuple[float, float, float, float]:
    """Bounding box (xmin, xmax, ymin, ymax) of tile centres grown by `margin`."""
    tiles = load_tiles()
    xs = [t.xy[0] for t in tiles]
    ys = [t.xy[1] for t in tiles]
    return min(xs) - margin, max(xs) + margin, min(ys) - margin, max(ys) + margin


def _clip_ray(start: tuple[float, float], end: tuple[float, float], box: tuple[float, float, float, float]) -> tuple[float, float]:
    """Return where the segment start->end leaves `box` (or `end` when it stays inside)."""
    xmin, xmax, ymin, ymax = box
    (x0, y0), (x1, y1) = start, end
    if xmin <= x1 <= xmax and ymin <= y1 <= ymax:
        return x1, y1
    t = 1.0
    dx, dy = x1 - x0, y1 - y0
    for d, lo, hi, p in ((dx, xmin, xmax, x0), (dy, ymin, ymax, y0)):
        if d > 0:
            t = min(t, (hi - p) / d)
        elif d < 0:
            t = min(t, (lo - p) / d)
    t = max(t, 0.0)
    return x0 + t * dx, y0 + t * dy


def _gazetteer_coords(name: str) -> tuple[float, float] | None:
    """Look a place's coordinates up in the gazetteer, if that module is available."""
    if not name:
        return None
    try:
        from analysis.extract.gazetteer import load_gazetteer  # written alongside; optional here

        for place in load_gazetteer().lookup(name):
            if place.latitude is not None and place.longitude is not None:
                lat, lon = float(place.latitude), float(place.longitude)
                if not (math.isnan(lat) or math.isnan(lon)):
                    return lat, lon
    except Exception:  # noqa: BLE001 - the map must draw even if the gazetteer is missing or broken
        return None
    return None


def _on_ring(direction: tuple[float, float]) -> tuple[float, float]:
    """Point where a ray from the grid's centre in `direction` meets a frame around the grid."""
    xmin, xmax, ymin, ymax = _grid_box(0.0)
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    box = (xmin - 1.3, xmax + 1.3, ymin - 0.85, ymax + 0.9)
    dx, dy = direction
    if dx == 0 and dy == 0:
        dy = 1.0
    far = (cx + dx * 100.0, cy + dy * 100.0)
    return _clip_ray((cx, cy), far, box)


def destination_anchor(country: str, latitude: float | None = None,
                       longitude: float | None = None) -> tuple[float, float] | None:
    """Place a destination country on a ring around the grid, in its direction from Afghanistan."""
    key = province_key(country)
    coords = BORDER_ANCHORS.get(key) or _gazetteer_coords(country)
    if coords is None and latitude is not None and longitude is not None:
        if not (math.isnan(latitude) or math.isnan(longitude)):
            coords = (latitude, longitude)
    if coords is None:
        return None
    cx, cy = project(*AFGHAN_CENTRE)
    tx, ty = project(*coords)
    return _on_ring((tx - cx, ty - cy))


def place_point(row: pd.Series) -> tuple[float, float] | None:
    """Grid position of an event's place by its coordinates, relative to its province's tile."""
    lat, lon = row.get("latitude"), row.get("longitude")
    if lat is not None and lon is not None and not (pd.isna(lat) or pd.isna(lon)):
        coords: tuple[float, float] | None = (float(lat), float(lon))
    else:
        coords = _gazetteer_coords(str(row.get("place", "")))
    if coords is None:
        return None
    x, y = project(*coords)
    tile = tile_for(row.get("province", ""))
    if tile is None:
        return _clip_ray(project(*AFGHAN_CENTRE), (x, y), _grid_box(0.75))
    cx, cy = project(tile.latitude, tile.longitude)
    dx, dy = x - cx, y - cy
    length = math.hypot(dx, dy)
    if length > 0.8:
        dx, dy = dx * 0.8 / length, dy * 0.8 / length
    return tile.xy[0] + dx, tile.xy[1] + dy


def _tile_edge(centre: tuple[float, float], toward: tuple[float, float]) -> tuple[float, float]:
    """Point on a tile's border on the way from its centre toward another point."""
    dx, dy = toward[0] - centre[0], toward[1] - centre[1]
    half = TILE_SIZE / 2
    scale = min(half / abs(dx) if dx else math.inf, half / abs(dy) if dy else math.inf)
    if not math.isfinite(scale):
        return centre
    return centre[0] + dx * scale, centre[1] + dy * scale


def _label_box(x: float, y: float, n_chars: int) -> tuple[float, float, float, float]:
    """Approximate box (x0, x1, y0, y1) of a one-line destination label centred at x, y."""
    half_w = 0.045 * n_chars + 0.12
    return x - half_w, x + half_w, y - 0.19, y + 0.19


def _destination_spots(flights: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Place each destination's label on the frame around the grid, nudging overlaps apart."""
    spots: dict[str, tuple[float, float]] = {}
    boxes: list[tuple[float, float, float, float]] = []
    xmin, xmax, _, _ = _grid_box(0.0)
    for dest in sorted({str(d).strip() for d in flights["destination"] if str(d).strip()}):
        anchor = destination_anchor(dest)
        if anchor is None:
            continue
        n_chars = len(dest) + 12
        x, y = anchor
        side = x < xmin - 0.5 or x > xmax + 0.5
        for _ in range(40):
            box = _label_box(x, y, n_chars)
            clash = next((b for b in boxes if box[0] < b[1] and b[0] < box[1] and box[2] < b[3] and b[2] < box[3]), None)
            if clash is None:
                break
            if side:
                y = clash[2] - 0.2 if y <= (clash[2] + clash[3]) / 2 else clash[3] + 0.2
            elif x < (clash[0] + clash[1]) / 2:
                x = clash[0] - (box[1] - box[0]) / 2 - 0.05
            else:
                x = clash[1] + (box[1] - box[0]) / 2 + 0.05
        spots[dest] = (x, y)
        boxes.append(_label_box(x, y, n_chars))
    return spots


def _text_color(rgba: tuple[float, float, float, float]) -> str:
    """Black or white, whichever reads better on a fill colour."""
    r, g, b = rgba[:3]
    return "#111111" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5 else "#ffffff"


def _draw_grid(ax: Axes, fills: dict[str, Any], edges: dict[str, dict[str, Any]],
               labels: dict[str, list[str]], hatched: set[str]) -> None:
    """Draw every province tile with its fill, outline, hatch and text."""
    half = TILE_SIZE / 2
    for tile in load_tiles():
        x, y = tile.xy
        fill = fills.get(tile.province, NO_EVENT_FILL)
        edge = edges.get(tile.province, {"edgecolor": "white", "linewidth": 1.0, "linestyle": "-"})
        patch = Rectangle((x - half, y - half), TILE_SIZE, TILE_SIZE, facecolor=fill, zorder=2,
                          hatch="////" if tile.province in hatched else None,
                          gid=f"tile-{tile.abbrev}", **edge)
        if tile.province in hatched and hasattr(patch, "set_hatchcolor"):
            patch.set_hatchcolor("#d4d4d4")
        ax.add_patch(patch)
        rgba = mcolors.to_rgba(fill)
        color = _text_color(rgba)
        lines = labels.get(tile.province, [])
        ax.text(x, y + (0.22 if lines else 0.0), tile.province, ha="center", va="center",
                fontsize=9.6 if len(tile.province) <= 7 else (9.0 if len(tile.province) <= 8 else 8.2), fontweight="bold", color=color, zorder=5)
        for i, line in enumerate(lines[:2]):
            ax.text(x, y - 0.04 - 0.2 * i, line, ha="center", va="center", fontsize=9.2, color=color, zorder=5)


def province_map(events: pd.DataFrame | None, *, source: str = fg.DEFAULT_SOURCE) -> Figure:
    """Map the 34 provinces as tiles coloured by first capital entry, with seizures and flights."""
    ev = fg.clean_counts(fg.shown(coerce_table(events, "events")))
    ev = ev[ev["event_type"].str.strip().str.lower().isin(EVENT_TYPES)].copy()
    ev["event_type"] = ev["event_type"].str.strip().str.lower()
    ev["_day"] = fg.event_day(ev)
    ev = ev.sort_values(["event_type", "_day", "place", "event_id"], kind="mergesort", na_position="last")
    ev["_tile"] = [
        (tile_for(p, q if t != "troops_fled" else "").province if tile_for(p, q if t != "troops_fled" else "") else "")
        for p, q, t in zip(ev["province"], ev["place"], ev["event_type"])
    ]
    with fg.styled():
        fig = Figure(figsize=fg.FIGSIZE, dpi=100, layout="constrained")
        fig.get_layout_engine().set(w_pad=0.08, h_pad=0.08)
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_xlim(-2.0, 8.0)
        ax.set_ylim(-6.25, 1.3)
        if ev.empty:
            _draw_grid(ax, {}, {}, {}, hatched={t.province for t in load_tiles()})
            ax.text(3.0, -2.5, fg.NO_EVENTS, ha="center", va="center", fontsize=20, fontweight="bold",
                    color=fg.MUTED, zorder=8, gid="no-events",
                    bbox={"boxstyle": "round,pad=0.6", "facecolor": "white", "edgecolor": "#cccccc"})
            ax.text(3.0, -3.35, "No districts seized, capitals entered or troops fled in these tables.",
                    ha="center", va="center", fontsize=12.5, color=fg.MUTED, zorder=8,
                    bbox={"boxstyle": "round,pad=0.4", "facecolor": "white", "edgecolor": "#cccccc"})
            return fg.finish_figure(fig, "Province map: no events to show", source)

        caps = ev[(ev["event_type"] == "capital_entered") & (ev["_tile"] != "")].copy()
        caps["_first"] = caps["date_low"].fillna(caps["_day"])
        caps["outcome"] = caps["outcome"].str.strip().str.lower()
        first_entry = caps.dropna(subset=["_first"]).groupby("_tile")["_first"].min()
        fell = caps[(caps["outcome"] == "fell") & caps["_day"].notna()].groupby("_tile")["_day"].min()
        entered_undated = sorted(set(caps["_tile"]) - set(first_entry.index))

        cmap = colormaps[DATE_CMAP]
        cmap = mcolors.ListedColormap(cmap(np.linspace(0.18, 0.92, 256)), name="entry_dates")
        if len(first_entry):
            lo, hi = fg.day_number(first_entry.min()), fg.day_number(first_entry.max()) + 1.0
            if hi - lo < 7:
                mid = (lo + hi) / 2
                lo, hi = mid - 3.5, mid + 3.5
        else:
            lo, hi = 0.0, 1.0
        norm = mcolors.Normalize(vmin=lo, vmax=hi)

        fills: dict[str, Any] = {}
        edges: dict[str, dict[str, Any]] = {}
        labels: dict[str, list[str]] = {}
        provinces_with_events = set(ev["_tile"]) - {""}
        for prov in provinces_with_events:
            fills[prov] = OTHER_EVENT_FILL
        for prov, day in first_entry.items():
            fills[prov] = cmap(norm(fg.day_number(day) + 0.5))
            labels[prov] = [_entry_label(caps[caps["_tile"] == prov])]
        for prov in entered_undated:
            fills[prov] = "#bdbdbd"
            labels[prov] = ["entered"]
        for prov in sorted(set(caps["_tile"])):
            sub = caps[caps["_tile"] == prov]
            disputed = bool((sub["status"].str.lower() == "disputed").any())
            if prov in fell.index:
                labels[prov].append(f"fell {fg.fmt_day(fell[prov], year=False)}")
                edges[prov] = {"edgecolor": fg.OUTCOME_COLORS["fell"], "linewidth": 3.2,
                               "linestyle": "--" if disputed and (sub["outcome"] == "fell").all() else "-"}
            else:
                last = sub.sort_values("_day", kind="mergesort", na_position="first").iloc[-1]["outcome"]
                last = last if last in fg.OUTCOMES else "unknown"
                if last != "unknown":
                    labels[prov].append(last)
                edges[prov] = {"edgecolor": fg.OUTCOME_COLORS[last], "linewidth": 2.2,
                               "linestyle": "--" if disputed else "-"}
        hatched = {t.province for t in load_tiles()} - provinces_with_events
        _draw_grid(ax, fills, edges, labels, hatched)

        # district seizure badges
        dist = ev[(ev["event_type"] == "district_seized") & (ev["_tile"] != "")]
        by_tile: dict[str, tuple[int, bool]] = {}
        vague_words: dict[str, str] = {}
        for _, row in dist.iterrows():
            n, vague = by_tile.get(row["_tile"], (0, False))
            if str(row["place_type"]).lower() == "province":
                value = row["count_low"] if not pd.isna(row["count_low"]) else row["count_high"]
                if pd.isna(value):
                    vague = True
                    word = (str(row["count_text"]).strip().lower().split() or ["all"])[0][:4]
                    if vague_words.get(row["_tile"]) != "all":
                        vague_words[row["_tile"]] = word
                else:
                    n += int(value)
            else:
                n += 1
            by_tile[row["_tile"]] = (n, vague)
        tiles = {t.province: t for t in load_tiles()}
        badge_color = fg.EVENT_TYPE_COLORS["district_seized"]
        for prov in sorted(by_tile):
            n, vague = by_tile[prov]
            x, y = tiles[prov].xy
            text = f"{n}+" if vague and n else (vague_words.get(prov, "all") if vague else str(n))
            bx, by = x + TILE_SIZE / 2 - 0.02, y + TILE_SIZE / 2 + 0.01
            size = {1: 330.0, 2: 380.0, 3: 520.0}.get(len(text), 700.0)
            ax.scatter([bx], [by], s=size, marker="o", color=badge_color,
                       edgecolors="white", linewidths=1.2, zorder=6, gid=f"seized-{tiles[prov].abbrev}")
            ax.text(bx, by, text, ha="center", va="center",
                    fontsize=8.5 if len(text) < 3 else (7.5 if len(text) == 3 else 6.8),
                    color="white", fontweight="bold", zorder=7, gid=f"seized-label-{tiles[prov].abbrev}")

        # border crossings by coordinates
        crossing_rows = ev[ev["place_type"].str.lower() == "border_crossing"]
        n_crossings = 0
        for _, row in crossing_rows.iterrows():
            point = place_point(row)
            if point is None:
                continue
            n_crossings += 1
            ax.scatter([point[0]], [point[1]], marker="^", s=110, color="#111111", edgecolors="white",
                       linewidths=0.8, zorder=7, gid=f"crossing-{fg.svg_id(row['event_id'])}")
            home = tile_for(row["province"])
            dx, dy = (point[0] - home.xy[0], point[1] - home.xy[1]) if home else (0.0, -1.0)
            if abs(dx) > abs(dy):
                offset, ha, va = ((8, 0), "left", "center") if dx > 0 else ((-8, 0), "right", "center")
            else:
                offset, ha, va = ((0, 9), "center", "bottom") if dy > 0 else ((0, -9), "center", "top")
            ax.annotate(row["place"], xy=point, xytext=offset, textcoords="offset points", ha=ha, va=va,
                        fontsize=8.5, color="#111111", zorder=7,
                        bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "alpha": 0.75,
                              "edgecolor": "none"})

        # flights to destination countries
        flights = ev[ev["event_type"] == "troops_fled"]
        spots = _destination_spots(flights)
        dest_totals: dict[str, tuple[float, bool, tuple[float, float]]] = {}
        arrows = 0
        drawn: set[str] = set()
        for _, row in flights.iterrows():
            dest = str(row["destination"]).strip()
            if not dest:
                continue
            anchor = spots.get(dest)
            if anchor is None:
                continue
            start_tile = tile_for(row["province"])
            if start_tile is not None:
                start = _tile_edge(start_tile.xy, anchor)
            else:
                point = place_point(row)
                if point is None:
                    continue
                start = point
            value = row["count_low"] if not pd.isna(row["count_low"]) else row["count_high"]
            n = 0.0 if pd.isna(value) else float(value)
            lower = not pd.isna(row["count_low"]) and pd.isna(row["count_high"])
            total, any_lower, _ = dest_totals.get(dest, (0.0, False, anchor))
            dest_totals[dest] = (total + n, any_lower or lower, anchor)
            color = fg.color_for(dest, fg.DESTINATION_COLORS)
            width = 1.5 + 2.5 * min(1.0, math.sqrt(n / 1000.0)) if n else 1.5
            ax.add_patch(FancyArrowPatch(start, anchor, arrowstyle="-|>", mutation_scale=16,
                                         color=color, linewidth=width, alpha=0.85, zorder=6,
                                         shrinkA=0, shrinkB=4, connectionstyle="arc3,rad=0.12",
                                         gid=f"flight-{fg.svg_id(row['event_id'])}"))
            arrows += 1
            drawn.add(str(row["event_id"]))
        for dest in sorted(dest_totals):
            total, any_lower, anchor = dest_totals[dest]
            color = fg.color_for(dest, fg.DESTINATION_COLORS)
            count = f"{'≥' if any_lower else ''}{int(total):,} fled" if total else "troops fled"
            label = f"{dest}: {count}"
            ax.text(anchor[0], anchor[1], label, ha="center", va="center", fontsize=10,
                    fontweight="bold", color=color, zorder=8,
                    bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": color, "linewidth": 1})

        if len(first_entry):
            sm = ScalarMappable(norm=norm, cmap=cmap)
            cax = ax.inset_axes((-1.85, -5.75, 3.2, 0.2), transform=ax.transData)
            cbar = fig.colorbar(sm, cax=cax, orientation="horizontal")
            ticks = _date_ticks(lo, hi)
            cbar.ax.xaxis.set_major_locator(FixedLocator(ticks))
            cbar.ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: fg.fmt_day(_from_num(v), year=False)))
            cbar.ax.tick_params(labelsize=10)
            cbar.ax.set_title("Tile colour: first entry into the capital (2021)", fontsize=10.5,
                              loc="left", color=fg.INK)
            cbar.outline.set_visible(False)

        handles: list[Any] = []
        if len(fell):
            handles.append(Patch(facecolor="white", edgecolor=fg.OUTCOME_COLORS["fell"], linewidth=3,
                                 label="Capital fell"))
        for outcome in ("repelled", "contested", "unknown"):
            if any(e["edgecolor"] == fg.OUTCOME_COLORS[outcome] for e in edges.values()):
                handles.append(Patch(facecolor="white", edgecolor=fg.OUTCOME_COLORS[outcome], linewidth=2.2,
                                     label=f"Capital entered, {outcome if outcome != 'unknown' else 'outcome unknown'}"))
        if any(e["linestyle"] == "--" for e in edges.values()):
            handles.append(Patch(facecolor="white", edgecolor="#555555", linestyle="--", linewidth=2,
                                 label="Entry disputed"))
        if provinces_with_events - set(caps["_tile"]):
            handles.append(Patch(facecolor=OTHER_EVENT_FILL, edgecolor="#cccccc",
                                 label="Events, capital not entered"))
        if hatched:
            handles.append(Patch(facecolor=NO_EVENT_FILL, edgecolor="#cccccc", hatch="////",
                                 label="No events reported"))
        if by_tile:
            handles.append(Line2D([], [], marker="o", linestyle="", markersize=13, color=badge_color,
                                  label="Districts reported seized (n)"))
        if n_crossings:
            handles.append(Line2D([], [], marker="^", linestyle="", markersize=10, color="#111111",
                                  label="Border crossing"))
        if arrows:
            handles.append(Line2D([], [], marker=">", color="#555555", linewidth=2,
                                  label="Troops fled to a country"))
        fg.add_legend(ax, handles, title="Map key")

        unplaced = int(((ev["_tile"] == "") & ~ev["event_id"].astype(str).isin(drawn)).sum())
        n_caps = int(caps["_tile"].nunique())
        n_fell = len(fell)
        title = f"{fg.plural(n_caps, 'provincial capital')} entered"
        title += f", {n_fell} fell" if n_fell else ""
        if by_tile:
            title += f"; districts seized in {fg.plural(len(by_tile), 'province')}"
        if not n_caps and not by_tile:
            title = f"Troops fled from {fg.plural(len(provinces_with_events), 'province')}"
        subtitle = "One square per province, placed roughly by geography; crossings and destinations by coordinates"
        if unplaced > 0:
            subtitle += f"\n{fg.plural(unplaced, 'event')} without a known province not shown"
        ax.set_title(subtitle, loc="left", fontsize=12, color=fg.MUTED)
        return fg.finish_figure(fig, title, source)


def _entry_label(entries: pd.DataFrame) -> str:
    """When a province's capital was first entered: 'in 7 Jul', 'by 30 Jul' or '6–8 Aug'."""
    first = entries.assign(_key=entries["date_low"].fillna(entries["_day"])).sort_values(
        ["_key", "date_high"], kind="mergesort", na_position="last").iloc[0]
    low, high = first["date_low"], first["date_high"]
    if pd.isna(low) and not pd.isna(high):
        return f"by {fg.fmt_day(high, year=False)}"
    if not pd.isna(low) and not pd.isna(high) and low < high:
        return fg.fmt_span(low, high).rsplit(" ", 1)[0]
    return f"in {fg.fmt_day(first['_key'], year=False)}"


def _from_num(value: float) -> pd.Timestamp:
    """Convert a matplotlib date number back to a day."""
    import matplotlib.dates as mdates

    return pd.Timestamp(mdates.num2date(value).replace(tzinfo=None)).normalize()


def _date_ticks(lo: float, hi: float) -> list[float]:
    """Pick a handful of whole-day ticks (at day centres) between two date numbers."""
    span = hi - lo
    step = max(1, int(math.ceil(span / 5.0)))
    start = math.ceil(lo)
    return [d + 0.5 for d in range(start, int(math.floor(hi)), step) if d + 0.5 <= hi]
