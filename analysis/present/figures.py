"""Timeline figures (districts seized, capitals entered, troops who fled) in one shared look."""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib as mpl
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator

from analysis.tabulate.tables import Tables, coerce_table, load_tables
from analysis.tabulate.tables import atomic_write_bytes

FIGSIZE: tuple[float, float] = (12.0, 6.75)
DPI: int = 150
DEFAULT_SOURCE = "Source: news articles on the 2021 Taliban offensive; data: analysis pipeline"
NO_EVENTS = "No events of this type"
FIGURE_STEMS: tuple[str, ...] = ("districts_seized", "capitals_entered", "troops_fled", "province_map")

INK = "#222222"
MUTED = "#5f5f5f"
GRID = "#e4e4e4"

EVENT_TYPE_COLORS: dict[str, str] = {
    "district_seized": "#b35806",
    "capital_entered": "#542788",
    "troops_fled": "#1b7837",
}
EVENT_TYPE_LABELS: dict[str, str] = {
    "district_seized": "Districts seized",
    "capital_entered": "Provincial capitals entered",
    "troops_fled": "Troops who fled",
}
OUTCOMES: tuple[str, ...] = ("fell", "repelled", "contested", "unknown")
OUTCOME_COLORS: dict[str, str] = {
    "fell": "#b2182b",
    "repelled": "#2166ac",
    "contested": "#e08214",
    "unknown": "#7a7a7a",
}
OUTCOME_MARKERS: dict[str, str] = {"fell": "s", "repelled": "o", "contested": "D", "unknown": "^"}
OUTCOME_LABELS: dict[str, str] = {
    "fell": "Fell",
    "repelled": "Repelled",
    "contested": "Contested (fighting inside)",
    "unknown": "Outcome unknown",
}
CLAIMANT_COLORS: dict[str, str] = {
    "taliban": "#7f2704",
    "afghan_government": "#08519c",
    "foreign_government": "#6a51a3",
    "international_org": "#006d2c",
    "residents": "#d94801",
    "media": "#525252",
    "unknown": "#969696",
}
CLAIMANT_MARKERS: dict[str, str] = {
    "taliban": "D",
    "afghan_government": "s",
    "foreign_government": "^",
    "international_org": "P",
    "residents": "o",
    "media": "h",
    "unknown": "o",
}
CLAIMANT_LABELS: dict[str, str] = {
    "taliban": "Taliban claim",
    "afghan_government": "Afghan government figure",
    "foreign_government": "Foreign government estimate",
    "international_org": "UN / international estimate",
    "residents": "Residents' account",
    "media": "Media count",
    "unknown": "Unattributed figure",
}
REGIONS: tuple[str, ...] = ("North", "Northeast", "West", "South", "Southeast", "East", "Central")
REGION_COLORS: dict[str, str] = {
    "North": "#0072b2",
    "Northeast": "#56b4e9",
    "West": "#009e73",
    "South": "#e69f00",
    "Southeast": "#d55e00",
    "East": "#cc79a7",
    "Central": "#8c6d31",
    "Unknown": "#b0b0b0",
}
DESTINATION_COLORS: dict[str, str] = {
    "Tajikistan": "#0072b2",
    "Iran": "#009e73",
    "Uzbekistan": "#e69f00",
    "Pakistan": "#d55e00",
    "Turkmenistan": "#cc79a7",
    "China": "#56b4e9",
    "Not stated": "#7a7a7a",
}
_EXTRA_COLORS: tuple[str, ...] = ("#8c6d31", "#393b79", "#637939", "#843c39", "#7b4173")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

STYLE: dict[str, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica", "Liberation Sans"],
    "font.size": 13,
    "axes.titlesize": 13,
    "axes.titleweight": "normal",
    "axes.titlelocation": "left",
    "axes.titlecolor": MUTED,
    "axes.labelsize": 12.5,
    "axes.labelcolor": INK,
    "axes.edgecolor": "#9a9a9a",
    "axes.linewidth": 0.9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": GRID,
    "grid.linewidth": 0.8,
    "xtick.labelsize": 11.5,
    "ytick.labelsize": 11.5,
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "legend.fontsize": 10.5,
    "legend.frameon": False,
    "legend.title_fontsize": 11,
    "figure.titlesize": 17.5,
    "figure.titleweight": "bold",
    "figure.facecolor": "white",
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    "savefig.facecolor": "white",
    "hatch.linewidth": 1.0,
    "hatch.color": "#ffffff",
    "svg.fonttype": "none",
    "svg.hashsalt": "analysis-figures-v1",
    "svg.image_inline": True,
    "path.simplify": True,
}


def apply_style() -> None:
    """Set the project's shared figure look on matplotlib's global rcParams."""
    mpl.rcParams.update(STYLE)


@contextmanager
def styled() -> Iterator[None]:
    """Apply the project's figure look for the duration of a with-block only."""
    with mpl.rc_context(STYLE):
        yield


# ----------------------------------------------------------------------------- small helpers


def fmt_day(value: Any, year: bool = True) -> str:
    """Format a date as '7 Jul 2021' (or '7 Jul'), locale-independent; '' when missing."""
    ts = pd.Timestamp(value) if value is not None and not is_missing(value) else None
    if ts is None or pd.isna(ts):
        return ""
    text = f"{ts.day} {_MONTHS[ts.month - 1]}"
    return f"{text} {ts.year}" if year else text


def fmt_span(low: Any, high: Any) -> str:
    """Format an inclusive date span compactly: '7 Jul–12 Aug 2021', '7 Jul 2021'."""
    lo = None if is_missing(low) else pd.Timestamp(low)
    hi = None if is_missing(high) else pd.Timestamp(high)
    if lo is None and hi is None:
        return ""
    if lo is None:
        return f"by {fmt_day(hi)}"
    if hi is None:
        return f"from {fmt_day(lo)}"
    if lo.normalize() == hi.normalize():
        return fmt_day(lo)
    if lo.year == hi.year and lo.month == hi.month:
        return f"{lo.day}–{fmt_day(hi)}"
    if lo.year == hi.year:
        return f"{fmt_day(lo, year=False)}–{fmt_day(hi)}"
    return f"{fmt_day(lo)}–{fmt_day(hi)}"


