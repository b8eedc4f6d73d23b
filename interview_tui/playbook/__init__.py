"""Playbooks: the model, loading with located errors, lint, the JSON Schema. No Textual.

The names below are imported when first used (interview_tui.lazy): a session's fold needs the model,
not the YAML loader or lint.
"""

from interview_tui.lazy import lazy_names

_DEFINED_IN = {
    **dict.fromkeys(("DEFAULT_PLAYBOOK", "bundled_playbooks", "resolve_playbook", "user_playbooks"), "interview_tui.playbook.bundled"),
    **dict.fromkeys(("PlaybookError", "PlaybookProblem"), "interview_tui.playbook.errors"),
    **dict.fromkeys(("LoadedPlaybook", "load_playbook", "load_playbook_file", "load_playbook_text"), "interview_tui.playbook.loader"),
    "lint": "interview_tui.playbook.lint",
    **dict.fromkeys(("DEFAULT_TAGS", "GlossaryTerm", "ParticipantField", "Phase", "Playbook", "Question", "Tag", "phase_kind"),
                    "interview_tui.playbook.model"),
}
__getattr__ = lazy_names(__name__, _DEFINED_IN)
__all__ = sorted(_DEFINED_IN)
