"""The fast paths a report over many sessions takes give exactly what the plain ones gave: the same
notes from the fold, the same figures in the report."""

from __future__ import annotations

import dataclasses
import gc
import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from interview_tui.i18n import _
from interview_tui.export.report import (
    QUOTE_TAG,
    TOP_QUOTES,
    Cell,
    PhaseTiming,
    Report,
    build_report,
    count_segments,
    participant_label,
    segment_choices,
    segment_identity,
    to_csv,
    to_markdown,
)
from interview_tui.session import Role, Session, load_session
from interview_tui.session.events import FOLLOW_UP_TAG, FORMAT_NAME, FORMAT_VERSION, Mark
from interview_tui.session.load import bulk_reading
from interview_tui.session.log import read_session_log
from interview_tui.session.state import MALFORMED_EVENT_ERRORS, Note, SessionState, _new_note


# -- the fold ------------------------------------------------------------------------------------------------
def test_the_fold_makes_the_same_frozen_note_as_the_constructor():
    fields = dict(id="n1", role=Role.SCRIBE, text="t #pain", tags=("pain",), phase="warm-up", t=12.5, clock=10.0,
                  at="2026-11-22T10:00:00+00:00", writer="w1", question=2, backdate=2.5, author="Bo", late=True)
    fast = _new_note(*fields.values())
    plain = Note(**fields)
    assert fast == plain and hash(fast) == hash(plain)
    assert dataclasses.asdict(fast) == dataclasses.asdict(plain)
    assert dataclasses.replace(fast, text="edited") == Note(**{**fields, "text": "edited"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.text = "changed"  # type: ignore[misc]


def test_a_malformed_role_is_still_reported_and_skipped(tmp_path, sessions_root, playbook, clock):
    session = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock)
    session.add_note(Role.SCRIBE, "kept")
    session.close()
    path = next(session.folder.glob("*.jsonl"))
    with path.open("a") as handle:
        for seq, role in ((50, "janitor"), (51, ["scribe"])):
            handle.write(json.dumps({"seq": seq, "type": "note_added", "t": 50.0, "at": "2026-11-22T10:00:00+00:00", "writer": path.stem,
                                     "note": f"x{seq}", "role": role, "text": "t", "tags": [], "phase": "housekeeping"}) + "\n")
    log, state = load_session(session.folder)
    assert [note.text for note in state.notes] == ["kept"]
    assert len(log.problems) == 2


def team_log_with_broken_events(sessions_root, playbook, clock) -> list[dict]:
    """A team session's merged events, with what a note can meet in a log: drafts, backdates, a
    paused clock, question and follow-up tags, edits, a late note, a copied note, and hand edits the
    fold must refuse (a phase or question the playbook lacks, a role that is none)."""
    host = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock, member=("Ana", Role.INTERVIEWER))
    scribe = Session.join(host.folder, ("Bo", Role.SCRIBE), clock=clock)
    host.start_clock()
    for number in range(30):
        clock.advance(7)
        writer = (host, scribe)[number % 2]
        role = Role.INTERVIEWER if writer is host else Role.SCRIBE
        if number % 4 == 0:
            writer.save_draft(role, f"typing {number}")
        note = writer.add_note(role, f"note {number} #t{number % 3}" + (" #question" if number % 5 == 0 else " #follow-up" if number % 5 == 1 else ""),
                               backdate=(number % 3) * 15.0 or None)  # some reach back before the clock started
        if number % 6 == 5:
            writer.edit_note(note.id, f"edited {number} #quote")
        if number == 10:
            host.pause_clock()
        if number == 13:
            host.start_clock()
        if number % 9 == 8:
            host.next_phase()
        scribe.poll_others()
        host.poll_others()
    scribe.save_draft(Role.SCRIBE, "still typing")
    host.save_draft(Role.INTERVIEWER, "never sent")
    clock.advance(1)
    host.end()
    scribe.poll_others()
    clock.advance(1)
    scribe.add_late_note(Role.SCRIBE, "what was being typed #late")
    for session in (host, scribe):
        session.close()
    events = read_session_log(host.folder).events
    template = next(event for event in events if event["type"] == "note_added")
    broken = [
        {**template, "seq": 900, "note": "x-phase", "phase": "no-such-phase"},
        {**template, "seq": 901, "note": "x-question", "question": 99},
        {**template, "seq": 902, "note": "x-role", "role": "janitor"},
        {**template, "seq": 903, "note": "x-listed-role", "role": ["scribe"]},
        # A phase the playbook lacks: refused once the running clock was stopped, which the next note sees.
        {**template, "seq": 909, "type": "phase_changed", "phase": "no-such-phase", "t": 5000.0},
        {**template, "seq": 910, "note": "after-the-refusal", "role": "scribe", "t": 6000.0},
        {**template, "seq": 904, "note": "out-of-order", "role": "scribe", "t": 0.0},  # a hand-edited time before the clock ran
        {**template, "seq": 905},  # the same note again: counted once
        {**template, "seq": 906, "type": "phase_changed", "phase": "wrap-up"},  # steering after the end: ignored
        {**template, "seq": 907, "type": "from_a_newer_version"},
        {**template, "seq": 908, "note": "after-the-end", "role": "scribe"},  # late, though it does not say so
    ]
    ended = max(index for index, event in enumerate(events) if event["type"] == "session_ended")
    return [{**template, "seq": 899, "note": "before-created"}, *events[:ended], *broken[:7], *events[ended:], *broken[7:]]


