"""What every export shares: the session's facts and its notes, read from the fold."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from interview_tui.session.log import SessionLog
from interview_tui.session.state import Note, Problem, SessionState


@dataclass(frozen=True)
class ExportedNote:
    note: Note
    phase_title: str
    question: str | None
    recording: float | None  # seconds into the recording, if one was marked


def exported_notes(state: SessionState) -> list[ExportedNote]:
    """The notes as they stand now (edits applied, deleted ones left out), in the order of the
    moment they describe (see `iter_exported_notes`)."""
    return list(iter_exported_notes(state))


def iter_exported_notes(state: SessionState) -> Iterator[ExportedNote]:
    """`exported_notes`, one at a time, for an export that writes each note as it comes: in the
    order of the moment each describes, so a note backdated 30 s sits before the ones written in
    those 30 s (a stable sort: notes about one moment stay in the order written)."""
    playbook = state.playbook
    assert playbook is not None
    phases = {phase.id: phase for phase in playbook.phases}
    for note in sorted((note for note in state.notes if not note.deleted), key=_moment):
        phase = phases.get(note.phase)
        question = None
        if phase is not None and note.question is not None and 0 <= note.question < len(phase.questions):
            question = phase.questions[note.question].text
        title = phase.title if phase is not None else note.phase
        yield ExportedNote(note, title, question, state.recording_time(note))


def _moment(note: Note) -> float:
    return note.t - note.backdate  # Note.moment_t, without a property call per note


def problems_by_note(state: SessionState) -> dict[str, Problem]:
    """Note id -> the problem it is grouped in (`state.problem_of`'s answer), indexed once: looking
    it up for each note scans every problem (200 problems x 20 notes: csv 466 -> 1,486 ms)."""
    index: dict[str, Problem] = {}
    for problem in state.problems.values():
        for note_id in problem.notes:
            index.setdefault(note_id, problem)
    return index


class StreamedLines(list):
    """An export's lines, written to `out` as they pile up: what reaches `out` is exactly
    `"\n".join(lines) + end`, the text the export used to build whole, but at most a few hundred
    lines are held at a time (100,000 notes: the whole text was 10 MB more, its list of lines more still).
    `lines += (generator)` is taken one line at a time."""

    KEEP = 256

    def __init__(self, out: TextIO, end: str = "\n") -> None:
        super().__init__()
        self.out, self.end, self.written = out, end, False

    def append(self, line: str) -> None:
        super().append(line)
        if len(self) >= self.KEEP:
            self.flush()

    def __iadd__(self, lines: Iterable[str]) -> StreamedLines:  # type: ignore[override]
        for line in lines:
            self.append(line)
        return self

    def flush(self) -> None:
        if self:
            self.out.write(("\n" if self.written else "") + "\n".join(self))
            self.written = True
            self.clear()

    def close(self) -> None:
        self.flush()
        self.out.write(self.end)


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
