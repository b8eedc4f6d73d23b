"""The live session in the room, on a fake clock: script, pacing, consent, queues, tags, drafts, resume."""

from __future__ import annotations

from textual import events
from textual.widgets import Digits, Input

from interview_tui.session import Role, Session, load_session
from interview_tui.session.events import Consent, QuestionStatus
from interview_tui.tui.app import InterviewApp
from interview_tui.tui.screens.live import LiveScreen
from interview_tui.tui.widgets.phase_clock import PhaseClock
from interview_tui.tui.widgets.script_panel import ScriptPanel


def live_app(playbook, sessions_root, clock, **kwargs) -> InterviewApp:
    return InterviewApp(playbook=playbook, sessions_root=sessions_root, participant={"name": "Ana"}, clock=clock, **kwargs)


def script_text(app) -> str:
    return str(app.screen.query_one(ScriptPanel).query_one("#script").render())


def countdown(app) -> str:
    return str(app.screen.query_one("#countdown", Digits).value)


async def write(pilot, text: str) -> None:
    app = pilot.app
    app.focused.value = text
    await pilot.press("enter")


async def advance(pilot, clock, seconds: float) -> None:
    clock.advance(seconds)
    pilot.app.screen.tick()
    await pilot.pause()


async def test_script_questions_are_marked_asked_or_skipped_and_notes_link_to_the_current_one(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f8")  # warm-up: four questions
        assert "▶ Tell me about your role" in script_text(app)
        await pilot.press("f4")
        await write(pilot, "Runs ops for 12 people")
        await pilot.press("f9", "f4")
        text = script_text(app)
        assert "Questions 3/4" in text
        assert "✓ Tell me about your role" in text and "⤼ How long have you been" in text
        assert "▶ How did you first come across" in text
        folder = app.session.folder
    _, state = load_session(folder)
    assert state.question_state("warm-up", 0) == QuestionStatus.ASKED
    assert state.question_state("warm-up", 1) == QuestionStatus.SKIPPED
    assert state.question_state("warm-up", 2) == QuestionStatus.ASKED
    assert state.notes[0].question == 0


async def test_clock_warns_at_20_percent_alerts_at_5_percent_and_in_overtime(playbook, sessions_root, clock, monkeypatch):
    app = live_app(playbook, sessions_root, clock, bell=True)
    bells = []
    monkeypatch.setattr(app, "bell", lambda: bells.append(1))
    async with app.run_test(notifications=True) as pilot:
        await pilot.pause()  # the clock column is filled once the first frame is drawn
        clock_widget = app.screen.query_one(PhaseClock)
        await pilot.press("f5")
        await advance(pilot, clock, 239)  # 61 s of 300 left: calm
        assert clock_widget.has_class("-calm") and not bells
        await advance(pilot, clock, 2)  # 59 s left: under 20%
        assert clock_widget.has_class("-warning")
        await advance(pilot, clock, 45)  # 14 s left: under 5%
        assert clock_widget.has_class("-alert")
        await advance(pilot, clock, 20)
        assert clock_widget.has_class("-overtime") and countdown(app) == "+00:06"
        messages = [str(n.message) for n in app._notifications]
        assert messages == [
            "00:59 left in Housekeeping",
            "Only 00:14 left in Housekeeping",
            "Housekeeping is out of time: wrap up, or ctrl+n adds a minute",
        ]
        assert len(bells) == 3


async def test_added_minutes_skip_and_the_shrink_needed_to_end_on_time(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test() as pilot:
        await pilot.press("f5")
        await advance(pilot, clock, 290)
        await pilot.press("ctrl+n")
        assert countdown(app) == "01:10"
        await pilot.press("ctrl+f")
        assert countdown(app) == "06:10"
        await advance(pilot, clock, 550)  # 180 s over the 6 min now planned
        await pilot.press("ctrl+s")  # pressed by habit to save: the phase stays
        assert app.session.state.phase.id == "housekeeping" and not app.session.state.skipped_phases
        await pilot.press("f12")  # skip phase asks first
        assert app.session.state.phase.id == "housekeeping"
        await pilot.press("y")  # skip to warm-up
        shrink = str(app.screen.query_one("#shrink").render())
        # The session plan grew by 6 min with the added minutes; 3 min of overtime must come
        # out of the 60 min of phases still to come (the current one is untouched).
        assert shrink == "Later phases: −03:00 (−6%) to end on time"
        state = app.session.state
        assert "housekeeping" in state.skipped_phases and state.phase.id == "warm-up"


async def test_consent_is_recorded_and_shown_for_the_rest_of_the_session(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test() as pilot:
        assert "consent not asked" in str(app.screen.query_one("#session-badges").render())
        await pilot.press("ctrl+o", "y")
        await pilot.press("f8", "f8")
        assert "recording OK" in str(app.screen.query_one("#session-badges").render())
        assert app.session.state.consent == Consent.YES


async def test_observer_questions_wait_for_the_observer_phase_then_the_interviewer_marks_them(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f8", "f3")
        await write(pilot, "Ask why the report matters to her boss #question")
        await write(pilot, "Send her the beta link #follow-up")
        assert "Observer's questions" not in script_text(app)
        for _ in range(2):
            await pilot.press("f8")
        assert app.session.state.phase.id == "observer"
        await pilot.press("f9", "f9", "f9")  # the playbook's own observer questions
        assert "▶ Ask why the report matters to her boss #question" in script_text(app)
        await pilot.press("f4")
        assert "Observer's questions (0 open)" in script_text(app)
        await pilot.press("f8")  # turn the tables: the customer's questions are captured as such
        await pilot.press("f1")
        await write(pilot, "Customer asks: will it work offline? #question")
        assert "The customer's questions (1 open)" in script_text(app)
        await pilot.press("f8")  # wrap-up: follow-ups come back
        assert "Follow-ups (1 open)" in script_text(app) and "Send her the beta link" in script_text(app)
        state = app.session.state
        assert [n.text for n in state.customer_questions()] == ["Customer asks: will it work offline? #question"]
        assert [n.text for n in state.observer_questions()] == ["Ask why the report matters to her boss #question"]


async def test_one_key_tags_go_on_the_note_being_typed_or_on_the_last_note(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test() as pilot:
        await pilot.press(*"exports by hand")
        await pilot.press("alt+p")  # pain, on the note being typed
        await pilot.press("enter")
        await pilot.press("alt+q")  # quote, on the last note (the input is empty)
        await pilot.press("ctrl+t", "i")  # the prefix way: insight
        assert app.focused.value == ""  # tag keys never typed into the note
        note = app.session.state.notes[0]
        assert note.text == "exports by hand" and note.tags == ("pain", "quote", "insight")


async def test_backdate_moves_the_note_earlier_and_each_role_has_a_default(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test() as pilot:
        await pilot.press("f5")
        await advance(pilot, clock, 100)
        await pilot.press(*"she hesitated")
        await pilot.press("ctrl+b", "ctrl+b", "enter")
        app.session.set_backdate_default(Role.OBSERVER, 5)
        await pilot.press("f3", *"frowned", "enter")
        notes = app.session.state.notes
        assert [(n.text, n.clock, n.backdate) for n in notes] == [("she hesitated", 80.0, 20.0), ("frowned", 95.0, 5.0)]


async def test_recording_marker_gives_notes_their_time_in_the_recording(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test() as pilot:
        await pilot.press("f5")
        await advance(pilot, clock, 30)
        await pilot.press("ctrl+r")
        await advance(pilot, clock, 75)
        await write(pilot, "first real answer")
        state = app.session.state
        assert state.recording_time(state.notes[0]) == 75.0
        assert "REC 01:15" in str(app.screen.query_one("#session-badges").render())


async def test_notes_are_edited_and_deleted_as_new_events(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test() as pilot:
        await write(pilot, "frist note #pain")
        await write(pilot, "second note")
        await pilot.press("up", "up", "e")  # select the first note, edit it
        assert app.focused.value == "frist note #pain"
        app.focused.value = "first note #pain #quote"
        await pilot.press("enter")
        await pilot.press("up", "d")  # delete the last note: asked first
        assert not app.session.state.note(app.session.state.last_note(Role.SCRIBE).id).deleted
        await pilot.press("y")
        await pilot.press("escape")
        folder = app.session.folder
        pane_notes = app.screen.query_one("#pane-scribe").note_list.note_count
    assert pane_notes == 1
    log, state = load_session(folder)
    assert [(n.text, n.tags, n.edited, n.deleted) for n in state.notes] == [
        ("first note #pain #quote", ("pain", "quote"), True, False),
        ("second note", (), False, True),  # a tombstone: still in the log
    ]
    # (writer_left: the app closed; it says so for the team's presence)
    assert [e["type"] for e in log.events][-3:] == ["note_edited", "note_deleted", "writer_left"]


async def test_a_pasted_10000_character_note_is_kept_whole(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    pasted = ("lorem ipsum " * 833 + "end\nsecond line")
    async with app.run_test() as pilot:
        app.post_message(events.Paste(pasted))
        await pilot.pause()
        await pilot.press("enter")
        assert app.session.state.notes[0].text == pasted.replace("\n", " ")
        assert len(app.session.state.notes[0].text) >= 10_000


async def test_drafts_are_saved_twice_a_second_and_come_back_on_resume(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test() as pilot:
        await pilot.press("f5", *"half a thought")
        app.screen.save_drafts()
        await pilot.press("f3", *"observer draft")
        app.screen.save_drafts()
        folder = app.session.folder
        app.session.close()  # as if the process died here: nothing more is written
    clock.advance(95)
    resumed = Session.resume(folder, clock=clock)
    app = InterviewApp(playbook=playbook, sessions_root=sessions_root, session=resumed, clock=clock)
    async with app.run_test() as pilot:
        assert app.screen.query_one("#input-scribe", Input).value == "half a thought"
        assert app.screen.query_one("#input-observer", Input).value == "observer draft"
        state = app.session.state
        assert state.gaps == [(state.gaps[0][0], 95.0)]
        assert state.running and state.clock_elapsed(app.session.now()) == 95.0  # the interview went on


async def test_a_machine_sleep_is_logged_and_the_clock_does_not_jump(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test(notifications=True) as pilot:
        await pilot.press("f5")
        await advance(pilot, clock, 10)
        clock.sleep_machine(600)  # lid closed for ten minutes
        await advance(pilot, clock, 1)
        state = app.session.state
        assert [round(gap) for _, gap in state.sleeps] == [601]
        assert state.clock_elapsed(app.session.now()) == 11.0
        assert any("slept for 10:01" in str(n.message) for n in app._notifications)


async def test_typing_bursts_while_the_clock_and_alerts_run_lose_no_keystroke(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    notes = [f"note {i} with some words #t{i % 3}" for i in range(40)]
    async with app.run_test() as pilot:
        await pilot.press("f5")
        for index, text in enumerate(notes):
            for character in text:
                app.post_message(events.Key(character, character))
            app.post_message(events.Key("enter", "\r"))
            clock.advance(6)  # past the warning, the alert and into overtime
            app.screen.tick()
            if index % 5 == 0:
                await pilot.pause()
        await pilot.pause()
        await pilot.pause()
    assert [n.text for n in app.session.state.notes] == notes


async def test_run_offers_an_unfinished_session_for_resuming(playbook, sessions_root, clock):
    from interview_tui.commands.run import unfinished_sessions
    from interview_tui.tui.screens.setup import SetupScreen

    earlier = Session.create(sessions_root, playbook, participant={"name": "Kim"}, clock=clock)
    earlier.add_note(Role.SCRIBE, "before the crash")
    earlier.close()
    ended = Session.create(sessions_root, playbook, participant={"name": "Done"}, clock=clock, session_id="20261122-130000-0000")
    ended.end()
    ended.close()
    offers = unfinished_sessions(sessions_root)
    assert [label.split(" · ")[0] for _, label in offers] == ["Kim"]

    clock.advance(60)
    app = InterviewApp(playbook=playbook, sessions_root=sessions_root, clock=clock, unfinished=offers)
    async with app.run_test(size=(100, 40)) as pilot:
        assert isinstance(app.screen, SetupScreen)
        await pilot.click("#resume-0")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        assert app.session.folder == earlier.folder
        assert [n.text for n in app.session.state.notes] == ["before the crash"]


async def test_quitting_a_session_with_no_notes_offers_to_discard_it(playbook, sessions_root, clock):
    from interview_tui.tui.screens.confirm import ConfirmScreen

    app = live_app(playbook, sessions_root, clock)
    async with app.run_test() as pilot:
        folder = app.session.folder
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
    assert app.discarded == folder and not folder.exists()


async def test_quitting_a_session_with_notes_keeps_it_without_asking(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test() as pilot:
        await write(pilot, "the one note")
        folder = app.session.folder
        await pilot.press("ctrl+q")
    assert app.discarded is None and load_session(folder)[1].live_notes()[0].text == "the one note"


async def test_a_clock_tick_draws_one_line_of_the_phase_list(sessions_root, playbook, clock):
    """With the clock running only the current phase's spent time changes in the list, once a
    second: that line is drawn again, not the list (idle CPU, docs/benchmarks.md)."""
    from interview_tui.tui.widgets.phase_list import PhaseList

    app = live_app(playbook, sessions_root, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        phase_list = app.screen.query_one(PhaseList)
        drawn: list[int] = []
        real = phase_list.render_line
        phase_list.render_line = lambda y: (drawn.append(y), real(y))[1]
        clock.advance(1)
        app.screen.tick()
        await pilot.pause()
        assert drawn == [0]  # the current phase's line, nothing else
        assert "00:01" in real(0).text
