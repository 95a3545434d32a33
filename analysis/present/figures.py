"""Timeline figures (districts seized, capitals entered, troops who fled) in one shared look."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator

from analysis.present import tilemap
from analysis.present.dense import (
    DENSE_FROM, TALLIES_DENSE_FROM, day_numbers, entry_marks, flight_marks, is_dense, seizure_stacks, tally_points,
)
from analysis.present.formatting import (
    CLAIMANT_LABELS, CLAIMANT_SHORT, EVENT_TYPE_LABELS, OUTCOME_LABELS, OUTCOMES, fmt_count, fmt_day, fmt_span,
    is_missing, plural,
)
from analysis.present.labels import label
from analysis.present.saved import SavedFigure, draw_or_reuse
from analysis.present.style import (
    CLAIMANT_COLORS, CLAIMANT_MARKERS, DEFAULT_SOURCE, DESTINATION_COLORS, DPI, EVENT_TYPE_COLORS, FIGSIZE,
    FIGURE_STEMS, INK, MUTED, NO_EVENTS, OUTCOME_COLORS, OUTCOME_MARKERS, REGION_COLORS, REGIONS, STYLE, Window,
    _date_axis, _events_of, deferred_autoscale, _new_figure, _placeholder, _x_limits, add_legend, apply_style, clean_counts,
    color_for, date_axis_label, day_number, empty_figure, event_day, figure_bytes, finish_figure, outside_note,
    outside_window, reporting_window, save_figure, source_line, styled, svg_id,
)
from analysis.present.tilemap import province_key
from analysis.tabulate.corrections import shown
from analysis.tabulate.tables import Tables, coerce_table, load_tables

HALO: dict[str, Any] = {"boxstyle": "square,pad=0.05", "facecolor": "white", "alpha": 0.85, "edgecolor": "none"}

# ----------------------------------------------------------------------------- districts


NATIONAL_SCOPES: tuple[str, ...] = ("national", "", "country", "afghanistan")  # a tally's scope when it counts the whole country


def national_tallies(tallies: pd.DataFrame | None) -> pd.DataFrame:
    """Return claimed national district totals with a date and a number, sorted."""
    tl = clean_counts(coerce_table(tallies, "tallies"))
    if tl.empty:
        return tl
    scope = tl["scope"].str.strip().str.lower()
    unit = tl["unit"].str.strip().str.lower()
    keep = scope.isin(NATIONAL_SCOPES) & unit.isin(["districts", "district", ""])
    tl = tl[keep & tl["date"].notna() & (tl["count_low"].notna() | tl["count_high"].notna())].copy()
    tl["claimant"] = tl["claimant"].str.strip().str.lower().replace("", "unknown")
    tl["_value"] = tl["count_low"].fillna(tl["count_high"]).astype("float64")
    return tl.sort_values(["date", "claimant", "_value", "article_id"], kind="mergesort").reset_index(drop=True)


def _tally_label(row: pd.Series) -> str:
    """Short label of a claimed tally: 'Taliban: more than 200'."""
    who = CLAIMANT_SHORT.get(row["claimant"], row["claimant"])
    text = str(row["count_text"]).strip() or fmt_count(row["count_low"], row["count_high"])
    return f"{who}: {text}"


def districts_timeline(events: pd.DataFrame | None, tallies: pd.DataFrame | None = None, *,
                       source: str = DEFAULT_SOURCE, window: Window | None = None) -> Figure:
    """Plot district seizures per day by region, their cumulative count and the claimed totals."""
    ev = _events_of(events, "district_seized", window)
    far = outside_window(events, "district_seized", window)
    tl = national_tallies(tallies)
    if window is not None and not tl.empty:
        tl = tl[(tl["date"] >= window.low) & (tl["date"] <= window.high)].reset_index(drop=True)
    dated = ev[ev["_day"].notna()]
    if dated.empty and tl.empty:
        detail = ("No district seizures were found in these articles."
                  if ev.empty else f"{plural(len(ev), 'district seizure')} found, none with a date.")
        return empty_figure("Districts seized: nothing to show", detail, source)
    regions = tilemap.region_lookup()

    with styled():
        fig, (ax_day, ax_cum) = _new_figure(2, [3, 2])
        counted_mask = dated["place_type"].str.lower().eq("province")
        n_named = int((~counted_mask).sum())
        counted_total = int(dated.loc[counted_mask, "count_low"].fillna(dated.loc[counted_mask, "count_high"]).fillna(0).sum())
        lows = [day_number(d) for d in dated["date_low"].dropna()] + [day_number(d) for d in tl["date"]]
        highs = [day_number(d) + 1 for d in dated["_day"]] + [day_number(d) + 1 for d in dated["date_high"].dropna()]
        limits = _x_limits(lows, highs, window=window)

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
        dense, dense_top = is_dense(len(dated)), 0.0
        if dense:
            region_seen, any_counted, any_vague, dense_top = seizure_stacks(ax_day, dated, regions)
            stacked = stacked.iloc[0:0]
        with deferred_autoscale(ax_day):
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
        ymax = dense_top if dense else max(stack_top.values(), default=1.0)
        for x0, lines in sorted(notes.items()):
            text = "\n".join(lines[:3]) + (f"\n+{len(lines) - 3} more" if len(lines) > 3 else "")
            label(ax_day, text, (x0 + 0.5, stack_top[x0]), dx=0.0, dy=6.0 + 5.5 * min(len(lines), 4), ha="center",
                  fontsize=9.5, color=INK, linespacing=1.1, zorder=6, priority=1.0)
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
        seized = dated["count_low"].fillna(dated["count_high"]).fillna(0.0).astype("float64").where(is_province, 1.0)
        per_day = {float(d): float(v) for d, v in seized.groupby(day_numbers(dated["_day"])).sum().items()}
        days = sorted(per_day)
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
            label(ax_cum, f"{int(total):,} reported ", (limits[1], total), dx=-4.0, dy=8.0, ha="right",
                  fontsize=10.5, color=EVENT_TYPE_COLORS["district_seized"], fontweight="bold", priority=3.0, bbox=HALO, zorder=6)
        top = total
        seen_claimants: list[str] = []
        if len(tl) >= TALLIES_DENSE_FROM:
            seen_claimants, drawn_top = tally_points(ax_cum, tl, CLAIMANT_COLORS, CLAIMANT_MARKERS, CLAIMANT_LABELS,
                                                     _tally_label)
            top = max(top, drawn_top)
        with deferred_autoscale(ax_cum):
            for i, (_, row) in enumerate(tl.iterrows() if len(tl) < TALLIES_DENSE_FROM else ()):
                claimant = row["claimant"]
                color = CLAIMANT_COLORS.get(claimant, CLAIMANT_COLORS["unknown"])
                x = day_number(row["date"]) + 0.5
                value = float(row["_value"])
                legend_label = CLAIMANT_LABELS.get(claimant, claimant) if claimant not in seen_claimants else "_nolegend_"
                if claimant not in seen_claimants:
                    seen_claimants.append(claimant)
                ax_cum.scatter([x], [value], marker=CLAIMANT_MARKERS.get(claimant, "o"), s=120, color=color,
                               edgecolors="white", linewidths=0.8, zorder=5, label=legend_label,
                               gid=f"tally-{i}")
                if not is_missing(row["count_high"]) and not is_missing(row["count_low"]) and row["count_high"] > row["count_low"]:
                    ax_cum.vlines(x, row["count_low"], row["count_high"], colors=color, linewidth=2, zorder=4)
                elif is_missing(row["count_high"]):
                    ax_cum.annotate("", xy=(x, value), xytext=(0, 26), textcoords="offset points",
                                    arrowprops={"arrowstyle": "<|-", "color": color, "lw": 1.8,
                                                "shrinkA": 0, "shrinkB": 7}, zorder=4,
                                    gid=f"lower-bound-{i}")
                right = (x - limits[0]) / (limits[1] - limits[0]) > 0.62
                label(ax_cum, _tally_label(row), (x, value), dx=-10.0 if right else 10.0, ha="right" if right else "left",
                      fontsize=10.5, color=color, fontweight="bold", priority=2.0, bbox=HALO, zorder=6)
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
        notes_below = [outside_note(far, window)]
        if dense:
            n_ranged = int((dated["date_low"].notna() & dated["date_high"].notna()
                            & (dated["date_low"] < dated["date_high"])).sum())
            notes_below.append(f"{len(dated):,} seizures drawn as daily totals by region"
                               + (f"; {n_ranged:,} with an uncertain day are drawn on their latest possible day"
                                  if n_ranged else "") + ".")
        if len(tl) >= TALLIES_DENSE_FROM:
            notes_below.append(f"{len(tl):,} claimed national totals: each claimant's highest claim per day is drawn.")
        return finish_figure(fig, "; ".join(parts), source, notes_below)


# ----------------------------------------------------------------------------- capitals


def _lane_label(place: str, province: str) -> str:
    """Label of a capital's lane: 'Zaranj (Nimroz)' or 'Kunduz' when names agree."""
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


