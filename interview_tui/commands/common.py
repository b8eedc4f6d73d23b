"""What every subcommand shares: the exit codes, the user errors, the sessions folder option."""

from __future__ import annotations

import argparse

EXIT_OK = 0
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
        help="folder of sessions (default: $INTERVIEW_SESSIONS_DIR, else the user data folder)",
    )
