"""The debrief app: one session's notes, marked and grouped after the interview."""

from __future__ import annotations

from textual.app import App

from interview_tui.session.core import Session
from interview_tui.tui.ordered_keys import OrderedKeys
from interview_tui.tui.palette import LocalizedPalette
from interview_tui.tui.screens.debrief import DebriefScreen


class DebriefApp(LocalizedPalette, OrderedKeys, App):
    TITLE = "interview debrief"
    CSS_PATH = "app.tcss"

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def on_mount(self) -> None:
        self.push_screen(DebriefScreen(self.session))

    def on_unmount(self) -> None:
        self.session.close()
