"""The phase countdown: large digits that change colour as time runs out, and the session's time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits

from interview_tui.tui.widgets.readout import Readout

from interview_tui.session.clock import mmss
from interview_tui.session.state import Pace, SessionState

PACE_CLASSES = {pace: f"-{pace}" for pace in Pace}


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
        yield Readout(id="phase-title")
        yield Digits("00:00", id="countdown")
        yield Readout(id="clock-status")
        yield Readout(id="session-time")
        yield Readout(id="shrink")

    def show(self, state: SessionState, now: float) -> None:
        """Show the clock of `state` at session time `now` (live: the real now; replay: a virtual one)."""
        playbook = state.playbook
        assert playbook is not None
        phase = state.phase
        remaining = state.phase_remaining(now)
        planned = state.phase_planned(phase.id)
        pace = state.pace(now)
        overtime = pace == Pace.OVERTIME
        self.query_one("#phase-title", Readout).show(f"{state.phase_index + 1}/{len(playbook.phases)} {phase.title}")
        # Shown rounded up while counting down (05:00 until a whole second has passed).
        digits = "+" + mmss(-remaining) if overtime else mmss(remaining + 0.999)
        self.query_one("#countdown", Digits).update(digits)
        for each, css_class in PACE_CLASSES.items():
            self.set_class(each == pace and state.clock_started, css_class)
        self.set_class(not state.clock_started, "-stopped")
        self.set_class(state.clock_started and not state.running and not state.ended, "-paused")
        extended = state.extensions.get(phase.id, 0.0)
        of = f"of {mmss(planned)}" + (f" (+{mmss(extended)})" if extended else "")
        if state.ended:
            status = "Session ended"
        elif not state.clock_started:
            status = "Clock not started (F5 starts)"
        elif not state.running:
            status = f"Paused (F5 resumes) · {of}"
        elif overtime:
            status = f"OVERTIME {of}"
        elif pace == Pace.ALERT:
            status = f"ALMOST OUT OF TIME {of}"
        elif pace == Pace.WARNING:
            status = f"Time is running out {of}"
        else:
            status = f"Phase left {of}"
        self.query_one("#clock-status", Readout).show(status)
        elapsed = state.clock_elapsed(now)
        session_left = state.session_remaining(now)
        left = f"left {mmss(session_left)}" if session_left >= 0 else f"over by {mmss(-session_left)}"
        self.query_one("#session-time", Readout).show(f"Session {mmss(elapsed)} · {left}")
        shrink = state.shrink_needed(now)
        text = ""
        if shrink is not None and not state.ended:
            text = f"Later phases: −{mmss(shrink.seconds)} (−{shrink.fraction:.0%}) to end on time"
        shrink_line = self.query_one("#shrink", Readout)
        shrink_line.show(text)
        shrink_line.set_class(not text, "-empty")
