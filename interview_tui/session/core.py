"""The session core: commands in, events out, each event appended to this process's log file.

The core is pure but for its two collaborators, both passed in: the clock and the log writer.
An event is applied to the state when it is made, and queued for the disk; `is_saved` says whether
it is on disk yet. When a write fails (a full disk), the event stays queued, later events queue
behind it in order, and `flush` retries: nothing is lost once the disk is back, and the screen can
show what is not saved yet.
"""

from __future__ import annotations

import errno
import os
from collections import deque
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interview_tui.i18n import _
from interview_tui.playbook.model import Playbook, remember_stored_playbook
from interview_tui.session.clock import Clock, SystemClock, iso
from interview_tui.session.events import (
    FOLLOW_UP_TAG,
    QUESTION_TAG,
    FORMAT_NAME,
    FORMAT_VERSION,
    Consent,
    EventType,
    Mark,
    QuestionStatus,
    Role,
)
from interview_tui.session.folder import new_session_id, new_writer_id
from interview_tui.session.log import FOLDER_MODE, LogWriter, ReadProblem, SessionLog, make_private_dir, read_session_log
from interview_tui.session.state import Note, SessionState
from interview_tui.session.team import HEARTBEAT_SECONDS, LiveFold, this_host, touch
from interview_tui.usertext import parse_tags

if TYPE_CHECKING:
    from interview_tui.session.tail import SessionTail

# The wall clock moving this much more than the monotonic clock between two ticks means the
# machine slept (a closed laptop lid): ticks come 4 times a second, so 5 s is no scheduling hiccup.
SLEEP_THRESHOLD_SECONDS = 5.0
BACKDATE_STEP_SECONDS = 10.0
# The longest note the app takes: 64 Ki characters. A scribe typing fast (100 words a minute, about
# 600 characters) for a whole 90-minute interview writes about 54,000 characters in all; one note
# past this limit is a pasted transcript or a mistake, and would cost every screen and export that
# shows it. A session written before the limit is still read whole (the screens show its start).
MAX_NOTE_CHARACTERS = 64 * 1024


class NoteTooLong(ValueError):
    """A note (or an edit) over MAX_NOTE_CHARACTERS: not saved; the text stays where it was typed."""

    def __init__(self, length: int) -> None:
        self.length = length
        super().__init__(
            _("This note has {length} characters; a note holds at most {limit}. Split it, or keep long texts in a file.").format(
                length=f"{length:,}", limit=f"{MAX_NOTE_CHARACTERS:,}"
            )
        )


_NOTE_ONLY = frozenset({"note_added", "note_edited", "draft_saved"})


class SessionEnded(Exception):
    """The session was ended; it can be replayed and exported, not resumed."""


