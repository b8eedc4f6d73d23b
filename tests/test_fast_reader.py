"""The reader's fast path (a block at a time, parsed by the JSON scanner, checked by compiled field
checks) reads exactly what the line reader reads: the same header, the same events, and the same
problems with the same line numbers, for well-formed files and broken ones alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_tui.session import log as session_log
from interview_tui.session.log import _lines, read_log_file, read_session_log
from interview_tui.session.validation import EVENT_FIELDS, event_ok, event_problem
from tests.test_hostile_files import HOSTILE_LINES

SAMPLES = Path(__file__).resolve().parent.parent / "sessions"
HEADER = b'{"format":"interview-tui-session","version":1,"session":"s1","writer":"w1","t0":0.0}'


def note_line(seq: int, **fields) -> bytes:
    event = {"seq": seq, "type": "note_added", "t": float(seq), "at": "2026-11-22T10:00:00+00:00", "writer": "w1",
             "note": f"w1-{seq}", "role": "scribe", "text": f"note {seq} 한국어 #pain", "tags": ["pain"], "phase": "warm-up"}
    event.update(fields)
    return json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode()


# Lines the fast path must hand to the line reader, or take exactly as it would.
ODD_LINES = [
    *HOSTILE_LINES.values(),
    b"", b"   ", b"\t", b"\x00\x00", b"\r",
    b"\xef\xbb\xbf" + note_line(500),  # a byte order mark
    note_line(501) + b"\r",  # written on Windows
    b"  " + note_line(502) + b" \t",
    b"\x00" + note_line(503),
    note_line(504) + b" {}",
    b'{"a":1},{"b":2}', b'{"a":[{}', b'{}]}', b"[", b"]", b"{", b"}", b"null", b'"text"', b"{}",
    note_line(505, text="a\u2028b\u2029c \U0001F600"),  # line separators inside a string are not newlines
    note_line(506).replace(b'"pain"]', b'"\\ud83d\\ude00"]'),  # an escaped pair: text, kept
    note_line(507).replace(b'"pain"]', b'"\\\\ud800"]'),  # an escaped backslash, then "ud800": text, kept
    note_line(508).replace(b'"t":508.0', b'"t":1' + b"0" * 400),  # a 400-digit number of seconds
    note_line(509).replace(b'"t":509.0', b'"t":NaN'),
    note_line(510).replace(b"\"seq\":510", b"\"seq\":true"), note_line(511, t=-1), note_line(512, role="janitor"), note_line(513, tags=None),
    note_line(514, question=None, backdate=None), note_line(515, type="mystery", extra=[1, 2]),
    note_line(516, type=["note_added"]), note_line(517, late=True),
    HEADER, b'{"format":"another-program","version":1}',
    b'{"format":"interview-tui-session","version":1,"seq":3}',
    b"\xc3\x28", b"\xed\xa0\x80",  # bad UTF-8 and an encoded surrogate
    # What could pass for lines of one JSON array, which the scanner reads a run of lines as.
    note_line(518) + b"] [{}", b"[" + note_line(519) + b"]", note_line(520) + b",", b"," + note_line(521),
    note_line(522) + b"," + note_line(523), b"[]", b"[" + note_line(524) + b",",
]


def read_line_by_line(path: Path, monkeypatch) -> tuple:
    """What the line reader alone makes of the file: every line through parse_log_line."""
    with monkeypatch.context() as patch:
        patch.setattr(session_log, "_scanned_lines", lambda stream: enumerate(_lines(stream), start=1))
        return outcome(path)


def outcome(path: Path) -> tuple:
    try:
        log_file, problems = read_log_file(path)
    except session_log.SessionFormatError as error:
        return ("refused", str(error))
    header, events = (log_file.header, log_file.events) if log_file else (None, None)
    return header, events, [(p.line, p.message) for p in problems]


lines_of_a_file = st.lists(
    st.one_of(
        st.integers(0, 2000).map(note_line),
        st.sampled_from(ODD_LINES),
        st.binary(max_size=30),
        st.integers(0, 2000).map(lambda seq: note_line(seq)[: seq % 60]),  # a line cut short
    ),
    max_size=40,
)
endings = st.sampled_from([b"\n", b"", b"\x00" * 5, b'{"seq":9,"ty', b"\n\n"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=lines_of_a_file, ending=endings, with_header=st.booleans(), block=st.sampled_from([64, 200, 2**20]),
       run=st.sampled_from([1, 300, 2**14]))
def test_the_fast_path_and_the_line_reader_agree_on_broken_files(tmp_path, monkeypatch, lines, ending, with_header, block, run):
    path = tmp_path / "w1.jsonl"
    path.write_bytes((HEADER + b"\n" if with_header else b"") + b"\n".join(lines) + ending)
    # Small blocks put block boundaries in every kind of line, and make some lines longer than a block;
    # runs of one line, a few, or the whole block are read by one call of the scanner.
    with monkeypatch.context() as patch:
        patch.setattr(session_log, "_BLOCK_BYTES", block)
        patch.setattr(session_log, "_RUN_CHARACTERS", run)
        fast = outcome(path)
    assert fast == read_line_by_line(path, monkeypatch)


@pytest.mark.parametrize("odd", range(len(ODD_LINES)))
def test_each_odd_line_alone_among_good_ones_is_read_as_the_line_reader_reads_it(tmp_path, monkeypatch, odd):
    path = tmp_path / "w1.jsonl"
    path.write_bytes(b"\n".join([HEADER, note_line(1), ODD_LINES[odd], note_line(2)]) + b"\n")
    fast = outcome(path)
    assert fast == read_line_by_line(path, monkeypatch)
    assert [event["seq"] for event in fast[1]][:1] + [event["seq"] for event in fast[1]][-1:] == [1, 2]


@pytest.mark.parametrize("block", [100, 4096, 2**20])
def test_the_fast_path_reads_the_sample_sessions_and_their_hostile_copies_as_the_line_reader(tmp_path, monkeypatch, block):
    monkeypatch.setattr(session_log, "_BLOCK_BYTES", block)
    for sample in sorted(SAMPLES.iterdir()):
        for path in sorted(sample.glob("*.jsonl")):
            lines = path.read_bytes().split(b"\n")
            for index, hostile in enumerate(ODD_LINES):
                lines.insert(1 + (index * 7) % len(lines), hostile)
            copy = tmp_path / sample.name / path.name
            copy.parent.mkdir(exist_ok=True)
            copy.write_bytes(b"\n".join(lines))
            fast = outcome(copy)
            assert fast == read_line_by_line(copy, monkeypatch)
            assert fast[2], "the hostile lines are reported"
        assert len(read_session_log(tmp_path / sample.name).events) > 10


def test_a_line_longer_than_a_block_keeps_its_line_number_and_what_follows(tmp_path, monkeypatch):
    monkeypatch.setattr(session_log, "_BLOCK_BYTES", 256)
    path = tmp_path / "w1.jsonl"
    long_note = note_line(2, text="x" * 5000)
    path.write_bytes(b"\n".join([HEADER, note_line(1), long_note, b"not json", note_line(3)]) + b"\n")
    header, events, problems = outcome(path)
    assert [(e["seq"], e["_line"]) for e in events] == [(1, 2), (2, 3), (3, 5)]
    assert events[1]["text"] == "x" * 5000
    assert problems == [(4, "not a JSON line (torn or edited by hand); skipped")]


def test_a_number_of_seconds_too_big_for_a_float_is_reported_not_a_traceback(tmp_path):
    path = tmp_path / "w1.jsonl"
    path.write_bytes(b"\n".join([HEADER, note_line(1), note_line(2).replace(b'"t":2.0', b'"t":1' + b"0" * 400)]) + b"\n")
    header, events, problems = outcome(path)
    assert [e["seq"] for e in events] == [1]
    assert problems == [(3, "`t` must be a number from 0 to 315,360,000; skipped")]


# -- the compiled field checks ------------------------------------------------------------------------------
field_values = st.one_of(
    st.none(), st.booleans(), st.integers(-2**60, 2**60), st.integers(10**300, 10**310),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=70),
    st.sampled_from(["scribe", "observer", "asked", "valuable", "yes", "not-asked", "2026-11-22T10:00:00+00:00", "x" * 64, "x" * 65]),
    st.lists(st.text(max_size=3), max_size=3), st.lists(st.integers(), max_size=2), st.just([None]),
    st.dictionaries(st.text(max_size=3), st.text(max_size=3) | st.integers() | st.lists(st.text(max_size=2)), max_size=2),
    st.dictionaries(st.text(max_size=3), st.dictionaries(st.text(max_size=2), st.integers(), max_size=1), min_size=1, max_size=1),
)
KNOWN_KEYS = sorted({key for required, optional in EVENT_FIELDS.values() for key in (*required, *optional)}
                    | {"seq", "type", "t", "at", "writer"})


@settings(max_examples=3000, deadline=None)
@given(
    kind=st.sampled_from([*map(str, EVENT_FIELDS), "mystery"]) | field_values,
    fields=st.dictionaries(st.sampled_from(KNOWN_KEYS), field_values, max_size=12),
    base=st.booleans(),
)
def test_the_compiled_checks_accept_exactly_what_event_problem_accepts(kind, fields, base):
    record = {"seq": 1, "t": 1.0, "at": "2026-11-22T10:00:00+00:00", "writer": "w1"} if base else {}
    if base:
        # Every field of the type, well-formed, so that changing one at a time reaches each check.
        record.update(note="n", role="scribe", text="t", phase="p", tag="x", problem="p", title="t", mark="valuable",
                      status="asked", question=0, consent="yes", seconds=1.0, session_id="s", playbook={})
    record.update(fields)
    record["type"] = kind
    assert event_ok(record) == (event_problem(record) is None), (record, event_problem(record))


INTERESTING_VALUES = [
    None, True, False, 0, 1, -1, 10_000, 10_001, 2**53, 2**53 + 1, 10**400, 0.0, -0.5, 315_360_000.0, 315_360_000.5,
    -315_360_000.0, -315_360_001.0, float("nan"), float("inf"), float("-inf"), "", "scribe", "janitor", "asked",
    "valuable", "yes", "not-asked", "x" * 64, "x" * 65, [], ["a"], ["a", 1], [None], [["a"]], {}, {"name": "Ana"},
    {"name": {"x": 1}}, {"prepared": ["a", "b"]}, {"prepared": [1]}, {"n": float("nan")}, {1: "a"},
]
WELL_FORMED = dict(seq=1, t=1.0, at="2026-11-22T10:00:00+00:00", writer="w1", note="n", role="scribe", text="t", phase="p",
                   tag="x", problem="p", title="t", mark="valuable", status="asked", question=0, consent="yes", seconds=1.0,
                   session_id="s", playbook={})


@pytest.mark.parametrize("kind", [*map(str, EVENT_FIELDS), "mystery"])
def test_the_compiled_checks_agree_with_event_problem_on_every_field_of_every_type(kind):
    required, optional = EVENT_FIELDS.get(kind, ({}, {}))
    keys = ["seq", "type", "t", "at", "writer", *required, *optional]
    for key in keys:
        for value in [*INTERESTING_VALUES, "absent"]:
            record = {**WELL_FORMED, "type": kind}
            if value == "absent":
                record.pop(key, None)
            else:
                record[key] = value
            assert event_ok(record) == (event_problem(record) is None), (key, value)
