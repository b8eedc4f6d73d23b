"""One pane of notes for one role: interviewer, scribe and observer each get one."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.cache import LRUCache
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import RenderOptions
from textual.widgets import Input, Static

from interview_tui.i18n import N_, _
from interview_tui.session.clock import mmss
from interview_tui.session.core import MAX_NOTE_CHARACTERS
from interview_tui.session.events import Role, role_title
from interview_tui.session.state import Note
from interview_tui.tui.line_heights import LineHeights
from interview_tui.tui.ordered_keys import KeysInOrder
from interview_tui.tui.text import note_lines, plain, tag_colour


class NoteKeeper(Protocol):
    """What a pane needs from the screen: saving notes, and knowing what is on disk."""

    def save_note(self, role: Role, text: str, tags: list[str], backdate: float) -> Note | None: ...
    def edit_note(self, note_id: str, text: str) -> bool: ...
    def delete_note(self, note_id: str) -> bool: ...
    def is_saved(self, note_id: str) -> bool: ...
    def default_backdate(self, role: Role) -> float: ...


class NoteInput(KeysInOrder, Input):
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

    def _watch_value(self, value: str) -> None:
        # Input's own watcher assigns `virtual_size`, a layout reactive: every keystroke laid out
        # the whole screen (p95 24-35 ms a key against the bare app's 12.8). The input's size does
        # not depend on its text (width 1fr, height 1), so the new virtual size is set without a
        # layout; scrolling to the cursor still reads it.
        self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
        self._suggestion = ""
        validation_result = self.validate(value) if "changed" in self.validate_on else None
        self.post_message(self.Changed(self, value, validation_result))
        if self._initial_value:
            self.cursor_position = len(self.value)
            self._initial_value = False


class NoteList(ScrollView, can_focus=False):
    """The notes of one role in the order of the moments they describe, drawn with Textual's line
    API: only the lines on screen are wrapped and rendered, so 100,000 notes cost what 100 do.

    Each note counts one line until it is first drawn at the current width, then its wrapped height
    (LineHeights keeps only those, and maps a screen line to its note by bisection). A resize
    forgets the measured heights instead of re-wrapping every note as an OptionList does (10,000
    notes: 2.2 s); notes are sorted by `(moment, written, id)`.

    Up in an empty input selects the last note; then e edits it, d deletes it, Esc goes back.
    """

    BINDINGS = [
        Binding("e,enter", "edit_selected", N_("Edit note"), id="note-edit"),
        Binding("d,delete", "delete_selected", N_("Delete note"), id="note-delete"),
        Binding("escape", "back_to_input", N_("Back to typing"), id="note-back"),
        # Moving through the notes: plain list keys, no entry in the key bar.
        Binding("up", "move(-1)", show=False, id="note-previous"),
        Binding("down", "move(1)", show=False, id="note-next"),
        Binding("pageup", "move(-10)", show=False, id="note-page-up"),
        Binding("pagedown", "move(10)", show=False, id="note-page-down"),
        Binding("home", "move_to(0)", show=False, id="note-first"),
        Binding("end", "move_to(-1)", show=False, id="note-last"),
    ]

    COMPONENT_CLASSES = {"note-list--highlight", "note-list--divider"}

    DEFAULT_CSS = """
    NoteList > .note-list--highlight { background: $block-cursor-blurred-background; }
    NoteList:focus > .note-list--highlight {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    NoteList > .note-list--divider { color: $text-muted; }
    """

    # Wrapped lines of recently drawn notes; a screen shows at most a few dozen notes.
    STRIP_CACHE_SIZE = 512

    def __init__(self, *, phase_titles: Mapping[str, str] | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.phase_titles = dict(phase_titles or {})
        self.notes: list[Note] = []  # in the order shown
        self._keys: list[tuple[float, float, str]] = []  # sort keys, parallel to `notes`
        self._key_of: dict[str, tuple[float, float, str]] | None = None  # built when first asked
        self._heights = LineHeights()
        self._measured: set[str] = set()  # note ids whose height is exact at `_width`
        self._width = 0
        self._unsaved: set[str] = set()
        self._strips: LRUCache[str, tuple[Note, bool, bool, int, list[Strip]]] = LRUCache(self.STRIP_CACHE_SIZE)
        self._to_end = True  # follow the newest note until the person scrolls away
        self._drawn_rows = 0  # the rows of notes shown when last drawn
        self.highlighted: str | None = None  # id of the selected note
        self.render_line_calls = 0  # bounded work, checked by tests
        self._show_authors = False

    @property
    def show_authors(self) -> bool:
        """A team session: each note says who wrote it (and a late note says so)."""
        return self._show_authors

    @show_authors.setter
    def show_authors(self, show: bool) -> None:
        if show != self._show_authors:
            self._show_authors = show
            self._rewrap()
            self._size_changed()

    # -- the notes ------------------------------------------------------------------------------
    @property
    def note_count(self) -> int:
        return len(self.notes)

    @staticmethod
    def _key(note: Note) -> tuple[float, float, str]:
        # The moment described (Note.moment_t), then when it was written; an edit changes neither.
        return (note.t - note.backdate, note.t, note.id)

    def index_of(self, note_id: str) -> int | None:
        if self._key_of is None:  # a replay never asks: its 100,000 notes need no map
            self._key_of = {key[2]: key for key in self._keys}
        key = self._key_of.get(note_id)
        if key is None:
            return None
        index = bisect_left(self._keys, key)
        return index if index < len(self._keys) and self._keys[index] == key else None

    def _index_of_note(self, note: Note) -> int | None:
        key = self._key(note)
        index = bisect_left(self._keys, key)
        return index if index < len(self._keys) and self._keys[index] == key else None

    def add(self, notes: Sequence[Note]) -> None:
        """Add notes, each at the place of the moment it describes (a backdated note goes back)."""
        if not notes:
            return
        self._to_end = self._to_end or self._at_end()
        keys = [(note.t - note.backdate, note.t, note.id) for note in notes]
        if self._key_of is not None:
            self._key_of.update(zip([note.id for note in notes], keys))
        if keys == sorted(keys) and (not self._keys or keys[0] > self._keys[-1]):
            # The usual case, newer moments at the end: new notes count one line until drawn.
            self._keys += keys
            self.notes += notes
            self._heights.extend(len(notes))
        else:
            # Somewhere in the middle (a backdated note): one sort of the merged lists, nearly
            # sorted already, and the measured heights are forgotten (re-measured when drawn).
            entries = sorted([*zip(self._keys, self.notes), *zip(keys, notes)], key=lambda entry: entry[0])
            self._keys = [entry[0] for entry in entries]
            self.notes = [entry[1] for entry in entries]
            self._forget_heights()
        self._size_changed()

    def remove(self, notes: Iterable[Note]) -> None:
        indexes = sorted(i for i in (self._index_of_note(note) for note in notes) if i is not None)
        if not indexes:
            return
        self._to_end = self._to_end or self._at_end()  # a replay stepping back keeps to the newest
        tail = len(self.notes) - len(indexes)
        if self._key_of is not None:
            for index in indexes:
                self._key_of.pop(self.notes[index].id, None)
        if indexes[0] == tail:  # the newest notes went: the common case when replay steps back
            del self.notes[tail:], self._keys[tail:]
            self._heights.truncate(tail)
        else:
            gone = set(indexes)
            self.notes = [note for index, note in enumerate(self.notes) if index not in gone]
            self._keys = [key for index, key in enumerate(self._keys) if index not in gone]
            self._forget_heights()
        if self.highlighted is not None and self.index_of(self.highlighted) is None:
            self.highlighted = None
        self._size_changed()

    def _rewrap(self) -> None:
        """Every note will be wrapped anew (a new width, authors shown): a list that showed its newest
        note keeps showing it. Without this, a one-row pane at 80x24 kept its scroll offset past the
        end of the heights forgotten, and showed a blank row."""
        self._to_end = self._to_end or self._at_end()
        self._strips.clear()
        self._forget_heights()

    def _forget_heights(self) -> None:
        self._heights.reset(len(self.notes))
        self._measured.clear()

    def replace(self, note: Note) -> None:
        """A shown note changed (edited, tagged, deleted but not on disk yet, now saved): redraw it
        in place."""
        index = self._index_of_note(note)
        if index is None:
            return
        self.notes[index] = note
        self._measured.discard(note.id)
        self._size_changed()

    def clear(self) -> None:
        self.notes, self._keys, self._key_of = [], [], None
        self._heights = LineHeights()
        self._measured.clear()
        self.highlighted = None
        self._to_end = True
        self._size_changed()

    @property
    def unsaved_ids(self) -> frozenset[str]:
        return frozenset(self._unsaved)

    def mark_unsaved(self, note_id: str, unsaved: bool) -> None:
        if unsaved:
            self._unsaved.add(note_id)
        else:
            self._unsaved.discard(note_id)

    def _size_changed(self) -> None:
        self.virtual_size = Size(self._width, self._heights.total)
        self.refresh()

    def _at_end(self) -> bool:
        # Against the rows last drawn: on a resize the pane already has its new height.
        return self.scroll_offset.y >= self._end_offset(self._drawn_rows)

    def _end_offset(self, viewport: int) -> int:
        """Where a list that follows its newest note scrolls to: the end, or the newest note's first
        line when the note is taller than the pane (a one-row pane at 80x24 showed the last line of
        a wrapped note: "wide, yes")."""
        end = max(self._heights.total - viewport, 0)
        if not self.notes:
            return end
        last = len(self.notes) - 1
        return min(end, self._heights.prefix(last) + self._has_divider(last))

    def _has_divider(self, index: int) -> bool:
        """The note at `index` is drawn under its phase's title: the first note of a phase."""
        return index == 0 or self.notes[index - 1].phase != self.notes[index].phase

    def follow_end(self) -> None:
        self._to_end = True
        self.refresh()

    # -- drawing only what is visible -------------------------------------------------------------
    def _note_strips(self, index: int) -> list[Strip]:
        note = self.notes[index]
        divider = self._has_divider(index)
        unsaved = note.id in self._unsaved
        cached = self._strips.get(note.id)
        if cached is not None and cached[0] is note and cached[1] == divider and cached[2] == unsaved and cached[3] == self._width:
            return cached[4]
        width = max(self._width, 1)
        lines: list[Content] = []
        if divider:
            title = self.phase_titles.get(note.phase, note.phase)
            rule = Content.assemble("── ", plain(title), " ")
            lines.append(rule.pad_right(max(width - rule.cell_length, 0), "─").truncate(width))
        lines += note_lines(note, width, unsaved=unsaved, author=self._show_authors)
        style = self.visual_style
        options = RenderOptions(self._get_style, self.styles)
        rich_style = style.rich_style
        strips = [line.render_strips(width, 1, style, options)[0].extend_cell_length(width, rich_style) for line in lines]
        if divider:
            strips[0] = strips[0].apply_style(self.get_component_rich_style("note-list--divider", partial=True))
        self._strips[note.id] = (note, divider, unsaved, self._width, strips)
        return strips

    def shown_text(self, index: int) -> str:
        """The note at `index` as drawn at the current width, its wrapped lines joined (no divider)."""
        strips = self._note_strips(index)
        divider = self._has_divider(index)
        return " ".join(strip.text.strip() for strip in strips[1 if divider else 0 :])

    def _measure(self, index: int) -> int:
        note = self.notes[index]
        if note.id not in self._measured:
            self._heights.set(index, len(self._note_strips(index)))
            self._measured.add(note.id)
        return self._heights[index]

    def _settle(self) -> None:
        """Before drawing: measure the notes that will show, and keep following the newest one."""
        width = self.scrollable_content_region.width
        if width != self._width:
            # The scrollbar appearing narrows the notes without a resize event.
            self._rewrap()
            self._width = width
        viewport = self._drawn_rows = self.scrollable_content_region.height
        if self._to_end:
            lines, index = 0, len(self.notes) - 1
            while index >= 0 and lines < viewport:
                lines += self._measure(index)
                index -= 1
        total = self._heights.total
        if self.virtual_size.height != total or self.virtual_size.width != width:
            self.virtual_size = Size(width, total)
        if self._to_end:
            end = self._end_offset(viewport)
            if self.scroll_offset.y != end:
                self.set_reactive(ScrollView.scroll_y, end)
                self.set_reactive(ScrollView.scroll_target_y, end)
                if self.show_vertical_scrollbar:
                    self.vertical_scrollbar.position = end
            self._to_end = False
            return
        top = self.scroll_offset.y
        if total and top < total:
            index, offset = self._heights.find(top)
            lines = -offset
            while index < len(self.notes) and lines < viewport:
                lines += self._measure(index)
                index += 1
            if self._heights.total != total:
                self.virtual_size = Size(width, self._heights.total)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._settle()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        self.render_line_calls += 1
        line = self.scroll_offset.y + y
        width = self._width
        if line >= self._heights.total:
            return Strip.blank(width, self.visual_style.rich_style)
        index, offset = self._heights.find(line)
        strips = self._note_strips(index)
        strip = strips[offset] if offset < len(strips) else Strip.blank(width, self.visual_style.rich_style)
        if self.notes[index].id == self.highlighted:
            strip = strip.apply_style(self.get_component_rich_style("note-list--highlight"))
        return strip

    def on_resize(self) -> None:
        self._to_end = self._to_end or self._at_end()

    # -- choosing a note ----------------------------------------------------------------------------
    @property
    def pane(self) -> NotePane:
        return self.query_ancestor(NotePane)

    def selected_note_id(self) -> str | None:
        return self.highlighted

    def select(self, index: int) -> None:
        if not self.notes:
            self.highlighted = None
            return
        index = max(0, min(index, len(self.notes) - 1))
        self.highlighted = self.notes[index].id
        top = self._heights.prefix(index)
        height = self._measure(index)
        viewport = self.scrollable_content_region.height
        self.virtual_size = Size(self._width, self._heights.total)
        if top < self.scroll_offset.y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + height > self.scroll_offset.y + viewport:
            self.scroll_to(y=top + height - viewport, animate=False, immediate=True)
        self._to_end = index == len(self.notes) - 1 and top + height >= self._heights.total
        self.refresh()

    def action_move(self, step: int) -> None:
        index = self.index_of(self.highlighted) if self.highlighted is not None else None
        self.select(len(self.notes) - 1 if index is None else index + step)

    def action_move_to(self, index: int) -> None:
        self.select(len(self.notes) - 1 if index < 0 else index)

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


def _common_prefix(old: list[Note], new: list[Note]) -> int:
    """How many first notes the two lists share. List comparison runs in C and checks identity
    first, so bisecting on slices costs a few ms at 100,000 notes where a Python loop costs tens."""
    low, high = 0, min(len(old), len(new))
    if old[:high] == new[:high]:
        return high
    while low < high:  # old[:low] == new[:low] and old[:high] != new[:high]
        middle = (low + high + 1) // 2
        if old[low:middle] == new[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


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
    NotePane.-focused {
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
        /* Notes wrap; they never scroll sideways. A horizontal scrollbar, come for a moment while the
           vertical one narrowed the list, took the only row of a one-row pane at 80x24. */
        overflow-x: hidden;
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

    class NoteSaved(Message):
        """A note of this pane was added (on disk, or queued for a disk that refused it)."""

        def __init__(self, pane: NotePane, note: Note) -> None:
            # Not a @dataclass, which compiled an __init__, a __repr__ and an __eq__ at every start.
            super().__init__()
            self.pane = pane
            self.note = note

    def __init__(
        self, role: Role, keeper: NoteKeeper | None, *, read_only: bool = False,
        phase_titles: Mapping[str, str] | None = None, id: str | None = None,
    ) -> None:
        """`keeper` None or `read_only`: a pane to read (replay, another role's pane), with no input.
        `phase_titles`: phase id -> title, for the divider where the phase changes."""
        super().__init__(id=id or f"pane-{role}")
        self.role = role
        self.keeper = keeper
        self.read_only = read_only or keeper is None
        self.phase_titles = phase_titles
        self.border_title = role_title(role)
        self.pending_tags: list[str] = []
        self.extra_backdate = 0.0
        self.editing: str | None = None
        self._shown: list[Note] = []  # the notes last given to show_notes, in the order given

    def compose(self) -> ComposeResult:
        yield NoteList(phase_titles=self.phase_titles, id=f"notes-{self.role}")
        if self.read_only:
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
    def show_notes(self, notes: list[Note]) -> None:
        """Show these notes (on mount, resume, or a replay step). Only the difference is applied:
        the notes after the first one that changed; a replay step back removes the newest notes."""
        shown = self._shown
        common = _common_prefix(shown, notes)
        if common == len(shown) == len(notes):
            return
        note_list = self.note_list
        note_list.remove(shown[common:])
        self._shown = list(notes)
        self._add(notes[common:])

    def add_note(self, note: Note) -> None:
        self._shown.append(note)
        self._add([note])
        self.note_list.follow_end()

    def _add(self, notes: Sequence[Note]) -> None:
        note_list = self.note_list
        if self.keeper is not None:
            for note in notes:
                note_list.mark_unsaved(note.id, not self.keeper.is_saved(note.id))
        note_list.add(notes)

    def update_note(self, note: Note) -> None:
        """A note changed (edited, tagged, deleted, or now saved). Every change waits for the disk
        like a new note does: marked until it is there; a deleted note stays, struck through, until
        its deletion is on disk."""
        note_list = self.note_list
        unsaved = self.keeper is not None and not self.keeper.is_saved(note.id)
        gone = note.deleted and not unsaved
        for index in range(len(self._shown) - 1, -1, -1):  # recent notes change most
            if self._shown[index].id == note.id:
                if gone:
                    del self._shown[index]
                else:
                    self._shown[index] = note
                break
        if gone:
            note_list.mark_unsaved(note.id, False)
            note_list.remove([note])
        else:
            note_list.mark_unsaved(note.id, unsaved)
            note_list.replace(note)

    def refresh_saved(self) -> None:
        """Drop the "not saved yet" mark from notes the disk has taken since (a deleted one goes)."""
        note_list = self.note_list
        for note_id in [n for n in note_list.unsaved_ids if self.keeper.is_saved(n)]:
            index = note_list.index_of(note_id)
            if index is not None:
                self.update_note(note_list.notes[index])
            else:
                note_list.mark_unsaved(note_id, False)

    # -- read-only: replay, another role's pane in a team session ------------------------------
    @property
    def show_authors(self) -> bool:
        return self.note_list.show_authors

    @show_authors.setter
    def show_authors(self, show: bool) -> None:
        self.note_list.show_authors = show

    def set_read_only(self, read_only: bool) -> None:
        """A pane built with an input can close it (its role is being typed in from another
        terminal) and open it again; a pane built read-only has no input to open."""
        rows = self.query("#input-row")
        if not rows:
            return
        self.read_only = read_only
        for row in rows:
            row.display = not read_only

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
        if not note_list.note_count:
            return
        note_list.can_focus = True
        note_list.select(note_list.note_count - 1)
        self.screen.set_focus(note_list)

    def back_to_input(self) -> None:
        note_list = self.note_list
        note_list.highlighted = None
        note_list.refresh()
        self.screen.set_focus(self.input)

    def start_edit(self, note_id: str) -> None:
        index = self.note_list.index_of(note_id)
        if index is None:
            return
        note = self.note_list.notes[index]
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
        if self.note_list.note_count == 0:
            self.back_to_input()