def default_name() -> str:
    """Who this process's user is, for the header and the exports' who-wrote (`--name` overrides)."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class Session:
    """A session being written by this process."""

    def __init__(self, folder: Path, state: SessionState, writer: LogWriter, clock: Clock, t0: float) -> None:
        self.folder = folder
        self.state = state
        self.writer = writer
        self.clock = clock
        self._t0 = t0  # session t when this writer opened
        self._monotonic_at_open = clock.monotonic()
        self._seq = 0
        self.pending: deque[dict[str, Any]] = deque()
        self.write_error: OSError | None = None
        self._last_tick = (clock.monotonic(), clock.wall())
        self.read_problems: list[ReadProblem] = []  # lines a resumed log could not use
        # A team member (name, role) follows the other writers' files; None: a one-process session.
        self.member: tuple[str, Role] | None = None
        self.live: LiveFold | None = None
        self.tail: SessionTail | None = None  # made at the first poll_others (see _start_following)
        self._header_t0 = t0
        self._last_heartbeat = clock.monotonic()
        self.merged_only_notes = False  # the last poll_others brought notes and drafts only

    @classmethod
    def create(
        cls,
        root: Path,
        playbook: Playbook,
        *,
        playbook_source: str = "",
        participant: dict[str, Any] | None = None,
        clock: Clock | None = None,
        session_id: str | None = None,
        writer_id: str | None = None,
        member: tuple[str, Role] | None = None,
    ) -> Session:
        """Start a new session folder under `root`. Fixed ids are for reproducible samples and tests.
        With `member` (name, role) others can join it: this process says who it is and follows them."""
        clock = clock or SystemClock()
        folder = _new_session_folder(root, session_id, clock)
        session_id = folder.name
        writer = LogWriter(folder, writer_id or new_writer_id())
        writer.open(_header(session_id, writer.writer_id, clock, t0=0.0))
        session = cls(folder, SessionState(), writer, clock, t0=0.0)
        if member is not None:
            session._start_following(None, member)
        stored = playbook.to_data()
        remember_stored_playbook(stored, playbook)
        session._record(
            EventType.SESSION_CREATED,
            session_id=session_id,
            playbook=stored,
            playbook_source=playbook_source,
            participant=participant or {},
        )
        if member is not None:
            session._say_joined()
        return session

    @classmethod
    def resume(
        cls,
        folder: Path,
        *,
        clock: Clock | None = None,
        debrief: bool = False,
        writer_id: str | None = None,
        member: tuple[str, Role] | None = None,
    ) -> Session:
        """Go on writing an unfinished session, in a new log file of this process's own.

        Session time goes on from the last event plus the wall-clock time the session was not
        written, so the time the app was down shows as a gap, and a clock that was running kept
        running: the interview went on in the room.
        """
        clock = clock or SystemClock()
        session, log, gap = cls._go_on_writing(
            folder, clock, writer_id, allow_ended=debrief,
            no_playbook=_("{folder}: the log has no session_created event; it cannot be resumed").format(folder=folder),
        )
        state = session.state
        if not state.ended:
            if member is not None:
                session._start_following(log, member)
            session._record(EventType.SESSION_RESUMED, gap=round(gap, 3))
            if member is not None:
                session._say_joined()
        return session

    @classmethod
    def join(cls, folder: Path, member: tuple[str, Role], *, clock: Clock | None = None, writer_id: str | None = None) -> Session:
        """Join a session another process is running: a file of this process's own, the others
        followed live.

        Time alignment: this writer's session time starts at the newest event's `t` plus the wall
        time since that event's `at` (docs/session-format.md, "Team sessions"): on one machine, or
        over SSH to it, that is exact; a laptop whose wall clock is off by a few seconds places its
        events that many seconds off, never before what it has already seen.
        """
        clock = clock or SystemClock()
        session, log, _gap = cls._go_on_writing(
            folder, clock, writer_id,
            no_playbook=_("{folder}: the log has no session_created event; it cannot be joined").format(folder=folder),
        )
        session._start_following(log, member)
        session._say_joined()
        return session

    @classmethod
    def _go_on_writing(
        cls, folder: Path, clock: Clock, writer_id: str | None, *, no_playbook: str, allow_ended: bool = False
    ) -> tuple[Session, SessionLog, float]:
        """Read a session to write more of it, in a new log file of this process's own (resume and
        join). Its time goes on from the newest event plus the wall time since that event's `at`:
        the time nobody wrote it. Returns the session, the log it was read from, and that gap."""
        log = read_session_log(folder)
        from interview_tui.session.load import fold_log  # not on a new session's start

        state = fold_log(log)  # a malformed event is reported in log.problems, not raised
        if state.playbook is None:
            raise SessionEnded(no_playbook)
        if state.ended and not allow_ended:
            raise SessionEnded(
                _("session {session} was ended; `interview export {session}` or `interview replay {session}` show it").format(
                    session=state.session_id)
            )
        gap = 0.0
        try:
            gap = max((clock.wall() - datetime.fromisoformat(state.last_at)).total_seconds(), 0.0)
        except (TypeError, ValueError):
            pass  # a hand-edited `at`: go on without a gap rather than refuse the session
        t0 = state.last_t + gap
        writer = LogWriter(folder, writer_id or new_writer_id())
        writer.open(_header(state.session_id, writer.writer_id, clock, t0=round(t0, 3)))
        session = cls(folder, state, writer, clock, t0=t0)
        session._header_t0 = round(t0, 3)
        session.read_problems = list(log.problems)
        return session, log, gap

    def _start_following(self, log: SessionLog | None, member: tuple[str, Role]) -> None:
        """Become a team member: fold every writer's events, merged by time, and follow their files."""
        self.member = member
        events = log.events if log is not None else []
        if log is not None:
            t0_of = {log_file.path.name: log_file.header.get("t0", 0.0) for log_file in log.files}
            for event in events:
                t0 = t0_of.get(event.get("_file", ""), 0.0)
                event["_t0"] = float(t0) if isinstance(t0, (int, float)) else 0.0
        self.live = LiveFold(events, on_malformed=lambda event, error: self._report_malformed(log, event, error))
        self.state = self.live.state
        # The tail, and its module, wait for the first poll_others: most sessions are run alone.

    def _say_joined(self) -> None:
        assert self.member is not None
        name, role = self.member
        self._record(EventType.WRITER_JOINED, name=name, role=str(role), host=this_host(), pid=os.getpid())

    def _report_malformed(self, log: SessionLog | None, event: dict[str, Any], error: Exception) -> None:
        if log is None:
            log = SessionLog(folder=self.folder, files=[], events=[])
        before = len(log.problems)
        from interview_tui.session.load import report_malformed

        report_malformed(log, event, error)
        self.read_problems.extend(log.problems[before:])

    # -- time ------------------------------------------------------------------------------------
    def now(self) -> float:
        """Session time: seconds since the session started, from the monotonic clock."""
        return self._t0 + (self.clock.monotonic() - self._monotonic_at_open)

    @property
    def id(self) -> str:
        return self.state.session_id

    @property
    def playbook(self) -> Playbook:
        assert self.state.playbook is not None
        return self.state.playbook

    def tick(self) -> None:
        """Called a few times a second: notices a machine sleep, and retries unsaved events."""
        monotonic, wall = self.clock.monotonic(), self.clock.wall()
        last_monotonic, last_wall = self._last_tick
        self._last_tick = (monotonic, wall)
        wall_gap = (wall - last_wall).total_seconds()
        monotonic_gap = monotonic - last_monotonic
        if wall_gap - monotonic_gap > SLEEP_THRESHOLD_SECONDS:
            self._record(EventType.SLEEP_DETECTED, wall_gap=round(wall_gap, 3), monotonic_gap=round(monotonic_gap, 3))
        if self.pending:
            self.flush()
        self._heartbeat()

    # -- the clock and the phases --------------------------------------------------------------------
    def start_clock(self) -> dict[str, Any] | None:
        if self.state.running or self.state.ended or not self.drives:
            return None
        return self._record(EventType.CLOCK_STARTED)

    def pause_clock(self) -> dict[str, Any] | None:
        if not self.state.running or self.state.ended or not self.drives:
            return None
        return self._record(EventType.CLOCK_PAUSED)

    def next_phase(self) -> dict[str, Any] | None:
        return self._go_to_phase(self.state.phase_index + 1, "next")

    def previous_phase(self) -> dict[str, Any] | None:
        return self._go_to_phase(self.state.phase_index - 1, "previous")

    def skip_phase(self) -> dict[str, Any] | None:
        """Leave this phase for the next one, marking it skipped."""
        return self._go_to_phase(self.state.phase_index + 1, "skip")

    def _go_to_phase(self, index: int, reason: str) -> dict[str, Any] | None:
        phases = self.playbook.phases
        if self.state.ended or not self.drives or not 0 <= index < len(phases):
            return None
        # `from`: the phase this press leaves; a second driver's press that crossed this one on
        # the way leaves a phase already left, and the fold ignores it.
        return self._record(EventType.PHASE_CHANGED, phase=phases[index].id, reason=reason, **{"from": self.state.phase.id})

    def extend_phase(self, minutes: float) -> dict[str, Any] | None:
        if self.state.ended or not self.drives:
            return None
        return self._record(EventType.TIME_EXTENDED, phase=self.state.phase.id, seconds=minutes * 60)

    # -- the script --------------------------------------------------------------------------------
    def mark_question(self, index: int, status: QuestionStatus, phase_id: str | None = None) -> dict[str, Any] | None:
        phase_id = phase_id or self.state.phase.id
        if self.state.ended or not 0 <= index < len(self.playbook.phase(phase_id).questions):
            return None
        if self.state.question_state(phase_id, index) == status:
            return None
        return self._record(EventType.QUESTION_MARKED, phase=phase_id, question=index, status=str(status))

    def tick_checklist_item(self, index: int, done: bool = True, phase_id: str | None = None) -> dict[str, Any] | None:
        """Tick (or untick) an item of a phase's checklist: "Ask if recording is OK" done."""
        phase_id = phase_id or self.state.phase.id
        if self.state.ended or not 0 <= index < len(self.playbook.phase(phase_id).checklist):
            return None
        if ((phase_id, index) in self.state.checklist_done) == done:
            return None
        return self._record(EventType.CHECKLIST_TICKED, phase=phase_id, item=index, done=done)

    def mark_queue_item(self, note_id: str, status: str = "asked") -> dict[str, Any] | None:
        if self.state.ended or self.state.note(note_id) is None:
            return None
        return self._record(EventType.QUEUE_ITEM_MARKED, note=note_id, status=status)

    def record_consent(self, consent: Consent) -> dict[str, Any] | None:
        if self.state.ended or self.state.consent == consent:
            return None
        return self._record(EventType.CONSENT_RECORDED, consent=str(consent))

    def mark_recording_started(self) -> dict[str, Any] | None:
        if self.state.ended:
            return None
        return self._record(EventType.RECORDING_STARTED)

    # -- notes ---------------------------------------------------------------------------------------
    def add_note(self, role: Role, text: str, *, backdate: float | None = None, tags: list[str] | None = None) -> Note | None:
        """Add a note; `is_saved(note.id)` tells when it is on disk. `tags` are one-key tags added
        to the `#tags` written in the text."""
        if not text.strip() or self.state.ended:
            return None
        if len(text) > MAX_NOTE_CHARACTERS:
            raise NoteTooLong(len(text))
        if backdate is None:
            backdate = self.state.backdate_default.get(role, 0.0)
        phase_id = self.state.phase.id
        all_tags = parse_tags(text)
        for tag in tags or ():
            if tag not in all_tags:
                all_tags.append(tag)
        self._record(
            EventType.NOTE_ADDED,
            note=f"{self.writer.writer_id}-{self._seq + 1}",
            role=str(role),
            text=text,
            tags=all_tags,
            phase=phase_id,
            question=self.state.current_question(phase_id),
            backdate=round(max(backdate, 0.0), 3),
        )
        return self.state.notes[-1]

    def edit_note(self, note_id: str, text: str) -> dict[str, Any] | None:
        note = self.state.note(note_id)
        if self.state.ended or note is None or note.deleted or not text.strip() or text == note.text:
            return None
        if not self.state.may_change(note, self.writer.writer_id):
            return None
        if len(text) > MAX_NOTE_CHARACTERS:
            raise NoteTooLong(len(text))
        # One-key tags added to the note stay; #tags follow the new text.
        one_key_tags = [tag for tag in note.tags if tag not in parse_tags(note.text)]
        tags = parse_tags(text) + [tag for tag in one_key_tags if tag not in parse_tags(text)]
        return self._record(EventType.NOTE_EDITED, note=note_id, text=text, tags=tags)

    def tag_note(self, note_id: str, tag: str) -> dict[str, Any] | None:
        note = self.state.note(note_id)
        if self.state.ended or note is None or note.deleted or tag in note.tags:
            return None
        if not self.state.may_change(note, self.writer.writer_id):
            return None
        return self._record(EventType.NOTE_TAGGED, note=note_id, tag=tag)

    def delete_note(self, note_id: str) -> dict[str, Any] | None:
        note = self.state.note(note_id)
        if self.state.ended or note is None or note.deleted:
            return None
        if not self.state.may_change(note, self.writer.writer_id):
            return None
        return self._record(EventType.NOTE_DELETED, note=note_id)

    def save_draft(self, role: Role, text: str) -> dict[str, Any] | None:
        """Keep what is being typed, so a crash loses at most the last tick of typing. A draft
        longer than a note can be is kept up to that length: all a note could ever hold of it."""
        text = text[:MAX_NOTE_CHARACTERS]
        mine = self.state.writer_drafts.get(self.writer.writer_id, {})
        if self.state.ended or mine.get(role, "") == text:
            return None
        # While the disk refuses, a newer draft of the same pane replaces the queued one (not the
        # one being retried): typing for a minute on a full disk queues one draft, not 120.
        for index in range(len(self.pending) - 1, 0, -1):
            queued = self.pending[index]
            if queued["type"] == EventType.DRAFT_SAVED and queued["role"] == str(role):
                del self.pending[index]
                break
        return self._record(EventType.DRAFT_SAVED, role=str(role), text=text)

    def set_backdate_default(self, role: Role, seconds: float) -> dict[str, Any] | None:
        seconds = max(round(seconds, 3), 0.0)
        if self.state.ended or self.state.backdate_default.get(role, 0.0) == seconds:
            return None
        return self._record(EventType.BACKDATE_DEFAULT_SET, role=str(role), seconds=seconds)

    def end(self) -> dict[str, Any] | None:
        if self.state.ended:
            return None
        return self._record(EventType.SESSION_ENDED)

    # -- the debrief (after the interview: allowed once it has ended) ---------------------------------
    def mark_note(self, note_id: str, mark: Mark, on: bool = True) -> dict[str, Any] | None:
        if self.state.note(note_id) is None or (mark in self.state.marks.get(note_id, ())) == on:
            return None
        return self._record(EventType.NOTE_MARKED, note=note_id, mark=str(mark), on=on)

    def create_problem(self, title: str) -> str | None:
        if not title.strip():
            return None
        problem_id = f"{self.writer.writer_id}-p{self._seq + 1}"
        self._record(EventType.PROBLEM_CREATED, problem=problem_id, title=title.strip())
        return problem_id

    def edit_problem(self, problem_id: str, title: str, whys: list[str]) -> dict[str, Any] | None:
        problem = self.state.problems.get(problem_id)
        whys = [why.strip() for why in whys if why.strip()]
        if problem is None or not title.strip() or (problem.title, list(problem.whys)) == (title.strip(), whys):
            return None
        return self._record(EventType.PROBLEM_EDITED, problem=problem_id, title=title.strip(), whys=whys)

    def group_note(self, note_id: str, problem_id: str | None) -> dict[str, Any] | None:
        if self.state.note(note_id) is None or (problem_id is not None and problem_id not in self.state.problems):
            return None
        current = self.state.problem_of(note_id)
        if (current.id if current else None) == problem_id:
            return None
        return self._record(EventType.NOTE_GROUPED, note=note_id, problem=problem_id)

    def close(self) -> None:
        if self.member is not None and self.writer._fd is not None:
            self._record(EventType.WRITER_LEFT)
        self.flush()
        self.writer.close()

    # -- the disk -------------------------------------------------------------------------------------
    def is_saved(self, note_id: str) -> bool:
        """Whether every event about this note (added, edited, tagged, deleted, marked) is on disk."""
        return not self.pending or not any(event.get("note") == note_id for event in self.pending)

    def unsaved_questions(self) -> frozenset[tuple[str, int]]:
        """(phase, index) of the questions whose latest mark is not on disk yet."""
        return frozenset((e["phase"], e["question"]) for e in self.pending if e["type"] == EventType.QUESTION_MARKED)

    def unsaved_kinds(self) -> dict[str, int]:
        """How many events of each type wait for the disk, in the order they were made: what the
        screen names in its "not saved" count, so nothing shown as done is silently only in memory."""
        kinds: dict[str, int] = {}
        for event in self.pending:
            kinds[event["type"]] = kinds.get(event["type"], 0) + 1
        return kinds

    def flush(self) -> bool:
        """Write the queued events in order; False (and `write_error` set) if the disk refused."""
        while self.pending:
            try:
                self.writer.append(self.pending[0])
            except OSError as error:
                self.write_error = error
                return False
            self.pending.popleft()
        self.write_error = None
        return True

    # -- the one way state changes -------------------------------------------------------------------
    def _record(self, kind: EventType, **data: Any) -> dict[str, Any]:
        self._seq += 1
        event: dict[str, Any] = {
            "seq": self._seq,
            "type": str(kind),
            "t": round(self.now(), 3),
            "at": iso(self.clock.wall()),
            "writer": self.writer.writer_id,
            **data,
        }
        if self.live is not None:
            self.live.add([{**event, "_t0": self._header_t0}])
            self.state = self.live.state
        else:
            self.state.apply(event)
        self.pending.append(event)
        self.flush()
        return event

    # -- the team ---------------------------------------------------------------------------------
    def poll_others(self) -> bool:
        """Fold the other writers' new complete lines; True if anything changed. Lines that could
        not be used are added to `read_problems` (a screen says so)."""
        if self.live is None:
            return False
        if self.tail is None:
            from interview_tui.session.tail import SessionTail

            self.tail = SessionTail(self.folder, self.state.session_id or self.folder.name, own_path=self.writer.path)
            self.tail.mark_seen(self.live.events)  # read already (and this writer's own since, never in theirs)
        events, problems = self.tail.poll()
        self.read_problems.extend(problems)
        # Plain notes and drafts change no clock, phase or script (a #question or #follow-up note
        # joins a queue the script shows): the screen then redraws only the note panes (10 ms p50).
        self.merged_only_notes = all(
            event.get("type") in _NOTE_ONLY and not {QUESTION_TAG, FOLLOW_UP_TAG} & set(event.get("tags") or ()) for event in events
        )
        if not self.live.add(events):
            return False
        self.state = self.live.state
        return True

    @property
    def drives(self) -> bool:
        """Whether this process moves the clock and the phases (one laptop: always)."""
        return self.state.drives(self.writer.writer_id)

    def hand_driving(self, identity: tuple[str, Role]) -> dict[str, Any] | None:
        """Hand the clock and phases to someone (anyone may take them: the driver may be gone)."""
        name, role = identity
        if self.state.ended or self.state.driver == (name, Role(role)):
            return None
        return self._record(EventType.DRIVING_HANDED_OVER, name=name, role=str(role))

    def take_driving(self) -> dict[str, Any] | None:
        return self.hand_driving(self.member) if self.member is not None else None

    def add_late_note(self, role: Role, text: str) -> Note | None:
        """What was being typed when another process ended the session: saved, marked late."""
        if not text.strip():
            return None
        self._record(
            EventType.NOTE_ADDED,
            note=f"{self.writer.writer_id}-{self._seq + 1}",
            role=str(role),
            text=text,
            tags=parse_tags(text),
            phase=self.state.phase.id,
            question=None,
            backdate=0.0,
            late=True,
        )
        return self.state.note(f"{self.writer.writer_id}-{self._seq}")

    def _heartbeat(self) -> None:
        if self.member is None or self.state.ended:
            return
        monotonic = self.clock.monotonic()
        if monotonic - self._last_heartbeat >= HEARTBEAT_SECONDS:
            self._last_heartbeat = monotonic
            touch(self.writer.path)


def _new_session_folder(root: Path, session_id: str | None, clock: Clock) -> Path:
    """A folder no other session has: two terminals starting in the same second get different ids
    (the id's random tail), and an id that is taken anyway is never shared, but drawn again."""
    make_private_dir(root)
    for _attempt in range(100):
        folder = root / (session_id or new_session_id(clock.wall()))
        try:
            folder.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            if session_id is not None:
                raise FileExistsError(errno.EEXIST, "a session with this id exists already", str(folder)) from None
            continue
        os.chmod(folder, FOLDER_MODE)
        return folder
    raise FileExistsError(errno.EEXIST, "no free session id", str(root))


def _header(session_id: str, writer_id: str, clock: Clock, *, t0: float) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "session": session_id,
        "writer": writer_id,
        "opened_at": iso(clock.wall()),
        "t0": t0,
    }
