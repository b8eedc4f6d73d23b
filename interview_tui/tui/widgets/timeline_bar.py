"""The replay's timeline: the whole session across the width, each role's notes marked, the playhead."""

from __future__ import annotations

from textual.widget import Widget
from textual.strip import Strip
from rich.segment import Segment
from rich.style import Style

from interview_tui.session.events import Role
from interview_tui.session.state import Note

ROLE_COLOURS = {Role.INTERVIEWER: "#62a0ea", Role.SCRIBE: "#e5a50a", Role.OBSERVER: "#c061cb"}
ROLE_ROWS = (Role.INTERVIEWER, Role.SCRIBE, Role.OBSERVER)


class TimelineBar(Widget):
    """Three rows, one per role, a mark where that role wrote; phase starts as ┊; the playhead inverted."""

    DEFAULT_CSS = """
    TimelineBar { height: 3; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.end = 1.0
        self.playhead = 0.0
        self._columns: dict[Role, set[int]] = {role: set() for role in ROLE_ROWS}
        self._phase_columns: set[int] = set()
        self._notes: list[Note] = []
        self._phase_times: list[float] = []

    def set_session(self, notes: list[Note], phase_times: list[float], end: float) -> None:
        self._notes = notes
        self._phase_times = phase_times
        self.end = max(end, 1.0)
        self._layout_marks()
        self.refresh()

    def move_playhead(self, t: float) -> None:
        if self._column(t) != self._column(self.playhead):
            self.playhead = t
            self.refresh()
        self.playhead = t

    def time_at_column(self, column: int) -> float:
        width = max(self._track_width - 1, 1)
        return max(0.0, min((column - 1) / width, 1.0)) * self.end

    @property
    def _track_width(self) -> int:
        return max(self.size.width - 2, 1)  # a space at each end

    def _column(self, t: float) -> int:
        width = max(self._track_width - 1, 1)
        return round(max(0.0, min(t / self.end, 1.0)) * width)

    def _layout_marks(self) -> None:
        self._columns = {role: set() for role in ROLE_ROWS}
        for note in self._notes:
            if not note.deleted:
                self._columns[note.role].add(self._column(note.t))
        self._phase_columns = {self._column(t) for t in self._phase_times}

    def on_resize(self) -> None:
        self._layout_marks()

    def render_line(self, y: int) -> Strip:
        width = self._track_width
        if y >= len(ROLE_ROWS) or self.size.width < 3:
            return Strip.blank(self.size.width)
        role = ROLE_ROWS[y]
        marks = self._columns[role]
        colour = Style(color=ROLE_COLOURS[role])
        dim = Style(color="#5e5c64")
        playhead = self._column(self.playhead)
        segments = [Segment(" ")]
        for column in range(width):
            if column in marks:
                text, style = "▮", colour
            elif column in self._phase_columns:
                text, style = "┊", dim
            else:
                text, style = "·" if y == 1 else " ", dim
            if column == playhead:
                style = style + Style(reverse=True, bold=True)
                if text in (" ", "·"):
                    text = "│"
            segments.append(Segment(text, style))
        segments.append(Segment(" "))
        return Strip(segments)
