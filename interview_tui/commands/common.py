"""What every subcommand shares: the exit codes, the user errors, the sessions folder option."""

from __future__ import annotations

import argparse

from interview_tui.i18n import _, choose_language

EXIT_BAD_INPUT = 2


class UserError(Exception):
    """A mistake in what the user asked for: one clear line, exit 2, never a traceback."""


def user_errors() -> tuple[type[BaseException], ...]:
    from interview_tui.playbook.errors import PlaybookError
    from interview_tui.session.folder import SessionNotFound, SessionsDirError
    from interview_tui.session.log import SessionFormatError

    return (UserError, PlaybookError, SessionNotFound, SessionsDirError, SessionFormatError)


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


def session_folder(args: argparse.Namespace):
    """The folder of the session SESSION names (raises SessionNotFound, a user error)."""
    from interview_tui.session.folder import resolve_session, sessions_dir

    return resolve_session(args.session, sessions_dir(args.sessions_dir))


def use_session_language(args: argparse.Namespace, playbook_language: str | None) -> str:
    """A session speaks its playbook's language wherever it is opened, unless --lang says otherwise."""
    return choose_language(getattr(args, "lang", None), playbook_language)


def warn(problems, *, skipped: bool = False) -> None:
    """What the reader skipped, one line each on standard error: said, never silent."""
    import sys

    for problem in problems:
        line = _("interview: warning: skipped {problem}") if skipped else _("interview: warning: {problem}")
        print(line.format(problem=problem), file=sys.stderr)
