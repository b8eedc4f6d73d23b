"""The fold: a session's state is its events applied in order. Clock readings take `now` (session t).

Everything a screen, an export or a report shows comes from here, so live, resume and replay agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from interview_tui.playbook.model import Phase, Playbook
from interview_tui.session.events import EventType, Role


@dataclass(frozen=True)
class Note:
    id: str
    role: Role
    text: str
    tags: tuple[str, ...]
    phase: str
    t: float  # session time
    clock: float  # interview-clock time when written (what the elapsed counter showed)
    at: str
    writer: str


@dataclass
class SessionState:
    session_id: str = ""
    playbook: Playbook | None = None
    playbook_source: str = ""
    participant: dict[str, Any] = field(default_factory=dict)
    created_at: str = ""
    phase_index: int = 0
    clock_started: bool = False
    running_since: float | None = None  # session t at which the clock last started running
    clock_before_run: float = 0.0  # interview-clock seconds accumulated before the current run
    phase_spent_before_run: dict[str, float] = field(default_factory=dict)
    ended: bool = False
    ended_t: float | None = None
    last_t: float = 0.0
    notes: list[Note] = field(default_factory=list)
    unknown_events: int = 0

    # -- applying events ---------------------------------------------------------------------
    def apply(self, event: dict[str, Any]) -> None:
        kind = event["type"]
        t = float(event["t"])
        self.last_t = max(self.last_t, t)
        if kind == EventType.SESSION_CREATED:
            self.session_id = event["session_id"]
            self.playbook = Playbook.model_validate(event["playbook"])
            self.playbook_source = event.get("playbook_source", "")
            self.participant = dict(event.get("participant") or {})
            self.created_at = event["at"]
        elif kind == EventType.CLOCK_STARTED:
            if self.running_since is None:
                self.running_since = t
                self.clock_started = True
        elif kind == EventType.CLOCK_PAUSED:
            self._close_run(t)
        elif kind == EventType.PHASE_CHANGED:
            running = self.running_since is not None
            self._close_run(t)
            self.phase_index = self._require_playbook().phase_index(event["phase"])
            if running:
                self.running_since = t
        elif kind == EventType.NOTE_ADDED:
            self.notes.append(
                Note(
                    id=event["note"],
                    role=Role(event["role"]),
                    text=event["text"],
                    tags=tuple(event.get("tags") or ()),
                    phase=event["phase"],
                    t=t,
                    clock=self.clock_elapsed(t),
                    at=event["at"],
                    writer=event["writer"],
                )
            )
        elif kind == EventType.SESSION_ENDED:
            self._close_run(t)
            self.ended = True
            self.ended_t = t
        else:
            self.unknown_events += 1

    def _close_run(self, t: float) -> None:
        if self.running_since is None:
            return
        ran = max(t - self.running_since, 0.0)
        self.clock_before_run += ran
        phase_id = self.phase.id
        self.phase_spent_before_run[phase_id] = self.phase_spent_before_run.get(phase_id, 0.0) + ran
        self.running_since = None

    def _require_playbook(self) -> Playbook:
        if self.playbook is None:
            raise ValueError("session log has no session_created event")
        return self.playbook

    # -- reading the clock at `now` ------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.running_since is not None

    @property
    def phase(self) -> Phase:
        return self._require_playbook().phases[self.phase_index]

    def _current_run(self, now: float) -> float:
        return max(now - self.running_since, 0.0) if self.running_since is not None else 0.0

    def clock_elapsed(self, now: float) -> float:
        """Interview-clock seconds: time the clock has been running, pauses excluded."""
        return self.clock_before_run + self._current_run(now)

    def phase_spent(self, phase_id: str, now: float) -> float:
        spent = self.phase_spent_before_run.get(phase_id, 0.0)
        if phase_id == self.phase.id:
            spent += self._current_run(now)
        return spent

    def phase_remaining(self, now: float) -> float:
        """Seconds left in the current phase; negative in overtime."""
        return self.phase.seconds - self.phase_spent(self.phase.id, now)

    def session_remaining(self, now: float) -> float:
        """Planned interview seconds minus the interview clock; negative past the planned end."""
        return self._require_playbook().planned_minutes * 60 - self.clock_elapsed(now)

    def notes_by_role(self, role: Role) -> list[Note]:
        return [note for note in self.notes if note.role == role]


def fold(events: list[dict[str, Any]]) -> SessionState:
    state = SessionState()
    for event in events:
        state.apply(event)
    return state
