"""A yes/no question in a modal: Enter or y confirms, Escape or n goes back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from interview_tui.i18n import N_, _
from interview_tui.tui.text import plain


class ConfirmScreen(ModalScreen[bool]):
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen #dialog {
        width: 60;
        max-width: 90%;
        height: auto;
        border: thick $accent;
        background: $surface;
        padding: 1 2;
    }
    ConfirmScreen #question { text-style: bold; }
    ConfirmScreen #detail { color: $text-muted; margin: 1 0; }
    ConfirmScreen #buttons { height: auto; align-horizontal: right; }
    ConfirmScreen Button { margin-left: 2; }
    """

    BINDINGS = [
        Binding("escape,n", "answer(False)", N_("Go back"), id="confirm-no"),
        Binding("y", "answer(True)", N_("Yes"), id="confirm-yes"),
    ]

    def __init__(self, question: str, detail: str = "", *, confirm_label: str | None = None) -> None:
        super().__init__()
        self._question = question
        self._detail = detail
        self._confirm_label = confirm_label or _("Yes")

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(plain(self._question), id="question")
            if self._detail:
                yield Static(plain(self._detail), id="detail")
            with Horizontal(id="buttons"):
                yield Button(_("Go back"), id="no")
                yield Button(self._confirm_label, id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
