"""The fold: a session's state is its events applied in order. Clock readings take `now` (session t).

Everything a screen, an export or a report shows comes from here, so live, resume and replay agree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from collections.abc import Callable, Iterable
from typing import Any

from interview_tui.i18n import N_, _
from interview_tui.playbook.model import Phase, Playbook, phase_kind, stored_playbook
from interview_tui.records import Frozen
from interview_tui.session.events import (
    FOLLOW_UP_TAG,
    QUESTION_TAG,
    Consent,
    EventType,
    QuestionStatus,
    Role,
    role_title,
)

# What applying a malformed event raises (a missing key, a wrong type, an unknown value or phase id;
# pydantic's ValidationError, for the playbook in session_created, is a ValueError too).
MALFORMED_EVENT_ERRORS = (KeyError, TypeError, ValueError, AttributeError)

# Facilitation-timer thresholds: warn at 20% of the phase left, alert at 5% and in overtime.
WARNING_FRACTION = 0.20
ALERT_FRACTION = 0.05


class Pace(StrEnum):
    CALM = "calm"
    WARNING = "warning"
    ALERT = "alert"
    OVERTIME = "overtime"


@dataclass(init=False, slots=True, repr=False, eq=False)
class Note(Frozen):
    id: str
    role: Role
    text: str
    tags: tuple[str, ...]
    phase: str
    t: float  # session time when written
    clock: float  # interview-clock time of the moment the note describes (written minus backdate)
    at: str
    writer: str
    question: int | None = None  # index of the phase's question that was current when written
    backdate: float = 0.0  # seconds the note describes before it was written
    edited: bool = False
    deleted: bool = False
    author: str = ""  # the writer's name, in a team session (writer_joined)
    late: bool = False  # written after the session ended (what was being typed when it did)

    def __init__(
        self, id: str, role: Role, text: str, tags: tuple[str, ...], phase: str, t: float, clock: float, at: str, writer: str,
        question: int | None = None, backdate: float = 0.0, edited: bool = False, deleted: bool = False, author: str = "",
        late: bool = False,
    ) -> None:
        # What @dataclass(frozen=True) would compile at every start (with __setattr__ and __delattr__,
        # which Frozen has), written out: the same arguments (tested) and as fast (2.1 us against 2.4).
        set_field = object.__setattr__
        set_field(self, "id", id); set_field(self, "role", role); set_field(self, "text", text)  # noqa: E702
        set_field(self, "tags", tags); set_field(self, "phase", phase); set_field(self, "t", t)  # noqa: E702
        set_field(self, "clock", clock); set_field(self, "at", at); set_field(self, "writer", writer)  # noqa: E702
        set_field(self, "question", question); set_field(self, "backdate", backdate); set_field(self, "edited", edited)  # noqa: E702
        set_field(self, "deleted", deleted); set_field(self, "author", author); set_field(self, "late", late)  # noqa: E702

    @property
    def moment_t(self) -> float:
        """Session time of the moment the note describes."""
        return self.t - self.backdate


# The fold makes one Note per note of every session a report reads (1,000 sessions x 100 notes:
# 100,000). A frozen dataclass's __init__ sets each field through object.__setattr__: 2.8 us a note
# here. The fold fills a mutable twin of the same slots instead (plain attribute stores) and then
# gives it Note's class, which Python allows between classes of the same slots: 0.3 us a note, and
# what comes out is a Note like any other (equal, hashable, frozen: tested).
# Note's base, as Python compares the layouts base by base, but not frozen: object's own __setattr__.
class _NoteDraft(Frozen):
    __slots__ = Note.__slots__  # the same names in the same order: the same layout
    __init__ = object.__init__  # made empty and filled in (Record's __init__ is for dataclasses)
    # Both object's: then Python stores attributes without calling a method (with Frozen's __delattr__
    # left in place, each store went through one: 0.8 -> 2.6 us a note).
    __setattr__ = object.__setattr__
    __delattr__ = object.__delattr__


def _new_note(
    id: str, role: Role, text: str, tags: tuple[str, ...], phase: str, t: float, clock: float, at: str, writer: str,
    question: int | None, backdate: float, author: str, late: bool, _draft: Any = _NoteDraft, _note: Any = Note,
) -> Note:
    """`Note(...)` with every field given, as the fold makes it (equal to it: tested)."""
    note = _draft()
    note.id = id; note.role = role; note.text = text; note.tags = tags; note.phase = phase; note.t = t  # noqa: E702
    note.clock = clock; note.at = at; note.writer = writer; note.question = question; note.backdate = backdate  # noqa: E702
    note.edited = False; note.deleted = False; note.author = author; note.late = late  # noqa: E702
    note.__class__ = _note
    return note


# Role("scribe") goes through Enum's lookup machinery (4 us); a dict is 0.05 us.
_ROLE_BY_VALUE = {str(role): role for role in Role}


def _role(value: Any) -> Role:
    try:
        return _ROLE_BY_VALUE[value]
    except (KeyError, TypeError):
        return Role(value)  # not a role: the error a malformed event reports


class _SharedStrings(dict):
    """strings[text] is the first string equal to `text` seen here."""

    def __missing__(self, text: str) -> str:
        self[text] = text
        return text


@dataclass(init=False, repr=False, eq=False)
class Writer(Frozen):
    """A process that joined the session: who, in which role, and from where (for presence)."""

    id: str
    name: str
    role: Role
    host: str = ""
    pid: int = 0
    joined_t: float = 0.0
    left_t: float | None = None

    @property
    def identity(self) -> tuple[str, Role]:
        """A person in a role: a writer that is killed and joins again is the same identity."""
        return (self.name, self.role)


# Events that steer the interview: after the session ended (in the merged order) they are stale,
# a joiner's F8 that crossed the host's end on the way, and are ignored.
_STEERING = frozenset({"clock_started", "clock_paused", "phase_changed", "time_extended"})


@dataclass(init=False, repr=False, eq=False)
class Problem(Frozen):
    """A problem found in the debrief: notes grouped under a title, and its 5-whys chain."""

    id: str
    title: str
    whys: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # note ids


@dataclass(init=False, repr=False, eq=False)
class ShrinkNeeded(Frozen):
    """When phases overrun: how much the phases still to come must shrink to end on time."""

    seconds: float
    fraction: float  # of the remaining phases' planned time
    remaining_planned: float


class SessionState:
    """What a session's events say, folded in order: `apply` each event (`fold` does them all).

    Not a dataclass: it is always made empty, and @dataclass compiled a 45-parameter __init__ for it
    at every start (importing this module: 25.6 -> 15.5 million instructions, callgrind). Two states are equal
    when every attribute is."""

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __init__(self) -> None:
        self.session_id: str = ""
        self.playbook: Playbook | None = None
        self.playbook_source: str = ""
        self.participant: dict[str, Any] = {}
        self.created_at: str = ""
        self.phase_index: int = 0
        self.clock_started: bool = False
        self.running_since: float | None = None  # session t at which the clock last started running
        self.clock_before_run: float = 0.0  # interview-clock seconds accumulated before the current run
        self.phase_spent_before_run: dict[str, float] = {}
        self.extensions: dict[str, float] = {}  # phase id -> extra seconds
        self.skipped_phases: set[str] = set()
        self.question_status: dict[tuple[str, int], QuestionStatus] = {}
        self.last_asked: dict[str, int] = {}  # phase id -> index last marked asked
        self.queue_status: dict[str, str] = {}  # note id -> asked | done | open
        self.checklist_done: set[tuple[str, int]] = set()  # (phase id, item index) ticked
        self.consent: Consent = Consent.NOT_ASKED
        self.recording_started_t: float | None = None
        self.drafts: dict[Role, str] = {}
        self.writer_drafts: dict[str, dict[Role, str]] = {}  # writer id -> its drafts
        self.writers: dict[str, Writer] = {}  # writer id -> who joined
        self.driver: tuple[str, Role] | None = None  # the identity that drives clock and phases
        self.backdate_default: dict[Role, float] = {}
        self.gaps: list[tuple[float, float]] = []  # (t, seconds not written)
        self.sleeps: list[tuple[float, float]] = []  # (t, seconds the machine slept)
        self.ended: bool = False
        self.ended_t: float | None = None
        self.last_t: float = 0.0
        self.last_at: str = ""
        self.notes: list[Note] = []
        self._note_index: dict[str, int] = {}
        # Ids of notes ever tagged `question` or `follow-up`, so the interviewer's queue is found without
        # scanning every note (the script panel asked for it each tick: 2.2% of a core idle at 10k notes).
        self._queue_candidates: dict[str, None] = {}
        # Phase id -> how many questions it has, from the playbook: a note's phase is checked with one
        # lookup, not a walk of the phases (a report folds 100,000 notes).
        self._questions_by_phase: dict[str, int] = {}
        # One copy of each phase id, writer id and tag the notes hold (the reader makes a new string for
        # every event's): 100,000 notes hold some 25 MB less.
        self._strings: _SharedStrings = _SharedStrings()
        # One tuple for each set of tags the notes hold, of shared strings: a tuple and its strings made
        # once, not once a note (a report's 100,000 notes hold some 6 MB less).
        self._tag_sets: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.marks: dict[str, frozenset[str]] = {}  # note id -> debrief marks
        self.problems: dict[str, Problem] = {}  # in the order they were made
        self.unknown_events: int = 0
        self.version: int = 0  # events applied so far: a screen redraws only when this or the second changes
        self.redaction_summary: str = ""  # on a redacted copy (export/redact.py): what was masked, for the export to say

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return vars(self) == vars(other)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in vars(self).items() if not name.startswith("_"))
        return f"{self.__class__.__qualname__}({shown})"

    def copy(self) -> SessionState:
        """An independent copy to fold further (notes are immutable, so containers are enough)."""
        copied = SessionState.__new__(SessionState)
        copied.__dict__.update(self.__dict__)
        copied.__dict__.update(
            participant=dict(self.participant),
            phase_spent_before_run=dict(self.phase_spent_before_run),
            extensions=dict(self.extensions),
            skipped_phases=set(self.skipped_phases),
            question_status=dict(self.question_status),
            last_asked=dict(self.last_asked),
            queue_status=dict(self.queue_status),
            checklist_done=set(self.checklist_done),
            drafts=dict(self.drafts),
            writer_drafts={writer: dict(drafts) for writer, drafts in self.writer_drafts.items()},
            writers=dict(self.writers),
            backdate_default=dict(self.backdate_default),
            gaps=list(self.gaps),
            sleeps=list(self.sleeps),
            notes=list(self.notes),
            _note_index=dict(self._note_index),
            _queue_candidates=dict(self._queue_candidates),
            marks=dict(self.marks),
            problems=dict(self.problems),
        )
        return copied

    # -- applying events ---------------------------------------------------------------------
    def apply(self, event: dict[str, Any]) -> None:
        kind = event["type"]
        t = float(event["t"])
        self.version += 1
        if t >= self.last_t:
            self.last_t = t
            self.last_at = event.get("at", self.last_at)
        handler = _HANDLERS.get(kind)
        if handler is None:
            self.unknown_events += 1
            return
        if self.ended and kind in _STEERING:
            return
        handler(self, event, t)

    def apply_all(self, events: Iterable[dict[str, Any]], on_malformed: Callable[[dict[str, Any], Exception], None]) -> None:
        """`apply` each event in turn; one it cannot apply (it raises one of MALFORMED_EVENT_ERRORS)
        goes to `on_malformed` instead. The state is the one `apply` makes (tested).

        For a whole log (a report folds 100,000 notes): a note takes a path of its own here, written
        out with the state's containers at hand, which does in order what `apply` and
        `_on_note_added` do, errors included (1,000 sessions x 100 notes: 4.1 -> 1.9 us an event)."""
        handlers = _HANDLERS
        notes, note_index, queue_candidates = self.notes, self._note_index, self._queue_candidates
        writers, drafts, writer_drafts = self.writers, self.drafts, self.writer_drafts
        strings, tag_sets = self._strings, self._tag_sets
        shared = strings.__getitem__
        draft = _NoteDraft
        # No handler reads these three: kept here while folding, in the state once done.
        version, last_t, last_at = self.version, self.last_t, self.last_at
        # What only other events' handlers change, read again after each of them (a note changes none).
        ended, since, before_run, questions_by_phase = self.ended, self.running_since, self.clock_before_run, self._questions_by_phase
        try:
            for event in events:
                try:
                    kind = event["type"]
                    t = event["t"]
                    if type(t) is not float:
                        t = float(t)  # float(t) is t for a float: one call less a note
                    version += 1
                    if t >= last_t:
                        last_t = t
                        last_at = event.get("at", last_at)
                    if kind != "note_added":
                        try:
                            handler = handlers.get(kind)
                            if handler is None:
                                self.unknown_events += 1
                            elif not (ended and kind in _STEERING):
                                handler(self, event, t)
                        finally:
                            ended, since, before_run = self.ended, self.running_since, self.clock_before_run
                            questions_by_phase = self._questions_by_phase
                        continue
                    # _on_note_added, step for step.
                    backdate = event.get("backdate") or 0.0
                    if type(backdate) is not float:
                        backdate = float(backdate)
                    role = event["role"]
                    try:
                        role = _ROLE_BY_VALUE[role]
                    except (KeyError, TypeError):
                        role = Role(role)
                    writer_id = event["writer"]
                    writer = writers.get(writer_id)
                    question = event.get("question")
                    phase_id = event["phase"]
                    questions = questions_by_phase.get(phase_id)
                    if questions is None or (question is not None and question >= questions):
                        self._known_phase(phase_id, question)
                    ran = t - since if since is not None else 0.0
                    elapsed = before_run + (0.0 if 0.0 > ran else ran)  # max(ran, 0.0), without the call
                    clock = elapsed - backdate
                    note = draft()
                    note.id = note_id = event["note"]; note.role = role; note.text = event["text"]  # noqa: E702
                    tags = event.get("tags")
                    if tags:
                        key = tuple(tags)
                        tags = tag_sets.get(key)
                        if tags is None:
                            tags = tag_sets[key] = tuple(map(shared, key))
                    else:
                        tags = ()
                    note.tags = tags; note.phase = strings[phase_id]  # noqa: E702
                    note.t = t; note.clock = 0.0 if 0.0 > clock else clock; note.at = event["at"]  # noqa: E702
                    note.writer = writer_id = strings[writer_id]; note.question = question; note.backdate = backdate  # noqa: E702
                    note.edited = False; note.deleted = False; note.author = writer.name if writer is not None else ""  # noqa: E702
                    note.late = True if event.get("late") else ended  # bool(late) or self.ended
                    note.__class__ = Note
                    if note_id in note_index:
                        continue  # the same note twice (a copied file under another writer id): counted once
                    note_index[note_id] = len(notes)
                    notes.append(note)
                    if QUESTION_TAG in tags or FOLLOW_UP_TAG in tags:
                        queue_candidates[note_id] = None
                    if drafts:
                        drafts.pop(role, None)
                    if writer_drafts:
                        pending = writer_drafts.get(writer_id)
                        if pending:
                            pending.pop(role, None)
                except MALFORMED_EVENT_ERRORS as error:
                    on_malformed(event, error)
        finally:
            self.version, self.last_t, self.last_at = version, last_t, last_at

    def _on_created(self, event: dict[str, Any], t: float) -> None:
        self.session_id = event["session_id"]
        self.playbook = stored_playbook(event["playbook"])
        # The first phase of an id wins, as Playbook.phase finds it.
        self._questions_by_phase = {phase.id: len(phase.questions) for phase in reversed(self.playbook.phases)}
        self.playbook_source = event.get("playbook_source", "")
        self.participant = dict(event.get("participant") or {})
        self.created_at = event["at"]

    def _on_resumed(self, event: dict[str, Any], t: float) -> None:
        self.gaps.append((t, float(event.get("gap", 0.0))))

    def _on_clock_started(self, event: dict[str, Any], t: float) -> None:
        if self.running_since is None:
            self.running_since = t
            self.clock_started = True

    def _on_clock_paused(self, event: dict[str, Any], t: float) -> None:
        self._close_run(t)

    def _on_phase_changed(self, event: dict[str, Any], t: float) -> None:
        left = event.get("from")
        if left is not None and left != self.phase.id:
            # Two drivers pressed next at once: the second left a phase already left. Ignoring it
            # keeps one press, one phase (never two skipped).
            return
        running = self.running_since is not None
        self._close_run(t)
        if event.get("reason") == "skip":
            self.skipped_phases.add(self.phase.id)
        self.phase_index = self._require_playbook().phase_index(event["phase"])
        if running:
            self.running_since = t

    def _known_phase(self, phase_id: str, question: int | None = None) -> str:
        """`phase_id` if the playbook has it (and the question, if one is named); KeyError if not,
        so an event naming what the session never had is reported instead of reaching a screen."""
        phase = self._require_playbook().phase(phase_id)
        if question is not None and question >= len(phase.questions):
            raise KeyError(f"{phase_id} question {question}")
        return phase_id

    def _on_time_extended(self, event: dict[str, Any], t: float) -> None:
        phase_id = self._known_phase(event["phase"])
        self.extensions[phase_id] = self.extensions.get(phase_id, 0.0) + float(event["seconds"])

    def _on_note_added(self, event: dict[str, Any], t: float) -> None:
        # apply_all does the same, written out in its loop: change both (a test compares them).
        backdate = float(event.get("backdate") or 0.0)
        role = _role(event["role"])
        writer = self.writers.get(event["writer"])
        question = event.get("question")
        questions = self._questions_by_phase.get(event["phase"])
        if questions is None or (question is not None and question >= questions):
            self._known_phase(event["phase"], question)  # raises what a malformed event reports
        since = self.running_since  # clock_elapsed(t), inlined: this runs for every note of a report
        elapsed = self.clock_before_run + (max(t - since, 0.0) if since is not None else 0.0)
        note = _new_note(
            event["note"],
            role,
            event["text"],
            self._shared_tags(event.get("tags")),
            self._strings[event["phase"]],
            t,
            max(elapsed - backdate, 0.0),
            event["at"],
            self._strings[event["writer"]],
            question,
            backdate,
            writer.name if writer is not None else "",
            bool(event.get("late")) or self.ended,
        )
        note_index = self._note_index
        if note.id in note_index:
            return  # the same note twice (a copied file under another writer id): counted once
        note_index[note.id] = len(self.notes)
        self.notes.append(note)
        self._track_queue(note.id, note.tags)
        if self.drafts:
            self.drafts.pop(role, None)
        writer_drafts = self.writer_drafts.get(note.writer)
        if writer_drafts:
            writer_drafts.pop(role, None)

    def _shared_tags(self, tags: Any) -> tuple[str, ...]:
        """A note's tags as the notes share them (what `tuple(tags)` holds, its strings shared)."""
        if not tags:
            return ()
        key = tuple(tags)
        shared = self._tag_sets.get(key)
        if shared is None:
            shared = self._tag_sets[key] = tuple(map(self._strings.__getitem__, key))
        return shared

    def _track_queue(self, note_id: str, tags: tuple[str, ...]) -> None:
        if QUESTION_TAG in tags or FOLLOW_UP_TAG in tags:
            self._queue_candidates[note_id] = None

    def _queue_notes(self) -> list[Note]:
        """Live notes that are (or were) tagged for the queue, in log order."""
        indexes = sorted(self._note_index[n] for n in self._queue_candidates if n in self._note_index)
        return [note for note in (self.notes[i] for i in indexes) if not note.deleted]

    def _replace_note(self, note_id: str, **changes: Any) -> None:
        index = self._note_index.get(note_id)
        if index is not None:
            self.notes[index] = replace(self.notes[index], **changes)

    def _on_note_edited(self, event: dict[str, Any], t: float) -> None:
        tags = tuple(event.get("tags") or ())
        self._replace_note(event["note"], text=event["text"], tags=tags, edited=True)
        self._track_queue(event["note"], tags)

    def _on_note_tagged(self, event: dict[str, Any], t: float) -> None:
        note = self.note(event["note"])
        if note is not None and event["tag"] not in note.tags:
            self._replace_note(note.id, tags=(*note.tags, event["tag"]))
            self._track_queue(note.id, (event["tag"],))

    def _on_note_deleted(self, event: dict[str, Any], t: float) -> None:
        self._replace_note(event["note"], deleted=True)

    def _on_draft_saved(self, event: dict[str, Any], t: float) -> None:
        role = Role(event["role"])
        drafts = self.writer_drafts.setdefault(event["writer"], {})
        if event.get("text"):
            self.drafts[role] = event["text"]
            drafts[role] = event["text"]
        else:
            self.drafts.pop(role, None)
            drafts.pop(role, None)

    def _on_question_marked(self, event: dict[str, Any], t: float) -> None:
        key = (self._known_phase(event["phase"], event["question"]), int(event["question"]))
        status = QuestionStatus(event["status"])
        self.question_status[key] = status
        if status == QuestionStatus.ASKED:
            self.last_asked[event["phase"]] = key[1]
        elif self.last_asked.get(event["phase"]) == key[1]:
            del self.last_asked[event["phase"]]

    def _on_checklist_ticked(self, event: dict[str, Any], t: float) -> None:
        key = (str(event["phase"]), int(event["item"]))
        if event.get("done", True):
            self.checklist_done.add(key)
        else:
            self.checklist_done.discard(key)

    def next_checklist_item(self) -> int | None:
        """The first item of this phase's checklist not ticked yet."""
        phase = self.phase
        return next((index for index in range(len(phase.checklist)) if (phase.id, index) not in self.checklist_done), None)

    def _on_queue_item_marked(self, event: dict[str, Any], t: float) -> None:
        self.queue_status[event["note"]] = event["status"]

    def _on_consent(self, event: dict[str, Any], t: float) -> None:
        self.consent = Consent(event["consent"])

    def _on_recording_started(self, event: dict[str, Any], t: float) -> None:
        self.recording_started_t = t

    def _on_backdate_default(self, event: dict[str, Any], t: float) -> None:
        self.backdate_default[Role(event["role"])] = float(event["seconds"])

    def _on_sleep(self, event: dict[str, Any], t: float) -> None:
        self.sleeps.append((t, float(event.get("wall_gap", 0.0))))

    def _on_ended(self, event: dict[str, Any], t: float) -> None:
        self._close_run(t)
        self.ended = True
        self.ended_t = t

    def _on_writer_joined(self, event: dict[str, Any], t: float) -> None:
        writer = Writer(
            id=event["writer"],
            name=str(event.get("name") or ""),
            role=Role(event["role"]),
            host=str(event.get("host") or ""),
            pid=int(event.get("pid") or 0),
            joined_t=t,
        )
        self.writers[writer.id] = writer
        if self.driver is None and writer.role == Role.INTERVIEWER:
            self.driver = writer.identity  # the interviewer drives unless driving is handed over

    def _on_writer_left(self, event: dict[str, Any], t: float) -> None:
        writer = self.writers.get(event["writer"])
        if writer is not None:
            self.writers[writer.id] = replace(writer, left_t=t)

    def _on_driving_handed_over(self, event: dict[str, Any], t: float) -> None:
        self.driver = (str(event["name"]), Role(event["role"]))

    def _on_note_marked(self, event: dict[str, Any], t: float) -> None:
        marks = set(self.marks.get(event["note"], ()))
        if event.get("on", True):
            marks.add(event["mark"])
        else:
            marks.discard(event["mark"])
        self.marks[event["note"]] = frozenset(marks)

    def _on_problem_created(self, event: dict[str, Any], t: float) -> None:
        self.problems[event["problem"]] = Problem(event["problem"], event["title"])

    def _on_problem_edited(self, event: dict[str, Any], t: float) -> None:
        problem = self.problems[event["problem"]]
        self.problems[problem.id] = replace(problem, title=event["title"], whys=tuple(event.get("whys") or ()))

    def _on_note_grouped(self, event: dict[str, Any], t: float) -> None:
        note_id, target = event["note"], event.get("problem")
        for problem in list(self.problems.values()):
            if note_id in problem.notes and problem.id != target:
                self.problems[problem.id] = replace(problem, notes=tuple(n for n in problem.notes if n != note_id))
        if target is not None:
            problem = self.problems[target]
            if note_id not in problem.notes:
                self.problems[target] = replace(problem, notes=(*problem.notes, note_id))

    # -- the team -----------------------------------------------------------------------------------
    def identity_of(self, writer_id: str) -> tuple[str, Role] | None:
        writer = self.writers.get(writer_id)
        return writer.identity if writer is not None else None

    def drives(self, writer_id: str) -> bool:
        """Whether this writer may move the clock and the phases. A session nobody joined (one
        laptop, or written before team sessions) is driven by whoever writes it."""
        return self.driver is None or self.identity_of(writer_id) == self.driver

    def draft_of(self, identity: tuple[str, Role], role: Role) -> str:
        """What this person was typing in a pane, from any of their writers (a rejoin after kill -9
        gets the killed process's draft back); never another person's draft."""
        draft = ""
        for writer_id, writer in self.writers.items():
            if writer.identity == identity and role in self.writer_drafts.get(writer_id, {}):
                draft = self.writer_drafts[writer_id][role]
        return draft

    @property
    def is_team(self) -> bool:
        """More than one person wrote the session: screens and exports say who wrote each note."""
        return len({writer.identity for writer in self.writers.values()}) > 1

    def byline(self, note: Note) -> str:
        """`Bo (scribe)` in a team session; empty when one person wrote it all."""
        if not self.is_team or not note.author:
            return ""
        return _("{name} ({role})").format(name=note.author, role=role_title(note.role).lower())

    def may_change(self, note: Note, writer_id: str) -> bool:
        """A note is edited or deleted by the person who wrote it (in any of their processes)."""
        if note.writer == writer_id:
            return True
        mine, theirs = self.identity_of(writer_id), self.identity_of(note.writer)
        if theirs is None:
            return True  # written before team sessions, or on one laptop by one typist
        return mine == theirs

    def problem_of(self, note_id: str) -> Problem | None:
        return next((p for p in self.problems.values() if note_id in p.notes), None)

    def _close_run(self, t: float) -> None:
        if self.running_since is None:
            return
        ran = max(t - self.running_since, 0.0)
        self.clock_before_run += ran
        phase_id = self.phase.id
        self.phase_spent_before_run[phase_id] = self.phase_spent_before_run.get(phase_id, 0.0) + ran
        self.running_since = None

    def _require_playbook(self) -> Playbook:
        if self.playbook is None:
            raise ValueError("session log has no session_created event")
        return self.playbook

    # -- reading the clock at `now` ------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.running_since is not None

    @property
    def phase(self) -> Phase:
        return self._require_playbook().phases[self.phase_index]

    def _current_run(self, now: float) -> float:
        return max(now - self.running_since, 0.0) if self.running_since is not None else 0.0

    def clock_elapsed(self, now: float) -> float:
        """Interview-clock seconds: time the clock has been running, pauses excluded."""
        return self.clock_before_run + self._current_run(now)

    def phase_planned(self, phase_id: str) -> float:
        """A phase's planned seconds, with the minutes added to it."""
        return self._require_playbook().phase(phase_id).seconds + self.extensions.get(phase_id, 0.0)

    def phase_spent(self, phase_id: str, now: float) -> float:
        spent = self.phase_spent_before_run.get(phase_id, 0.0)
        if phase_id == self.phase.id:
            spent += self._current_run(now)
        return spent

    def phase_remaining(self, now: float) -> float:
        """Seconds left in the current phase; negative in overtime."""
        return self.phase_planned(self.phase.id) - self.phase_spent(self.phase.id, now)

    def pace(self, now: float) -> Pace:
        remaining = self.phase_remaining(now)
        planned = self.phase_planned(self.phase.id)
        if remaining < 0:
            return Pace.OVERTIME
        if remaining <= planned * ALERT_FRACTION:
            return Pace.ALERT
        if remaining <= planned * WARNING_FRACTION:
            return Pace.WARNING
        return Pace.CALM

    def session_planned(self) -> float:
        playbook = self._require_playbook()
        return playbook.planned_minutes * 60 + sum(self.extensions.values())

    def session_remaining(self, now: float) -> float:
        """Planned interview seconds minus the interview clock; negative past the planned end."""
        return self.session_planned() - self.clock_elapsed(now)

    def shrink_needed(self, now: float) -> ShrinkNeeded | None:
        """How much the phases after this one must shrink for the session to end on time, if at all."""
        playbook = self._require_playbook()
        later = playbook.phases[self.phase_index + 1 :]
        remaining_planned = sum(self.phase_planned(p.id) for p in later)
        if not later or remaining_planned <= 0:
            return None
        available = self.session_remaining(now) - max(self.phase_remaining(now), 0.0)
        shortfall = remaining_planned - available
        if shortfall < 1.0:
            return None
        return ShrinkNeeded(shortfall, min(shortfall / remaining_planned, 1.0), remaining_planned)

    # -- the script ---------------------------------------------------------------------------------
    def question_state(self, phase_id: str, index: int) -> QuestionStatus:
        return self.question_status.get((phase_id, index), QuestionStatus.OPEN)

    def next_open_question(self, phase_id: str) -> int | None:
        questions = self._require_playbook().phase(phase_id).questions
        for index in range(len(questions)):
            if self.question_state(phase_id, index) == QuestionStatus.OPEN:
                return index
        return None

    def current_question(self, phase_id: str) -> int | None:
        """The question being talked about: the one last marked asked in the phase."""
        return self.last_asked.get(phase_id)

    # -- notes ----------------------------------------------------------------------------------------
    def note(self, note_id: str) -> Note | None:
        index = self._note_index.get(note_id)
        return self.notes[index] if index is not None else None

    def live_notes(self) -> list[Note]:
        return [note for note in self.notes if not note.deleted]

    def notes_by_role(self, role: Role) -> list[Note]:
        return [note for note in self.notes if note.role == role and not note.deleted]

    def last_note(self, role: Role) -> Note | None:
        for note in reversed(self.notes):
            if note.role == role and not note.deleted:
                return note
        return None

    def recording_time(self, note: Note) -> float | None:
        """Seconds into the recording of the moment a note describes, if a recording was marked."""
        if self.recording_started_t is None:
            return None
        offset = note.moment_t - self.recording_started_t
        return offset if offset >= 0 else None

    def observer_questions(self) -> list[Note]:
        """Questions the observer queued for the observer phase (a note tagged `question`)."""
        playbook = self._require_playbook()
        kinds = {phase.id: phase_kind(phase) for phase in playbook.phases}
        return [
            note
            for note in self._queue_notes()
            if note.role == Role.OBSERVER and QUESTION_TAG in note.tags and kinds.get(note.phase) != "turn-the-tables"
        ]

    def customer_questions(self) -> list[Note]:
        """In turn-the-tables the customer asks: notes tagged `question` there are theirs."""
        playbook = self._require_playbook()
        kinds = {phase.id: phase_kind(phase) for phase in playbook.phases}
        return [note for note in self._queue_notes() if QUESTION_TAG in note.tags and kinds.get(note.phase) == "turn-the-tables"]

    def follow_ups(self) -> list[Note]:
        return [note for note in self._queue_notes() if FOLLOW_UP_TAG in note.tags]

    def open_items(self, notes: list[Note]) -> list[Note]:
        return [note for note in notes if self.queue_status.get(note.id, "open") == "open"]

    def queue_for_phase(self) -> tuple[str, list[Note]] | None:
        """What comes back to the interviewer in this phase (its title marked for the catalog): the observer's questions in the observer
        phase, the follow-ups at wrap-up, the customer's own questions in turn-the-tables."""
        kind = phase_kind(self.phase)
        if kind == "observer":
            return N_("Observer's questions"), self.observer_questions()
        if kind == "wrap-up":
            return N_("Follow-ups"), self.follow_ups()
        if kind == "turn-the-tables":
            return N_("The customer's questions"), self.customer_questions()
        return None

    def next_interviewer_item(self) -> tuple[str, int | str] | None:
        """The highlighted item F4/F9 act on: the next open scripted question, then the queue."""
        index = self.next_open_question(self.phase.id)
        if index is not None:
            return ("question", index)
        queue = self.queue_for_phase()
        if queue is not None:
            for note in self.open_items(queue[1]):
                return ("queue", note.id)
        return None


