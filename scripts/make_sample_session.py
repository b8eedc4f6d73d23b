"""Write the sample session in sessions/: a real interview log made by the real core on a fake clock.

    .venv/bin/python scripts/make_sample_session.py

Fixed session and writer ids and a fake clock, so every run writes the same bytes: the file only
changes when the core, the bundled playbook or this script does (then commit the new file).
"""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

from interview_tui.playbook import load_playbook, resolve_playbook
from interview_tui.session import Role, Session
from interview_tui.session.clock import FakeClock
from interview_tui.session.events import Consent, QuestionStatus

SESSIONS = Path(__file__).resolve().parent.parent / "sessions"
I, S, O = Role.INTERVIEWER, Role.SCRIBE, Role.OBSERVER

# (seconds later, action) — an action is a note (role, text), or a command name with arguments.
DANA = [
    (0, "start_clock"),
    (15, (I, "Welcomed Dana, thanked her for the hour; introduced Sam (scribe) and Priya (observer)")),
    (10, (O, "Dana joined from home, two minutes early, notebook ready #observation")),
    (30, ("consent", Consent.YES)),
    (5, "recording"),
    (20, ("ask", 0)),
    (40, (S, "Recording OK; NDA already signed via procurement")),
    (170, "next_phase"),
    (10, ("ask", 0)),
    (45, (S, "Dana leads ops at a 40-person logistics firm; 3 years in the role #context")),
    (60, ("ask", 1)),
    (35, (S, "Runs dispatch for 12 drivers, plans routes every morning at 7")),
    (15, (I, "She calls the morning plan \"the puzzle\"; use her word in the meaty part")),
    (20, (O, "Talks fast, relaxed; camera on, laptop on a kitchen table #observation")),
    (80, ("ask", 2)),
    (30, (S, "Tools: our app, Google Sheets, WhatsApp groups with drivers, the old ERP")),
    (110, ("ask", 3)),
    (40, (S, "Found us through a peer at a trade fair; chose us over a bigger vendor for the price")),
    (160, "next_phase"),
    (15, ("ask", 0)),
    (80, (S, "\"Every Friday I rebuild the same report by hand. Two hours, every week.\" #quote #pain")),
    (25, (O, "Sighs and looks away when the Friday report comes up #observation")),
    (60, (S, "Copies numbers from three tools into one spreadsheet, then emails a PDF to her boss #pain")),
    (30, (O, "Ask why the boss needs it weekly, not monthly #question")),
    (90, ("ask", 1)),
    (70, (S, "Hardest part: the ERP export breaks on accented driver names [José, Zoë] #pain")),
    (40, (I, "Repeated back: the report is manual because the numbers live in 3 places. She agreed.")),
    (120, ("ask", 2)),
    (60, (S, "Workaround: a macro a former colleague wrote; nobody dares touch it #insight")),
    (25, (O, "She opened the macro on screen: 400 lines of VBA #observation")),
    (150, ("ask", 3)),
    (40, (S, "When the report is late, the boss calls her on Saturday", ["quote"])),
    (100, ("skip", 4)),
    (60, ("ask", 5)),
    (50, (S, "One change: numbers that are already in one place. \"I'd pay for that tomorrow.\" #quote #idea")),
    (35, (I, "Send Dana a redacted copy of the Friday report template #follow-up")),
    (200, "next_phase"),
    (20, ("skip", 0)),
    (10, ("skip", 1)),
    (10, ("skip", 2)),
    (15, ("queue_asked", 0)),
    (60, (S, "Boss wants weekly numbers because fuel prices change weekly #insight")),
    (120, (O, "Fuel is the real driver of the report; worth a separate interview with the boss #follow-up")),
    (200, "next_phase"),
    (30, (I, "Dana asks whether we will integrate with her ERP #question")),
    (45, (S, "Asked how we handle driver data privacy #question")),
    (20, (O, "Her questions are all about the ERP, none about features: integration is the buying criterion #insight")),
    (240, "next_phase"),
    (30, (I, "Thanked Dana; gift card sent; she agreed to a follow-up in 4 weeks #follow-up")),
    (120, "end"),
]


def play(session: Session, clock: FakeClock, script: list) -> None:
    for wait, action in script:
        clock.advance(wait)
        if isinstance(action, tuple) and isinstance(action[0], Role):
            # (role, text) or (role, text, one-key tags)
            session.add_note(action[0], action[1], tags=action[2] if len(action) > 2 else None)
        elif action == "start_clock":
            session.start_clock()
        elif action == "next_phase":
            session.next_phase()
        elif action == "recording":
            session.mark_recording_started()
        elif action == "end":
            session.end()
        elif action[0] == "consent":
            session.record_consent(action[1])
        elif action[0] == "ask":
            session.mark_question(action[1], QuestionStatus.ASKED)
        elif action[0] == "skip":
            session.mark_question(action[1], QuestionStatus.SKIPPED)
        elif action[0] == "queue_asked":
            session.mark_queue_item(session.state.open_items(session.state.observer_questions())[action[1]].id)
        else:
            raise ValueError(action)
    session.close()


def make(session_id: str, writer_id: str, playbook: str, participant: dict, script: list, start: datetime) -> Path:
    folder = SESSIONS / session_id
    shutil.rmtree(folder, ignore_errors=True)
    clock = FakeClock(wall=start)
    session = Session.create(
        SESSIONS, load_playbook(resolve_playbook(playbook)), playbook_source=f"playbooks/{playbook}.yaml",
        participant=participant, clock=clock, session_id=session_id, writer_id=writer_id,
    )
    play(session, clock, script)
    return folder


def main() -> None:
    cet = timezone(timedelta(hours=1))
    made = [
        make("20261103-100000-da7a", "w3c9f2a17", "customer-interview",
             {"name": "Dana Whitfield", "role": "Head of operations", "product": "Route planner",
              "customer_since": "2023", "company_size": "40 people, 12 drivers", "segment": "fan"},
             DANA, datetime(2026, 11, 3, 10, 0, tzinfo=cet)),
    ]
    for folder in made:
        print(f"wrote {folder.relative_to(SESSIONS.parent)}")


if __name__ == "__main__":
    main()
