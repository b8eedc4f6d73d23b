"""`--format vtt`: WebVTT cues at each note's time in the recording, so a media player jumps to notes.

Times are recording times when a recording start was marked (notes from before it are left out),
else the interview clock.
"""

from __future__ import annotations

from interview_tui.export.write_up import exported_notes
from interview_tui.i18n import _
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


def to_vtt(log: SessionLog, state: SessionState) -> str:
    recording = state.recording_started_t is not None
    cues: list[tuple[float, str, str]] = []
    for item in exported_notes(state):
        start = item.recording if recording else item.note.clock
        if start is None:
            continue  # written before the recording started
        cues.append((start, role_title(item.note.role), item.note.text))
    cues.sort(key=lambda cue: cue[0])
    participant = _escape(str(state.participant.get("name", "")))
    if recording:
        about = _("interview-tui session {session}, {participant}; times are the recording time.")
    else:
        about = _("interview-tui session {session}, {participant}; times are the interview clock (no recording start was marked).")
    lines = ["WEBVTT", "", "NOTE " + about.format(session=state.session_id, participant=participant), ""]
    if state.redaction_summary:
        lines += [f"NOTE {_escape(state.redaction_summary)}", ""]
    for index, (start, role, text) in enumerate(cues):
        following = cues[index + 1][0] if index + 1 < len(cues) else start + CUE_SECONDS
        end = min(start + CUE_SECONDS, max(following, start + 1.0))
        lines += [str(index + 1), f"{_timestamp(start)} --> {_timestamp(end)}", f"<v {role}>{_escape(text)}", ""]
    return "\n".join(lines)
