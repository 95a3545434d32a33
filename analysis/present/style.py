"""The figures' shared look: palette, style, figure frame, date axes, reporting window, saving."""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib as mpl
import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from analysis.present.formatting import (
    OUTCOMES, fmt_day, fmt_span, plural,  # noqa: F401  (OUTCOMES: read by the tile map through this module)
)
from analysis.present.labels import place_labels
from analysis.tabulate.corrections import shown
from analysis.tabulate.tables import atomic_write_bytes, coerce_table

LOOKBACK_DAYS = 120  # events reported this long before the first article are still drawn
LOOKAHEAD_DAYS = 7
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
OUTCOME_COLORS: dict[str, str] = {
    "fell": "#b2182b",
    "repelled": "#2166ac",
    "contested": "#e08214",
    "unknown": "#7a7a7a",
}
OUTCOME_MARKERS: dict[str, str] = {"fell": "s", "repelled": "o", "contested": "D", "unknown": "^"}
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






def day_number(ts: pd.Timestamp) -> float:
    """Convert a day to matplotlib's date number (start of that day)."""
    return float(mdates.date2num(pd.Timestamp(ts).normalize().to_pydatetime()))


def svg_id(text: str) -> str:
    """Turn any text into a string usable as an SVG element id."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", str(text)).strip("-") or "x"


def _wrap(text: str, width: int) -> str:
    """Wrap a title to lines of at most `width` characters."""
    return "\n".join(textwrap.wrap(text, width=width)) if text else text



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


@dataclass(frozen=True)
class Window:
    """The corpus's reporting window (first and last publication day) and the days events may be drawn in."""

    first: pd.Timestamp
    last: pd.Timestamp

    @property
    def low(self) -> pd.Timestamp:
        """Earliest day drawn: events reported in retrospect reach back this far."""
        return self.first - pd.Timedelta(days=LOOKBACK_DAYS)

    @property
    def high(self) -> pd.Timestamp:
        """Latest day drawn."""
        return self.last + pd.Timedelta(days=LOOKAHEAD_DAYS)

    def text(self) -> str:
        """The drawable days as words: '1 Mar–17 Aug 2021'."""
        return fmt_span(self.low, self.high)


def reporting_window(articles: pd.DataFrame | None, events: pd.DataFrame | None = None) -> Window | None:
    """The publication span of the articles used (or of the events' middle 80 %), None when unknown."""
    arts = coerce_table(articles, "articles")
    ok = arts[arts["status"].str.strip().str.lower().isin(["ok", ""])]
    days = ok["published"].dropna()
    if days.empty and events is not None:
        ev = coerce_table(events, "events")
        all_days = event_day(ev).dropna()
        if all_days.empty:
            return None
        return Window(all_days.quantile(0.1, interpolation="nearest"), all_days.quantile(0.9, interpolation="nearest"))
    if days.empty:
        return None
    return Window(pd.Timestamp(days.min()).normalize(), pd.Timestamp(days.max()).normalize())


def _typed_events(events: pd.DataFrame | None, event_type: str) -> pd.DataFrame:
    """Typed events of one type still counted (not rejected or merged), with a `_day` column."""
    ev = clean_counts(shown(coerce_table(events, "events")))
    ev = ev[ev["event_type"].str.strip().str.lower() == event_type].copy()
    ev["_day"] = event_day(ev)
    return ev


def _events_of(events: pd.DataFrame | None, event_type: str, window: Window | None = None) -> pd.DataFrame:
    """Events of one type drawn in the figures (inside the window), with a `_day` column, in a stable order."""
    ev = _typed_events(events, event_type)
    window = window or reporting_window(None, ev)
    if window is not None and not ev.empty:
        day = ev["_day"]
        ev = ev[day.isna() | ((day >= window.low) & (day <= window.high))].copy()
        ev["date_low"] = ev["date_low"].where(ev["date_low"].isna() | (ev["date_low"] >= window.low), window.low)
    ev = ev.sort_values(["_day", "date_low", "place", "event_id"], kind="mergesort", na_position="last")
    return ev.reset_index(drop=True)


