"""The session core on a fake clock: time math, phases, notes, script, queues, resume. No sleeps."""

from __future__ import annotations

import errno
import stat
from datetime import timedelta

import pytest

from interview_tui.session import Role, Session, load_session, parse_tags
from interview_tui.session.core import SessionEnded
from interview_tui.session.events import EventType, QuestionStatus
from interview_tui.session.state import Pace


@pytest.fixture
def session(sessions_root, playbook, clock) -> Session:
    return Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock)


def test_the_clock_counts_only_while_running_and_phases_keep_their_own_time(session, clock):
    state = session.state
    clock.advance(100)  # before the clock starts
    assert state.clock_elapsed(session.now()) == 0
    session.start_clock()
    clock.advance(200)
    assert state.phase_remaining(session.now()) == 100
    session.pause_clock()
    clock.advance(1000)
    assert state.clock_elapsed(session.now()) == 200
    session.start_clock()
    clock.advance(130)
    assert state.phase_remaining(session.now()) == -30  # overtime is negative
    assert state.pace(session.now()) == Pace.OVERTIME
    session.next_phase()
    clock.advance(60)
    assert state.phase_spent("housekeeping", session.now()) == 330
    assert state.phase_spent("warm-up", session.now()) == 60
    assert state.session_remaining(session.now()) == 65 * 60 - 390


def test_pace_thresholds_are_20_and_5_percent_of_the_phase(session, clock):
    session.start_clock()
    paces = []
    for seconds in (239, 1, 1, 44, 1, 15):
        clock.advance(seconds)
        paces.append(session.state.pace(session.now()))
    # 61 s left, 60 s (20%), 59 s, 15 s (5%), 14 s, -1 s
    assert paces == [Pace.CALM, Pace.WARNING, Pace.WARNING, Pace.ALERT, Pace.ALERT, Pace.OVERTIME]


def test_phase_moves_stop_at_the_ends_and_nothing_moves_after_the_end(session):
    assert session.previous_phase() is None
    for _ in range(10):
        session.next_phase()
    assert session.state.phase.id == "wrap-up"
    session.end()
    assert session.add_note(Role.SCRIBE, "too late") is None
    assert session.previous_phase() is None


def test_notes_get_phase_clock_tags_and_the_current_question(session, clock):
    session.start_clock()
    clock.advance(42)
    session.mark_question(1, QuestionStatus.ASKED)
    note = session.add_note(Role.SCRIBE, "C# is not a tag but #Pain and #질문 are; #pain once")
    assert (note.phase, note.clock, note.tags, note.question) == ("housekeeping", 42.0, ("pain", "질문"), 1)


def test_tags_are_parsed_as_a_user_expects():
    assert parse_tags("#follow-up: call back, #quote.") == ["follow-up", "quote"]
    assert parse_tags("email a#b, C#, ##double, #-no, &#39;") == []


@pytest.mark.parametrize("text", ["[laughs] [bold]x[/]", "\x1b[31mred\x07 bell", "long " * 1000, "줄 바꿈\n있는 노트"])
def test_note_text_is_stored_exactly(session, text):
    session.add_note(Role.OBSERVER, text)
    _, state = load_session(session.folder)
    assert state.notes[0].text == text


def test_edits_tags_and_deletions_are_new_events_and_deleted_notes_stay_in_the_log(session):
    note = session.add_note(Role.SCRIBE, "frist #pain")
    session.tag_note(note.id, "quote")
    session.edit_note(note.id, "first #pain #idea")
    session.delete_note(note.id)
    log, state = load_session(session.folder)
    assert [e["type"] for e in log.events][-4:] == ["note_added", "note_tagged", "note_edited", "note_deleted"]
    stored = state.notes[0]
    assert (stored.text, stored.tags, stored.deleted) == ("first #pain #idea", ("pain", "idea", "quote"), True)
    assert state.live_notes() == []


def test_added_minutes_and_the_shrink_needed(session, clock):
    session.start_clock()
    session.extend_phase(1)
    clock.advance(360 + 120)  # 2 minutes over the 6 planned
    # The current phase's overtime already comes out of the phases still to come (60 min).
    shrink = session.state.shrink_needed(session.now())
    assert round(shrink.seconds) == 120 and round(shrink.remaining_planned) == 60 * 60
    session.next_phase()
    shrink = session.state.shrink_needed(session.now())
    assert round(shrink.seconds) == 120 and round(shrink.remaining_planned) == 50 * 60


def test_observer_questions_follow_ups_and_customer_questions(session):
    session.add_note(Role.OBSERVER, "why weekly? #question")
    session.add_note(Role.SCRIBE, "send template #follow-up")
    session.add_note(Role.SCRIBE, "not a queued one #question")  # the scribe's, not the observer's
    for _ in range(4):
        session.next_phase()
    assert session.state.phase.id == "turn-the-tables"
    session.add_note(Role.INTERVIEWER, "will it work offline? #question")
    state = session.state
    assert [n.text for n in state.observer_questions()] == ["why weekly? #question"]
    assert [n.text for n in state.customer_questions()] == ["will it work offline? #question"]
    assert [n.text for n in state.follow_ups()] == ["send template #follow-up"]
    session.mark_queue_item(state.follow_ups()[0].id, "asked")
    assert state.open_items(state.follow_ups()) == []


