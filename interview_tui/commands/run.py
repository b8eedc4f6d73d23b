"""`interview run` and `interview resume`: the live screen, on a new session or an unfinished one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from interview_tui.commands.common import (
    UserError,
    add_session_argument,
    add_sessions_dir_option,
    freeze_loaded_objects,
    release_garbage_collector,
    say,
    session_folder,
    use_session_language,
    warn,
)
from interview_tui.i18n import _, format_iso_date, join_list, ngettext

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
    run.set_defaults(handler=run_interview, shows_live_screen=True)

    resume = subparsers.add_parser(
        "resume",
        help=_("go on with an unfinished session (after a crash or a quit)"),
        description=_("Go on with a session that was not ended: notes, drafts, phase, clock, script "
        "progress and queues come back; the time the app was down shows as a gap."),
    )
    resume.add_argument("--bell", action="store_true", help=_("ring the terminal bell at time alerts"))
    add_session_argument(resume)
    resume.set_defaults(handler=resume_interview, shows_live_screen=True)

    join = subparsers.add_parser(
        "join",
        help=_("join a session another terminal is running (team sessions)"),
        description=_("Join a session that is being run, from another terminal: a second tmux pane, "
        "another laptop over `ssh -t HOST interview join last --role scribe`, or a session folder a sync "
        "tool shares. You type in your role's pane; the others' notes, the phase and the clock show "
        "live. Without SESSION: the live session, or a choice of them."),
    )
    join.add_argument("session", nargs="?", metavar="SESSION", help=_("a path, an id or unique prefix, or `last` (default: the live one)"))
    # The role's values are what a person types (`--role scribe`), the same in every language.
    join.add_argument("--role", choices=("interviewer", "scribe", "observer"), default="scribe", help=_("your pane (default: scribe)"))
    join.add_argument("--name", metavar="NAME", help=_("your name, shown to the others and in the exports (default: your login)"))
    join.add_argument("--bell", action="store_true", help=_("ring the terminal bell at time alerts"))
    add_sessions_dir_option(join)
    join.set_defaults(handler=join_interview, shows_live_screen=True)


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
    for folder, label in live_sessions(root):
        joined = _offer_join(folder, args, label=label, default_yes=False)
        if joined is not None:
            return joined
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
    from interview_tui.session.core import Session, SessionEnded, default_name
    from interview_tui.session.events import Role
    from interview_tui.session.folder import ensure_writable

    folder = session_folder(args)
    ensure_writable(folder)
    joined = _offer_join(folder, args)
    if joined is not None:
        return joined
    try:
        session = Session.resume(folder, member=(default_name(), Role.INTERVIEWER))
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


def join_interview(args: argparse.Namespace) -> int:
    from interview_tui.session.folder import ensure_writable, sessions_dir

    if args.session is None:
        live = live_sessions(sessions_dir(args.sessions_dir))
        if not live:
            raise UserError(_("no session is being run now; `interview list` shows the sessions, `interview join SESSION` joins one"))
        folder = live[0][0] if len(live) == 1 else _choose(live)
    else:
        folder = session_folder(args)
    ensure_writable(folder)
    return _join(folder, args, args.role, args.name, bell=args.bell)


def _join(folder: Path, args: argparse.Namespace, role: str, name: str | None, *, bell: bool = False) -> int:
    from interview_tui.session.core import Session, SessionEnded, default_name
    from interview_tui.session.events import Role

    try:
        session = Session.join(folder, (name or default_name() or role, Role(role)))
    except SessionEnded as error:
        raise UserError(str(error)) from None
    use_session_language(args, session.playbook.language)
    warn(session.read_problems)
    session.read_problems.clear()  # said on stderr already

    from interview_tui.tui.app import InterviewApp

    app = InterviewApp(
        playbook=session.playbook,
        playbook_source=session.state.playbook_source,
        sessions_root=folder.parent,
        session=session,
        bell=bell,
        own_role=Role(role),
    )
    return _run_app(app)


def _ask(question: str) -> str | None:
    """One line from the person at the terminal; None when nobody is there to answer."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return None
    try:
        return input(question).strip().lower()
    except EOFError:
        return None