def capitals_timeline(events: pd.DataFrame | None, *, source: str = DEFAULT_SOURCE,
                      window: Window | None = None) -> Figure:
    """Plot one lane per provincial capital with each entry by outcome, and capitals held over time."""
    ev = _events_of(events, "capital_entered", window)
    far = outside_window(events, "capital_entered", window)
    dated = ev[ev["_day"].notna()].copy()
    if dated.empty:
        detail = ("No Taliban entries into provincial capitals were found in these articles."
                  if ev.empty else f"{plural(len(ev), 'capital entry', 'capital entries')} found, none with a date.")
        return empty_figure("Provincial capitals entered: nothing to show", detail, source)
    with styled():
        n_places = len({p or q for p, q in zip(dated["place"], dated["province"])})
        height = FIGSIZE[1] + 0.24 * max(0, n_places - 14)  # every lane keeps room for its name
        fig, (ax, ax_step) = _new_figure(2, [min(4.6, 3.2 + 0.07 * max(0, n_places - 10)) * height / FIGSIZE[1], 1.3],
                                         height=height)
        dated["outcome"] = dated["outcome"].str.strip().str.lower().where(
            dated["outcome"].str.strip().str.lower().isin(OUTCOMES), "unknown")
        dated["_first"] = dated["date_low"].fillna(dated["_day"])
        dated["_lane"] = [p or q or "Unknown place" for p, q in zip(dated["place"], dated["province"])]
        firsts = dated.groupby("_lane")["_first"].min()
        lanes = sorted(firsts.index, key=lambda lane: (firsts[lane], lane))
        lane_y = {lane: i for i, lane in enumerate(lanes)}
        lows = [day_number(d) for d in dated["date_low"].dropna()] + [day_number(d) for d in dated["_day"]]
        highs = [day_number(d) + 1 for d in dated["date_high"].dropna()] + [day_number(d) + 1 for d in dated["_day"]]
        limits = _x_limits(lows, [h + 4 for h in highs], window=window)

        any_range = any_open = any_disputed = False
        for lane in lanes:
            y = lane_y[lane]
            if y % 2 == 0:
                ax.axhspan(y - 0.5, y + 0.5, color="#f4f4f4", zorder=0, linewidth=0)
        last_by_lane: dict[str, pd.Series] = {}
        last_x: dict[str, float] = {}
        dense = is_dense(len(dated))
        if dense:
            any_range, any_open, any_disputed, last_x = entry_marks(ax, dated, lane_y, limits[0])
            last_by_lane = {lane: row for lane, (_, row) in
                            zip(dated["_lane"].drop_duplicates(keep="last"),
                                dated.drop_duplicates("_lane", keep="last").iterrows())}
        with deferred_autoscale(ax):
            for _, row in (dated.iloc[0:0] if dense else dated).iterrows():
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
                last_x[row["_lane"]] = x
        n_lanes = len(lanes)
        label_size = max(9.0, min(11.5, 230.0 / max(n_lanes, 1)))
        mark_size = float(np.clip((0.85 * 240.0 / max(n_lanes, 1)) ** 2, 45.0, 150.0))
        mark_radius = math.sqrt(mark_size) / 2.0
        for coll in ax.collections:
            if str(coll.get_gid()).startswith("entry-"):
                coll.set_sizes([mark_size])
        for lane, row in last_by_lane.items():
            end = row["date_high"] if not is_missing(row["date_high"]) else row["_day"]
            if not is_missing(row["date_low"]) and not is_missing(row["date_high"]) and row["date_low"] < row["date_high"]:
                when = fmt_span(row["date_low"], row["date_high"]).rsplit(" ", 1)[0]
            else:
                when = fmt_day(row["_day"], year=False)
            text = f"{row['outcome']} {when}"
            if str(row["status"]).lower() == "disputed":
                text += " (disputed)"
            ranged = not is_missing(row["date_low"]) and not is_missing(row["date_high"]) and row["date_low"] < row["date_high"]
            anchor, gap = ((day_number(row["date_high"]) + 1.0, 4.0) if ranged else (last_x[lane], mark_radius + 4.0))
            label(ax, text, (anchor, lane_y[lane]), dx=gap, fontsize=label_size - 1,
                  color=OUTCOME_COLORS[row["outcome"]], priority=1.0, max_steps=0,
                  bbox=HALO, zorder=6)
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
        label(ax_step, f"{len(falls)} held ", (limits[1], len(falls)), dx=-4.0, dy=8.0, ha="right",
              fontsize=10.5, color=OUTCOME_COLORS["fell"], fontweight="bold", priority=3.0)
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
        return finish_figure(fig, title, source, [outside_note(far, window)]
                             + ([f"{len(dated):,} entries drawn; overlapping marks of one capital and day are not told apart here."]
                                if dense else []))


