"""A compositor that redraws only the rows that changed.

Textual's partial update (a ticking clock, a typed key) draws every widget whose *container*
overlaps the changed area, and each of them whole, then keeps only the changed rows: with the clock
running, one second's four changed readouts drew thirteen widgets, 146 rows, from the live screen's
key bar to its session bar. Here a widget is drawn only if what shows of it overlaps the changed
area, and only its rows there. What reaches the terminal is the same (tests/test_compositor.py
compares both, update by update).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip


class ChangedRowsCompositor(Compositor):
    def _get_renders(self, crop: Region | None = None) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if crop is None:
            yield from super()._get_renders(crop)
            return
        crop_top, crop_bottom = crop.y, crop.bottom
        overlaps = crop.overlaps
        for widget, (region, clip) in self.visible_widgets.items():
            shown = region.intersection(clip)
            if not overlaps(shown):
                continue  # none of it is in the changed area: nothing it draws is sent
            # Its rows in the changed area, at its full shown width: the chops of a row are cut at
            # widget edges, so each is filled whole by the front-most widget, as Textual fills it.
            top, bottom = max(shown.y, crop_top), min(shown.bottom, crop_bottom)
            rows = Region(shown.x, top, shown.width, bottom - top)
            yield region, rows, widget.render_lines(Region(rows.x - region.x, top - region.y, rows.width, rows.height))
