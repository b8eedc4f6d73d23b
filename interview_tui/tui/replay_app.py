"""The replay app: one session re-enacted from its log on a virtual clock."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.screen import Screen

from interview_tui.session.timeline import Timeline
from interview_tui.tui.palette import LocalizedPalette
from interview_tui.tui.screens.replay import ReplayScreen


class ReplayApp(LocalizedPalette, App[None]):
    TITLE = "interview replay"
    CSS_PATH = "app.tcss"

    def __init__(self, timeline: Timeline, *, speed: int = 1, idle_limit: float = 15.0, title: str = "", paused: bool = False, **options) -> None:
        super().__init__()
        self.timeline = timeline
        self._options = dict(speed=speed, idle_limit=idle_limit, title=title, **options)
        self._paused = paused

    def on_mount(self) -> None:
        screen = ReplayScreen(self.timeline, **self._options)
        screen.playing = not self._paused
        self.push_screen(screen)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if isinstance(screen, ReplayScreen):
            yield from screen.commands()
        yield from super().get_system_commands(screen)