# ----------------------------------------------------------------------------- troops


def troops_timeline(events: pd.DataFrame | None, *, source: str = DEFAULT_SOURCE,
                    window: Window | None = None) -> Figure:
    """Plot each reported flight of troops sized by its count and coloured by destination, with totals."""
    ev = _events_of(events, "troops_fled", window)
    far = outside_window(events, "troops_fled", window)
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
        limits = _x_limits(lows, [h + 5 for h in highs], window=window)
        max_n = float(dated["_n"].max()) if dated["_n"].notna().any() else 1.0
        bubble = 1500.0 / max(1.0, math.sqrt(len(dated) / 8.0))  # many flights: smaller marks that overlap less

        any_lower = any_unknown = any_range = any_disputed = False
        dense = is_dense(len(dated))
        if dense:
            any_lower, any_unknown, any_range, any_disputed = flight_marks(ax, dated, lane_y, max_n, bubble)
        with deferred_autoscale(ax):
            for _, row in (dated.iloc[0:0] if dense else dated).iterrows():
                dest = row["_dest"]
                y = lane_y[dest]
                color = color_for(dest, DESTINATION_COLORS)
                disputed = str(row["status"]).strip().lower() == "disputed"
                any_disputed |= disputed
                any_range |= _range_patch(ax, row, y, color, height=0.5)
                x = day_number(row["_day"]) + 0.5
                n = row["_n"]
                size = 70.0 if is_missing(n) else 70.0 + bubble * math.sqrt(float(n) / max(max_n, 1.0))
                ax.scatter([x], [y], s=size, marker="o", facecolors="none" if disputed else color,
                           edgecolors=color, linewidths=2.2 if disputed else 0.8, alpha=0.9, zorder=4,
                           gid=f"flight-{svg_id(row['event_id'])}")
                lower = not is_missing(row["count_low"]) and is_missing(row["count_high"])
                if lower:
                    any_lower = True
                    ax.scatter([x], [y], s=size * 1.55, marker="o", facecolors="none", edgecolors=color,
                               linewidths=1.2, linestyles="--", zorder=3,
                               gid=f"lower-{svg_id(row['event_id'])}")
                text = fmt_count(row["count_low"], row["count_high"]) or "number not given"
                any_unknown |= is_missing(n)
                radius_pt = math.sqrt(size * (1.55 if lower else 1.0)) / 2.0
                label(ax, text, (x, y), dx=radius_pt + 4, fontsize=10.5 if not is_missing(n) else 9.5,
                      color=INK if not is_missing(n) else MUTED, fontweight="bold" if not is_missing(n) else "normal",
                      priority=0.0 if is_missing(n) else float(n) / max(max_n, 1.0), max_steps=0)
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
            label(ax_cum, f"{dest} {'≥' if has_lower else ''}{int(total):,} ", (limits[1], total), dx=-4.0, dy=8.0,
                  ha="right", fontsize=10.5, color=color, fontweight="bold", priority=2.0 + total / 1e9, bbox=HALO, zorder=6)
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
        return finish_figure(fig, title, source, [outside_note(far, window)]
                             + ([f"{len(dated):,} flights drawn, too many to label: each one's number is in the report's events table."]
                                if dense else []))


