"""kill -9 in the middle of a real session, on a pseudo-terminal: every note that was saved is there."""

from __future__ import annotations

import json
import random
import signal

import pytest

from interview_tui.cli import main
from interview_tui.session.log import log_files
from tests.terminal import ENTER, F1, F3, F5, F8, Terminal, session_env


def saved_note_texts(sessions_root) -> list[str]:
    texts = []
    for folder in sessions_root.glob("*"):
        for path in log_files(folder):
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                if '"note_added"' in line:
                    try:
                        texts.append(json.loads(line)["text"])
                    except ValueError:
                        pass
    return texts


def test_kill_9_loses_no_saved_note(sessions_root, capsys):
    terminal = Terminal(["run", "--participant", "Kim"], session_env(sessions_root))
    try:
        # Type once the live screen is drawn, as a person would.
        assert terminal.wait_for(lambda: b"Enter saves" in terminal.output), terminal.output[-2000:]
        notes = [
            (F5 + F1, "Welcome, recording OK #consent"),
            ("", "[laughs] that export is a pain #pain"),
            (F3, "주문 관리 화면에서 망설임 #observation"),
            (F8, "她每周五导出 Excel #quote"),
        ]
        for keys, text in notes:
            terminal.write(keys + text + ENTER)
        expected = [text for _, text in notes]
        assert terminal.wait_for(lambda: saved_note_texts(sessions_root) == expected), saved_note_texts(sessions_root)
        terminal.write("typed but not saved yet")
    finally:
        status = terminal.kill(signal.SIGKILL)
    assert status == signal.SIGKILL  # it really was killed, not ended

    assert main(["export", "last", "--format", "json"]) == 0
    exported = json.loads(capsys.readouterr().out)
    got = [(note["role"], note["text"], note["tags"], note["phase"]) for note in exported["notes"]]
    assert got == [
        ("interviewer", "Welcome, recording OK #consent", ["consent"], "housekeeping"),
        ("interviewer", "[laughs] that export is a pain #pain", ["pain"], "housekeeping"),
        ("observer", "주문 관리 화면에서 망설임 #observation", ["observation"], "housekeeping"),
        ("observer", "她每周五导出 Excel #quote", ["quote"], "warm-up"),
    ]


def test_kill_9_then_resume_brings_back_notes_draft_and_clock(sessions_root):
    from interview_tui.session import load_session

    terminal = Terminal(["run", "--participant", "Lee"], session_env(sessions_root))
    try:
        assert terminal.wait_for(lambda: b"Enter saves" in terminal.output), terminal.output[-2000:]
        terminal.write(F5 + "saved before the crash #pain" + ENTER)
        terminal.write(F8 + "half-typed draft")
        folder = next(sessions_root.glob("*"))

        def draft_saved() -> bool:
            _, state = load_session(folder)
            return state.drafts.get("scribe") == "half-typed draft"

        assert terminal.wait_for(draft_saved)
    finally:
        terminal.kill(signal.SIGKILL)

    resumed = Terminal(["resume", "last"], session_env(sessions_root))
    try:
        assert resumed.wait_for(lambda: b"Session resumed" in resumed.output), resumed.output[-3000:]
        resumed.write(" and finished" + ENTER)
        resumed.write("\x1b[21~")  # F10: end, then confirm
        assert resumed.wait_for(lambda: b"End the session?" in resumed.output)
        resumed.write(ENTER)
        assert resumed.wait_for(lambda: b"Open follow-ups" in resumed.output)
        resumed.write("q")
        assert resumed.wait_for(lambda: load_session(folder)[1].ended)
    finally:
        resumed.kill(signal.SIGKILL)

    _, state = load_session(folder)
    assert [(n.text, n.phase) for n in state.notes] == [
        ("saved before the crash #pain", "housekeeping"),
        ("half-typed draft and finished", "warm-up"),
    ]
    assert len(state.gaps) == 1 and state.ended


def kill_9_across_resumes(sessions_root, rng: random.Random, cycles: int) -> int:
    """Start, then resume `cycles` times, each run killed -9 at a random moment while typing; after
    every kill each note the screen showed as saved is in the log, and the session still reads
    whole (no doubled event, nothing but a torn last line skipped). Returns the kills survived."""
    from interview_tui.session import load_session
    from tests.test_faults import screen_text

    shown: list[str] = []
    for cycle in range(cycles + 1):
        args = ["run", "--participant", "Rae"] if cycle == 0 else ["resume", "last"]
        terminal = Terminal(args, session_env(sessions_root))
        try:
            assert terminal.wait_for(lambda: "Enter saves" in screen_text(terminal), timeout=30), screen_text(terminal)[-2000:]
            for index in range(rng.randint(1, 4)):
                text = f"cycle {cycle} note {index} {rng.randrange(10**6)}"
                terminal.write(text + ENTER)
                if terminal.wait_for(lambda: f"housekeeping {text}" in screen_text(terminal), timeout=rng.uniform(0.0, 0.4)):
                    shown.append(text)
            terminal.write("draft before the kill")
            terminal.drain(rng.uniform(0.0, 1.0))
        finally:
            terminal.kill(signal.SIGKILL)
        assert set(shown) <= set(saved_note_texts(sessions_root)), "a note shown as saved was lost"
        log, state = load_session(next(sessions_root.glob("*")))
        assert all("incomplete last line" in p.message for p in log.problems), log.problems
        assert len({n.id for n in state.notes}) == len(state.notes)
    return cycles + 1


def test_kill_9_twice_across_a_resume(sessions_root):
    assert kill_9_across_resumes(sessions_root, random.Random(7), cycles=1) == 2


@pytest.mark.soak
def test_soak_kill_9_across_twenty_resumes(sessions_root):
    assert kill_9_across_resumes(sessions_root, random.Random(20), cycles=20) == 21
