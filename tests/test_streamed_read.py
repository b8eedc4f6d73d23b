"""An export folds each event as it is read and keeps none of them: the same state, the same problems
in the same order, and far less memory than reading every event first."""

from __future__ import annotations

import json
import shutil
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings

from interview_tui.session import Role, Session
from interview_tui.session.load import EXPORTED_EVENT_TYPES, load_session, load_session_folded
from interview_tui.session.log import SessionFormatError
from tests.test_hostile_files import FUZZ_SETTINGS, SESSION, WRITER_FILE, copy_samples, edits, event_line, mutate


def both_ways(folder: Path):
    """(what load_session gives, what load_session_folded gives), each as what an export reads."""
    results = []
    for load in (load_session, load_session_folded):
        try:
            log, state = load(folder)
        except SessionFormatError as error:
            results.append(("refused", str(error)))
            continue
        kept = [event for event in log.events if event["type"] in EXPORTED_EVENT_TYPES]
        results.append((state, [str(problem) for problem in log.problems], kept, [f.path for f in log.files]))
    return results


def assert_same_both_ways(folder: Path) -> None:
    held, folded = both_ways(folder)
    assert folded == held


def test_the_sample_sessions_read_the_same_folded_as_they_go(tmp_path):
    root = copy_samples(tmp_path / "sessions")
    for folder in sorted(root.iterdir()):
        assert_same_both_ways(folder)


@settings(max_examples=40, **FUZZ_SETTINGS)
@given(edits=edits)
def test_mutated_sample_sessions_read_the_same_folded_as_they_go(tmp_path_factory, edits):
    root = copy_samples(tmp_path_factory.mktemp("fuzz") / "sessions")
    for file_index, mutation in edits:
        mutate(root, file_index, mutation)
    for folder in sorted(root.iterdir()):
        assert_same_both_ways(folder)


def planted(tmp_path, *lines: bytes, name: str = WRITER_FILE) -> Path:
    root = copy_samples(tmp_path / "sessions")
    path = root / SESSION / name
    path.write_bytes(path.read_bytes() + b"\n".join(lines) + b"\n")
    return root / SESSION


def test_a_time_edited_out_of_order_is_read_as_when_every_event_is_held(tmp_path):
    folder = planted(tmp_path, event_line(seq=900, t=1.0, note="w81d0c3aa-900"), event_line(seq=901, t=1.0, note="w81d0c3aa-901"))
    assert_same_both_ways(folder)


def test_a_conflict_copy_and_a_repeat_that_comes_first_in_time_are_read_as_when_every_event_is_held(tmp_path):
    folder = planted(tmp_path, event_line(seq=900, t=3000.0, note="w81d0c3aa-900"))
    shutil.copy(folder / WRITER_FILE, folder / "w81d0c3aa (conflicted copy).jsonl")
    assert_same_both_ways(folder)
    # The same identity in a file merged later, with an earlier time: that file's copy is the repeat.
    (folder / "wzz.jsonl").write_bytes(event_line(seq=900, t=5.0, note="w81d0c3aa-900b") + b"\n")
    assert_same_both_ways(folder)
    held, folded = both_ways(folder)
    assert any("repeats one already read" in problem for problem in folded[1])


def test_a_file_of_another_session_and_one_of_garbage_are_reported_as_when_every_event_is_held(tmp_path):
    root = copy_samples(tmp_path / "sessions")
    folder = root / SESSION
    shutil.copy(root / "20261110-160000-5e0b" / "w2b7e91d4.jsonl", folder / "w2b7e91d4.jsonl")
    (folder / "wbad.jsonl").write_bytes(b"[[[\n\x00\xff garbage\n")
    (folder / "wempty.jsonl").write_bytes(b"")
    (folder / "wother.jsonl").write_bytes(json.dumps({"format": "another-program", "version": 1}).encode() + b"\n")
    assert_same_both_ways(folder)


def test_folding_as_it_reads_holds_far_less_than_every_event(sessions_root, playbook, clock):
    session = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock)
    session.start_clock()
    for number in range(3000):
        clock.advance(2)
        session.add_note(Role.SCRIBE, f"note {number}: what the customer said about the thing they use #pain #quote")
    session.end()
    session.close()
    peaks = {}
    load_session(session.folder)  # the stored playbook's validation, cached for both
    for load in (load_session, load_session_folded):
        tracemalloc.start()
        log, state = load(session.folder)
        peaks[load.__name__] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert len(state.notes) == 3000
    assert [event["type"] for event in log.events] == ["session_ended"]
    # What is left is the notes and the identities seen: every event held was half as much again.
    assert peaks["load_session_folded"] < 0.7 * peaks["load_session"], peaks
