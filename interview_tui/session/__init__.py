"""Sessions: events, the log writer and reader, the fold into state, clock math, the sessions folder.

No Textual here. The names below are imported when first used (interview_tui.lazy).
"""

from interview_tui.lazy import lazy_names

_DEFINED_IN = {
    **dict.fromkeys(("Clock", "FakeClock", "SystemClock", "mmss"), "interview_tui.session.clock"),
    "Session": "interview_tui.session.core",
    **dict.fromkeys(("ROLES", "EventType", "Role"), "interview_tui.session.events"),
    **dict.fromkeys(("SessionNotFound", "SessionsDirError", "ensure_writable", "resolve_session", "session_folders",
                     "sessions_dir"), "interview_tui.session.folder"),
    **dict.fromkeys(("fold_log", "load_session"), "interview_tui.session.load"),
    **dict.fromkeys(("ReadProblem", "SessionFormatError", "SessionLog", "read_session_log"), "interview_tui.session.log"),
    **dict.fromkeys(("Note", "SessionState", "fold"), "interview_tui.session.state"),
    "parse_tags": "interview_tui.usertext",
}
__getattr__ = lazy_names(__name__, _DEFINED_IN)
__all__ = sorted(_DEFINED_IN)
