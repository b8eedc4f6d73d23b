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
    /* At the right, at most 55% wide: the clock column stays in sight (interview_tui/tui/screens/choices.py). */
    ConfirmScreen { align: right middle; }
    ConfirmScreen #dialog {
        width: 60;
        max-width: 55%;
        margin-right: 1;
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

    def __init__(
        self,
        question: str,
        detail: str = "",
        *,
        confirm_label: str | None = None,
        cancel_label: str | None = None,
        enter_confirms: bool = True,
    ) -> None:
        """`enter_confirms` False: Enter goes back and only y (or a click) confirms, for an action a
        stray key must not take (skip a phase, delete a note): Enter is what ends a note."""
        super().__init__()
        self._enter_confirms = enter_confirms
        # Focused as the screen opens (not later, in on_mount): an Enter right behind the key that
        # opened the dialog meets the button it is meant for.
        self.AUTO_FOCUS = "#yes" if enter_confirms else "#no"
        self._cancel_label = cancel_label or _("Go back")
        self._question = question
        self._detail = detail
        self._confirm_label = confirm_label or _("Yes")

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(plain(self._question), id="question")
            if self._detail:
                yield Static(plain(self._detail), id="detail")
            with Horizontal(id="buttons"):
                yield Button(self._cancel_label, id="no")
                yield Button(self._confirm_label, id="yes", variant="error")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
