"""Playbook subcommands: validate, schema, playbooks, new."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the playbook subcommands (filled in by the playbook format work)."""
