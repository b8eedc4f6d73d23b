"""Team sessions in one process, on a fake clock: several writers of one folder, each following the others."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from interview_tui.export import FORMATS, to_json_data
from interview_tui.export.refi_qda import project_xml, session_source
from interview_tui.session import Role, Session, load_session
from interview_tui.session.team import file_mtimes, presence

ANA = ("Ana", Role.INTERVIEWER)
BO = ("Bo", Role.SCRIBE)
CY = ("Cy", Role.OBSERVER)


def team(sessions_root, playbook, clock, *members):
    host = Session.create(sessions_root, playbook, participant={"name": "Two"}, clock=clock, member=ANA)
    host.start_clock()
    clock.advance(1)
    return [host, *(Session.join(host.folder, member, clock=clock) for member in members)]


def poll_all(sessions):
    for session in sessions:
        session.poll_others()


def test_a_joiner_starts_on_the_session_timeline(sessions_root, playbook, clock):
    host = Session.create(sessions_root, playbook, clock=clock, member=ANA)
    host.start_clock()
    clock.advance(125)
    scribe = Session.join(host.folder, BO, clock=clock)
    assert scribe.now() == host.now() == 125
    clock.advance(5)
    note = scribe.add_note(Role.SCRIBE, "on time")
    assert (note.t, note.clock) == (130, 130)


def test_every_writer_sees_every_note_once_with_who_wrote_it(sessions_root, playbook, clock):
    host, scribe, observer = team(sessions_root, playbook, clock, BO, CY)
    for step in range(3):
        for session, role in ((host, Role.INTERVIEWER), (scribe, Role.SCRIBE), (observer, Role.OBSERVER)):
            clock.advance(0.5)
            session.add_note(role, f"{role} {step}")
    poll_all([host, scribe, observer])
    poll_all([host, scribe, observer])  # a second look finds nothing new: nothing doubles
    shown = [[(n.author, n.role, n.text) for n in s.state.live_notes()] for s in (host, scribe, observer)]
    assert shown[0] == shown[1] == shown[2]
    assert len(shown[0]) == 9 and ("Bo", "scribe", "scribe 2") in shown[0]
    log, state = load_session(host.folder)
    exported = to_json_data(log, state)
    assert [(n["writer_name"], n["role"], n["text"]) for n in exported["notes"]] == shown[0]
    for format_name in ("md", "csv", "vtt"):
        text = FORMATS[format_name](log, state)
        assert sum(text.count(f"scribe {step}") for step in range(3)) == 3, format_name  # once each
        assert "Bo" in text and "Cy" in text, format_name
    project = project_xml([session_source(log, state)]).decode()
    assert 'name="Bo (scribe)"' in project and 'name="Cy (observer)"' in project


def test_a_late_line_takes_its_place_in_time(sessions_root, playbook, clock):
    host, scribe = team(sessions_root, playbook, clock, BO)
    clock.advance(1)
    early = scribe.add_note(Role.SCRIBE, "written first, arrives late")
    clock.advance(1)
    host.add_note(Role.INTERVIEWER, "written second, seen first")
    host.next_phase()
    assert host.poll_others()
    assert [n.text for n in host.state.notes] == ["written first, arrives late", "written second, seen first"]
    assert host.state.note(early.id).phase == "housekeeping"
    assert host.live.refolds == 1
    _, merged = load_session(host.folder)
    assert [n.id for n in merged.notes] == [n.id for n in host.state.notes]


def test_two_drivers_pressing_next_at_once_move_one_phase(sessions_root, playbook, clock):
    host, scribe = team(sessions_root, playbook, clock, BO)
    scribe.take_driving()  # the host has not seen this yet: both think they drive
    assert host.drives and scribe.drives
    clock.advance(1)
    assert host.next_phase() is not None
    assert scribe.next_phase() is not None
    poll_all([host, scribe])
    assert host.state.phase.id == scribe.state.phase.id == "warm-up"
    assert not host.drives  # the handover is folded in now
    assert host.next_phase() is None


def test_only_the_driver_moves_the_clock_and_phases(sessions_root, playbook, clock):
    host, scribe = team(sessions_root, playbook, clock, BO)
    assert scribe.next_phase() is None and scribe.pause_clock() is None and scribe.extend_phase(1) is None
    assert scribe.state.driver == ANA


def test_the_end_reaches_a_joiner_whose_typing_becomes_a_late_note(sessions_root, playbook, clock):
    host, scribe = team(sessions_root, playbook, clock, BO)
    scribe.take_driving()
    clock.advance(10)
    host.end()
    clock.advance(0.3)
    stale = scribe.next_phase()  # pressed before the end arrived: written, and ignored by the fold
    assert stale is not None
    scribe.poll_others()
    assert scribe.state.ended and scribe.state.phase.id == "housekeeping"
    assert scribe.add_note(Role.SCRIBE, "refused after the end") is None
    late = scribe.add_late_note(Role.SCRIBE, "what I was typing")
    assert late is not None and late.late
    host.poll_others()
    _, merged = load_session(host.folder)
    assert merged.ended and merged.phase.id == "housekeeping"
    assert [(n.text, n.late) for n in merged.notes] == [("what I was typing", True)]


def test_drafts_are_per_writer_and_come_back_on_rejoin(sessions_root, playbook, clock):
    host, scribe = team(sessions_root, playbook, clock, BO)
    host.save_draft(Role.SCRIBE, "the host's own scribbles")
    scribe.save_draft(Role.SCRIBE, "half a sentence")
    poll_all([host, scribe])
    scribe.writer.close()  # killed: no writer_left
    again = Session.join(host.folder, BO, clock=clock)
    assert again.state.draft_of(BO, Role.SCRIBE) == "half a sentence"
    assert again.state.draft_of(ANA, Role.SCRIBE) == "the host's own scribbles"


def test_notes_are_changed_by_their_writer_only(sessions_root, playbook, clock):
    host, scribe = team(sessions_root, playbook, clock, BO)
    mine = scribe.add_note(Role.SCRIBE, "mine")
    host.poll_others()
    assert host.edit_note(mine.id, "not yours") is None and host.delete_note(mine.id) is None
    scribe.writer.close()
    rejoined = Session.join(host.folder, BO, clock=clock)  # the same person, a new process
    assert rejoined.edit_note(mine.id, "still mine") is not None


def test_a_copied_file_and_another_sessions_file_are_not_merged_twice(sessions_root, playbook, clock):
    host, scribe = team(sessions_root, playbook, clock, BO)
    scribe.add_note(Role.SCRIBE, "once")
    shutil.copy(scribe.writer.path, scribe.folder / f"{scribe.writer.writer_id}.sync-conflict-1.jsonl")
    other = Session.create(sessions_root, playbook, clock=clock)
    other.add_note(Role.SCRIBE, "from another interview")
    shutil.copy(other.writer.path, host.folder / "wforeign.jsonl")
    host.poll_others()
    assert [n.text for n in host.state.notes] == ["once"]
    assert any("belongs to session" in str(problem) and "not merged" in str(problem) for problem in host.read_problems)


def test_a_torn_last_line_waits_for_its_end(sessions_root, playbook, clock):
    host, scribe = team(sessions_root, playbook, clock, BO)
    host.poll_others()
    line = json.dumps({"seq": 99, "type": "note_added", "t": 3.0, "at": "2026-11-22T14:00:03.000+01:00", "writer": scribe.writer.writer_id,
                       "note": "x-99", "role": "scribe", "text": "주문 관리", "tags": [], "phase": "housekeeping", "question": None, "backdate": 0.0},
                      ensure_ascii=False).encode()
    with open(scribe.writer.path, "ab") as handle:
        handle.write(line[:-7])  # cut inside the Korean text's UTF-8
    assert not host.poll_others() and not host.read_problems
    with open(scribe.writer.path, "ab") as handle:
        handle.write(line[-7:] + b"\n")
    assert host.poll_others()
    assert [n.text for n in host.state.notes] == ["주문 관리"]


def test_presence_says_who_is_here_and_who_drives(sessions_root, playbook, clock):
    host, scribe, observer = team(sessions_root, playbook, clock, BO, CY)
    observer.close()  # left: says so
    poll_all([host])
    people = {(p.name, p.role): p for p in presence(host.state, file_mtimes(host.folder), me=host.writer.writer_id)}
    assert people[ANA].here and people[ANA].drives and people[ANA].me
    assert people[BO].here and not people[BO].drives
    assert not people[CY].here


def test_a_killed_writer_on_this_machine_is_gone_at_once(sessions_root, playbook, clock):
    host, scribe = team(sessions_root, playbook, clock, BO)
    child = os.fork()
    if child == 0:
        os._exit(0)
    os.waitpid(child, 0)  # a process id that was alive and is not any more
    lines = scribe.writer.path.read_text().splitlines()
    joined = next(json.loads(line) for line in lines if '"writer_joined"' in line)
    fake = {**joined, "pid": child, "writer": "wdeadbeef", "seq": 1}
    (host.folder / "wdeadbeef.jsonl").write_text(lines[0].replace(scribe.writer.writer_id, "wdeadbeef") + "\n" + json.dumps(fake) + "\n")
    host.poll_others()
    people = presence(host.state, file_mtimes(host.folder), me=host.writer.writer_id)
    assert [(p.name, p.here) for p in people] == [("Ana", True), ("Bo", True)]  # the live Bo process counts
    scribe.close()
    host.poll_others()
    assert [(p.name, p.here) for p in presence(host.state, file_mtimes(host.folder), me=host.writer.writer_id)] == [("Ana", True), ("Bo", False)]


def test_when_the_host_is_gone_anyone_takes_over_driving(sessions_root, playbook, clock):
    host, scribe = team(sessions_root, playbook, clock, BO)
    host.writer.close()  # killed
    assert scribe.next_phase() is None
    scribe.take_driving()
    clock.advance(30)
    assert scribe.next_phase() is not None
    assert scribe.state.phase.id == "warm-up" and scribe.state.clock_elapsed(scribe.now()) == 31  # the clock kept running


def test_resume_of_a_live_session_offers_join_instead(sessions_root, playbook, clock, capsys):
    from interview_tui.cli import main

    host = Session.create(sessions_root, playbook, participant={"name": "Two"}, clock=clock, member=ANA)  # this process: alive
    assert main(["list"]) == 0
    assert "live, 1 here" in capsys.readouterr().out
    assert main(["resume", "last"]) == 2  # nobody at a terminal to ask: refused, not a second diverging writer
    error = capsys.readouterr().err
    assert "is being run now by Ana (interviewer)" in error and "interview join" in error
    host.close()  # left: the session is unfinished, not live
    assert main(["list"]) == 0
    assert "live" not in capsys.readouterr().out
    assert main(["join"]) == 2
    assert "no session is being run now" in capsys.readouterr().err


async def test_the_hosts_pane_of_a_joined_role_turns_read_only_and_back(sessions_root, playbook, clock):
    from interview_tui.tui.app import InterviewApp

    app = InterviewApp(playbook=playbook, sessions_root=sessions_root, participant={"name": "Two"}, clock=clock)
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        scribe = Session.join(app.session.folder, BO, clock=clock)
        scribe.add_note(Role.SCRIBE, "typed by Bo")
        screen.merge_others()
        await pilot.pause()
        assert screen.editable_roles() == [Role.INTERVIEWER, Role.OBSERVER]
        assert app.focused is screen.pane(Role.INTERVIEWER).input  # moved out of the scribe's pane
        await pilot.press("f2")
        assert app.focused is not screen.pane(Role.SCRIBE).input
        assert "typed by Bo" in screen.pane(Role.SCRIBE).note_list.shown_text(0)
        scribe.close()  # Bo leaves: the host may take notes for the scribe again
        screen.merge_others()
        await pilot.pause()
        assert Role.SCRIBE in screen.editable_roles()


async def test_a_join_keeps_each_of_the_hosts_panes_on_its_newest_note_at_80x24(sessions_root, playbook, clock):
    """Someone joining makes every note say who wrote it, so every note is wrapped anew: a pane that
    showed its newest note goes on showing it. At 80x24 (tmux) the host's one-row scribe pane went
    blank until the terminal was resized."""
    from interview_tui.tui.app import InterviewApp

    app = InterviewApp(playbook=playbook, sessions_root=sessions_root, participant={"name": "Two"}, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press(*"scribe one", "enter", "f3", *"observer one", "enter")
        await pilot.pause()

        def shown(role: Role) -> str:
            note_list = screen.pane(role).note_list
            return " ".join(note_list.render_line(y).text for y in range(note_list.scrollable_content_region.height))

        assert screen.pane(Role.SCRIBE).note_list.scrollable_content_region.height == 1
        assert "scribe one" in shown(Role.SCRIBE)
        cy = Session.join(app.session.folder, CY, clock=clock)  # the observer's pane goes to Cy
        screen.merge_others()
        await pilot.pause()
        assert screen.pane(Role.SCRIBE).show_authors
        assert "scribe one" in shown(Role.SCRIBE)
        assert "observer one" in shown(Role.OBSERVER)
        cy.close()


async def test_the_host_who_ends_the_session_is_not_told_it_was_ended_elsewhere(sessions_root, playbook, clock):
    from interview_tui.tui.app import InterviewApp
    from interview_tui.tui.screens.summary import SummaryScreen

    app = InterviewApp(playbook=playbook, sessions_root=sessions_root, participant={"name": "Two"}, clock=clock)
    async with app.run_test(notifications=True) as pilot:
        await pilot.pause()
        live = app.screen
        scribe = Session.join(app.session.folder, BO, clock=clock)
        live.merge_others()
        await pilot.press("f10", "y")  # the host ends it
        await pilot.pause()
        scribe.poll_others()
        assert scribe.add_late_note(Role.SCRIBE, "what Bo was typing") is not None
        scribe.flush()
        live.merge_others()  # Bo's late note arrives at the host's
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "1 note: " in str(app.screen.query_one("#summary").render())  # the summary counts Bo's late note
        messages = [str(n.message) for n in app._notifications]
        assert not any("ended by its driver" in message for message in messages), messages


async def watch_started(pilot) -> None:
    for _ in range(1000):
        if pilot.app.screen._watcher._loop is not None:  # FolderWatcher.start ran
            return
        await pilot.pause(0.01)


async def test_another_terminals_note_shows_when_the_kernel_reports_it_and_the_folder_is_not_polled(sessions_root, playbook, clock, monkeypatch):
    """An idle screen reads the folder only when a file changed (no half-second poll), and still
    shows another writer's note at once; where events cannot arrive it polls instead."""
    from interview_tui.tui.app import InterviewApp

    monkeypatch.delenv("WATCHFILES_FORCE_POLLING", raising=False)
    app = InterviewApp(playbook=playbook, sessions_root=sessions_root, participant={"name": "Two"}, clock=clock)
    async with app.run_test() as pilot:
        await watch_started(pilot)
        screen = app.screen
        assert screen._watcher is not None and screen._watcher.mode in {"events", "thread"}
        assert screen._poll_timer is None
        scribe = Session.join(app.session.folder, BO, clock=clock)
        scribe.add_note(Role.SCRIBE, "typed in another terminal")
        pane = screen.pane(Role.SCRIBE)
        for _ in range(200):  # the kernel's report comes through the app's loop: no merge called here
            if pane.note_list.note_count:
                break
            await pilot.pause(0.01)
        assert "typed in another terminal" in pane.note_list.shown_text(0)

    monkeypatch.setenv("WATCHFILES_FORCE_POLLING", "1")  # as on a network folder
    app = InterviewApp(playbook=playbook, sessions_root=sessions_root, participant={"name": "Two"}, clock=clock)
    async with app.run_test() as pilot:
        await watch_started(pilot)
        assert app.screen._watcher.mode == "poll" and app.screen._poll_timer is not None



