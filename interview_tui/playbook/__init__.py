"""Playbooks: the model, loading with located errors, lint, the JSON Schema. No Textual."""

from interview_tui.playbook.bundled import DEFAULT_PLAYBOOK, bundled_playbooks, resolve_playbook, user_playbooks
from interview_tui.playbook.errors import PlaybookError, PlaybookProblem
from interview_tui.playbook.loader import LoadedPlaybook, load_playbook, load_playbook_file, load_playbook_text
from interview_tui.playbook.lint import lint
from interview_tui.playbook.model import DEFAULT_TAGS, GlossaryTerm, ParticipantField, Phase, Playbook, Question, Tag, phase_kind

__all__ = [
    "DEFAULT_PLAYBOOK",
    "DEFAULT_TAGS",
    "GlossaryTerm",
    "LoadedPlaybook",
    "ParticipantField",
    "Phase",
    "Playbook",
    "PlaybookError",
    "PlaybookProblem",
    "Question",
    "Tag",
    "bundled_playbooks",
    "load_playbook",
    "load_playbook_file",
    "load_playbook_text",
    "lint",
    "phase_kind",
    "resolve_playbook",
    "user_playbooks",
]
