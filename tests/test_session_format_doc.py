"""docs/session-format.md stays true: every event type documented, examples shaped like real events."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from interview_tui.export import to_json_data
from interview_tui.session import Role, Session, fold, load_session
from interview_tui.session.events import EVENT_TYPES, Consent, Mark, QuestionStatus

REPO = Path(__file__).resolve().parent.parent
DOC = (REPO / "docs" / "session-format.md").read_text()
EXAMPLES = [json.loads(line) for line in re.findall(r'^\{"seq".*\}$', DOC, flags=re.MULTILINE)]


@pytest.fixture
def real_events(sessions_root, playbook, clock) -> dict[str, dict]:
    """One event of every type, written by the real core."""
    session = Session.create(sessions_root, playbook, participant={"name": "Dana"}, clock=clock)
    session.start_clock()
    session.record_consent(Consent.YES)
    session.mark_recording_started()
    session.mark_question(0, QuestionStatus.ASKED)
    session.save_draft(Role.SCRIBE, "half")
    note = session.add_note(Role.SCRIBE, "a note #pain")
    session.tag_note(note.id, "quote")
    session.edit_note(note.id, "the note #pain")
    session.delete_note(note.id)
    session.set_backdate_default(Role.SCRIBE, 10)
    session.extend_phase(1)
    session.pause_clock()
    session.next_phase()
    session.tick()
    clock.sleep_machine(600)
    session.tick()
    question = session.add_note(Role.OBSERVER, "why? #question")
    session.mark_queue_item(question.id, "asked")
    session.tick_checklist_item(0, phase_id="housekeeping")
    scribe = Session.join(session.folder, ("Bo", Role.SCRIBE), clock=clock)
    scribe.take_driving()
    scribe.close()
    session.close()
    resumed = Session.resume(session.folder, clock=clock)
    resumed.end()
    resumed.close()
    debrief = Session.resume(session.folder, clock=clock, debrief=True)
    debrief.mark_note(question.id, Mark.VALUABLE)
    problem = debrief.create_problem("The report is manual")
    debrief.edit_problem(problem, "The report is manual", ["three tools"])
    debrief.group_note(question.id, problem)
    log, _ = load_session(session.folder)
    return {event["type"]: event for event in log.events}


def test_every_event_type_is_in_the_table_and_has_an_example():
    for event_type in EVENT_TYPES:
        assert f"| `{event_type}` |" in DOC, f"docs/session-format.md does not document {event_type}"
    assert {example["type"] for example in EXAMPLES} == set(EVENT_TYPES)


def test_each_example_has_exactly_the_keys_the_core_writes(real_events):
    assert set(real_events) == set(EVENT_TYPES)
    for example in EXAMPLES:
        real = {key for key in real_events[example["type"]] if not key.startswith("_")}
        assert set(example) == real, example["type"]


def test_the_documented_clock_arithmetic_is_what_the_fold_computes(playbook):
    events = [dict(example) for example in EXAMPLES]
    events[0]["playbook"] = playbook.to_data()  # shortened in the doc
    state = fold(sorted(events, key=lambda event: event["t"]))
    note = next(note for note in state.notes if note.role == Role.OBSERVER)
    assert (note.t, note.clock) == (171.0, 111.0)
    assert "has the interview clock `01:51`" in DOC and state.ended
    assert [(p.title, p.whys, p.notes) for p in state.problems.values()] == [
        ("The Friday report is rebuilt by hand", ("The numbers live in three tools", "The ERP export breaks on accents"), (note.id,))
    ]


def test_the_json_export_example_has_the_keys_the_export_writes():
    documented = json.loads(DOC.split("## `interview export --format json`")[1].split("```json")[1].split("```")[0])
    real = to_json_data(*load_session(REPO / "sessions" / "20261103-100000-da7a"))
    assert set(documented) == set(real)
    assert set(documented["session"]) == set(real["session"])
    assert set(documented["notes"][0]) == set(real["notes"][0])
    assert documented["notes"][0] == next(n for n in real["notes"] if n["id"] == documented["notes"][0]["id"])
    header = json.loads(re.search(r'^\{"format".*\}$', DOC, flags=re.MULTILINE).group())
    sample = (REPO / "sessions" / "20261103-100000-da7a" / "w3c9f2a17.jsonl").read_text().splitlines()[0]
    assert header == json.loads(sample)


def test_every_documented_example_passes_the_readers_field_checks():
    from interview_tui.session.validation import event_problem

    for example in EXAMPLES:
        assert event_problem(example) is None, example
