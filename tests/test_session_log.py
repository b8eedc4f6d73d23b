"""Reading logs as they are found after crashes and hand edits: keep every good line, say what was skipped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_tui.session import Role, Session, load_session
from interview_tui.session.log import SessionFormatError

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def written(sessions_root, playbook, clock) -> Session:
    session = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock)
    for text in ("one", "two", "three"):
        clock.advance(10)
        session.add_note(Role.SCRIBE, text)
    session.close()
    return session


def append_bytes(session: Session, data: bytes) -> None:
    with open(session.writer.path, "ab") as handle:
        handle.write(data)


@pytest.mark.parametrize(
    "tail, message",
    [
        (b'{"seq":9,"type":"note_added","t":99,"text":"hal', "incomplete last line (the writer was stopped mid-write); skipped"),
        ('{"seq":9,"text":"주'.encode()[:-1], "incomplete last line (the writer was stopped mid-write); skipped"),
        (b"\x00" * 64, "NUL bytes after the last line (torn write); skipped"),
    ],
    ids=["partial JSON", "partial UTF-8", "NUL tail"],
)
def test_a_torn_tail_keeps_every_complete_event_and_says_what_was_skipped(written, tail, message):
    append_bytes(written, tail)
    log, state = load_session(written.folder)
    assert [n.text for n in state.notes] == ["one", "two", "three"]
    assert [(p.line, p.message) for p in log.problems] == [(6, message)]


def test_after_a_torn_tail_a_resumed_writer_writes_valid_lines(written, clock):
    append_bytes(written, b'{"seq":9,"type":"no')
    clock.advance(5)
    resumed = Session.resume(written.folder, clock=clock)
    resumed.add_note(Role.SCRIBE, "four")
    _, state = load_session(written.folder)
    assert [n.text for n in state.notes] == ["one", "two", "three", "four"]


def test_a_malformed_middle_line_is_reported_with_its_line_number(written):
    lines = written.writer.path.read_bytes().split(b"\n")
    lines[3] = b'{"seq": oops'
    written.writer.path.write_bytes(b"\n".join(lines))
    log, state = load_session(written.folder)
    assert [n.text for n in state.notes] == ["one", "three"]
    assert [(p.line, p.message) for p in log.problems] == [(4, "not a JSON line (torn or edited by hand); skipped")]


def test_an_event_the_fold_cannot_use_is_reported_and_the_rest_is_read(written, clock):
    # Valid JSON with the common keys, but a note without its role and a phase the playbook lacks.
    append_bytes(written, b'{"seq":9,"type":"note_added","t":31,"at":"2026-11-22T14:00:31.000+01:00","writer":"w","note":"n9","text":"no role"}\n')
    append_bytes(written, b'{"seq":10,"type":"phase_changed","t":32,"at":"2026-11-22T14:00:32.000+01:00","writer":"w","phase":"nope"}\n')
    log, state = load_session(written.folder)
    assert [n.text for n in state.notes] == ["one", "two", "three"]
    assert [(p.path.name, p.line) for p in log.problems] == [(written.writer.path.name, 6), (written.writer.path.name, 7)]
    assert log.problems[0].message == "note_added event without role, phase; skipped"
    clock.advance(5)
    resumed = Session.resume(written.folder, clock=clock)  # resume reads the same way
    assert len(resumed.read_problems) == 2 and resumed.add_note(Role.SCRIBE, "four") is not None


def test_an_unknown_event_type_is_counted_and_ignored(written):
    append_bytes(written, b'{"seq":9,"type":"from_the_future","t":40,"at":"2026-11-22T14:00:40.000+01:00","writer":"w"}\n')
    _, state = load_session(written.folder)
    assert state.unknown_events == 1 and len(state.notes) == 3


def test_a_newer_format_version_is_refused_clearly(written):
    path = written.writer.path
    lines = path.read_text().splitlines()
    header = json.loads(lines[0])
    header["version"] = 2
    path.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n")
    with pytest.raises(SessionFormatError, match="version 2, newer than this interview-tui reads .version 1.; upgrade"):
        load_session(written.folder)


def test_files_of_several_writers_are_merged_by_time(written, clock):
    clock.advance(5)
    second = Session.resume(written.folder, clock=clock)
    second.add_note(Role.OBSERVER, "from the second terminal")
    log, state = load_session(written.folder)
    assert len(log.files) == 2
    assert [n.text for n in state.notes] == ["one", "two", "three", "from the second terminal"]
    assert [e["t"] for e in log.events] == sorted(e["t"] for e in log.events)


def test_a_folder_without_a_log_is_no_session(tmp_path):
    with pytest.raises(SessionFormatError, match="no session log files"):
        load_session(tmp_path)


def test_a_line_longer_than_any_event_is_skipped_without_being_held(written, monkeypatch):
    from interview_tui.session import log as session_log

    monkeypatch.setattr(session_log, "MAX_LINE_BYTES", 2**20)  # a playbook line is some 10 KB
    lines = written.writer.path.read_bytes().split(b"\n")
    lines.insert(2, b'{"text":"' + b"x" * 3 * 2**20 + b'"}')
    written.writer.path.write_bytes(b"\n".join(lines))
    log, state = load_session(written.folder)
    assert [n.text for n in state.notes] == ["one", "two", "three"]
    assert [(p.line, p.message) for p in log.problems] == [(3, "a line longer than any event can be (1 MiB); skipped")]


def test_a_new_log_file_appears_with_its_header_already_in_it(sessions_root, playbook, clock, monkeypatch):
    """A team member joining (or `interview list`) at the very moment a session is created reads a
    session, never an empty file that makes the folder unreadable."""
    import os

    seen_at_link: list[str] = []
    real_link = os.link

    def link_then_read(source, target):
        real_link(source, target)
        seen_at_link.append(load_session(Path(target).parent)[0].session_id)

    monkeypatch.setattr(os, "link", link_then_read)
    session = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock)
    session.add_note(Role.SCRIBE, "one")
    session.close()
    assert seen_at_link == [session.folder.name]
    assert [p.name for p in session.folder.iterdir()] == [session.writer.path.name]  # no staging file left
    assert [n.text for n in load_session(session.folder)[1].notes] == ["one"]


def test_where_hard_links_are_refused_the_log_is_created_in_place(sessions_root, playbook, clock, monkeypatch):
    import errno
    import os

    def no_links(source, target):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    session = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock)
    session.add_note(Role.SCRIBE, "one")
    session.close()
    assert [p.name for p in session.folder.iterdir()] == [session.writer.path.name]
    assert oct(session.writer.path.stat().st_mode & 0o777) == "0o600"
    assert [n.text for n in load_session(session.folder)[1].notes] == ["one"]
