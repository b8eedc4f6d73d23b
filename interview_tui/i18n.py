"""Words a person reads: one gettext catalog per language, chosen once per process.

Layers 1 to 4 all take their words from here, so a Korean session shows (and exports) Korean. Call
`_()` when the text is shown, never at import time: the language is chosen after modules are loaded
(by `--lang`, the session's playbook, or the locale). Module-level constants are marked with `N_()`
and translated where they are used. Whole sentences with named placeholders, never glued fragments:
`_("{count} notes in {phase}").format(count=..., phase=...)`.

The catalogs are `locale/<lang>/LC_MESSAGES/interview_tui.po`, compiled to `.mo` beside them and
committed (tests/test_i18n.py checks the `.mo` files are current), so an installed wheel has them
without a build step. A new language is a new `.po` file and `pybabel compile` (docs/playbooks.md):
nothing here lists the languages.
"""

from __future__ import annotations

import gettext as _gettext
import os
from pathlib import Path

DOMAIN = "interview_tui"
LOCALE_DIR = Path(__file__).with_name("locale")
# Where the user's locale is read from, in gettext's own order.
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def _normalized(code: str) -> str:
    """"ko-KR", "ko_KR.UTF-8", "zh-Hans-CN" -> "ko_KR", "ko_KR", "zh_Hans_CN"."""
    return code.strip().split(".")[0].split("@")[0].replace("-", "_")


def set_language(code: str | None) -> str:
    """Use the catalog for `code` ("ko", "zh", "ko-KR", "zh_CN"); None, "en" or a language without a
    catalog is English. Returns the language now in use ("en", "ko", "zh", ...)."""
    global _translation, _language
    normalized = _normalized(code or "en")
    base = normalized.split("_")[0].lower()
    candidates = [normalized, base]
    translation = _gettext.translation(DOMAIN, LOCALE_DIR, languages=candidates, fallback=True)
    if type(translation) is _gettext.NullTranslations:
        _translation, _language = _gettext.NullTranslations(), "en"
    else:
        _translation, _language = translation, base
    return _language


def language_from_environment() -> str | None:
    """The user's language from the locale variables, as gettext reads them; None for C/POSIX."""
    for variable in LOCALE_VARIABLES:
        value = os.environ.get(variable, "")
        first = value.split(":")[0]
        if first:
            return None if _normalized(first) in ("C", "POSIX") else first
    return None


def choose_language(explicit: str | None = None, playbook_language: str | None = None) -> str:
    """`--lang` first, then the session's playbook, then the user's locale, else English."""
    return set_language(explicit or playbook_language or language_from_environment())


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translation.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a constant for the catalog without translating it yet (see the module docstring)."""
    return message


def join_list(items) -> str:
    """Items of a list in a sentence: "a, b, c"; Chinese writes "a、b、c"."""
    # Translators: the separator between the items of a list.
    return _(", ").join(items)


# -- dates and durations, as the language writes them ------------------------------------------------
def format_date(year: int, month: int, day: int) -> str:
    # Translators: a calendar date; ko: "{year}. {month}. {day}.", zh: "{year}年{month}月{day}日".
    return _("{year}-{month:02d}-{day:02d}").format(year=year, month=month, day=day)


def format_iso_date(iso: str) -> str:
    """"2026-11-23T14:05:00+09:00" (or its first 10 characters) as a date in the language."""
    try:
        year, month, day = (int(part) for part in iso[:10].split("-"))
    except ValueError:
        return iso[:10]
    return format_date(year, month, day)


def format_minutes(minutes: float) -> str:
    """A planned length: "5 min", "5분", "5分钟"; one decimal when it is not whole."""
    shown = f"{minutes:.0f}" if abs(minutes - round(minutes)) < 0.01 else f"{minutes:.1f}"
    return _("{minutes} min").format(minutes=shown)
