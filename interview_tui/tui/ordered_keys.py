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

from textual import events
from textual.app import App
from textual.widgets import Input


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
        # ctrl+j is a line feed: an Enter typed before the program put the terminal in raw mode
        # reaches it so (the terminal's line discipline turned CR into LF), and it ends a line too.
        if event.key in ("enter", "ctrl+j"):
            await self.on_enter_in_order()
            return True
        if await self.handle_special_key(event):
            return True
        for node in (self, self.screen):
            for binding in node._bindings.key_to_bindings.get(event.key, ()):
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

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            target = self.focused
            if target is None:
                target = self._auto_focus_target()
            if isinstance(target, OrderedInput) and target.screen is self.screen:
                if isinstance(event, events.Paste):
                    target.handle_paste_in_order(event.text)
                    return
                if await target.handle_key_in_order(event):
                    return
        await super().on_event(event)

    def _auto_focus_target(self) -> OrderedInput | None:
        """Keys typed while the first screen was still starting: the input it will focus takes
        them now (focus otherwise comes a moment later, and those keys would be lost)."""
        screen = self.screen
        if not screen.AUTO_FOCUS or not screen.is_mounted:
            return None
        target = screen.query(screen.AUTO_FOCUS).first() if screen.query(screen.AUTO_FOCUS) else None
        if isinstance(target, OrderedInput) and target.focusable:
            self.set_focus(target)
            return target
        return None
