"""Lint: the play's advice, checked. Warnings, with lines; they fail `validate` only with --strict.

- questions answerable with yes or no (they close a conversation the play wants open), English only:
  the check reads the first word, which says nothing in Korean or most other languages;
- leading questions ("don't you think...", "wouldn't it be better...", Korean "...지 않나요?"):
  they put words in the customer's mouth;
- more than 10 questions in the main phase for an hour (the play: a short script, ~10 questions);
- phase minutes that add up to more than the planned length;
- a phase with no guidance.

Follow-ups are questions too, and are checked like them. Housekeeping is exempt from the yes/no
rule: "Is it all right if we record this?" is a consent ask that wants a yes or a no.
"""

from __future__ import annotations

import re

from interview_tui.i18n import _
from interview_tui.playbook.errors import PlaybookProblem
from interview_tui.playbook.loader import LoadedPlaybook
from interview_tui.playbook.model import Phase, Playbook, phase_kind

MAX_MAIN_QUESTIONS_PER_HOUR = 10

# Spoken openers that do not change what a question asks: "So, did you..." is still yes/no.
_OPENER = re.compile(r"^((and|so|but|now|then|ok|okay|also|and so)\b[,\s]*)+", re.IGNORECASE)
# English questions that start like these ask for a yes or a no.
_YES_NO = re.compile(
    r"^(do|does|did|is|are|was|were|can|could|would|will|have|has|had|should|shall|may|might|must|am)\b",
    re.IGNORECASE,
)
_APOSTROPHE = "['’]?"  # typed or typographic, or left out: "don't", "don’t", "dont"
_WH_WORD_KO = "(무엇|뭐|뭘|무슨|어떻게|어떤|어땠|왜|언제|어디|누구|누가|어느|얼마|몇)"
_LEADING = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # "Don't you think...", "So wouldn't you agree..."
        rf"\b(don|doesn|didn|wouldn|isn|aren|won|can|shouldn){_APOSTROPHE}t you (think|agree|feel|find|say|like|love)\b",
        # A question that opens with a negative asks for agreement: "Isn't it annoying when..."
        rf"^(isn|wasn|aren|weren|doesn|don|didn|wouldn|won|can|shouldn|couldn){_APOSTROPHE}t\b",
        rf"\bwouldn{_APOSTROPHE}t it be\b",
        # A tag at the end asks for agreement: "..., isn't it?", "..., right?"
        rf",\s*(isn{_APOSTROPHE}t it|wasn{_APOSTROPHE}t it|don{_APOSTROPHE}t you|didn{_APOSTROPHE}t you|right|correct|yes)\s*\?$",
        r"\b(would|do) you agree\b",
        r"^(surely|obviously|clearly)\b",
        r"\bsurely\b",
        r"\bhow (much|great|useful) (do|would|did) you (love|like|enjoy)\b",
        # Korean: a negative question ("...하지 않나요?", "...더 좋지 않을까요?"), a "you know" (-잖아요),
        # or "of course" (당연히) suggests the answer.
        r"(지 않나요|지 않으세요|지 않으신가요|지 않을까요|지 않았나요|지 않아요|잖아요)\s*\??$",
        r"당연히",
        # "...죠?" asks for agreement, unless the question asks what, how, why... ("어떻게 하셨죠?").
        rf"^(?!.*{_WH_WORD_KO}).*죠\s*\?$",
    )
]


def is_leading(question: str) -> bool:
    return any(pattern.search(question) for pattern in _LEADING)


def is_yes_no(question: str, language: str) -> bool:
    if not language.lower().startswith("en"):
        return False
    return bool(_YES_NO.match(_OPENER.sub("", question)))


def main_phase_index(playbook: Playbook) -> int:
    """The main phase, where the script's questions live: the first of kind `main` (id `meaty` or
    `main`, or `kind: main`), else the longest phase (the first of equals)."""
    for index, phase in enumerate(playbook.phases):
        if phase_kind(phase) == "main":
            return index
    longest = max(phase.minutes for phase in playbook.phases)
    return next(index for index, phase in enumerate(playbook.phases) if phase.minutes == longest)


def lint(loaded: LoadedPlaybook) -> list[PlaybookProblem]:
    """Every warning for a valid playbook, in line order."""
    playbook = loaded.playbook
    problems: list[PlaybookProblem] = []

    def warn(message: str, path: tuple, hint: str) -> None:
        line, column = loaded.position(*path)
        problems.append(PlaybookProblem(loaded.source, message, line, column, hint, severity="warning"))

    def check_question(text: str, phase: Phase, path: tuple) -> None:
        text = text.strip()
        if is_leading(text):
            warn(_("leading question: {question!r}").format(question=text), path,
                 _("ask openly, without suggesting the answer: \"How do you feel about...?\""))
        elif is_yes_no(text, playbook.language) and phase_kind(phase) != "housekeeping":
            warn(_("yes/no question: {question!r}").format(question=text), path, _("ask an open question: what, how, why, tell me about..."))

    for phase_index, phase in enumerate(playbook.phases):
        if not phase.guidance.strip():
            warn(_("phase `{phase}` has no guidance").format(phase=phase.id), ("phases", phase_index),
                 _("say what the interviewer does in this phase in `guidance:`"))
        for question_index, question in enumerate(phase.questions):
            path = ("phases", phase_index, "questions", question_index)
            # A plain-string question sits at `path`; a mapping has its text under `text`.
            check_question(question.text, phase, path + ("text",) if loaded.position(*path, "text") != (None, None) else path)
            for follow_up_index, follow_up in enumerate(question.follow_ups):
                check_question(follow_up, phase, path + ("follow_ups", follow_up_index))

    main_index = main_phase_index(playbook)
    main_phase = playbook.phases[main_index]
    allowed = int(MAX_MAIN_QUESTIONS_PER_HOUR * max(playbook.planned_minutes / 60, 1.0))
    if len(main_phase.questions) > allowed:
        warn(_("{count} questions in the main phase `{phase}` for a {minutes}-minute interview").format(
                 count=len(main_phase.questions), phase=main_phase.id, minutes=f"{playbook.planned_minutes:g}"),
             ("phases", main_index, "questions"),
             _("keep to about {allowed}: the script is a guide, leave room for follow-ups").format(allowed=allowed))
    if playbook.length_minutes is not None and playbook.phases_minutes > playbook.length_minutes:
        warn(_("the phases add up to {minutes} minutes, more than `length_minutes` ({length})").format(
                 minutes=f"{playbook.phases_minutes:g}", length=f"{playbook.length_minutes:g}"),
             ("length_minutes",), _("shorten some phases, or plan a longer interview"))
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
