"""Every mistake in a hand-written playbook is named with its line, and nothing else escapes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from interview_tui.playbook import PlaybookError, load_playbook, load_playbook_text
from interview_tui.playbook import bundled_playbooks
from interview_tui.playbook import loader as loader_module
from interview_tui.playbook.loader import MAX_PLAYBOOK_BYTES

BROKEN = Path(__file__).resolve().parent / "playbooks_broken"

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
    "unclosed-quote.yaml": (1, 8, "YAML syntax: found unexpected end of stream, while scanning a quoted scalar that starts on line 1", "close the quote that starts there"),
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


def test_every_problem_in_one_phase_list_is_named_and_shown_as_typed():
    with pytest.raises(PlaybookError) as caught:
        load_playbook(BROKEN / "missing-phase-title.yaml")
    assert [(p.line, p.column, p.message) for p in caught.value.problems] == [
        (3, 5, "`phases[0].title` is missing"),
        (5, 9, "`phases[1].id` must be text (found 2024-05-01)"),  # what was typed, not a Python date
    ]


def test_the_error_reads_file_line_column_message_then_the_hint():
    with pytest.raises(PlaybookError) as caught:
        load_playbook_text("title: Typo\nphases:\n  - id: a\n    title: A\n    minuts: 5\n", "study.yaml")
    assert str(caught.value).splitlines() == [
        "study.yaml:3:5: `phases[0].minutes` is missing",
        "  hint: add `minutes:` here (see docs/playbooks.md)",
        "study.yaml:5:5: unknown key `minuts` in phases[0]",
        "  hint: did you mean `minutes`?",
    ]


def test_a_file_with_hundreds_of_mistakes_shows_the_first_thirty_and_says_there_are_more():
    text = "title: Wrong file\nphases:\n" + "  - {id: Bad Id, title: A, minutes: 0}\n" * 200
    with pytest.raises(PlaybookError) as caught:
        load_playbook_text(text, "wrong.yaml")
    problems = caught.value.problems
    assert len(problems) == 31
    assert str(problems[-1]).startswith("wrong.yaml: and more problems after these 30")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("title: x\nphases:\n" + "  - x\n" * 30_000, "wrong.yaml:19998:5: holds more than 20,000 values"),
        ("title: x\nphases: " + "[" * 50_000 + "]" * 50_000, "wrong.yaml:2:40: nests more than 32 levels deep"),
    ],
    ids=["many values", "deep nesting"],
)
def test_a_big_wrong_file_under_the_size_limit_is_refused_early_and_fast(text, expected):
    started = time.perf_counter()
    with pytest.raises(PlaybookError) as caught:
        load_playbook_text(text, "wrong.yaml")
    # The line shows where reading stopped: long before the end of the file.
    assert str(caught.value).startswith(expected)
    # ~0.6 s alone here; without the limits 6 s for 1 MB of list items, and a RecursionError for the
    # brackets. The bound is loose so a busy machine does not fail it.
    assert time.perf_counter() - started < 3.0


def test_a_folder_is_not_a_playbook(tmp_path):
    with pytest.raises(PlaybookError, match="is a folder, not a playbook file"):
        load_playbook(tmp_path)


def test_a_python_tag_is_never_run(tmp_path):
    marker = tmp_path / "ran"
    text = f"title: !!python/object/apply:os.system ['touch {marker}']\nphases: []\n"
    with pytest.raises(PlaybookError, match="YAML tag `!!python/object/apply:os.system` is not allowed"):
        load_playbook_text(text, "evil.yaml")
    assert not marker.exists()


def test_a_byte_order_mark_and_windows_line_ends_are_fine(tmp_path):
    path = tmp_path / "windows.yaml"
    path.write_bytes("\ufefftitle: Windows\r\nphases:\r\n  - {id: a, title: A, minutes: 5}\r\n".encode())
    assert load_playbook(path).title == "Windows"


def test_anchors_and_aliases_in_reason_are_fine():
    text = "title: Shared\nphases:\n  - &five {id: a, title: A, minutes: 5, guidance: g}\n  - <<: *five\n    id: b\n"
    assert [p.id for p in load_playbook_text(text).phases] == ["a", "b"]


def test_an_unclosed_bracket_is_named_where_it_opens():
    with pytest.raises(PlaybookError) as caught:
        load_playbook_text("title: x\nphases: [\n  {id: a, title: A, minutes: 1}\n", "study.yaml")
    assert str(caught.value).splitlines() == [
        "study.yaml:2:9: YAML syntax: expected ',' or ']', but got '<stream end>', while parsing a flow sequence "
        "that starts on line 2",
        "  hint: close the bracket that starts there: ] for [ and } for {",
    ]


def _node_tree(node) -> list:
    shape = [(type(node).__name__, node.tag, node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)]
    if isinstance(node.value, list):
        for child in node.value:
            for part in child if isinstance(child, tuple) else (child,):
                shape += _node_tree(part)
    else:
        shape.append(node.value)
    return shape


@pytest.mark.skipif(loader_module._FastLoader is None, reason="PyYAML built without libyaml: the Python loader is the only one")
@pytest.mark.parametrize("path", bundled_playbooks(), ids=lambda p: p.name)
def test_the_libyaml_loader_reads_playbooks_as_the_python_one_does(path):
    """Lint points at lines and columns from the node tree: libyaml must give the same tree."""
    text = path.read_text(encoding="utf-8")
    fast = loader_module._FastLoader(text, str(path))
    slow = loader_module._GuardedSafeLoader(text, str(path))
    fast_root, slow_root = fast.get_single_node(), slow.get_single_node()
    assert _node_tree(fast_root) == _node_tree(slow_root)
    assert fast.construct_document(fast_root) == slow.construct_document(slow_root)
