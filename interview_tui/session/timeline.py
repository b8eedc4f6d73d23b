"""A session's events on a timeline: the state at any moment, found fast (replay's seek).

The fold is kept at checkpoints every few hundred events, so the state at a moment is the nearest
checkpoint before it plus at most that many events: seeking anywhere in 10,000 notes costs a copy
and a few hundred `apply` calls, not a fold from the start.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import Any

from interview_tui.session.events import EventType
from interview_tui.session.state import MALFORMED_EVENT_ERRORS, SessionState

# Each checkpoint copies the notes so far, so their number is capped: 10,000 notes make 16
# checkpoints 625 events apart (a seek: one copy and at most 625 applies, 2 ms here), and memory
# stays linear-ish (100,000 notes: 16 copies, not 390).
MIN_CHECKPOINT_EVERY = 256
MAX_CHECKPOINTS = 16


class Timeline:
    def __init__(self, events: list[dict[str, Any]], *, checkpoint_every: int | None = None,
                 on_malformed: Callable[[dict[str, Any], Exception], None] | None = None) -> None:
        self.events = events
        self.times = [float(event["t"]) for event in events]
        self._every = checkpoint_every or max(MIN_CHECKPOINT_EVERY, -(-len(events) // MAX_CHECKPOINTS))
        self._checkpoints: list[SessionState] = []
        self._on_malformed = on_malformed
        state = SessionState()
        for index, event in enumerate(events):
            if index % self._every == 0:
                self._checkpoints.append(state.copy())
            self._apply(state, event)
        self.final = state
        self.start = 0.0
        # A replay ends where the interview ended: a debrief written the next day is not part of it.
        self.end = state.ended_t if state.ended_t is not None else (self.times[-1] if self.times else 0.0)
        # ...but a team member's typing saved as the end reached them (a late note) is shown too.
        late = [note.t for note in state.notes if note.late]
        if late:
            self.end = max(self.end, max(late))

    def state_at(self, t: float) -> SessionState:
        """The fold of every event up to and including session time `t`."""
        count = bisect_right(self.times, t)
        if count == len(self.events):
            return self.final
        checkpoint_index = count // self._every
        state = self._checkpoints[checkpoint_index].copy()
        for event in self.events[checkpoint_index * self._every : count]:
            self._apply(state, event, report=False)
        return state

    def _apply(self, state: SessionState, event: dict[str, Any], report: bool = True) -> None:
        try:
            state.apply(event)
        except MALFORMED_EVENT_ERRORS as error:  # a malformed (hand-edited) event: reported, not fatal
            if report and self._on_malformed is not None:
                self._on_malformed(event, error)

    def next_event_time(self, t: float) -> float | None:
        index = bisect_right(self.times, t)
        return self.times[index] if index < len(self.times) else None

    def times_of(self, kind: EventType) -> list[float]:
        return [time for time, event in zip(self.times, self.events) if event["type"] == kind]
