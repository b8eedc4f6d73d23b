"""A Static that repaints only when what it shows changes: the clock ticks 4 times a second."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static

from interview_tui.tui.text import plain


class Readout(Static):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("markup", False)
        super().__init__(*args, **kwargs)
        self._shown: tuple | None = None

    def show(self, content: str | Content) -> None:
        if isinstance(content, str):
            content = plain(content)  # a phase title, a count: shown as text, controls made visible
        # Content equality ignores styles, so compare the spans too.
        key = (content.plain, tuple(content.spans)) if isinstance(content, Content) else (content,)
        if key == self._shown:
            return
        # A new layout only when the number of lines changes: a ticking clock keeps its size, and a
        # layout pass a second was most of the idle CPU (see docs/benchmarks.md).
        # Same lines of the same widths: a new layout is needed when a line grows too (a "not saved"
        # count appearing beside the badges), or the widget keeps its old width and cuts it off.
        same_size = self._shown is not None and _line_widths(self._shown[0]) == _line_widths(key[0])
        self._shown = key
        self.update(content, layout=not same_size)


def _line_widths(text: str) -> list[int]:
    return [cell_len(line) for line in text.split("\n")]
