"""After the interview: replay."""

from __future__ import annotations

import argparse
import sys

from interview_tui.commands.common import UserError, add_sessions_dir_option


def register(subparsers: argparse._SubParsersAction) -> None:
    replay = subparsers.add_parser(
        "replay",
        help="re-live a session in the terminal, on a virtual clock",
        description="Re-enact a session from its log with the live screen's widgets. Keys: space play/pause, "
        "+/- speed (1x to 32x), left/right 10 s, shift+left/right 1 min, [ ] phases, , . notes, r role "
        "filter, t tag filter, q quit.",
    )
    replay.add_argument("session", metavar="SESSION", help="a path, an id or unique prefix, or `last`")
    replay.add_argument("--speed", type=int, default=1, choices=(1, 2, 4, 8, 16, 32), help="playback speed (default 1)")
    replay.add_argument("--idle-limit", type=float, default=15.0, metavar="SECONDS",
                        help="shorten stretches with nothing happening to this many session seconds (0: never; default 15)")
    replay.add_argument("--paused", action="store_true", help="start paused")
    add_sessions_dir_option(replay)
    replay.set_defaults(handler=replay_session)

    debrief = subparsers.add_parser(
        "debrief",
        help="after the interview: mark notes, group them into problems, ask why five times",
        description="Debrief a session: v/s/c mark the highlighted note valuable, surprising or "
        "contradictory; n makes a problem from it, g groups it into one; w writes the problem's 5 whys. "
        "Everything is saved in the session and shows in exports and reports.",
    )
    debrief.add_argument("session", metavar="SESSION", help="a path, an id or unique prefix, or `last`")
    add_sessions_dir_option(debrief)
    debrief.set_defaults(handler=debrief_session)


def replay_session(args: argparse.Namespace) -> int:
    from interview_tui.session import load_session
    from interview_tui.session.folder import resolve_session, sessions_dir
    from interview_tui.session.timeline import Timeline

    folder = resolve_session(args.session, sessions_dir(args.sessions_dir))
    log, state = load_session(folder)
    if state.playbook is None:
        raise UserError(f"{folder}: the log has no session_created event; nothing to replay")
    for problem in log.problems:
        print(f"interview: warning: {problem}", file=sys.stderr)
    timeline = Timeline(log.events)

    from interview_tui.tui.replay_app import ReplayApp

    title = f"{state.playbook.title} · {state.participant.get('name', '')} · {state.session_id}"
    ReplayApp(timeline, speed=args.speed, idle_limit=args.idle_limit, title=title, paused=args.paused).run()
    return 0


def debrief_session(args: argparse.Namespace) -> int:
    from interview_tui.session.core import Session
    from interview_tui.session.folder import ensure_writable, resolve_session, sessions_dir

    folder = resolve_session(args.session, sessions_dir(args.sessions_dir))
    ensure_writable(folder)
    session = Session.resume(folder, debrief=True)
    for problem in session.read_problems:
        print(f"interview: warning: {problem}", file=sys.stderr)

    from interview_tui.tui.debrief_app import DebriefApp

    DebriefApp(session).run()
    state = session.state
    print(f"Debrief saved in {folder}: {len(state.problems)} problems, "
          f"{sum(1 for marks in state.marks.values() if marks)} marked notes")
    return 0