def _choose(live: list[tuple[Path, str]]) -> Path:
    for number, (_folder, label) in enumerate(live, start=1):
        say(f"  {number}. {label}")
    answer = _ask(_("Join which session? [1-{count}] ").format(count=len(live)))
    if answer is None or not answer.isdigit() or not 1 <= int(answer) <= len(live):
        raise UserError(_("several sessions are being run now; name one: `interview join SESSION` (`interview list` shows them)"))
    return live[int(answer) - 1][0]


def _people_text(people) -> str:
    """`Ana (interviewer), Bo (scribe)`, in the session's language."""
    from interview_tui.session.events import role_title

    return join_list(_("{name} ({role})").format(name=person.name, role=role_title(person.role).lower()) for person in people)


def _offer_join(folder: Path, args: argparse.Namespace, *, label: str | None = None, default_yes: bool = True) -> int | None:
    """`run` or `resume` while another process writes a session: offer to join it instead of
    becoming a second writer that does not see the first. None: go on as asked."""
    from interview_tui.session import load_session
    from interview_tui.session.events import role_title
    from interview_tui.session.team import live_people

    try:
        _log, state = load_session(folder)
    except (OSError, ValueError):
        return None
    people = live_people(folder, state)
    if not people:
        return None
    taken = {person.role for person in people}
    # The first free pane: a host back after a crash gets the interviewer's, a second person the scribe's.
    role = next((r for r in ("interviewer", "scribe", "observer") if r not in taken), "observer")
    if default_yes:  # resume: the offer, and the session if taken, speak the session's language
        use_session_language(args, state.playbook.language if state.playbook else None)
    who = _people_text(people)
    label = label or folder.name
    shown_role = role_title(role).lower()
    say(_("Session {session} is being run now by {people}.").format(session=label, people=who))
    answer = _ask(_("Join it as {role} instead? [Y/n] ").format(role=shown_role) if default_yes
                  else _("Join it as {role} instead? [y/N] ").format(role=shown_role))
    if answer is None:
        if default_yes:  # resume: two writers that do not see each other would diverge
            raise UserError(_("session {session} is being run now by {people}; join it with `interview join {session} --role {role}`").format(
                session=folder.name, people=who, role=role))
        return None
    if answer in ("y", "yes") or (answer == "" and default_yes):
        return _join(folder, args, role, None)
    if default_yes:
        raise UserError(_("not resumed: session {session} is being run by {people}").format(session=folder.name, people=who))
    return None


def live_sessions(root: Path) -> list[tuple[Path, str]]:
    """Sessions someone is writing right now, newest first, as (folder, label)."""
    from interview_tui.session.folder import session_folders
    from interview_tui.session.team import live_people, recently_written

    live: list[tuple[Path, str]] = []
    for folder in session_folders(root)[:20]:
        if not recently_written(folder):
            continue  # nobody's heartbeat: not live, and not worth reading
        from interview_tui.session import load_session  # the reader: only for a session being written
        from interview_tui.session.log import SessionFormatError

        try:
            _log, state = load_session(folder)
        except (OSError, SessionFormatError, ValueError):
            continue
        if state.playbook is None:
            continue
        people = live_people(folder, state)
        if people:
            name = state.participant.get("name") or _("unnamed")
            who = _people_text(people)
            live.append((folder, f"{folder.name} · {name} · {state.playbook.title} · {who}"))
    return live


def _run_app(app) -> int:
    import signal

    from interview_tui.tui.user_config import apply_user_config

    apply_user_config(app)
    freeze_loaded_objects()
    app.first_frame_shown = release_garbage_collector
    try:
        folder = app.run()
    finally:
        release_garbage_collector()  # an app that stopped before its first frame
    if app.discarded is not None:
        print(_("Discarded the empty session {id}.").format(id=app.discarded.name))
        return app.return_code or 0
    if folder is None and app.session is not None:
        folder = app.session.folder
    if app.return_code == 128 + getattr(signal, "SIGHUP", 0):
        return app.return_code  # the terminal is gone: nobody to tell, and writing to it would fail
    if folder is not None:
        state = app.session.state
        say(_("Session saved in {folder}").format(folder=folder))
        if state.ended:
            say(_("Write it up:  interview export {session} --format md").format(session=folder.name))
        elif getattr(app, "own_role", None) is not None:
            say(_("Not ended. Join again with:  interview join {session} --role {role}").format(session=folder.name, role=app.own_role))
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
            _log, state = load_session(folder)
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
