"""The playbook: what an interview plays, as immutable pydantic models.

This is the user contract for playbook files (see docs/playbooks.md). No Textual here.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from interview_tui.i18n import N_

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Tag(_Frozen):
    """A tag a note can carry; `key` is its one-keystroke shortcut in the live screen."""

    name: str = Field(pattern=r"^[\w-]+$", description="The tag as typed after #, e.g. pain")
    key: str | None = Field(default=None, min_length=1, max_length=1, description="One-keystroke shortcut, e.g. p")
    description: str = Field(default="", description="What the tag means, shown with the tags in the live screen")


class Question(_Frozen):
    """A scripted question, with optional follow-ups."""

    text: str = Field(min_length=1, description="The question")
    follow_ups: list[str] = Field(default_factory=list, description="Questions to dig deeper")


PhaseKind = Literal["housekeeping", "warm-up", "main", "observer", "turn-the-tables", "wrap-up", "other"]


class Phase(_Frozen):
    """One timed part of the interview."""

    id: str = Field(pattern=SLUG_PATTERN, description="Unique slug, e.g. warm-up")
    title: str = Field(min_length=1, description="Shown above the countdown")
    # strict: a number as written; YAML's `yes` (true) or a quoted "10" is a mistake, not 1 or 10 minutes.
    minutes: float = Field(gt=0, le=24 * 60, strict=True, allow_inf_nan=False,
                           description="Planned length in minutes, more than 0")
    kind: PhaseKind | None = Field(
        default=None,
        description="The phase's job in the play: observer (the observer's queued questions come back), "
        "turn-the-tables (the customer's questions), wrap-up (follow-ups come back), main (the meaty "
        "questions, linted for length). Defaults from the id: meaty is main, and so on.",
    )
    guidance: str = Field(default="", description="What to do in this phase, shown to the interviewer")
    questions: list[Question] = Field(
        default_factory=list,
        description="Plain strings, or {text, follow_ups}; a guide, not a text to read",
        # The validator below turns plain strings into Questions; the schema must allow them too, or
        # an editor would flag every plain-string question.
        json_schema_extra=lambda schema: schema.update(items={"anyOf": [{"type": "string", "minLength": 1}, schema["items"]]}),
    )
    checklist: list[str] = Field(default_factory=list, description="Things to do in this phase")

    @field_validator("questions", mode="before")
    @classmethod
    def _plain_strings_are_questions(cls, value: object) -> object:
        if isinstance(value, list):
            return [{"text": item} if isinstance(item, str) else item for item in value]
        return value

    @property
    def seconds(self) -> float:
        return self.minutes * 60


class ParticipantField(_Frozen):
    """A field of the participant profile, filled in on the setup screen before the interview."""

    id: str = Field(pattern=r"^[a-z0-9_]+$", description="Key in the session's participant record, e.g. segment")
    label: str = Field(min_length=1, description="Shown on the setup screen")
    choices: list[str] = Field(default_factory=list, description="If given, the answer is one of these")


class GlossaryTerm(_Frozen):
    """A word of the customer's domain, learnt before the interview."""

    term: str = Field(min_length=1, description="The customer's word")
    meaning: str = Field(min_length=1, description="What they mean by it")


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


class Playbook(_Frozen):
    """A whole interview play: purpose, phases, tags, and what to do before and after."""

    title: str = Field(min_length=1, description="The play's name")
    purpose: str = Field(default="", description="Why we interview; shown at the top of the live screen")
    mode: Literal["broad", "deep"] = Field(default="broad", description="Explore widely (broad) or dig into one subject (deep)")
    language: str = Field(default="en", pattern=r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$", description="BCP 47 tag of the playbook's text, e.g. en, ko")
    length_minutes: float | None = Field(default=None, gt=0, strict=True, allow_inf_nan=False,
                                         description="Planned length in minutes; defaults to the sum of the phases")
    tags: list[Tag] = Field(default_factory=lambda: list(DEFAULT_TAGS), description="Tags with one-key shortcuts; a default set applies when absent")
    phases: list[Phase] = Field(min_length=1, description="The timed phases, in order; at least one")
    prepare: list[str] = Field(default_factory=list, description="Checklist before the interview, on the setup screen")
    participant: list[ParticipantField] = Field(default_factory=list, description="Profile fields to fill in before the interview")
    glossary: list[GlossaryTerm] = Field(default_factory=list, description="The customer's domain terms (F11 in the live screen)")
    after: list[str] = Field(default_factory=list, description="What to do after the interview: debrief, patterns")

    @model_validator(mode="after")
    def _unique_ids(self) -> Playbook:
        seen: set[str] = set()
        for phase in self.phases:
            if phase.id in seen:
                raise ValueError(f"duplicate phase id {phase.id!r}: each phase needs its own id")
            seen.add(phase.id)
        names: set[str] = set()
        keys: set[str] = set()
        for tag in self.tags:
            if tag.name in names:
                raise ValueError(f"duplicate tag {tag.name!r}")
            names.add(tag.name)
            if tag.key is not None:
                if tag.key in keys:
                    raise ValueError(f"tag key {tag.key!r} is used by two tags")
                keys.add(tag.key)
        return self

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


def _known_fields_only(model: type[BaseModel], data: object) -> object:
    """`data` without the keys `model` does not know, at every level (for playbooks stored in
    sessions, which must keep loading after a later version renames or drops a key)."""
    if not isinstance(data, dict):
        return data
    kept: dict = {}
    for key, value in data.items():
        field = model.model_fields.get(key)
        if field is None:
            continue
        inner = field.annotation
        args = getattr(inner, "__args__", ())
        item_model = next((a for a in args if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if item_model is not None and isinstance(value, list):
            value = [_known_fields_only(item_model, item) for item in value]
        kept[key] = value
    return kept


_STORED: dict[str, Playbook] = {}


def stored_playbook(data: dict) -> Playbook:
    """The playbook a session copied into its log, read leniently: unknown keys are dropped.

    Validated once per distinct playbook: a report over 200 sessions of one play validates it once,
    not 200 times (20 ms each here).
    """
    import json

    key = json.dumps(data, sort_keys=True, ensure_ascii=False)
    playbook = _STORED.get(key)
    if playbook is None:
        playbook = _STORED[key] = Playbook.model_validate(_known_fields_only(Playbook, data))
    return playbook


def remember_stored_playbook(data: dict, playbook: Playbook) -> None:
    """A playbook already validated (the one a new session starts with) need not be validated again."""
    import json

    _STORED[json.dumps(data, sort_keys=True, ensure_ascii=False)] = playbook
