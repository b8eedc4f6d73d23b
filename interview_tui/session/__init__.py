"""Sessions: events, the log writer and reader, the fold into state, clock math, the sessions folder.

No Textual here. Names are imported on first use (PEP 562): `interview report` and the exports need
the reader and the fold, not the session writer and the playbook loader behind it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from interview_tui.lazy import lazy_names

_HOMES = {
    "Clock": "clock", "FakeClock": "clock", "SystemClock": "clock", "mmss": "clock",
    "Session": "core",
    "ROLES": "events", "EventType": "events", "Role": "events",
    "SessionNotFound": "folder", "SessionsDirError": "folder", "ensure_writable": "folder", "resolve_session": "folder",
    "session_folders": "folder", "sessions_dir": "folder",
    "fold_log": "load", "load_session": "load",
    "ReadProblem": "log", "SessionFormatError": "log", "SessionLog": "log", "read_session_log": "log",
    "Note": "state", "SessionState": "state", "fold": "state",
}

_HOMES["parse_tags"] = "interview_tui.usertext"

__all__ = sorted(_HOMES)


__getattr__ = lazy_names(__name__, _HOMES)


if TYPE_CHECKING:
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
