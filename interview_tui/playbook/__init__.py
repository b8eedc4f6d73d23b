"""Playbooks: the model, loading with located errors, lint, the JSON Schema. No Textual.

Names are imported on first use (PEP 562): `interview run` needs the model and the cache, which are
cheap, and not the YAML loader and pydantic rules behind them unless the playbook is new to it.
Lint is `interview_tui.playbook.lint.lint` (a lazy `lint` here would meet the submodule of that name).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from interview_tui.lazy import lazy_names

_HOMES = {
    "DEFAULT_PLAYBOOK": "bundled", "bundled_playbooks": "bundled", "resolve_playbook": "bundled", "user_playbooks": "bundled",
    "PlaybookError": "errors", "PlaybookProblem": "errors",
    "load_playbook": "cache",
    "LoadedPlaybook": "loader", "load_playbook_file": "loader", "load_playbook_text": "loader",
    "DEFAULT_TAGS": "model", "GlossaryTerm": "model", "ParticipantField": "model", "Phase": "model",
    "Playbook": "model", "Question": "model", "Tag": "model", "phase_kind": "model",
}

__all__ = sorted(_HOMES)


__getattr__ = lazy_names(__name__, _HOMES)


if TYPE_CHECKING:
    from interview_tui.playbook.bundled import DEFAULT_PLAYBOOK, bundled_playbooks, resolve_playbook, user_playbooks
    from interview_tui.playbook.cache import load_playbook
    from interview_tui.playbook.errors import PlaybookError, PlaybookProblem
    from interview_tui.playbook.loader import LoadedPlaybook, load_playbook_file, load_playbook_text
    from interview_tui.playbook.model import DEFAULT_TAGS, GlossaryTerm, ParticipantField, Phase, Playbook, Question, Tag, phase_kind
