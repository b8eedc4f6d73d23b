"""The events of a session log, format version 1 (documented in docs/session-format.md).

On disk an event is one JSON object per line. Every event has `seq`, `type`, `t` (seconds since
the session started, from a monotonic clock), `at` (wall time, ISO 8601 with offset) and `writer`;
the other keys depend on the type.
"""

from __future__ import annotations

from enum import StrEnum

from interview_tui.i18n import N_, _

FORMAT_NAME = "interview-tui-session"
FORMAT_VERSION = 1


class Role(StrEnum):
    INTERVIEWER = "interviewer"
    SCRIBE = "scribe"
    OBSERVER = "observer"


ROLES: tuple[Role, ...] = (Role.INTERVIEWER, Role.SCRIBE, Role.OBSERVER)
# The log and the CSV/JSON exports keep the English values; people read these (ko: 진행자, 기록자, 관찰자).
ROLE_TITLES = {Role.INTERVIEWER: N_("Interviewer"), Role.SCRIBE: N_("Scribe"), Role.OBSERVER: N_("Observer")}


def role_title(role: str) -> str:
    return _(ROLE_TITLES[Role(role)]) if role in ROLE_TITLES else role


class EventType:
    """The types of event, as the log holds them: plain strings in a namespace. Not an Enum: nothing
    converts to or from these, and a 26-member StrEnum cost 2.9M instructions of every start."""

    SESSION_CREATED = "session_created"  # session_id, playbook, playbook_source, participant
    SESSION_RESUMED = "session_resumed"  # gap: seconds the session was not being written
    CLOCK_STARTED = "clock_started"
    CLOCK_PAUSED = "clock_paused"
    PHASE_CHANGED = "phase_changed"  # phase, reason: next | previous | skip, from (the phase left)
    TIME_EXTENDED = "time_extended"  # phase, seconds
    NOTE_ADDED = "note_added"  # note, role, text, tags, phase, question, backdate[, late]
    NOTE_EDITED = "note_edited"  # note, text, tags
    NOTE_TAGGED = "note_tagged"  # note, tag
    NOTE_DELETED = "note_deleted"  # note
    DRAFT_SAVED = "draft_saved"  # role, text
    QUESTION_MARKED = "question_marked"  # phase, question (index), status: asked | skipped | open
    QUEUE_ITEM_MARKED = "queue_item_marked"  # note, status: asked | dismissed | open
    CHECKLIST_TICKED = "checklist_ticked"  # phase, item (index), done: bool
    CONSENT_RECORDED = "consent_recorded"  # consent: yes | no | not-asked
    RECORDING_STARTED = "recording_started"
    BACKDATE_DEFAULT_SET = "backdate_default_set"  # role, seconds
    SLEEP_DETECTED = "sleep_detected"  # wall_gap, monotonic_gap (seconds)
    SESSION_ENDED = "session_ended"
    # Team sessions: several processes write one session, each in its own role.
    WRITER_JOINED = "writer_joined"  # name, role, host, pid
    WRITER_LEFT = "writer_left"
    DRIVING_HANDED_OVER = "driving_handed_over"  # name, role: who drives the clock and phases now
    # The debrief, after the interview (allowed once the session has ended):
    NOTE_MARKED = "note_marked"  # note, mark: valuable | surprising | contradictory, on: bool
    PROBLEM_CREATED = "problem_created"  # problem (id), title
    PROBLEM_EDITED = "problem_edited"  # problem, title, whys (the 5-whys chain, in order)
    NOTE_GROUPED = "note_grouped"  # note, problem (id, or null to take it out of its problem)


# Every type, in the order above (docs/session-format.md documents each one).
EVENT_TYPES: tuple[str, ...] = tuple(value for name, value in vars(EventType).items() if name.isupper())


class Mark(StrEnum):
    VALUABLE = "valuable"
    SURPRISING = "surprising"
    CONTRADICTORY = "contradictory"


class QuestionStatus(StrEnum):
    OPEN = "open"
    ASKED = "asked"
    SKIPPED = "skipped"


class Consent(StrEnum):
    NOT_ASKED = "not-asked"
    YES = "yes"
    NO = "no"


CONSENT_LABELS = {Consent.NOT_ASKED: N_("not asked"), Consent.YES: N_("yes"), Consent.NO: N_("no")}
MARK_LABELS = {Mark.VALUABLE: N_("valuable"), Mark.SURPRISING: N_("surprising"), Mark.CONTRADICTORY: N_("contradictory")}


def mark_label(mark: str) -> str:
    return _(MARK_LABELS[Mark(mark)]) if mark in MARK_LABELS else mark


# Tags with a meaning in the live session (the default tag set has them; a playbook may too).
QUESTION_TAG = "question"
FOLLOW_UP_TAG = "follow-up"

