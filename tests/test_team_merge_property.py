"""Property: however the writers' lines arrive (interleaved, torn mid-line, in a conflict copy that
repeats them), the live fold ends in the same state as the fold of the merged log read afterwards."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_tui.session.load import fold_log
from interview_tui.session.log import encode_line, read_session_log
from interview_tui.session.tail import SessionTail
from interview_tui.session import team
from interview_tui.session.team import LiveFold

SESSION = "20261122-140000-abcd"
WRITERS = [("wa0000001", "Ana", "interviewer"), ("wb0000002", "Bo", "scribe"), ("wc0000003", "Cy", "observer")]
PHASES = ["housekeeping", "warm-up", "meaty", "observer", "turn-the-tables", "wrap-up"]


def created_event(playbook_data: dict) -> dict:
    return {"seq": 1, "type": "session_created", "t": 0.0, "at": "2026-11-22T14:00:00.000+01:00", "writer": WRITERS[0][0],
            "session_id": SESSION, "playbook": playbook_data, "playbook_source": "", "participant": {"name": "Two"}}


action = st.tuples(
    st.sampled_from(["note", "note", "note", "next", "draft", "edit", "pause", "start", "drive", "end"]),
    st.integers(min_value=0, max_value=3),  # time step, tenths of a second (0: ties with others)
    st.integers(min_value=0, max_value=len(PHASES) - 1),  # a phase the writer believes it is in
    st.text(alphabet="ab 가#", min_size=1, max_size=6),
)


@st.composite
def team_logs(draw) -> list[list[dict]]:
    """Each writer's events, in the order it wrote them (its `t` never goes back)."""
    logs = []
    for index, (writer, name, role) in enumerate(WRITERS):
        t = 0.0 if index == 0 else draw(st.integers(min_value=0, max_value=20)) / 10
        events: list[dict] = []
        seq = 1 if index == 0 else 0  # session_created is the host's first
        notes: list[str] = []

        def add(kind: str, **data) -> None:
            nonlocal seq
            seq += 1
            events.append({"seq": seq, "type": kind, "t": round(t, 3), "at": "2026-11-22T14:00:00.000+01:00", "writer": writer, **data})

        add("writer_joined", name=name, role=role, host="elsewhere", pid=0)
        if index == 0:
            add("clock_started")
        for kind, step, phase, text in draw(st.lists(action, max_size=12)):
            t += step / 10
            if kind == "note":
                add("note_added", note=f"{writer}-{seq + 1}", role=role, text=text, tags=[], phase=PHASES[phase], question=None, backdate=0.0)
                notes.append(f"{writer}-{seq}")
            elif kind == "next" and phase + 1 < len(PHASES):
                add("phase_changed", phase=PHASES[phase + 1], reason="next", **{"from": PHASES[phase]})
            elif kind == "draft":
                add("draft_saved", role=role, text=text)
            elif kind == "edit" and notes:
                add("note_edited", note=notes[phase % len(notes)], text=text, tags=[])
            elif kind == "pause":
                add("clock_paused")
            elif kind == "start":
                add("clock_started")
            elif kind == "drive":
                add("driving_handed_over", name=name, role=role)
            elif kind == "end":
                add("session_ended")
        logs.append(events)
    return logs


def file_bytes(writer: str, t0: float, events: list[dict]) -> bytes:
    header = {"format": "interview-tui-session", "version": 1, "session": SESSION, "writer": writer,
              "opened_at": "2026-11-22T14:00:00.000+01:00", "t0": t0}
    return b"".join(encode_line(record) for record in [header, *events])


def summary(state) -> tuple:
    return (
        [(n.id, n.text, n.phase, n.t, n.clock, n.edited, n.late, n.author) for n in state.notes],
        state.phase_index, state.ended, state.ended_t, state.running_since, round(state.clock_before_run, 6),
        {k: round(v, 6) for k, v in state.phase_spent_before_run.items()}, state.skipped_phases, state.driver,
        sorted((w.id, w.name, w.role) for w in state.writers.values()),
        {writer: dict(drafts) for writer, drafts in state.writer_drafts.items()},
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(logs=team_logs(), data=st.data())
def test_any_arrival_order_folds_to_the_merged_log(playbook, logs, data):
    playbook_data = playbook.to_data()
    logs[0].insert(0, created_event(playbook_data))
    files = {}
    for (writer, _, _), events in zip(WRITERS, logs):
        t0 = events[0]["t"] if writer != WRITERS[0][0] and events else 0.0
        files[f"{writer}.jsonl"] = file_bytes(writer, t0, events)
    # A sync tool's conflict copy of one writer's file, cut anywhere: its lines repeat that writer's.
    copied = data.draw(st.sampled_from(sorted(files)))
    files[copied.replace(".jsonl", ".sync-conflict.jsonl")] = files[copied][: data.draw(st.integers(0, len(files[copied])))]

    with tempfile.TemporaryDirectory() as scratch:
        reference, live_folder = Path(scratch) / "reference", Path(scratch) / "live"
        reference.mkdir()
        live_folder.mkdir()
        for name, content in files.items():
            if "sync-conflict" not in name:
                (reference / name).write_bytes(content)
        expected_log = read_session_log(reference)
        expected = fold_log(expected_log)

        # Deliver every file in pieces cut at random bytes (mid-line, mid-UTF-8), interleaved at random.
        pieces = {}
        for name, content in files.items():
            cuts = sorted(set(data.draw(st.lists(st.integers(0, len(content)), max_size=6))))
            bounds = [0, *cuts, len(content)]
            pieces[name] = [content[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]
        order = [name for name, chunks in pieces.items() for _ in chunks]
        order = data.draw(st.permutations(order))
        tail = SessionTail(live_folder, SESSION)
        every, team.CHECKPOINT_EVERY = team.CHECKPOINT_EVERY, 3  # refold from checkpoints, not only the start
        try:
            fold = LiveFold()
            for name in order:
                with open(live_folder / name, "ab") as handle:
                    handle.write(pieces[name].pop(0))
                events, problems = tail.poll()
                assert not problems, problems
                fold.add(events)
        finally:
            team.CHECKPOINT_EVERY = every
        assert summary(fold.state) == summary(expected)
        assert len(fold.events) == len(expected_log.events)


def test_the_merge_key_matches_the_whole_file_reader_on_the_sample(tmp_path):
    """The repository's resumed-and-debriefed sample, followed line by line, folds as read whole."""
    sample = Path(__file__).resolve().parent.parent / "sessions" / "20261103-100000-da7a"
    shutil.copytree(sample, tmp_path / "s")
    log = read_session_log(tmp_path / "s")
    tail = SessionTail(tmp_path / "s", log.session_id)
    events, problems = tail.poll()
    assert not problems
    assert summary(LiveFold(events).state) == summary(fold_log(log))
    assert json.dumps(sorted(e["seq"] for e in events)) == json.dumps(sorted(e["seq"] for e in log.events))
