"""The look of the live screen, at 80x24 and 120x40, in each pacing state (fixed clock, blink off).

Update after a deliberate change with `pytest tests/test_snapshots.py --snapshot-update`, then look
at the SVGs in tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from interview_tui.session import Role, Session
from interview_tui.session.clock import FakeClock
from interview_tui.tui.app import InterviewApp
from interview_tui.tui.screens.live import LiveScreen

# Seconds into the housekeeping phase (5 min) for each pacing state.
PACE_STATES = {"calm": 30, "warning": 250, "alert": 290, "overtime": 340}
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


def demo_app(playbook, tmp_path, seconds_in: float) -> InterviewApp:
    clock = FakeClock()
    session = Session.create(
        tmp_path / "sessions", playbook, participant={"name": "Dana (P03)"}, clock=clock,
        session_id="20261122-140000-demo", writer_id="wdemo",
    )
    session.record_consent(session.state.consent.YES)
    session.start_clock()
    clock.advance(20)
    session.add_note(Role.INTERVIEWER, "Thanked Dana; recording OK; NDA signed")
    session.add_note(Role.SCRIBE, "Ops lead, 40-person logistics firm [3 yrs] #context")
    clock.advance(5)
    session.add_note(Role.OBSERVER, "Relaxed, camera on #observation")
    session.add_note(Role.SCRIBE, "주문 관리가 어렵다고 함 · 她每周五导出 Excel #pain")
    clock.advance(seconds_in - 25)
    return InterviewApp(playbook=playbook, sessions_root=tmp_path / "sessions", session=session, clock=clock)


async def still(pilot) -> None:
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    if isinstance(pilot.app.screen, LiveScreen):
        pilot.app.screen.refresh_clock()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("pace", PACE_STATES)
def test_live_screen_looks_right(snap_compare, playbook, tmp_path, pace, size):
    app = demo_app(playbook, tmp_path, PACE_STATES[pace])
    assert snap_compare(app, terminal_size=SIZES[size], run_before=still)


def test_setup_screen_looks_right(snap_compare, tmp_path):
    from interview_tui.playbook import load_playbook, resolve_playbook

    app = InterviewApp(playbook=load_playbook(resolve_playbook("customer-interview")), sessions_root=tmp_path, clock=FakeClock())
    assert snap_compare(app, terminal_size=(80, 24), run_before=still)


def test_korean_play_lines_up_at_80x24(snap_compare, tmp_path):
    from interview_tui.playbook import load_playbook, resolve_playbook

    playbook = load_playbook(resolve_playbook("customer-interview-ko"))
    clock = FakeClock()
    session = Session.create(tmp_path, playbook, participant={"name": "김민지"}, clock=clock,
                             session_id="20261122-140000-ko", writer_id="wko")
    session.start_clock()
    clock.advance(95)
    session.add_note(Role.SCRIBE, "매주 금요일 보고서를 손으로 다시 만든다고 함 #pain")
    session.add_note(Role.OBSERVER, "보고서 이야기할 때 한숨 #observation 😮‍💨")
    app = InterviewApp(playbook=playbook, sessions_root=tmp_path, session=session, clock=clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=still)


@pytest.mark.parametrize("size", SIZES)
def test_a_joined_scribes_screen_looks_right(snap_compare, playbook, tmp_path, size):
    """Team session, the scribe's terminal: their pane roomy and typed in, the others read-only,
    who is here in the header (▶ the driver), each note with its writer's name."""
    clock = FakeClock()
    host = Session.create(tmp_path / "sessions", playbook, participant={"name": "Dana (P03)"}, clock=clock,
                          session_id="20261122-140000-team", writer_id="whost", member=("Ana", Role.INTERVIEWER))
    host.start_clock()
    scribe = Session.join(host.folder, ("Bo", Role.SCRIBE), clock=clock, writer_id="wscribe")
    observer = Session.join(host.folder, ("지민", Role.OBSERVER), clock=clock, writer_id="wobserver")
    clock.advance(20)
    host.add_note(Role.INTERVIEWER, "Thanked Dana; recording OK")
    clock.advance(5)
    scribe.add_note(Role.SCRIBE, "Ops lead, 40-person logistics firm #context")
    observer.add_note(Role.OBSERVER, "주문 관리 화면에서 망설임 #question")
    scribe.save_draft(Role.SCRIBE, "Every Friday she rebuilds")
    scribe.poll_others()
    app = InterviewApp(playbook=playbook, sessions_root=tmp_path / "sessions", session=scribe, clock=clock, own_role=Role.SCRIBE)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=still)
