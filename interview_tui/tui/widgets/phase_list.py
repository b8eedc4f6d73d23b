"""The phases of the play with planned and spent minutes; the current one marked."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from interview_tui.session.clock import mmss
from interview_tui.session.state import SessionState


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:g}m"


class PhaseList(Widget):
    """One line a phase. The lines are built when drawn, at the width the layout gave: built when
    shown, before the first layout, they cut every title to 8 cells in the first frame."""

    DEFAULT_CSS = """
    PhaseList {
        height: auto;
        padding: 0 1;
        border-top: solid $panel-lighten-2;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: tuple[tuple[bool, str, float, str, bool], ...] = ()

    def show_phases(self, state: SessionState, now: float) -> None:
        playbook = state.playbook
        assert playbook is not None
        rows = []
        for index, phase in enumerate(playbook.phases):
            spent = state.phase_spent(phase.id, now)
            rows.append((index == state.phase_index, phase.title, phase.seconds, mmss(spent) if spent else "", spent > phase.seconds))
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
        title_width = max(self.content_size.width - 2 - 5 - 1 - 6, 8)
        lines: list[Content] = []
        for current, title, seconds, spent, over in self._rows:
            spent_style = "bold $error" if over else ("bold" if current else "dim")
            lines.append(Content.assemble(
                ("▶ " if current else "  ", "bold $accent" if current else ""),
                Content(title).truncate(title_width, ellipsis=True, pad=True).stylize("bold" if current else ""),
                " ",
                (f"{_minutes(seconds):>4}", "dim"),
                " ",
                (spent, spent_style),
            ))
        return Content("\n").join(lines)
