"""One pane of notes for one role: interviewer, scribe and observer each get one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from interview_tui.i18n import N_, _
from interview_tui.session.clock import mmss
from interview_tui.session.core import MAX_NOTE_CHARACTERS
from interview_tui.session.events import Role, role_title
from interview_tui.session.state import Note
from interview_tui.tui.ordered_keys import OrderedInput
from interview_tui.tui.text import note_line, tag_colour


class NoteKeeper(Protocol):
    """What a pane needs from the screen: saving notes, and knowing what is on disk."""

    def save_note(self, role: Role, text: str, tags: list[str], backdate: float) -> Note | None: ...
    def edit_note(self, note_id: str, text: str) -> bool: ...
    def delete_note(self, note_id: str) -> bool: ...
    def is_saved(self, note_id: str) -> bool: ...
    def default_backdate(self, role: Role) -> float: ...


class NoteInput(OrderedInput):
    """The one-line note input: keys in the order typed (tui/ordered_keys.py), Enter saves the note,
    Escape cancels an edit, Up in an empty input chooses a note, alt+KEY and ctrl+t KEY tag."""

    async def on_enter_in_order(self) -> None:
        self.pane.submit()

    async def handle_special_key(self, event: events.Key) -> bool:
        pane = self.pane
        if event.key == "escape" and pane.editing is not None:
            pane.cancel_edit()
            return True
        if event.key == "up" and not self.value and pane.editing is None:
            pane.select_notes()
            return True
        if event.key.startswith("alt+") and len(event.key) == 5:
            return self.screen.tag_key_pressed(event.key[4:])  # one-key tag
        return False

    def handle_printable_key(self, character: str) -> bool:
        return self.screen.tag_key_pressed_after_prefix(character)

    @property
    def pane(self) -> NotePane:
        return self.query_ancestor(NotePane)


class NoteList(OptionList, can_focus=False):
    """The notes of one role, one line-rendered list (fast with thousands of notes).

    Up in an empty input selects the last note; then e edits it, d deletes it, Esc goes back.
    """

    BINDINGS = [
        Binding("e,enter", "edit_selected", N_("Edit note"), id="note-edit"),
        Binding("d,delete", "delete_selected", N_("Delete note"), id="note-delete"),
        Binding("escape", "back_to_input", N_("Back to typing"), id="note-back"),
    ]

    @property
    def pane(self) -> NotePane:
        return self.query_ancestor(NotePane)

    def selected_note_id(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id

    def action_edit_selected(self) -> None:
        note_id = self.selected_note_id()
        if note_id is not None:
            self.pane.start_edit(note_id)

    def action_delete_selected(self) -> None:
        note_id = self.selected_note_id()
        if note_id is not None:
            self.pane.delete(note_id)

    def action_back_to_input(self) -> None:
        self.pane.back_to_input()

    def on_blur(self) -> None:
        self.can_focus = False


class NotePane(Vertical):
    """A titled pane: the role's notes, newest at the bottom, and a one-line input below them."""

    DEFAULT_CSS = """
    NotePane {
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        border-subtitle-color: $warning;
        height: 1fr;
        min-height: 4;
        padding: 0;
    }
    NotePane:focus-within {
        border: round $accent;
        border-title-color: $accent;
        border-title-style: bold;
    }
    NotePane NoteList {
        height: 1fr;
        border: none;
        padding: 0;
        background: transparent;
        scrollbar-size-vertical: 1;
    }
    NotePane NoteList:focus { border: none; background-tint: $accent 10%; }
    NotePane #input-row { height: 1; }
    NotePane NoteInput {
        width: 1fr;
        height: 1;
        border: none;
        padding: 0 1;
        background: $boost;
    }
    NotePane NoteInput:focus { border: none; background: $boost; }
    NotePane .note-status { width: auto; height: 1; padding: 0 1; color: $warning; }
    """

    @dataclass
    class NoteSaved(Message):
        """A note of this pane was added (on disk, or queued for a disk that refused it)."""

        pane: NotePane
        note: Note

    def __init__(self, role: Role, keeper: NoteKeeper | None, *, phase_labels: dict[str, str] | None = None, id: str | None = None) -> None:
        """`keeper` None: a read-only pane (replay), with no input. `phase_labels`: what each note's
        phase is called in its line (tui/text.py), by phase id."""
        super().__init__(id=id or f"pane-{role}")
        self.role = role
        self.keeper = keeper
        self.phase_labels = phase_labels or {}
        self.border_title = role_title(role)
        self.pending_tags: list[str] = []
        self.extra_backdate = 0.0
        self.editing: str | None = None
        self._unsaved: set[str] = set()
        self._notes: dict[str, Note] = {}

    def compose(self) -> ComposeResult:
        yield NoteList(id=f"notes-{self.role}")
        if self.keeper is None:
            return
        with Horizontal(id="input-row"):
            # A steady cursor: a blinking one redraws twice a second (0.7% of a core idle, here)
            # and draws the eye in the room.
            note_input = NoteInput(placeholder=_("Type a note · Enter saves · #tag"), id=f"input-{self.role}", select_on_focus=False)
            note_input.cursor_blink = False
            yield note_input
            yield Static(id=f"status-{self.role}", classes="note-status")

    @property
    def input(self) -> NoteInput:
        return self.query_one(NoteInput)

    @property
    def note_list(self) -> NoteList:
        return self.query_one(NoteList)

    # -- showing notes -------------------------------------------------------------------------
    def _option(self, note: Note) -> Option:
        line = note_line(note, self.phase_labels.get(note.phase, note.phase))
        if note.deleted:  # shown until the deletion is on disk
            line = Content.assemble(("⚠ " + _("deletion not saved yet") + " ", "bold $error"), line.stylize("strike"))
        elif note.id in self._unsaved:
            line = Content.assemble(("⚠ " + _("not saved yet") + " ", "bold $error"), line)
        return Option(line, id=note.id)

    def show_notes(self, notes: list[Note]) -> None:
        """Show these notes (on mount, resume, or each replay tick): only what changed is redrawn."""
        shown = list(self._notes.values())
        note_list = self.note_list
        if len(notes) >= len(shown) and all(a is b for a, b in zip(notes, shown)):
            new = notes[len(shown) :]  # playing forward: append
            if not new:
                return
        else:
            new = notes  # seeking back, a filter, an edit: redraw
            self._notes = {}
            note_list.clear_options()
        for note in new:
            self._notes[note.id] = note
        note_list.add_options(self._option(note) for note in new)
        self._follow_end()

    def add_note(self, note: Note) -> None:
        self._notes[note.id] = note
        if self.keeper is not None and not self.keeper.is_saved(note.id):
            self._unsaved.add(note.id)
        self.note_list.add_option(self._option(note))
        self._follow_end()

    def update_note(self, note: Note) -> None:
        """A note changed (edited, tagged, deleted, or now saved)."""
        note_list = self.note_list
        try:
            index = note_list.get_option_index(note.id)
        except Exception:  # not in this pane
            return
        # Every change waits for the disk like a new note does: marked until it is there.
        if self.keeper is not None and not self.keeper.is_saved(note.id):
            self._unsaved.add(note.id)
        if note.deleted and note.id not in self._unsaved:
            self._notes.pop(note.id, None)
            note_list.remove_option_at_index(index)
            return
        self._notes[note.id] = note
        note_list.replace_option_prompt_at_index(index, self._option(note).prompt)

    def refresh_saved(self) -> None:
        """Drop the "not saved yet" mark from notes the disk has taken since."""
        for note_id in [n for n in self._unsaved if self.keeper.is_saved(n)]:
            self._unsaved.discard(note_id)
            if note_id in self._notes:
                self.update_note(self._notes[note_id])

    def _follow_end(self) -> None:
        note_list = self.note_list
        if note_list.option_count:
            note_list.scroll_end(animate=False, immediate=False)

    # -- the note being typed ---------------------------------------------------------------------
    def backdate(self) -> float:
        return self.keeper.default_backdate(self.role) + self.extra_backdate

    def add_backdate(self, seconds: float) -> None:
        self.extra_backdate += seconds
        self._show_status()

    def tag_typed_note(self, tag: str) -> None:
        if tag not in self.pending_tags:
            self.pending_tags.append(tag)
        self._show_status()

    def _show_status(self) -> None:
        parts: list[Content | str | tuple[str, str]] = []
        if self.editing is not None:
            parts.append((_("editing · Esc cancels"), "bold"))
        backdate = self.backdate()
        if backdate:
            parts.append((f" −{mmss(backdate)}", "bold"))
        for tag in self.pending_tags:
            parts.append((f" #{tag}", f"bold {tag_colour(tag)}"))
        self.query_one(".note-status", Static).update(Content.assemble(*parts))

    def reset_typing(self) -> None:
        self.pending_tags = []
        self.extra_backdate = 0.0
        self.editing = None
        self.input.value = ""
        self._show_status()

    def submit(self) -> None:
        text = self.input.value
        if self.editing is not None:
            if self.keeper.edit_note(self.editing, text):
                self.reset_typing()
            return
        if not text.strip():
            return
        note = self.keeper.save_note(self.role, text, list(self.pending_tags), self.backdate())
        if note is None:
            return
        self.reset_typing()
        self.add_note(note)
        self.post_message(self.NoteSaved(self, note))

    # -- choosing, editing and deleting notes -----------------------------------------------------
    def select_notes(self) -> None:
        note_list = self.note_list
        if not note_list.option_count:
            return
        note_list.can_focus = True
        note_list.highlighted = note_list.option_count - 1
        self.screen.set_focus(note_list)

    def back_to_input(self) -> None:
        self.note_list.highlighted = None
        self.screen.set_focus(self.input)

    def start_edit(self, note_id: str) -> None:
        note = self._notes.get(note_id)
        if note is None:
            return
        if len(note.text) > MAX_NOTE_CHARACTERS:  # written before the limit: an input would stall on it
            self.app.notify(
                _("This note has {length} characters, more than a note can hold ({limit}): it can be deleted, not edited here.").format(
                    length=f"{len(note.text):,}", limit=f"{MAX_NOTE_CHARACTERS:,}"),
                severity="warning",
            )
            return
        self.editing = note_id
        self.input.value = note.text
        self.back_to_input()
        self.input.cursor_position = len(note.text)
        self._show_status()

    def cancel_edit(self) -> None:
        self.reset_typing()

    def delete(self, note_id: str) -> None:
        self.keeper.delete_note(note_id)
        if self.note_list.option_count == 0:
            self.back_to_input()
