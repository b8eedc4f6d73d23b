"""After the interview: replay."""

from __future__ import annotations

import argparse
from pathlib import Path

from interview_tui.commands.common import (
    UserError,
    add_session_argument,
    add_sessions_dir_option,
    freeze_loaded_objects,
    say,
    session_folder,
    shown,
    use_session_language,
    warn,
)
from interview_tui.commands.sessions import add_redact_options, redaction_words, wants_redaction, write_export
from interview_tui.i18n import _, format_iso_date, join_list, ngettext


def register(subparsers: argparse._SubParsersAction) -> None:
    replay = subparsers.add_parser(
        "replay",
        help=_("re-live a session in the terminal, on a virtual clock"),
        description=_("Re-enact a session from its log with the live screen's widgets. Keys: space play/pause, "
        "+/- speed (1x to 32x), left/right 10 s, shift+left/right 1 min, [ ] phases, , . notes, r role "
        "filter, t tag filter, q quit."),
    )
    replay.add_argument("--speed", type=int, default=1, choices=(1, 2, 4, 8, 16, 32), help=_("playback speed (default 1)"))
    replay.add_argument("--idle-limit", type=float, default=15.0, metavar="SECONDS",
                        help=_("shorten stretches with nothing happening to this many session seconds (0: never; default 15)"))
    replay.add_argument("--paused", action="store_true", help=_("start paused"))
    add_session_argument(replay)
    replay.set_defaults(handler=replay_session)

    debrief = subparsers.add_parser(
        "debrief",
        help=_("after the interview: mark notes, group them into problems, ask why five times"),
        description=_("Debrief a session: v/s/c mark the highlighted note valuable, surprising or "
        "contradictory; n makes a problem from it, g groups it into one; w writes the problem's 5 whys. "
        "Everything is saved in the session and shows in exports and reports."),
    )
    add_session_argument(debrief)
    debrief.set_defaults(handler=debrief_session)

    show = subparsers.add_parser("show", help=_("a summary of a session, printed (no TUI)"),
                                 description=_("Print a session's summary: participant, phases planned and actual, "
                                 "notes by role and tag, follow-ups, problems."))
    add_session_argument(show)
    show.set_defaults(handler=show_session)

    report = subparsers.add_parser(
        "report",
        help=_("patterns across interviews: tags by participant, quotes, follow-ups, segments, timing"),
        description=_("The rainbow sheet across interviews: tags by participant (with the notes behind each "
        "cell in CSV), tags per phase, top quotes per tag, open follow-ups, segment coverage, and phase "
        "timing. In the terminal by default; --format md or csv for sharing."),
    )
    report.add_argument("sessions", nargs="*", metavar="SESSION", help=_("sessions to compare (or --all)"))
    report.add_argument("--all", action="store_true", help=_("every session in the sessions folder"))
    report.add_argument("--playbook", metavar="NAME", help=_("only sessions run on this playbook (its name or title)"))
    report.add_argument("--format", "-f", choices=("md", "csv", "qdpx", "qdc"),
                        help=_("Markdown or CSV instead of the terminal view; qdpx: every session in one REFI-QDA "
                               "project, qdc: its codebook"))
    report.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE (0600) instead of standard output"))
    add_redact_options(report)
    add_sessions_dir_option(report)
    report.set_defaults(handler=report_sessions)


def replay_session(args: argparse.Namespace) -> int:
    from interview_tui.session.load import load_timeline

    folder = session_folder(args)
    log, timeline = load_timeline(folder)
    state = timeline.final
    if state.playbook is None:
        warn(log.problems)  # why: the lines that were skipped, by file and line
        raise UserError(_("{folder}: the log has no session_created event; nothing to replay").format(folder=folder))
    use_session_language(args, state.playbook.language)
    warn(log.problems)

    from interview_tui.tui.replay_app import ReplayApp

    title = f"{state.playbook.title} · {state.participant.get('name', '')} · {state.session_id}"
    from interview_tui.tui.user_config import apply_user_config

    app = ReplayApp(timeline, speed=args.speed, idle_limit=args.idle_limit, title=title, paused=args.paused)
    apply_user_config(app)
    freeze_loaded_objects()
    app.run()
    return 0


