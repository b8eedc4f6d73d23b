"""The debrief after the interview: marks, problems and the 5 whys, stored as events in the session."""

from __future__ import annotations

from interview_tui.session import Role, Session, load_session
from interview_tui.tui.app import InterviewApp
from interview_tui.tui.debrief_app import DebriefApp
from interview_tui.tui.screens.debrief import DebriefScreen, WhysScreen


def ended_session(sessions_root, playbook, clock) -> Session:
    session = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock)
    session.start_clock()
    for text in ("rebuilds the report by hand #pain", "boss calls on Saturdays #quote", "loves the map view #success"):
        clock.advance(60)
        session.add_note(Role.SCRIBE, text)
    session.end()
    session.close()
    return session


async def test_marks_problems_and_whys_are_saved_in_the_session(sessions_root, playbook, clock):
    folder = ended_session(sessions_root, playbook, clock).folder
    clock.advance(600)
    app = DebriefApp(Session.resume(folder, clock=clock, debrief=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v", "s")  # the first note: valuable and surprising
        await pilot.press("n", *"Weekly report is manual", "enter")
        await pilot.press("down", "g", "enter")  # the second note into the same problem
        await pilot.press("w")
        assert isinstance(app.screen, WhysScreen)
        for why in ("numbers live in three tools", "no export from the ERP", "", "", ""):
            app.focused.value = why
            await pilot.press("enter")
        await pilot.press("down", "c", "c", "c")  # toggled on, off, on
        assert isinstance(app.screen, DebriefScreen)
        problems = str(app.screen.query_one("#problems").render())
        assert "Weekly report is manual  2 notes" in problems and "why 2: no export from the ERP" in problems
    log, state = load_session(folder)
    first, second, third = state.notes
    assert state.marks[first.id] == {"valuable", "surprising"} and state.marks[third.id] == {"contradictory"}
    (problem,) = state.problems.values()
    assert problem.title == "Weekly report is manual" and problem.notes == (first.id, second.id)
    assert problem.whys == ("numbers live in three tools", "no export from the ERP")
    assert state.ended and len(log.files) == 2  # the debrief wrote its own file; the session stays ended


async def test_the_end_of_a_live_session_offers_the_debrief(sessions_root, playbook, clock):
    app = InterviewApp(playbook=playbook, sessions_root=sessions_root, participant={"name": "Ana"}, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.focused.value = "worth a second look"
        await pilot.press("enter", "f10", "enter")
        await pilot.pause()
        await pilot.press("d")
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("v")
        folder = app.session.folder
    _, state = load_session(folder)
    assert state.marks[state.notes[0].id] == {"valuable"}


async def test_the_debrief_list_shows_keyed_tags_and_backdated_notes_where_they_happened(sessions_root, playbook, clock):
    session = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock)
    session.start_clock()
    clock.advance(60)
    session.add_note(Role.SCRIBE, "written first")
    clock.advance(20)
    session.add_note(Role.OBSERVER, "about 30 s ago", backdate=30)  # describes 00:50
    tagged = session.add_note(Role.SCRIBE, "send the pricing sheet")
    session.tag_note(tagged.id, "follow-up")  # alt+f: the tag is not in the text
    session.end()
    session.close()
    app = DebriefApp(Session.resume(session.folder, clock=clock, debrief=True))
    async with app.run_test(size=(120, 40)):
        notes = app.screen.query_one("#debrief-notes")
        lines = [str(notes.get_option_at_index(index).prompt) for index in range(notes.option_count)]
    assert "about 30 s ago" in lines[0] and "written first" in lines[1]
    assert lines[2].endswith("send the pricing sheet #follow-up")
