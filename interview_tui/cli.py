"""`interview`: argparse subcommands. The TUI is imported lazily, so `export` never pays for Textual."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from interview_tui import __version__
from interview_tui.commands import playbooks as playbook_commands
from interview_tui.commands import review as review_commands
from interview_tui.commands import run as run_commands
from interview_tui.commands import sessions as session_commands
from interview_tui.commands.common import EXIT_BAD_INPUT, say, user_errors


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="interview",
        description="Run live customer interviews in the terminal: timed phases, notes for interviewer, "
        "scribe and observer, saved the moment they are typed.",
        epilog="Sessions are stored in the platformdirs user data folder unless --sessions-dir or "
        "INTERVIEW_SESSIONS_DIR says otherwise. SESSION is a path, an id, a unique prefix of one, or `last`.",
    )
    parser.add_argument("--version", action="version", version=f"interview-tui {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    run_commands.register(subparsers)
    session_commands.register(subparsers)
    review_commands.register(subparsers)
    playbook_commands.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # pydantic looks up plugins in every installed package's entry points on first use: 35 ms of
    # start-up here, for plugins (logfire and the like) an offline interview tool never uses.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return int(args.handler(args) or 0)
    except user_errors() as error:
        say(f"interview: error: {error}", to_stderr=True)  # may quote a file name or a line of a file
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `interview export ... | head`: the reader went away; that is not an error.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
