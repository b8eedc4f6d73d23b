"""The phases of the play with planned and spent minutes; the current one marked."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
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
    phase is marked ⤼ and struck through."""

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
        layout = len(rows_shown) != len(self._rows)  # same number of lines: no layout pass
        self._rows = rows_shown
        self.refresh(layout=layout)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._rows)

    def render(self) -> Content:
        # Columns line up in cells, not characters, so Korean and Chinese titles align too.
        minutes = [_minutes(seconds) for _current, _title, seconds, _spent, _over, _skipped in self._rows]
        length_cells = max(4, *(cell_len(text) for text in minutes)) if minutes else 4
        title_width = max(self.content_size.width - 2 - length_cells - 1 - 1 - 6, 8)
        lines: list[Content] = []
        for (current, title, _seconds, spent, over, skipped), length in zip(self._rows, minutes):
            spent_style = "bold $error" if over else ("bold" if current else "dim")
            marker = "▶ " if current else ("⤼ " if skipped else "  ")
            shown_title = plain(title).truncate(title_width, ellipsis=True, pad=True)
            lines.append(Content.assemble(
                (marker, "bold $accent" if current else ""),
                shown_title.stylize("dim strike") if skipped else shown_title.stylize("bold" if current else ""),
                " ",
                (_right(length, length_cells), "dim"),
                " ",
                (spent, spent_style),
            ))
        return Content("\n").join(lines)
