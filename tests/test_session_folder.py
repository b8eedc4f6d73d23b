"""Finding a session by path, id, prefix or `last`; never outside the sessions folder; private modes."""

from __future__ import annotations

import os
import stat

import pytest

from interview_tui.session import Session, SessionNotFound, resolve_session


@pytest.fixture
def three(sessions_root, playbook, clock) -> list[Session]:
    return [
        Session.create(sessions_root, playbook, clock=clock, session_id=session_id)
        for session_id in ("20261101-100000-aaaa", "20261102-100000-bbbb", "20261102-110000-cccc")
    ]


def test_sessions_are_found_by_path_id_prefix_and_last(sessions_root, three):
    first, second, third = three
    assert resolve_session("last", sessions_root) == third.folder
    assert resolve_session("20261101", sessions_root) == first.folder
    assert resolve_session("20261102-100000-bbbb", sessions_root) == second.folder
    assert resolve_session(str(second.writer.path), sessions_root) == second.folder
    assert resolve_session(str(first.folder), sessions_root) == first.folder


def test_an_ambiguous_prefix_names_the_candidates(sessions_root, three):
    with pytest.raises(SessionNotFound, match=r"'20261102' matches 2 sessions \(20261102-110000-cccc, 20261102-100000-bbbb\)"):
        resolve_session("20261102", sessions_root)


def test_an_unknown_id_points_to_interview_list(sessions_root, three):
    with pytest.raises(SessionNotFound, match="interview list"):
        resolve_session("2025", sessions_root)


def test_last_with_no_sessions_says_how_to_start_one(sessions_root):
    with pytest.raises(SessionNotFound, match="no sessions yet in .*; start one with `interview run`"):
        resolve_session("last", sessions_root)


@pytest.mark.parametrize("reference", ["../outside", "..", "../../etc/passwd", "/etc"])
def test_an_id_never_reaches_outside_the_sessions_folder(tmp_path, playbook, clock, reference, monkeypatch):
    # A real session right next to the sessions folder: "../outside" must not find it by id.
    Session.create(tmp_path, playbook, clock=clock, session_id="outside")
    root = tmp_path / "sessions"
    Session.create(root, playbook, clock=clock, session_id="20261101-100000-aaaa")
    monkeypatch.chdir(root / "20261101-100000-aaaa")  # so "../outside" is no path that exists either
    with pytest.raises(SessionNotFound):
        resolve_session(reference, root)


def test_session_folders_are_0700_and_log_files_0600_whatever_the_umask(tmp_path, playbook, clock):
    old = os.umask(0o022)
    try:
        session = Session.create(tmp_path / "deep" / "sessions", playbook, clock=clock)
    finally:
        os.umask(old)
    assert stat.S_IMODE(session.folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "deep" / "sessions").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "deep").stat().st_mode) == 0o700
    assert stat.S_IMODE(session.writer.path.stat().st_mode) == 0o600
