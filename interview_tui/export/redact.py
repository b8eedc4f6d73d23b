"""`--redact`: exports safe to share. The participant's name becomes their alias; emails, phone numbers
and every word of a list the user gives are masked, in every field an export writes: note text and tags,
the profile, problem titles and whys, the playbook's titles and questions, file names in the warnings.
The log itself is never touched: `redact_session` makes a redacted copy of the whole exported data (the
folded state and the log's warnings), which every exporter then writes as usual.

Names are found as people write them: whole, in parts, joined (`DanaWhitfield`, `dana.whitfield`,
`#dana-whitfield`), in any case, and in Korean (or Chinese, Japanese) glued to particles and honorifics
(`김민지님은`, `민지 씨가`): text in those scripts has no spaces between a name and what follows.
Redaction errs on the side of masking too much: a shared copy must never leak.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from interview_tui.i18n import _, ngettext
from interview_tui.session.log import ReadProblem, SessionLog
from interview_tui.session.state import SessionState
from interview_tui.usertext import TAG_PATTERN

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Phone numbers: 7 or more digits, with the spaces, dots, dashes, slashes and brackets people write.
PHONE = re.compile(r"(?<![\w])\+?\(?\d[\d\s().\-/]{5,}\d(?![\w])")
MIN_PHONE_DIGITS = 7
DATE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}")  # 2026-11-23 has eight digits, and is no phone
# Scripts written without spaces between words: a name there is followed by particles and honorifics.
_UNSPACED = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_HANGUL_NAME = re.compile(r"^[\uac00-\ud7af]{3,4}$")
_SEPARATORS = r"[\s._\-]*"  # between the parts of a joined name: "Dana Whitfield", "DanaWhitfield", "dana.whitfield"

# Who a participant without an alias becomes: a literal, as before (the catalogs, issue 12, lack it).
UNNAMED = "the participant"
# What each kind of thing becomes: in text, and inside a #tag (which must stay one word).
EMAIL_MASK, PHONE_MASK, WORD_MASK = "[email]", "[phone]", "[redacted]"
TAG_MASKS = {"email": "email", "phone": "phone", "word": "redacted"}


def participant_alias(state: SessionState) -> str:
    return str(state.participant.get("alias") or "").strip() or UNNAMED


def _key(text: str) -> str:
    """A name's identity whatever its case and separators: "Dana.Whitfield" is "danawhitfield"."""
    return re.sub(r"[\W_]+", "", text).casefold()


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.strip().lower()).strip("-") or "redacted"


def name_forms(name: str) -> list[tuple[str, ...]]:
    """The ways a name is written, each as its parts: whole (either order; joined by any separators or
    none), each part alone, and for a Korean name without spaces (김민지) the given name alone (민지)."""
    plain = re.sub(r"\(.*?\)", " ", name).strip()
    parts = tuple(part for part in re.split(r"[\s._\-]+", plain) if part)
    forms: set[tuple[str, ...]] = set()
    if parts:
        forms.update({parts, tuple(reversed(parts))})
    for part in parts:
        if len(part) > 1:
            forms.add((part,))
        if _HANGUL_NAME.match(part):
            # A one-syllable family name, then the given name (or two syllables: 남궁민지).
            forms.update((part[start:],) for start in (1, 2) if len(part) - start >= 2)
    return sorted(forms, key=lambda form: len("".join(form)), reverse=True)


def _pattern(forms: list[tuple[str, ...]], tail: str = "") -> re.Pattern[str] | None:
    """One regex for all `forms`, longest first. A Latin form must not continue a word before it
    (Dana, not ClaDana); where it ends is checked by `_ends_word`. A form in Korean, Chinese or
    Japanese has no bounds: particles and honorifics are glued to it. `tail` follows each form."""
    alternatives = []
    for form in sorted(set(forms), key=lambda form: len("".join(form)), reverse=True):
        body = _SEPARATORS.join(map(re.escape, form))
        alternatives.append((body if _UNSPACED.search("".join(form)) else r"(?<![^\W_])" + body) + tail)
    return re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None


