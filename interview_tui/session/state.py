"""The fold: a session's state is its events applied in order. Clock readings take `now` (session t).

Everything a screen, an export or a report shows comes from here, so live, resume and replay agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from interview_tui.i18n import N_
from interview_tui.playbook.model import Phase, Playbook, phase_kind, stored_playbook
from interview_tui.session.events import (
    FOLLOW_UP_TAG,
    QUESTION_TAG,
    Consent,
    EventType,
    QuestionStatus,
    Role,
)

# Facilitation-timer thresholds: warn at 20% of the phase left, alert at 5% and in overtime.
WARNING_FRACTION = 0.20
ALERT_FRACTION = 0.05


class Pace(StrEnum):
    CALM = "calm"
    WARNING = "warning"
    ALERT = "alert"
    OVERTIME = "overtime"


@dataclass(frozen=True)
class Note:
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

    @property
    def moment_t(self) -> float:
        """Session time of the moment the note describes."""
        return self.t - self.backdate


@dataclass(frozen=True)
class Problem:
    """A problem found in the debrief: notes grouped under a title, and its 5-whys chain."""

    id: str
    title: str
    whys: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # note ids


@dataclass(frozen=True)
class ShrinkNeeded:
    """When phases overrun: how much the phases still to come must shrink to end on time."""

    seconds: float
    fraction: float  # of the remaining phases' planned time
    remaining_planned: float


@dataclass
class SessionState:
    session_id: str = ""
    playbook: Playbook | None = None
    playbook_source: str = ""
    participant: dict[str, Any] = field(default_factory=dict)
    created_at: str = ""
    phase_index: int = 0
    clock_started: bool = False
    running_since: float | None = None  # session t at which the clock last started running
    clock_before_run: float = 0.0  # interview-clock seconds accumulated before the current run
    phase_spent_before_run: dict[str, float] = field(default_factory=dict)
    extensions: dict[str, float] = field(default_factory=dict)  # phase id -> extra seconds
    skipped_phases: set[str] = field(default_factory=set)
    question_status: dict[tuple[str, int], QuestionStatus] = field(default_factory=dict)
    last_asked: dict[str, int] = field(default_factory=dict)  # phase id -> index last marked asked
    queue_status: dict[str, str] = field(default_factory=dict)  # note id -> asked | done | open
    consent: Consent = Consent.NOT_ASKED
    recording_started_t: float | None = None
    drafts: dict[Role, str] = field(default_factory=dict)
    backdate_default: dict[Role, float] = field(default_factory=dict)
    gaps: list[tuple[float, float]] = field(default_factory=list)  # (t, seconds not written)
    sleeps: list[tuple[float, float]] = field(default_factory=list)  # (t, seconds the machine slept)
    ended: bool = False
    ended_t: float | None = None
    last_t: float = 0.0
    last_at: str = ""
    notes: list[Note] = field(default_factory=list)
    _note_index: dict[str, int] = field(default_factory=dict, repr=False)
    marks: dict[str, frozenset[str]] = field(default_factory=dict)  # note id -> debrief marks
    problems: dict[str, Problem] = field(default_factory=dict)  # in the order they were made
    unknown_events: int = 0
    version: int = 0  # events applied so far: a screen redraws only when this or the second changes
    redaction_summary: str = ""  # on a redacted copy (export/redact.py): what was masked, for the export to say

    def copy(self) -> SessionState:
        """An independent copy to fold further (notes are immutable, so containers are enough)."""
        return replace(
            self,
            participant=dict(self.participant),
            phase_spent_before_run=dict(self.phase_spent_before_run),
            extensions=dict(self.extensions),
            skipped_phases=set(self.skipped_phases),
            question_status=dict(self.question_status),
            last_asked=dict(self.last_asked),
            queue_status=dict(self.queue_status),
            drafts=dict(self.drafts),
            backdate_default=dict(self.backdate_default),
            gaps=list(self.gaps),
            sleeps=list(self.sleeps),
            notes=list(self.notes),
            _note_index=dict(self._note_index),
            marks=dict(self.marks),
            problems=dict(self.problems),
        )

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
        handler(self, event, t)

    def _on_created(self, event: dict[str, Any], t: float) -> None:
        self.session_id = event["session_id"]
        self.playbook = stored_playbook(event["playbook"])
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
        backdate = float(event.get("backdate") or 0.0)
        role = Role(event["role"])
        self._known_phase(event["phase"], event.get("question"))
        note = Note(
            id=event["note"],
            role=role,
            text=event["text"],
            tags=tuple(event.get("tags") or ()),
            phase=event["phase"],
            t=t,
            clock=max(self.clock_elapsed(t) - backdate, 0.0),
            at=event["at"],
            writer=event["writer"],
            question=event.get("question"),
            backdate=backdate,
        )
        self._note_index[note.id] = len(self.notes)
        self.notes.append(note)
        self.drafts.pop(role, None)

    def _replace_note(self, note_id: str, **changes: Any) -> None:
        index = self._note_index.get(note_id)
        if index is not None:
            self.notes[index] = replace(self.notes[index], **changes)

    def _on_note_edited(self, event: dict[str, Any], t: float) -> None:
        self._replace_note(event["note"], text=event["text"], tags=tuple(event.get("tags") or ()), edited=True)

    def _on_note_tagged(self, event: dict[str, Any], t: float) -> None:
        note = self.note(event["note"])
        if note is not None and event["tag"] not in note.tags:
            self._replace_note(note.id, tags=(*note.tags, event["tag"]))

    def _on_note_deleted(self, event: dict[str, Any], t: float) -> None:
        self._replace_note(event["note"], deleted=True)

    def _on_draft_saved(self, event: dict[str, Any], t: float) -> None:
        role = Role(event["role"])
        if event.get("text"):
            self.drafts[role] = event["text"]
        else:
            self.drafts.pop(role, None)

    def _on_question_marked(self, event: dict[str, Any], t: float) -> None:
        key = (self._known_phase(event["phase"], event["question"]), int(event["question"]))
        status = QuestionStatus(event["status"])
        self.question_status[key] = status
        if status == QuestionStatus.ASKED:
            self.last_asked[event["phase"]] = key[1]
        elif self.last_asked.get(event["phase"]) == key[1]:
            del self.last_asked[event["phase"]]

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
            for note in self.live_notes()
            if note.role == Role.OBSERVER and QUESTION_TAG in note.tags and kinds.get(note.phase) != "turn-the-tables"
        ]

    def customer_questions(self) -> list[Note]:
        """In turn-the-tables the customer asks: notes tagged `question` there are theirs."""
        playbook = self._require_playbook()
        kinds = {phase.id: phase_kind(phase) for phase in playbook.phases}
        return [note for note in self.live_notes() if QUESTION_TAG in note.tags and kinds.get(note.phase) == "turn-the-tables"]

    def follow_ups(self) -> list[Note]:
        return [note for note in self.live_notes() if FOLLOW_UP_TAG in note.tags]

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


_HANDLERS = {
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
    EventType.CONSENT_RECORDED: SessionState._on_consent,
    EventType.RECORDING_STARTED: SessionState._on_recording_started,
    EventType.BACKDATE_DEFAULT_SET: SessionState._on_backdate_default,
    EventType.SLEEP_DETECTED: SessionState._on_sleep,
    EventType.SESSION_ENDED: SessionState._on_ended,
    EventType.NOTE_MARKED: SessionState._on_note_marked,
    EventType.PROBLEM_CREATED: SessionState._on_problem_created,
    EventType.PROBLEM_EDITED: SessionState._on_problem_edited,
    EventType.NOTE_GROUPED: SessionState._on_note_grouped,
}


def fold(events: list[dict[str, Any]]) -> SessionState:
    state = SessionState()
    for event in events:
        state.apply(event)
    return state
