"""Playbooks: the model, loading with located errors, and lint. No Textual."""

from interview_tui.playbook.bundled import DEFAULT_PLAYBOOK, bundled_playbooks, resolve_playbook
from interview_tui.playbook.errors import PlaybookError
from interview_tui.playbook.loader import load_playbook, load_playbook_text
from interview_tui.playbook.model import DEFAULT_TAGS, Phase, Playbook, Question, Tag

__all__ = [
    "DEFAULT_PLAYBOOK",
    "DEFAULT_TAGS",
    "Phase",
    "Playbook",
    "PlaybookError",
    "Question",
    "Tag",
    "bundled_playbooks",
    "load_playbook",
    "load_playbook_text",
    "resolve_playbook",
]
