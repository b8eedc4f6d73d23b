"""The setup screen before the interview, the glossary during it, and each bundled play in the live screen."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, Input, Select

from interview_tui.playbook import bundled_playbooks, load_playbook, resolve_playbook
from interview_tui.session import Role, load_session
from interview_tui.tui.app import InterviewApp
from interview_tui.tui.screens.choices import GlossaryScreen
from interview_tui.tui.screens.live import LiveScreen
from interview_tui.tui.screens.setup import SetupScreen


async def test_setup_shows_purpose_mode_prepare_and_profile_and_stores_the_profile(sessions_root, clock):
    playbook = load_playbook(resolve_playbook("customer-interview"))
    app = InterviewApp(playbook=playbook, sessions_root=sessions_root, clock=clock)
    async with app.run_test(size=(100, 50)) as pilot:
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        assert "Learn how this customer works today" in str(screen.query_one("#purpose").render())
        assert len(screen.query(Checkbox)) == len(playbook.prepare)
        screen.query_one("#participant-name", Input).value = "P07"
        screen.query_one("#field-product", Input).value = "Route planner"
        screen.query_one("#field-segment", Select).value = "switched away"
        screen.query_one("#prepare-0", Checkbox).value = True
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        folder = app.session.folder
    _, state = load_session(folder)
    assert state.participant == {
        "name": "P07",
        "product": "Route planner",
        "segment": "switched away",
        "prepared": ["The purpose is clear and written down"],
    }


async def test_the_glossary_opens_from_the_live_screen(sessions_root, clock):
    playbook = load_playbook(resolve_playbook("b2b-workflow"))
    app = InterviewApp(playbook=playbook, sessions_root=sessions_root, participant={"name": "Ana"}, clock=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f11")
        assert isinstance(app.screen, GlossaryScreen)
        shown = " ".join(str(w.render()) for w in app.screen.query("#terms Static"))
        assert "account inheritance" in shown and "lead" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, LiveScreen)


@pytest.mark.parametrize("path", bundled_playbooks(), ids=lambda p: p.stem)
async def test_each_bundled_play_runs_in_the_live_screen(path, sessions_root, clock):
    playbook = load_playbook(path)
    app = InterviewApp(playbook=playbook, sessions_root=sessions_root, participant={"name": "김민지"}, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5", "f8", "f4")
        app.focused.value = "주문 관리가 어렵다 · 她每周五导出 #pain"
        await pilot.press("enter")
        assert "2/6" in str(app.screen.query_one("#phase-title").render())
        note = app.session.state.notes[0]
    assert (note.role, note.phase, note.question, note.tags) == (Role.SCRIBE, playbook.phases[1].id, 0, ("pain",))
