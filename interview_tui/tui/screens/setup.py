"""Before the interview: the play's purpose and mode, the prepare checklist, the participant's profile."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from interview_tui.i18n import N_, _, ngettext
from interview_tui.playbook.model import Playbook
from interview_tui.tui.inputs import OrderedInput
from interview_tui.tui.text import plain
from interview_tui.tui.widgets.key_bar import KeyBar

MODE_LABELS = {"broad": N_("broad interview"), "deep": N_("deep interview")}


class PrepareItem(Checkbox):
    """A prepare checkbox whose state shows without colour: ✓ when ticked, blank when not (the
    default X looks the same both ways in a terminal without colours, or to a colour-blind eye)."""

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 (Textual's name)
        return "✓" if self.value else " "


class SetupScreen(Screen[None]):
    DEFAULT_CSS = """
    SetupScreen #form {
        padding: 1 2;
        scrollbar-size-vertical: 1;
    }
    SetupScreen .heading { text-style: bold; margin-top: 1; }
    SetupScreen #title { text-style: bold; color: $accent; }
    SetupScreen #purpose { color: $text; }
    SetupScreen .muted { color: $text-muted; }
    SetupScreen Label.field-label { margin-top: 1; }
    SetupScreen Input, SetupScreen Select { width: 60; max-width: 100%; }
    SetupScreen Checkbox { border: none; padding: 0; height: 1; background: transparent; }
    /* Focused, Textual's checkbox grows a border that a 1-row checkbox has no room for: the label
       and the tick vanished. Here focus is a highlight on the label instead. */
    SetupScreen Checkbox:focus { border: none; background: $boost; }
    SetupScreen #start-row { height: auto; margin-top: 1; }
    SetupScreen Button.resume { margin-bottom: 1; }
    """

    # Focused as the screen opens (on_mount's focus() came a moment later: keys typed before the
    # first frame went nowhere).
    AUTO_FOCUS = "#participant-name"

    BINDINGS = [
        Binding("f5", "start", N_("Start interview"), id="setup-start"),
        # Priority, and focus moved at once: in a fast burst (`Ana` Tab `Acme` Tab ...) each part
        # lands in the field that had the focus when it was typed (see tui/ordered_keys.py).
        Binding("tab", "move_focus(1)", N_("Next field"), id="setup-next-field", show=False, priority=True),
        Binding("shift+tab", "move_focus(-1)", N_("Previous field"), id="setup-previous-field", show=False, priority=True),
    ]

    @dataclass
    class SetupDone(Message):
        participant: dict[str, Any]

    @dataclass
    class ResumeChosen(Message):
        folder: Path

    def __init__(self, playbook: Playbook, participant_name: str = "", unfinished: list[tuple[Path, str]] | None = None) -> None:
        """`unfinished`: sessions that were not ended, as (folder, label), offered for resuming."""
        super().__init__()
        self.playbook = playbook
        self._participant_name = participant_name
        self.unfinished = unfinished or []

    def compose(self) -> ComposeResult:
        playbook = self.playbook
        with VerticalScroll(id="form"):
            if self.unfinished:
                yield Static(_("Unfinished sessions"), classes="heading")
                yield Static(_("A session that was not ended (a crash, or quit): resume it, or start a new one below."), classes="muted")
                for index, (_folder, label) in enumerate(self.unfinished):
                    yield Button(plain(_("Resume {session}").format(session=label)), id=f"resume-{index}", classes="resume")
            yield Static(plain(playbook.title), id="title")
            phases = len(playbook.phases)
            length = ngettext("{minutes} minutes in {count} phase", "{minutes} minutes in {count} phases", phases).format(
                minutes=f"{playbook.planned_minutes:g}", count=phases)
            mode = _(MODE_LABELS[playbook.mode]) if playbook.mode in MODE_LABELS else playbook.mode
            yield Static(plain(_("{mode} · {length} · language {language}").format(mode=mode, length=length, language=playbook.language)),
                         classes="muted")
            if playbook.purpose:
                yield Static(_("Purpose"), classes="heading")
                yield Static(plain(playbook.purpose), id="purpose")
            if playbook.prepare:
                yield Static(_("Prepare"), classes="heading")
                for index, item in enumerate(playbook.prepare):
                    yield PrepareItem(plain(item), id=f"prepare-{index}")
            yield Static(_("Participant"), classes="heading")
            yield Label(_("Name or alias"), classes="field-label")
            # select_on_focus off: the selection comes with the focus event, after keys already typed
            # in a burst, and the next key replaced them ("2019" became "9").
            yield OrderedInput(self._participant_name, placeholder=_("e.g. P07 or Ana"), id="participant-name", select_on_focus=False)
            for field in playbook.participant:
                yield Label(plain(field.label), classes="field-label")
                if field.choices:
                    yield Select([(plain(choice), choice) for choice in field.choices], id=f"field-{field.id}", prompt=_("choose"))
                else:
                    yield OrderedInput(id=f"field-{field.id}", select_on_focus=False)
            with Horizontal(id="start-row"):
                yield Button(_("Start interview (F5)"), id="start", variant="primary")
        yield KeyBar()

    def action_move_focus(self, step: int) -> None:
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        elif event.button.id and event.button.id.startswith("resume-"):
            folder, _label = self.unfinished[int(event.button.id.removeprefix("resume-"))]
            self.post_message(self.ResumeChosen(folder))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "participant-name":
            self.action_start()

    def participant(self) -> dict[str, Any]:
        profile: dict[str, Any] = {"name": self.query_one("#participant-name", Input).value.strip()}
        for field in self.playbook.participant:
            widget = self.query_one(f"#field-{field.id}")
            if isinstance(widget, Select):
                value = "" if widget.value is Select.NULL else widget.value
            else:
                value = widget.value.strip()
            if value:
                profile[field.id] = value
        prepared = [item for index, item in enumerate(self.playbook.prepare) if self.query_one(f"#prepare-{index}", Checkbox).value]
        if self.playbook.prepare:
            profile_prepared = {"prepared": prepared}
            profile.update(profile_prepared)
        return profile

    def action_start(self) -> None:
        participant = self.participant()
        if not participant["name"]:
            self.notify(_("Give the participant a name or an alias first."), severity="warning")
            self.query_one("#participant-name", Input).focus()
            return
        self.post_message(self.SetupDone(participant))
