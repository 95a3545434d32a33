"""Drawing the timelines of a large corpus: marks grouped into a few artists, so that figures stay readable and fast.

Below `DENSE_FROM` events a timeline draws every event as its own artist (with the event id in its SVG
id). Above it, one artist holds many events: a bar per day and region, one scatter per outcome or
destination, one collection of date ranges. The values drawn are the same; what goes is the per-event
SVG id and, for the district stacks, the white line between two districts of one region and day.
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PolyCollection

from analysis.present.formatting import OUTCOMES
from analysis.present.labels import label
from analysis.present.style import DESTINATION_COLORS, INK, OUTCOME_COLORS, OUTCOME_MARKERS, REGION_COLORS, REGIONS, color_for, svg_id
from analysis.present.tilemap import province_key

DENSE_FROM = 500  # events of one figure from which their marks are grouped
TALLIES_DENSE_FROM = 60  # claimed national totals from which only each claimant's highest claim per day is drawn


def is_dense(n_events: int) -> bool:
    """True when a figure of `n_events` marks should draw them grouped."""
    return n_events >= DENSE_FROM


def day_numbers(days: pd.Series) -> np.ndarray:
    """Matplotlib date numbers (start of day) of a column of days; NaN where the day is missing."""
    values = pd.to_datetime(days).dt.normalize()
    out = np.full(len(values), np.nan)
    known = values.notna().to_numpy()
    if known.any():
        out[known] = mdates.date2num(values[known].to_numpy(dtype="datetime64[ns]"))
    return out


def _region_of(dated: pd.DataFrame, regions: Mapping[str, str]) -> pd.Series:
    """The region of each seizure: of its province, or of the place when the place is a province."""
    is_province = dated["place_type"].str.lower().eq("province")
    province = dated["province"].where(dated["province"] != "", dated["place"].where(is_province, ""))
    return province.map(lambda p: regions.get(province_key(p), "Unknown"))


def seizure_stacks(ax: Axes, dated: pd.DataFrame, regions: Mapping[str, str]) -> tuple[set[str], bool, bool, float]:
    """Draw seizures as one stacked bar per day and region (named, then counted), 'all/most' stars on top.

    Returns the regions drawn, whether any seizure was counted, whether any was vague, and the highest stack."""
    is_province = dated["place_type"].str.lower().eq("province")
    value = dated["count_low"].fillna(dated["count_high"]).astype("float64")
    kind = np.where(~is_province, "named", np.where(value.notna(), "counted", "vague"))
    frame = pd.DataFrame({
        "x": day_numbers(dated["_day"]), "region": _region_of(dated, regions).to_numpy(), "kind": kind,
        "height": np.where(kind == "named", 1.0, np.where(kind == "counted", value.fillna(0.0), 0.9)),
    })
    sums = frame.groupby(["kind", "region", "x"], sort=True)["height"].sum()
    order = [r for r in (*REGIONS, "Unknown") if r in set(frame["region"])]
    stack_top: dict[float, float] = {}
    for kind_name in ("named", "counted"):
        for region in order:
            if (kind_name, region) not in sums.index.droplevel("x"):
                continue
            per_day = sums.loc[(kind_name, region)]
            xs = per_day.index.to_numpy(dtype=float)
            bottoms = np.array([stack_top.get(x, 0.0) for x in xs])
            ax.bar(xs + 0.5, per_day.to_numpy(), width=0.78, bottom=bottoms,
                   color=REGION_COLORS.get(region, REGION_COLORS["Unknown"]), edgecolor="white", linewidth=0.4,
                   hatch="///" if kind_name == "counted" else None, zorder=3,
                   gid=f"seized-{kind_name}-{svg_id(region)}")
            for x, top in zip(xs, bottoms + per_day.to_numpy()):
                stack_top[float(x)] = float(top)
    vague = frame[frame["kind"] == "vague"]
    for region in order:
        days = sorted(set(vague.loc[vague["region"] == region, "x"]))
        if not days:
            continue
        ys = []
        for x in days:
            bottom = stack_top.get(x, 0.0)
            ys.append(bottom + 0.45)
            stack_top[x] = bottom + 0.9
        ax.scatter(np.array(days) + 0.5, ys, marker="*", s=200, color=REGION_COLORS.get(region, REGION_COLORS["Unknown"]),
                   edgecolors=INK, linewidths=0.5, zorder=4, gid=f"vague-{svg_id(region)}")
    return set(order), bool((frame["kind"] == "counted").any()), bool(len(vague)), max(stack_top.values(), default=1.0)


def highest_claims(tallies: pd.DataFrame) -> pd.DataFrame:
    """Each claimant's highest claimed total per day (the first such row in table order), in date order."""
    if tallies.empty:
        return tallies
    best = tallies.sort_values(["claimant", "date", "_value"], ascending=[True, True, False], kind="mergesort")
    best = best.drop_duplicates(["claimant", "date"], keep="first")
    return best.sort_values(["date", "claimant"], kind="mergesort").reset_index(drop=True)