def fmt_count(low: Any, high: Any) -> str:
    """Format a count band: '1,037', '≥1,000' (lower bound), '300–500', '' when unknown."""
    lo = None if is_missing(low) else int(low)
    hi = None if is_missing(high) else int(high)
    if lo is None and hi is None:
        return ""
    if lo is None:
        return f"≤{hi:,}"
    if hi is None:
        return f"≥{lo:,}"
    if hi == lo:
        return f"{lo:,}"
    return f"{lo:,}–{hi:,}"


def is_missing(value: Any) -> bool:
    """Return True for None, NaN, NaT and pandas NA."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def day_number(ts: pd.Timestamp) -> float:
    """Convert a day to matplotlib's date number (start of that day)."""
    return float(mdates.date2num(pd.Timestamp(ts).normalize().to_pydatetime()))


def svg_id(text: str) -> str:
    """Turn any text into a string usable as an SVG element id."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", str(text)).strip("-") or "x"


def _wrap(text: str, width: int) -> str:
    """Wrap a title to lines of at most `width` characters."""
    return "\n".join(textwrap.wrap(text, width=width)) if text else text


def plural(n: int, word: str, many: str | None = None) -> str:
    """Return 'n word' with a simple plural."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def event_day(events: pd.DataFrame) -> pd.Series:
    """Return the day each event is drawn at: `date`, else `date_high`, else `date_low`."""
    if events.empty:
        return pd.Series([], dtype="datetime64[ns]", index=events.index)
    return events["date"].fillna(events["date_high"]).fillna(events["date_low"])


def color_for(name: str, palette: Mapping[str, str]) -> str:
    """Return the palette colour of `name`, or a stable extra colour for unknown names."""
    if name in palette:
        return palette[name]
    key = sum(ord(c) for c in name)
    return _EXTRA_COLORS[key % len(_EXTRA_COLORS)]


