"""The message catalogs: every word the code shows is translated, nothing stale is kept, the compiled
catalogs are current, and the language is chosen as documented (--lang, playbook, locale, English)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from interview_tui import i18n
from interview_tui.cli import main

PACKAGE = Path(i18n.__file__).parent
LANGUAGES = sorted(path.name for path in i18n.LOCALE_DIR.iterdir() if (path / "LC_MESSAGES").is_dir())
PLACEHOLDER = re.compile(r"\{(\w+)(?:[!:][^{}]*)?\}|%\((\w+)\)[sdr]|%[sdr]")


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    i18n.set_language("en")


def code_messages() -> dict[str, tuple[str, int]]:
    """Every message the code marks (`_`, `ngettext`, `N_`), keyed by its msgid, with one place it is used."""
    found: dict[str, tuple[str, int]] = {}
    for filename, line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=DEFAULT_KEYWORDS
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.setdefault(msgid, (filename, line))
    return found


def catalog(language: str):
    with open(i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po", "rb") as handle:
        return read_po(handle)


def test_there_are_korean_and_chinese_catalogs():
    assert {"ko", "zh"} <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_the_code_shows_is_translated(language):
    messages = code_messages()
    translated = {}
    for entry in catalog(language):
        if entry.id:
            msgid = entry.id[0] if isinstance(entry.id, tuple) else entry.id
            string = entry.string[0] if isinstance(entry.string, tuple) else entry.string
            translated[msgid] = "" if entry.fuzzy else string
    untranslated = [f"{file}:{line}: {msgid!r}" for msgid, (file, line) in messages.items() if not translated.get(msgid)]
    assert not untranslated, f"{language}: not translated (extract, translate, compile: docs/playbooks.md):\n" + "\n".join(untranslated)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_catalog_keeps_a_message_the_code_no_longer_uses(language):
    messages = code_messages()
    stale = [entry.id for entry in catalog(language) if entry.id and (entry.id[0] if isinstance(entry.id, tuple) else entry.id) not in messages]
    assert not stale, f"{language}: messages the code no longer uses: {stale}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language):
    wrong = []
    for entry in catalog(language):
        if not entry.id:
            continue
        msgid = entry.id[0] if isinstance(entry.id, tuple) else entry.id
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        expected = sorted(name for match in PLACEHOLDER.finditer(msgid) for name in match.groups() if name is not None)
        for string in strings:
            got = sorted(name for match in PLACEHOLDER.finditer(string) for name in match.groups() if name is not None)
            if got != expected:
                wrong.append(f"{msgid!r} -> {string!r}")
    assert not wrong, f"{language}: placeholders differ:\n" + "\n".join(wrong)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_file_is_compiled_from_the_po_file(language):
    compiled = io.BytesIO()
    write_mo(compiled, catalog(language))
    committed = (i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo").read_bytes()
    assert committed == compiled.getvalue(), f"run: pybabel compile -d interview_tui/locale -D {i18n.DOMAIN}"


# -- choosing the language -------------------------------------------------------------------------
@pytest.fixture
def no_locale(monkeypatch):
    for variable in i18n.LOCALE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    return monkeypatch


def test_without_anything_the_language_is_english(no_locale):
    assert i18n.choose_language() == "en"
    assert i18n._("Interviewer") == "Interviewer"


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [("LANG", "ko_KR.UTF-8", "ko"), ("LC_MESSAGES", "zh_CN.UTF-8", "zh"), ("LANGUAGE", "zh_CN:en", "zh"),
     ("LC_ALL", "C.UTF-8", "en"), ("LANG", "fr_FR.UTF-8", "en")],
)
def test_the_locale_chooses_the_language_without_a_playbook(no_locale, variable, value, expected):
    no_locale.setenv(variable, value)
    assert i18n.choose_language() == expected


def test_the_playbook_beats_the_locale_and_lang_beats_both(no_locale):
    no_locale.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.choose_language(None, "ko") == "ko"
    assert i18n._("Interviewer") == "진행자"
    assert i18n.choose_language("en", "ko") == "en"
    assert i18n.choose_language("zh-CN", "ko") == "zh"
    assert i18n._("Scribe") == "记录员"


def test_dates_and_minutes_are_written_the_languages_way(no_locale):
    i18n.set_language("ko")
    assert (i18n.format_date(2026, 11, 3), i18n.format_minutes(5)) == ("2026. 11. 3.", "5분")
    i18n.set_language("zh")
    assert (i18n.format_date(2026, 11, 3), i18n.format_minutes(2.5)) == ("2026年11月3日", "2.5 分钟")
    i18n.set_language("en")
    assert (i18n.format_date(2026, 11, 3), i18n.format_minutes(5)) == ("2026-11-03", "5 min")


# -- no English on a Korean or Chinese page ------------------------------------------------------------
REPO = Path(__file__).resolve().parent.parent
KOREAN_SAMPLE = REPO / "sessions" / "20261110-160000-5e0b"
WORD = re.compile(r"[A-Za-z]{3,}")
# Fixed names that stay as they are in every language: commands, formats, file and event names.
FIXED_WORDS = {"interview", "export", "format", "session_created", "jsonl", "UTC", "yaml", "ctrl", "alt", "Esc",
               "Enter", "space", "tab", "WEBVTT", "NOTE"}


def english_leaks(text: str, *user_texts: str) -> set[str]:
    """Latin words in `text` that are neither the user's own text nor a fixed name."""
    allowed = FIXED_WORDS | {word for user_text in user_texts for word in WORD.findall(user_text)}
    return {word for word in WORD.findall(text) if word not in allowed}


