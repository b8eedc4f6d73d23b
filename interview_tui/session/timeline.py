"""A session's events on a timeline: the state at any moment, found fast (replay's seek).

The fold is kept at checkpoints every few hundred events, so the state at a moment is the nearest
checkpoint before it plus at most that many events: seeking anywhere in 10,000 notes costs a copy
and a few hundred `apply` calls, not a fold from the start.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from interview_tui.session.events import EventType
from interview_tui.session.state import SessionState

CHECKPOINT_EVERY = 256


class Timeline:
    def __init__(self, events: list[dict[str, Any]], *, checkpoint_every: int = CHECKPOINT_EVERY) -> None:
        self.events = events
        self.times = [float(event["t"]) for event in events]
        self._every = checkpoint_every
        self._checkpoints: list[SessionState] = []
        state = SessionState()
        for index, event in enumerate(events):
            if index % checkpoint_every == 0:
                self._checkpoints.append(state.copy())
            state.apply(event)
        self.final = state
        self.start = 0.0
        self.end = max(self.times[-1] if self.times else 0.0, state.ended_t or 0.0)

    def state_at(self, t: float) -> SessionState:
        """The fold of every event up to and including session time `t`."""
        count = bisect_right(self.times, t)
        if count == len(self.events):
            return self.final
        checkpoint_index = count // self._every
        state = self._checkpoints[checkpoint_index].copy()
        for event in self.events[checkpoint_index * self._every : count]:
            state.apply(event)
        return state

    def next_event_time(self, t: float) -> float | None:
        index = bisect_right(self.times, t)
        return self.times[index] if index < len(self.times) else None

    def times_of(self, kind: EventType) -> list[float]:
        return [time for time, event in zip(self.times, self.events) if event["type"] == kind]