def _ends_word(match: re.Match[str]) -> bool:
    """A Latin match ends a word unless a lower-case letter follows (Dana in Danaher); an upper-case
    one starts the next word of a camel-case join (DanaCorp)."""
    if _UNSPACED.search(match.group()):
        return True
    following = match.string[match.end() : match.end() + 1]
    return not following.islower()


@dataclass
class Redactor:
    """Redacts text and tags for some people (name, alias) and given words, counting what it masked."""

    people: list[tuple[str, str]]
    words: list[str]
    counts: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        # An alias that names the person ("Dana W.") would put the name back: such an alias is not used.
        every_form = _pattern([form for name, _alias in self.people for form in name_forms(name)])
        self.people = [(name, UNNAMED if every_form and every_form.search(alias) else alias)
                       for name, alias in self.people]
        self._alias_by_key: dict[str, str] = {}
        forms: list[tuple[str, ...]] = []
        for name, alias in self.people:
            for form in name_forms(name):
                forms.append(form)
                self._alias_by_key.setdefault(_key("".join(form)), alias)
        self._names = _pattern(forms)
        # A given word takes the rest of its word along: "ERPs", "AcmeCorp" leak nothing.
        self._words = _pattern([(word.strip(),) for word in self.words if word.strip()], tail=r"[^\W_]*")
        self._default_alias = self.people[0][1] if self.people else UNNAMED

    def alias_of(self, name: str) -> str | None:
        """The alias that stands for this person's name (None if they are not one of the people)."""
        return next((alias for person, alias in self.people if person == name.strip()), None)

    def _alias_for(self, matched: str) -> str:
        return self._alias_by_key.get(_key(matched), self._default_alias)

    def _masked(self, kind: str, mask: str, pattern: re.Pattern[str] | None, text: str, *, tag: bool) -> str:
        if pattern is None:
            return text

        def replace_match(match: re.Match[str]) -> str:
            if kind == "phone" and (sum(char.isdigit() for char in match.group()) < MIN_PHONE_DIGITS
                                    or DATE.fullmatch(match.group().strip())):
                return match.group()
            # A name is not masked inside a longer word: a two-letter name would eat half the text.
            if kind == "name" and not _ends_word(match):
                return match.group()
            self.counts[kind] += 1
            if kind == "name":
                alias = self._alias_for(match.group())
                return _slug(alias) if tag else alias
            return TAG_MASKS[kind] if tag else mask

        return pattern.sub(replace_match, text)

    def _mask_all(self, text: str, *, tag: bool) -> str:
        text = self._masked("phone", PHONE_MASK, PHONE, text, tag=tag)
        text = self._masked("name", "", self._names, text, tag=tag)
        return self._masked("word", WORD_MASK, self._words, text, tag=tag)

    def tag(self, tag: str) -> str:
        """A tag with what it names masked; still one tag (`#dana-whitfield` becomes `#p03`)."""
        masked = self._masked("email", EMAIL_MASK, EMAIL, tag, tag=True)
        return _slug(self._mask_all(masked, tag=True))

    def text(self, text: str) -> str:
        text = self._masked("email", EMAIL_MASK, EMAIL, text, tag=False)
        # A #tag keeps being one tag: its body is masked as a tag is.
        text = TAG_PATTERN.sub(lambda match: "#" + self.tag(match.group(1)), text)
        return self._mask_all(text, tag=False)

    def value(self, value: Any) -> Any:
        """Any profile value: strings masked, lists and dicts walked, numbers and flags kept."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list | tuple):
            return type(value)(self.value(item) for item in value)
        if isinstance(value, dict):
            return {self.text(str(key)): self.value(item) for key, item in value.items()}
        return value

    def summary(self) -> str:
        """What kinds of things were masked, for the export to say (empty if nothing was)."""
        parts = []
        if self.counts["name"]:
            parts.append(ngettext("the participant's name ({count})", "participants' names ({count})",
                                  len(self.people)).format(count=self.counts["name"]))
        if self.counts["email"]:
            parts.append(ngettext("{count} email", "{count} emails", self.counts["email"]).format(count=self.counts["email"]))
        if self.counts["phone"]:
            parts.append(ngettext("{count} phone number", "{count} phone numbers", self.counts["phone"]).format(count=self.counts["phone"]))
        if self.counts["word"]:
            parts.append(ngettext("{count} given word", "{count} given words", self.counts["word"]).format(count=self.counts["word"]))
        if not parts:
            return _("Redacted: nothing was found to redact.")
        return _("Redacted: {kinds}.").format(kinds=", ".join(parts))


def redactor(state: SessionState, words: list[str]) -> Redactor:
    """A Redactor for this session's participant and the given words."""
    return Redactor([(str(state.participant.get("name") or "").strip(), participant_alias(state))], list(words))


