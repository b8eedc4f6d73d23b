"""Every mistake in a hand-written playbook is named with its line, and nothing else escapes."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_tui.playbook import PlaybookError, bundled_playbooks, load_playbook, load_playbook_file, load_playbook_text
from interview_tui.playbook.lint import lint
from interview_tui.playbook.loader import MAX_PLAYBOOK_BYTES
from interview_tui.playbook.schema import playbook_schema_text

BROKEN = Path(__file__).resolve().parent / "playbooks_broken"
REPO = Path(__file__).resolve().parent.parent

# file -> (line, column, message, hint) of the first problem, exactly as the user reads it.
EXPECTED = {
    "empty.yaml": (1, 1, "is empty", "start from `interview new NAME`, or see docs/playbooks.md"),
    "binary.yaml": (1, None, "is not UTF-8 text (byte 0)", "save the file as UTF-8; is it the playbook you meant?"),
    "control-character.yaml": (1, 15, "contains the control character U+0001, which YAML does not allow", "remove it; is this the playbook you meant?"),
    "list-at-top.yaml": (1, 1, "the top of a playbook is a mapping with `title` and `phases`, not a list", "see docs/playbooks.md for a complete example"),
    "python-tag.yaml": (1, 8, "YAML tag `!!python/object/apply:os.system` is not allowed", "playbooks are plain data: remove the tag that starts with `!`"),
    "alias-bomb.yaml": (6, 4, "its aliases expand to more than 100,000 values", "a playbook needs no more than a few anchors (&) and aliases (*)"),
    "self-alias.yaml": (2, 9, "an alias here refers to a value that contains it", "an alias (`*name`) cannot point into its own anchor (`&name`)"),
    "deep-nesting.yaml": (2, 40, "nests more than 32 levels deep; a playbook needs six", "check the indentation and the brackets here"),
    "tab-indent.yaml": (3, 1, "YAML syntax: found character '\\t' that cannot start any token", "indent with spaces, not tabs"),
    "unclosed-quote.yaml": (3, 1, "YAML syntax: found unexpected end of stream, while scanning a quoted scalar that starts on line 1", "close the quote that starts there"),
    "two-documents.yaml": (4, 1, "YAML syntax: but found another document, expected a single document in the stream that starts on line 1", "a playbook is one YAML document: remove the `---` line, or split the file in two"),
    "missing-title.yaml": (1, 1, "`title` is missing", "add `title:` here (see docs/playbooks.md)"),
    "missing-phase-title.yaml": (3, 5, "`phases[0].title` is missing", "add `title:` here (see docs/playbooks.md)"),
    "no-phases.yaml": (2, 9, "`phases` needs at least one item", "a playbook needs at least one phase with id, title and minutes"),
    "zero-minutes.yaml": (5, 14, "`phases[0].minutes` must be more than 0 (found 0)", "give a positive number of minutes"),
    "minutes-text.yaml": (5, 14, "`phases[0].minutes` must be a number (found 'ten')", "write a number without quotes, e.g. 10"),
    "minutes-yes.yaml": (5, 14, "`phases[0].minutes` must be a number (found yes)", "write a number without quotes, e.g. 10"),
    "minutes-quoted.yaml": (5, 14, "`phases[0].minutes` must be a number (found '10')", "write a number without quotes, e.g. 10"),
    "question-number.yaml": (8, 9, "`phases[0].questions[1]` must be a question (found 42)", "write the question as text, or as `text:` with `follow_ups:`"),
    "duplicate-phase.yaml": (6, 9, "duplicate phase id `warm-up` (first on line 3)", "each phase id must be different"),
    "unknown-key.yaml": (6, 5, "unknown key `guidence` in phases[0]", "did you mean `guidance`?"),
    "unknown-top-key.yaml": (2, 1, "unknown key `purpse` in the playbook", "did you mean `purpose`?"),
    "bad-mode.yaml": (2, 7, "`mode` must be 'broad' or 'deep' (found 'wide')", "choose one of: broad, deep"),
    "duplicate-key.yaml": (2, 1, "key `title` appears twice in this mapping (first on line 1)", "keep one of them: YAML would silently use the last"),
    "bad-id.yaml": (3, 9, "`phases[0].id` has the wrong form (found 'Warm Up')", "phase ids are lower-case words joined by hyphens, e.g. warm-up"),
    "tag-key-too-long.yaml": (4, 10, "`tags[0].key` must be one character (found 'pp')", "a key is one character: a letter, a digit or a symbol"),
}


def test_the_corpus_is_all_covered():
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_playbook_is_named_with_its_line(name):
    path = BROKEN / name
    with pytest.raises(PlaybookError) as caught:
        load_playbook(path)
    problem = caught.value.problems[0]
    assert (problem.line, problem.column, problem.message, problem.hint) == EXPECTED[name]
    assert str(caught.value).startswith(f"{path}:{problem.line}")


def test_all_problems_of_a_file_are_reported_in_line_order(tmp_path):
    path = tmp_path / "many.yaml"
    path.write_text("title: Many\nphases:\n  - id: a\n    title: A\n    minutes: -1\n    guidence: x\n  - id: a\n    title: B\n    minutes: 2\n")
    with pytest.raises(PlaybookError) as caught:
        load_playbook(path)
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (5, "`phases[0].minutes` must be more than 0 (found -1)"),
        (6, "unknown key `guidence` in phases[0]"),
        (7, "duplicate phase id `a` (first on line 3)"),
    ]


def test_a_file_of_several_megabytes_is_refused_fast(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("title: Huge\nnotes: |\n" + ("  " + "x" * 99 + "\n") * 40_000)
    started = time.perf_counter()
    with pytest.raises(PlaybookError, match=f"a playbook is at most {MAX_PLAYBOOK_BYTES:,}"):
        load_playbook(path)
    assert time.perf_counter() - started < 0.5


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(PlaybookError, match="cannot be read: No such file or directory"):
        load_playbook(tmp_path / "nope.yaml")


@pytest.mark.parametrize("path", bundled_playbooks(), ids=lambda p: p.stem)
def test_every_bundled_playbook_loads_and_lints_clean(path):
    loaded = load_playbook_file(path)
    assert lint(loaded) == []
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../docs/playbook.schema.json"


def test_the_three_bundled_plays_are_there():
    playbooks = {p.stem: load_playbook(p) for p in bundled_playbooks()}
    assert set(playbooks) == {"customer-interview", "customer-interview-ko", "b2b-workflow"}
    assert playbooks["customer-interview-ko"].language == "ko"
    assert [p.id for p in playbooks["customer-interview-ko"].phases] == [p.id for p in playbooks["customer-interview"].phases]
    glossary = {entry.term for entry in playbooks["b2b-workflow"].glossary}
    assert {"lead", "listing", "account inheritance"} <= glossary
    minutes = [(p.id, p.minutes) for p in playbooks["customer-interview"].phases]
    assert minutes == [("housekeeping", 5), ("warm-up", 10), ("meaty", 20), ("observer", 10), ("turn-the-tables", 10), ("wrap-up", 10)]


def test_the_schema_file_in_docs_is_up_to_date():
    assert (REPO / "docs" / "playbook.schema.json").read_text(encoding="utf-8") == playbook_schema_text()
    schema = json.loads(playbook_schema_text())
    assert schema["required"] == ["title", "phases"] and schema["additionalProperties"] is False


def test_the_example_in_the_docs_loads_and_lints_clean(tmp_path):
    doc = (REPO / "docs" / "playbooks.md").read_text(encoding="utf-8")
    example = doc.split("## A complete example", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    assert lint(load_playbook_file(path)) == []


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["title", "phases", "id", "minutes", "questions", "text", "tags", "name", "key", "mode", "x"]) | st.text(max_size=8),
        children, max_size=5),
    max_leaves=30,
)


@settings(max_examples=300, deadline=500, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_raises_nothing_but_a_playbook_error(text):
    try:
        load_playbook_text(text, "fuzz.yaml")
    except PlaybookError as error:
        assert str(error).startswith("fuzz.yaml")


@settings(max_examples=300, deadline=500, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_values)
def test_arbitrary_yaml_structures_raise_nothing_but_a_playbook_error(value):
    text = yaml.safe_dump(value, allow_unicode=True)
    try:
        load_playbook_text(text, "fuzz.yaml")
    except PlaybookError as error:
        assert str(error).startswith("fuzz.yaml")