def clean_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop negative counts and order each count band so that low <= high."""
    out = frame.copy()
    if out.empty or "count_low" not in out.columns:
        return out
    low = out["count_low"].where(out["count_low"] >= 0)
    high = out["count_high"].where(out["count_high"] >= 0)
    swap = low.notna() & high.notna() & (low > high)
    out["count_low"] = low.where(~swap, high)
    out["count_high"] = high.where(~swap, low)
    return out


def _events_of(events: pd.DataFrame | None, event_type: str) -> pd.DataFrame:
    """Return typed events of one type, with a `_day` column, in a stable order."""
    ev = clean_counts(coerce_table(events, "events"))
    ev = ev[ev["event_type"].str.strip().str.lower() == event_type].copy()
    ev["_day"] = event_day(ev)
    ev = ev.sort_values(["_day", "date_low", "place", "event_id"], kind="mergesort", na_position="last")
    return ev.reset_index(drop=True)


def _x_limits(lows: Sequence[float], highs: Sequence[float], min_span: float = 14.0) -> tuple[float, float]:
    """Return padded x limits (date numbers) covering all given day bounds."""
    values = [v for v in list(lows) + list(highs) if v is not None and not math.isnan(v)]
    if not values:
        return 0.0, min_span
    lo, hi = min(values) - 2.0, max(values) + 3.0
    if hi - lo < min_span:
        pad = (min_span - (hi - lo)) / 2.0
        lo, hi = lo - pad, hi + pad
    return lo, hi


def _date_axis(ax: Axes, limits: tuple[float, float]) -> None:
    """Format the x axis of `ax` as days ('8 Jul') within `limits`, about six ticks."""
    span = limits[1] - limits[0]
    if span <= 75:
        step = next((s for s in (1, 2, 3, 7) if span / s <= 10), 7)
        locator: mdates.DateLocator = (mdates.WeekdayLocator(byweekday=mdates.MO) if step == 7
                                       else mdates.DayLocator(interval=step))
    elif span <= 200:
        locator = mdates.DayLocator(bymonthday=[1, 15])
    else:
        locator = mdates.MonthLocator(interval=max(1, int(span // 240) + 1))
    lo_year = mdates.num2date(limits[0]).year
    hi_year = mdates.num2date(limits[1]).year
    with_year = lo_year != hi_year
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(FuncFormatter(
        lambda v, _pos: fmt_day(pd.Timestamp(mdates.num2date(v).replace(tzinfo=None)), year=with_year)))
    ax.set_xlim(*limits)


def date_axis_label(limits: tuple[float, float], what: str = "Date") -> str:
    """Axis label naming the year(s) the date axis covers."""
    lo_year = mdates.num2date(limits[0]).year
    hi_year = mdates.num2date(limits[1]).year
    return f"{what} ({lo_year})" if lo_year == hi_year else what


def _style_axes(ax: Axes) -> None:
    """Fix tick styling on `ax` so ticks drawn later keep the shared look."""
    ax.tick_params(axis="both", labelsize=STYLE["xtick.labelsize"], colors="#444444", length=3)
    ax.title.set_color(MUTED)


def _new_figure(nrows: int = 1, height_ratios: Sequence[float] | None = None,
                sharex: bool = True) -> tuple[Figure, list[Axes]]:
    """Create a slide-size figure (no pyplot state) with `nrows` stacked axes."""
    fig = Figure(figsize=FIGSIZE, dpi=100, layout="constrained")
    fig.get_layout_engine().set(w_pad=0.08, h_pad=0.08, hspace=0.06)
    axes = fig.subplots(nrows, 1, sharex=sharex, squeeze=False,
                        gridspec_kw={"height_ratios": list(height_ratios or [1] * nrows)})
    out = [a for a in axes[:, 0]]
    for ax in out:
        _style_axes(ax)
    return fig, out


def finish_figure(fig: Figure, title: str, source: str) -> Figure:
    """Add the finding as headline and the source line at the bottom-left."""
    fig.suptitle(_wrap(title, 80), x=0.01, ha="left", fontsize=STYLE["figure.titlesize"],
                 fontweight="bold", color=INK)
    fig.supxlabel(_wrap(source or DEFAULT_SOURCE, 170), x=0.01, ha="left", fontsize=9.5,
                  color=MUTED)
    return _settle(fig)


def _settle(fig: Figure) -> Figure:
    """Run the layout until it is stable, then fix it, so every later render is identical."""
    with styled():
        fig.draw_without_rendering()
        fig.draw_without_rendering()
    fig.set_layout_engine("none")
    return fig


def add_legend(ax: Axes, handles: list[Any], title: str | None = None, loc: str = "upper left",
               outside: bool = True) -> None:
    """Draw a legend with the shared look, outside the plot area to the right by default."""
    if not handles:
        return
    kwargs: dict[str, Any] = {"handles": handles, "title": title, "frameon": False,
                              "fontsize": STYLE["legend.fontsize"], "borderaxespad": 0.2,
                              "handlelength": 1.6, "alignment": "left"}
    if outside:
        kwargs.update(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    else:
        kwargs.update(loc=loc)
    ax.legend(**kwargs)


def _placeholder(ax: Axes, message: str, detail: str = "") -> None:
    """Write a clear 'nothing to show' message in the middle of an axes."""
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_facecolor("#f7f7f7")
    ax.text(0.5, 0.56, message, transform=ax.transAxes, ha="center", va="center",
            fontsize=20, fontweight="bold", color=MUTED, gid="no-events")
    if detail:
        ax.text(0.5, 0.40, _wrap(detail, 90), transform=ax.transAxes, ha="center", va="center",
                fontsize=12.5, color=MUTED)


def empty_figure(title: str, detail: str, source: str = DEFAULT_SOURCE) -> Figure:
    """Return a figure that says clearly there are no events of this type."""
    with styled():
        fig, (ax,) = _new_figure(1)
        _placeholder(ax, NO_EVENTS, detail)
        return finish_figure(fig, title, source)


def _province_regions() -> dict[str, str]:
    """Map normalized province names to their region (from the tile grid data)."""
    from analysis.present import tilemap  # local import: tilemap imports this module

    return tilemap.region_lookup()


# ----------------------------------------------------------------------------- source line


def source_line(articles: pd.DataFrame | None, events: pd.DataFrame | None = None) -> str:
    """Describe the corpus behind the figures: article count, outlets and publication span."""
    arts = coerce_table(articles, "articles")
    ok = arts[arts["status"].str.strip().str.lower().isin(["ok", ""])]
    ok = ok[ok["duplicate_of"].str.strip() == ""] if not ok.empty else ok
    used = ok if not ok.empty else arts
    n = len(used)
    outlets = sorted({o.strip() for o in used["outlet"] if o.strip()}, key=str.lower)
    if len(outlets) > 5:
        outlet_text = ", ".join(outlets[:4]) + f" and {len(outlets) - 4} others"
    elif len(outlets) > 1:
        outlet_text = ", ".join(outlets[:-1]) + f" and {outlets[-1]}"
    else:
        outlet_text = outlets[0] if outlets else ""
    dates = used["published"].dropna()
    if dates.empty and events is not None:
        ev = coerce_table(events, "events")
        dates = pd.concat([ev["date_low"], ev["date_high"], ev["date"]]).dropna()
        span = fmt_span(dates.min(), dates.max()) if not dates.empty else ""
        span_text = f", events dated {span}" if span else ""
    else:
        span = fmt_span(dates.min(), dates.max()) if not dates.empty else ""
        span_text = f", published {span}" if span else ""
    what = plural(n, "article") if n else "news articles"
    if outlet_text:
        what += f" from {outlet_text}"
    elif n:
        what += " (outlets not stated)"
    return f"Source: {what}{span_text}; data: analysis pipeline"


# ----------------------------------------------------------------------------- saving


def save_figure(fig: Figure, out_dir: Path | str, stem: str) -> tuple[Path, Path]:
    """Write `fig` as STEM.png and STEM.svg atomically and byte-for-byte reproducibly."""
    out = Path(out_dir)
    paths = (out / f"{stem}.png", out / f"{stem}.svg")
    for target in paths:
        atomic_write_bytes(target, figure_bytes(fig, target.suffix[1:]))
    return paths


def figure_bytes(fig: Figure, fmt: str = "png", dpi: int = DPI) -> bytes:
    """Render `fig` to PNG or SVG bytes with the same settings as save_figure."""
    import io

    metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
    buf = io.BytesIO()
    with styled():
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
    return buf.getvalue()


# ----------------------------------------------------------------------------- districts


def national_tallies(tallies: pd.DataFrame | None) -> pd.DataFrame:
    """Return claimed national district totals with a date and a number, sorted."""
    tl = clean_counts(coerce_table(tallies, "tallies"))
    if tl.empty:
        return tl
    scope = tl["scope"].str.strip().str.lower()
    unit = tl["unit"].str.strip().str.lower()
    keep = scope.isin(["national", "", "country", "afghanistan"]) & unit.isin(["districts", "district", ""])
    tl = tl[keep & tl["date"].notna() & (tl["count_low"].notna() | tl["count_high"].notna())].copy()
    tl["claimant"] = tl["claimant"].str.strip().str.lower().replace("", "unknown")
    tl["_value"] = tl["count_low"].fillna(tl["count_high"]).astype("float64")
    return tl.sort_values(["date", "claimant", "_value", "article_id"], kind="mergesort").reset_index(drop=True)


def _tally_label(row: pd.Series) -> str:
    """Short label of a claimed tally: 'Taliban: more than 200'."""
    who = CLAIMANT_LABELS.get(row["claimant"], row["claimant"]).split(" ")[0]
    who = {"UN": "UN", "Foreign": "Foreign govt", "Afghan": "Afghan govt"}.get(who, who)
    text = str(row["count_text"]).strip() or fmt_count(row["count_low"], row["count_high"])
    return f"{who}: {text}"


def districts_timeline(events: pd.DataFrame | None, tallies: pd.DataFrame | None = None, *,
                       source: str = DEFAULT_SOURCE) -> Figure:
    """Plot district seizures per day by region, their cumulative count and the claimed totals."""
    ev = _events_of(events, "district_seized")
    tl = national_tallies(tallies)
    dated = ev[ev["_day"].notna()]
    if dated.empty and tl.empty:
        detail = ("No district seizures were found in these articles."
                  if ev.empty else f"{plural(len(ev), 'district seizure')} found, none with a date.")
        return empty_figure("Districts seized: nothing to show", detail, source)
    regions = _province_regions()
    from analysis.present.tilemap import province_key

    with styled():
        fig, (ax_day, ax_cum) = _new_figure(2, [3, 2])
        counted_mask = dated["place_type"].str.lower().eq("province")
        n_named = int((~counted_mask).sum())
        counted_total = int(dated.loc[counted_mask, "count_low"].fillna(dated.loc[counted_mask, "count_high"]).fillna(0).sum())
        lows = [day_number(d) for d in dated["date_low"].dropna()] + [day_number(d) for d in tl["date"]]
        highs = [day_number(d) + 1 for d in dated["_day"]] + [day_number(d) + 1 for d in dated["date_high"].dropna()]
        limits = _x_limits(lows, highs)

        # --- top panel: stacked daily bars by region
        region_seen: set[str] = set()
        any_range = any_counted = any_vague = False
        stack_top: dict[float, float] = {}
        notes: dict[float, list[str]] = {}
        if dated.empty:
            _placeholder(ax_day, NO_EVENTS, "No dated district seizures; claimed totals below.")
        is_province = dated["place_type"].str.lower().eq("province")
        known = dated["count_low"].notna() | dated["count_high"].notna()
        vague_mask = is_province & ~known
        stacked = dated.assign(_vague=vague_mask.astype(int)).sort_values(
            ["_day", "_vague", "province", "place", "event_id"], kind="mergesort")
        for _, row in stacked.iterrows():
            x0 = day_number(row["_day"])
            province = row["province"] or (row["place"] if row["place_type"] == "province" else "")
            region = regions.get(province_key(province), "Unknown")
            color = REGION_COLORS.get(region, REGION_COLORS["Unknown"])
            counted = str(row["place_type"]).lower() == "province"
            bottom = stack_top.get(x0, 0.0)
            region_seen.add(region)
            if row["_vague"]:
                any_vague = True
                words = str(row["count_text"]).strip() or "districts"
                notes.setdefault(x0, []).append(f"{words} in {row['place']}")
                height, mid = 0.9, bottom + 0.45
                ax_day.scatter([x0 + 0.5], [mid], marker="*", s=260, color=color, edgecolors=INK,
                               linewidths=0.6, zorder=4, gid=f"vague-{svg_id(row['event_id'])}")
            else:
                value = row["count_low"] if not is_missing(row["count_low"]) else row["count_high"]
                height = float(value) if counted else 1.0
                mid = bottom + height / 2
                if counted:
                    any_counted = True
                    notes.setdefault(x0, []).append(f"{int(value):,} in {row['place']}")
                ax_day.bar([x0 + 0.5], [height], width=0.78, bottom=[bottom], color=color,
                           edgecolor="white", linewidth=0.6, hatch="///" if counted else None,
                           zorder=3, gid=f"seized-{svg_id(row['event_id'])}")
            if not is_missing(row["date_low"]) and not is_missing(row["date_high"]) and row["date_low"] < row["date_high"]:
                any_range = True
                ax_day.hlines(mid, day_number(row["date_low"]), day_number(row["date_high"]) + 1,
                              colors=color, linewidth=2.2, alpha=0.75, zorder=2,
                              gid=f"range-{svg_id(row['event_id'])}")
            stack_top[x0] = bottom + height
        ymax = max(stack_top.values(), default=1.0)
        for x0, lines in sorted(notes.items()):
            ax_day.text(x0 + 0.5, stack_top[x0] + ymax * 0.03, "\n".join(lines[:4]), ha="center",
                        va="bottom", fontsize=9.5, color=INK, linespacing=1.1, zorder=6,
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.8,
                              "edgecolor": "none"})
        if not dated.empty:
            ax_day.set_ylim(0, ymax * (1.25 + 0.08 * max((len(v) for v in notes.values()), default=0)))
            ax_day.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
            ax_day.set_ylabel("Districts per day")
            ax_day.set_title("Districts reported seized each day, by region (named districts; hatched: counted in a province)")
            handles: list[Any] = [Patch(facecolor=REGION_COLORS[r], label=r) for r in REGIONS if r in region_seen]
            if "Unknown" in region_seen:
                handles.append(Patch(facecolor=REGION_COLORS["Unknown"], label="Province not given"))
            if any_counted:
                handles.append(Patch(facecolor="#9a9a9a", hatch="///", edgecolor="white",
                                     label="Counted: 'five districts in P'"))
            if any_vague:
                handles.append(Line2D([], [], marker="*", linestyle="", markersize=13, color="#9a9a9a",
                                      markeredgecolor=INK, label="'All'/'most' districts (no number)"))
            if any_range:
                handles.append(Line2D([], [], color="#777777", linewidth=2.2,
                                      label="Possible dates (day uncertain)"))
            add_legend(ax_day, handles, title="Region")

        # --- bottom panel: cumulative reported vs claimed national totals
        days = sorted({day_number(d) for d in dated["_day"]})
        per_day = {d: 0.0 for d in days}
        for _, row in dated.iterrows():
            if str(row["place_type"]).lower() == "province":
                value = row["count_low"] if not is_missing(row["count_low"]) else row["count_high"]
                per_day[day_number(row["_day"])] += 0.0 if is_missing(value) else float(value)
            else:
                per_day[day_number(row["_day"])] += 1.0
        cum_handles: list[Any] = []
        total = 0.0
        if days:
            xs = [limits[0]]
            ys = [0.0]
            for d in days:
                total += per_day[d]
                xs.append(d + 0.5)
                ys.append(total)
            xs.append(limits[1])
            ys.append(total)
            (line,) = ax_cum.step(xs, ys, where="post", color=EVENT_TYPE_COLORS["district_seized"],
                                  linewidth=2.6, zorder=3, label="Reported in these articles (cumulative)",
                                  gid="cumulative-districts")
            cum_handles.append(line)
            ax_cum.text(limits[1], total, f"{int(total):,} reported ", ha="right", va="bottom",
                        fontsize=10.5, color=EVENT_TYPE_COLORS["district_seized"], fontweight="bold")
        top = total
        seen_claimants: list[str] = []
        for i, (_, row) in enumerate(tl.iterrows()):
            claimant = row["claimant"]
            color = CLAIMANT_COLORS.get(claimant, CLAIMANT_COLORS["unknown"])
            x = day_number(row["date"]) + 0.5
            value = float(row["_value"])
            label = CLAIMANT_LABELS.get(claimant, claimant) if claimant not in seen_claimants else "_nolegend_"
            if claimant not in seen_claimants:
                seen_claimants.append(claimant)
            ax_cum.scatter([x], [value], marker=CLAIMANT_MARKERS.get(claimant, "o"), s=120, color=color,
                           edgecolors="white", linewidths=0.8, zorder=5, label=label,
                           gid=f"tally-{i}")
            if not is_missing(row["count_high"]) and not is_missing(row["count_low"]) and row["count_high"] > row["count_low"]:
                ax_cum.vlines(x, row["count_low"], row["count_high"], colors=color, linewidth=2, zorder=4)
            elif is_missing(row["count_high"]):
                ax_cum.annotate("", xy=(x, value), xytext=(0, 26), textcoords="offset points",
                                arrowprops={"arrowstyle": "<|-", "color": color, "lw": 1.8,
                                            "shrinkA": 0, "shrinkB": 7}, zorder=4,
                                gid=f"lower-bound-{i}")
            rank = int(((tl["date"] == row["date"]) & (tl.index < i)).sum())
            right = (x - limits[0]) / (limits[1] - limits[0]) > 0.62
            ax_cum.annotate(_tally_label(row), xy=(x, value), xytext=(-10 if right else 10, -14.0 * rank),
                            textcoords="offset points", fontsize=10.5, color=color, fontweight="bold",
                            va="center", ha="right" if right else "left")
            top = max(top, float(row["count_high"]) if not is_missing(row["count_high"]) else value * 1.12)
        if seen_claimants:
            cum_handles.extend(
                Line2D([], [], marker=CLAIMANT_MARKERS.get(c, "o"), linestyle="",
                       color=CLAIMANT_COLORS.get(c, CLAIMANT_COLORS["unknown"]), markersize=10,
                       label=CLAIMANT_LABELS.get(c, c))
                for c in seen_claimants
            )
            cum_handles.append(Line2D([], [], marker="$\u2191$", linestyle="", color=MUTED, markersize=10,
                                      label="Lower bound ('more than')"))
        ax_cum.set_ylim(0, max(top, 1.0) * 1.2)
        ax_cum.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
        ax_cum.set_ylabel("Districts (total)")
        ax_cum.set_xlabel(date_axis_label(limits, "Day seized, or latest possible day"))
        ax_cum.set_title("Cumulative districts reported seized vs. claimed national totals")
        add_legend(ax_cum, cum_handles, title="Totals")
        _date_axis(ax_cum, limits)

        span = fmt_span(dated["_day"].min(), dated["_day"].max()) if not dated.empty else ""
        parts = [f"{plural(n_named, 'district')} named as seized"]
        if counted_total:
            parts[0] += f" and {counted_total:,} more counted"
        if span:
            parts[0] += f", {span}"
        if not tl.empty:
            ranked = tl.sort_values(["_value", "claimant"], kind="mergesort")
            low, high = ranked.iloc[0], ranked.iloc[-1]

            def said(r: pd.Series) -> str:
                return str(r["count_text"]).strip() or fmt_count(r["count_low"], r["count_high"])

            if len(ranked) == 1 or said(low) == said(high):
                parts.append(f"claimed national total: {said(high)}")
            else:
                parts.append(f"claimed national totals range from {said(low)} to {said(high)}")
        return finish_figure(fig, "; ".join(parts), source)


# ----------------------------------------------------------------------------- capitals


def _lane_label(place: str, province: str) -> str:
    """Label of a capital's lane: 'Zaranj (Nimroz)' or 'Kunduz' when names agree."""
    from analysis.present.tilemap import province_key

    if not province or province_key(place) == province_key(province):
        return place or province or "Unknown place"
    return f"{place} ({province})"


