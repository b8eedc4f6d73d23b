"""The sessions folder: where sessions live, their ids, and finding one by path, id, prefix or `last`."""

from __future__ import annotations

import os
import secrets
from datetime import datetime
from pathlib import Path

from interview_tui.i18n import _
from interview_tui.session.log import LOG_SUFFIX, SessionFormatError, log_files, make_private_dir

SESSIONS_DIR_ENV = "INTERVIEW_SESSIONS_DIR"


class SessionNotFound(Exception):
    """SESSION named no session, or several."""


class SessionsDirError(Exception):
    """The sessions folder cannot be created or written."""


def default_sessions_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path("interview-tui", appauthor=False) / "sessions"


def sessions_dir(explicit: str | Path | None = None) -> Path:
    """`--sessions-dir`, else `INTERVIEW_SESSIONS_DIR`, else the platformdirs user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(SESSIONS_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return default_sessions_dir()


def ensure_writable(folder: Path) -> None:
    """Create the folder (0700) and prove a file can be written there, before the interview starts."""
    try:
        make_private_dir(folder)
        probe = folder / f".write-test-{os.getpid()}"
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, b"ok")  # no fsync: this proves the folder takes files (20 ms saved at start)
        finally:
            os.close(fd)
            probe.unlink(missing_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        raise SessionsDirError(
            _("sessions folder {folder} cannot be written: {reason}; choose another with --sessions-dir or {variable}").format(
                folder=folder, reason=reason, variable=SESSIONS_DIR_ENV)
        ) from None


def new_session_id(now: datetime) -> str:
    """`20261122-143000-3f2a`: sorts by creation time; the random tail keeps two terminals apart."""
    return f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


def new_writer_id() -> str:
    return f"w{secrets.token_hex(4)}"


def session_folders(root: Path) -> list[Path]:
    """Every session folder under root, newest first."""
    if not root.is_dir():
        return []
    folders = [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".") and any(p.glob(f"*{LOG_SUFFIX}"))]
    return sorted(folders, key=lambda p: p.name, reverse=True)


def resolve_session(reference: str, root: Path) -> Path:
    """A session folder from a path (folder or one of its .jsonl files), an id, a unique prefix or `last`."""
    as_path = Path(reference).expanduser()
    if as_path.is_file() and as_path.suffix == LOG_SUFFIX:
        return as_path.parent
    if as_path.is_dir() and log_files(as_path):
        return as_path
    folders = session_folders(root)
    if reference == "last":
        if not folders:
            raise SessionNotFound(_("no sessions yet in {folder}; start one with `interview run`").format(folder=root))
        return folders[0]
    # An id is a name inside the sessions folder, never a path: "../x" cannot reach outside it.
    if "/" in reference or "\\" in reference or reference in ("", ".", ".."):
        raise SessionNotFound(_("no session at {path}").format(path=reference))
    exact = [p for p in folders if p.name == reference]
    if exact:
        return exact[0]
    matches = [p for p in folders if p.name.startswith(reference)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise SessionNotFound(_("no session {reference!r} in {folder}; `interview list` shows the ids").format(reference=reference, folder=root))
    shown = ", ".join(p.name for p in matches[:5]) + (" ..." if len(matches) > 5 else "")
    raise SessionNotFound(_("{reference!r} matches {count} sessions ({shown}); give more of the id").format(
        reference=reference, count=len(matches), shown=shown))


__all__ = [
    "SESSIONS_DIR_ENV",
    "SessionFormatError",
    "SessionNotFound",
    "SessionsDirError",
    "ensure_writable",
    "new_session_id",
    "new_writer_id",
    "resolve_session",
    "session_folders",
    "sessions_dir",
]
