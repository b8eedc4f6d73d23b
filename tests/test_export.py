"""Exports read like a write-up (md) and carry every note for other tools (json)."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from interview_tui.cli import main
from interview_tui.export import to_json_data, to_markdown
from interview_tui.session import Role, Session, load_session

SAMPLE = Path(__file__).resolve().parent.parent / "sessions" / "20261103-100000-dana"


def test_json_has_the_session_and_every_note_with_role_tags_phase_t_and_at():
    log, state = load_session(SAMPLE)
    data = to_json_data(log, state)
    assert data["session"]["participant"]["name"] == "Dana (P03)"
    assert data["session"]["playbook"] == "Customer interview"
    assert data["session"]["started_at"] == "2026-11-03T10:00:00.000+01:00"
    note = next(n for n in data["notes"] if "#quote" in n["text"])
    assert set(note) >= {"role", "text", "tags", "phase", "t", "at"}
    assert note["role"] == "scribe" and note["phase"] == "meaty" and "quote" in note["tags"]
    assert note["question"] == "Walk me through the last time you did this task, from the very start."
    assert note["recording"] == note["t"] - 50.0  # the recording started 50 s in
    assert len(data["notes"]) == len(state.live_notes()) == 23


def test_markdown_reads_like_a_write_up_grouped_by_phase():
    log, state = load_session(SAMPLE)
    text = to_markdown(log, state)
    assert text.startswith("# Customer interview: Dana \\(P03\\)\n") or text.startswith("# Customer interview: Dana (P03)\n")
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    assert headings == [f"### {title}" for title in (
        "Housekeeping", "Warm-up questions", "Meaty questions", "Observer questions", "Turn the tables", "Wrap-up")]
    assert "## Quotes" in text and "## Follow-ups" in text
    assert "- [ ] Send Dana a redacted copy of the Friday report template #follow-up" in text


def test_markdown_shows_user_text_as_typed_when_rendered(sessions_root, playbook, clock):
    session = Session.create(sessions_root, playbook, participant={"name": "<b>Kim</b>"}, clock=clock)
    session.add_note(Role.SCRIBE, "[laughs] *really* <script>x</script> | pipe\nsecond line \x1b[31m")
    log, state = load_session(session.folder)
    text = to_markdown(log, state)
    assert "\\[laughs\\] \\*really\\* \\<script\\>x\\</script\\> \\| pipe second line \u241b\\[31m" in text
    assert "# Customer interview: \\<b\\>Kim\\</b\\>" in text


def test_deleted_notes_are_left_out_and_edits_applied(sessions_root, playbook, clock):
    session = Session.create(sessions_root, playbook, clock=clock)
    kept = session.add_note(Role.SCRIBE, "frist")
    gone = session.add_note(Role.SCRIBE, "oops")
    session.edit_note(kept.id, "first")
    session.delete_note(gone.id)
    log, state = load_session(session.folder)
    assert [n["text"] for n in to_json_data(log, state)["notes"]] == ["first"]


def test_cli_export_last_to_stdout_and_to_a_private_file(sessions_root, playbook, clock, capsys, tmp_path):
    session = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock)
    session.add_note(Role.OBSERVER, "관찰 노트 #observation")
    assert main(["export", "last", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["notes"][0]["text"] == "관찰 노트 #observation"
    target = tmp_path / "write-up.md"
    assert main(["export", session.id[:12], "-o", str(target)]) == 0
    assert "관찰 노트" in target.read_text() and stat.S_IMODE(target.stat().st_mode) == 0o600


def test_cli_export_of_an_unknown_session_is_one_line_and_exit_2(sessions_root, capsys):
    assert main(["export", "nope"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("interview: error: no session")


def test_cli_export_warns_about_skipped_lines_on_stderr(sessions_root, playbook, clock, capsys):
    session = Session.create(sessions_root, playbook, clock=clock)
    session.add_note(Role.SCRIBE, "kept")
    with open(session.writer.path, "ab") as handle:
        handle.write(b'{"torn')
    assert main(["export", "last", "--format", "md"]) == 0
    captured = capsys.readouterr()
    assert "kept" in captured.out
    assert "incomplete last line" in captured.err and ":4:" in captured.err


def test_cli_list_shows_newest_first_with_state_and_survives_a_broken_folder(sessions_root, playbook, clock, capsys):
    ended = Session.create(sessions_root, playbook, participant={"name": "[bold]Kim[/bold]"}, clock=clock, session_id="20261101-100000-aaaa")
    ended.start_clock()
    ended.add_note(Role.SCRIBE, "x")
    ended.end()
    Session.create(sessions_root, playbook, participant={"name": "Lee"}, clock=clock, session_id="20261102-100000-bbbb")
    broken = sessions_root / "20261103-100000-cccc"
    broken.mkdir()
    (broken / "w.jsonl").write_text("not json\n")
    assert main(["list"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].split() == ["id", "date", "participant", "playbook", "notes", "state"]
    assert rows[1].startswith("20261103-100000-cccc") and "unreadable" in rows[1]
    assert rows[2].startswith("20261102-100000-bbbb") and rows[2].rstrip().endswith("not started")
    assert "[bold]Kim[/bold]" in rows[3] and rows[3].rstrip().endswith("ended")


@pytest.mark.parametrize("command", [["export", str(SAMPLE), "--format", "md"], ["list"]])
def test_session_commands_do_not_import_textual(command, tmp_path):
    code = (
        "import sys; from interview_tui.cli import main; main(sys.argv[1:]); "
        "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules), 'textual imported'"
    )
    env = {"INTERVIEW_SESSIONS_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", code, *command], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
