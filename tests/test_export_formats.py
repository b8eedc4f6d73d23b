"""CSV for spreadsheets, WebVTT for media players, and redacted copies safe to share."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from interview_tui.cli import main
from interview_tui.session import Role, Session, load_session

SAMPLES = Path(__file__).resolve().parent.parent / "sessions"
DANA = SAMPLES / "20261103-100000-da7a"


def test_csv_has_one_row_per_note_with_the_columns_a_research_tool_imports(capsys):
    assert main(["export", str(DANA), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeffsession,participant,segment,role,phase,question,time,recording_time,tags,text")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert len(rows) == 26
    quote = next(r for r in rows if r["text"].startswith('"Every Friday'))
    assert (quote["participant"], quote["segment"], quote["role"], quote["phase"]) == ("Dana Whitfield", "fan", "scribe", "Meaty questions")
    assert (quote["time"], quote["recording_time"], quote["tags"]) == ("16:30", "15:30", "quote pain")
    assert quote["marks"] == "valuable" and quote["problem"] == "The weekly report is rebuilt by hand"


def test_vtt_cues_sit_at_recording_times_and_escape_markup(sessions_root, playbook, clock, capsys):
    session = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock)
    session.start_clock()
    clock.advance(30)
    session.add_note(Role.SCRIBE, "before the recording")
    clock.advance(1)
    session.mark_recording_started()
    clock.advance(65)
    session.add_note(Role.OBSERVER, "<b>bold?</b> & --> arrows")
    clock.advance(3)
    session.add_note(Role.SCRIBE, "right after")
    assert main(["export", "last", "--format", "vtt"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("WEBVTT\n\nNOTE ")
    blocks = out.split("\n\n")
    # The note from before the recording has no cue; a NOTE block keeps it and says why.
    assert blocks[2] == (
        "NOTE 1 note is from before the recording started, so it has no cue; here it is, at its interview clock time:\n"
        "00:30 Scribe: before the recording"
    )
    cues = blocks[3:]
    assert cues[0] == "1\n00:01:05.000 --> 00:01:08.000\n<v Observer>&lt;b&gt;bold?&lt;/b&gt; &amp; --&gt; arrows"
    assert cues[1].startswith("2\n00:01:08.000 --> 00:01:14.000\n<v Scribe>right after")


def test_redacted_exports_hide_names_contacts_and_listed_words_and_leave_the_log_alone(sessions_root, playbook, clock, capsys):
    session = Session.create(sessions_root, playbook, participant={"name": "Dana Whitfield (P03)", "alias": "P03", "segment": "fan"}, clock=clock)
    session.add_note(Role.SCRIBE, "Dana says Acme's ERP is slow; mail dana.w@acme.example or call +44 20 7946 0958 #pain")
    for output_format in ("md", "csv", "json", "vtt"):
        assert main(["export", "last", "--format", output_format, "--redact", "--redact-words", "Acme,ERP"]) == 0
        out = capsys.readouterr().out
        if output_format == "md":
            out = out.replace("\\", "")  # Markdown escapes the brackets; rendered, they read as typed
        assert "Dana" not in out and "Whitfield" not in out and "acme" not in out.lower() and "7946" not in out, output_format
        assert "P03 says [redacted]'s [redacted] is slow; mail [email] or call [phone] #pain" in out, output_format
    _, state = load_session(session.folder)
    assert state.notes[0].text.startswith("Dana says Acme's ERP")  # the session itself is untouched


def test_redaction_words_can_come_from_a_file(sessions_root, playbook, clock, capsys, tmp_path):
    Session.create(sessions_root, playbook, participant={"name": "Kim"}, clock=clock).add_note(Role.SCRIBE, "Project Falcon at Initech")
    words = tmp_path / "words.txt"
    words.write_text("Falcon\nInitech\n")
    assert main(["export", "last", "--format", "md", "--redact", "--redact-file", str(words)]) == 0
    assert "Project \\[redacted\\] at \\[redacted\\]" in capsys.readouterr().out


def test_report_over_the_samples_shows_one_tag_across_participants(capsys):
    assert main(["report", "--all", "--sessions-dir", str(SAMPLES), "--format", "md"]) == 0
    pain = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("| #pain |"))
    assert pain == "| #pain | 3 | 3 | 2 | 8 |"
