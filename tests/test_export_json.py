"""The JSON export: the session and every note, with the keys other tools rely on."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from interview_tui.export import to_json, to_json_data
from interview_tui.session import Role, Session, load_session

SAMPLE = Path(__file__).resolve().parent.parent / "sessions" / "20261103-100000-da7a"


def test_the_sample_session_object_has_participant_playbook_times_and_phase_minutes():
    data = json.loads(to_json(*load_session(SAMPLE)))
    assert data["format_version"] == 1 and data["warnings"] == []
    session = data["session"]
    assert session["id"] == "20261103-100000-da7a"
    assert session["participant"]["name"] == "Dana Whitfield" and session["participant"]["role"] == "Head of operations"
    assert (session["playbook"], session["playbook_source"]) == ("Customer interview", "playbooks/customer-interview.yaml")
    assert session["started_at"] == "2026-11-03T10:00:00.000+01:00"
    assert session["ended"] is True and session["ended_at"] == "2026-11-03T10:51:05.000+01:00"
    assert [p["id"] for p in session["phases"]] == ["housekeeping", "warm-up", "meaty", "observer", "turn-the-tables", "wrap-up"]
    meaty = session["phases"][2]
    assert (meaty["planned_minutes"], meaty["actual_minutes"]) == (20.0, 20.83)


def test_the_sample_notes_carry_role_text_tags_phase_and_three_times():
    notes = to_json_data(*load_session(SAMPLE))["notes"]
    assert len(notes) == 26
    assert {n["role"] for n in notes} == {"interviewer", "scribe", "observer"}
    quote = next(n for n in notes if n["text"].startswith('"Every Friday'))
    assert quote["tags"] == ["quote", "pain"] and quote["phase"] == "meaty" and quote["phase_title"] == "Meaty questions"
    assert (quote["t"], quote["clock"], quote["clock_seconds"]) == (990.0, "16:30", 990.0)
    assert quote["at"] == "2026-11-03T10:16:30.000+01:00"
    started = datetime.fromisoformat("2026-11-03T10:00:00+01:00")
    assert all(datetime.fromisoformat(n["at"]) == started + timedelta(seconds=n["t"]) for n in notes)
    assert len({n["id"] for n in notes}) == len(notes)


def test_clock_is_the_interview_clock_so_pauses_are_left_out(sessions_root, playbook, clock):
    session = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock)
    clock.advance(20)  # before the clock starts
    session.start_clock()
    clock.advance(70)
    session.pause_clock()
    clock.advance(600)  # a break
    session.start_clock()
    clock.advance(5)
    session.add_note(Role.OBSERVER, "관찰 노트 #관찰 [웃음]\n둘째 줄", tags=["quote"])
    note = to_json_data(*load_session(session.folder))["notes"][0]
    assert (note["t"], note["clock"], note["clock_seconds"]) == (695.0, "01:15", 75.0)
    assert note["text"] == "관찰 노트 #관찰 [웃음]\n둘째 줄" and note["tags"] == ["관찰", "quote"]
    assert "관찰 노트" in to_json(*load_session(session.folder))  # readable, not \\uXXXX


def test_read_problems_are_warnings_with_file_and_line(sessions_root, playbook, clock):
    session = Session.create(sessions_root, playbook, clock=clock)
    session.add_note(Role.SCRIBE, "kept")
    with open(session.writer.path, "ab") as handle:
        handle.write(b"\x00" * 32)
    data = to_json_data(*load_session(session.folder))
    assert [n["text"] for n in data["notes"]] == ["kept"]
    assert data["warnings"] == [f"{session.writer.path.name}:4: NUL bytes after the last line (torn write); skipped"]
    assert data["session"]["ended"] is False and data["session"]["ended_at"] is None
