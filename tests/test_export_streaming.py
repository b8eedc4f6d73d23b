"""Exports are written as they are made: the same text as before, never held whole, and each note's
problem found by one index rather than a scan of every problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_tui.cli import main
from interview_tui.export import FORMATS, WRITERS, csv_export, json_export, to_json_data, write_up
from interview_tui.export.write_up import StreamedLines
from interview_tui.session import Role, Session, SessionState, load_session
from interview_tui.session.events import Mark

SAMPLES = sorted(p for p in (Path(__file__).resolve().parent.parent / "sessions").iterdir() if p.is_dir())


class CountingSink:
    """An output that remembers each piece written to it."""

    def __init__(self) -> None:
        self.pieces: list[str] = []

    def write(self, text: str) -> int:
        self.pieces.append(text)
        return len(text)

    def text(self) -> str:
        return "".join(self.pieces)


@pytest.fixture
def debriefed(sessions_root, playbook, clock):
    """600 notes in every phase, some odd, 30 problems of 10 notes, marks, a recording start."""
    session = Session.create(sessions_root, playbook, participant={"name": "Dana Whitfield", "segment": "fan"}, clock=clock)
    session.start_clock()
    notes = []
    for number in range(600):
        clock.advance(4)
        if number == 20:
            session.mark_recording_started()
        text = (f"note {number} says \"hi\" <b>&amp;</b> [laughs] 보고서 \u2028 tab\there #t{number % 5}"
                + (" #quote" if number % 4 == 0 else "") + (" #follow-up" if number % 9 == 0 else ""))
        notes.append(session.add_note((Role.SCRIBE, Role.OBSERVER, Role.INTERVIEWER)[number % 3], text, backdate=number % 3 or None))
        if number % 90 == 89:
            session.next_phase()
    session.edit_note(notes[5].id, "edited\nover two lines #edited")
    session.delete_note(notes[6].id)
    session.end()
    for problem_number in range(30):
        problem = session.create_problem(f"Problem {problem_number} | with \"quotes\"")
        session.edit_problem(problem, f"Problem {problem_number}", [f"why {problem_number}", "because"])
        for note in notes[problem_number * 10 : problem_number * 10 + 10]:
            session.group_note(note.id, problem)
    session.group_note(notes[0].id, None)  # taken out of its problem again
    for note in notes[::25]:
        session.mark_note(note.id, Mark.VALUABLE)
    session.close()
    return session.folder


def test_json_is_what_json_dumps_with_indent_2_gives(debriefed):
    for folder in [*SAMPLES, debriefed]:
        log, state = load_session(folder)
        assert FORMATS["json"](log, state) == json.dumps(to_json_data(log, state), ensure_ascii=False, indent=2) + "\n"


def test_a_note_is_laid_out_as_json_dumps_lays_it_out_whatever_its_values():
    odd = {"id": "n", "text": "보고서 \u2028 \"q\" \\ \t\x01", "tags": ["a", "b"], "marks": [], "question": 10**20, "t": 0.1 + 0.2,
           "recording": None, "edited": True, "late": False, "nan": float("nan"), "inf": float("-inf"),
           "odd": [7, {"k": ["v", None]}, 1.5, True, "ok"], "empty": {}, "nested": {"a": [1, {"b": None}]}}
    expected = json.dumps({"notes": [odd]}, ensure_ascii=False, indent=2)
    assert "{\n  \"notes\": [\n    " + json_export._note_text(odd) + "\n  ]\n}" == expected


def test_json_of_a_session_without_notes_is_what_json_dumps_gives(sessions_root, playbook, clock):
    session = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock)
    session.close()
    log, state = load_session(session.folder)
    text = FORMATS["json"](log, state)
    assert text == json.dumps(to_json_data(log, state), ensure_ascii=False, indent=2) + "\n"
    assert '"notes": [],' in text


@pytest.mark.parametrize("end", ["\n", ""])
@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 7, 9])
def test_streamed_lines_write_exactly_the_joined_text(end, count, monkeypatch):
    monkeypatch.setattr(StreamedLines, "KEEP", 3)
    sink = CountingSink()
    lines = StreamedLines(sink, end=end)
    expected = []
    for number in range(count):
        if number % 2:
            lines.append(f"line {number}")
            expected.append(f"line {number}")
        else:
            lines += (f"line {number}.{part}" for part in range(2))
            expected += [f"line {number}.{part}" for part in range(2)]
    lines.close()
    assert sink.text() == "\n".join(expected) + end


@pytest.mark.parametrize("fmt", ["md", "vtt"])
def test_md_and_vtt_are_the_same_written_in_pieces_or_at_once(debriefed, fmt, monkeypatch):
    log, state = load_session(debriefed)
    monkeypatch.setattr(StreamedLines, "KEEP", 10**9)  # one piece at the end, as the text was built before
    whole = FORMATS[fmt](log, state)
    monkeypatch.setattr(StreamedLines, "KEEP", 7)
    sink = CountingSink()
    WRITERS[fmt](log, state, sink)
    assert sink.text() == whole
    assert len(sink.pieces) > 600 // 7 // 4  # written as it went, not at the end


@pytest.mark.parametrize("fmt", ["md", "vtt"])
def test_md_and_vtt_hold_a_bounded_number_of_notes_before_writing(debriefed, fmt):
    log, state = load_session(debriefed)
    sink = CountingSink()
    WRITERS[fmt](log, state, sink)
    per_piece = [piece.count("note ") for piece in sink.pieces]
    assert sum(per_piece) >= 570  # every live note is in the text (vtt: from the recording start on)
    assert max(per_piece) <= StreamedLines.KEEP


@pytest.mark.parametrize("module, fmt", [(json_export, "json"), (csv_export, "csv")])
def test_json_and_csv_write_each_note_before_taking_the_next(debriefed, module, fmt, monkeypatch):
    log, state = load_session(debriefed)
    taken = []
    real = write_up.iter_exported_notes

    def counted(state):
        for item in real(state):
            taken.append(item.note.id)
            yield item

    monkeypatch.setattr(module, "iter_exported_notes", counted)
    written = [0]
    held = []  # notes taken but not yet written, at each write

    class Watching(CountingSink):
        def write(self, text: str) -> int:
            # a note in json starts with its id; a csv row ends with CRLF (the header is one too)
            written[0] += text.count('\n      "id": ') if fmt == "json" else text.count("\r\n")
            held.append(len(taken) - (written[0] if fmt == "json" else written[0] - 1))
            return super().write(text)

    sink = Watching()
    WRITERS[fmt](log, state, sink)
    assert len(taken) == 599
    assert max(held) <= 1  # never more than the note being written
    if fmt == "json":
        assert len(json.loads(sink.text())["notes"]) == 599
    assert len(sink.pieces) >= 599


def test_each_notes_problem_is_indexed_once_not_scanned_for(debriefed, monkeypatch):
    log, state = load_session(debriefed)
    expected = {note.id: state.problem_of(note.id) for note in state.live_notes()}

    def scanning(self, note_id):
        raise AssertionError("an export scanned every problem for one note")

    monkeypatch.setattr(SessionState, "problem_of", scanning)
    notes = json.loads(FORMATS["json"](log, state))["notes"]
    assert {note["id"]: note["problem"] for note in notes} == {k: (p.id if p else None) for k, p in expected.items()}
    assert sum(1 for note in notes if note["problem"]) == 298  # 30 problems of 10, one taken out again, one deleted
    rows = FORMATS["csv"](log, state).splitlines()[1:]
    assert sum(1 for row in rows if "Problem " in row) == 298
    index = write_up.problems_by_note(state)
    assert {k: index.get(k) for k in expected} == expected


def test_an_export_to_a_file_is_private_and_the_same_as_to_the_terminal(debriefed, tmp_path, capsys):
    for fmt in ("md", "csv", "json", "vtt"):
        target = tmp_path / f"out.{fmt}"
        assert main(["export", str(debriefed), "--format", fmt, "-o", str(target)]) == 0
        assert main(["export", str(debriefed), "--format", fmt]) == 0
        assert target.read_bytes().decode("utf-8") == capsys.readouterr().out
        assert target.stat().st_mode & 0o777 == 0o600
