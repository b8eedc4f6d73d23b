"""`interview list` and `interview export` as a user runs them."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from interview_tui.cli import main
from interview_tui.session import Role, Session

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sessions" / "20261103-100000-da7a"


@pytest.fixture
def seoul_time(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Seoul")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("interview: error: ")
    return err[0]


def test_list_is_newest_first_with_local_dates_states_and_user_text_as_typed(sessions_root, playbook, clock, capsys, seoul_time):
    ended = Session.create(sessions_root, playbook, participant={"name": "[bold]Kim[/bold]"}, clock=clock, session_id="20261101-100000-aaaa")
    ended.start_clock()
    ended.add_note(Role.SCRIBE, "x")
    ended.add_note(Role.OBSERVER, "y")
    ended.end()
    running = Session.create(sessions_root, playbook, participant={"name": "이서연"}, clock=clock, session_id="20261102-100000-bbbb")
    running.start_clock()
    Session.create(sessions_root, playbook, participant={"name": "Lee"}, clock=clock, session_id="20261103-100000-cccc")
    assert main(["list"]) == 0
    rows = [row.split() for row in capsys.readouterr().out.splitlines()]
    assert rows[0] == ["id", "date", "(UTC+09:00)", "participant", "playbook", "notes", "state"]  # says the zone
    # The fake clock's 14:00 at UTC+01:00 is 22:00 in Seoul.
    assert rows[1] == ["20261103-100000-cccc", "2026-11-22", "22:00", "Lee", "Customer", "interview", "0", "not", "started"]
    assert rows[2] == ["20261102-100000-bbbb", "2026-11-22", "22:00", "이서연", "Customer", "interview", "0", "unfinished"]
    assert rows[3] == ["20261101-100000-aaaa", "2026-11-22", "22:00", "[bold]Kim[/bold]", "Customer", "interview", "2", "ended"]


def test_list_shows_a_corrupt_folder_as_a_row_and_goes_on(sessions_root, playbook, clock, capsys):
    Session.create(sessions_root, playbook, participant={"name": "Lee"}, clock=clock, session_id="20261101-100000-aaaa")
    newer = sessions_root / "20261105-100000-dddd"
    newer.mkdir()
    (newer / "w1.jsonl").write_text('{"format":"interview-tui-session","version":99}\n')
    junk = sessions_root / "20261104-100000-eeee"
    junk.mkdir()
    (junk / "w1.jsonl").write_text("not json\n")
    assert main(["list"]) == 0
    captured = capsys.readouterr()
    rows = captured.out.splitlines()
    assert rows[1].split() == ["20261105-100000-dddd", "unreadable"]
    assert rows[2].split() == ["20261104-100000-eeee", "unreadable"]
    assert rows[3].startswith("20261101-100000-aaaa") and "Lee" in rows[3]
    assert "20261105-100000-dddd" in captured.err and "version 99" in captured.err


def test_list_of_an_empty_sessions_folder_says_how_to_start(tmp_path, capsys, monkeypatch):
    (tmp_path / "empty").mkdir()
    assert main(["list", "--sessions-dir", str(tmp_path / "empty")]) == 0
    assert "No sessions in" in capsys.readouterr().out
    monkeypatch.setenv("INTERVIEW_SESSIONS_DIR", str(tmp_path / "not-yet"))  # no sessions yet: fine
    assert main(["list"]) == 0


def test_list_of_a_file_or_a_mistyped_folder_is_an_error_with_a_suggestion(tmp_path, capsys):
    (tmp_path / "sessions").mkdir()
    (tmp_path / "notes.txt").write_text("x")
    assert main(["list", "--sessions-dir", str(tmp_path / "notes.txt")]) == 2
    assert f"{tmp_path / 'notes.txt'} is a file, not a folder of sessions" in capsys.readouterr().err
    assert main(["list", "--sessions-dir", str(tmp_path / "sesions")]) == 2
    assert f"did you mean {tmp_path / 'sessions'}?" in capsys.readouterr().err


def test_a_mistyped_command_gets_did_you_mean(capsys):
    assert main(["lsit"]) == 2
    assert "unknown command 'lsit'; did you mean 'list'?" in capsys.readouterr().err


def test_a_command_line_builds_its_own_command_only_and_parses_as_the_whole_parser_does():
    """`interview run` builds run's parser, not the nineteen others (7M instructions of every start):
    each command's parser, help and defaults are the same as in the whole one."""
    from interview_tui.cli import build_parser

    def commands(parser):
        return next(action for action in parser._actions if action.dest == "command").choices

    whole = commands(build_parser())
    assert len(whole) >= 15
    for name, full in whole.items():
        alone = commands(build_parser(name))
        assert list(alone) == [name]
        assert alone[name].format_help() == full.format_help()
        assert alone[name]._defaults == full._defaults  # the handler, and what it shows
    assert list(commands(build_parser("lsit"))) == list(whole)  # not a command: all of them, for the error