def _range_patch(ax: Axes, row: pd.Series, y: float, color: str, height: float = 0.56) -> bool:
    """Draw the date range of an event as a bar when its day is uncertain; True if drawn."""
    lo, hi = row["date_low"], row["date_high"]
    if is_missing(lo) or is_missing(hi) or lo >= hi:
        return False
    x0, x1 = day_number(lo), day_number(hi) + 1.0
    ax.add_patch(Rectangle((x0, y - height / 2), x1 - x0, height, facecolor=color, alpha=0.22,
                           edgecolor=color, linewidth=1.0, zorder=2,
                           gid=f"range-{svg_id(row['event_id'])}"))
    return True


def _open_range(ax: Axes, row: pd.Series, y: float, left: float, color: str) -> bool:
    """Draw a dotted lead-in when only the latest possible day is known; True if drawn."""
    if not is_missing(row["date_low"]) or is_missing(row["date_high"]):
        return False
    ax.hlines(y, left, day_number(row["date_high"]) + 0.5, colors=color, linestyles=(0, (1, 2)),
              linewidth=1.6, alpha=0.8, zorder=2, gid=f"open-{svg_id(row['event_id'])}")
    return True


def capitals_timeline(events: pd.DataFrame | None, *, source: str = DEFAULT_SOURCE) -> Figure:
    """Plot one lane per provincial capital with each entry by outcome, and capitals held over time."""
    ev = _events_of(events, "capital_entered")
    dated = ev[ev["_day"].notna()].copy()
    if dated.empty:
        detail = ("No Taliban entries into provincial capitals were found in these articles."
                  if ev.empty else f"{plural(len(ev), 'capital entry', 'capital entries')} found, none with a date.")
        return empty_figure("Provincial capitals entered: nothing to show", detail, source)
    with styled():
        n_places = len({p or q for p, q in zip(dated["place"], dated["province"])})
        fig, (ax, ax_step) = _new_figure(2, [min(4.6, 3.2 + 0.07 * max(0, n_places - 10)), 1.3])
        dated["outcome"] = dated["outcome"].str.strip().str.lower().where(
            dated["outcome"].str.strip().str.lower().isin(OUTCOMES), "unknown")
        dated["_first"] = dated["date_low"].fillna(dated["_day"])
        dated["_lane"] = [p or q or "Unknown place" for p, q in zip(dated["place"], dated["province"])]
        firsts = dated.groupby("_lane")["_first"].min()
        lanes = sorted(firsts.index, key=lambda lane: (firsts[lane], lane))
        lane_y = {lane: i for i, lane in enumerate(lanes)}
        lows = [day_number(d) for d in dated["date_low"].dropna()] + [day_number(d) for d in dated["_day"]]
        highs = [day_number(d) + 1 for d in dated["date_high"].dropna()] + [day_number(d) + 1 for d in dated["_day"]]
        limits = _x_limits(lows, [h + 4 for h in highs])

        any_range = any_open = any_disputed = False
        for lane in lanes:
            y = lane_y[lane]
            if y % 2 == 0:
                ax.axhspan(y - 0.5, y + 0.5, color="#f4f4f4", zorder=0, linewidth=0)
        last_by_lane: dict[str, pd.Series] = {}
        for _, row in dated.iterrows():
            y = lane_y[row["_lane"]]
            outcome = row["outcome"]
            color = OUTCOME_COLORS[outcome]
            disputed = str(row["status"]).strip().lower() == "disputed"
            any_disputed |= disputed
            any_range |= _range_patch(ax, row, y, color)
            any_open |= _open_range(ax, row, y, limits[0], color)
            if not is_missing(row["date"]):
                x = day_number(row["date"]) + 0.5
            elif not is_missing(row["date_low"]) and not is_missing(row["date_high"]):
                x = (day_number(row["date_low"]) + day_number(row["date_high"]) + 1.0) / 2.0
            else:
                x = day_number(row["_day"]) + 0.5
            ax.scatter([x], [y], marker=OUTCOME_MARKERS[outcome], s=150,
                       facecolors="none" if disputed else color, edgecolors=color,
                       linewidths=2.2 if disputed else 0.8, zorder=4,
                       gid=f"entry-{svg_id(row['event_id'])}")
            last_by_lane[row["_lane"]] = row
        n_lanes = len(lanes)
        label_size = max(7.5, min(11.5, 230.0 / max(n_lanes, 1)))
        for coll in ax.collections:
            if str(coll.get_gid()).startswith("entry-"):
                coll.set_sizes([float(np.clip((0.85 * 240.0 / max(n_lanes, 1)) ** 2, 45.0, 150.0))])
        for lane, row in last_by_lane.items():
            end = row["date_high"] if not is_missing(row["date_high"]) else row["_day"]
            if not is_missing(row["date_low"]) and not is_missing(row["date_high"]) and row["date_low"] < row["date_high"]:
                when = fmt_span(row["date_low"], row["date_high"]).rsplit(" ", 1)[0]
            else:
                when = fmt_day(row["_day"], year=False)
            text = f"{row['outcome']} {when}"
            if str(row["status"]).lower() == "disputed":
                text += " (disputed)"
            ax.text(day_number(end) + 1.4, lane_y[lane], text, fontsize=label_size - 1, va="center",
                    ha="left", color=OUTCOME_COLORS[row["outcome"]])
        ax.set_yticks(range(n_lanes))
        ax.set_yticklabels(
            [_lane_label(lane, dated.loc[dated["_lane"] == lane, "province"].iloc[0]) for lane in lanes],
            fontsize=label_size)
        ax.set_ylim(n_lanes - 0.5, -0.5)
        ax.grid(axis="y", visible=False)
        ax.set_ylabel("Capital (by first entry)")
        ax.set_title("Each Taliban entry into a provincial capital, by outcome (hollow: disputed)")
        handles: list[Any] = [
            Line2D([], [], marker=OUTCOME_MARKERS[o], linestyle="", markersize=10,
                   markerfacecolor=OUTCOME_COLORS[o], markeredgecolor=OUTCOME_COLORS[o],
                   label=OUTCOME_LABELS[o])
            for o in OUTCOMES
        ]
        if any_disputed:
            handles.append(Line2D([], [], marker="o", linestyle="", markersize=10,
                                  markerfacecolor="none", markeredgecolor=INK, markeredgewidth=2,
                                  label="Disputed (claim denied)"))
        if any_range:
            handles.append(Patch(facecolor="#bbbbbb", edgecolor="#777777", label="Possible dates (day uncertain)"))
        if any_open:
            handles.append(Line2D([], [], color="#777777", linestyle=(0, (1, 2)), linewidth=1.6,
                                  label="Reported by this day, start unknown"))
        add_legend(ax, handles, title="Outcome")

        falls = dated[dated["outcome"] == "fell"].groupby("_lane")["_day"].min().sort_values()
        xs, ys = [limits[0]], [0]
        for i, day in enumerate(falls.tolist(), start=1):
            xs.append(day_number(day) + 0.5)
            ys.append(i)
        xs.append(limits[1])
        ys.append(len(falls))
        ax_step.step(xs, ys, where="post", color=OUTCOME_COLORS["fell"], linewidth=2.6, zorder=3,
                     gid="capitals-held")
        ax_step.fill_between(xs, ys, step="post", color=OUTCOME_COLORS["fell"], alpha=0.12, linewidth=0)
        ax_step.text(limits[1], len(falls), f"{len(falls)} held ", ha="right", va="bottom",
                     fontsize=10.5, color=OUTCOME_COLORS["fell"], fontweight="bold")
        ax_step.set_ylim(0, max(len(falls), 1) * 1.3)
        ax_step.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
        ax_step.set_ylabel("Capitals held")
        ax_step.set_xlabel(date_axis_label(limits, "Day"))
        ax_step.set_title("Provincial capitals under Taliban control (reported fallen)")
        add_legend(ax_step, [Line2D([], [], color=OUTCOME_COLORS["fell"], linewidth=2.6,
                                 label="Capitals held")], title=None)
        _date_axis(ax_step, limits)

        n_fell = len(falls)
        title = f"{plural(n_lanes, 'provincial capital')} entered"
        title += f", {n_fell:,} fell" if n_fell else ", none reported fallen"
        if n_fell:
            first = falls.index[0]
            title += f" (first: {first}, {fmt_day(falls.iloc[0], year=False)})"
        n_disputed = int((dated["status"].str.lower() == "disputed").sum())
        if n_disputed:
            title += f"; {plural(n_disputed, 'entry', 'entries')} disputed"
        return finish_figure(fig, title, source)


