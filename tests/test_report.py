"""The report across interviews, and `interview show`: what a team reads after a round of interviews."""

from __future__ import annotations

import csv
import io

import pytest

from interview_tui.cli import main
from interview_tui.session import Role, Session
from interview_tui.session.events import Mark


@pytest.fixture
def three_interviews(sessions_root, playbook, clock):
    plan = [
        ("Dana", "fan", [(Role.SCRIBE, "rebuilds the report by hand #pain"), (Role.SCRIBE, "\"two hours every Friday\" #quote #pain")]),
        ("Lee", "critic", [(Role.SCRIBE, "export breaks on accents #pain"), (Role.OBSERVER, "send the API docs #follow-up")]),
        ("김민지", "switched away", [(Role.SCRIBE, "보고서를 손으로 만든다 #pain"), (Role.INTERVIEWER, "loves the map #success")]),
    ]
    for index, (name, segment, notes) in enumerate(plan):
        session = Session.create(sessions_root, playbook, participant={"name": name, "segment": segment}, clock=clock,
                                 session_id=f"2026110{index + 1}-100000-000{index}")
        session.start_clock()
        for role, text in notes:
            clock.advance(400)  # past the 5-minute housekeeping: it overruns
            session.add_note(role, text)
        session.next_phase()
        session.end()
        session.close()
    return sessions_root


def test_report_all_shows_the_same_tag_across_participants(three_interviews, capsys):
    assert main(["report", "--all", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Report across 3 interviews")
    pain_row = next(line for line in out.splitlines() if line.startswith("| #pain |"))
    assert pain_row == "| #pain | 2 | 1 | 1 | 4 |"
    assert "- [ ] send the API docs #follow-up (Lee (20261102))" in out
    assert "- fan: 1" in out and "- switched away: 1" in out
    assert "| Housekeeping | 5.0 | 13.3 | 3 of 3 |" in out


def test_report_csv_has_the_notes_behind_each_cell(three_interviews, capsys):
    assert main(["report", "--all", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    dana_pain = next(r for r in rows if r["tag"] == "pain" and r["participant"].startswith("Dana"))
    assert dana_pain["count"] == "2"
    assert dana_pain["notes"] == 'rebuilds the report by hand #pain | "two hours every Friday" #quote #pain'


def test_top_quotes_put_the_ones_marked_valuable_first(sessions_root, playbook, clock, capsys):
    session = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock)
    session.add_note(Role.SCRIBE, "first quote #quote")
    later = session.add_note(Role.SCRIBE, "the one that matters #quote")
    session.end()
    session.mark_note(later.id, Mark.VALUABLE)
    assert main(["report", "--all", "--format", "md"]) == 0
    out = capsys.readouterr().out
    quotes = out.split("**#quote**", 1)[1].splitlines()
    assert quotes[1].startswith("- the one that matters")


def test_report_in_the_terminal_and_filtered_by_playbook(three_interviews, capsys):
    assert main(["report", "--all", "--playbook", "customer-interview"]) == 0
    out = capsys.readouterr().out
    assert "Tags by participant" in out and "김민지" in out
    assert main(["report", "--all", "--playbook", "b2b-workflow"]) == 2
    assert "no sessions to report on" in capsys.readouterr().err


def test_report_needs_sessions_or_all(three_interviews, capsys):
    assert main(["report"]) == 2
    assert "or give --all" in capsys.readouterr().err


def test_show_prints_a_summary_without_the_tui(three_interviews, capsys):
    assert main(["show", "last"]) == 0
    out = capsys.readouterr().out
    assert "Customer interview · 김민지" in out and "Segment: switched away" in out
    assert "1 interviewer, 1 scribe, 0 observer" in out
