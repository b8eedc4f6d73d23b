"""`--format vtt`: WebVTT cues at each note's time in the recording, so a media player jumps to notes.

Times are recording times when a recording start was marked, else the interview clock. Notes
from before the recording started have no place on the recording: they are kept, whole, in a
NOTE block at the top (players ignore NOTE blocks), and the header says how many there are.
"""

from __future__ import annotations

import io
from typing import TextIO

from interview_tui.export.write_up import StreamedLines, iter_exported_notes
from interview_tui.i18n import _, ngettext
from interview_tui.session.clock import mmss
from interview_tui.session.events import role_title
from interview_tui.session.log import SessionLog
from interview_tui.session.state import SessionState

CUE_SECONDS = 6.0  # how long a note stays on screen, unless the next one comes sooner


def _timestamp(seconds: float) -> str:
    milliseconds = int(round(max(seconds, 0.0) * 1000))
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def _escape(text: str) -> str:
    # WebVTT cue text: &, < and > are markup; "-->" would end the cue timing line.
    text = " ".join(text.split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("-->", "--&gt;")


def _note_block_text(text: str) -> str:
    # Inside a NOTE block, a blank line would end it and "-->" is not allowed.
    return " ".join(text.split()).replace("-->", "->")


def to_vtt(log: SessionLog, state: SessionState) -> str:
    out = io.StringIO()
    write_vtt(log, state, out)
    return out.getvalue()


def write_vtt(log: SessionLog, state: SessionState, out: TextIO) -> None:
    """The cues, written to `out` as they are made (they are sorted first: a cue's end is the next one's start)."""
    recording = state.recording_started_t is not None
    cues: list[tuple[float, str, str]] = []
    before: list[str] = []
    for item in iter_exported_notes(state):
        start = item.recording if recording else item.note.clock
        if start is None:  # about a moment before the recording started
            who = state.byline(item.note) or role_title(item.note.role)
            before.append(f"{mmss(item.note.clock)} {who}: {_note_block_text(item.note.text)}")
            continue
        cues.append((start, state.byline(item.note) or role_title(item.note.role), item.note.text))
    cues.sort(key=lambda cue: cue[0])
    participant = _escape(str(state.participant.get("name", "")))
    if recording:
        about = _("interview-tui session {session}, {participant}; times are the recording time.")
    else:
        about = _("interview-tui session {session}, {participant}; times are the interview clock (no recording start was marked).")
    lines = StreamedLines(out, end="")
    lines += ["WEBVTT", "", "NOTE " + about.format(session=state.session_id, participant=participant), ""]
    if state.redaction_summary:
        lines += [f"NOTE {_escape(state.redaction_summary)}", ""]
    if before:
        lines += [
            "NOTE " + ngettext(
                "{count} note is from before the recording started, so it has no cue; here it is, at its interview clock time:",
                "{count} notes are from before the recording started, so they have no cue; here they are, at their interview clock times:",
                len(before),
            ).format(count=len(before)),
            *before,
            "",
        ]
    for index, (start, role, text) in enumerate(cues):
        following = cues[index + 1][0] if index + 1 < len(cues) else start + CUE_SECONDS
        end = min(start + CUE_SECONDS, max(following, start + 1.0))
        lines += [str(index + 1), f"{_timestamp(start)} --> {_timestamp(end)}", f"<v {_escape(role)}>{_escape(text)}", ""]
    lines.close()
