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
    assert capsys.readouterr().out == f"{path}: not ok, 1 phase, 20 minutes, 2 warnings (failing under --strict)\n"


def test_validate_errors_every_kind_of_file_without_a_traceback(capsys):
    broken = sorted(str(path) for path in BROKEN.glob("*.yaml"))
    assert main(["validate", *broken]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Traceback" not in captured.err
    for path in broken:
        assert f"{path}:" in captured.err


def test_validate_a_misspelt_name_suggests_the_right_one(capsys):
    assert main(["validate", "customer-intervew"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "customer-intervew: no such playbook file or name",
        "  hint: did you mean `customer-interview`?",
    ]


def test_validate_an_unknown_name_lists_the_names_there_are(capsys):
    assert main(["validate", "onboarding"]) == 2
    assert capsys.readouterr().err.splitlines()[1] == (
        "  hint: give a path to a .yaml file, or one of: b2b-workflow-zh, b2b-workflow, customer-interview-ko, customer-interview "
        "(see `interview playbooks`)"
    )


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
    target = tmp_path / "crm-study.yaml"
    assert main(["new", str(target), "--from", "b2b-workflow"]) == 0
    text = target.read_text()
    assert "account inheritance" in text and "title: Crm study\n" in text
    assert main(["new", str(target)]) == 2
    assert capsys.readouterr().err == f"interview: error: {target} already exists; choose another name, or --force to overwrite it\n"
    assert main(["new", str(target), "--force"]) == 0
    assert main(["validate", "--strict", str(target)]) == 0


def test_new_points_the_copy_at_a_schema_beside_it(tmp_path):
    target = tmp_path / "study" / "onboarding.yaml"
    assert main(["new", str(target), "--from", "customer-interview-ko"]) == 0
    assert target.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=./playbook.schema.json"
    schema = json.loads((target.parent / "playbook.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "interview-tui playbook"


def test_new_keeps_a_schema_file_it_did_not_write(tmp_path):
    theirs = tmp_path / "playbook.schema.json"
    theirs.write_text("{\"title\": \"their own\"}")
    assert main(["new", str(tmp_path / "mine.yaml")]) == 0
    assert theirs.read_text() == "{\"title\": \"their own\"}"


def test_new_refuses_a_name_that_is_not_a_name(capsys):
    assert main(["new", "my study!"]) == 2
    assert "a playbook name is letters, digits, - and _" in capsys.readouterr().err


def test_run_and_validate_take_a_user_playbook_by_name(capsys):
    assert main(["new", "team-play"]) == 0
    assert main(["validate", "team-play"]) == 0
    assert "team-play.yaml: ok" in capsys.readouterr().out
