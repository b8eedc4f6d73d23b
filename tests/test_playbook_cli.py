"""`interview validate`, `schema`, `playbooks` and `new`, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from interview_tui.cli import main

BROKEN = Path(__file__).resolve().parent / "playbooks_broken"


def test_validate_a_good_playbook_by_name(capsys):
    assert main(["validate", "customer-interview"]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith("customer-interview.yaml: ok, 6 phases, 65 minutes")


def test_validate_reports_errors_with_lines_and_exits_2(capsys):
    assert main(["validate", str(BROKEN / "unknown-key.yaml"), "b2b-workflow"]) == 2
    captured = capsys.readouterr()
    assert f"{BROKEN / 'unknown-key.yaml'}:6:5: unknown key `guidence` in phases[0]\n  hint: did you mean `guidance`?" in captured.err
    assert "b2b-workflow.yaml: ok" in captured.out  # the good one is still checked


def test_lint_warnings_fail_only_with_strict(tmp_path, capsys):
    path = tmp_path / "leading.yaml"
    path.write_text(
        "title: Leading\nphases:\n  - id: meaty\n    title: Meaty\n    minutes: 20\n    guidance: Dig.\n"
        "    questions:\n      - Don't you think the export is too slow?\n      - Do you use reports?\n"
    )
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert f"{path}:8:9: warning: leading question" in err and f"{path}:9:9: warning: yes/no question" in err
    assert main(["validate", "--strict", str(path)]) == 2


def test_too_many_main_questions_and_too_many_minutes_are_warned(tmp_path, capsys):
    questions = "".join(f"      - How did step {i} go?\n" for i in range(12))
    path = tmp_path / "long.yaml"
    path.write_text(f"title: Long\nlength_minutes: 30\nphases:\n  - id: meaty\n    title: Meaty\n    minutes: 40\n    guidance: Dig.\n    questions:\n{questions}")
    assert main(["validate", "--strict", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:2:17: warning: the phases add up to 40 minutes, more than `length_minutes` (30)" in err
    assert f"{path}:9:7: warning: 12 questions in the main phase `meaty` for a 30-minute interview" in err


def test_schema_is_json_with_descriptions_for_completion(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    phase = schema["$defs"]["Phase"]
    assert phase["properties"]["minutes"]["description"].startswith("Planned length in minutes")
    assert phase["properties"]["minutes"]["exclusiveMinimum"] == 0


def test_playbooks_lists_bundled_and_user_playbooks(capsys):
    assert main(["new", "my-study"]) == 0
    capsys.readouterr()
    assert main(["playbooks"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].split() == ["name", "title", "language", "phases", "minutes", "where"]
    by_name = {row.split()[0]: row for row in rows[1:] if row.strip() and not row.startswith("Your")}
    assert by_name["my-study"].split()[-1] == "yours"
    assert "고객 인터뷰" in by_name["customer-interview-ko"] and " ko " in by_name["customer-interview-ko"]
    assert by_name["b2b-workflow"].split()[-3:] == ["6", "75", "bundled"]


def test_new_writes_a_starting_file_and_never_overwrites(tmp_path, capsys):
    target = tmp_path / "study.yaml"
    assert main(["new", str(target), "--from", "b2b-workflow"]) == 0
    assert "B2B workflow interview" in target.read_text()
    assert main(["new", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["new", str(target), "--force"]) == 0
    assert main(["validate", str(target)]) == 0


def test_run_and_validate_take_a_user_playbook_by_name(capsys):
    assert main(["new", "team-play"]) == 0
    assert main(["validate", "team-play"]) == 0
    assert "team-play.yaml: ok" in capsys.readouterr().out
