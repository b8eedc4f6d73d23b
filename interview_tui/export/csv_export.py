"""`--format csv`: one row per note, for Dovetail, Reframer or a spreadsheet."""

from __future__ import annotations

import csv
import io

from interview_tui.export.write_up import exported_notes
from interview_tui.session.clock import mmss
from interview_tui.session.log import SessionLog
from interview_tui.session.state import SessionState

COLUMNS = ["session", "participant", "segment", "role", "phase", "question", "time", "recording_time",
           "tags", "text", "marks", "problem", "at", "t", "writer_name", "late"]


def to_csv(log: SessionLog, state: SessionState) -> str:
    buffer = io.StringIO()
    # The BOM makes Excel read the file as UTF-8 (Korean and Chinese notes stay readable).
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    participant = str(state.participant.get("name", ""))
    segment = str(state.participant.get("segment", ""))
    for item in exported_notes(state):
        note = item.note
        problem = state.problem_of(note.id)
        writer.writerow([
            state.session_id, participant, segment, str(note.role), item.phase_title, item.question or "",
            mmss(note.clock), "" if item.recording is None else mmss(item.recording),
            " ".join(note.tags), note.text, " ".join(sorted(state.marks.get(note.id, ()))),
            problem.title if problem else "", note.at, note.t, note.author, "yes" if note.late else "",
        ])
    return buffer.getvalue()