def sample_user_text() -> str:
    """Everything in the Korean sample a person typed or the playbook says (notes, tags, ids, paths)."""
    return "\n".join(path.read_text(encoding="utf-8") for path in KOREAN_SAMPLE.glob("*.jsonl")) + str(KOREAN_SAMPLE)


@pytest.mark.parametrize("command", [["export", "--format", "md"], ["export", "--format", "vtt"], ["show"]])
@pytest.mark.parametrize("language", ["ko", "zh"])
def test_a_korean_session_is_written_up_without_english(command, language, capsys, no_locale):
    lang = [] if language == "ko" else ["--lang", language]
    assert main([*command, str(KOREAN_SAMPLE), *lang]) == 0
    out = capsys.readouterr().out
    assert english_leaks(out, sample_user_text()) == set()
    assert ("진행자" if language == "ko" else "主持人") in out


def test_a_korean_session_reports_in_korean(capsys, no_locale):
    assert main(["report", str(KOREAN_SAMPLE), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 인터뷰 1건 종합 보고서")
    assert english_leaks(out, sample_user_text()) == set()


def test_a_korean_session_exports_in_korean_wherever_it_is_opened(capsys, no_locale):
    no_locale.setenv("LANG", "zh_CN.UTF-8")  # a Chinese-speaking colleague opens it
    assert main(["export", str(KOREAN_SAMPLE), "--format", "md"]) == 0
    assert "## 단계별 메모" in capsys.readouterr().out


def test_csv_and_json_keep_their_fixed_names_in_every_language(capsys, no_locale):
    assert main(["export", str(KOREAN_SAMPLE), "--format", "csv"]) == 0
    header = capsys.readouterr().out.lstrip("\ufeff").splitlines()[0]
    assert header.startswith("session,participant,segment,role,phase")
    assert main(["export", str(KOREAN_SAMPLE), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert '"role": "scribe"' in out and '"phase_title": "핵심 질문"' in out


def test_the_help_is_in_the_language_asked_for(capsys, no_locale):
    with pytest.raises(SystemExit):
        main(["--lang", "ko", "export", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("사용법: ") and "세션을 내보냅니다" in out