def test_folding_a_whole_log_at_once_gives_what_applying_each_event_gives(sessions_root, playbook, clock):
    events = team_log_with_broken_events(sessions_root, playbook, clock)
    one_by_one, refused_one_by_one = SessionState(), []
    for event in events:
        try:
            one_by_one.apply(event)
        except MALFORMED_EVENT_ERRORS as error:
            refused_one_by_one.append((event["seq"], type(error), str(error)))
    at_once, refused_at_once = SessionState(), []
    at_once.apply_all(events, lambda event, error: refused_at_once.append((event["seq"], type(error), str(error))))
    assert at_once == one_by_one  # every field, every note's every field
    assert all(type(note) is Note for note in at_once.notes)
    assert refused_at_once == refused_one_by_one
    assert [seq for seq, _type, _message in refused_at_once] == [899, 900, 901, 902, 903, 909]
    # What the log holds shows: a team's bylines, a late note, backdated clocks, drafts taken by notes.
    assert at_once.is_team and {note.author for note in at_once.notes} == {"Ana", "Bo"}
    late = [note for note in at_once.notes if note.late]
    assert [late[0].text, late[1].id] == ["what was being typed #late", "after-the-end"] and len(late) == 2
    assert any(note.clock != note.t for note in at_once.notes) and at_once.drafts == {Role.INTERVIEWER: "never sent"}
    assert at_once.unknown_events == 1 and at_once.follow_ups()


def test_bulk_reading_turns_the_collector_back_on():
    assert gc.isenabled()
    with bulk_reading():
        assert not gc.isenabled()
    assert gc.isenabled()


# -- the report ----------------------------------------------------------------------------------------------
def naive_report(states) -> Report:
    """The report as it was computed before it was made fast: one note at a time, a full sort for the top 3."""
    participants, phases, phase_titles, follow_ups, timing = [], [], {}, [], {}
    sheet = defaultdict(lambda: defaultdict(list))
    tag_totals = Counter()
    segment_keys, segment_labels = [], {}
    tag_by_phase, quotes = defaultdict(Counter), defaultdict(list)
    for state in states:
        if state.playbook is None:
            continue
        who = participant_label(state)
        participants.append(who)
        # Segments by identity, every listed one counted, zero too (issue 11): the same in both.
        segment_keys.append(segment_identity(state))
        for index, label in enumerate(segment_choices(state)):
            segment_labels.setdefault(index, []).append(label)
        end = state.ended_t if state.ended_t is not None else state.last_t
        for phase in state.playbook.phases:
            if phase.id not in phase_titles:
                phases.append(phase.id)
                phase_titles[phase.id] = phase.title
            row = timing.setdefault(phase.id, PhaseTiming(phase.title))
            row.planned.append(state.phase_planned(phase.id))
            row.actual.append(state.phase_spent(phase.id, end))
        for note in state.live_notes():
            byline = state.byline(note)
            noted = _("{participant}, noted by {writer}").format(participant=who, writer=byline) if byline else who
            for tag in note.tags:
                sheet[tag][who].append(note)
                tag_totals[tag] += 1
                tag_by_phase[tag][note.phase] += 1
            if QUOTE_TAG in note.tags:
                for tag in note.tags:
                    if tag != QUOTE_TAG:
                        quotes[tag].append((noted, note))
                quotes[QUOTE_TAG].append((noted, note))
            if FOLLOW_UP_TAG in note.tags and state.queue_status.get(note.id, "open") == "open":
                follow_ups.append((noted, note))
    valuable = {note_id for state in states for note_id, marks in state.marks.items() if Mark.VALUABLE in marks}
    for items in quotes.values():
        items.sort(key=lambda item: (item[1].id not in valuable, item[1].at))
        del items[TOP_QUOTES:]
    segments = count_segments(segment_keys, segment_labels)
    return Report(
        sessions=len(participants), participants=participants,
        tags=[tag for tag, _ in sorted(tag_totals.items(), key=lambda item: (-item[1], item[0]))],
        sheet={tag: {who: Cell(tuple(notes)) for who, notes in by_who.items()} for tag, by_who in sheet.items()},
        phases=phases, phase_titles=phase_titles, tag_by_phase=dict(tag_by_phase), quotes=dict(quotes),
        follow_ups=follow_ups, segments=segments, timing=timing,
    )


