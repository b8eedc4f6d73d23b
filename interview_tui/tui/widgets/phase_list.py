"""The phases of the play with planned and spent minutes; the current one marked."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.visual import RenderOptions
from textual.widget import Widget

from interview_tui.i18n import _
from interview_tui.session.clock import mmss
from interview_tui.session.state import SessionState
from interview_tui.tui.text import plain


def _minutes(seconds: float) -> str:
    # Translators: a short length in minutes for the phase list ("5m"; ko "5분", zh "5分").
    return _("{minutes}m").format(minutes=f"{seconds / 60:g}")


def _right(text: str, cells: int) -> str:
    """Right-aligned in cells: "10분" is three characters but five cells wide."""
    return " " * max(cells - cell_len(text), 0) + text


class PhaseList(Widget):
    """One line a phase. The lines are built when drawn, at the width the layout gave: built when
    shown, before the first layout, they cut every title to 8 cells in the first frame; built for 200
    columns, they wrapped at 80 after a resize and pushed the script panel out of sight. A skipped
    phase is marked ⤼ and struck through.

    Drawn a line at a time (Textual's line API): with the clock running, only the current phase's
    spent time changes, once a second, and only its line is drawn again (all of them: 1.1 ms a tick)."""

    DEFAULT_CSS = """
    PhaseList {
        height: auto;
        padding: 0 1;
        border-top: solid $panel-lighten-2;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: tuple[tuple[bool, str, float, str, bool, bool], ...] = ()
        self._lengths: list[str] = []
        self._strips: dict[int, tuple[tuple, int, Strip]] = {}

    def show_phases(self, state: SessionState, now: float) -> None:
        playbook = state.playbook
        assert playbook is not None
        rows = []
        for index, phase in enumerate(playbook.phases):
            spent = state.phase_spent(phase.id, now)
            current = index == state.phase_index
            skipped = phase.id in state.skipped_phases and not current
            rows.append((current, phase.title, phase.seconds, mmss(spent) if spent else "", spent > phase.seconds, skipped))
        rows_shown = tuple(rows)
        if rows_shown == self._rows:
            return  # the clock ticks often; the shown minutes change once a second at most
        lengths = [_minutes(row[2]) for row in rows_shown]
        if len(rows_shown) != len(self._rows) or lengths != self._lengths:
            # Another play, or a phase's planned length changed: the columns move, every line is new.
            layout = len(rows_shown) != len(self._rows)  # same number of lines: no layout pass
            self._rows, self._lengths = rows_shown, lengths
            self._strips.clear()
            self.refresh(layout=layout)
            return
        changed = [index for index, (old, new) in enumerate(zip(self._rows, rows_shown)) if old != new]
        self._rows = rows_shown
        width = self.size.width
        self.refresh(*(Region(0, index, width, 1) for index in changed))

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._rows)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # a theme or a class changed the colours

    def render_line(self, y: int) -> Strip:
        self._dirty_regions.clear()  # the lines are kept here, one by one, not as Widget's whole render
        width = self.size.width
        style = self.visual_style
        if y >= len(self._rows):
            return Strip.blank(width, style.rich_style)
        row = self._rows[y]
        cached = self._strips.get(y)
        if cached is not None and cached[0] == row and cached[1] == width:
            return cached[2]
        line = self._line(row, self._lengths[y], width)
        strip = line.render_strips(width, 1, style, RenderOptions(self._get_style, self.styles))[0]
        strip = strip.extend_cell_length(width, style.rich_style)
        self._strips[y] = (row, width, strip)
        return strip

    def _line(self, row: tuple[bool, str, float, str, bool, bool], length: str, width: int) -> Content:
        # Columns line up in cells, not characters, so Korean and Chinese titles align too.
        current, title, _seconds, spent, over, skipped = row
        length_cells = max(4, *(cell_len(text) for text in self._lengths))
        title_width = max(width - 2 - length_cells - 1 - 1 - 6, 8)
        spent_style = "bold $error" if over else ("bold" if current else "dim")
        marker = "▶ " if current else ("⤼ " if skipped else "  ")
        shown_title = plain(title).truncate(title_width, ellipsis=True, pad=True)
        return Content.assemble(
            (marker, "bold $accent" if current else ""),
            shown_title.stylize("dim strike") if skipped else shown_title.stylize("bold" if current else ""),
            " ",
            (_right(length, length_cells), "dim"),
            " ",
            (spent, spent_style),
        )
