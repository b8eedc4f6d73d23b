"""On a real terminal, by the bytes a terminal sends: a paste is stored as received (order and every
character kept, ESC, bidi and zero-width ones too), a typed emoji keeps its joiner; and ctrl+q,
SIGTERM and SIGHUP save what was being typed and give the terminal back as it was."""

from __future__ import annotations

import os
import signal
import time

import pytest

from interview_tui.session import load_session
from tests.terminal import ENTER, Terminal, session_env
from tests.test_kill9 import saved_note_texts

PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
MOUSE_TRACKING_OFF = b"\x1b[?1000l"


def _started(sessions_root, name: str) -> Terminal:
    terminal = Terminal(["run", "--participant", name], session_env(sessions_root))
    assert terminal.wait_for(lambda: b"Enter saves" in terminal.output), terminal.output[-2000:]
    return terminal


def test_pasted_and_typed_text_is_stored_as_received(sessions_root):
    pasted = [
        "abc \x1b[2J def",
        "quote \u202eevil\u202c zero\u200bwidth \x1b]0;title\x07 \u2066isolate\u2069 end",
    ]
    typed = "\U0001F469\u200d\U0001F4BB typed, and \u05e9\u05dc\u05d5\u05dd\u200f ok"
    terminal = _started(sessions_root, "Kim")
    try:
        for text in pasted:
            terminal.write(PASTE_START + text + PASTE_END + ENTER)
        terminal.write(typed + ENTER)
        expected = [*pasted, typed]
        assert terminal.wait_for(lambda: saved_note_texts(sessions_root) == expected), saved_note_texts(sessions_root)
    finally:
        terminal.kill(signal.SIGKILL)


def _draft_after_resume(sessions_root, marker: str) -> bool:
    folder = next(sessions_root.glob("*"))
    _, state = load_session(folder)
    return marker in state.drafts.values()


@pytest.mark.parametrize(("stop", "name"), [
    (lambda terminal: terminal.write("\x11"), "ctrl+q"),
    (lambda terminal: os.kill(terminal.pid, signal.SIGTERM), "SIGTERM"),
    (lambda terminal: os.kill(terminal.pid, signal.SIGHUP), "SIGHUP"),
], ids=["ctrl+q", "SIGTERM", "SIGHUP"])
def test_quit_and_stop_signals_save_the_draft_and_restore_the_terminal(sessions_root, stop, name):
    terminal = _started(sessions_root, "Lee")
    draft = f"typed just before {name}"
    terminal.write(draft)
    # As soon as the app shows it (it read the keys): the half-second draft timer has not run yet.
    assert terminal.wait_for(lambda: draft.encode() in terminal.output)
    stop(terminal)
    terminal.read_until_exit()
    tail = bytes(terminal.output[-4000:])
    assert LEAVE_ALTERNATE_SCREEN in tail and MOUSE_TRACKING_OFF in tail, tail[-400:]
    assert _draft_after_resume(sessions_root, draft)

    resumed = Terminal(["resume", "last"], session_env(sessions_root))
    try:
        assert resumed.wait_for(lambda: draft.encode() in resumed.output), resumed.output[-3000:]
    finally:
        resumed.kill(signal.SIGKILL)


def test_a_closed_terminal_ends_the_app_with_the_draft_saved(sessions_root):
    terminal = _started(sessions_root, "Park")
    typed = "typed as the connection dropped"
    # Once the app shows it: input still in the terminal's buffer dies with the terminal.
    terminal.write(typed)
    assert terminal.wait_for(lambda: typed.encode() in terminal.output)
    os.close(terminal.fd)  # the terminal goes away: the kernel sends SIGHUP
    deadline = time.monotonic() + 30
    while os.waitpid(terminal.pid, os.WNOHANG) == (0, 0):
        if time.monotonic() > deadline:
            os.kill(terminal.pid, signal.SIGKILL)  # never left running after the test
            os.waitpid(terminal.pid, 0)
            pytest.fail("the app did not end when its terminal closed")
        time.sleep(0.05)
    assert _draft_after_resume(sessions_root, typed)