# Keyed by plain strings, the type as the log spells it: a lookup compares str with str.
_HANDLERS = {str(kind): handler for kind, handler in {
    EventType.SESSION_CREATED: SessionState._on_created,
    EventType.SESSION_RESUMED: SessionState._on_resumed,
    EventType.CLOCK_STARTED: SessionState._on_clock_started,
    EventType.CLOCK_PAUSED: SessionState._on_clock_paused,
    EventType.PHASE_CHANGED: SessionState._on_phase_changed,
    EventType.TIME_EXTENDED: SessionState._on_time_extended,
    EventType.NOTE_ADDED: SessionState._on_note_added,
    EventType.NOTE_EDITED: SessionState._on_note_edited,
    EventType.NOTE_TAGGED: SessionState._on_note_tagged,
    EventType.NOTE_DELETED: SessionState._on_note_deleted,
    EventType.DRAFT_SAVED: SessionState._on_draft_saved,
    EventType.QUESTION_MARKED: SessionState._on_question_marked,
    EventType.QUEUE_ITEM_MARKED: SessionState._on_queue_item_marked,
    EventType.CHECKLIST_TICKED: SessionState._on_checklist_ticked,
    EventType.CONSENT_RECORDED: SessionState._on_consent,
    EventType.RECORDING_STARTED: SessionState._on_recording_started,
    EventType.BACKDATE_DEFAULT_SET: SessionState._on_backdate_default,
    EventType.SLEEP_DETECTED: SessionState._on_sleep,
    EventType.SESSION_ENDED: SessionState._on_ended,
    EventType.WRITER_JOINED: SessionState._on_writer_joined,
    EventType.WRITER_LEFT: SessionState._on_writer_left,
    EventType.DRIVING_HANDED_OVER: SessionState._on_driving_handed_over,
    EventType.NOTE_MARKED: SessionState._on_note_marked,
    EventType.PROBLEM_CREATED: SessionState._on_problem_created,
    EventType.PROBLEM_EDITED: SessionState._on_problem_edited,
    EventType.NOTE_GROUPED: SessionState._on_note_grouped,
}.items()}


def fold(events: list[dict[str, Any]]) -> SessionState:
    state = SessionState()
    for event in events:
        state.apply(event)
    return state