# ----------------------------------------------------------------------------- troops


def troops_timeline(events: pd.DataFrame | None, *, source: str = DEFAULT_SOURCE) -> Figure:
    """Plot each reported flight of troops sized by its count and coloured by destination, with totals."""
    ev = _events_of(events, "troops_fled")
    dated = ev[ev["_day"].notna()].copy()
    if dated.empty:
        detail = ("No flights of Afghan troops or officials were found in these articles."
                  if ev.empty else f"{plural(len(ev), 'flight')} found, none with a date.")
        return empty_figure("Troops who fled: nothing to show", detail, source)
    with styled():
        fig, (ax, ax_cum) = _new_figure(2, [2.4, 2])
        dated["_dest"] = [d.strip() or "Not stated" for d in dated["destination"]]
        dated["_n"] = dated["count_low"].fillna(dated["count_high"]).astype("float64")
        totals = dated.groupby("_dest")["_n"].sum(min_count=1).fillna(0.0)
        dests = sorted(totals.index, key=lambda d: (d == "Not stated", -totals[d], d))
        lane_y = {d: i for i, d in enumerate(dests)}
        lows = [day_number(d) for d in dated["date_low"].dropna()] + [day_number(d) for d in dated["_day"]]
        highs = [day_number(d) + 1 for d in dated["date_high"].dropna()] + [day_number(d) + 1 for d in dated["_day"]]
        limits = _x_limits(lows, [h + 5 for h in highs])
        max_n = float(dated["_n"].max()) if dated["_n"].notna().any() else 1.0

        any_lower = any_unknown = any_range = any_disputed = False
        for _, row in dated.iterrows():
            dest = row["_dest"]
            y = lane_y[dest]
            color = color_for(dest, DESTINATION_COLORS)
            disputed = str(row["status"]).strip().lower() == "disputed"
            any_disputed |= disputed
            any_range |= _range_patch(ax, row, y, color, height=0.5)
            x = day_number(row["_day"]) + 0.5
            n = row["_n"]
            size = 70.0 if is_missing(n) else 70.0 + 1500.0 * math.sqrt(float(n) / max(max_n, 1.0))
            ax.scatter([x], [y], s=size, marker="o", facecolors="none" if disputed else color,
                       edgecolors=color, linewidths=2.2 if disputed else 0.8, alpha=0.9, zorder=4,
                       gid=f"flight-{svg_id(row['event_id'])}")
            lower = not is_missing(row["count_low"]) and is_missing(row["count_high"])
            if lower:
                any_lower = True
                ax.scatter([x], [y], s=size * 1.55, marker="o", facecolors="none", edgecolors=color,
                           linewidths=1.2, linestyles="--", zorder=3,
                           gid=f"lower-{svg_id(row['event_id'])}")
            label = fmt_count(row["count_low"], row["count_high"]) or "number not given"
            any_unknown |= is_missing(n)
            radius_pt = math.sqrt(size * (1.55 if lower else 1.0)) / 2.0
            ax.annotate(label, xy=(x, y), xytext=(radius_pt + 4, 0), textcoords="offset points",
                        fontsize=10.5, va="center", ha="left", color=INK,
                        fontweight="bold" if not is_missing(n) else "normal")
        ax.set_yticks(range(len(dests)))
        ax.set_yticklabels(dests)
        ax.set_ylim(len(dests) - 0.4, -0.6)
        ax.grid(axis="y", visible=False)
        ax.set_ylabel("Fled to")
        ax.set_title("Each reported flight of Afghan troops or officials (area ∝ number of people)")
        handles: list[Any] = [Line2D([], [], marker="o", linestyle="", markersize=10,
                                     color=color_for(d, DESTINATION_COLORS), label=d) for d in dests]
        if any_lower:
            handles.append(Line2D([], [], marker="o", linestyle="", markersize=13, markerfacecolor="none",
                                  markeredgecolor=MUTED, label="≥ lower bound ('more than')"))
        if any_disputed:
            handles.append(Line2D([], [], marker="o", linestyle="", markersize=10, markerfacecolor="none",
                                  markeredgecolor=INK, markeredgewidth=2, label="Disputed (claim denied)"))
        if any_range:
            handles.append(Patch(facecolor="#bbbbbb", edgecolor="#777777", label="Possible dates (day uncertain)"))
        add_legend(ax, handles, title="Destination")

        for dest in dests:
            sub = dated[dated["_dest"] == dest]
            per_day = sub.groupby("_day")["_n"].sum(min_count=1).fillna(0.0).sort_index()
            if per_day.sum() <= 0:
                continue
            color = color_for(dest, DESTINATION_COLORS)
            xs, ys, total = [limits[0]], [0.0], 0.0
            for day, n in per_day.items():
                total += float(n)
                xs.append(day_number(day) + 0.5)
                ys.append(total)
            xs.append(limits[1])
            ys.append(total)
            has_lower = bool((sub["count_low"].notna() & sub["count_high"].isna()).any())
            ax_cum.step(xs, ys, where="post", color=color, linewidth=2.6, zorder=3, label=dest,
                        gid=f"cumulative-{svg_id(dest)}")
            ax_cum.text(limits[1], total, f"{dest} {'≥' if has_lower else ''}{int(total):,} ",
                        ha="right", va="bottom", fontsize=10.5, color=color, fontweight="bold")
        grand = float(dated["_n"].fillna(0).sum())
        if grand <= 0:
            ax_cum.text(0.5, 0.5, "No numbers of people were given", transform=ax_cum.transAxes,
                        ha="center", va="center", fontsize=13, color=MUTED)
        cum_max = max([float(dated.loc[dated['_dest'] == d, '_n'].fillna(0).sum()) for d in dests] + [1.0])
        ax_cum.set_ylim(0, cum_max * 1.3)
        ax_cum.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
        ax_cum.set_ylabel("People (cumulative)")
        ax_cum.set_xlabel(date_axis_label(limits, "Day fled"))
        ax_cum.set_title("Cumulative people reported fled, by destination (known minimum)")
        _date_axis(ax_cum, limits)

        flights = plural(len(dated), "flight")
        named = [d for d in dests if d != "Not stated"]
        if grand > 0:
            any_low = bool((dated["count_low"].notna() & dated["count_high"].isna()).any())
            title = (f"{'At least ' if any_low or any_unknown else ''}{int(grand):,} Afghan troops and officials "
                     f"reported fled in {flights}")
        else:
            title = f"{flights.capitalize()} of Afghan troops reported"
        if len(dests) == 1 and named:
            title += f", to {named[0]}"
        elif named and dests[0] != "Not stated" and totals[dests[0]] > 0:
            title += f", most to {dests[0]}"
        elif named:
            title += ", to " + ", ".join(named)
        return finish_figure(fig, title, source)


