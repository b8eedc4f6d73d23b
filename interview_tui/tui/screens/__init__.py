"""Screens of the app. A dialog's screen is imported the first time one is asked (PEP 562), not on
the way to the live screen's first frame."""

from __future__ import annotations

from typing import TYPE_CHECKING

from interview_tui.lazy import lazy_names

__getattr__ = lazy_names(__name__, {"ConfirmScreen": "confirm"})

if TYPE_CHECKING:
    from interview_tui.tui.screens.confirm import ConfirmScreen
