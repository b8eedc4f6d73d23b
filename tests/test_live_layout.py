"""The live screen's room and readouts: what a user sees after each change, at 80x24 and after resizes."""

from __future__ import annotations

from textual.widgets._toast import Toast

from interview_tui.session import Role, Session
from interview_tui.session.events import Consent
from interview_tui.tui.app import InterviewApp
from interview_tui.tui.screens.confirm import ConfirmScreen
from tests.test_live_session import advance, live_app, script_text, write


def badges(app) -> str:
    return str(app.screen.query_one("#session-badges").render())


def session_with_notes(playbook, sessions_root, clock, count: int) -> InterviewApp:
    session = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock)
    session.start_clock()
    for index in range(count):
        clock.advance(10)
        session.add_note(Role.SCRIBE, f"note {index} 주문 관리 · 导出")
    return InterviewApp(playbook=playbook, sessions_root=sessions_root, session=session, clock=clock)


async def test_at_80x24_the_scribe_sees_at_least_8_notes_and_the_pane_typed_in_gets_the_room(playbook, sessions_root, clock):
    app = session_with_notes(playbook, sessions_root, clock, 12)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        scribe = app.screen.pane(Role.SCRIBE).note_list
        assert scribe.content_region.height >= 8
        await pilot.press("f3")  # the observer types: their pane grows, the scribe's shrinks
        await pilot.pause()
        assert app.screen.pane(Role.OBSERVER).note_list.content_region.height >= 8
        assert scribe.content_region.height < 8


async def test_the_pane_typed_in_keeps_the_room_until_the_terminal_loses_focus(playbook, sessions_root, clock):
    from collections import Counter

    from textual import events

    def highlighted(app) -> list[Role]:
        """The panes drawn with the accent border (the others share one plain border); each has the room."""
        panes = {role: app.screen.pane(role) for role in Role}
        plain = Counter(pane.styles.border_top[1] for pane in panes.values()).most_common(1)[0][0]
        chosen = [role for role, pane in panes.items() if pane.styles.border_top[1] != plain]
        others = [pane.outer_size.height for role, pane in panes.items() if role not in chosen]
        assert all(panes[role].outer_size.height > max(others) + 1 for role in chosen)
        assert max(others) - min(others) <= 1
        return chosen

    app = session_with_notes(playbook, sessions_root, clock, 12)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert highlighted(app) == [Role.SCRIBE]
        app.post_message(events.AppBlur())  # another window is in front: nothing here is typed in
        await pilot.pause()
        assert app.screen.focused is None
        assert highlighted(app) == []  # and the room is shared again
        app.post_message(events.AppFocus())  # back: the scribe's input has the focus and the room
        await pilot.pause()
        assert app.screen.focused is app.screen.pane(Role.SCRIBE).input
        assert highlighted(app) == [Role.SCRIBE]
        await pilot.press("f1")
        await pilot.pause()
        assert highlighted(app) == [Role.INTERVIEWER]


