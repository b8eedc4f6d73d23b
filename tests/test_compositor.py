"""The live and replay screens redraw only the rows that changed (tui/compositor.py): what they send
the terminal is what Textual's own partial update would send, update by update."""

from __future__ import annotations

import copy

from textual._compositor import Compositor
from textual.geometry import Region

from interview_tui.tui.compositor import ChangedRowsCompositor
from interview_tui.tui.replay_app import ReplayApp
from tests.test_live_session import advance, live_app, write
from tests.test_replay import recorded  # noqa: F401 (a fixture)


def both_updates_compared(monkeypatch, app) -> list[tuple[str | None, str | None]]:
    """Every partial update made while the test runs, as (ours, Textual's), each rendered to the
    bytes a terminal would get."""
    compared: list[tuple[str | None, str | None]] = []
    ours_partial = ChangedRowsCompositor.render_partial_update

    def sent(update) -> str | None:
        return None if update is None else update.render_segments(app.console)

    def render_partial_update(self):
        dirty = set(self._dirty_regions)
        textual_way = copy.copy(self)
        textual_way.__class__ = Compositor
        textual_way._dirty_regions = set(dirty)
        theirs = Compositor.render_partial_update(textual_way)
        ours = ours_partial(self)
        if ours is not None or theirs is not None:
            compared.append((sent(ours), sent(theirs)))
        return ours

    monkeypatch.setattr(ChangedRowsCompositor, "render_partial_update", render_partial_update)
    return compared


async def test_each_redraw_sends_what_textual_would(monkeypatch, playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        compositor = app.screen._compositor
        assert isinstance(compositor, ChangedRowsCompositor)
        compared = both_updates_compared(monkeypatch, app)
        await pilot.press("f5")
        for _ in range(5):
            await advance(pilot, clock, 1)  # the clock's seconds
        await pilot.press(*"주문 관리 导出 note")  # typing, wide characters included
        await pilot.pause()
        await write(pilot, "Saved note #pain")
        await pilot.press("f8")  # the next phase: phase list, script, clock
        await advance(pilot, clock, 1)
        await pilot.press("ctrl+r")  # a dialog over the screen, then its answer
        await pilot.pause()
        await pilot.press("escape")
        await advance(pilot, clock, 1)
        await pilot.resize_terminal(80, 24)
        await advance(pilot, clock, 1)
        await pilot.press("f3", *"x")
        await advance(pilot, clock, 1)
        for index in range(6):
            await write(pilot, f"observer note {index} 관찰")
        # A toast over the notes, then gone: the rows under it are drawn again, the widgets there
        # (note list, input, borders) only in part.
        app.notify("A toast over the observer's notes", timeout=30)
        await pilot.pause()
        app.clear_notifications()
        await pilot.pause()

        # Changed areas that cut across widgets: rows in the middle of the script, of the notes, a
        # band across the whole screen, a corner of two panes' borders.
        for region in [Region(1, 14, 20, 3), Region(40, 5, 30, 2), Region(0, 10, 80, 4), Region(33, 8, 6, 9)]:
            compositor._dirty_regions.add(region)
            compositor.render_partial_update()

        assert len(compared) >= 16
        for ours, theirs in compared:
            assert ours == theirs


async def test_a_second_of_the_running_clock_draws_the_clock_column_only(monkeypatch, playbook, sessions_root, clock):
    app = live_app(playbook, sessions_root, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await advance(pilot, clock, 1)
        drawn: set[str] = set()

        def counted(render_lines):
            def render_counted(widget, crop):
                drawn.add(type(widget).__name__)
                return render_lines(widget, crop)

            return render_counted

        for widget_class in {type(widget) for widget in app.screen.walk_children(with_self=True)}:
            monkeypatch.setattr(widget_class, "render_lines", counted(widget_class.render_lines))
        await advance(pilot, clock, 1)
        assert "CountdownDigits" in drawn
        # Textual's own update drew these too, each whole: the key bar, the notes, the script.
        assert not drawn & {"KeyBar", "NoteList", "NoteInput", "ScriptPanel"}


async def test_a_playing_replay_sends_what_textual_would(monkeypatch, recorded):  # noqa: F811
    real = [100.0]
    app = ReplayApp(recorded, speed=8, monotonic=lambda: real[0])
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen._compositor, ChangedRowsCompositor)
        compared = both_updates_compared(monkeypatch, app)
        screen = app.screen
        for _ in range(40):  # notes appear, phases change, the clock runs
            real[0] += 1.5
            screen.frame()
            await pilot.pause()
        assert len(compared) >= 10
        for ours, theirs in compared:
            assert ours == theirs