def test_a_failed_write_keeps_events_in_order_until_the_disk_is_back(session, monkeypatch):
    real_append = session.writer.append
    monkeypatch.setattr(session.writer, "append", lambda event: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    first = session.add_note(Role.SCRIBE, "one")
    session.next_phase()
    second = session.add_note(Role.SCRIBE, "two")
    assert not session.is_saved(first.id) and not session.is_saved(second.id)
    assert session.write_error.errno == errno.ENOSPC
    monkeypatch.setattr(session.writer, "append", real_append)
    session.tick()
    assert session.is_saved(first.id) and session.is_saved(second.id) and session.write_error is None
    log, state = load_session(session.folder)
    assert [e["type"] for e in log.events][-3:] == ["note_added", "phase_changed", "note_added"]
    assert [(n.text, n.phase) for n in state.notes] == [("one", "housekeeping"), ("two", "warm-up")]


def test_a_torn_write_does_not_swallow_the_next_event(session, monkeypatch):
    import os

    real_write = os.write
    calls = {"n": 0}

    def half_then_fail(fd, data):
        calls["n"] += 1
        if calls["n"] == 1:
            real_write(fd, data[: len(data) // 2])
            raise OSError(errno.EIO, "I/O error")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", half_then_fail)
    session.add_note(Role.SCRIBE, "torn at first")
    monkeypatch.setattr(os, "write", real_write)
    session.tick()
    session.add_note(Role.SCRIBE, "after")
    log, state = load_session(session.folder)
    assert [n.text for n in state.notes] == ["torn at first", "after"]
    # The torn half was cut off before the retry: the file holds whole lines only.
    assert log.problems == []


def test_resume_goes_on_from_the_log_with_the_downtime_as_a_gap(sessions_root, playbook, clock):
    first = Session.create(sessions_root, playbook, clock=clock)
    first.start_clock()
    clock.advance(50)
    first.add_note(Role.SCRIBE, "before")
    first.save_draft(Role.OBSERVER, "half typed")
    first.mark_question(0, QuestionStatus.ASKED)
    first.close()
    clock.advance(30)  # the app was down
    resumed = Session.resume(first.folder, clock=clock)
    state = resumed.state
    assert state.gaps == [(80.0, 30.0)]
    assert state.clock_elapsed(resumed.now()) == 80.0  # the interview went on in the room
    assert state.drafts == {Role.OBSERVER: "half typed"}
    assert state.question_state("housekeeping", 0) == QuestionStatus.ASKED
    note = resumed.add_note(Role.SCRIBE, "after")
    assert note.id != state.notes[0].id
    _, reread = load_session(first.folder)
    assert [n.text for n in reread.notes] == ["before", "after"]


def test_an_ended_session_is_not_resumed(session):
    session.end()
    with pytest.raises(SessionEnded, match="was ended"):
        Session.resume(session.folder)


def test_a_machine_sleep_is_logged_and_not_counted(session, clock):
    session.start_clock()
    clock.advance(10)
    session.tick()
    clock.sleep_machine(3600)
    clock.advance(1)
    session.tick()
    assert [round(gap) for _, gap in session.state.sleeps] == [3601]
    assert session.state.clock_elapsed(session.now()) == 11


def test_files_are_0600_and_folders_0700(session, sessions_root):
    assert stat.S_IMODE(session.folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(session.writer.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(sessions_root.stat().st_mode) == 0o700


def test_times_are_monotonic_seconds_and_wall_time_with_offset(session, clock):
    clock.advance(1.5)
    session.start_clock()
    log, _ = load_session(session.folder)
    event = log.events[-1]
    assert event["t"] == 1.5 and event["at"] == (clock.wall()).isoformat(timespec="milliseconds")
    assert event["type"] == EventType.CLOCK_STARTED and event["at"].endswith("+01:00")
    assert timedelta(seconds=1.5) == clock.wall() - clock.wall().replace(second=0, microsecond=0)


def test_going_back_a_phase_adds_to_its_time_and_a_paused_clock_stays_paused(session, clock):
    session.start_clock()
    clock.advance(100)
    session.next_phase()
    clock.advance(50)
    session.pause_clock()
    session.previous_phase()  # while paused: nothing runs
    clock.advance(500)
    state = session.state
    assert (state.phase.id, state.running) == ("housekeeping", False)
    session.start_clock()
    clock.advance(30)
    assert state.phase_spent("housekeeping", session.now()) == 130
    assert state.phase_spent("warm-up", session.now()) == 50
    assert state.phase_remaining(session.now()) == 170
    note = session.add_note(Role.INTERVIEWER, "back to it")
    assert (note.phase, note.clock) == ("housekeeping", 180.0)


def test_a_5000_character_note_with_brackets_and_escapes_is_stored_byte_for_byte(session):
    text = ("[bold]x[/] \\n \x1b[0m \"q\" 한국어 " * 200)[:5000]
    assert len(text) == 5000
    session.add_note(Role.SCRIBE, text)
    _, state = load_session(session.folder)
    assert state.notes[0].text == text
    assert len(session.writer.path.read_text().splitlines()) == 3  # header, created, the note: one line


def test_a_stored_playbook_with_keys_a_later_version_dropped_still_loads(sessions_root, playbook, clock):
    import json

    session = Session.create(sessions_root, playbook, clock=clock)
    session.add_note(Role.SCRIBE, "kept")
    session.close()
    path = session.writer.path
    lines = path.read_text().splitlines()
    created = json.loads(lines[1])
    created["playbook"]["retired_key"] = True
    created["playbook"]["phases"][0]["old_field"] = 3
    lines[1] = json.dumps(created, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n")
    log, state = load_session(session.folder)
    assert [n.text for n in state.notes] == ["kept"] and log.problems == []


def test_resume_survives_a_hand_edited_time(sessions_root, playbook, clock):
    import json

    session = Session.create(sessions_root, playbook, clock=clock)
    session.add_note(Role.SCRIBE, "kept")
    session.close()
    path = session.writer.path
    lines = path.read_text().splitlines()
    last = json.loads(lines[-1])
    last["at"] = "yesterday-ish"
    lines[-1] = json.dumps(last)
    path.write_text("\n".join(lines) + "\n")
    resumed = Session.resume(session.folder, clock=clock)
    assert resumed.state.gaps[-1][1] == 0.0 and [n.text for n in resumed.state.notes] == ["kept"]


def test_two_sessions_started_in_the_same_second_never_share_a_folder(sessions_root, playbook, clock, monkeypatch):
    import interview_tui.session.core as core

    ids = iter(["20261122-140000-aaaa", "20261122-140000-aaaa", "20261122-140000-bbbb"])
    monkeypatch.setattr(core, "new_session_id", lambda now: next(ids))
    first = Session.create(sessions_root, playbook, participant={"name": "One"}, clock=clock)
    second = Session.create(sessions_root, playbook, participant={"name": "Two"}, clock=clock)
    assert (first.folder.name, second.folder.name) == ("20261122-140000-aaaa", "20261122-140000-bbbb")
    assert load_session(first.folder)[1].participant["name"] == "One"


def _lines(session) -> list[bytes]:
    return session.writer.path.read_bytes().splitlines()


def fail_the_next_fsync(monkeypatch) -> None:
    """The next fsync fails with an I/O error (its write has landed); the ones after it succeed."""
    import os

    real_fsync = os.fsync
    failures = {"left": 1}

    def fsync_fails_once(fd):
        if failures["left"]:
            failures["left"] -= 1
            raise OSError(errno.EIO, "I/O error")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_fails_once)


def test_a_write_that_landed_before_its_fsync_failed_is_not_written_again(session, monkeypatch):
    fail_the_next_fsync(monkeypatch)
    note = session.add_note(Role.SCRIBE, "written, then the sync failed")
    assert not session.is_saved(note.id)
    session.tick()
    assert session.is_saved(note.id)
    assert sum(b"written, then the sync failed" in line for line in _lines(session)) == 1
    log, state = load_session(session.folder)
    assert [n.text for n in state.notes] == ["written, then the sync failed"] and log.problems == []


def test_when_the_disk_refuses_even_to_cut_the_file_the_retry_sees_the_line_is_there(session, monkeypatch):
    import os

    real_truncate = os.ftruncate

    def truncate_refused(fd, length):
        raise OSError(errno.EIO, "I/O error")

    fail_the_next_fsync(monkeypatch)
    monkeypatch.setattr(os, "ftruncate", truncate_refused)
    session.add_note(Role.SCRIBE, "only once")
    session.tick()
    session.add_note(Role.SCRIBE, "next")
    monkeypatch.setattr(os, "ftruncate", real_truncate)
    assert sum(b"only once" in line for line in _lines(session)) == 1
    _, state = load_session(session.folder)
    assert [n.text for n in state.notes] == ["only once", "next"]


def test_a_torn_line_that_cannot_be_cut_is_completed_not_repeated(session, monkeypatch):
    import os

    real_write, real_fsync = os.write, os.fsync
    tries = {"write": 0, "fsync": 0}

    def most_then_fail(fd, data):
        tries["write"] += 1
        if tries["write"] == 1:  # all of the line but its newline lands: JSON a newline would complete
            real_write(fd, data[:-1])
            raise OSError(errno.ENOSPC, "No space left on device")
        if tries["write"] == 2:  # the rest lands, its sync fails
            real_write(fd, data)
            raise OSError(errno.EIO, "I/O error")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", most_then_fail)
    monkeypatch.setattr(os, "ftruncate", lambda fd, length: (_ for _ in ()).throw(OSError(errno.EIO, "I/O error")))
    note = session.add_note(Role.SCRIBE, "torn and kept")
    session.tick()
    session.tick()
    assert session.is_saved(note.id)
    assert sum(b"torn and kept" in line for line in _lines(session)) == 1
    log, state = load_session(session.folder)
    assert [n.text for n in state.notes] == ["torn and kept"] and log.problems == []