async def test_a_joined_process_killed_shows_as_gone_at_once(sessions_root, playbook, clock, monkeypatch):
    """kill -9 writes nothing: the host learns it from the kernel (the process's end), not from a
    look at the folder every few seconds (turned off here, so only the kernel can tell)."""
    import signal
    import subprocess
    import sys

    from interview_tui.tui.app import InterviewApp
    from interview_tui.tui.screens import live
    from interview_tui.tui.widgets.presence import PresenceBar

    monkeypatch.setattr(live, "PRESENCE_CHECK_SECONDS", 3600)
    app = InterviewApp(playbook=playbook, sessions_root=sessions_root, participant={"name": "Two"}, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not app.screen.query(PresenceBar)  # alone: no presence bar, not even a hidden one
        joiner = subprocess.Popen(
            [sys.executable, "-c", "import sys, time; from pathlib import Path; from interview_tui.session import Role, Session; "
             "Session.join(Path(sys.argv[1]), ('Bo', Role.SCRIBE)); print('joined', flush=True); time.sleep(600)",
             str(app.session.folder)],
            stdout=subprocess.PIPE, text=True,
        )
        try:
            assert joiner.stdout.readline().strip() == "joined"

            def bar_text() -> str:
                bars = app.screen.query(PresenceBar)  # mounted once a second person is there
                return str(bars.first().render()) if bars else ""

            async def shown(text: str) -> bool:
                for _ in range(3000):
                    if text in bar_text():
                        return True
                    await pilot.pause(0.01)
                return False

            assert await shown("Bo (scribe)")
            assert "gone" not in bar_text()
            joiner.send_signal(signal.SIGKILL)
            joiner.wait()
            assert await shown("scribe, gone")
        finally:
            joiner.kill()
            joiner.wait()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="zombies are told from /proc, which is Linux's")
def test_a_member_whose_process_ended_is_gone_even_before_its_parent_collects_it():
    """kill -9 of a joiner in a tmux pane whose parent has not collected it yet: the process still
    takes signals, but nobody is typing there."""
    from interview_tui.session.team import process_alive

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)  # ended, not collected: a zombie
        assert not process_alive(child.pid)
    finally:
        child.wait()
    assert process_alive(os.getpid())
