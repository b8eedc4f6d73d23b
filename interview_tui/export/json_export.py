"""`--format json`: everything about a session, for other tools. Documented in docs/session-format.md.

The notes are as they stand (edits applied, deleted notes left out). `t` is session seconds since
the session started (the same `t` as the log), `clock` the interview clock as it showed on screen
(`mm:ss`, pauses excluded) and `clock_seconds` the same in seconds, `at` the wall time.
"""

from __future__ import annotations

import io
import json
import math
from typing import Any, TextIO

from interview_tui.export.write_up import (
    ExportedNote,
    ended_at,
    iter_exported_notes,
    phase_timing,
    problems_by_note,
    problems_text,
    session_end_t,
)
from interview_tui.session.clock import mmss
from interview_tui.session.events import FORMAT_VERSION
from interview_tui.session.log import SessionLog
from interview_tui.session.state import Problem, SessionState


def to_json_data(log: SessionLog, state: SessionState) -> dict[str, Any]:
    problems = problems_by_note(state)
    return _document(log, state, [_note_data(item, state, problems) for item in iter_exported_notes(state)])


def _document(log: SessionLog, state: SessionState, notes: list[dict[str, Any]]) -> dict[str, Any]:
    playbook = state.playbook
    assert playbook is not None
    end = session_end_t(state)
    return {
        "format_version": FORMAT_VERSION,
        "session": {
            "id": state.session_id,
            "participant": state.participant,
            "playbook": playbook.title,
            "playbook_source": state.playbook_source,
            "started_at": state.created_at,
            "clock_started": state.clock_started,
            "ended": state.ended,
            "ended_at": ended_at(log) if state.ended else None,
            "consent": str(state.consent),
            "planned_minutes": round(state.session_planned() / 60, 2),
            "actual_minutes": round(state.clock_elapsed(end) / 60, 2),
            "phases": phase_timing(state, end),
            **({"redacted": state.redaction_summary} if state.redaction_summary else {}),
        },
        "notes": notes,
        "problems": [
            {"id": problem.id, "title": problem.title, "whys": list(problem.whys), "notes": list(problem.notes)}
            for problem in state.problems.values()
        ],
        "warnings": problems_text(log),
    }


def _note_data(item: ExportedNote, state: SessionState, problems: dict[str, Problem]) -> dict[str, Any]:
    problem = problems.get(item.note.id)
    return {
        "id": item.note.id,
        "role": str(item.note.role),
        "text": item.note.text,
        "tags": list(item.note.tags),
        "phase": item.note.phase,
        "phase_title": item.phase_title,
        "question": item.question,
        "t": item.note.t,
        "clock": mmss(item.note.clock),
        "clock_seconds": round(item.note.clock, 3),
        "recording": None if item.recording is None else round(item.recording, 3),
        "backdate": item.note.backdate,
        "at": item.note.at,
        "edited": item.note.edited,
        "writer_name": item.note.author,
        "late": item.note.late,
        "marks": sorted(state.marks.get(item.note.id, ())),
        "problem": problem.id if problem else None,
    }


def to_json(log: SessionLog, state: SessionState) -> str:
    out = io.StringIO()
    write_json(log, state, out)
    return out.getvalue()


def write_json(log: SessionLog, state: SessionState, out: TextIO) -> None:
    """`json.dumps(to_json_data(...), ensure_ascii=False, indent=2)`, character for character (tested),
    written to `out` one note at a time. With indent=2, json.dumps uses its pure-Python encoder and
    holds the whole document and text (100,000 notes: 10 s, 694 MB); here each note's fields go
    through the C string encoder and are laid out as indent=2 lays them out."""
    text = json.dumps(_document(log, state, []), ensure_ascii=False, indent=2)
    # The top level's "notes" member: two spaces after a line break occur only there (a string
    # never holds a raw line break; deeper members are indented further).
    split = text.index('\n  "notes": []') + len('\n  "notes": [')
    out.write(text[:split])
    problems = problems_by_note(state)
    separator = "\n    "
    for item in iter_exported_notes(state):
        out.write(separator + _note_text(_note_data(item, state, problems)))
        separator = ",\n    "
    out.write(text[split:] if separator == "\n    " else "\n  " + text[split:])
    out.write("\n")


_encode_string = json.encoder.encode_basestring  # the C one where there is one, as json.dumps uses


def _field_value(value: Any) -> str:
    """A note field's value as indent=2 writes it at a note's depth."""
    kind = type(value)
    if kind is str:
        return _encode_string(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    if kind is list and all(type(element) is str for element in value):
        if not value:
            return "[]"
        return "[\n        " + ",\n        ".join(map(_encode_string, value)) + "\n      ]"
    # Anything else (a hand-edited log's odd tag): json's own layout, shifted to this depth.
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n      ")


def _note_text(note: dict[str, Any]) -> str:
    return "{\n      " + ",\n      ".join(f"{_encode_string(key)}: {_field_value(value)}" for key, value in note.items()) + "\n    }"