# ----------------------------------------------------------------------------- map and all


def province_map(events: pd.DataFrame | None, *, source: str = DEFAULT_SOURCE) -> Figure:
    """Draw the province tile map of events (see analysis.present.tilemap.province_map)."""
    return tilemap.province_map(events, source=source)


def figure_drawers(tables: Tables) -> dict[str, Callable[[], Figure]]:
    """One function per figure that draws it from `tables` when called, keyed by file stem."""
    source = source_line(tables.articles, tables.events)
    window = reporting_window(tables.articles, tables.events)
    events = shown(tables.events)
    return {
        "districts_seized": lambda: districts_timeline(events, tables.tallies, source=source, window=window),
        "capitals_entered": lambda: capitals_timeline(events, source=source, window=window),
        "troops_fled": lambda: troops_timeline(events, source=source, window=window),
        "province_map": lambda: province_map(events, source=source),
    }


def build_figures(tables: Tables) -> dict[str, Figure]:
    """Build the three timelines and the map from `tables`, keyed by file stem."""
    return {stem: draw() for stem, draw in figure_drawers(tables).items()}


def outside_by_figure(tables: Tables) -> dict[str, pd.DataFrame]:
    """For each timeline, the events dated far outside the reporting window (listed, not drawn)."""
    window = reporting_window(tables.articles, tables.events)
    stems = {"districts_seized": "district_seized", "capitals_entered": "capital_entered", "troops_fled": "troops_fled"}
    return {stem: outside_window(shown(tables.events), etype, window) for stem, etype in stems.items()}


