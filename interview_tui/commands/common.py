"""What every subcommand shares: the exit codes, the user errors, the sessions folder option."""

from __future__ import annotations

import argparse

from interview_tui.i18n import _, choose_language

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


def use_session_language(args: argparse.Namespace, playbook_language: str | None) -> str:
    """A session speaks its playbook's language wherever it is opened, unless --lang says otherwise."""
    return choose_language(getattr(args, "lang", None), playbook_language)


def warn(problems, *, skipped: bool = False) -> None:
    """What the reader skipped, one line each on standard error: said, never silent."""
    import sys

    for problem in problems:
        line = _("interview: warning: skipped {problem}") if skipped else _("interview: warning: {problem}")
        print(line.format(problem=problem), file=sys.stderr)
