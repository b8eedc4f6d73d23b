"""`interview run` and `interview resume`: the live screen, on a new session or an unfinished one."""

from __future__ import annotations

import argparse
from pathlib import Path

from interview_tui.commands.common import (
    UserError,
    add_session_argument,
    add_sessions_dir_option,
    say,
    session_folder,
    use_session_language,
    warn,
)
from interview_tui.i18n import _, format_iso_date, ngettext

MAX_RESUME_OFFERS = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    run = subparsers.add_parser(
        "run",
        help=_("start an interview (default playbook: customer-interview)"),
        description=_("Start an interview. Without --participant a setup screen asks who you interview "
        "(and offers unfinished sessions for resuming); with it, the live screen opens directly. "
        "The clock starts when you press F5."),
    )
    run.add_argument("playbook", nargs="?", metavar="PLAYBOOK", help=_("a playbook file, or a bundled playbook's name"))
    run.add_argument("--participant", metavar="NAME", help=_("the participant's name or alias; skips the setup screen"))
    run.add_argument("--bell", action="store_true", help=_("ring the terminal bell at time alerts (ctrl+g toggles)"))
    add_sessions_dir_option(run)
    run.set_defaults(handler=run_interview)

    resume = subparsers.add_parser(
        "resume",
        help=_("go on with an unfinished session (after a crash or a quit)"),
        description=_("Go on with a session that was not ended: notes, drafts, phase, clock, script "
        "progress and queues come back; the time the app was down shows as a gap."),
    )
    resume.add_argument("--bell", action="store_true", help=_("ring the terminal bell at time alerts"))
    add_session_argument(resume)
    resume.set_defaults(handler=resume_interview)


def run_interview(args: argparse.Namespace) -> int:
    from interview_tui.playbook import load_playbook, resolve_playbook
    from interview_tui.session.folder import ensure_writable, sessions_dir

    # Everything that can be wrong with the input is found before the interview starts.
    playbook_path = resolve_playbook(args.playbook)
    playbook = load_playbook(playbook_path)
    use_session_language(args, playbook.language)
    root = sessions_dir(args.sessions_dir)
    ensure_writable(root)
    participant = {"name": args.participant} if args.participant is not None else None
    unfinished = [] if participant is not None else unfinished_sessions(root)

    from interview_tui.tui.app import InterviewApp

    app = InterviewApp(
        playbook=playbook,
        playbook_source=str(playbook_path),
        sessions_root=root,
        participant=participant,
        bell=args.bell,
        unfinished=unfinished,
    )
    return _run_app(app)


def resume_interview(args: argparse.Namespace) -> int:
    from interview_tui.session.core import Session, SessionEnded
    from interview_tui.session.folder import ensure_writable

    folder = session_folder(args)
    ensure_writable(folder)
    try:
        session = Session.resume(folder)
    except SessionEnded as error:
        raise UserError(str(error)) from None
    use_session_language(args, session.playbook.language)
    warn(session.read_problems)

    from interview_tui.tui.app import InterviewApp

    app = InterviewApp(
        playbook=session.playbook,
        playbook_source=session.state.playbook_source,
        sessions_root=folder.parent,
        session=session,
        bell=args.bell,
    )
    return _run_app(app)


def _run_app(app) -> int:
    import signal

    folder = app.run()
    if folder is None and app.session is not None:
        folder = app.session.folder
    if app.return_code == 128 + getattr(signal, "SIGHUP", 0):
        return app.return_code  # the terminal is gone: nobody to tell, and writing to it would fail
    if folder is not None:
        state = app.session.state
        say(_("Session saved in {folder}").format(folder=folder))
        if state.ended:
            say(_("Write it up:  interview export {session} --format md").format(session=folder.name))
        else:
            say(_("Not ended. Go on with:  interview resume {session}").format(session=folder.name))
    return app.return_code or 0


def unfinished_sessions(root: Path) -> list[tuple[Path, str]]:
    """The newest sessions that were not ended, as (folder, label) for the setup screen."""
    from interview_tui.session import load_session
    from interview_tui.session.folder import session_folders
    from interview_tui.session.log import SessionFormatError

    offers: list[tuple[Path, str]] = []
    for folder in session_folders(root)[:20]:
        try:
            state = load_session(folder)[1]
        except (OSError, SessionFormatError, ValueError):
            continue
        if state.ended or state.playbook is None:
            continue
        name = state.participant.get("name") or _("unnamed")
        count = len(state.live_notes())
        notes = ngettext("{count} note", "{count} notes", count).format(count=count)
        when = f"{format_iso_date(state.created_at)} {state.created_at[11:16]}"
        label = f"{name} · {state.playbook.title} · {when} · {notes}"
        offers.append((folder, label))
        if len(offers) == MAX_RESUME_OFFERS:
            break
    return offers
