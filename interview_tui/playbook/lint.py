"""Lint: the play's advice, checked. Warnings, with lines; they fail `validate` only with --strict.

- questions answerable with yes or no (they close a conversation the play wants open);
- leading questions ("don't you think...", "wouldn't it be better..."): they put words in the mouth;
- more than 10 questions in the main phase for an hour (the play: a short script, ~10 questions);
- phase minutes that add up to more than the planned length;
- a phase with no guidance.
"""

from __future__ import annotations

import re

from interview_tui.playbook.errors import PlaybookProblem
from interview_tui.playbook.loader import LoadedPlaybook
from interview_tui.playbook.model import phase_kind

MAX_MAIN_QUESTIONS_PER_HOUR = 10

# English questions that start like these ask for a yes or a no.
_YES_NO = re.compile(
    r"^(do|does|did|is|are|was|were|can|could|would|will|have|has|had|should|shall|may|might|must|am)\b",
    re.IGNORECASE,
)
_LEADING = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"\b(don'?t|doesn'?t|didn'?t|wouldn'?t|isn'?t|aren'?t|won'?t|can'?t|shouldn'?t) you (think|agree|feel|find|say|like)\b",
        r"\bwouldn'?t it be (better|easier|nicer|great)\b",
        r"\bisn'?t it (true|better|easier)\b",
        r"\b(surely|obviously|clearly)\b",
        r"\b(how much|how great|how useful) (do|would) you (love|like|enjoy)\b",
        # Korean: "...하지 않나요/않으세요?" ("don't you...?") and "...이 더 좋지 않을까요?"
        r"(지 않나요|지 않으세요|지 않으신가요|지 않을까요|죠\?)$",
    )
]


def lint(loaded: LoadedPlaybook) -> list[PlaybookProblem]:
    playbook = loaded.playbook
    problems: list[PlaybookProblem] = []

    def warn(message: str, path: tuple, hint: str) -> None:
        line, column = loaded.position(*path)
        problems.append(PlaybookProblem(loaded.source, message, line, column, hint, severity="warning"))

    english = playbook.language.lower().startswith("en")
    for phase_index, phase in enumerate(playbook.phases):
        if not phase.guidance.strip():
            warn(f"phase `{phase.id}` has no guidance", ("phases", phase_index),
                 "say what the interviewer does in this phase in `guidance:`")
        for question_index, question in enumerate(phase.questions):
            path = ("phases", phase_index, "questions", question_index)
            text = question.text.strip()
            if any(pattern.search(text) for pattern in _LEADING):
                warn(f"leading question: {text!r}", path, "ask openly, without suggesting the answer (\"How do you feel about...?\")")
            elif english and _YES_NO.match(text) and phase_kind(phase) != "housekeeping":
                # Housekeeping asks yes/no on purpose ("may we record?"); elsewhere it ends a topic.
                warn(f"yes/no question: {text!r}", path, "ask an open question: what, how, why, tell me about...")
    main_phases = [(i, p) for i, p in enumerate(playbook.phases) if phase_kind(p) == "main"]
    if not main_phases:
        main_phases = [max(enumerate(playbook.phases), key=lambda item: item[1].minutes)]
    hours = max(playbook.planned_minutes / 60, 1.0)
    for index, phase in main_phases:
        allowed = int(MAX_MAIN_QUESTIONS_PER_HOUR * hours)
        if len(phase.questions) > allowed:
            warn(f"{len(phase.questions)} questions in the main phase `{phase.id}` for a {playbook.planned_minutes:g}-minute interview",
                 ("phases", index, "questions"), f"keep to about {allowed}: the script is a guide, leave room for follow-ups")
    if playbook.length_minutes is not None and playbook.phases_minutes > playbook.length_minutes:
        warn(f"the phases add up to {playbook.phases_minutes:g} minutes, more than `length_minutes` ({playbook.length_minutes:g})",
             ("length_minutes",), "shorten some phases, or plan a longer interview")
    return problems
