"""Playbook subcommands: validate, schema, playbooks, new."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from interview_tui.commands.common import EXIT_BAD_INPUT, UserError, say, shown, write_private


def register(subparsers: argparse._SubParsersAction) -> None:
    validate = subparsers.add_parser(
        "validate",
        help="check playbooks: errors and the play's advice, with file, line and column",
        description="Check playbook files (or bundled playbook names). Errors exit 2; lint warnings "
        "(yes/no and leading questions, too many questions, phases longer than planned, no guidance) "
        "are printed and only fail with --strict.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument("--strict", action="store_true", help="warnings fail too")
    validate.set_defaults(handler=validate_playbooks)

    schema = subparsers.add_parser("schema", help="print the playbook JSON Schema (for editors)",
                                   description="Print the JSON Schema of playbook files; see docs/playbooks.md for editor set-up.")
    schema.set_defaults(handler=print_schema)

    listing = subparsers.add_parser("playbooks", help="list bundled and your own playbooks",
                                    description="List the bundled playbooks and yours (in the config folder).")
    listing.set_defaults(handler=list_playbooks)

    new = subparsers.add_parser(
        "new",
        help="write a new playbook to start from",
        description="Write a new playbook file. NAME with a slash or .yaml is a path; a plain NAME goes "
        "to your playbooks folder, where `interview run NAME` finds it.",
    )
    new.add_argument("name", metavar="NAME")
    new.add_argument("--from", dest="source", metavar="PLAYBOOK", default="customer-interview",
                     help="copy this playbook (default: customer-interview)")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
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
        summary = [f"{_count(len(playbook.phases), 'phase')}", f"{playbook.phases_minutes:g} minutes"]
        if warnings:
            summary.append(_count(len(warnings), "warning") + (" (failing under --strict)" if args.strict else ""))
        say(f"{loaded.source}: {'not ok' if warnings and args.strict else 'ok'}, {', '.join(summary)}")
    return EXIT_BAD_INPUT if failed else 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


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
    for column in ("name", "title", "language", "phases", "minutes", "where"):
        table.add_column(column, justify="right" if column in ("phases", "minutes") else "left", no_wrap=column != "title")
    for where, paths in (("yours", user_playbooks()), ("bundled", bundled_playbooks())):
        for path in paths:
            try:
                playbook = load_playbook(path)
            except PlaybookError as error:
                table.add_row(Text(shown(path.stem)), Text(shown(f"invalid: interview validate {path}"), style="red"), Text(""), Text(""), Text(""), Text(where))
                say(f"interview: warning: {error.problems[0]}", to_stderr=True)
                continue
            table.add_row(Text(shown(path.stem)), Text(shown(playbook.title)), Text(shown(playbook.language)), Text(str(len(playbook.phases))),
                          Text(f"{playbook.phases_minutes:g}"), Text(where))
    Console(highlight=False, width=None if sys.stdout.isatty() else 200).print(table)
    say(f"\nYour playbooks folder: {user_dir()}")
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
            raise UserError(f"{name!r}: a playbook name is letters, digits, - and _ (or give a path ending in .yaml)")
        target = user_dir() / f"{name}.yaml"
    if target.exists() and not args.force:
        raise UserError(f"{target} already exists; choose another name, or --force to overwrite it")
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
        raise UserError(f"{error.filename or target}: cannot be written: {error.strerror}") from None
    say(f"Wrote {target} (from {source.stem}), and {schema.name} beside it for your editor.")
    reference = name if target.parent == user_dir() else str(target)
    say(f"Edit it, check it with `interview validate {reference}`, run it with `interview run {reference}`.")
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