def tally_points(ax: Axes, tallies: pd.DataFrame, colors: Mapping[str, str], markers: Mapping[str, str],
                 label_of: Mapping[str, str], text_of: object) -> tuple[list[str], float]:
    """Draw each claimant's highest claim per day as one scatter, ranges as one set of lines; label each claimant's top claim.

    Returns the claimants drawn (in order of first claim) and the highest value drawn."""
    best = highest_claims(tallies)
    xs = day_numbers(best["date"]) + 0.5
    claimants = list(dict.fromkeys(best["claimant"]))
    top = 0.0
    for claimant in claimants:
        mine = (best["claimant"] == claimant).to_numpy()
        rows = best[mine]
        color = colors.get(claimant, colors["unknown"])
        ax.scatter(xs[mine], rows["_value"], marker=markers.get(claimant, "o"), s=70, color=color,
                   edgecolors="white", linewidths=0.6, zorder=5, label=label_of.get(claimant, claimant),
                   gid=f"tally-{svg_id(claimant)}")
        low, high = rows["count_low"].to_numpy(dtype=float), rows["count_high"].to_numpy(dtype=float)
        ranged = ~np.isnan(low) & ~np.isnan(high) & (high > low)
        if ranged.any():
            ax.vlines(xs[mine][ranged], low[ranged], high[ranged], colors=color, linewidth=1.6, zorder=4)
        open_high = np.isnan(high)
        if open_high.any():
            ax.scatter(xs[mine][open_high], rows["_value"].to_numpy()[open_high], marker="$\u2191$", s=90, color=color,
                       zorder=6, gid=f"lower-bound-{svg_id(claimant)}")
        peak = rows.sort_values(["_value", "date"], ascending=[False, True], kind="mergesort").iloc[0]
        x = float(xs[mine][rows.index.get_loc(peak.name)])
        label(ax, text_of(peak), (x, float(peak["_value"])), dx=10.0, fontsize=10.5, color=color,  # type: ignore[operator]
              fontweight="bold", priority=2.0)
        top = max(top, float(np.nanmax(np.where(np.isnan(high), rows["_value"].to_numpy() * 1.12, high))))
    return claimants, top


def _range_boxes(x0: np.ndarray, x1: np.ndarray, y: np.ndarray, height: float) -> list[np.ndarray]:
    """Rectangles (as vertex arrays) from x0 to x1 centred on y."""
    return [np.array([[a, c - height / 2], [b, c - height / 2], [b, c + height / 2], [a, c + height / 2]])
            for a, b, c in zip(x0, x1, y)]


def range_collection(ax: Axes, lows: pd.Series, highs: pd.Series, y: np.ndarray, color: str, height: float,
                     gid: str) -> bool:
    """Draw the date ranges of many events (uncertain day) as one collection of boxes; True if any."""
    lo, hi = day_numbers(lows), day_numbers(highs)
    ranged = ~np.isnan(lo) & ~np.isnan(hi) & (hi > lo)
    if not ranged.any():
        return False
    boxes = PolyCollection(_range_boxes(lo[ranged], hi[ranged] + 1.0, y[ranged], height), facecolors=color,
                           alpha=0.22, edgecolors=color, linewidths=0.6, zorder=2)
    boxes.set_gid(gid)
    ax.add_collection(boxes, autolim=False)
    return True


def open_range_collection(ax: Axes, lows: pd.Series, highs: pd.Series, y: np.ndarray, left: float, color: str,
                          gid: str) -> bool:
    """Draw dotted lead-ins for many events known only by their latest possible day; True if any."""
    hi = day_numbers(highs)
    only_high = lows.isna().to_numpy() & ~np.isnan(hi)
    if not only_high.any():
        return False
    lines = LineCollection([[(left, c), (b + 0.5, c)] for b, c in zip(hi[only_high], y[only_high])], colors=color,
                           linestyles=[(0, (1, 2))], linewidths=1.6, alpha=0.8, zorder=2)
    lines.set_gid(gid)
    ax.add_collection(lines, autolim=False)
    return True


