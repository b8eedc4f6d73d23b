"""The live screen driven with Pilot on a fake clock: what the people in the room see and keep."""

from __future__ import annotations

import errno
from pathlib import Path

from textual import events
from textual.widgets import Digits

from interview_tui.session import Role, load_session
from interview_tui.session.clock import FakeClock
from interview_tui.tui.app import InterviewApp
from interview_tui.tui.screens.live import LiveScreen
from interview_tui.tui.screens.setup import SetupScreen
from interview_tui.tui.screens.summary import SummaryScreen
from interview_tui.tui.widgets.note_pane import NotePane
from interview_tui.tui.widgets.phase_clock import PhaseClock


def make_app(playbook, sessions_root: Path, clock: FakeClock, participant: dict | None = None) -> InterviewApp:
    return InterviewApp(
        playbook=playbook,
        sessions_root=sessions_root,
        participant={"name": "Ana"} if participant is None else participant,
        clock=clock,
    )


def shown_notes(app: InterviewApp, role: Role) -> list[str]:
    pane = app.screen.query_one(f"#pane-{role}", NotePane)
    return [pane.note_list.shown_text(i) for i in range(pane.note_list.note_count)]


def countdown(app: InterviewApp) -> str:
    return str(app.screen.query_one("#countdown", Digits).value)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


