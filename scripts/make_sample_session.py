"""Write the sample sessions in sessions/: real interview logs made by the real core on a fake clock.

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
from interview_tui.session.events import Consent, Mark, QuestionStatus

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


# The team's debrief of Dana's interview the next morning, by note text.
DANA_DEBRIEF = {
    "marks": [
        ("\"Every Friday I rebuild the same report by hand", Mark.VALUABLE),
        ("Boss wants weekly numbers because fuel prices", Mark.SURPRISING),
        ("Found us through a peer at a trade fair", Mark.CONTRADICTORY),
    ],
    "problems": [
        ("The weekly report is rebuilt by hand",
         ["\"Every Friday I rebuild the same report by hand", "Copies numbers from three tools", "Workaround: a macro"],
         ["the numbers live in three tools", "the ERP has no export the other tools can read",
          "the ERP was chosen for invoicing, not for operations", "nobody owned reporting when it was chosen",
          "reporting was never anyone's job until fuel prices started moving weekly"]),
        ("Integration with the ERP decides the purchase",
         ["Dana asks whether we will integrate with her ERP", "Her questions are all about the ERP"],
         ["without it she still re-types numbers", "the ERP holds the invoices her boss trusts"]),
    ],
}

LEE = [
    (0, "start_clock"),
    (20, (I, "Welcomed Lee; he had 45 minutes, not an hour")),
    (15, ("consent", Consent.NO)),
    (25, (S, "No recording: notes only. Lee runs dispatch at a 200-truck carrier #context")),
    (250, "next_phase"),
    (10, ("ask", 0)),
    (40, (S, "Moved to us from a bigger vendor last spring; half the team still uses the old one")),
    (30, (O, "Arms crossed, short answers at first #observation")),
    (200, "next_phase"),
    (20, ("ask", 0)),
    (60, (S, "\"The export broke on Monday and I lost a morning re-typing routes\" #quote #pain")),
    (45, (O, "Ask what the Monday export is used for #question")),
    (80, ("ask", 1)),
    (50, (S, "The export drops accents: drivers named Zoë and José become Zo? and Jos? #pain")),
    (30, (I, "Repeated back: the export is the daily pain, not the planning. He agreed, loudly.")),
    (120, (S, "Would switch back if exports keep breaking #quote", ["confusion"])),
    (90, ("ask", 3)),
    (40, (S, "Weekly report for the fleet owner, rebuilt by hand on Fridays #pain")),
    (160, "next_phase"),
    (15, ("queue_asked", 0)),
    (50, (S, "Monday export feeds the payroll of the drivers #insight")),
    (180, "next_phase"),
    (30, (I, "Asked if we have an API he could call himself #question")),
    (150, "next_phase"),
    (20, (I, "Send Lee the API docs and the export fix date #follow-up")),
    (60, "end"),
]

MINJI = [
    (0, "start_clock"),
    (20, (I, "인사와 역할 소개, 녹음 동의 받음")),
    (10, ("consent", Consent.YES)),
    (5, "recording"),
    (200, "next_phase"),
    (10, ("ask", 0)),
    (50, (S, "김민지 님: 물류 스타트업 운영팀장, 작년에 저희 제품에서 경쟁사로 옮김 #context")),
    (40, (O, "화면 공유로 지금 쓰는 도구를 보여줌 #observation")),
    (300, "next_phase"),
    (15, ("ask", 0)),
    (60, (S, "\"금요일마다 보고서를 손으로 다시 만들었어요. 그게 떠난 이유예요.\"", ["quote", "pain"])),
    (40, (O, "'떠난 이유'를 말할 때 목소리가 커짐 #observation")),
    (90, ("ask", 1)),
    (60, (S, "엑셀 내보내기에서 한글 이름이 깨져서 매번 고쳐야 했음", ["pain"])),
    (120, ("ask", 2)),
    (40, (S, "지금 쓰는 경쟁사 제품은 보고서가 자동으로 만들어진다고 함 #insight")),
    (30, (O, "다시 돌아올 조건을 물어볼 것: 보고서 자동화? #question")),
    (200, "next_phase"),
    (15, ("queue_asked", 0)),
    (60, (S, "보고서만 자동화되면 다시 돌아올 의향 있음 #quote", ["idea"])),
    (200, "next_phase"),
    (30, (I, "고객 질문: 한글 인코딩 문제는 고쳐졌나요? #question")),
    (180, "next_phase"),
    (20, (I, "한글 내보내기 수정 일정 공유하기 #follow-up")),
    (60, "end"),
]


def debrief(folder: Path, writer_id: str, clock: FakeClock, plan: dict) -> None:
    """The debrief as the team does it the morning after: marks, problems with notes and whys."""
    clock.advance(18 * 3600)
    session = Session.resume(folder, clock=clock, debrief=True, writer_id=writer_id)

    def note_starting(text: str):
        return next(note for note in session.state.live_notes() if note.text.startswith(text))

    for text, mark in plan["marks"]:
        clock.advance(20)
        session.mark_note(note_starting(text).id, mark)
    for title, notes, whys in plan["problems"]:
        clock.advance(60)
        problem_id = session.create_problem(title)
        for text in notes:
            clock.advance(10)
            session.group_note(note_starting(text).id, problem_id)
        clock.advance(120)
        session.edit_problem(problem_id, title, whys)
    session.close()


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


def make(session_id: str, writer_id: str, playbook: str, participant: dict, script: list, start: datetime,
         debrief_plan: tuple[str, dict] | None = None) -> Path:
    folder = SESSIONS / session_id
    shutil.rmtree(folder, ignore_errors=True)
    clock = FakeClock(wall=start)
    session = Session.create(
        SESSIONS, load_playbook(resolve_playbook(playbook)), playbook_source=f"playbooks/{playbook}.yaml",
        participant=participant, clock=clock, session_id=session_id, writer_id=writer_id,
    )
    play(session, clock, script)
    if debrief_plan is not None:
        debrief(folder, debrief_plan[0], clock, debrief_plan[1])
    return folder


def main() -> None:
    cet = timezone(timedelta(hours=1))
    made = [
        make("20261103-100000-da7a", "w3c9f2a17", "customer-interview",
             {"name": "Dana Whitfield", "role": "Head of operations", "product": "Route planner",
              "customer_since": "2023", "company_size": "40 people, 12 drivers", "segment": "fan"},
             DANA, datetime(2026, 11, 3, 10, 0, tzinfo=cet), debrief_plan=("w5e0b7c44", DANA_DEBRIEF)),
        make("20261105-140000-1ee0", "w81d0c3aa", "customer-interview",
             {"name": "Lee Okafor", "role": "Dispatch lead", "product": "Route planner",
              "customer_since": "2025", "company_size": "200 trucks", "segment": "switched to us"},
             LEE, datetime(2026, 11, 5, 14, 0, tzinfo=cet)),
        make("20261110-160000-5e0b", "w2b7e91d4", "customer-interview-ko",
             {"name": "김민지", "role": "운영팀장", "product": "Route planner", "customer_since": "2024",
              "company_size": "30명", "segment": "경쟁사로 떠난 고객"},
             MINJI, datetime(2026, 11, 10, 16, 0, tzinfo=timezone(timedelta(hours=9)))),
    ]
    for folder in made:
        print(f"wrote {folder.relative_to(SESSIONS.parent)}")


if __name__ == "__main__":
    main()