@pytest.fixture
def varied_sessions(sessions_root, playbook, clock):
    """Sessions with everything the report reads: edits, deletions, tags added later, quotes with tied
    times, valuable marks, follow-ups asked and open, two participants with the same name."""
    states = []
    for index in range(6):
        session = Session.create(sessions_root, playbook, participant={"name": "Dana" if index < 2 else f"P{index}", "segment": ("fan", "critic", "")[index % 3]},
                                 clock=clock, session_id=f"2026110{index}-100000-00{index}a")
        session.start_clock()
        notes = []
        for number in range(40):
            if number % 5 == 0:
                clock.advance(37)  # some notes share a wall time: the top quotes' ties
            text = f"note {number} #t{number % 4}" + (" #quote" if number % 3 == 0 else "") + (" #follow-up" if number % 7 == 0 else "")
            notes.append(session.add_note((Role.SCRIBE, Role.OBSERVER, Role.INTERVIEWER)[number % 3], text))
            if number % 13 == 12:
                session.next_phase()
        session.edit_note(notes[3].id, "edited now #quote #edited")
        session.tag_note(notes[4].id, "quote")
        session.delete_note(notes[6].id)
        session.mark_queue_item(notes[7].id, "asked")
        session.end()
        session.mark_note(notes[(index * 7) % 40].id, Mark.VALUABLE)
        session.mark_note(notes[9].id, Mark.SURPRISING)
        session.close()
        if index == 2:
            # A hand edit gave a note the same tags twice: it is one quote and one follow-up.
            path = next(session.folder.glob("*.jsonl"))
            with path.open("a") as handle:
                handle.write(json.dumps({"seq": 9999, "type": "note_added", "t": 99999.0, "at": "2026-11-02T09:00:00+00:00",
                                         "writer": path.stem, "note": "hand-1", "role": "scribe", "text": "twice",
                                         "tags": ["quote", "t1", "t1", "quote", "follow-up", "follow-up"], "phase": "wrap-up"}) + "\n")
        states.append(load_session(session.folder)[1])
    # A team: whose notes are quoted says who took them down.
    host = Session.create(sessions_root, playbook, participant={"name": "Eun", "segment": "fan"}, clock=clock,
                          session_id="20261107-100000-007a", member=("Ana", Role.INTERVIEWER))
    scribe = Session.join(host.folder, ("Bo", Role.SCRIBE), clock=clock)
    host.start_clock()
    for number in range(12):
        clock.advance(20)
        writer, role = ((host, Role.INTERVIEWER), (scribe, Role.SCRIBE))[number % 2]
        writer.add_note(role, f"team note {number} #t{number % 3}" + (" #quote" if number % 2 == 0 else "") + (" #follow-up" if number % 5 == 0 else ""))
        scribe.poll_others()
        host.poll_others()
    host.end()
    for session in (host, scribe):
        session.close()
    states.append(load_session(host.folder)[1])
    return states


