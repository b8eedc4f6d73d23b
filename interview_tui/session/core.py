"""The session core: commands in, events out. Each event is on disk before the state shows it.

The core is pure but for its two collaborators, both passed in: the clock and the log writer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from interview_tui.playbook.model import Playbook
from interview_tui.session.clock import Clock, SystemClock, iso
from interview_tui.session.events import FORMAT_NAME, FORMAT_VERSION, EventType, Role, parse_tags
from interview_tui.session.folder import new_session_id, new_writer_id
from interview_tui.session.log import LogWriter
from interview_tui.session.state import Note, SessionState


class Session:
    """A session being written by this process."""

    def __init__(self, folder: Path, state: SessionState, writer: LogWriter, clock: Clock, t0: float) -> None:
        self.folder = folder
        self.state = state
        self.writer = writer
        self.clock = clock
        self._t0 = t0  # session t when this writer opened
        self._monotonic_at_open = clock.monotonic()
        self._seq = 0

    @classmethod
    def create(
        cls,
        root: Path,
        playbook: Playbook,
        *,
        playbook_source: str = "",
        participant: dict[str, Any] | None = None,
        clock: Clock | None = None,
    ) -> Session:
        clock = clock or SystemClock()
        session_id = new_session_id(clock.wall())
        folder = root / session_id
        writer = LogWriter(folder, new_writer_id())
        writer.open(
            {
                "format": FORMAT_NAME,
                "version": FORMAT_VERSION,
                "session": session_id,
                "writer": writer.writer_id,
                "opened_at": iso(clock.wall()),
                "t0": 0.0,
            }
        )
        session = cls(folder, SessionState(), writer, clock, t0=0.0)
        session._record(
            EventType.SESSION_CREATED,
            session_id=session_id,
            playbook=playbook.model_dump(mode="json"),
            playbook_source=playbook_source,
            participant=participant or {},
        )
        return session

    # -- time ------------------------------------------------------------------------------------
    def now(self) -> float:
        """Session time: seconds since the session started, from the monotonic clock."""
        return self._t0 + (self.clock.monotonic() - self._monotonic_at_open)

    @property
    def id(self) -> str:
        return self.state.session_id

    @property
    def playbook(self) -> Playbook:
        assert self.state.playbook is not None
        return self.state.playbook

    # -- commands ----------------------------------------------------------------------------------
    def start_clock(self) -> dict[str, Any] | None:
        if self.state.running or self.state.ended:
            return None
        return self._record(EventType.CLOCK_STARTED)

    def pause_clock(self) -> dict[str, Any] | None:
        if not self.state.running or self.state.ended:
            return None
        return self._record(EventType.CLOCK_PAUSED)

    def next_phase(self) -> dict[str, Any] | None:
        return self._go_to_phase(self.state.phase_index + 1, "next")

    def previous_phase(self) -> dict[str, Any] | None:
        return self._go_to_phase(self.state.phase_index - 1, "previous")

    def _go_to_phase(self, index: int, reason: str) -> dict[str, Any] | None:
        phases = self.playbook.phases
        if self.state.ended or not 0 <= index < len(phases):
            return None
        return self._record(EventType.PHASE_CHANGED, phase=phases[index].id, reason=reason)

    def add_note(self, role: Role, text: str) -> Note | None:
        """Save a note. Returns once it is on disk; raises OSError if it could not be saved."""
        if not text.strip() or self.state.ended:
            return None
        self._record(
            EventType.NOTE_ADDED,
            note=f"{self.writer.writer_id}-{self._seq + 1}",
            role=str(role),
            text=text,
            tags=parse_tags(text),
            phase=self.state.phase.id,
        )
        return self.state.notes[-1]

    def end(self) -> dict[str, Any] | None:
        if self.state.ended:
            return None
        return self._record(EventType.SESSION_ENDED)

    def close(self) -> None:
        self.writer.close()

    # -- the one way state changes -------------------------------------------------------------------
    def _record(self, kind: EventType, **data: Any) -> dict[str, Any]:
        event: dict[str, Any] = {
            "seq": self._seq + 1,
            "type": str(kind),
            "t": round(self.now(), 3),
            "at": iso(self.clock.wall()),
            "writer": self.writer.writer_id,
            **data,
        }
        self.writer.append(event)  # raises OSError before anything changes: nothing shows as saved
        self._seq += 1
        self.state.apply(event)
        return event
