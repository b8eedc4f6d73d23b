"""The bundled plays, the JSON Schema file and docs/playbooks.md stay true to the code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_tui.playbook import bundled_playbooks, load_playbook, load_playbook_file
from interview_tui.playbook.lint import lint
from interview_tui.playbook.loader import load_loaded_text
from interview_tui.playbook.schema import playbook_schema_text

REPO = Path(__file__).resolve().parent.parent
DOC = (REPO / "docs" / "playbooks.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", bundled_playbooks(), ids=lambda p: p.stem)
def test_every_bundled_playbook_loads_and_lints_clean(path):
    loaded = load_playbook_file(path)
    assert lint(loaded) == []
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../docs/playbook.schema.json"
    # The comment's relative path must reach the schema from the playbook's folder.
    assert (path.parent / "../docs/playbook.schema.json").resolve() == (REPO / "docs" / "playbook.schema.json")


def test_the_four_bundled_plays_are_there():
    playbooks = {p.stem: load_playbook(p) for p in bundled_playbooks()}
    assert set(playbooks) == {"customer-interview", "customer-interview-ko", "b2b-workflow", "b2b-workflow-zh"}
    english, korean, b2b = playbooks["customer-interview"], playbooks["customer-interview-ko"], playbooks["b2b-workflow"]
    minutes = [(p.id, p.minutes) for p in english.phases]
    assert minutes == [("housekeeping", 5), ("warm-up", 10), ("meaty", 20), ("observer", 10), ("turn-the-tables", 10), ("wrap-up", 10)]
    assert korean.language == "ko" and [(p.id, p.minutes) for p in korean.phases] == minutes
    segment = next(field for field in english.participant if field.id == "segment")
    assert segment.choices == ["fan", "critic", "almost bought", "switched to us", "switched away"]
    for playbook in (english, korean, b2b):
        assert playbook.prepare and playbook.participant and playbook.after and playbook.purpose
    assert {"lead", "listing", "account inheritance"} <= {entry.term for entry in b2b.glossary}
    assert b2b.purpose.startswith("Map how") and b2b.phases[0].guidance.startswith("State the purpose first")
    # The B2B play as a Chinese-speaking product team runs it: the same phases, their CRM words.
    chinese = playbooks["b2b-workflow-zh"]
    assert chinese.language == "zh-CN" and [p.id for p in chinese.phases] == [p.id for p in b2b.phases]
    assert {"线索", "房源", "客户交接", "公海"} <= {entry.term for entry in chinese.glossary}
    assert {"department", "position", "work_mode"} <= {field.id for field in chinese.participant}


def test_the_schema_file_in_docs_is_what_interview_schema_prints():
    assert (REPO / "docs" / "playbook.schema.json").read_text(encoding="utf-8") == playbook_schema_text()


def test_the_schema_lets_editors_complete_and_check_what_the_loader_accepts():
    schema = json.loads(playbook_schema_text())
    assert schema["required"] == ["title", "phases"] and schema["additionalProperties"] is False
    phase = schema["$defs"]["Phase"]
    assert phase["required"] == ["id", "title", "minutes"] and phase["additionalProperties"] is False
    # Plain-string questions are valid playbooks, so an editor must not flag them.
    assert {"type": "string", "minLength": 1} in phase["properties"]["questions"]["items"]["anyOf"]
    # Every key an author types gets a description on hover.
    for name, definition in [("Playbook", schema), *schema["$defs"].items()]:
        for key, prop in definition["properties"].items():
            assert prop.get("description"), f"{name}.{key} has no description"


def test_the_complete_example_in_the_docs_loads_and_lints_clean():
    example = DOC.split("## A complete example", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    assert lint(load_loaded_text(example, "example.yaml")) == []


def test_the_docs_name_every_key_of_the_format():
    schema = json.loads(playbook_schema_text())
    for definition in [schema, *schema["$defs"].values()]:
        for key in definition["properties"]:
            assert f"`{key}`" in DOC, f"docs/playbooks.md does not mention `{key}`"
