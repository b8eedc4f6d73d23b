"""Playbook subcommands: validate, schema, playbooks, new."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from interview_tui.i18n import N_, _, join_list, ngettext
from interview_tui.commands.common import EXIT_BAD_INPUT, UserError, say, shown, write_private


# Column headers of `interview playbooks`, a table for people.
PLAYBOOK_COLUMNS = (N_("name"), N_("title"), N_("language"), N_("phases"), N_("minutes"), N_("where"))


def register(subparsers: argparse._SubParsersAction) -> None:
    validate = subparsers.add_parser(
        "validate",
        help=_("check playbooks: errors and the play's advice, with file, line and column"),
        description=_("Check playbook files (or bundled playbook names). Errors exit 2; lint warnings "
        "(yes/no and leading questions, too many questions, phases longer than planned, no guidance) "
        "are printed and only fail with --strict."),
    )
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument("--strict", action="store_true", help=_("warnings fail too"))
    validate.set_defaults(handler=validate_playbooks)

    schema = subparsers.add_parser("schema", help=_("print the playbook JSON Schema (for editors)"),
                                   description=_("Print the JSON Schema of playbook files; see docs/playbooks.md for editor set-up."))
    schema.set_defaults(handler=print_schema)

    listing = subparsers.add_parser("playbooks", help=_("list bundled and your own playbooks"),
                                    description=_("List the bundled playbooks and yours (in the config folder)."))
    listing.set_defaults(handler=list_playbooks)

    new = subparsers.add_parser(
        "new",
        help=_("write a new playbook to start from"),
        description=_("Write a new playbook file. NAME with a slash or .yaml is a path; a plain NAME goes "
        "to your playbooks folder, where `interview run NAME` finds it."),
    )
    new.add_argument("name", metavar="NAME")
    new.add_argument("--from", dest="source", metavar="PLAYBOOK", default="customer-interview",
                     help=_("copy this playbook (default: customer-interview)"))
    new.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    new.set_defaults(handler=new_playbook)


def validate_playbooks(args: argparse.Namespace) -> int:
    from interview_tui.playbook import PlaybookError, load_playbook_file, resolve_playbook
    from interview_tui.playbook.lint import lint

    failed = False
    for reference in args.files:
        try:
            loaded = load_playbook_file(resolve_playbook(reference))
        except PlaybookError as error:
            say(error, to_stderr=True)  # quotes the file's lines: controls shown
            failed = True
            continue
        warnings = sorted(lint(loaded), key=lambda p: (p.line or 0, p.column or 0))
        for warning in warnings:
            say(warning, to_stderr=True)
        if warnings and args.strict:
            failed = True
        playbook = loaded.playbook
        phases = len(playbook.phases)
        summary = [ngettext("{count} phase", "{count} phases", phases).format(count=phases),
                   _("{minutes} minutes").format(minutes=f"{playbook.phases_minutes:g}")]
        if warnings:
            if args.strict:
                summary.append(ngettext("{count} warning (failing under --strict)", "{count} warnings (failing under --strict)",
                                        len(warnings)).format(count=len(warnings)))
            else:
                summary.append(ngettext("{count} warning", "{count} warnings", len(warnings)).format(count=len(warnings)))
        verdict = _("{file}: not ok, {summary}") if warnings and args.strict else _("{file}: ok, {summary}")
        say(verdict.format(file=loaded.source, summary=join_list(summary)))
    return EXIT_BAD_INPUT if failed else 0


def print_schema(args: argparse.Namespace) -> int:
    from interview_tui.playbook.schema import playbook_schema_text

    sys.stdout.write(playbook_schema_text())
    return 0


def list_playbooks(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from interview_tui.playbook import PlaybookError, bundled_playbooks, load_playbook, user_playbooks
    from interview_tui.playbook.bundled import user_dir

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in PLAYBOOK_COLUMNS:
        table.add_column(_(column), justify="right" if column in ("phases", "minutes") else "left", no_wrap=column != "title")
    for where, paths in ((_("yours"), user_playbooks()), (_("bundled"), bundled_playbooks())):
        for path in paths:
            try:
                playbook = load_playbook(path)
            except PlaybookError as error:
                table.add_row(Text(shown(path.stem)), Text(shown(_("invalid: interview validate {path}").format(path=path)), style="red"), Text(""), Text(""), Text(""), Text(where))
                say(_("interview: warning: {problem}").format(problem=error.problems[0]), to_stderr=True)
                continue
            table.add_row(Text(shown(path.stem)), Text(shown(playbook.title)), Text(shown(playbook.language)), Text(str(len(playbook.phases))),
                          Text(f"{playbook.phases_minutes:g}"), Text(where))
    Console(highlight=False, width=None if sys.stdout.isatty() else 200).print(table)
    say("\n" + _("Your playbooks folder: {folder}").format(folder=user_dir()))
    return 0


def new_playbook(args: argparse.Namespace) -> int:
    from interview_tui.playbook import load_playbook_text, resolve_playbook
    from interview_tui.playbook.bundled import PLAYBOOK_SUFFIXES, user_dir
    from interview_tui.playbook.schema import playbook_schema_text

    source = resolve_playbook(args.source)
    name = args.name
    if "/" in name or "\\" in name or name.endswith(PLAYBOOK_SUFFIXES):
        target = Path(name).expanduser()
    else:
        if not name.replace("-", "").replace("_", "").isalnum():
            raise UserError(_("{name!r}: a playbook name is letters, digits, - and _ (or give a path ending in .yaml)").format(name=name))
        target = user_dir() / f"{name}.yaml"
    if target.exists() and not args.force:
        raise UserError(_("{file} already exists; choose another name, or --force to overwrite it").format(file=target))
    original = source.read_text(encoding="utf-8")
    load_playbook_text(original, str(source))  # never start from a broken file
    text = starting_text(original, title=target.stem.replace("-", " ").replace("_", " ").capitalize())
    schema = target.parent / SCHEMA_FILE_NAME
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_private(target, text)  # never through a symlink
        # The copy's `$schema=` comment points here, so the editor finds the schema next to the file.
        if not schema.exists() or _is_our_schema(schema):
            write_private(schema, playbook_schema_text())
    except OSError as error:
        raise UserError(_("{file}: cannot be written: {reason}").format(file=error.filename or target, reason=error.strerror)) from None
    say(_("Wrote {file} (from {source}), and {schema} beside it for your editor.").format(file=target, source=source.stem, schema=schema.name))
    reference = name if target.parent == user_dir() else str(target)
    say(_("Edit it, check it with `interview validate {name}`, run it with `interview run {name}`.").format(name=reference))
    return 0


SCHEMA_FILE_NAME = "playbook.schema.json"
_SCHEMA_COMMENT = f"# yaml-language-server: $schema=./{SCHEMA_FILE_NAME}"


def starting_text(original: str, title: str) -> str:
    """A copy of a playbook's text, comments and all, with its own title and a `$schema=` comment
    that points beside it (a bundled play's `../docs/...` would point nowhere from the new place)."""
    from interview_tui.playbook import PlaybookError, load_playbook_text

    lines = [line for line in original.splitlines() if not line.startswith("# yaml-language-server:")]
    with_schema = "\n".join([_SCHEMA_COMMENT, *lines]) + "\n"
    titled = "\n".join(f"title: {_yaml_text(title)}" if line.startswith("title: ") else line
                        for line in with_schema.splitlines()) + "\n"
    try:
        # Only a one-line title can be swapped line by line; otherwise keep the original's.
        if load_playbook_text(titled, "copy").title == title:
            return titled
    except PlaybookError:
        pass
    return with_schema


def _yaml_text(text: str) -> str:
    import json

    import yaml

    plain_is_text = yaml.safe_load(f"title: {text}") == {"title": text}
    return text if plain_is_text else json.dumps(text, ensure_ascii=False)


def _is_our_schema(path: Path) -> bool:
    """A schema file `interview new` or `interview schema` wrote, safe to bring up to date."""
    import json

    try:
        return json.loads(path.read_text(encoding="utf-8")).get("title") == "interview-tui playbook"
    except (OSError, ValueError, AttributeError):
        return False