def test_list_of_the_shipped_sample(capsys):
    assert main(["list", "--sessions-dir", str(SAMPLE.parent)]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert [row.split()[0] for row in rows] == ["20261110-160000-5e0b", "20261105-140000-1ee0", "20261103-100000-da7a"]
    assert "Dana Whitfield" in rows[2] and rows[2].split()[-2:] == ["26", "ended"]
    assert "김민지" in rows[0] and "고객 인터뷰" in rows[0]


def test_export_last_to_stdout_as_md_and_json(sessions_root, playbook, clock, capsys):
    session = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock)
    session.add_note(Role.OBSERVER, "관찰 노트 #observation")
    assert main(["export", "last", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["notes"][0]["text"] == "관찰 노트 #observation"
    assert main(["export", session.id[:12], "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Customer interview with Ana, 2026-11-22\n") and "Observer: 관찰 노트 #observation" in out


def test_export_by_path_to_a_private_file(tmp_path, capsys):
    target = tmp_path / "write-up.json"
    assert main(["export", str(SAMPLE), "--format", "json", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text())["session"]["participant"]["name"] == "Dana Whitfield"


def test_export_overwrites_an_existing_file_and_makes_it_private(tmp_path):
    target = tmp_path / "write-up.md"
    target.write_text("old")
    os.chmod(target, 0o644)
    assert main(["export", str(SAMPLE), "-o", str(target)]) == 0
    assert target.read_text().startswith("# Customer interview with Dana Whitfield")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("reference", ["nope", "../sessions", "20261"])
def test_export_of_an_unknown_or_ambiguous_session_is_one_line_and_exit_2(sessions_root, playbook, clock, capsys, reference):
    Session.create(sessions_root, playbook, clock=clock, session_id="20261101-100000-aaaa")
    Session.create(sessions_root, playbook, clock=clock, session_id="20261102-100000-bbbb")
    assert main(["export", reference]) == 2
    line = one_error_line(capsys)
    assert ("matches 2 sessions" in line) if reference == "20261" else ("no session" in line)


def test_export_of_a_newer_format_is_refused_in_one_line(tmp_path, capsys):
    folder = tmp_path / "20261101-100000-aaaa"
    folder.mkdir()
    (folder / "w1.jsonl").write_text('{"format":"interview-tui-session","version":2}\n')
    assert main(["export", str(folder)]) == 2
    assert "upgrade interview-tui" in one_error_line(capsys)


def test_export_into_a_missing_folder_is_one_line(tmp_path, capsys):
    assert main(["export", str(SAMPLE), "-o", str(tmp_path / "missing" / "x.md")]) == 2
    assert "cannot be written" in one_error_line(capsys)


def test_export_warns_about_skipped_lines_on_stderr_and_still_exports(sessions_root, playbook, clock, capsys):
    session = Session.create(sessions_root, playbook, clock=clock)
    session.add_note(Role.SCRIBE, "kept")
    with open(session.writer.path, "ab") as handle:
        handle.write(b'{"torn')
    assert main(["export", "last", "--format", "md"]) == 0
    captured = capsys.readouterr()
    assert "Scribe: kept" in captured.out
    assert captured.err.strip() == (
        f"interview: warning: skipped {session.writer.path}:4: incomplete last line (the writer was stopped mid-write); skipped"
    )


def test_sessions_dir_option_wins_over_the_environment(sessions_root, tmp_path, capsys):
    other = tmp_path / "other"
    shutil.copytree(SAMPLE, other / SAMPLE.name)
    assert main(["export", "last", "--sessions-dir", str(other), "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["session"]["id"] == SAMPLE.name


@pytest.mark.parametrize("command", [["export", "last", "--format", "md"], ["export", "last", "--format", "json"], ["list"]])
def test_session_commands_do_not_import_textual(command, tmp_path):
    shutil.copytree(SAMPLE, tmp_path / SAMPLE.name)
    code = (
        "import sys; from interview_tui.cli import main; code = main(sys.argv[1:]); "
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')); "
        "print('textual modules:', loaded, file=sys.stderr); sys.exit(3 if loaded else code)"
    )
    env = {**os.environ, "INTERVIEW_SESSIONS_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code, *command], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert "Dana Whitfield" in result.stdout


def test_an_empty_unfinished_session_can_be_discarded_and_one_with_notes_cannot(sessions_root, playbook, clock, capsys):
    empty = Session.create(sessions_root, playbook, participant={"name": "Oops"}, clock=clock, session_id="20261101-100000-aaaa")
    empty.close()
    kept = Session.create(sessions_root, playbook, participant={"name": "Kim"}, clock=clock, session_id="20261102-100000-bbbb")
    kept.add_note(Role.SCRIBE, "a note")
    kept.close()
    assert main(["discard", "20261101"]) == 0
    assert not empty.folder.exists() and "Discarded the empty session 20261101-100000-aaaa" in capsys.readouterr().out
    assert main(["discard", "20261102"]) == 2
    assert kept.folder.exists() and "has notes" in capsys.readouterr().err
