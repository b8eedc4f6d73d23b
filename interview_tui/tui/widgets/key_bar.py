"""The keys of the screen, on one line: a single widget where Textual's Footer makes one per key.

With the live screen's 21 keys, the Footer's 21 widgets cost ~150 ms of start-up here (CSS and
layout for each); this bar costs one. Keys come in the screen's order, as many as fit the width;
ctrl+p lists every command.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static

from interview_tui.i18n import _


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        height: 1;
        background: $panel;
        color: $text;
        padding: 0 0 0 1;
    }
    """

    def on_mount(self) -> None:
        self.call_after_refresh(self.show_keys)

    def on_resize(self) -> None:
        self.show_keys()

    def show_keys(self) -> None:
        screen = self.screen
        seen: set[str] = set()
        parts: list = []
        width = 0
        available = max(self.content_size.width, 20)
        for binding in screen._bindings.shown_keys:
            if binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            description = _(binding.description)  # marked N_() where the binding is declared
            # Cells, not characters: a Hangul or Chinese character takes two columns.
            text_width = cell_len(key) + cell_len(description) + 2
            if width + text_width - 1 > available:  # the last one needs no space after it
                break
            parts += [(key, "bold $accent"), f" {description} "]
            width += text_width
        self.update(Content.assemble(*parts))
