"""The playbook as the program uses it: plain immutable data, no pydantic.

A playbook file is validated by the pydantic models in `validation.py` (the user contract, see
docs/playbooks.md and the JSON Schema); what they accept becomes these frozen dataclasses. They cost
nothing to import, so a start whose playbook is cached (`cache.py`) never loads pydantic: importing
it and building its models was 130-190 ms of a 650 ms start. No Textual here.
"""

from __future__ import annotations

import marshal
from dataclasses import dataclass, field
from typing import Any

from interview_tui.i18n import N_
from interview_tui.records import Frozen

# The kinds a phase may name; validation.py's PhaseKind is the same list.
PHASE_KINDS = ("housekeeping", "warm-up", "main", "observer", "turn-the-tables", "wrap-up", "other")


class MalformedPlaybookData(ValueError):
    """Data that is not what `Playbook.to_data` writes (a damaged cache entry): never shown to a
    person, the playbook file is validated instead."""


def _text(value: Any) -> str:
    if type(value) is not str:
        raise MalformedPlaybookData(f"expected text, found {type(value).__name__}")
    return value


def _texts(value: Any) -> list[str]:
    if type(value) is not list:
        raise MalformedPlaybookData(f"expected a list, found {type(value).__name__}")
    return [_text(item) for item in value]


def _minutes(value: Any) -> float:
    if type(value) is not float or not 0 < value < float("inf"):
        raise MalformedPlaybookData(f"expected a positive number of minutes, found {value!r}")
    return value


def _fields(data: Any, names: tuple[str, ...]) -> dict:
    if type(data) is not dict or tuple(data) != names:
        raise MalformedPlaybookData(f"expected the keys {names}")
    return data


@dataclass(init=False, repr=False, eq=False)
class Tag(Frozen):
    """A tag a note can carry; `key` is its one-keystroke shortcut in the live screen."""

    name: str
    key: str | None = None
    description: str = ""

    @classmethod
    def from_data(cls, data: Any) -> Tag:
        data = _fields(data, ("name", "key", "description"))
        key = data["key"]
        return cls(_text(data["name"]), None if key is None else _text(key), _text(data["description"]))


@dataclass(init=False, repr=False, eq=False)
class Question(Frozen):
    """A scripted question, with optional follow-ups."""

    text: str
    follow_ups: list[str] = field(default_factory=list)

    @classmethod
    def from_data(cls, data: Any) -> Question:
        data = _fields(data, ("text", "follow_ups"))
        return cls(_text(data["text"]), _texts(data["follow_ups"]))


@dataclass(init=False, repr=False, eq=False)
class Phase(Frozen):
    """One timed part of the interview."""

    id: str
    title: str
    minutes: float
    kind: str | None = None
    guidance: str = ""
    questions: list[Question] = field(default_factory=list)
    checklist: list[str] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return self.minutes * 60

    @classmethod
    def from_data(cls, data: Any) -> Phase:
        data = _fields(data, ("id", "title", "minutes", "kind", "guidance", "questions", "checklist"))
        kind = data["kind"]
        if kind is not None and kind not in PHASE_KINDS:
            raise MalformedPlaybookData(f"unknown phase kind {kind!r}")
        questions = data["questions"]
        if type(questions) is not list:
            raise MalformedPlaybookData("questions: expected a list")
        return cls(_text(data["id"]), _text(data["title"]), _minutes(data["minutes"]), kind, _text(data["guidance"]),
                   [Question.from_data(question) for question in questions], _texts(data["checklist"]))


@dataclass(init=False, repr=False, eq=False)
class ParticipantField(Frozen):
    """A field of the participant profile, filled in on the setup screen before the interview."""

    id: str
    label: str
    choices: list[str] = field(default_factory=list)

    @classmethod
    def from_data(cls, data: Any) -> ParticipantField:
        data = _fields(data, ("id", "label", "choices"))
        return cls(_text(data["id"]), _text(data["label"]), _texts(data["choices"]))


@dataclass(init=False, repr=False, eq=False)
class GlossaryTerm(Frozen):
    """A word of the customer's domain, learnt before the interview."""

    term: str
    meaning: str

    @classmethod
    def from_data(cls, data: Any) -> GlossaryTerm:
        data = _fields(data, ("term", "meaning"))
        return cls(_text(data["term"]), _text(data["meaning"]))


_KIND_BY_ID = {
    "housekeeping": "housekeeping",
    "warm-up": "warm-up",
    "meaty": "main",
    "main": "main",
    "observer": "observer",
    "observer-questions": "observer",
    "turn-the-tables": "turn-the-tables",
    "wrap-up": "wrap-up",
}


def phase_kind(phase: Phase) -> str:
    """The phase's job in the play: its `kind`, or what its id says, or `other`."""
    return phase.kind or _KIND_BY_ID.get(phase.id, "other")


