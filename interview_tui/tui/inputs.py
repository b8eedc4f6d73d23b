"""The Inputs of the setup screen and the dialogs: Textual's Input with control characters shown as
symbols and, for OrderedInput, keys handled in the order typed (see tui/ordered_keys.py). Here, not
there, so that the live screen's start does not define them (the note input is its own)."""

from __future__ import annotations

from textual.widgets import Input

from interview_tui.tui.ordered_keys import KeysInOrder, ShowsControls


class ShownInput(ShowsControls, Input):
    """An Input that shows its control characters as symbols."""


class OrderedInput(KeysInOrder, Input):
    """An Input whose keys are handled in arrival order, its control characters shown as symbols."""