def test_the_report_equals_a_naive_computation(varied_sessions):
    fast, naive = build_report(varied_sessions), naive_report(varied_sessions)
    assert fast == naive
    assert [(who, note.id) for who, note in fast.follow_ups] == [(who, note.id) for who, note in naive.follow_ups]
    assert "hand-1" in {note.id for _who, note in fast.follow_ups} and any(", noted by " in who for who, _note in fast.follow_ups)
    assert to_markdown(fast) == to_markdown(naive)
    assert to_csv(fast) == to_csv(naive)
    assert len(fast.quotes[QUOTE_TAG]) == TOP_QUOTES
    assert any(note.id in {n for s in varied_sessions for n, m in s.marks.items() if Mark.VALUABLE in m}
               for _, note in fast.quotes[QUOTE_TAG])


def test_segments_are_counted_as_when_each_session_named_its_label_again():
    def naive(keys, labels):
        def label_of(index):
            names = list(dict.fromkeys(labels[index]))
            return names[0] + (f" ({', '.join(names[1:])})" if len(names) > 1 else "")

        segments = Counter({label_of(index): 0 for index in sorted(labels)})
        for key in keys:
            segments[label_of(key) if isinstance(key, int) else key or _("not given")] += 1
        return segments

    # Twins from a translated playbook, a label two playbooks share, a value no playbook lists, none.
    labels = {0: ["fan", "팬", "fan"], 1: ["critic", "critic"], 2: ["new"], 3: ["fan", "팬"], 4: ["never met"]}
    keys = [0, 1, 0, "custom", "", 2, 3, 0]
    assert list(count_segments(keys, labels).items()) == list(naive(keys, labels).items())
    assert count_segments(keys, labels).most_common() == naive(keys, labels).most_common()


def test_the_report_command_prints_what_the_naive_report_gives(varied_sessions, capsys):
    from interview_tui.cli import main

    assert main(["report", "--all", "--format", "md"]) == 0
    states = sorted(varied_sessions, key=lambda state: state.created_at)
    assert capsys.readouterr().out == to_markdown(naive_report(states))


def test_log_files_are_the_ones_glob_finds(tmp_path):
    from interview_tui.session.folder import session_folders
    from interview_tui.session.log import log_files

    session = tmp_path / "s1"
    session.mkdir()
    for name in ("w2.jsonl", "w1.jsonl", ".hidden.jsonl", "notes.txt", "w1.jsonl.bak"):
        (session / name).write_text("x\n")
    (session / "folder.jsonl").mkdir()
    (tmp_path / "empty").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "readme.md").write_text("x")
    assert log_files(session) == sorted(p for p in session.glob("*.jsonl") if p.is_file())
    assert [p.name for p in log_files(session)] == [".hidden.jsonl", "w1.jsonl", "w2.jsonl"]
    assert log_files(tmp_path / "missing") == []
    assert session_folders(tmp_path) == [session]
    # As iterdir and is_dir find them: a link to a session folder is one, a hidden folder or a file is not.
    for name in ("s2", ".trash", "s0"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "w1.jsonl").write_text("x\n")
    (tmp_path / "s3").symlink_to(tmp_path / "s2")
    (tmp_path / "s9.jsonl").write_text("x\n")
    as_before = sorted((p for p in tmp_path.iterdir() if p.is_dir() and not p.name.startswith(".") and log_files(p)),
                       key=lambda p: p.name, reverse=True)
    assert session_folders(tmp_path) == as_before == [tmp_path / name for name in ("s3", "s2", "s1", "s0")]
    assert session_folders(tmp_path / "missing") == []


def test_a_stored_playbook_is_validated_again_when_any_value_differs_in_type():
    from interview_tui.playbook.model import _stored_key

    assert _stored_key({"minutes": 1}) != _stored_key({"minutes": 1.0}) != _stored_key({"minutes": True})
    assert _stored_key({"a": [1, "x"]}) == _stored_key(json.loads('{"a": [1, "x"]}'))


def test_a_new_sessions_playbook_is_known_when_its_log_is_read_back(sessions_root, playbook, clock, monkeypatch):
    from interview_tui.playbook import validation

    session = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock)
    session.close()
    monkeypatch.setattr(validation.Playbook, "model_validate", None)  # validating again would fail here
    assert load_session(session.folder)[1].playbook is playbook
