"""The phase countdown: large digits that change colour as time runs out, and the session's time."""

from __future__ import annotations

from rich.segment import Segment
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.renderables.digits import Digits as DigitsRenderable
from textual.strip import Strip
from textual.widgets import Digits

from interview_tui.i18n import _
from interview_tui.session.clock import mmss
from interview_tui.session.state import Pace, SessionState
from interview_tui.tui.widgets.readout import Readout

PACE_CLASSES = {pace: f"-{pace}" for pace in Pace}
CLOCK_CLASSES = (*PACE_CLASSES.values(), "-stopped", "-paused")


def clock_classes(state: SessionState, now: float) -> set[str]:
    """The clock's CSS classes (its colours) for `state` at `now`. A screen gives them to a new
    PhaseClock, so its first styling is its last (a class set after mounting styles the clock's
    readouts again: ~2 ms of the start)."""
    classes = set()
    if state.clock_started:
        classes.add(PACE_CLASSES[state.pace(now)])
        if not state.running and not state.ended:
            classes.add("-paused")
    else:
        classes.add("-stopped")
    return classes


class CountdownDigits(Digits):
    """Digits that draw their three lines straight from the glyphs, cached until the value, the
    width or the colour changes. Textual's Digits draws through a Rich `Align` on every change:
    0.7 ms of the clock's each second, more than the rest of the countdown (idle CPU, benchmarks)."""

    def __init__(self, value: str = "", **kwargs) -> None:
        super().__init__(value, **kwargs)
        self._drawn: tuple[object, list[Strip]] | None = None

    def update(self, value: str) -> None:
        if value != self.value:  # Digits.update redraws even when the value is the same
            super().update(value)

    def render_line(self, y: int) -> Strip:
        if self.text_selection is not None:
            return super().render_line(y)  # a selection is drawn the usual way
        self._dirty_regions.clear()
        width, style = self.size.width, self.rich_style
        key = (self.value, width, style)
        if self._drawn is None or self._drawn[0] != key:
            segments = DigitsRenderable(self.value, style).render(style)
            rows = [segment.text for segment in segments if segment.text != "\n"]
            self._drawn = (key, [Strip([Segment(row, style)]).crop_extend(0, width, style) for row in rows])
        strips = self._drawn[1]
        return strips[y] if y < len(strips) else Strip.blank(width, style)


class PhaseClock(Vertical):
    DEFAULT_CSS = """
    PhaseClock {
        height: auto;
        padding: 0 1;
    }
    PhaseClock #phase-title {
        text-style: bold;
        color: $text;
        width: 1fr;
        height: 1;
    }
    PhaseClock #countdown { width: auto; color: $success; }
    PhaseClock.-warning #countdown { color: $warning; }
    PhaseClock.-alert #countdown, PhaseClock.-overtime #countdown { color: $error; }
    PhaseClock.-stopped #countdown { color: $text-muted; }
    PhaseClock.-paused #countdown { color: $text-muted; text-style: italic; }
    PhaseClock #clock-status { height: 1; color: $text-muted; }
    PhaseClock.-warning #clock-status { color: $warning; }
    PhaseClock.-alert #clock-status, PhaseClock.-overtime #clock-status {
        color: $error;
        text-style: bold;
    }
    PhaseClock #session-time { height: 1; color: $text-muted; }
    PhaseClock #shrink { height: auto; color: $warning; }
    PhaseClock #shrink.-empty { display: none; }
    """

    def compose(self) -> ComposeResult:
        # Kept at hand: shown every second, and a query walks the children each time.
        self._title, self._countdown, self._status, self._session_time, self._shrink = (
            Readout(id="phase-title"), CountdownDigits("00:00", id="countdown"), Readout(id="clock-status"),
            Readout(id="session-time"), Readout(id="shrink", classes="-empty"),
        )
        yield from (self._title, self._countdown, self._status, self._session_time, self._shrink)

    def show(self, state: SessionState, now: float) -> None:
        """Show the clock of `state` at session time `now` (live: the real now; replay: a virtual one)."""
        playbook = state.playbook
        assert playbook is not None
        phase = state.phase
        remaining = state.phase_remaining(now)
        planned = state.phase_planned(phase.id)
        pace = state.pace(now)
        overtime = pace == Pace.OVERTIME
        self._title.show(f"{state.phase_index + 1}/{len(playbook.phases)} {phase.title}")
        # Shown rounded up while counting down (05:00 until a whole second has passed).
        digits = "+" + mmss(-remaining) if overtime else mmss(remaining + 0.999)
        self._countdown.update(digits)
        classes = clock_classes(state, now)
        for css_class in CLOCK_CLASSES:
            self.set_class(css_class in classes, css_class)
        extended = state.extensions.get(phase.id, 0.0)
        left = mmss(max(remaining, 0.0) + 0.999)
        if state.ended:
            status = _("Session ended")
        elif not state.clock_started:
            status = _("Clock not started (F5 starts)")
        elif not state.running:
            status = _("Paused, {left} left (F5 resumes)").format(left=left)
        elif overtime:
            status = _("OVERTIME: {planned} planned, now over").format(planned=mmss(planned))
        elif pace == Pace.ALERT:
            status = _("{left} left: almost out of time").format(left=left)
        elif pace == Pace.WARNING:
            status = _("{left} left: time is running out").format(left=left)
        else:
            status = _("{left} left in this phase").format(left=left)
        if extended and not state.ended:
            status += " " + _("(+{extra} added)").format(extra=mmss(extended))
        self._status.show(status)
        elapsed = state.clock_elapsed(now)
        session_left = state.session_remaining(now)
        if session_left >= 0:
            session_line = _("Session {elapsed} · left {left}").format(elapsed=mmss(elapsed), left=mmss(session_left))
        else:
            session_line = _("Session {elapsed} · over by {over}").format(elapsed=mmss(elapsed), over=mmss(-session_left))
        self._session_time.show(session_line)
        shrink = state.shrink_needed(now)
        text = ""
        if shrink is not None and not state.ended:
            text = _("Later phases: −{time} (−{percent}) to end on time").format(time=mmss(shrink.seconds), percent=f"{shrink.fraction:.0%}")
        shrink_line = self._shrink
        shrink_line.show(text)
        shrink_line.set_class(not text, "-empty")
