"""What every subcommand shares: the exit codes, the user errors, the sessions folder option, and the
two ways out for user text: printed (control characters made visible) and written to a file (0600,
never through a symlink)."""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from interview_tui.i18n import _, choose_language
from interview_tui.usertext import visible_controls

EXIT_BAD_INPUT = 2


class UserError(Exception):
    """A mistake in what the user asked for: one clear line, exit 2, never a traceback."""


def user_errors() -> tuple[type[BaseException], ...]:
    from interview_tui.config import ConfigError
    from interview_tui.playbook.errors import PlaybookError
    from interview_tui.session.folder import SessionNotFound, SessionsDirError
    from interview_tui.session.log import SessionFormatError

    return (UserError, ConfigError, PlaybookError, SessionNotFound, SessionsDirError, SessionFormatError)


def add_sessions_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sessions-dir",
        metavar="DIR",
        help=_("folder of sessions (default: $INTERVIEW_SESSIONS_DIR, else the user data folder)"),
    )


def add_session_argument(parser: argparse.ArgumentParser) -> None:
    """SESSION and --sessions-dir, for every subcommand that works on one session."""
    parser.add_argument("session", metavar="SESSION", help=_("a path, an id or unique prefix, or `last`"))
    add_sessions_dir_option(parser)


def chosen_sessions_dir(args: argparse.Namespace):
    """The sessions folder, refused with a suggestion if it is a file or a named folder that is missing."""
    from interview_tui.session.folder import check_sessions_dir, sessions_dir

    root = sessions_dir(args.sessions_dir)
    # A folder named on the command line must exist; one from the environment or the default may
    # not yet (no sessions yet).
    check_sessions_dir(root, chosen=bool(args.sessions_dir))
    return root


def session_folder(args: argparse.Namespace):
    """The folder of the session SESSION names (raises SessionNotFound, a user error)."""
    from pathlib import Path

    from interview_tui.session.folder import resolve_session, sessions_dir

    as_path = Path(args.session).expanduser()
    if as_path.exists():  # a path works whatever the sessions folder is
        return resolve_session(args.session, sessions_dir(args.sessions_dir))
    return resolve_session(args.session, chosen_sessions_dir(args))


def say(text: object, *, to_stderr: bool = False) -> None:
    """Print a line that may quote user text (a note, a name, a file name): its control characters
    are made visible, as on the live screen, so a session folder from someone else cannot clear the
    screen or retitle the window."""
    print(visible_controls(str(text), keep_line_breaks=True), file=sys.stderr if to_stderr else sys.stdout)


def shown(text: object) -> str:
    """One line of user text for a Rich table or a line of output: controls made visible."""
    return visible_controls(str(text))


def use_session_language(args: argparse.Namespace, playbook_language: str | None) -> str:
    """A session speaks its playbook's language wherever it is opened, unless --lang says otherwise."""
    return choose_language(getattr(args, "lang", None), playbook_language)


def warn(problems, *, skipped: bool = False) -> None:
    """What the reader skipped, one line each on standard error: said, never silent."""
    for problem in problems:
        line = _("interview: warning: skipped {problem}") if skipped else _("interview: warning: {problem}")
        say(line.format(problem=problem), to_stderr=True)


def write_private(path: Path, data: str | bytes) -> None:
    """Write an output file (an export, a report: interview notes) 0600, like the sessions, and never
    through a symlink: a link planted where the output goes would otherwise overwrite its target."""
    with open_private(path) as handle:
        handle.write(data if isinstance(data, bytes) else data.encode("utf-8"))


@contextlib.contextmanager
def open_private(path: Path) -> Iterator[BinaryIO]:
    """The file write_private writes, open for an export that writes as it goes."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except OSError as error:
        if error.errno == errno.ELOOP or path.is_symlink():
            raise UserError(_("{file}: is a symbolic link; not written (give the path of a file, not of a link)")
                            .format(file=shown(path))) from None
        raise UserError(_("{file}: cannot be written: {reason}").format(file=shown(path), reason=error.strerror)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)  # an existing file keeps its mode otherwise
            yield handle
    except OSError as error:
        raise UserError(_("{file}: cannot be written: {reason}").format(file=shown(path), reason=error.strerror)) from None


_collector_held = False


def hold_garbage_collector() -> None:
    """For a command that opens the live screen: the cyclic collector off from the command's start
    to the screen's first frame. Textual's import and the screen's start make several hundred
    thousand objects that live until the program ends, and the collector scanned them again and
    again as they came: 62 of the 1,451 million instructions to the first frame (callgrind, 4%).
    `release_garbage_collector` turns it back on; the app calls it at its first frame."""
    import gc

    global _collector_held
    if gc.isenabled():
        gc.disable()
        _collector_held = True


def release_garbage_collector() -> None:
    """The collector on again, if `hold_garbage_collector` turned it off; what the start made
    is frozen first (moved out of the collector's scans: it lives until the program ends)."""
    import gc

    global _collector_held
    if _collector_held:
        _collector_held = False
        gc.freeze()
        gc.enable()


def freeze_loaded_objects() -> None:
    """Before a screen starts: what is loaded by now (modules, the playbook, a session's events and
    fold, a replay's checkpoints) lives until the program ends, so it is moved out of the garbage
    collector's scans. Scanned, it made each full collection cost 0.78 s on a 100,000-note replay,
    at whatever moment it came (End went from 1.5 s to 0.5 s in-process)."""
    import gc

    gc.freeze()
