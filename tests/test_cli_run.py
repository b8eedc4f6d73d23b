"""`interview run` refuses bad input before the interview starts: one line, exit 2, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from interview_tui.cli import main


def test_unknown_playbook_is_one_clear_line(sessions_root, capsys):
    assert main(["run", "no-such-play", "--participant", "Ana"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("interview: error: no-such-play: no such playbook file or name")
    assert "customer-interview" in err  # says what would work
    assert "Traceback" not in err


def test_missing_playbook_path(sessions_root, capsys, tmp_path):
    missing = tmp_path / "gone.yaml"
    assert main(["run", str(missing)]) == 2
    assert f"{missing}: no such playbook file or name" in capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only folder, so there is nothing to refuse")
def test_unwritable_sessions_folder_is_refused_before_starting(tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    assert main(["run", "--participant", "Ana", "--sessions-dir", str(locked / "sessions")]) == 2
    err = capsys.readouterr().err
    assert "cannot be written" in err and "--sessions-dir" in err


def test_sessions_folder_that_is_a_file_is_refused(tmp_path, capsys):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    assert main(["run", "--participant", "Ana", "--sessions-dir", str(not_a_folder)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot be written" in err[0] and "INTERVIEW_SESSIONS_DIR" in err[0]


def test_help_runs_as_a_module():
    result = subprocess.run([sys.executable, "-m", "interview_tui", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "run" in result.stdout and "SESSION" in result.stdout


def test_a_refused_run_leaves_the_garbage_collector_on(sessions_root, capsys):
    # `run` holds the collector until its first frame; a run refused before it has none.
    import gc

    assert main(["run", "no-such-play", "--participant", "Ana"]) == 2
    assert gc.isenabled()


async def test_the_garbage_collector_is_on_again_at_the_first_frame(sessions_root, playbook):
    import gc

    from interview_tui.commands.common import hold_garbage_collector, release_garbage_collector
    from interview_tui.session.clock import FakeClock
    from interview_tui.tui.app import InterviewApp

    app = InterviewApp(playbook=playbook, sessions_root=sessions_root, participant={"name": "Ana"}, clock=FakeClock())
    app.first_frame_shown = release_garbage_collector
    hold_garbage_collector()
    try:
        assert not gc.isenabled()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert app.screen.query_one("#input-scribe").has_focus  # the first frame is the live screen
    finally:
        release_garbage_collector()
