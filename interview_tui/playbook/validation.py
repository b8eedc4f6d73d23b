"""The rules of a playbook file, as pydantic models: the user contract for playbook files (see
docs/playbooks.md; `interview schema` prints them as JSON Schema). What they accept becomes the plain
`model.Playbook` the program uses (`to_playbook`). Imported only when a file (or a session's stored
copy) is validated: pydantic costs 130-190 ms to import and build. No Textual here.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from interview_tui.playbook import model as plain_model

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


class ParticipantField(_Frozen):
    """A field of the participant profile, filled in on the setup screen before the interview."""

    id: str = Field(pattern=r"^[a-z0-9_]+$", description="Key in the session's participant record, e.g. segment")
    label: str = Field(min_length=1, description="Shown on the setup screen")
    choices: list[str] = Field(default_factory=list, description="If given, the answer is one of these")


class GlossaryTerm(_Frozen):
    """A word of the customer's domain, learnt before the interview."""

    term: str = Field(min_length=1, description="The customer's word")
    meaning: str = Field(min_length=1, description="What they mean by it")


class Playbook(_Frozen):
    """A whole interview play: purpose, phases, tags, and what to do before and after."""

    title: str = Field(min_length=1, description="The play's name")
    purpose: str = Field(default="", description="Why we interview; shown at the top of the live screen")
    mode: Literal["broad", "deep"] = Field(default="broad", description="Explore widely (broad) or dig into one subject (deep)")
    language: str = Field(default="en", pattern=r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$", description="BCP 47 tag of the playbook's text, e.g. en, ko")
    length_minutes: float | None = Field(default=None, gt=0, strict=True, allow_inf_nan=False,
                                         description="Planned length in minutes; defaults to the sum of the phases")
    tags: list[Tag] = Field(default_factory=lambda: [Tag(name=t.name, key=t.key, description=t.description) for t in plain_model.DEFAULT_TAGS], description="Tags with one-key shortcuts; a default set applies when absent")
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


def to_playbook(validated: Playbook) -> plain_model.Playbook:
    """What the rules accepted, as the plain playbook the program uses."""
    return plain_model.Playbook.from_data(validated.model_dump())


def validate_stored(data: dict) -> plain_model.Playbook:
    """The playbook a session copied into its log, read leniently: unknown keys are dropped."""
    return to_playbook(Playbook.model_validate(_known_fields_only(Playbook, data)))
