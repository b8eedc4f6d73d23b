"""Session subcommands: list, export."""

from __future__ import annotations

import argparse
import io
import sys
from datetime import datetime
from pathlib import Path

from interview_tui.commands.common import (
    UserError,
    add_session_argument,
    add_sessions_dir_option,
    chosen_sessions_dir,
    say,
    session_folder,
    shown,
    use_session_language,
    warn,
    open_private,
    write_private,
)
from interview_tui.i18n import N_, _, format_iso_date
from interview_tui.usertext import visible_controls


def register(subparsers: argparse._SubParsersAction) -> None:
    listing = subparsers.add_parser("list", help=_("list sessions, newest first"), description=_("List sessions, newest first."))
    add_sessions_dir_option(listing)
    listing.set_defaults(handler=list_sessions)

    discard = subparsers.add_parser(
        "discard",
        help="remove an unfinished session that has no notes",
        description="Remove an unfinished session with nothing in it (a start by mistake, a quit before "
        "the first note). A session with notes, or an ended one, is refused.",
    )
    add_session_argument(discard)
    discard.set_defaults(handler=discard_session)

    export = subparsers.add_parser(
        "export",
        help=_("export a session: md write-up, csv, json, vtt"),
        description=_("Export a session: `md` is a write-up to paste into Confluence or Notion; `csv` has one "
        "row per note (for Dovetail, Reframer, a spreadsheet); `json` has everything; `vtt` gives WebVTT "
        "cues at each note's recording time, so a media player jumps to notes. SESSION is a path, an id "
        "or unique prefix, or `last`. --redact makes a copy safe to share; the session is never changed."),
    )
    export.add_argument("--format", "-f", choices=("md", "csv", "json", "vtt", "qdpx", "qdc"), default="md",
                        help=_("md (default), csv, json, vtt; qdpx (a REFI-QDA project) or qdc (its codebook) for "
                               "NVivo, ATLAS.ti, MAXQDA and QualCoder"))
    export.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE (0600) instead of standard output"))
    add_redact_options(export)
    add_session_argument(export)
    export.set_defaults(handler=export_session)


def add_redact_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--redact", action="store_true",
                        help=_("the participant's name becomes their alias; emails and phone numbers are masked"))
    parser.add_argument("--redact-words", metavar="WORDS", default="",
                        help=_("with --redact: also mask these words, comma-separated (e.g. company names)"))
    parser.add_argument("--redact-file", metavar="FILE", help=_("with --redact: also mask the words in FILE, one per line"))


def wants_redaction(args: argparse.Namespace) -> bool:
    return bool(args.redact or args.redact_words or args.redact_file)


def session_state_label(state, folder: Path | None = None) -> str:
    """`live, N here` (someone is writing it now: `interview join` it), `not started` (the clock never
    ran), `unfinished` (not ended, nobody writing: crashed, waiting for `interview resume`) or `ended`."""
    if state.ended:
        return _("ended")
    if folder is not None:
        from interview_tui.session.team import live_people

        here = len(live_people(folder, state))
        if here:
            return _("live, {count} here").format(count=here)
    if not state.clock_started:
        return _("not started")
    return _("unfinished")


def local_time(at: str) -> str:
    """An ISO 8601 time as the language's date and `HH:MM`, in this machine's time zone."""
    try:
        local = datetime.fromisoformat(at).astimezone()
        return f"{format_iso_date(local.isoformat())} {local.strftime('%H:%M')}"
    except ValueError:
        return f"{format_iso_date(at)} {at[11:16]}"


# Column headers of `interview list` (a table for people, unlike the CSV exports' fixed names).
LIST_COLUMNS = (N_("id"), N_("date"), N_("participant"), N_("playbook"), N_("notes"), N_("state"))


def list_sessions(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from interview_tui.session import load_session
    from interview_tui.session.folder import session_folders
    from interview_tui.session.log import SessionFormatError

    root = chosen_sessions_dir(args)
    folders = session_folders(root)
    # Piped into a file or `grep`, rows stay whole rather than wrapped at 80 columns.
    console = Console(highlight=False, markup=False, emoji=False, width=None if sys.stdout.isatty() else 200)
    if not folders:
        console.print(Text(shown(_("No sessions in {folder} yet. Start one with `interview run`.").format(folder=root))))
        return 0
    table = Table(box=None, pad_edge=False, header_style="bold")
    # Dates in this machine's time zone, said in the header (`show` gives the session's own).
    offset = datetime.now().astimezone().strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}"
    for column in LIST_COLUMNS:
        title = _("date ({zone})").format(zone=zone) if column == "date" else _(column)
        table.add_column(title, justify="right" if column == "notes" else "left", no_wrap=column in ("id", "date", "notes", "state"))
    for folder in folders:
        try:
            log, state = load_session(folder)
            if state.playbook is None:
                raise SessionFormatError(_("no readable session_created event"))
        except (OSError, SessionFormatError, ValueError, KeyError, TypeError) as error:
            # One broken folder must not hide the others: a row that says so, the reason on stderr.
            table.add_row(Text(shown(folder.name)), Text(""), Text(""), Text(""), Text(""), Text(_("unreadable"), style="red"))
            say(_("interview: warning: {problem}").format(problem=f"{folder.name}: {error}"), to_stderr=True)
            continue
        table.add_row(
            Text(shown(folder.name)),
            Text(shown(local_time(state.created_at))),
            Text(shown(state.participant.get("name", ""))),  # user text: Text is never markup, controls shown
            Text(shown(state.playbook.title)),
            Text(str(len(state.live_notes()))),
            Text(session_state_label(state, folder)),
        )
    console.print(table)
    return 0