async def test_the_rec_counter_shows_whole_right_after_ctrl_r(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5", "ctrl+r")
        await advance(pilot, clock, 3)
        readout = app.screen.query_one("#session-badges")
        assert "● REC 00:03" in badges(app)
        # Drawn in full: the widget is as wide as its text (it was cut off until a resize).
        assert readout.content_region.width >= len(badges(app))


async def test_layout_survives_resizes_and_the_script_panel_stays(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        for size in [(200, 50), (80, 24), (120, 40), (80, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            script = app.screen.query_one("#script-panel")
            phases = app.screen.query_one("#phase-list")
            assert script.region.height >= 5, size
            assert phases.region.height == len(playbook.phases) + 1, size  # one row per phase, never wrapped
            await advance(pilot, clock, 1)  # the clock ticks: everything is drawn again at this size


async def test_toasts_never_cover_the_input_in_focus(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        for key in ("f1", "f2", "f3"):
            await pilot.press(key, "ctrl+g", "ctrl+g", "ctrl+g")  # three toasts: bell on, off, on
            await pilot.pause()
            inputs = [app.screen.pane(role).input.region for role in Role]
            toasts = list(app.screen.query(Toast))
            assert len(toasts) == 3
            for toast in toasts:
                assert not any(toast.region.overlaps(note_input) for note_input in inputs), key
                assert not toast.region.overlaps(app.screen.query_one("#countdown").region)
            app.clear_notifications()
            await pilot.pause()


async def test_a_dialog_keeps_the_clock_in_sight(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")
        # The screen under the dialog is drawn, dimmed: its background is translucent.
        assert app.screen.styles.background.a < 1
        # The live screen is right under the dialog (the app's first screen since issue 14), drawn.
        assert type(app.screen_stack[-2]).__name__ == "LiveScreen"
        assert app.screen_stack[-2].query_one("#countdown").region.height > 0
        # The dialog opens over the notes, never over the clock column.
        clock_column = app.screen_stack[-2].query_one("#clock-column").region
        assert not app.screen.query_one("#dialog").region.overlaps(clock_column)
        await pilot.press("escape", "f12")  # a ConfirmScreen too
        assert not app.screen.query_one("#dialog").region.overlaps(clock_column)


async def test_the_checklist_ticks_and_skipped_queue_items_show_as_skipped(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()  # the clock column is filled once the first frame is drawn
        first = playbook.phases[0].checklist[0]
        assert f"☐ {first}" in script_text(app)
        await pilot.press("ctrl+y")
        assert f"☑ {first}" in script_text(app) and app.session.state.checklist_done == {("housekeeping", 0)}
        await pilot.press("f8", "f3")
        await write(pilot, "Ask about the boss #question")
        await pilot.press("f8", "f8")
        await pilot.press("f9", "f9", "f9", "f9")  # the playbook's three questions, then the observer's
        assert "⤼ Ask about the boss #question" in script_text(app)
        assert "✓ Ask about the boss" not in script_text(app)


async def test_recording_after_a_no_asks_first(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+o", "n")
        assert app.session.state.consent == Consent.NO
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, ConfirmScreen) and app.session.state.recording_started_t is None
        await pilot.press("escape")
        assert app.session.state.recording_started_t is None
        await pilot.press("ctrl+r", "y")
        assert app.session.state.recording_started_t is not None


async def test_edit_and_delete_are_shown_where_a_user_looks(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.pane(Role.SCRIBE).border_subtitle == "↑ edit or delete a note"
        assert app.screen.pane(Role.OBSERVER).border_subtitle == ""
        await write(pilot, "a note")
        await pilot.press("up")  # the note is chosen: the key bar leads with its keys
        await pilot.pause()
        bar = str(app.screen.query_one("KeyBar").render())
        assert bar.startswith("e Edit note d Delete note esc Back to typing")


async def test_the_clock_says_time_left_in_words(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test() as pilot:
        await pilot.press("f5")
        status = lambda: str(app.screen.query_one("#clock-status").render())  # noqa: E731
        assert status() == "05:00 left in this phase"
        await advance(pilot, clock, 240)
        assert status() == "01:00 left: time is running out"


async def test_enter_after_a_stray_skip_key_goes_back(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test() as pilot:
        await pilot.press("f12", "enter")  # F12 by mistake, then Enter to end a note
        assert app.session.state.phase.id == "housekeeping" and not app.session.state.skipped_phases


async def test_a_one_row_pane_shows_the_first_line_of_its_newest_long_note(playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await write(pilot, "a note that is long enough to wrap around the pane at eighty columns wide, yes")
        await pilot.press("f1")  # the interviewer types: the scribe's pane keeps one row of notes
        await pilot.pause()
        notes = app.screen.pane(Role.SCRIBE).note_list
        assert notes.scrollable_content_region.height == 1
        shown = notes.render_line(0).text
        assert "a note that is long" in shown, shown
        await pilot.press("f2")  # its pane gets the room again, and it follows new notes
        await pilot.pause()
        await write(pilot, "a second note")
        shown = [notes.render_line(y).text for y in range(notes.scrollable_content_region.height)]
        assert any("a second note" in line for line in shown), shown


async def test_a_joiner_types_in_their_own_pane_from_the_start(playbook, sessions_root, clock):
    host = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock, member=("Ana", Role.INTERVIEWER))
    joined = Session.join(host.folder, ("Bo", Role.OBSERVER), clock=clock)
    app = InterviewApp(playbook=playbook, sessions_root=sessions_root, session=joined, clock=clock, own_role=Role.OBSERVER)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        observer = app.screen.pane(Role.OBSERVER)
        assert app.screen.focused is observer.input
        assert [role for role in Role if app.screen.pane(role).has_class("-focused")] == [Role.OBSERVER]
        await pilot.press(*"seen", "enter")
        await pilot.pause()
        assert [note.text for note in joined.state.notes] == ["seen"]
