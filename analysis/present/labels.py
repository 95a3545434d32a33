"""Collision-aware placement of text labels in a laid-out figure: no overlaps, nothing outside its axes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.text import Annotation, Text

PAD_PX = 1.5  # space kept between two labels, in pixels
PLACEABLE = "_placeable"  # attribute set on the annotations this module may move or hide


def label(ax: Axes, text: str, xy: tuple[float, float], *, dx: float = 6.0, dy: float = 0.0,
          ha: str = "left", priority: float = 0.0, **kwargs: Any) -> Annotation:
    """Add a movable label next to a data point (offset in points); place_labels settles it later."""
    ann = ax.annotate(text, xy=xy, xytext=(dx, dy), textcoords="offset points", ha=ha, va="center",
                      annotation_clip=False, **kwargs)
    ann.set_in_layout(False)
    setattr(ann, PLACEABLE, (float(dx), float(dy), ha, float(priority)))
    return ann


def _renderer(fig: Figure) -> Any:
    """A renderer of the figure (attaching an Agg canvas when it has none)."""
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    return canvas.get_renderer()


def text_boxes(fig: Figure, renderer: Any | None = None) -> list[tuple[Text, np.ndarray]]:
    """Every visible, non-empty text of a figure with its rendered box (x0, y0, x1, y1) in pixels."""
    renderer = renderer or _renderer(fig)
    out: list[tuple[Text, np.ndarray]] = []
    for artist in fig.findobj(Text):
        if not artist.get_visible() or not artist.get_text().strip():
            continue
        if any(not a.get_visible() for a in _ancestors(artist)):
            continue
        box = artist.get_window_extent(renderer)
        out.append((artist, np.array([box.x0, box.y0, box.x1, box.y1])))
    return out


def _ancestors(artist: Any) -> Iterable[Any]:
    """The artists containing `artist` (legend, axis), for visibility checks."""
    parent = getattr(artist, "axes", None)
    if isinstance(parent, Axes):
        yield parent
    for axis in (getattr(parent, "xaxis", None), getattr(parent, "yaxis", None)):
        if axis is not None and artist in axis.get_ticklabels(which="both"):
            yield axis


def overlaps(boxes: np.ndarray, box: np.ndarray, pad: float = 0.0) -> np.ndarray:
    """Which of `boxes` (n x 4) intersect `box`, each grown by `pad` pixels."""
    if len(boxes) == 0:
        return np.zeros(0, dtype=bool)
    return ((boxes[:, 0] < box[2] + pad) & (box[0] < boxes[:, 2] + pad)
            & (boxes[:, 1] < box[3] + pad) & (box[1] < boxes[:, 3] + pad))


def _candidates(dx: float, dy: float, ha: str, height_pt: float) -> list[tuple[float, float, str]]:
    """Spots to try for a label: its own, then the mirrored side, then steps up and down."""
    mirror = {"left": "right", "right": "left", "center": "center"}[ha]
    spots: list[tuple[float, float, str]] = []
    for step in range(0, 9):
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
    placed = np.array(fixed).reshape(-1, 4)
    scale = fig.dpi / 72.0
    hidden: list[Annotation] = []
    order = sorted(range(len(movable)), key=lambda i: (-getattr(movable[i], PLACEABLE)[3], i))
    for i in order:
        ann = movable[i]
        dx, dy, ha, _priority = getattr(ann, PLACEABLE)
        ann.set_visible(True)
        ann.xyann = (0.0, 0.0)  # measure at the anchor first
        ann.set_ha("left")
        box0 = ann.get_window_extent(renderer)
        width, height = box0.width, box0.height
        anchor_x, anchor_y = box0.x0, (box0.y0 + box0.y1) / 2.0
        ax = ann.axes
        frame = ax.get_window_extent(renderer) if ax is not None else fig.bbox
        chosen: np.ndarray | None = None
        for cx, cy, cha in _candidates(dx, dy, ha, height / scale):
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