# ----------------------------------------------------------------------------- map and all


def province_map(events: pd.DataFrame | None, *, source: str = DEFAULT_SOURCE) -> Figure:
    """Draw the province tile map of events (see analysis.present.tilemap.province_map)."""
    from analysis.present import tilemap

    return tilemap.province_map(events, source=source)


def build_figures(tables: Tables) -> dict[str, Figure]:
    """Build the three timelines and the map from `tables`, keyed by file stem."""
    source = source_line(tables.articles, tables.events)
    return {
        "districts_seized": districts_timeline(tables.events, tables.tallies, source=source),
        "capitals_entered": capitals_timeline(tables.events, source=source),
        "troops_fled": troops_timeline(tables.events, source=source),
        "province_map": province_map(tables.events, source=source),
    }


def figure_title(fig: Figure) -> str:
    """Return the headline (finding) of a figure made here, on one line."""
    sup = getattr(fig, "_suptitle", None)
    return " ".join(sup.get_text().split()) if sup is not None else ""


def make_all_figures(tables: Tables, figures_dir: Path | str) -> dict[str, tuple[Path, Path]]:
    """Render the three timelines and the map from `tables` and save each as PNG and SVG."""
    figs = build_figures(tables)
    return {stem: save_figure(figs[stem], figures_dir, stem) for stem in FIGURE_STEMS}


def enable_notebook_display() -> bool:
    """Let IPython show a bare matplotlib Figure as PNG (no pyplot needed); True if registered."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return False
    formatter = shell.display_formatter.formatters.get("image/png")
    if formatter is None:
        return False
    formatter.for_type(Figure, lambda fig: figure_bytes(fig, "png", dpi=100))
    return True


enable_notebook_display()

__all__ = [
    "CLAIMANT_COLORS", "DESTINATION_COLORS", "EVENT_TYPE_COLORS", "OUTCOME_COLORS", "OUTCOME_MARKERS",
    "REGION_COLORS", "apply_style", "capitals_timeline", "districts_timeline", "empty_figure",
    "Tables", "build_figures", "clean_counts", "enable_notebook_display", "load_tables", "event_day", "figure_bytes", "figure_title", "fmt_count", "fmt_day", "fmt_span", "make_all_figures",
    "province_map", "save_figure", "source_line", "styled", "troops_timeline",
]