def outside_window(events: pd.DataFrame | None, event_type: str, window: Window | None = None) -> pd.DataFrame:
    """Events of one type dated far outside the reporting window: listed under the figure, not drawn."""
    ev = _typed_events(events, event_type)
    window = window or reporting_window(None, ev)
    if window is None or ev.empty:
        return ev.iloc[0:0]
    day = ev["_day"]
    far = ev[day.notna() & ((day < window.low) | (day > window.high))]
    return far.sort_values(["_day", "place", "event_id"], kind="mergesort").reset_index(drop=True)


def outside_note(far: pd.DataFrame, window: Window | None) -> str:
    """One footnote line naming the events left off the time axis."""
    if far.empty or window is None:
        return ""
    names = [f"{row['place'] or row['destination'] or row['province'] or 'unknown place'} "
             f"({fmt_day(row['_day'])})" for _, row in far.head(3).iterrows()]
    more = f" and {len(far) - 3:,} more" if len(far) > 3 else ""
    return (f"Not drawn: {plural(len(far), 'event')} dated outside {window.text()}: "
            f"{', '.join(names)}{more} (listed under the figure in the report).")


def _x_limits(lows: Sequence[float], highs: Sequence[float], min_span: float = 14.0,
              window: Window | None = None) -> tuple[float, float]:
    """Return padded x limits (date numbers) covering all given day bounds and the reporting window."""
    values = [v for v in list(lows) + list(highs) if v is not None and not math.isnan(v)]
    if window is not None and values:
        values += [day_number(window.first), day_number(window.last) + 1.0]
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


@contextmanager
def deferred_autoscale(*axes: Axes) -> Iterator[None]:
    """Add many artists without rescaling the axes after each one: the limits are computed once, when next needed.

    Matplotlib's autoscaling depends only on the data limits, so the result is the same as rescaling after
    every artist; this only saves the work (quadratic in the number of artists) of doing it each time."""
    states = [(ax, ax.get_autoscalex_on(), ax.get_autoscaley_on()) for ax in axes]
    for ax in axes:
        ax.set_autoscale_on(False)
    try:
        yield
    finally:
        for ax, x_on, y_on in states:
            ax.set_autoscalex_on(x_on)
            ax.set_autoscaley_on(y_on)


def _new_figure(nrows: int = 1, height_ratios: Sequence[float] | None = None,
                sharex: bool = True, height: float = FIGSIZE[1]) -> tuple[Figure, list[Axes]]:
    """Create a slide-size figure (no pyplot state) with `nrows` stacked axes, taller when asked."""
    fig = Figure(figsize=(FIGSIZE[0], height), dpi=100, layout="constrained")
    fig.get_layout_engine().set(w_pad=0.08, h_pad=0.08, hspace=0.06)
    axes = fig.subplots(nrows, 1, sharex=sharex, squeeze=False,
                        gridspec_kw={"height_ratios": list(height_ratios or [1] * nrows)})
    out = [a for a in axes[:, 0]]
    for ax in out:
        _style_axes(ax)
    return fig, out


def _footer(source: str, notes: Sequence[str], n_hidden: int) -> str:
    """The source line, then any notes, each wrapped to the figure's width."""
    lines = [source or DEFAULT_SOURCE, *[n for n in notes if n]]
    if n_hidden:
        lines.append(f"{plural(n_hidden, 'label')} left out for lack of room; every value is in the report's events table.")
    return "\n".join(_wrap(line, 170) for line in lines)


def finish_figure(fig: Figure, title: str, source: str, notes: Sequence[str] = ()) -> Figure:
    """Add the finding as headline and the source line (and notes), lay out, then place the labels."""
    fig.suptitle(_wrap(title, 80), x=0.01, ha="left", fontsize=STYLE["figure.titlesize"],
                 fontweight="bold", color=INK)
    foot = fig.supxlabel(_footer(source, notes, 0), x=0.01, ha="left", fontsize=9.5, color=MUTED)
    with styled():
        fig.draw_without_rendering()
        fig.draw_without_rendering()
        hidden = place_labels(fig)
        if hidden:
            foot.set_text(_footer(source, notes, len(hidden)))
            fig.draw_without_rendering()  # the layout makes room for the longer footer
            hidden = place_labels(fig)
            foot.set_text(_footer(source, notes, len(hidden)))
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
