"""No escape reaches the terminal: every command that prints user text (show, list, report, export to a
terminal, validate, errors quoting names) shows control characters as the live screen does, so a
session folder received from someone else cannot clear the screen, set the window title or reorder
text with a bidi override."""

from __future__ import annotations

import re
import signal
from dataclasses import replace

import pytest

from interview_tui.cli import main
from interview_tui.session import Role, Session
from interview_tui.session.events import Mark
from tests.terminal import Terminal, session_env

# Clear the screen, set the window title (OSC ... BEL), a C1 CSI, a bidi override, NUL, DEL, backspace.
HOSTILE = "a\x1b[2Jb\x1b]0;pwned\x07c\x9b31md\u202eevil\u2066e\x00f\x7fg\x08h\r"
# What may reach a terminal from user text: no C0 control but tab and line breaks, no DEL, no C1, no bidi control.
RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _raw_controls(text: str) -> list[str]:
    return sorted({repr(char) for char in RAW_CONTROL.findall(text)})


@pytest.fixture
def hostile_session(sessions_root, playbook, clock) -> Session:
    phases = [replace(phase, title=f"Phase {HOSTILE}") for phase in playbook.phases]
    hostile_playbook = replace(playbook, title=f"Play {HOSTILE}", purpose=HOSTILE, phases=phases)
    session = Session.create(sessions_root, hostile_playbook, clock=clock, playbook_source=f"/x/{HOSTILE}.yaml",
                             participant={"name": f"Dana {HOSTILE}", "segment": HOSTILE, "role": HOSTILE, "alias": HOSTILE})
    session.start_clock()
    clock.advance(10)
    notes = [session.add_note(Role.SCRIBE, f"{HOSTILE} #quote #pain"), session.add_note(Role.OBSERVER, f"{HOSTILE} #follow-up")]
    session.tag_note(notes[0].id, HOSTILE)
    session.mark_note(notes[0].id, Mark.VALUABLE)
    problem = session.create_problem(HOSTILE)
    session.edit_problem(problem, HOSTILE, [HOSTILE])
    session.group_note(notes[0].id, problem)
    session.save_draft(Role.INTERVIEWER, HOSTILE)
    clock.advance(10)
    session.close()
    return session


@pytest.mark.parametrize("command", [
    ["show", "last"],
    ["list"],
    ["report", "--all"],
    ["report", "--all", "--format", "md"],
    ["export", "last", "--format", "md"],
    ["show", f"no-such-{HOSTILE}"],  # an error quoting what the user named
])
def test_printed_user_text_holds_no_raw_control_character(hostile_session, command, capsys):
    main(command)
    out, err = capsys.readouterr()
    assert _raw_controls(out) == [] and _raw_controls(err) == []
    assert "evil" in out + err and ("␛" in out + err or "\\x1b" in err)  # shown, not dropped


def test_validate_quotes_a_hostile_playbook_safely(tmp_path, capsys):
    playbook = tmp_path / "evil\x1b]0;x\x07.yaml"
    playbook.write_text(f"title: {HOSTILE!r}\nphases: 5\n", encoding="utf-8")
    assert main(["validate", str(playbook)]) == 2
    out, err = capsys.readouterr()
    assert _raw_controls(out) == [] and _raw_controls(err) == []
    assert "␛]0;x␇" in err


@pytest.mark.parametrize("output_format", ["md", "json", "csv", "vtt"])
def test_export_to_a_terminal_shows_controls_and_a_pipe_gets_the_exact_data(hostile_session, output_format, capsys):
    terminal = Terminal(["export", hostile_session.folder.name, "--format", output_format], session_env(hostile_session.folder.parent))
    terminal.read_until_exit()
    shown = terminal.output.decode("utf-8", "replace").replace("\r\n", "\n")
    assert _raw_controls(shown) == []
    assert "evil" in shown
    # Piped (to a file, to another tool), the export is the data as it is.
    assert main(["export", hostile_session.folder.name, "--format", "csv"]) == 0
    assert "\x1b[2J" in capsys.readouterr().out


def test_an_output_file_is_never_written_through_a_symlink(hostile_session, tmp_path, capsys):
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    link = tmp_path / "export.md"
    link.symlink_to(target)
    for command in (["export", "last", "-o", str(link)], ["report", "--all", "--format", "csv", "-o", str(link)]):
        assert main(command) == 2
        assert "is a symbolic link; not written" in capsys.readouterr().err
    assert target.read_text() == "keep me"
    fresh = tmp_path / "fresh.md"
    assert main(["export", "last", "-o", str(fresh)]) == 0
    assert fresh.stat().st_mode & 0o777 == 0o600


def test_resuming_a_hostile_session_draws_its_text_as_symbols(hostile_session):
    """The live screen: titles, questions, the participant, notes, drafts (in the input line)."""
    terminal = Terminal(["resume", hostile_session.folder.name], session_env(hostile_session.folder.parent))
    try:
        assert terminal.wait_for(lambda: b"Session resumed" in terminal.output), terminal.output[-2000:]
        terminal.write("\x1b[200~pasted \x1b[2J too\x1b[201~")  # a paste waits in the input, drawn
        assert terminal.wait_for(lambda: "pasted ␛[2J too".encode() in terminal.output)
    finally:
        terminal.kill(signal.SIGKILL)
    drawn = bytes(terminal.output)
    for raw in ("\x1b]0;pwned", "a\x1b[2Jb", "\x9b", "\u202e", "\u2066", "\x00f", "\x7fg"):
        assert raw.encode() not in drawn, raw
    assert "a␛[2Jb␛]0;pwned␇c".encode() in drawn


def test_every_control_shown_as_a_symbol_is_caught_by_the_printable_text_shortcut():
    """Text that `str.isprintable` passes is returned as it is, without the pattern: so every character
    the pattern would replace must be one it fails, and text with one is replaced as before."""
    from interview_tui.usertext import _CONTROLS, _CONTROLS_BUT_LINE_BREAKS, controls_one_for_one, visible_controls

    every = "".join(chr(code) for code in range(0x30000))
    for source in (_CONTROLS, _CONTROLS_BUT_LINE_BREAKS):  # the patterns themselves, without the shortcut
        assert all(not char.isprintable() for char in re.findall(source, every))
    replaced = [chr(code) for code in range(0x30000) if visible_controls(f"x{chr(code)}", keep_line_breaks=False) != f"x{chr(code)}"]
    assert len(replaced) == 32 + 33 - 1 + 5 + 4  # C0 but tab, DEL and C1, the bidi embeddings and isolates
    for char in replaced:
        assert _raw_controls(visible_controls(f"주문 {char} 导出")) == []
        assert _raw_controls(controls_one_for_one(f"주문 {char} 导出")) == []
        assert len(controls_one_for_one(f"주문 {char}")) == len(f"주문 {char}")  # one for one: the cursor stays right
    assert visible_controls("line\nbreak", keep_line_breaks=True) == "line\nbreak"
    assert visible_controls("line\nbreak") == "line\u240abreak"
    assert visible_controls("주문 관리 · 导出 #pain") == "주문 관리 · 导出 #pain"
