"""`interview`: argparse subcommands. The TUI is imported lazily, so `export` never pays for Textual."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

from interview_tui import __version__
from interview_tui.commands import config as config_commands
from interview_tui.commands import playbooks as playbook_commands
from interview_tui.commands import review as review_commands
from interview_tui.commands import run as run_commands
from interview_tui.commands import sessions as session_commands
from interview_tui.commands.common import EXIT_BAD_INPUT, hold_garbage_collector, release_garbage_collector, say, user_errors
from interview_tui.i18n import N_, _, choose_language

# argparse's own words (it looks them up with `gettext`, in a domain we do not ship): ours say them in
# the chosen language, see `main`.
ARGPARSE_MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("show program's version number and exit"), N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"), N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"), N_("expected one argument"), N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"), N_("ambiguous option: %(option)s could match %(matches)s"),
)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `command`, the parser of that subcommand only (the others would
    cost 7M instructions of every start, callgrind). `interview --help`, and a command that is not
    one, need them all."""
    parser = argparse.ArgumentParser(
        prog="interview",
        description=_("Run live customer interviews in the terminal: timed phases, notes for interviewer, "
        "scribe and observer, saved the moment they are typed."),
        epilog=_("Sessions are stored in the platformdirs user data folder unless --sessions-dir or "
        "INTERVIEW_SESSIONS_DIR says otherwise. SESSION is a path, an id, a unique prefix of one, or `last`."),
    )
    parser.add_argument("--version", action="version", version=f"interview-tui {__version__}")
    add_lang_option(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    registry = subparsers if command is None else _OneCommand(subparsers, command)
    run_commands.register(registry)
    session_commands.register(registry)
    review_commands.register(registry)
    playbook_commands.register(registry)
    config_commands.register(registry)
    if command is not None and command not in subparsers.choices:
        return build_parser()  # not a command: every one, for the error that lists them
    for subparser in subparsers.choices.values():
        add_lang_option(subparser)
    return parser


class _OneCommand:
    """The subcommands' registry when one command is run: its parser is built; the others' calls
    (add_parser, then add_argument, set_defaults...) build nothing."""

    def __init__(self, subparsers: argparse._SubParsersAction, command: str) -> None:
        self._subparsers = subparsers
        self._command = command

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        return self._subparsers.add_parser(name, **kwargs) if name == self._command else _NOT_BUILT


class _NotBuilt:
    """A parser that is not built: every call is taken and does nothing."""

    def __getattr__(self, name: str) -> Any:
        return self._nothing

    def _nothing(self, *args: Any, **kwargs: Any) -> _NotBuilt:
        return self


_NOT_BUILT = _NotBuilt()


def command_word(arguments: Sequence[str]) -> str | None:
    """The subcommand a command line names: its first word that is no option (nor --lang's value)."""
    skip_next = False
    for argument in arguments:
        if skip_next:
            skip_next = False
        elif argument == "--lang":
            skip_next = True
        elif not argument.startswith("-"):
            return argument
    return None


def unknown_command(parser: argparse.ArgumentParser, arguments: list[str]) -> str | None:
    """A mistyped subcommand's error with a suggestion (argparse before 3.14 only lists them all)."""
    first = command_word(arguments)
    commands = next(action.choices for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    if first is None or first in commands:
        return None
    from difflib import get_close_matches  # only for a mistyped command: 3 ms of every start

    close = get_close_matches(first, list(commands), n=1, cutoff=0.5)
    if close:
        return _("interview: error: unknown command {name!r}; did you mean {close!r}?").format(name=first, close=close[0])
    return _("interview: error: unknown command {name!r}; the commands are: {names}").format(name=first, names=", ".join(commands))


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", metavar="CODE", default=argparse.SUPPRESS,
                        help=_("language of what is shown and written (en, ko, zh); default: the session's "
                               "playbook, else your locale"))


def requested_language(argv: Sequence[str]) -> str | None:
    """`--lang CODE` from anywhere on the command line, read before the parser is built (its help
    text is already in that language)."""
    scan = argparse.ArgumentParser(add_help=False)
    scan.add_argument("--lang")
    known, _rest = scan.parse_known_args(list(argv))
    return known.lang


def main(argv: Sequence[str] | None = None) -> int:
    # pydantic looks up plugins in every installed package's entry points on first use: 35 ms of
    # start-up here, for plugins (logfire and the like) an offline interview tool never uses.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    argv = sys.argv[1:] if argv is None else list(argv)
    # The locale (or --lang) until a command knows its session's playbook: see commands/common.py.
    # argparse calls its module-level `_` at the time it formats (gettext's own looks for catalogs).
    argparse._ = _
    lang = requested_language(argv)
    choose_language(lang)
    parser = build_parser(command_word(argv))
    if unknown := unknown_command(parser, argv):
        print(unknown, file=sys.stderr)
        return EXIT_BAD_INPUT
    args = parser.parse_args(argv)
    args.lang = lang
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    if getattr(args, "shows_live_screen", False):
        hold_garbage_collector()  # until the first frame: see commands/common.py
    try:
        return int(args.handler(args) or 0)
    except user_errors() as error:
        say(_("interview: error: {error}").format(error=error), to_stderr=True)  # may quote a file name or a line of a file
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `interview export ... | head`: the reader went away; that is not an error.
        sys.stderr.close()
        return 0
    finally:
        release_garbage_collector()  # a command that stopped before a first frame (a user error)


if __name__ == "__main__":
    raise SystemExit(main())
