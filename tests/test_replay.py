"""Replay: the session re-enacted on a virtual clock, with the live screen's widgets."""

from __future__ import annotations

import random

import pytest

from interview_tui.session import Role, Session, load_session
from interview_tui.session.state import fold
from interview_tui.session.timeline import Timeline
from interview_tui.tui.replay_app import ReplayApp
from interview_tui.tui.screens.replay import ReplayScreen
from interview_tui.tui.widgets.note_pane import NotePane


@pytest.fixture
def recorded(sessions_root, playbook, clock):
    session = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock)
    session.start_clock()
    script = [
        (30, Role.SCRIBE, "first #context"),
        (30, Role.OBSERVER, "calm #observation"),
        (None, None, "next"),
        (60, Role.SCRIBE, "exports by hand #pain"),
        (200, Role.INTERVIEWER, "after a long quiet #pain"),
        (None, None, "next"),
        (20, Role.SCRIBE, "meaty start #quote"),
    ]
    for wait, role, text in script:
        if wait is None:
            session.next_phase()
            continue
        clock.advance(wait)
        session.add_note(role, text)
    clock.advance(10)
    session.end()
    log, _ = load_session(session.folder)
    return Timeline(log.events)


def shown(app, role: Role) -> list[str]:
    pane = app.screen.query_one(f"#pane-{role}", NotePane)
    return [note.text for note in pane.note_list.notes]


def test_the_state_at_any_moment_is_the_fold_of_the_events_until_then(sessions_root, playbook, clock):
    session = Session.create(sessions_root, playbook, clock=clock)
    session.start_clock()
    for index in range(700):
        clock.advance(1)
        note = session.add_note(Role.SCRIBE, f"note {index} #t{index % 3}")
        if index % 97 == 0:
            session.edit_note(note.id, f"edited {index}")
        if index % 150 == 149:
            session.next_phase()
    log, _ = load_session(session.folder)
    timeline = Timeline(log.events, checkpoint_every=64)
    rng = random.Random(7)
    for t in [0.0, timeline.end, *(rng.uniform(0, timeline.end) for _ in range(25))]:
        expected = fold([e for e in log.events if e["t"] <= t])
        got = timeline.state_at(t)
        assert [(n.id, n.text) for n in got.notes] == [(n.id, n.text) for n in expected.notes]
        assert got.phase_index == expected.phase_index and got.clock_elapsed(t) == expected.clock_elapsed(t)


async def test_notes_appear_in_their_panes_at_their_time(recorded):
    app = ReplayApp(recorded, paused=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReplayScreen) and shown(app, Role.SCRIBE) == []
        screen.action_seek(45)
        await pilot.pause()
        assert shown(app, Role.SCRIBE) == ["first #context"] and shown(app, Role.OBSERVER) == []
        await pilot.press("right", "right")  # +20 s
        assert shown(app, Role.OBSERVER) == ["calm #observation"]
        await pilot.press("left", "left", "left")
        assert shown(app, Role.OBSERVER) == []  # seeking back takes notes away again


async def test_jumps_between_phases_and_notes(recorded):
    app = ReplayApp(recorded, paused=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press("right_square_bracket")
        assert screen.t == 60.0 and "2/6" in str(screen.query_one("#phase-title").render())
        await pilot.press("right_square_bracket")
        assert screen.t == 320.0
        await pilot.press("left_square_bracket")
        assert screen.t == 60.0
        await pilot.press("full_stop")
        assert screen.t == 120.0 and shown(app, Role.SCRIBE)[-1] == "exports by hand #pain"
        await pilot.press("comma")
        assert screen.t == 60.0


async def test_filters_by_role_and_by_tag(recorded):
    app = ReplayApp(recorded, paused=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("end")
        await pilot.press("t")  # the first tag in order: context
        assert shown(app, Role.SCRIBE) == ["first #context"]
        await pilot.press("t", "t")  # observation, then pain
        assert shown(app, Role.SCRIBE) == ["exports by hand #pain"] and shown(app, Role.INTERVIEWER) == ["after a long quiet #pain"]
        await pilot.press("r", "r")  # interviewer, then scribe only
        assert shown(app, Role.INTERVIEWER) == [] and shown(app, Role.SCRIBE) == ["exports by hand #pain"]


async def test_playing_moves_the_virtual_clock_at_the_speed_and_shortens_idle_stretches(recorded):
    real = [100.0]  # the real clock, moved by hand
    app = ReplayApp(recorded, speed=8, idle_limit=15, monotonic=lambda: real[0])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        screen.show_at(120.0)  # the scribe's note at 120; the next event is at 320
        real[0] += 1
        screen.frame()
        assert screen.t == 128.0  # one real second at 8x
        real[0] += 1
        screen.frame()
        assert screen.t == 320.0  # past 15 s of nothing: on to the next event
        await pilot.press("plus", "plus", "minus")
        assert screen.speed == 16
        real[0] += 18
        screen.frame()  # 18 real seconds at 16x: past the end, where it stops
        assert screen.t == recorded.end and not screen.playing


def test_a_replay_ends_where_the_interview_ended_not_at_the_next_days_debrief(sessions_root, playbook, clock):
    from interview_tui.session.events import Mark

    session = Session.create(sessions_root, playbook, clock=clock)
    note = session.add_note(Role.SCRIBE, "x")
    clock.advance(600)
    session.end()
    session.close()
    clock.advance(18 * 3600)
    Session.resume(session.folder, clock=clock, debrief=True).mark_note(note.id, Mark.VALUABLE)
    log, _ = load_session(session.folder)
    timeline = Timeline(log.events)
    assert timeline.end == 600.0 and timeline.final.marks[note.id] == {"valuable"}
