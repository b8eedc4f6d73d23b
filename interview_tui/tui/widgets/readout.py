"""A Static that repaints only when what it shows changes: the clock ticks 4 times a second."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from interview_tui.tui.text import show_if_changed


class Readout(Static):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("markup", False)
        super().__init__(*args, **kwargs)

    def show(self, content: str | Content) -> None:
        show_if_changed(self, content)
