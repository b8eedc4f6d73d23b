"""`--redact`: exports safe to share. The participant's name becomes their alias, emails and phone
numbers are masked, and so is every word of a list the user gives. The log itself is never touched:
this makes a redacted copy of the folded state, which the exporters then write as usual."""

from __future__ import annotations

import re
from dataclasses import replace

from interview_tui.session.state import SessionState

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Phone numbers: 7 or more digits, with the spaces, dots, dashes, slashes and brackets people write.
PHONE = re.compile(r"(?<![\w])\+?\d[\d\s().\-/]{5,}\d(?![\w])")
PROFILE_KEYS_KEPT = ("segment", "prepared")


def participant_alias(state: SessionState) -> str:
    return str(state.participant.get("alias") or "the participant")


def redactor(state: SessionState, words: list[str]):
    """A function that redacts one text, for this session's participant and the given words."""
    alias = participant_alias(state)
    names = [str(state.participant.get("name") or "").strip()]
    # "Dana Whitfield (P03)": "Dana Whitfield", "Dana" and "Whitfield" all become the alias.
    for name in list(names):
        plain = re.sub(r"\(.*?\)", "", name).strip()
        names += [plain, *[part for part in plain.split() if len(part) > 1]]
    patterns = [re.escape(n) for n in sorted({n for n in names if n}, key=len, reverse=True)]
    name_pattern = re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.IGNORECASE) if patterns else None
    word_patterns = [re.compile(r"(?<!\w)" + re.escape(w.strip()) + r"(?!\w)", re.IGNORECASE) for w in words if w.strip()]

    def redact(text: str) -> str:
        text = EMAIL.sub("[email]", text)
        text = PHONE.sub("[phone]", text)
        if name_pattern is not None:
            text = name_pattern.sub(alias, text)
        for pattern in word_patterns:
            text = pattern.sub("[redacted]", text)
        return text

    return redact


def redacted_state(state: SessionState, words: list[str] | None = None) -> SessionState:
    redact = redactor(state, words or [])
    copy = state.copy()
    copy.notes = [replace(note, text=redact(note.text)) for note in state.notes]
    copy.participant = {"name": participant_alias(state)}
    for key in PROFILE_KEYS_KEPT:
        if key in state.participant:
            copy.participant[key] = state.participant[key]
    copy.problems = {pid: replace(p, title=redact(p.title), whys=tuple(redact(w) for w in p.whys)) for pid, p in state.problems.items()}
    return copy
