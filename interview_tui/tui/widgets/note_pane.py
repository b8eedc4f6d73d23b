"""One pane of notes for one role: interviewer, scribe and observer each get one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from interview_tui.session.events import Role
from interview_tui.session.state import Note
from interview_tui.tui.text import note_line

ROLE_TITLES = {Role.INTERVIEWER: "Interviewer", Role.SCRIBE: "Scribe", Role.OBSERVER: "Observer"}


class NoteList(OptionList, can_focus=False):
    """The notes of one role, one line-rendered list (fast with thousands of notes)."""


class NoteInput(Input):
    """The one-line note input, whose keys are handled strictly in the order they were typed.

    Textual inserts a printable key in the focused widget's own queue, but runs key *bindings*
    (Enter, Backspace, arrows, F-keys) only once the key has bubbled back up to the App. In a burst
    of typing (a fast typist on a busy machine, tmux send-keys, a paste without bracketed paste)
    that reorders keys: "abc⌫d⏎" saved "abc" instead of "abd" in our tmux test, and keys typed
    after F1 landed in the old pane. So the App hands every key meant for a note input to
    `handle_key_in_order`, in the App's own task, as the key arrives (see InterviewApp.on_event).
    """

    def __init__(self, save: Callable[[str], bool], **kwargs) -> None:
        super().__init__(**kwargs)
        self._save = save

    async def handle_key_in_order(self, event: events.Key) -> bool:
        """Handle a key now; False if it is not ours (the App then handles it as usual)."""
        if event.key == "enter":
            self.submit_note()
            return True
        for node in (self, self.screen):
            for binding in node._bindings.key_to_bindings.get(event.key, ()):
                if await self.app.run_action(binding.action, node):  # Widget.run_action returns None
                    return True
        if event.is_printable and event.character is not None:
            self._restart_blink()
            self.insert_text(event.character)
            return True
        return False

    def handle_paste_in_order(self, text: str) -> None:
        # A note is one line: a pasted paragraph keeps all its words, its line breaks become spaces.
        self._restart_blink()
        self.insert_text(" ".join(text.splitlines()))

    def insert_text(self, text: str) -> None:
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)

    def submit_note(self) -> None:
        if self.value.strip() and self._save(self.value):
            self.value = ""

    async def action_submit(self) -> None:
        self.submit_note()


class NotePane(Vertical):
    """A titled pane: the role's notes, newest at the bottom, and a one-line input below them."""

    DEFAULT_CSS = """
    NotePane {
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
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
    NotePane Input {
        height: 1;
        border: none;
        padding: 0 1;
        background: $boost;
    }
    NotePane Input:focus {
        border: none;
        background: $boost;
    }
    """

    @dataclass
    class NoteSaved(Message):
        """A note of this pane is on disk and shown."""

        pane: NotePane
        note: Note

    def __init__(self, role: Role, save_note: Callable[[Role, str], Note | None], *, id: str | None = None) -> None:
        """`save_note` writes the note durably and returns it, or returns None if it was not saved."""
        super().__init__(id=id or f"pane-{role}")
        self.role = role
        self.border_title = ROLE_TITLES[role]
        self._save_note = save_note
        self._phase_titles: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield NoteList(id=f"notes-{self.role}")
        yield NoteInput(
            self._save,
            placeholder="Type a note · Enter saves · #tag",
            id=f"input-{self.role}",
            select_on_focus=False,
        )

    @property
    def input(self) -> NoteInput:
        return self.query_one(NoteInput)

    @property
    def note_list(self) -> NoteList:
        return self.query_one(NoteList)

    def set_phase_titles(self, titles: dict[str, str]) -> None:
        self._phase_titles = titles

    def show_notes(self, notes: list[Note]) -> None:
        """Replace the list with these notes (on mount, resume or replay)."""
        note_list = self.note_list
        note_list.clear_options()
        note_list.add_options(Option(note_line(note, self._phase_titles.get(note.phase)), id=note.id) for note in notes)
        self._follow_end()

    def _save(self, text: str) -> bool:
        note = self._save_note(self.role, text)
        if note is None:
            return False
        self.add_note(note)
        self.post_message(self.NoteSaved(self, note))
        return True

    def add_note(self, note: Note) -> None:
        self.note_list.add_option(Option(note_line(note, self._phase_titles.get(note.phase)), id=note.id))
        self._follow_end()

    def _follow_end(self) -> None:
        note_list = self.note_list
        if note_list.option_count:
            note_list.scroll_end(animate=False, immediate=False)
