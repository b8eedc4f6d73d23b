"""Reading a session for a screen, an export or a resume: the log's files, folded into state.

An event that is valid JSON but makes no sense to the fold (a hand edit left out its `role`, names a
phase the playbook does not have, ...) is reported like any other bad line, with its file and line
number, instead of stopping the whole session from being read.
"""

from __future__ import annotations

from pathlib import Path

from interview_tui.i18n import _
from interview_tui.session.log import ReadProblem, SessionLog, read_session_log
from interview_tui.session.state import SessionState
from interview_tui.session.timeline import Timeline

# What a handler raises on a malformed event: a missing key, a wrong type, an unknown value or phase
# id (pydantic's ValidationError, for the playbook in session_created, is a ValueError too).
_MALFORMED = (KeyError, TypeError, ValueError, AttributeError)


def report_malformed(log: SessionLog, event: dict, error: Exception) -> None:
    """Add an event the fold could not apply to the log's problems, with its file and line."""
    path = log.folder / event.get("_file", f"{event.get('writer')}.jsonl")
    detail = _("missing {key}").format(key=error) if isinstance(error, KeyError) else str(error).splitlines()[0]
    message = _("{type} event not understood ({detail}); skipped").format(type=event.get("type"), detail=detail)
    log.problems.append(ReadProblem(path, int(event.get("_line", 0)), message))


def fold_log(log: SessionLog) -> SessionState:
    """Fold the log's events; the ones that cannot be applied are added to `log.problems`."""
    state = SessionState()
    for event in log.events:
        try:
            state.apply(event)
        except _MALFORMED as error:
            report_malformed(log, event, error)
    return state


def load_timeline(folder: str | Path) -> tuple[SessionLog, Timeline]:
    """Read a session folder for replay: one fold, kept at checkpoints (`timeline.final` is the state)."""
    log = read_session_log(Path(folder))
    return log, Timeline(log.events, on_malformed=lambda event, error: report_malformed(log, event, error))


def load_session(folder: str | Path) -> tuple[SessionLog, SessionState]:
    """Read a session folder and fold its events."""
    log = read_session_log(Path(folder))
    return log, fold_log(log)
