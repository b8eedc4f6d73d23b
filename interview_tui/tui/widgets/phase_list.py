"""The phases of the play with planned and spent minutes; the current one marked."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content

from interview_tui.tui.widgets.readout import Readout

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


class PhaseList(Readout):
    DEFAULT_CSS = """
    PhaseList {
        height: auto;
        padding: 0 1;
        border-top: solid $panel-lighten-2;
    }
    """

    def show_phases(self, state: SessionState, now: float) -> None:
        playbook = state.playbook
        assert playbook is not None
        lines: list[Content] = []
        for index, phase in enumerate(playbook.phases):
            current = index == state.phase_index
            spent = state.phase_spent(phase.id, now)
            over = spent > phase.seconds
            marker = "▶" if current else " "
            spent_style = "bold $error" if over else ("bold" if current else "dim")
            # Columns line up in cells, not characters, so Korean and Chinese titles align too.
            length_cells = max(4, max(cell_len(_minutes(p.seconds)) for p in playbook.phases))
            title_width = max(self.content_size.width - 2 - length_cells - 1 - 1 - 6, 8)
            title = plain(phase.title).truncate(title_width, ellipsis=True, pad=True)
            line = Content.assemble(
                (marker + " ", "bold $accent" if current else ""),
                title.stylize("bold" if current else ""),
                " ",
                (_right(_minutes(phase.seconds), length_cells), "dim"),
                " ",
                (mmss(spent) if spent else "", spent_style),
            )
            lines.append(line)
        self.show(Content("\n").join(lines))
