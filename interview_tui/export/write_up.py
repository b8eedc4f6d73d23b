"""What every export shares: the session's facts and its notes, read from the fold."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from interview_tui.session.clock import mmss
from interview_tui.session.log import SessionLog
from interview_tui.session.state import Note, SessionState


@dataclass(frozen=True)
class ExportedNote:
    note: Note
    phase_title: str
    question: str | None
    recording: float | None  # seconds into the recording, if one was marked


def exported_notes(state: SessionState) -> list[ExportedNote]:
    """The notes as they stand now (edits applied, deleted ones left out), in the order written."""
    playbook = state.playbook
    assert playbook is not None
    titles = {phase.id: phase.title for phase in playbook.phases}
    result = []
    for note in state.live_notes():
        question = None
        if note.question is not None:
            questions = playbook.phase(note.phase).questions
            if 0 <= note.question < len(questions):
                question = questions[note.question].text
        result.append(ExportedNote(note, titles.get(note.phase, note.phase), question, state.recording_time(note)))
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
        }
        for phase in playbook.phases
    ]


def session_end_t(state: SessionState) -> float:
    """The session time the exports read the clock at: its end, or its last event."""
    return state.ended_t if state.ended_t is not None else state.last_t


def problems_text(log: SessionLog) -> list[str]:
    return [str(problem) for problem in log.problems]


def clock_text(note: Note) -> str:
    return mmss(note.clock)
