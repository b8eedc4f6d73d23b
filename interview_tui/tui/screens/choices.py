"""Small modal questions of the live screen: consent to record, and a role's default backdate."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from interview_tui.i18n import N_, _

from interview_tui.session.events import CONSENT_LABELS, Consent, Role, role_title
from interview_tui.tui.text import plain

MODAL_CSS = """
{name} {{ align: center middle; }}
{name} #dialog {{
    width: 56;
    max-width: 95%;
    height: auto;
    border: thick $accent;
    background: $surface;
    padding: 1 2;
}}
{name} .question {{ text-style: bold; margin-bottom: 1; }}
{name} .hint {{ color: $text-muted; margin-top: 1; }}
"""


class ConsentScreen(ModalScreen[Consent | None]):
    DEFAULT_CSS = MODAL_CSS.format(name="ConsentScreen")
    BINDINGS = [
        Binding("y", "choose('yes')", N_("Yes"), id="consent-yes"),
        Binding("n", "choose('no')", N_("No"), id="consent-no"),
        Binding("x", "choose('not-asked')", N_("Not asked"), id="consent-not-asked"),
        Binding("escape", "dismiss(None)", N_("Cancel"), id="consent-cancel"),
    ]

    def __init__(self, current: Consent) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(_("Did the participant agree to be recorded?"), classes="question")
            options = [
                Option("y  " + _("Yes, recording is OK"), id="yes"),
                Option("n  " + _("No recording"), id="no"),
                Option("x  " + _("Not asked yet"), id="not-asked"),
            ]
            yield OptionList(*options, id="consent-options")
            yield Static(_("Now: {consent}. Esc keeps it.").format(consent=_(CONSENT_LABELS[self.current])), classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = [Consent.YES, Consent.NO, Consent.NOT_ASKED].index(self.current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(Consent(event.option.id))

    def action_choose(self, value: str) -> None:
        self.dismiss(Consent(value))


class BackdateScreen(ModalScreen[float | None]):
    """How many seconds before it is typed a role's note usually describes."""

    DEFAULT_CSS = MODAL_CSS.format(name="BackdateScreen")
    BINDINGS = [Binding("escape", "dismiss(None)", N_("Cancel"), id="backdate-cancel")]

    def __init__(self, role: Role, current: float) -> None:
        super().__init__()
        self.role = role
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(_("Default backdate for the {role}'s notes, in seconds").format(role=role_title(self.role).lower()), classes="question")
            yield Input(f"{self.current:g}", id="seconds", type="number")
            yield Static(_("Notes are typed after the moment they describe. Enter saves, Esc cancels."), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            seconds = float(event.value or 0)
        except ValueError:
            self.notify(_("A number of seconds, please."), severity="warning")
            return
        if not 0 <= seconds <= 600:
            self.notify(_("Between 0 and 600 seconds."), severity="warning")
            return
        self.dismiss(seconds)


class GlossaryScreen(ModalScreen[None]):
    """The customer's domain terms, learnt before the interview (the playbook's `glossary`)."""

    DEFAULT_CSS = MODAL_CSS.format(name="GlossaryScreen") + """
    GlossaryScreen #dialog { width: 80; max-height: 90%; }
    GlossaryScreen #terms { height: auto; max-height: 30; }
    """
    BINDINGS = [Binding("escape,f11,q", "dismiss(None)", N_("Close"), id="glossary-close")]

    def __init__(self, terms: list[tuple[str, str]]) -> None:
        super().__init__()
        self.terms = terms

    def compose(self) -> ComposeResult:
        from textual.containers import VerticalScroll
        from textual.content import Content

        with Vertical(id="dialog"):
            yield Static(_("Glossary: the customer's words"), classes="question")
            with VerticalScroll(id="terms"):
                if not self.terms:
                    yield Static(_("This playbook has no glossary. Add one under `glossary:` (docs/playbooks.md)."), markup=False)
                for term, meaning in self.terms:
                    yield Static(Content.assemble(plain(term).stylize("bold"), "  ", plain(meaning)))
            yield Static(_("Esc closes."), classes="hint")