def show_saved(saved: Mapping[str, SavedFigure], stem: str) -> Any:
    """Show a figure as saved (its PNG), for notebooks: the figure is drawn once, by make_all_figures."""
    from IPython.display import Image

    return Image(filename=str(saved[stem].png))


def saved_files(saved: Mapping[str, SavedFigure]) -> pd.DataFrame:
    """The files make_all_figures wrote (or found up to date), one row per figure."""
    return pd.DataFrame([{"figure": stem, "png": f.png.name, "svg": f.svg.name, "folder": str(f.png.parent)}
                         for stem, f in saved.items()])


def figure_title(fig: Figure) -> str:
    """Return the headline (finding) of a figure made here, on one line."""
    sup = getattr(fig, "_suptitle", None)
    return " ".join(sup.get_text().split()) if sup is not None else ""


def make_all_figures(tables: Tables, figures_dir: Path | str) -> dict[str, SavedFigure]:
    """Save the three timelines and the map from `tables` as PNG and SVG, drawing only those not saved from the same inputs."""
    drawers = figure_drawers(tables)
    return draw_or_reuse(tables, figures_dir, {stem: drawers[stem] for stem in FIGURE_STEMS}, figure_title)


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
    "DENSE_FROM", "NATIONAL_SCOPES", "TALLIES_DENSE_FROM", "CLAIMANT_COLORS", "CLAIMANT_LABELS", "DESTINATION_COLORS", "DPI", "EVENT_TYPE_COLORS", "EVENT_TYPE_LABELS",
    "OUTCOME_COLORS", "OUTCOME_LABELS", "OUTCOME_MARKERS", "OUTCOMES", "REGIONS", "REGION_COLORS", "STYLE",
    "SavedFigure", "Tables", "apply_style", "build_figures", "capitals_timeline", "clean_counts", "coerce_table",
    "districts_timeline", "empty_figure", "enable_notebook_display", "event_day", "figure_bytes", "figure_drawers", "figure_title",
    "fmt_count", "fmt_day", "fmt_span", "is_missing", "load_tables", "make_all_figures", "outside_by_figure",
    "province_map", "reporting_window", "save_figure", "saved_files", "show_saved", "source_line", "styled",
    "troops_timeline",
]
