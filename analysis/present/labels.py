"""Collision-aware placement of text labels in a laid-out figure: no overlaps, nothing outside its axes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation, Text

PAD_PX = 4.0  # space kept between two labels, in pixels
OBSTACLE_GIDS: tuple[str, ...] = ("seized-", "range-")  # bars and date-range boxes labels must not cover
PLACEABLE = "_placeable"  # attribute set on the annotations this module may move or hide


def label(ax: Axes, text: str, xy: tuple[float, float], *, dx: float = 6.0, dy: float = 0.0,
          ha: str = "left", priority: float = 0.0, max_steps: int = 8, **kwargs: Any) -> Annotation:
    """Add a movable label next to a data point (offset in points); place_labels settles it later.

    Higher `priority` is placed first; `max_steps` bounds how many line heights it may move up or down
    (0 keeps it on its lane: only its side of the mark may change)."""
    ann = ax.annotate(text, xy=xy, xytext=(dx, dy), textcoords="offset points", ha=ha, va="center",
                      annotation_clip=False, **kwargs)
    ann.set_in_layout(False)
    setattr(ann, PLACEABLE, (float(dx), float(dy), ha, float(priority), int(max_steps)))
    return ann


def _renderer(fig: Figure) -> Any:
    """A renderer of the figure (attaching an Agg canvas when it has none)."""
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    return canvas.get_renderer()


def _drawn_tick_labels(fig: Figure) -> tuple[set[int], set[int]]:
    """Ids of tick labels that are drawn, and of all tick labels (those outside the view are not drawn)."""
    drawn: set[int] = set()
    every: set[int] = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                every.update({id(tick.label1), id(tick.label2)})
            if not (ax.get_visible() and ax.axison and axis.get_visible()):
                continue
            for tick in axis._update_ticks():  # the ticks inside the view, which are the ones drawn
                drawn.update(id(t) for t in (tick.label1, tick.label2) if tick.get_visible() and t.get_visible())
    return drawn, every


def text_boxes(fig: Figure, renderer: Any | None = None) -> list[tuple[Text, np.ndarray]]:
    """Every drawn, non-empty text of a figure with its rendered box (x0, y0, x1, y1) in pixels."""
    renderer = renderer or _renderer(fig)
    drawn_ticks, tick_labels = _drawn_tick_labels(fig)
    out: list[tuple[Text, np.ndarray]] = []
    for artist in fig.findobj(Text):
        if not artist.get_visible() or not artist.get_text().strip():
            continue
        if id(artist) in tick_labels and id(artist) not in drawn_ticks:
            continue
        parent = artist.axes
        if parent is not None and not parent.get_visible():
            continue
        box = artist.get_window_extent(renderer)
        out.append((artist, np.array([box.x0, box.y0, box.x1, box.y1])))
    return out


def marker_boxes(fig: Figure) -> np.ndarray:
    """Boxes (n x 4, pixels) of the scatter marks of every axes, so labels do not cover data points."""
    boxes: list[np.ndarray] = []
    scale = fig.dpi / 72.0
    for ax in fig.axes:
        for coll in ax.collections:
            if not isinstance(coll, PathCollection) or not coll.get_visible():
                continue
            offsets = coll.get_offsets()
            if len(offsets) == 0:
                continue
            points = coll.get_offset_transform().transform(np.asarray(offsets, dtype=float))
            sizes = np.broadcast_to(np.asarray(coll.get_sizes(), dtype=float) if len(coll.get_sizes()) else np.array([36.0]),
                                    (len(points),))
            radius = np.sqrt(sizes) / 2.0 * scale
            boxes.append(np.column_stack([points[:, 0] - radius, points[:, 1] - radius,
                                          points[:, 0] + radius, points[:, 1] + radius]))
        for patch in ax.patches:
            if isinstance(patch, Rectangle) and patch.get_visible() and str(patch.get_gid() or "").startswith(OBSTACLE_GIDS):
                b = patch.get_window_extent()
                boxes.append(np.array([[b.x0, b.y0, b.x1, b.y1]]))
    return np.vstack(boxes) if boxes else np.zeros((0, 4))


def overlaps(boxes: np.ndarray, box: np.ndarray, pad: float = 0.0) -> np.ndarray:
    """Which of `boxes` (n x 4) intersect `box`, each grown by `pad` pixels."""
    if len(boxes) == 0:
        return np.zeros(0, dtype=bool)
    return ((boxes[:, 0] < box[2] + pad) & (box[0] < boxes[:, 2] + pad)
            & (boxes[:, 1] < box[3] + pad) & (box[1] < boxes[:, 3] + pad))


def _candidates(dx: float, dy: float, ha: str, height_pt: float, max_steps: int) -> list[tuple[float, float, str]]:
    """Spots to try for a label: its own, then the mirrored side, then steps up and down."""
    mirror = {"left": "right", "right": "left", "center": "center"}[ha]
    spots: list[tuple[float, float, str]] = []
    for step in range(0, max_steps + 1):
        for sign in ((0,) if step == 0 else (1, -1)):
            shift = sign * step * (height_pt + 1.0)
            spots.append((dx, dy + shift, ha))
            if mirror != ha:
                spots.append((-dx, dy + shift, mirror))
    return spots


def place_labels(fig: Figure, labels: Sequence[Annotation] | None = None) -> list[Annotation]:
    """Move each movable label to a free spot inside its axes, hide those with none; return the hidden."""
    renderer = _renderer(fig)
    movable = [t for t in (labels if labels is not None else fig.findobj(Annotation)) if hasattr(t, PLACEABLE)]
    movable_ids = {id(t) for t in movable}
    fixed = [box for artist, box in text_boxes(fig, renderer) if id(artist) not in movable_ids]
    for legend in fig.findobj(Legend):
        if legend.get_visible():
            b = legend.get_window_extent(renderer)
            fixed.append(np.array([b.x0, b.y0, b.x1, b.y1]))
    placed = np.vstack([np.array(fixed).reshape(-1, 4), marker_boxes(fig)])
    scale = fig.dpi / 72.0
    hidden: list[Annotation] = []
    order = sorted(range(len(movable)), key=lambda i: (-getattr(movable[i], PLACEABLE)[3], i))
    for i in order:
        ann = movable[i]
        dx, dy, ha, _priority, max_steps = getattr(ann, PLACEABLE)
        ann.set_visible(True)
        ann.xyann = (0.0, 0.0)  # measure at the anchor first
        ann.set_ha("left")
        box0 = ann.get_window_extent(renderer)
        width, height = box0.width, box0.height
        anchor_x, anchor_y = box0.x0, (box0.y0 + box0.y1) / 2.0
        ax = ann.axes
        frame = ax.get_window_extent(renderer) if ax is not None else fig.bbox
        chosen: np.ndarray | None = None
        for cx, cy, cha in _candidates(dx, dy, ha, height / scale, max_steps):
            x0 = anchor_x + cx * scale - {"left": 0.0, "center": width / 2.0, "right": width}[cha]
            y0 = anchor_y + cy * scale - height / 2.0
            box = np.array([x0, y0, x0 + width, y0 + height])
            if box[0] < frame.x0 or box[2] > frame.x1 or box[1] < frame.y0 or box[3] > frame.y1:
                continue
            if overlaps(placed, box, PAD_PX).any():
                continue
            ann.xyann = (cx, cy)
            ann.set_ha(cha)
            chosen = box
            break
        if chosen is None:
            ann.xyann = (dx, dy)
            ann.set_ha(ha)
            ann.set_visible(False)
            hidden.append(ann)
        else:
            placed = np.vstack([placed, chosen])
    return hidden


def collisions(fig: Figure) -> tuple[list[tuple[str, str]], list[str]]:
    """Pairs of rendered texts that overlap, and texts that leave the figure (for tests and checks)."""
    renderer = _renderer(fig)
    boxes = text_boxes(fig, renderer)
    arr = np.array([b for _, b in boxes]).reshape(-1, 4)
    pairs: list[tuple[str, str]] = []
    for i in range(len(boxes)):
        hits = overlaps(arr[i + 1:], arr[i])
        for j in np.nonzero(hits)[0]:
            pairs.append((boxes[i][0].get_text(), boxes[i + 1 + int(j)][0].get_text()))
    w, h = fig.bbox.width, fig.bbox.height
    outside = [t.get_text() for t, b in boxes if b[0] < -0.5 or b[1] < -0.5 or b[2] > w + 0.5 or b[3] > h + 0.5]
    return pairs, outside