def discard_session(args: argparse.Namespace) -> int:
    from interview_tui.session.folder import discard_empty_session

    folder = session_folder(args)
    discard_empty_session(folder)
    print(_("Discarded the empty session {id}.").format(id=folder.name))
    return 0


def export_session(args: argparse.Namespace) -> int:
    from interview_tui.export import FORMATS, WRITERS
    from interview_tui.session.load import bulk_reading, load_session_folded
    from interview_tui.session.log import SessionFormatError

    folder = session_folder(args)
    with bulk_reading():
        log, state = load_session_folded(folder)
    if state.playbook is None:
        reasons = "; ".join(str(problem) for problem in log.problems) or _("no session_created event")
        raise SessionFormatError(_("{folder}: cannot be exported: {reasons}").format(folder=folder, reasons=reasons))
    use_session_language(args, state.playbook.language)
    warn(log.problems, skipped=True)
    log, state = redacted_if_asked(args, log, state)
    if args.format in WRITERS:
        stream_export(args, WRITERS[args.format], log, state)
    elif args.format == "qdpx" and args.output:
        from interview_tui.export.refi_qda import write_qdpx_data

        # Zipped straight into the file as it is made: the zip is not held as well.
        with open_private(Path(args.output)) as handle:
            write_qdpx_data([(log, state)], handle)
        say(_("Wrote {file}").format(file=args.output), to_stderr=True)
    else:
        write_export(args, FORMATS[args.format](log, state))
    return 0


def write_export(args: argparse.Namespace, data: str | bytes) -> None:
    """To -o FILE (0600, never through a symlink) as it is, else to standard output: on a terminal with
    its control characters made visible (a piped copy stays exact); a zip only to a file."""
    from interview_tui.export import BINARY_FORMATS

    if args.output:
        write_private(Path(args.output), data)
        say(_("Wrote {file}").format(file=args.output), to_stderr=True)
        return
    if args.format in BINARY_FORMATS:
        raise UserError(_("--format {format} writes a zip file: give -o FILE.{format}").format(format=args.format))
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    if sys.stdout.isatty():
        text = visible_controls(text.replace("\r\n", "\n"), keep_line_breaks=True)
    sys.stdout.write(text)


def stream_export(args: argparse.Namespace, write, log, state) -> None:
    """write_export for a text format, written as it is made (100,000 notes: the text is never held
    whole): to -o FILE (0600, never through a symlink) exactly, or to standard output, on a terminal
    with its control characters made visible."""
    if args.output:
        with open_private(Path(args.output)) as handle:
            text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
            write(log, state, text)
            text.flush()
            text.detach()  # the file is closed by open_private
        say(_("Wrote {file}").format(file=args.output), to_stderr=True)
    elif sys.stdout.isatty():
        write(log, state, _VisibleControls(sys.stdout))
    else:
        write(log, state, sys.stdout)


class _VisibleControls:
    """A terminal's output that shows control characters as symbols, as write_export does for a whole
    text (each piece is one or more whole lines or rows, so no CR LF is split between two)."""

    def __init__(self, out) -> None:
        self.out = out

    def write(self, text: str) -> int:
        return self.out.write(visible_controls(text.replace("\r\n", "\n"), keep_line_breaks=True))


def redacted_if_asked(args: argparse.Namespace, log, state):
    """The one place an export redacts: the whole exported data (log warnings and state), and says
    what it masked."""
    if not wants_redaction(args):
        return log, state
    from interview_tui.export.redact import redact_session

    redacted = redact_session(log, state, redaction_words(args))
    say(redacted.summary, to_stderr=True)
    return redacted.log, redacted.state


def redaction_words(args: argparse.Namespace) -> list[str]:
    words = [word for word in args.redact_words.split(",") if word.strip()]
    if args.redact_file:
        try:
            words += [line.strip() for line in Path(args.redact_file).read_text(encoding="utf-8").splitlines() if line.strip()]
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or error
            raise UserError(_("{file}: cannot be read: {reason}").format(file=args.redact_file, reason=reason)) from None
    return words