DEFAULT_TAGS: tuple[Tag, ...] = (
    Tag(name="quote", key="q", description=N_("The customer's own words")),
    Tag(name="pain", key="p", description=N_("Something that hurts the customer")),
    Tag(name="insight", key="i", description=N_("Something we learnt")),
    Tag(name="idea", key="d", description=N_("An idea for us")),
    Tag(name="follow-up", key="f", description=N_("Something to come back to")),
    Tag(name="question", key="u", description=N_("A question to ask")),
    Tag(name="observation", key="o", description=N_("Something seen, not said")),
    Tag(name="confusion", key="c", description=N_("Where the customer got lost")),
    Tag(name="success", key="s", description=N_("Where it works for them")),
    Tag(name="star", key="*", description=N_("Worth a second look")),
)

_PLAYBOOK_KEYS = ("title", "purpose", "mode", "language", "length_minutes", "tags", "phases", "prepare",
                  "participant", "glossary", "after")


@dataclass(init=False, repr=False, eq=False)
class Playbook(Frozen):
    """A whole interview play: purpose, phases, tags, and what to do before and after."""

    title: str
    phases: list[Phase]
    purpose: str = ""
    mode: str = "broad"
    language: str = "en"
    length_minutes: float | None = None
    tags: list[Tag] = field(default_factory=lambda: list(DEFAULT_TAGS))
    prepare: list[str] = field(default_factory=list)
    participant: list[ParticipantField] = field(default_factory=list)
    glossary: list[GlossaryTerm] = field(default_factory=list)
    after: list[str] = field(default_factory=list)

    @property
    def planned_minutes(self) -> float:
        return self.length_minutes if self.length_minutes is not None else self.phases_minutes

    @property
    def phases_minutes(self) -> float:
        return sum(phase.minutes for phase in self.phases)

    def phase(self, phase_id: str) -> Phase:
        for phase in self.phases:
            if phase.id == phase_id:
                return phase
        raise KeyError(phase_id)

    def phase_index(self, phase_id: str) -> int:
        for index, phase in enumerate(self.phases):
            if phase.id == phase_id:
                return index
        raise KeyError(phase_id)

    def to_data(self) -> dict[str, Any]:
        """Plain JSON data, keys in the order of the file format (a session's header stores it)."""
        return {
            "title": self.title, "purpose": self.purpose, "mode": self.mode, "language": self.language,
            "length_minutes": self.length_minutes,
            "tags": [{"name": t.name, "key": t.key, "description": t.description} for t in self.tags],
            "phases": [{"id": p.id, "title": p.title, "minutes": p.minutes, "kind": p.kind, "guidance": p.guidance,
                        "questions": [{"text": q.text, "follow_ups": list(q.follow_ups)} for q in p.questions],
                        "checklist": list(p.checklist)} for p in self.phases],
            "prepare": list(self.prepare),
            "participant": [{"id": f.id, "label": f.label, "choices": list(f.choices)} for f in self.participant],
            "glossary": [{"term": g.term, "meaning": g.meaning} for g in self.glossary],
            "after": list(self.after),
        }

    @classmethod
    def from_data(cls, data: Any) -> Playbook:
        """The playbook `to_data` wrote, from data validated before (a cache entry): the shapes and
        types are checked, MalformedPlaybookData otherwise; the rules (patterns, unique ids) were
        checked when the file was validated."""
        data = _fields(data, _PLAYBOOK_KEYS)
        for key in ("tags", "phases", "participant", "glossary"):
            if type(data[key]) is not list:
                raise MalformedPlaybookData(f"{key}: expected a list")
        if not data["phases"]:
            raise MalformedPlaybookData("phases: expected at least one")
        if data["mode"] not in ("broad", "deep"):
            raise MalformedPlaybookData("mode: expected broad or deep")
        length = data["length_minutes"]
        return cls(
            title=_text(data["title"]),
            phases=[Phase.from_data(phase) for phase in data["phases"]],
            purpose=_text(data["purpose"]),
            mode=data["mode"],
            language=_text(data["language"]),
            length_minutes=None if length is None else _minutes(length),
            tags=[Tag.from_data(tag) for tag in data["tags"]],
            prepare=_texts(data["prepare"]),
            participant=[ParticipantField.from_data(each) for each in data["participant"]],
            glossary=[GlossaryTerm.from_data(term) for term in data["glossary"]],
            after=_texts(data["after"]),
        )


_STORED: dict[bytes, Playbook] = {}


def stored_playbook(data: dict) -> Playbook:
    """The playbook a session copied into its log, read leniently: unknown keys are dropped.

    Validated once per distinct playbook: a report over 200 sessions of one play validates it once,
    not 200 times (20 ms each here).
    """
    key = _stored_key(data)
    playbook = _STORED.get(key)
    if playbook is None:
        from interview_tui.playbook.cache import load_stored_playbook

        playbook = _STORED[key] = load_stored_playbook(data)
    return playbook


def remember_stored_playbook(data: dict, playbook: Playbook) -> None:
    """A playbook already validated (the one a new session starts with) need not be validated again."""
    _STORED[_stored_key(data)] = playbook


def _stored_key(data: dict) -> bytes:
    # marshal keeps every type apart (1, 1.0 and true differ) and is 25x faster than json.dumps with
    # sort_keys (6 us against 150 for the bundled playbook; a report reads one per session). Format
    # version 0 writes the values only: no marks for interned strings or shared objects, which differ
    # between a parsed and a built dict of the same values. Keys in another order make another key:
    # the playbook is validated once more, never mistaken.
    return marshal.dumps(data, 0)
