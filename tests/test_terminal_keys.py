"""The live screen's keys, sent as the raw bytes each terminal sends, on a real pty.

Textual names keys after parsing bytes, and terminals disagree on the bytes: a test of key *names*
(Pilot) cannot see that ESC f arrived as ctrl+right. These tests write the bytes themselves.
"""

from __future__ import annotations

import json
import signal
from pathlib import Path

from interview_tui.session.log import log_files
from tests.terminal import ENTER, F5, Terminal, session_env
from tests.test_faults import screen_text

# alt+KEY: xterm (metaSendsEscape), tmux, GNOME Terminal, Windows Terminal, iTerm2 (Option as
# Meta, "Esc+") and macOS Terminal ("Use Option as Meta key") all send ESC then the letter.
ALT = "\x1b"
# ctrl+t then the tag's key: the second way to tag, for a terminal whose Option key types "ƒ".
CTRL_T = "\x14"
# F1 and F2 as xterm, GNOME, iTerm2, Windows and macOS Terminal send them, and as rxvt and PuTTY do.
F1_VARIANTS = {"xterm": "\x1bOP", "rxvt": "\x1b[11~"}
F2_VARIANTS = {"xterm": "\x1bOQ", "rxvt": "\x1b[12~"}


def logged_tags(sessions_root: Path) -> dict[str, list[str]]:
    """Each note's text and its tags, from the log (added, and tagged later)."""
    tags: dict[str, list[str]] = {}
    ids: dict[str, str] = {}
    for folder in sessions_root.glob("*"):
        for path in log_files(folder):
            for line in path.read_bytes().splitlines():
                event = json.loads(line)
                if event.get("type") == "note_added":
                    ids[event["note"]] = event["text"]
                    tags[event["text"]] = list(event.get("tags", []))
                elif event.get("type") == "note_tagged":
                    tags[ids[event["note"]]].append(event["tag"])
    return tags


def test_one_key_tags_work_from_the_bytes_every_terminal_sends(tmp_path):
    root = tmp_path / "sessions"
    terminal = Terminal(["run", "--participant", "Keys"], session_env(root))
    try:
        assert terminal.wait_for(lambda: "Enter saves" in screen_text(terminal), timeout=30)
        terminal.write(F5)
        # ESC f while typing: the follow-up tag (Textual 8.2 alone reads it as ctrl+right).
        terminal.write("send the pricing sheet" + ALT + "f" + ENTER)
        # ESC p, ESC b (ctrl+left in Textual's table, too), and ctrl+t q.
        terminal.write("exports to Excel every Friday" + ALT + "p" + ENTER)
        terminal.write("주문 관리가 어렵다" + CTRL_T + "q" + ENTER)
        # Nothing typed: ESC f tags the pane's last note.
        terminal.write("她每周五导出 Excel" + ENTER)
        terminal.write(ALT + "f")
        expected = {
            "send the pricing sheet": ["follow-up"],
            "exports to Excel every Friday": ["pain"],
            "주문 관리가 어렵다": ["quote"],
            "她每周五导出 Excel": ["follow-up"],
        }
        assert terminal.wait_for(lambda: logged_tags(root) == expected, timeout=10), logged_tags(root)
    finally:
        terminal.kill(signal.SIGKILL)


def test_pane_keys_work_as_xterm_and_rxvt_send_them(tmp_path):
    root = tmp_path / "sessions"
    terminal = Terminal(["run", "--participant", "Panes"], session_env(root))
    try:
        assert terminal.wait_for(lambda: "Enter saves" in screen_text(terminal), timeout=30)
        for name, f1 in F1_VARIANTS.items():
            terminal.write(f1 + f"interviewer via {name}" + ENTER + F2_VARIANTS[name] + f"scribe via {name}" + ENTER)
        roles = {}

        def logged_roles() -> dict[str, str]:
            for folder in root.glob("*"):
                for path in log_files(folder):
                    for line in path.read_bytes().splitlines():
                        event = json.loads(line)
                        if event.get("type") == "note_added":
                            roles[event["text"]] = event["role"]
            return roles

        expected = {f"{role} via {name}": role for name in F1_VARIANTS for role in ("interviewer", "scribe")}
        assert terminal.wait_for(lambda: logged_roles() == expected, timeout=10), roles
    finally:
        terminal.kill(signal.SIGKILL)


def test_a_fast_burst_across_the_setup_form_keeps_each_part_in_its_field(tmp_path):
    root = tmp_path / "sessions"
    terminal = Terminal(["run"], session_env(root))
    try:
        assert terminal.wait_for(lambda: "Name or alias" in screen_text(terminal), timeout=30)
        # One write: the keys arrive as fast as a paste without bracketed paste, or a typist ahead
        # of a busy machine. Tab is the byte 0x09; F5 starts the interview.
        terminal.write("Ana\tAcme Cloud\t2019\t" + "\x1b[15~")

        def participant() -> dict:
            for folder in root.glob("*"):
                for path in log_files(folder):
                    for line in path.read_bytes().splitlines():
                        event = json.loads(line)
                        if event.get("type") == "session_created":
                            return event["participant"]
            return {}

        assert terminal.wait_for(lambda: participant() != {}, timeout=10)
        got = participant()
        assert (got["name"], got.get("product"), got.get("customer_since")) == ("Ana", "Acme Cloud", "2019"), got
    finally:
        terminal.kill(signal.SIGKILL)


def test_ctrl_s_skips_nothing_and_f12_asks_before_skipping(tmp_path):
    root = tmp_path / "sessions"
    terminal = Terminal(["run", "--participant", "Habit"], session_env(root))

    def logged_types() -> list[str]:
        return [
            json.loads(line).get("type")
            for folder in root.glob("*")
            for path in log_files(folder)
            for line in path.read_bytes().splitlines()
        ]

    try:
        assert terminal.wait_for(lambda: "Enter saves" in screen_text(terminal), timeout=30)
        # ctrl+s is the byte 0x13 (XOFF): it must reach the app, and skip nothing.
        terminal.write(F5 + "saved?" + "\x13" + ENTER)
        assert terminal.wait_for(lambda: "note_added" in logged_types(), timeout=30)
        # F12 as xterm, GNOME, iTerm2, Windows and macOS Terminal send it; n goes back (Enter too:
        # tested with Pilot, where the dialog's focus is known).
        terminal.write("\x1b[24~")
        assert terminal.wait_for(lambda: "Skip Housekeeping?" in screen_text(terminal), timeout=30)
        terminal.write("n")
        terminal.write("\x19")  # ctrl+y: tick the checklist's first item
        assert terminal.wait_for(lambda: "checklist_ticked" in logged_types(), timeout=30)
        assert "phase_changed" not in logged_types()
        terminal.write("\x1b[24~")
        assert terminal.wait_for(lambda: screen_text(terminal).count("Skip Housekeeping?") >= 2, timeout=30)
        terminal.write("y")
        assert terminal.wait_for(lambda: "phase_changed" in logged_types(), timeout=30)
    finally:
        terminal.kill(signal.SIGKILL)