def _redacted_playbook(playbook, redact: Redactor):
    if playbook is None:
        return None
    phases = [
        replace(
            phase,
            title=redact.text(phase.title),
            guidance=redact.text(phase.guidance),
            checklist=[redact.text(item) for item in phase.checklist],
            questions=[replace(question, text=redact.text(question.text), follow_ups=[redact.text(f) for f in question.follow_ups])
                       for question in phase.questions],
        )
        for phase in playbook.phases
    ]
    return replace(playbook, title=redact.text(playbook.title), purpose=redact.text(playbook.purpose), phases=phases)


def redact_state(state: SessionState, redact: Redactor) -> SessionState:
    """A copy of `state` with every field an export writes redacted."""
    copy = state.copy()
    copy.notes = [
        replace(note, text=redact.text(note.text), tags=tuple(dict.fromkeys(redact.tag(tag) for tag in note.tags)))
        for note in state.notes
    ]
    copy.participant = {key: redact.value(value) for key, value in state.participant.items() if key not in ("name", "alias")}
    # The name counts as one masked occurrence: it is in the original, and gone from the copy.
    if str(state.participant.get("name") or "").strip():
        redact.counts["name"] += 1
    copy.participant = {"name": redact.alias_of(str(state.participant.get("name") or "")) or participant_alias(state), **copy.participant}
    copy.problems = {
        pid: replace(problem, title=redact.text(problem.title), whys=tuple(redact.text(why) for why in problem.whys))
        for pid, problem in state.problems.items()
    }
    copy.drafts = {role: redact.text(text) if isinstance(text, str) else text for role, text in state.drafts.items()}
    copy.playbook = _redacted_playbook(state.playbook, redact)
    copy.playbook_source = redact.text(state.playbook_source)
    return copy


def redact_log(log: SessionLog, redact: Redactor) -> SessionLog:
    """The log as exports read it: its warnings (file names, messages) redacted; events are not copied."""
    problems = [ReadProblem(problem.path.with_name(redact.text(problem.path.name)), problem.line, redact.text(problem.message))
                for problem in log.problems]
    return replace(log, problems=problems)


@dataclass(frozen=True)
class RedactedSession:
    log: SessionLog
    state: SessionState
    summary: str  # "Redacted: the participant's name (4), 1 email, 2 phone numbers, 3 given words."


def redact_session(log: SessionLog, state: SessionState, words: list[str] | None = None) -> RedactedSession:
    """The whole exported data of a session, redacted: give the result's log and state to any exporter
    (md, json, csv, vtt, and any other), and say its summary."""
    redact = redactor(state, words or [])
    redacted = redact_state(state, redact)
    redacted_log = redact_log(log, redact)
    redacted.redaction_summary = redact.summary()
    return RedactedSession(redacted_log, redacted, redacted.redaction_summary)


def redact_sessions(sessions: list[tuple[SessionLog, SessionState]], words: list[str] | None = None
                    ) -> tuple[list[tuple[SessionLog, SessionState]], str]:
    """Sessions for a report across interviews (or one REFI-QDA project), redacted together: every
    participant's name is masked in every session (Dana's name in Ana's notes too), each becoming that
    participant's alias. Returns the redacted (log, state) pairs and what was masked."""
    people = [(str(state.participant.get("name") or "").strip(), participant_alias(state)) for _log, state in sessions]
    redact = Redactor([person for person in people if person[0]], list(words or []))
    redacted = [(redact_log(log, redact), redact_state(state, redact)) for log, state in sessions]
    summary = redact.summary()
    for _log, state in redacted:
        state.redaction_summary = summary
    return redacted, summary
