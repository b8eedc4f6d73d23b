"""Keys handled in the order they were typed, for inputs where a fast typist must never lose one.

Textual inserts a printable key in the focused widget's own queue, but runs key *bindings* (Enter,
Backspace, arrows, F-keys) only once the key has bubbled back up to the App, and moves focus later
still. In a burst of typing (a fast typist on a busy machine, tmux send-keys, a paste without
bracketed paste) that reorders keys: "abc⌫d⏎" saved "abc" instead of "abd" in our tmux test, keys
typed after F1 landed in the old pane, and five quick Enters in the 5-whys dialog submitted its
first line five times. So an App with `OrderedKeys` hands every key and paste meant for a
`KeysInOrder` input to the input at once, in the App's own task, as it arrives.
"""

from __future__ import annotations

import unicodedata
from string import ascii_lowercase

from rich.cells import cell_len
from rich.highlighter import Highlighter
from rich.text import Text
from textual import events
from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.driver import Driver
from textual.expand_tabs import expand_tabs_inline

from interview_tui.usertext import controls_one_for_one

class _KeyName(str):
    """A key's name as Textual's sequence table holds it: a string with a `value`, the shape of its
    `Keys` members (an Enum of the 26 made here cost 0.9 ms of every start)."""

    __slots__ = ()

    @property
    def value(self) -> str:
        return str(self)


# alt+a ... alt+z as Textual's sequence table names them.
META_LETTER_KEYS = tuple(_KeyName(f"alt+{letter}") for letter in ascii_lowercase)


def read_meta_letters_as_alt() -> None:
    """Make ESC and a lowercase letter arrive as alt+letter, at once.

    xterm (metaSendsEscape), tmux, GNOME Terminal, Windows Terminal, iTerm2 with Option as Meta
    (Esc+) and macOS Terminal with "Use Option as Meta key" all send alt+f as the two bytes ESC f.
    Textual 8.2's sequence table reads ESC f and ESC b as ctrl+right and ctrl+left (iTerm's
    "natural text editing" preset), so the one-key tag alt+f silently did nothing; and it reads
    other ESC letters only after a 100 ms pause, so "ESC p" then Enter typed within it came out
    as the text "^p" in the note (pty test). A real ctrl+right still arrives as its own CSI
    sequence (ESC [1;5C), and no sequence a terminal sends starts with ESC and a lowercase letter.
    """
    for key in META_LETTER_KEYS:
        ANSI_SEQUENCES_KEYS["\x1b" + key[-1]] = (key,)


def keymapped_bindings(node: DOMNode) -> BindingsMap:
    """The node's bindings with the user's keymap applied (the config file's [keys]), as Textual
    applies it to the bindings it runs itself."""
    keymap = node.app._keymap
    if not keymap:
        return node._bindings
    bindings = node._bindings.copy()
    bindings.apply_keymap(keymap)
    return bindings


def is_typed_text(character: str) -> bool:
    """A key that types its character: anything but a control character. Textual calls zero-width
    and format characters "not printable" (str.isprintable), but the joiner in 👩‍💻, a zero-width
    non-joiner in Persian, or a bidi mark are text a person typed."""
    return bool(character) and all(unicodedata.category(char) != "Cc" for char in character)


class ControlsShown(Highlighter):
    """What is typed or pasted is kept as received (ESC too), but shown as symbols: Textual's Input
    would send it to the terminal raw (a pasted ESC[2J cleared the screen)."""

    def highlight(self, text: Text) -> None:
        text.plain = controls_one_for_one(text.plain)  # same length: styles and cursor stay in place


class ShowsControls:
    """For an Input: shows its control characters as symbols (the value keeps them as received).

    A mixin, not an Input subclass: each subclass of Textual's Input costs 2.9M instructions of the
    start to define (it merges Input's bindings); the note input is the only one on the way to the
    live screen's first frame. tui/inputs.py has the Inputs the dialogs use."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("highlighter", ControlsShown())
        super().__init__(*args, **kwargs)

    def _position_to_cell(self, position: int) -> int:
        # The cursor sits where the symbols are drawn: a control is no cell wide, its symbol is one.
        return cell_len(expand_tabs_inline(controls_one_for_one(self.value[:position]), 4))


class KeysInOrder(ShowsControls):
    """For an Input: its keys are handled in arrival order (see the module's docstring)."""

    async def on_enter_in_order(self) -> None:
        """Enter was pressed; override (an Input posts Submitted, handled too late for order)."""
        self.post_message(self.Submitted(self, self.value))

    async def handle_special_key(self, event: events.Key) -> bool:
        """A key this input's owner handles itself (before bindings); False if none."""
        return False

    def handle_printable_key(self, character: str) -> bool:
        """A printable key used for something else than typing; False to type it."""
        return False

    async def handle_key_in_order(self, event: events.Key) -> bool:
        """Handle a key now; False if it is not ours (the App then handles it as usual)."""
        # ctrl+j is a line feed: an Enter typed before the program put the terminal in raw mode
        # reaches it so (the terminal's line discipline turned CR into LF), and it ends a line too.
        if event.key in ("enter", "ctrl+j"):
            await self.on_enter_in_order()
            return True
        if await self.handle_special_key(event):
            return True
        for node in (self, self.screen):
            for binding in keymapped_bindings(node).key_to_bindings.get(event.key, ()):
                if await self.app.run_action(binding.action, node):  # Widget.run_action returns None
                    return True
        if event.character is not None and is_typed_text(event.character):
            if self.handle_printable_key(event.character):
                return True
            self._restart_blink()
            self.insert_text(event.character)
            return True
        return False

    def handle_paste_in_order(self, text: str) -> None:
        # One line: a pasted paragraph keeps all its words, its line breaks become spaces.
        self._restart_blink()
        self.insert_text(" ".join(text.splitlines()))

    def insert_text(self, text: str) -> None:
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)


class OrderedKeys:
    """For an App: gives keys and pastes for a focused KeysInOrder input to it as they arrive, and
    reads bracketed pastes whole (see terminal_input.py). A mixin, before App in the bases: an App
    subclass costs 1.5M instructions of the start to define."""

    def get_driver_class(self) -> type[Driver]:
        from interview_tui.tui.terminal_input import LinuxDriver, PasteKeepingDriver

        driver = super().get_driver_class()
        return PasteKeepingDriver if LinuxDriver is not None and driver is LinuxDriver else driver

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        read_meta_letters_as_alt()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            target = self.focused
            if target is None:
                target = self._auto_focus_target()
            if isinstance(target, KeysInOrder) and target.screen is self.screen:
                if isinstance(event, events.Paste):
                    target.handle_paste_in_order(event.text)
                    return
                if await target.handle_key_in_order(event):
                    return
        await super().on_event(event)

    def _auto_focus_target(self) -> KeysInOrder | None:
        """Keys typed while the first screen was still starting: the input it will focus takes
        them now (focus otherwise comes a moment later, and those keys would be lost)."""
        screen = self.screen
        if not screen.AUTO_FOCUS or not screen.is_mounted:
            return None
        target = screen.query(screen.AUTO_FOCUS).first() if screen.query(screen.AUTO_FOCUS) else None
        if isinstance(target, KeysInOrder) and target.focusable:
            self.set_focus(target)
            return target
        return None