def debrief_session(args: argparse.Namespace) -> int:
    from interview_tui.session.core import Session
    from interview_tui.session.folder import ensure_writable

    folder = session_folder(args)
    ensure_writable(folder)
    session = Session.resume(folder, debrief=True)
    use_session_language(args, session.playbook.language)
    warn(session.read_problems)

    from interview_tui.tui.debrief_app import DebriefApp

    from interview_tui.tui.user_config import apply_user_config

    app = DebriefApp(session)
    apply_user_config(app)
    app.run()
    state = session.state
    marked = sum(1 for marks in state.marks.values() if marks)
    say(_("Debrief saved in {folder}: {problems} problems, {marked} marked notes").format(
        folder=folder, problems=len(state.problems), marked=marked))
    return 0


def session_time(at: str) -> str:
    """The session's own wall time, with its UTC offset: where the interview took place."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return at[:16].replace("T", " ")
    offset = moment.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else _("time zone unknown")
    return f"{format_iso_date(at)} {moment:%H:%M} ({zone})"


def show_session(args: argparse.Namespace) -> int:
    from collections import Counter

    from rich.console import Console, Group
    from rich.table import Table
    from rich.text import Text

    from interview_tui.session import load_session
    from interview_tui.session.clock import mmss
    from interview_tui.session.events import ROLES, role_title

    folder = session_folder(args)
    log, state = load_session(folder)
    if state.playbook is None:
        warn(log.problems)  # why: the lines that were skipped, by file and line
        raise UserError(_("{folder}: the log has no session_created event").format(folder=folder))
    use_session_language(args, state.playbook.language)
    end = state.ended_t if state.ended_t is not None else state.last_t
    notes = state.live_notes()
    # Every piece of user text (titles, names, profile, notes, tags, file names) goes through shown():
    # a session folder from someone else must not clear the screen or retitle the window.
    head = Text()
    # Every piece of user text (titles, names, profile, notes, tags, file names) goes through shown():
    # a session folder from someone else must not clear the screen or retitle the window.
    head.append(shown(f"{state.playbook.title} · {state.participant.get('name') or _('unnamed')}"), style="bold")
    # The session's own wall time and its UTC offset (`list` shows this machine's time zone).
    when = session_time(state.created_at)
    status = _("ended") if state.ended else _("not ended")
    head.append("\n" + shown(_("{session} · {when} · {status} · consent: {consent}").format(
        session=state.session_id, when=when, status=status, consent=consent_label(state.consent))))
    labels = {"role": _("Position"), **{field.id: field.label for field in state.playbook.participant}}
    profile = {k: v for k, v in state.participant.items() if k not in ("name", "prepared")}
    if profile:
        head.append("\n" + shown("; ".join(f"{labels.get(k, k.replace('_', ' '))}: {v}" for k, v in profile.items())))
    phases = Table(title=_("Phases"), title_justify="left", header_style="bold")
    phases.add_column(_("phase"), justify="left")
    for column in (_("planned"), _("actual"), _("notes")):
        phases.add_column(column, justify="right")
    for phase in state.playbook.phases:
        planned, spent = state.phase_planned(phase.id), state.phase_spent(phase.id, end)
        phases.add_row(Text(shown(phase.title)), mmss(planned), Text(mmss(spent), style="bold red" if spent > planned + 30 else ""),
                       str(sum(1 for n in notes if n.phase == phase.id)))
    phases.add_row(Text(_("total"), style="bold"), mmss(state.session_planned()), mmss(state.clock_elapsed(end)), str(len(notes)))
    counts = join_list(_("{count} {role}").format(role=role_title(role).lower(), count=sum(1 for n in notes if n.role == role))
                       for role in ROLES)
    tags = Counter(tag for n in notes for tag in n.tags)
    listed = join_list(f"#{tag} {count}" for tag, count in tags.most_common())
    tag_line = Text(shown(_("tags: {tags}").format(tags=listed)) if tags else _("no tags"))
    open_follow_ups = state.open_items(state.follow_ups())
    follow: Table | Text
    if open_follow_ups:
        follow = Table(title=_("Open follow-ups"), title_justify="left", header_style="bold", show_header=False)
        follow.add_column(_("follow-up"))
        for note in open_follow_ups:
            follow.add_row(Text(shown(f"{mmss(note.clock)} {role_title(note.role)}: {note.text}")))
    else:
        follow = Text(_("No open follow-ups."))  # an empty box said the same, less clearly
    parts = [head, phases, Text(shown(_("notes: {counts}").format(counts=counts))), tag_line, follow]
    for problem in state.problems.values():
        count = ngettext("{count} note", "{count} notes", len(problem.notes)).format(count=len(problem.notes))
        text = Text(shown(_("problem: {title} ({notes})").format(title=problem.title, notes=count)), style="bold")
        for level, why in enumerate(problem.whys, start=1):
            text.append("\n  " + shown(_("why {level}: {why}").format(level=level, why=why)), style="")
        parts.append(text)
    parts.append(Text(shown(_("files: {files}").format(files=", ".join(str(f.path) for f in log.files))), style="dim"))
    Console(highlight=False).print(Group(*parts))
    warn(log.problems)
    return 0


def report_sessions(args: argparse.Namespace) -> int:
    from interview_tui.export.report import build_report, to_csv, to_markdown, to_rich
    from interview_tui.session import load_session
    from interview_tui.session.folder import resolve_session, session_folders, sessions_dir
    from interview_tui.session.load import bulk_reading
    from interview_tui.session.log import SessionFormatError

    root = sessions_dir(args.sessions_dir)
    wanted = _playbook_names(args.playbook) if args.playbook else set()
    if args.all == bool(args.sessions):
        raise UserError(_("name the sessions to compare, or give --all (not both)"))
    folders = session_folders(root) if args.all else [resolve_session(s, root) for s in args.sessions]
    sessions = []
    # Only the project file and redaction read the logs: a report of 1,000 sessions keeps none.
    keep_logs = args.format == "qdpx" or wants_redaction(args)
    with bulk_reading():
        for folder in folders:
            try:
                log, state = load_session(folder)
            except SessionFormatError as error:
                say(_("interview: warning: {problem}; left out").format(problem=f"{folder.name}: {error}"), to_stderr=True)
                continue
            warn(log.problems)
            if state.playbook is None:
                continue
            if wanted and not wanted & {state.playbook.title, Path(state.playbook_source.split(" ")[0]).stem}:
                continue
            sessions.append((log if keep_logs else None, state))
        if not sessions:
            if args.playbook:
                raise UserError(_("no sessions to report on in {folder} for playbook {playbook!r}").format(folder=root, playbook=args.playbook))
            raise UserError(_("no sessions to report on in {folder}").format(folder=root))
        sessions.sort(key=lambda session: session[1].created_at)  # interviews in the order they happened
        # Sessions of one language report in it; a mix reports in the user's language.
        languages = {state.playbook.language for _log, state in sessions}
        use_session_language(args, languages.pop() if len(languages) == 1 else None)
        redaction = ""
        if wants_redaction(args):
            from interview_tui.export.redact import redact_sessions

            # Together: every participant's name is masked in every session (Dana's name in Ana's notes too).
            sessions, redaction = redact_sessions(sessions, redaction_words(args))
            say(redaction, to_stderr=True)
        if args.format in ("qdpx", "qdc"):
            from interview_tui.export.refi_qda import to_qdc_data, to_qdpx_data

            write_export(args, to_qdpx_data(sessions) if args.format == "qdpx" else to_qdc_data([state for _log, state in sessions]))
            return 0
        report = build_report([state for _log, state in sessions])
        report.redaction = redaction
    if args.format is None and not args.output:
        from rich.console import Console

        Console(highlight=False).print(to_rich(report))
        return 0
    write_export(args, to_csv(report) if args.format == "csv" else to_markdown(report))
    return 0


def consent_label(consent) -> str:
    from interview_tui.session.events import CONSENT_LABELS

    return _(CONSENT_LABELS[consent])


def _playbook_names(reference: str) -> set[str]:
    """A playbook as sessions know it: the name given, and the title of the playbook it names."""
    from interview_tui.playbook import PlaybookError, load_playbook, resolve_playbook

    names = {reference}
    try:
        names.add(load_playbook(resolve_playbook(reference)).title)
    except PlaybookError:
        pass  # not a playbook here: maybe a title, or the name of one this machine does not have
    return names
