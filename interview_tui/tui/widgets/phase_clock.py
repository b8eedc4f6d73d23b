"""The phase countdown: large digits, overtime shown as overtime, and the whole session's time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from interview_tui.session.clock import mmss
from interview_tui.session.state import SessionState


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
        height: auto;
    }
    PhaseClock #countdown {
        width: auto;
        color: $success;
    }
    PhaseClock.-overtime #countdown { color: $error; }
    PhaseClock.-stopped #countdown { color: $text-muted; }
    PhaseClock.-paused #countdown { color: $warning; }
    PhaseClock #clock-status {
        height: 1;
        color: $text-muted;
    }
    PhaseClock.-overtime #clock-status {
        color: $error;
        text-style: bold;
    }
    PhaseClock #session-time {
        height: 1;
        color: $text-muted;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="phase-title", markup=False)
        yield Digits("00:00", id="countdown")
        yield Static(id="clock-status", markup=False)
        yield Static(id="session-time", markup=False)

    def show(self, state: SessionState, now: float) -> None:
        """Show the clock of `state` at session time `now` (live: the real now; replay: a virtual one)."""
        playbook = state.playbook
        assert playbook is not None
        phase = state.phase
        remaining = state.phase_remaining(now)
        overtime = remaining < 0
        self.query_one("#phase-title", Static).update(
            f"{state.phase_index + 1}/{len(playbook.phases)} {phase.title}"
        )
        self.query_one("#countdown", Digits).update(("+" if overtime else "") + mmss(abs(remaining) if overtime else remaining + 0.999))
        self.set_class(overtime, "-overtime")
        self.set_class(not state.clock_started, "-stopped")
        self.set_class(state.clock_started and not state.running and not state.ended, "-paused")
        if state.ended:
            status = "Session ended"
        elif overtime:
            status = f"OVERTIME +{mmss(-remaining)} of {mmss(phase.seconds)}"
        elif not state.clock_started:
            status = "Clock not started (F5 starts)"
        elif not state.running:
            status = "Paused (F5 resumes)"
        else:
            status = f"Phase left of {mmss(phase.seconds)}"
        self.query_one("#clock-status", Static).update(status)
        elapsed = state.clock_elapsed(now)
        session_left = state.session_remaining(now)
        left = f"left {mmss(session_left)}" if session_left >= 0 else f"over by {mmss(-session_left)}"
        self.query_one("#session-time", Static).update(f"Session {mmss(elapsed)} · {left}")
