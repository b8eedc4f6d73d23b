"""Whatever text or YAML the loader is fed, it answers with a playbook or a PlaybookError, fast."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_tui.playbook import PlaybookError
from interview_tui.playbook.loader import LoadedPlaybook, load_loaded_text
from interview_tui.playbook.lint import lint

# Keys the model knows, so generated structures get past "unknown key" and into deeper checks.
KNOWN_KEYS = ["title", "phases", "id", "minutes", "questions", "text", "follow_ups", "tags", "name", "key",
              "mode", "guidance", "participant", "choices", "glossary", "term", "meaning", "length_minutes"]

yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(KNOWN_KEYS) | st.text(max_size=8), children, max_size=5),
    max_leaves=30,
)

# Fragments of YAML syntax, so arbitrary text often reaches the parser's odd corners.
yaml_fragments = st.lists(
    st.sampled_from(["title: ", "phases:", "\n", "  ", "- ", "&a ", "*a", "<<: ", "!!python/object ", "!tag ",
                     "[", "]", "{", "}", ", ", ": ", "'", '"', "#", "---\n", "? ", "|\n", ">-\n", "\t", "\x00",
                     "\x01", "\ufeff", "10", "yes", "~", "2024-01-01", "id: a", "minutes: 5"]) | st.text(max_size=5),
    max_size=40,
).map("".join)


def assert_loads_or_is_named(text: str) -> None:
    try:
        loaded = load_loaded_text(text, "fuzz.yaml")
    except PlaybookError as error:
        assert str(error).startswith("fuzz.yaml")
        return
    assert isinstance(loaded, LoadedPlaybook)
    lint(loaded)  # a playbook that loads can always be linted


# ~2.5 s for the four tests on this machine; the deadline bounds any single input.
@settings(max_examples=300, deadline=500, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_raises_nothing_but_a_playbook_error(text):
    assert_loads_or_is_named(text)


@settings(max_examples=300, deadline=500, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_fragments)
def test_arbitrary_yaml_ish_text_raises_nothing_but_a_playbook_error(text):
    assert_loads_or_is_named(text)


@settings(max_examples=300, deadline=500, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_values)
def test_arbitrary_yaml_structures_raise_nothing_but_a_playbook_error(value):
    assert_loads_or_is_named(yaml.safe_dump(value, allow_unicode=True))


@settings(max_examples=100, deadline=500)
@given(st.builds(
    lambda title, minutes, question: {"title": title, "phases": [{"id": "meaty", "title": "Meaty", "minutes": minutes,
                                                                 "guidance": "g", "questions": [question]}]},
    st.text(min_size=1, max_size=30), st.integers(1, 600), st.text(min_size=1, max_size=80),
))
def test_valid_looking_playbooks_load_or_are_named_and_always_lint(value):
    assert_loads_or_is_named(yaml.safe_dump(value, allow_unicode=True))
