"""Words a person reads: one gettext catalog per language, chosen once per process.

Layers 1 to 4 all take their words from here, so a Korean session shows (and exports) Korean. Call
`_()` when the text is shown, never at import time: the language is chosen after modules are loaded
(by the session's playbook, `--lang`, or the locale). Module-level constants are marked with `N_()`
and translated where they are used. Whole sentences with named placeholders, never glued fragments:
`_("{count} notes in {phase}").format(count=..., phase=...)`.
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

DOMAIN = "interview_tui"
LOCALE_DIR = Path(__file__).with_name("locale")

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def set_language(code: str | None) -> str:
    """Use the catalog for `code` ("ko", "zh", "ko-KR", "zh_CN"); unknown codes fall back to English."""
    global _translation, _language
    normalized = (code or "en").replace("-", "_").split(".")[0]
    candidates = [normalized, normalized.split("_")[0]]
    _translation = _gettext.translation(DOMAIN, LOCALE_DIR, languages=candidates, fallback=True)
    _language = normalized.split("_")[0] if not isinstance(_translation, _gettext.NullTranslations) or normalized.startswith("en") else "en"
    return _language


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translation.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a constant for the catalog without translating it yet (see the module docstring)."""
    return message