def _entry_x(dated: pd.DataFrame) -> np.ndarray:
    """Where each capital entry is drawn: its day, else the middle of its possible days, else its latest day."""
    day, low, high = day_numbers(dated["date"]), day_numbers(dated["date_low"]), day_numbers(dated["date_high"])
    middle = (low + high + 1.0) / 2.0
    return np.where(~np.isnan(day), day + 0.5, np.where(~np.isnan(middle), middle, day_numbers(dated["_day"]) + 0.5))


def entry_marks(ax: Axes, dated: pd.DataFrame, lane_y: Mapping[str, int],
                   left: float) -> tuple[bool, bool, bool, dict[str, float]]:
    """Draw many capital entries grouped by outcome and status; return (any range, any open range, any disputed, last x per lane)."""
    xs = _entry_x(dated)
    ys = dated["_lane"].map(lane_y).to_numpy(dtype=float)
    disputed = dated["status"].str.strip().str.lower().eq("disputed").to_numpy()
    any_range = any_open = False
    for outcome in OUTCOMES:
        mine = dated["outcome"].eq(outcome).to_numpy()
        if not mine.any():
            continue
        color = OUTCOME_COLORS[outcome]
        sub = dated[mine]
        any_range |= range_collection(ax, sub["date_low"], sub["date_high"], ys[mine], color, 0.56,
                                      f"range-all-{outcome}")
        any_open |= open_range_collection(ax, sub["date_low"], sub["date_high"], ys[mine], left, color,
                                          f"open-all-{outcome}")
        for hollow in (False, True):
            pick = mine & (disputed == hollow)
            if pick.any():
                ax.scatter(xs[pick], ys[pick], marker=OUTCOME_MARKERS[outcome], s=150,
                           facecolors="none" if hollow else color, edgecolors=color,
                           linewidths=2.2 if hollow else 0.8, zorder=4,
                           gid=f"entry-all-{outcome}-{'disputed' if hollow else 'reported'}")
    last_x = {lane: float(x) for lane, x in zip(dated["_lane"], xs)}  # the last entry of each lane wins
    return any_range, any_open, bool(disputed.any()), last_x


def flight_marks(ax: Axes, dated: pd.DataFrame, lane_y: Mapping[str, int], max_n: float,
                   bubble: float) -> tuple[bool, bool, bool, bool]:
    """Draw many flights grouped by destination and status (unlabelled); return (any lower bound, any unknown number, any range, any disputed)."""
    xs = day_numbers(dated["_day"]) + 0.5
    ys = dated["_dest"].map(lane_y).to_numpy(dtype=float)
    n = dated["_n"].to_numpy(dtype=float)
    sizes = np.where(np.isnan(n), 70.0, 70.0 + bubble * np.sqrt(np.nan_to_num(n) / max(max_n, 1.0)))
    disputed = dated["status"].str.strip().str.lower().eq("disputed").to_numpy()
    lower = (dated["count_low"].notna() & dated["count_high"].isna()).to_numpy()
    any_range = False
    for dest in dict.fromkeys(dated["_dest"]):
        mine = dated["_dest"].eq(dest).to_numpy()
        color = color_for(dest, DESTINATION_COLORS)
        sub = dated[mine]
        any_range |= range_collection(ax, sub["date_low"], sub["date_high"], ys[mine], color, 0.5,
                                      f"range-all-{svg_id(dest)}")
        for hollow in (False, True):
            pick = mine & (disputed == hollow)
            if pick.any():
                ax.scatter(xs[pick], ys[pick], s=sizes[pick], marker="o", facecolors="none" if hollow else color,
                           edgecolors=color, linewidths=2.2 if hollow else 0.8, alpha=0.9, zorder=4,
                           gid=f"flight-all-{svg_id(dest)}-{'disputed' if hollow else 'reported'}")
        if (mine & lower).any():
            ax.scatter(xs[mine & lower], ys[mine & lower], s=sizes[mine & lower] * 1.55, marker="o", facecolors="none",
                       edgecolors=color, linewidths=1.2, linestyles="--", zorder=3, gid=f"lower-all-{svg_id(dest)}")
    return bool(lower.any()), bool(np.isnan(n).any()), any_range, bool(disputed.any())
