"""`interview run`: start an interview on a playbook."""

from __future__ import annotations

import argparse

from interview_tui.commands.common import add_sessions_dir_option


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "run",
        help="start an interview (default playbook: customer-interview)",
        description="Start an interview. Without --participant a setup screen asks who you interview; "
        "with it, the live screen opens directly. The clock starts when you press F5.",
    )
    parser.add_argument("playbook", nargs="?", metavar="PLAYBOOK", help="a playbook file, or a bundled playbook's name")
    parser.add_argument("--participant", metavar="NAME", help="the participant's name or alias; skips the setup screen")
    add_sessions_dir_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from interview_tui.playbook import load_playbook, resolve_playbook
    from interview_tui.session.folder import ensure_writable, sessions_dir

    # Everything that can be wrong with the input is found before the interview starts.
    playbook_path = resolve_playbook(args.playbook)
    playbook = load_playbook(playbook_path)
    root = sessions_dir(args.sessions_dir)
    ensure_writable(root)

    from interview_tui.tui.app import InterviewApp

    participant = {"name": args.participant} if args.participant is not None else None
    app = InterviewApp(playbook=playbook, playbook_source=str(playbook_path), sessions_root=root, participant=participant)
    folder = app.run()
    if folder is None and app.session is not None:
        folder = app.session.folder
    if folder is not None:
        print(f"Session saved in {folder}")
        print(f"Write it up:  interview export {folder.name} --format md")
    return app.return_code or 0
