"""Lint: the play's advice, with lines; English heuristics never fire on Korean."""

from __future__ import annotations

import pytest

from interview_tui.playbook.lint import lint
from interview_tui.playbook.loader import load_loaded_text


def warnings_for(text: str) -> list[tuple[int | None, str]]:
    return [(problem.line, problem.message) for problem in lint(load_loaded_text(text, "play.yaml"))]


def one_phase(questions: str, *, language: str = "en", phase_id: str = "meaty") -> str:
    return (f"title: Play\nlanguage: {language}\nphases:\n  - id: {phase_id}\n    title: Main\n    minutes: 20\n"
            f"    guidance: Dig.\n    questions:\n{questions}")


@pytest.mark.parametrize(
    "question, warning",
    [
        ("Don't you think the export is too slow?", "leading question"),
        ("Don’t you agree it is slow?", "leading question"),
        ("Isn't it annoying when it crashes?", "leading question"),
        ("Wouldn't it be better with a button?", "leading question"),
        ("That was hard, right?", "leading question"),
        ("Would you agree that reports matter?", "leading question"),
        ("Do you use reports?", "yes/no question"),
        ("So, did you try the export?", "yes/no question"),
        ("Is the report useful?", "yes/no question"),
        ("Have you tried the API?", "yes/no question"),
    ],
)
def test_closed_and_leading_questions_are_warned_at_their_line(question, warning):
    assert warnings_for(one_phase(f"      - {question}\n")) == [(9, f"{warning}: {question!r}")]


@pytest.mark.parametrize(
    "question",
    [
        "How do you use reports?",
        "Why isn't it working for you?",
        "How clearly did they explain it?",
        "Tell me about the last time you exported a report.",
        "Which tools do you use every day?",
        "Doing this by hand - how long does it take?",
    ],
)
def test_open_questions_are_not_warned(question):
    assert warnings_for(one_phase(f"      - {question}\n")) == []


def test_follow_ups_are_checked_too_at_their_own_line():
    questions = ("      - text: Walk me through the last export.\n        follow_ups:\n"
                 "          - Why then?\n          - Was it quick?\n")
    assert warnings_for(one_phase(questions)) == [(12, "yes/no question: 'Was it quick?'")]


def test_housekeeping_may_ask_for_consent_with_a_yes_or_no_but_not_lead():
    questions = "      - Is it all right with you if we record this?\n      - You're fine with recording, right?\n"
    assert warnings_for(one_phase(questions, phase_id="housekeeping")) == [
        (10, "leading question: \"You're fine with recording, right?\""),
    ]


@pytest.mark.parametrize(
    "question, leading",
    [
        ("이 방식이 더 좋지 않을까요?", True),  # "wouldn't this way be better?"
        ("불편하지 않으세요?", True),
        ("편하시죠?", True),  # asks for agreement
        ("당연히 엑셀이 더 편하시겠죠?", True),
        ("어떻게 하셨죠?", False),  # "how did you do it?": open, though it ends in -죠
        ("가장 최근에 있었던 일을 이야기해 주세요.", False),
        ("한 시간 정도 시간 괜찮으세요?", False),  # yes/no in Korean, but the English first-word rule must not fire
    ],
)
def test_korean_questions_are_judged_by_korean_patterns_only(question, leading):
    warnings = warnings_for(one_phase(f"      - {question}\n", language="ko"))
    assert warnings == ([(9, f"leading question: {question!r}")] if leading else [])


def test_yes_no_is_an_english_rule_only():
    # The same first word means nothing in another language's playbook.
    assert warnings_for(one_phase("      - Do it this way?\n", language="de")) == []


def test_more_than_ten_main_questions_per_hour():
    ten = "".join(f"      - How did step {i} go?\n" for i in range(10))
    assert warnings_for(one_phase(ten)) == []
    eleven = ten + "      - What happened next?\n"
    assert warnings_for(one_phase(eleven)) == [(9, "11 questions in the main phase `meaty` for a 20-minute interview")]


def test_without_a_meaty_phase_the_longest_phase_is_the_main_one():
    questions = "".join(f"      - How did step {i} go?\n" for i in range(12))
    text = ("title: Play\nphases:\n  - {id: intro, title: Intro, minutes: 5, guidance: Hi.}\n"
            f"  - id: workflow\n    title: Workflow\n    minutes: 40\n    guidance: Map it.\n    questions:\n{questions}")
    assert warnings_for(text) == [(9, "12 questions in the main phase `workflow` for a 45-minute interview")]


def test_a_ninety_minute_interview_may_have_fifteen_main_questions():
    fifteen = "".join(f"      - How did step {i} go?\n" for i in range(15))
    text = one_phase(fifteen).replace("title: Play\n", "title: Play\nlength_minutes: 90\n")
    assert warnings_for(text) == []


def test_phases_longer_than_planned_and_a_phase_without_guidance():
    text = ("title: Play\nlength_minutes: 30\nphases:\n  - {id: meaty, title: Main, minutes: 25, guidance: Dig.}\n"
            "  - id: wrap-up\n    title: Wrap-up\n    minutes: 10\n")
    assert warnings_for(text) == [
        (2, "the phases add up to 35 minutes, more than `length_minutes` (30)"),
        (5, "phase `wrap-up` has no guidance"),
    ]
