"""Any bytes in any file of a session folder: every command that reads sessions gives its output, or
one clear message naming the file and line with exit status 2; never a traceback, and every
complete, sensible event is kept.

The reading paths: list, show, export (every format), report (every format), replay's
timeline, resume and debrief (Session.resume, as `interview resume` and `interview debrief` call
it), and the resume offer of `interview run` without --participant. The fuzz part mutates copies of
the real sample sessions (sessions/) and plants generated hostile values; the default suite runs a
bounded number of cases, `pytest -m soak` many more.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_tui.cli import main
from interview_tui.commands.run import unfinished_sessions
from interview_tui.session.core import Session, SessionEnded
from interview_tui.session.load import load_session, load_timeline
from interview_tui.session.log import SessionFormatError, log_files

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sessions"
EXPORT_FORMATS = ("md", "csv", "json", "vtt", "qdc")


def copy_samples(root: Path) -> Path:
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(SAMPLES, root)
    for folder in root.iterdir():
        folder.chmod(0o700)
        for path in folder.iterdir():
            path.chmod(0o600)
    return root


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def every_reading_path(root: Path, capsys) -> dict[str, int]:
    """Run every command's reading path over the sessions in `root`; return each exit status.
    An exception escaping any of them fails the test (with its traceback)."""
    codes: dict[str, int] = {}
    code, _, err = run_cli(capsys, "list", "--sessions-dir", str(root))
    assert code == 0, err  # one broken folder never hides the others
    codes["list"] = code
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        commands = [("show", folder.name)] + [("export", folder.name, "-f", f) for f in EXPORT_FORMATS]
        commands.append(("export", folder.name, "-f", "qdpx", "-o", str(root.parent / "export.qdpx")))
        for command in commands:
            code, _, err = run_cli(capsys, *command, "--sessions-dir", str(root))
            assert code in (0, 2), (command, code, err)
            if code == 2:  # the skipped lines as warnings, then one error
                *warnings, error = err.rstrip("\n").split("\n")
                assert error.startswith("interview: error: "), err
                assert all(line.startswith("interview: warning: ") for line in warnings), err
            codes[" ".join(command)] = code
        try:
            _, timeline = load_timeline(folder)
            for t in (0.0, timeline.end / 2, timeline.end):
                timeline.state_at(t).live_notes()
        except SessionFormatError:
            pass
        try:
            session = Session.resume(folder, debrief=True, writer_id="wfuzz0000")
        except (SessionEnded, SessionFormatError):
            pass
        else:
            session.close()
            session.writer.path.unlink()  # leave the folder as it was for the next reader
    for report in ((), ("-f", "md"), ("-f", "csv"), ("-f", "qdc"), ("-f", "qdpx", "-o", str(root.parent / "report.qdpx"))):
        code, _, err = run_cli(capsys, "report", "--all", *report, "--sessions-dir", str(root))
        assert code in (0, 2), (report, err)
        codes["report " + " ".join(report)] = code
    unfinished_sessions(root)  # `interview run` without --participant offers these
    return codes


def json_notes(capsys, root: Path, session: str) -> list[str]:
    code, out, err = run_cli(capsys, "export", session, "-f", "json", "--sessions-dir", str(root))
    assert code == 0, err
    return [item["text"] for item in json.loads(out)["notes"]]


# -- the cases, one by one ----------------------------------------------------------------
SESSION = "20261105-140000-1ee0"
WRITER_FILE = "w81d0c3aa.jsonl"
AT = "2026-11-05T14:20:00.000+01:00"


def event_line(**fields) -> bytes:
    base = {"seq": 900, "type": "note_added", "t": 1200.0, "at": AT, "writer": "w81d0c3aa", "note": "w81d0c3aa-900",
            "role": "scribe", "text": "planted", "tags": [], "phase": "warm-up", "question": None, "backdate": 0}
    base.update(fields)
    return json.dumps(base, ensure_ascii=False).encode()


HOSTILE_LINES = {
    "5,000 nested brackets": b"[" * 5000 + b"]" * 5000,
    "5,000 nested objects": b'{"a":' * 5000 + b"1" + b"}" * 5000,
    "t NaN": event_line(t=float("nan")),
    "t 1e400": event_line().replace(b'"t": 1200.0', b'"t": 1e400'),
    "backdate NaN": event_line(backdate=float("nan")),
    "question abc": event_line(question="abc"),
    "question past the script": event_line(question=99),
    "text 12345": event_line(text=12345),
    "text a list": event_line(text=["a", "b"]),
    "tags [{}]": event_line(tags=[{}]),
    "phase 5": event_line(phase=5),
    "phase unknown": event_line(phase="nope"),
    "at 5": event_line(at=5),
    "role wrong": event_line(role="janitor"),
    "seq a string": event_line(seq="9"),
    "marked question abc": event_line(type="question_marked", question="abc", status="asked"),
    "consent maybe": event_line(type="consent_recorded", consent="maybe"),
    "problem edited, whys 5": event_line(type="problem_edited", problem="p", title="t", whys=5),
    "participant nested": event_line(type="session_created", session_id=SESSION, playbook={}, participant={"name": {"x": 1}}),
    "a lone surrogate": event_line().replace(b'"planted"', b'"\\ud800"'),
    "not UTF-8": b'{"seq": 1, "text": "\xff\xfe"}',
    "a JSON number": b"12345",
    "NUL bytes": b"\x00" * 40,
}


@pytest.mark.parametrize("case", list(HOSTILE_LINES))
def test_a_hostile_line_costs_only_itself(tmp_path, capsys, case):
    root = copy_samples(tmp_path / "sessions")
    before = json_notes(capsys, root, SESSION)
    path = root / SESSION / WRITER_FILE
    lines = path.read_bytes().split(b"\n")
    lines.insert(10, HOSTILE_LINES[case])
    path.write_bytes(b"\n".join(lines))
    codes = every_reading_path(root, capsys)
    assert set(codes.values()) == {0}, codes
    code, out, err = run_cli(capsys, "export", SESSION, "-f", "json", "--sessions-dir", str(root))
    assert [item["text"] for item in json.loads(out)["notes"]] == before  # every good note kept
    assert f"{WRITER_FILE}:11: " in err  # the skipped line, named by file and line


def test_a_byte_order_mark_and_a_torn_header_cost_only_their_line(tmp_path, capsys):
    root = copy_samples(tmp_path / "sessions")
    folder = root / "20261103-100000-da7a"
    before = json_notes(capsys, root, folder.name)
    first = folder / "w3c9f2a17.jsonl"
    first.write_bytes(b"\xef\xbb\xbf" + first.read_bytes())
    debrief = folder / "w5e0b7c44.jsonl"
    header, rest = debrief.read_bytes().split(b"\n", 1)
    debrief.write_bytes(header[: len(header) // 2] + b"\n" + rest)
    assert json_notes(capsys, root, folder.name) == before
    _, state = load_session(folder)
    assert state.marks and state.problems  # the debrief file's events, after its torn header


def test_a_sync_tools_conflict_copy_doubles_nothing(tmp_path, capsys):
    root = copy_samples(tmp_path / "sessions")
    folder = root / SESSION
    before = json_notes(capsys, root, SESSION)
    shutil.copy(folder / WRITER_FILE, folder / "w81d0c3aa (conflicted copy 2026-11-06).jsonl")
    assert json_notes(capsys, root, SESSION) == before
    log, _ = load_session(folder)
    assert any("conflicted copy" in str(p.path) and "repeat" in p.message for p in log.problems)
    session = Session.resume(folder, debrief=True)  # a DuplicateID traceback before
    session.close()


def test_a_log_file_of_another_session_is_not_merged(tmp_path, capsys):
    root = copy_samples(tmp_path / "sessions")
    folder = root / SESSION
    before = json_notes(capsys, root, SESSION)
    stranger = root / "20261110-160000-5e0b" / "w2b7e91d4.jsonl"
    shutil.copy(stranger, folder / "w2b7e91d4.jsonl")
    code, out, err = run_cli(capsys, "export", SESSION, "-f", "json", "--sessions-dir", str(root))
    assert [item["text"] for item in json.loads(out)["notes"]] == before
    assert "w2b7e91d4.jsonl:1: header names session 20261110-160000-5e0b" in err


def test_a_file_that_is_all_garbage_says_which_file(tmp_path, capsys):
    root = tmp_path / "sessions"
    folder = root / "20261120-100000-bad0"
    folder.mkdir(parents=True)
    (folder / "wbad.jsonl").write_bytes(b"[" * 100_000 + b"\n\x00\xff garbage\n")
    code, out, err = run_cli(capsys, "export", folder.name, "--sessions-dir", str(root))
    assert code == 2 and "wbad.jsonl:1:" in err and "Traceback" not in err
    assert run_cli(capsys, "list", "--sessions-dir", str(root))[0] == 0


# -- fuzzing: mutated copies of the real sessions, and generated hostile values -------------------
HOSTILE_BYTES = [b"\x00", b"\n", b"\r", b"\xef\xbb\xbf", b"\xff", b"[" * 3000, b'"', b"\\", b"}", b"\x1b[2J", b"NaN", b"1e400"]
hostile_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
    | st.sampled_from([10**30, -1, "", "nope", "housekeeping", "scribe", "\u202e", "\x1b]0;x\x07"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)
FIELDS = ["seq", "type", "t", "at", "writer", "note", "role", "text", "tags", "phase", "question", "backdate", "status",
          "consent", "mark", "on", "problem", "title", "whys", "seconds", "gap", "participant", "playbook", "session_id",
          "session", "version", "format", "t0", "tag"]
mutations = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 2**20), st.integers(0, 255)),
    st.tuples(st.just("insert"), st.integers(0, 2**20), st.sampled_from(HOSTILE_BYTES) | st.binary(max_size=40)),
    st.tuples(st.just("truncate"), st.integers(0, 2**20), st.none()),
    st.tuples(st.just("repeat line"), st.integers(0, 2**20), st.none()),
    st.tuples(st.just("copy file"), st.integers(0, 2**20), st.none()),
    st.tuples(st.just("set field"), st.integers(0, 2**20), st.tuples(st.sampled_from(FIELDS), hostile_values)),
)


def mutate(root: Path, file_index: int, mutation: tuple) -> None:
    files = [path for folder in sorted(root.iterdir()) for path in log_files(folder)]
    path = files[file_index % len(files)]
    data = path.read_bytes()
    kind, where, what = mutation
    at = where % (len(data) + 1)
    if kind == "flip" and data:
        at %= len(data)
        data = data[:at] + bytes([what]) + data[at + 1 :]
    elif kind == "insert":
        data = data[:at] + what + data[at:]
    elif kind == "truncate":
        data = data[:at]
    elif kind == "copy file":
        shutil.copy(path, path.with_name(f"copy{at}-{path.name}"))
    else:
        lines = data.split(b"\n")
        index = where % len(lines)
        if kind == "repeat line":
            lines.insert(index, lines[index])
        else:
            try:
                record = json.loads(lines[index])
            except ValueError:
                return
            if isinstance(record, dict):
                record[what[0]] = what[1]
                lines[index] = json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")
        data = b"\n".join(lines)
    path.write_bytes(data)


def fuzz_every_reading_path(tmp_path_factory, capsys, edits) -> None:
    root = copy_samples(tmp_path_factory.mktemp("fuzz") / "sessions")
    for file_index, mutation in edits:
        mutate(root, file_index, mutation)
    every_reading_path(root, capsys)


FUZZ_SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
edits = st.lists(st.tuples(st.integers(0, 10), mutations), min_size=1, max_size=4)


@settings(max_examples=25, **FUZZ_SETTINGS)
@given(edits=edits)
def test_fuzz_mutated_sample_sessions_are_read_by_every_command(tmp_path_factory, capsys, edits):
    fuzz_every_reading_path(tmp_path_factory, capsys, edits)


@pytest.mark.soak
@settings(max_examples=1000, **FUZZ_SETTINGS)
@given(edits=edits)
def test_soak_fuzz_mutated_sample_sessions(tmp_path_factory, capsys, edits):
    fuzz_every_reading_path(tmp_path_factory, capsys, edits)


def test_a_session_whose_created_event_is_unreadable_says_which_line_in_every_command(tmp_path, capsys):
    root = copy_samples(tmp_path / "sessions")
    path = root / SESSION / WRITER_FILE
    lines = path.read_bytes().split(b"\n")
    created = json.loads(lines[1])
    created["playbook"]["phases"] = "not a list"
    lines[1] = json.dumps(created).encode()
    path.write_bytes(b"\n".join(lines))
    for command in (("show", SESSION), ("export", SESSION), ("export", SESSION, "-f", "json")):
        code, _, err = run_cli(capsys, *command, "--sessions-dir", str(root))
        assert code == 2 and f"{WRITER_FILE}:2: session_created event not understood" in err, (command, err)
    assert run_cli(capsys, "report", "--all", "--sessions-dir", str(root))[0] == 0  # the other sessions