async def test_notes_in_each_pane_and_two_phases_are_in_the_log(playbook, sessions_root, clock):
    app = make_app(playbook, sessions_root, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        clock.advance(61)
        await pilot.press("f1")
        await type_text(pilot, "Thanks for coming")
        await pilot.press("enter", "f2")
        await type_text(pilot, "Ana runs ops for 12 people #context")
        await pilot.press("enter", "f3")
        await type_text(pilot, "She looks relaxed #observation")
        await pilot.press("enter", "f8")
        clock.advance(30)
        await pilot.press("f2")
        await type_text(pilot, "Exports to Excel every Friday #pain #quote")
        await pilot.press("enter")
        assert shown_notes(app, Role.SCRIBE)[-1].endswith("Exports to Excel every Friday #pain #quote")
        folder = app.session.folder

    _, state = load_session(folder)
    saved = [(n.role, n.text, n.tags, n.phase, n.clock) for n in state.notes]
    assert saved == [
        (Role.INTERVIEWER, "Thanks for coming", (), "housekeeping", 61.0),
        (Role.SCRIBE, "Ana runs ops for 12 people #context", ("context",), "housekeeping", 61.0),
        (Role.OBSERVER, "She looks relaxed #observation", ("observation",), "housekeeping", 61.0),
        (Role.SCRIBE, "Exports to Excel every Friday #pain #quote", ("pain", "quote"), "warm-up", 91.0),
    ]


async def test_tab_moves_between_the_three_note_inputs(playbook, sessions_root, clock):
    app = make_app(playbook, sessions_root, clock)
    async with app.run_test() as pilot:
        assert app.focused.id == "input-scribe"
        await pilot.press("tab")
        assert app.focused.id == "input-observer"
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused.id == "input-interviewer"


async def test_the_clock_column_comes_a_frame_after_the_panes_and_what_was_done_meanwhile_shows(playbook, sessions_root, clock):
    """The first frame is the session bar, the note panes and the key bar; the clock, the phases
    and the script are filled in right after it. Keys handled before that are not lost: the
    column shows what they did."""
    app = make_app(playbook, sessions_root, clock)
    async with app.run_test() as pilot:
        screen = app.screen
        assert not screen.query_one("#clock-column").children  # the first frame: not filled yet
        assert app.focused is screen.pane(Role.SCRIBE).input  # the panes take keys already
        screen.action_start_clock()  # F5, before the column is there
        await type_text(pilot, "주문 first")
        await pilot.press("enter")
        await pilot.pause()
        assert countdown(app) == "05:00" and screen.query_one(PhaseClock).has_class("-calm")
        assert "left in this phase" in str(screen.query_one("#clock-status").render())
        assert shown_notes(app, Role.SCRIBE) == ["00:00 주문 first"]
        clock.advance(60)
        screen.tick()
        assert countdown(app) == "04:00"


async def test_clock_counts_down_shows_overtime_and_pauses(playbook, sessions_root, clock):
    app = make_app(playbook, sessions_root, clock)
    async with app.run_test() as pilot:
        await pilot.pause()  # the clock column is filled once the first frame is drawn
        screen = app.screen
        assert countdown(app) == "05:00"
        clock.advance(120)  # the clock has not been started: nothing moves
        screen.refresh_clock()
        assert countdown(app) == "05:00"
        await pilot.press("f5")
        clock.advance(59.5)
        screen.refresh_clock()
        assert countdown(app) == "04:01"
        clock.advance(250)  # 309.5 s into a 300 s phase
        screen.refresh_clock()
        clock_widget = screen.query_one(PhaseClock)
        assert countdown(app) == "+00:09"
        assert clock_widget.has_class("-overtime")
        await pilot.press("f6")
        clock.advance(600)
        screen.refresh_clock()
        assert countdown(app) == "+00:09"
        assert clock_widget.has_class("-paused")
        await pilot.press("f8")
        assert countdown(app) == "10:00"
        assert "Session 05:09" in str(screen.query_one("#session-time").render())


async def test_previous_and_next_phase_stop_at_the_ends(playbook, sessions_root, clock):
    app = make_app(playbook, sessions_root, clock)
    async with app.run_test() as pilot:
        await pilot.press("f7")
        assert app.session.state.phase.id == "housekeeping"
        await pilot.press(*["f8"] * 10)
        assert app.session.state.phase.id == "wrap-up"
        await pilot.press("f7")
        assert app.session.state.phase.id == "turn-the-tables"


async def test_note_text_is_saved_and_shown_exactly_as_typed(playbook, sessions_root, clock):
    app = make_app(playbook, sessions_root, clock)
    tricky = "[laughs] [bold]not bold[/bold] \x1b[31m red? \\n $var"
    long_note = "long " * 1000  # 5,000 characters
    async with app.run_test() as pilot:
        pane = app.screen.query_one("#pane-scribe", NotePane)
        for text in (tricky, long_note):
            pane.input.value = text
            await pilot.press("enter")
        shown = shown_notes(app, Role.SCRIBE)
        assert shown[0].endswith("[laughs] [bold]not bold[/bold] \u241b[31m red? \\n $var")
        assert shown[1].endswith(long_note.strip())  # wrapped lines drop trailing spaces
        folder = app.session.folder
    _, state = load_session(folder)
    assert [note.text for note in state.notes] == [tricky, long_note]


async def test_keys_in_a_burst_are_handled_in_the_order_typed(playbook, sessions_root, clock):
    """A burst (as from tmux or a busy machine) reached the App before any was handled."""
    app = make_app(playbook, sessions_root, clock)
    keys = ["a", "b", "c", "backspace", "d", "enter", "f1", "x", "y", "left", "z", "enter", "f8", "q", "enter"]
    async with app.run_test() as pilot:
        for key in keys:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        await pilot.pause()
        notes = [(n.role, n.text, n.phase) for n in app.session.state.notes]
    assert notes == [
        (Role.SCRIBE, "abd", "housekeeping"),
        (Role.INTERVIEWER, "xzy", "housekeeping"),
        (Role.INTERVIEWER, "q", "warm-up"),
    ]


async def test_a_failed_write_shows_the_note_unsaved_and_saves_it_when_the_disk_is_back(
    playbook, sessions_root, clock, monkeypatch
):
    app = make_app(playbook, sessions_root, clock)
    async with app.run_test(notifications=True) as pilot:
        writer = app.session.writer
        real_append = writer.append

        def disk_full(event):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(writer, "append", disk_full)
        await type_text(pilot, "precious quote")
        await pilot.press("enter")
        assert shown_notes(app, Role.SCRIBE)[0] == "00:00 ⚠ not saved yet precious quote"
        assert any("No space left on device" in str(n.message) for n in app._notifications)
        await type_text(pilot, "second")
        await pilot.press("enter")
        assert not app.session.is_saved(app.session.state.notes[0].id)

        monkeypatch.setattr(writer, "append", real_append)  # the disk is back
        app.screen.tick()
        await pilot.pause()
        assert [line.split(" ", 1)[-1] for line in shown_notes(app, Role.SCRIBE)] == ["precious quote", "second"]
        folder = app.session.folder
    _, state = load_session(folder)
    assert [n.text for n in state.notes] == ["precious quote", "second"]


async def test_end_session_asks_then_closes_the_session(playbook, sessions_root, clock):
    app = make_app(playbook, sessions_root, clock)
    async with app.run_test() as pilot:
        await type_text(pilot, "last words")
        await pilot.press("enter", "f10")
        await pilot.press("escape")
        assert isinstance(app.screen, LiveScreen) and not app.session.state.ended
        await pilot.press("f10", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        summary = str(app.screen.query_one("#summary").render())
        assert "1 note: 0 interviewer, 1 scribe, 0 observer" in summary
        assert f"Session folder: {app.session.folder}" in summary  # every writer's file is in it
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == app.session.folder
    _, state = load_session(app.session.folder)
    assert state.ended and [n.text for n in state.notes] == ["last words"]


async def test_palette_offers_every_action_by_its_plain_name(playbook, sessions_root, clock):
    app = make_app(playbook, sessions_root, clock)
    async with app.run_test():
        titles = [command.title for command in app.get_system_commands(app.screen)]
    for name in ("Start clock", "Pause clock", "Next phase", "Previous phase",
                 "Focus interviewer", "Focus scribe", "Focus observer", "End session"):
        assert name in titles


async def test_palette_command_runs_the_action(playbook, sessions_root, clock):
    app = make_app(playbook, sessions_root, clock)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "Next phase")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.state.phase.id == "warm-up"


async def test_the_key_bar_lists_the_main_keys_at_80_columns(playbook, sessions_root, clock):
    app = make_app(playbook, sessions_root, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = str(app.screen.query_one("KeyBar").render())
    assert keys.startswith("f1 Interviewer f2 Scribe f3 Observer f5 Start f6 Pause f7 Prev f8 Next f10 End")
    assert len(keys.rstrip()) <= 79


async def test_setup_screen_asks_for_the_participant_then_starts(playbook, sessions_root, clock):
    app = InterviewApp(playbook=playbook, sessions_root=sessions_root, clock=clock)
    async with app.run_test() as pilot:
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("enter")  # no name yet: stays, and says why
        assert isinstance(app.screen, SetupScreen) and app.session is None
        await type_text(pilot, "P07")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        assert app.session.state.participant["name"] == "P07"


async def test_every_kind_of_change_made_on_a_full_disk_is_shown_unsaved_and_counted(
    playbook, sessions_root, clock, monkeypatch
):
    from rich.cells import cell_len

    from interview_tui.session.events import Consent

    app = make_app(playbook, sessions_root, clock)
    async with app.run_test(notifications=True) as pilot:
        screen, session = app.screen, app.session
        for text in ("to edit", "to delete", "to tag"):
            await type_text(pilot, text)
            await pilot.press("enter")
        first, second, _ = (note.id for note in session.state.notes)
        writer = session.writer
        real_append = writer.append

        def disk_full(event):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(writer, "append", disk_full)
        assert screen.edit_note(first, "edited on a full disk")
        screen.tag_key_pressed(playbook.tags[0].key)  # the pane's last note
        screen.delete_note(second)  # asks first (issue 11): confirmed with y
        await pilot.pause()
        await pilot.press("y")
        assert session.state.note(second).deleted
        screen.action_mark_item("asked")
        screen._run(lambda: session.record_consent(Consent.YES))
        await pilot.pause()
        shown = [line.split(" ", 1)[1] for line in shown_notes(app, Role.SCRIBE)]  # after the time
        assert shown[0].startswith("⚠ not saved yet") and "edited on a full disk" in shown[0]
        assert shown[1].startswith("⚠ deletion not saved yet")  # still there until its deletion is
        assert shown[2].startswith("⚠ not saved yet")  # tagged
        badges = screen.query_one("#session-badges")
        summary = "⚠ 5 not saved: edit, tag, deletion, question mark, consent"
        assert summary in str(badges.render())
        assert badges.size.width >= cell_len(str(badges.render()))  # drawn whole at once, no resize
        script = str(screen.query_one("#script").render())
        assert "⚠ not saved yet\n✓ " + playbook.phases[0].questions[0].text in script  # the question marked asked

        monkeypatch.setattr(writer, "append", real_append)  # the disk is back
        clock.advance(1)
        screen.tick()
        await pilot.pause()
        shown = shown_notes(app, Role.SCRIBE)
        assert len(shown) == 2 and not any("not saved" in line for line in shown)
        assert "not saved" not in str(badges.render()) and "not saved" not in str(screen.query_one("#script").render())
        folder = session.folder
    _, state = load_session(folder)
    assert [(n.text, n.deleted) for n in state.notes] == [("edited on a full disk", False), ("to delete", True), ("to tag", False)]
    assert playbook.tags[0].name in state.notes[2].tags and state.consent == Consent.YES


async def test_a_note_past_the_size_limit_is_refused_with_a_message_and_kept_in_the_input(playbook, sessions_root, clock):
    from interview_tui.session.core import MAX_NOTE_CHARACTERS

    app = make_app(playbook, sessions_root, clock)
    async with app.run_test(notifications=True) as pilot:
        pane = app.screen.query_one("#pane-scribe", NotePane)
        pasted = "x" * (MAX_NOTE_CHARACTERS + 1)
        pane.input.value = pasted
        await pilot.press("enter")
        assert app.session.state.notes == [] and pane.input.value == pasted
        assert any("at most 65,536" in str(n.message) for n in app._notifications)


async def test_a_session_holding_a_huge_note_and_draft_resumes_with_what_a_screen_can_hold(playbook, sessions_root, clock):
    import json

    from interview_tui.session import Session
    from interview_tui.session.core import MAX_NOTE_CHARACTERS
    from interview_tui.tui.text import MAX_SHOWN_CHARACTERS

    first = Session.create(sessions_root, playbook, participant={"name": "Big"}, clock=clock)
    first.add_note(Role.SCRIBE, "small")
    first.close()
    huge = "word #tag " * 200_000  # 2 MB, as a version without the size limit could write
    base = {"t": 5.0, "at": "2026-11-22T14:00:05.000+01:00", "writer": first.writer.writer_id}
    with open(first.writer.path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({**base, "seq": 90, "type": "note_added", "note": "huge", "role": "scribe", "text": huge,
                                 "tags": ["tag"], "phase": "housekeeping", "question": None, "backdate": 0}) + "\n")
        handle.write(json.dumps({**base, "seq": 91, "type": "draft_saved", "role": "observer", "text": huge}) + "\n")
    app = InterviewApp(playbook=playbook, sessions_root=sessions_root, session=Session.resume(first.folder, clock=clock), clock=clock)
    async with app.run_test(notifications=True) as pilot:
        await pilot.pause()
        shown = shown_notes(app, Role.SCRIBE)
        assert shown[1].startswith("00:00 word #tag") and len(shown[1]) < MAX_SHOWN_CHARACTERS + 200
        assert "1,992,000 more characters" in shown[1]
        assert app.screen.query_one("#pane-observer", NotePane).input.value == huge[:MAX_NOTE_CHARACTERS]
