"""Sessions: events, the log writer and reader, the fold into state, clock math, the sessions folder.

No Textual here.
"""

from interview_tui.session.clock import Clock, FakeClock, SystemClock, mmss
from interview_tui.session.core import Session
from interview_tui.session.events import ROLES, EventType, Role
from interview_tui.session.folder import (
    SessionNotFound,
    SessionsDirError,
    ensure_writable,
    resolve_session,
    session_folders,
    sessions_dir,
)
from interview_tui.session.load import fold_log, load_session
from interview_tui.session.log import ReadProblem, SessionFormatError, SessionLog, read_session_log
from interview_tui.session.state import Note, SessionState, fold
from interview_tui.usertext import parse_tags


__all__ = [
    "ROLES",
    "Clock",
    "EventType",
    "FakeClock",
    "Note",
    "ReadProblem",
    "Role",
    "Session",
    "SessionFormatError",
    "SessionLog",
    "SessionNotFound",
    "SessionState",
    "SessionsDirError",
    "SystemClock",
    "ensure_writable",
    "fold",
    "fold_log",
    "load_session",
    "mmss",
    "parse_tags",
    "read_session_log",
    "resolve_session",
    "session_folders",
    "sessions_dir",
]
