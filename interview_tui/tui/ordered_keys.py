"""Keys handled in the order they were typed, for inputs where a fast typist must never lose one.

Textual inserts a printable key in the focused widget's own queue, but runs key *bindings* (Enter,
Backspace, arrows, F-keys) only once the key has bubbled back up to the App, and moves focus later
still. In a burst of typing (a fast typist on a busy machine, tmux send-keys, a paste without
bracketed paste) that reorders keys: "abc⌫d⏎" saved "abc" instead of "abd" in our tmux test, keys
typed after F1 landed in the old pane, and five quick Enters in the 5-whys dialog submitted its
first line five times. So an `OrderedKeysApp` hands every key and paste meant for an `OrderedInput`
to the input at once, in the App's own task, as it arrives.
"""

from __future__ import annotations

from enum import Enum
from string import ascii_lowercase

from textual import events
from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
from textual.app import App
from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.widgets import Input


# alt+a ... alt+z as Textual's sequence table names them (a str Enum, as the table expects).
MetaLetterKey = Enum("MetaLetterKey", {f"ALT_{letter.upper()}": f"alt+{letter}" for letter in ascii_lowercase}, type=str)


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
    for key in MetaLetterKey:
        ANSI_SEQUENCES_KEYS["\x1b" + key.value[-1]] = (key,)


def keymapped_bindings(node: DOMNode) -> BindingsMap:
    """The node's bindings with the user's keymap applied (the config file's [keys]), as Textual
    applies it to the bindings it runs itself."""
    keymap = node.app._keymap
    if not keymap:
        return node._bindings
    bindings = node._bindings.copy()
    bindings.apply_keymap(keymap)
    return bindings


class OrderedInput(Input):
    """An Input whose keys are handled in arrival order (see the module's docstring)."""

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
        if event.key == "enter":
            await self.on_enter_in_order()
            return True
        if await self.handle_special_key(event):
            return True
        for node in (self, self.screen):
            for binding in keymapped_bindings(node).key_to_bindings.get(event.key, ()):
                if await self.app.run_action(binding.action, node):  # Widget.run_action returns None
                    return True
        if event.is_printable and event.character is not None:
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


class OrderedKeysApp(App):
    """An App that gives keys and pastes for a focused OrderedInput to it as they arrive."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        read_meta_letters_as_alt()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            target = self.focused
            if isinstance(target, OrderedInput) and target.screen is self.screen:
                if isinstance(event, events.Paste):
                    target.handle_paste_in_order(event.text)
                    return
                if await target.handle_key_in_order(event):
                    return
        await super().on_event(event)
