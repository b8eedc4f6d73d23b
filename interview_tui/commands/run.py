"""`interview run`: start an interview on a playbook."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `run`."""
