"""The sessions folder: where sessions live, their ids, and finding one by path, id, prefix or `last`."""

from __future__ import annotations

import os
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


def check_sessions_dir(root: Path, *, chosen: bool) -> None:
    """Refuse a sessions folder that is a file, or a folder the user named that does not exist,
    with a suggestion (the default folder may be missing: there are no sessions yet)."""
    if root.exists() and not root.is_dir():
        if root.suffix == LOG_SUFFIX or root.parent.name and log_files(root.parent):
            hint = _("a session's log; give its folder's parent, {parent}, or name the session: `interview show {folder}`").format(
                parent=root.parent.parent, folder=root.parent
            )
        else:
            hint = _("give the folder that holds the session folders, e.g. {parent}").format(parent=root.parent)
        raise SessionsDirError(_("{path} is a file, not a folder of sessions: {hint}").format(path=root, hint=hint))
    if chosen and not root.exists():
        from difflib import get_close_matches

        siblings = [p.name for p in root.parent.iterdir() if p.is_dir()] if root.parent.is_dir() else []
        close = get_close_matches(root.name, siblings, n=1)
        if close:
            hint = _("did you mean {path}?").format(path=root.parent / close[0])
        else:
            hint = _("without --sessions-dir and {env}, sessions are in {path}").format(env=SESSIONS_DIR_ENV, path=default_sessions_dir())
        raise SessionsDirError(_("no sessions folder {path}: {hint}").format(path=root, hint=hint))


def discard_empty_session(folder: Path) -> None:
    """Remove a session that holds nothing: not ended, and no note ever added (not even a deleted
    one). Anything else is refused: a session with notes is never thrown away by this."""
    from interview_tui.session import load_session

    log, state = load_session(folder)
    if state.notes or state.drafts and any(text.strip() for text in state.drafts.values()):
        raise SessionsDirError(_("{id} has notes; only a session with nothing in it can be discarded").format(id=folder.name))
    if state.ended:
        raise SessionsDirError(_("{id} was ended; only an unfinished empty session can be discarded").format(id=folder.name))
    if len(log_files(folder)) > 1:
        raise SessionsDirError(_("{id} has more than one writer (a team session); it is not discarded").format(id=folder.name))
    for path in folder.iterdir():
        if path.is_dir():
            raise SessionsDirError(
                _("{folder} holds a folder ({name}); remove it by hand if it is not needed").format(folder=folder, name=path.name)
            )
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()


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
    # From os.urandom, as `secrets.token_hex` takes it: importing `secrets` (with hmac and random) was
    # 1.4 million instructions of every `interview run`'s start (callgrind).
    return f"{now:%Y%m%d-%H%M%S}-{os.urandom(2).hex()}"


def new_writer_id() -> str:
    return f"w{os.urandom(4).hex()}"


def session_folders(root: Path) -> list[Path]:
    """Every session folder under root, newest first."""
    if not root.is_dir():
        return []
    # One scandir, whose entries know whether they are folders without a stat each (iterdir and
    # is_dir: 37 -> ~15 us a folder; a report lists 1,000).
    with os.scandir(root) as entries:
        names = [entry.name for entry in entries if not entry.name.startswith(".") and entry.is_dir() and _holds_a_log(entry.path)]
    return [root / name for name in sorted(names, reverse=True)]


def _holds_a_log(folder: Path | str) -> bool:
    try:
        return any(name.endswith(LOG_SUFFIX) for name in os.listdir(folder))
    except OSError:
        return False  # unreadable: as Path.glob, which finds nothing there


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
    "check_sessions_dir",
    "discard_empty_session",
    "ensure_writable",
    "new_session_id",
    "new_writer_id",
    "resolve_session",
    "session_folders",
    "sessions_dir",
]
