"""`--format json`: everything about a session, for other tools. Documented in docs/session-format.md.

The notes are as they stand (edits applied, deleted notes left out). `t` is session seconds since
the session started (the same `t` as the log), `clock` the interview clock as it showed on screen
(`mm:ss`, pauses excluded) and `clock_seconds` the same in seconds, `at` the wall time.
"""

from __future__ import annotations

import json
from typing import Any

from interview_tui.export.write_up import ended_at, exported_notes, phase_timing, problems_text, session_end_t
from interview_tui.session.clock import mmss
from interview_tui.session.events import FORMAT_VERSION
from interview_tui.session.log import SessionLog
from interview_tui.session.state import SessionState


def to_json_data(log: SessionLog, state: SessionState) -> dict[str, Any]:
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
        "notes": [
            {
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
                "marks": sorted(state.marks.get(item.note.id, ())),
                "problem": (state.problem_of(item.note.id).id if state.problem_of(item.note.id) else None),
            }
            for item in exported_notes(state)
        ],
        "problems": [
            {"id": problem.id, "title": problem.title, "whys": list(problem.whys), "notes": list(problem.notes)}
            for problem in state.problems.values()
        ],
        "warnings": problems_text(log),
    }


def to_json(log: SessionLog, state: SessionState) -> str:
    return json.dumps(to_json_data(log, state), ensure_ascii=False, indent=2) + "\n"
