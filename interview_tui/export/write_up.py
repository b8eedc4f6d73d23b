"""What every export shares: the session's facts and its notes, read from the fold."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from interview_tui.session.log import SessionLog
from interview_tui.session.state import Note, SessionState


@dataclass(frozen=True)
class ExportedNote:
    note: Note
    phase_title: str
    question: str | None
    recording: float | None  # seconds into the recording, if one was marked


def exported_notes(state: SessionState) -> list[ExportedNote]:
    """The notes as they stand now (edits applied, deleted ones left out), in the order of the
    moment they describe: a note backdated 30 s sits before the ones written in those 30 s (the
    sort is stable, so notes about one moment stay in the order written)."""
    playbook = state.playbook
    assert playbook is not None
    phases = {phase.id: phase for phase in playbook.phases}
    result = []
    for note in sorted(state.live_notes(), key=lambda note: note.moment_t):
        phase = phases.get(note.phase)
        question = None
        if phase is not None and note.question is not None and 0 <= note.question < len(phase.questions):
            question = phase.questions[note.question].text
        title = phase.title if phase is not None else note.phase
        result.append(ExportedNote(note, title, question, state.recording_time(note)))
    return result


def phase_timing(state: SessionState, now: float) -> list[dict[str, Any]]:
    playbook = state.playbook
    assert playbook is not None
    return [
        {
            "id": phase.id,
            "title": phase.title,
            "planned_minutes": round(state.phase_planned(phase.id) / 60, 2),
            "actual_minutes": round(state.phase_spent(phase.id, now) / 60, 2),
            "skipped": phase.id in state.skipped_phases,
            "checklist": [{"item": item, "done": (phase.id, index) in state.checklist_done} for index, item in enumerate(phase.checklist)],
        }
        for phase in playbook.phases
    ]


def session_end_t(state: SessionState) -> float:
    """The session time the exports read the clock at: its end, or its last event."""
    return state.ended_t if state.ended_t is not None else state.last_t


def ended_at(log: SessionLog) -> str | None:
    """Wall time of the session_ended event, if the session was ended."""
    for event in reversed(log.events):
        if event.get("type") == "session_ended":
            return event.get("at")
    return None


def problems_text(log: SessionLog) -> list[str]:
    """The reader's problems as `file:line: message`, the file named inside the session folder: an
    export is sent to others, and the sender's home folder is none of their business."""
    return [f"{problem.path.name}:{problem.line}: {problem.message}" for problem in log.problems]
