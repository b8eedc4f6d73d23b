"""One-key tags with a Korean (두벌식) or Chinese input method on, and the palette found in English."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from interview_tui import i18n
from interview_tui.keyboard import latin_key
from interview_tui.playbook import load_playbook, resolve_playbook
from interview_tui.tui.app import InterviewApp
from tests.terminal import ENTER, F5, Terminal, session_env


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    i18n.set_language("en")


def test_every_dubeolsik_jamo_is_the_qwerty_key_under_it():
    assert "".join(latin_key(jamo) for jamo in "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔㅁㄴㅇㄹㅎㅗㅓㅏㅣㅋㅌㅊㅍㅠㅜㅡ") == "qwertyuiopasdfghjklzxcvbnm"
    assert "".join(latin_key(jamo) for jamo in "ㅃㅉㄸㄲㅆㅒㅖ") == "QWERTOP"
    # A Chinese IME in full-width mode, and text that is no key at all.
    assert [latin_key(c) for c in "ｑＰ＊？"] == ["q", "P", "*", "?"]
    assert [latin_key(c) for c in ("가", "q", "中")] == ["가", "q", "中"]


def korean_app(sessions_root: Path, clock) -> InterviewApp:
    i18n.set_language("ko")
    playbook = load_playbook(resolve_playbook("customer-interview-ko"))
    return InterviewApp(playbook=playbook, sessions_root=sessions_root, participant={"name": "김민지"}, clock=clock)


async def test_jamo_after_ctrl_t_or_with_alt_tags_as_the_latin_key(sessions_root, clock):
    app = korean_app(sessions_root, clock)
    async with app.run_test() as pilot:
        await pilot.press(*"보고서를 손으로 만듦")
        await pilot.press("alt+ㅔ")  # p: pain, on the note being typed
        await pilot.press("enter")
        await pilot.press("ctrl+t", "ㅂ")  # q: quote, on the last note
        await pilot.press("ctrl+t", "ｉ")  # full-width i: insight
        await pilot.press("ctrl+t", "ㅃ")  # shift+q with no tag on Q: still quote (already there)
        assert app.focused.value == ""  # no jamo typed into the note
        note = app.session.state.notes[0]
        assert note.text == "보고서를 손으로 만듦" and note.tags == ("pain", "quote", "insight")


async def test_a_jamo_with_no_tag_is_named_as_typed(sessions_root, clock):
    app = korean_app(sessions_root, clock)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+t", "ㅋ")  # z: no tag there
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any(m.startswith("'ㅋ' 키에는 태그가 없습니다") for m in messages), messages


async def test_the_palette_finds_a_korean_command_by_its_english_name(sessions_root, clock):
    from textual.command import CommandPalette

    app = korean_app(sessions_root, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"next phase")
        await pilot.pause(0.5)
        shown = [str(option.prompt) for option in app.screen.query("CommandList").first().options]
        assert shown and "다음 단계" in shown[0], shown
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.state.phase_index == 1


def logged_tags(sessions_root: Path) -> list[tuple[str, ...]]:
    tags = []
    for path in sessions_root.glob("*/*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            event = json.loads(line) if line.strip() else {}
            if event.get("type") == "note_tagged":
                tags.append(event["tag"])
    return tags


def test_on_a_real_terminal_ctrl_t_then_a_jamo_tags_the_last_note(tmp_path):
    root = tmp_path / "sessions"
    terminal = Terminal(["run", "customer-interview-ko", "--participant", "김민지"], session_env(root), size=(80, 24))
    try:
        assert terminal.wait_for(lambda: "Enter로 저장".encode() in terminal.output, timeout=30)
        terminal.write(F5)
        terminal.write("한글 내보내기가 깨짐" + ENTER)
        terminal.write("\x14")  # ctrl+t, as the terminal sends it
        terminal.write("ㅂ")  # the q key with 두벌식 on
        terminal.write("\x1bㅔ")  # alt+p: ESC then the jamo
        assert terminal.wait_for(lambda: logged_tags(root) == ["quote", "pain"], timeout=20), logged_tags(root)
    finally:
        terminal.kill(signal.SIGKILL)
