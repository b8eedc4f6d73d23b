"""Keys typed with a Korean or Chinese input method on, read as the Latin key under them.

A one-key tag (ctrl+t then q, or alt+q) must work without switching the input method in the middle
of an interview: with Korean 2-set (두벌식) on, the q key types ㅂ; with a Chinese IME in full-width
mode it types ｑ. Both are read as the key of a US QWERTY keyboard that produced them.
"""

from __future__ import annotations

import unicodedata

# Korean 2-set (두벌식, KS X 5002): the compatibility jamo each QWERTY key types, unshifted then shifted.
_DUBEOLSIK_ROWS = {
    "qwertyuiop": "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔ",
    "asdfghjkl": "ㅁㄴㅇㄹㅎㅗㅓㅏㅣ",
    "zxcvbnm": "ㅋㅌㅊㅍㅠㅜㅡ",
}
HANGUL_TO_LATIN = {jamo: latin for latins, jamos in _DUBEOLSIK_ROWS.items() for latin, jamo in zip(latins, jamos)}
# Shift changes only these seven; the other shifted keys type the unshifted jamo.
HANGUL_TO_LATIN.update({"ㅃ": "Q", "ㅉ": "W", "ㄸ": "E", "ㄲ": "R", "ㅆ": "T", "ㅒ": "O", "ㅖ": "P"})


def latin_key(character: str) -> str:
    """The QWERTY key that typed `character`: ㅂ -> q, ㅃ -> Q, ｑ -> q, ？ -> ?; anything else unchanged."""
    if character in HANGUL_TO_LATIN:
        return HANGUL_TO_LATIN[character]
    if len(character) == 1 and not character.isascii():
        # Full-width forms (U+FF01..U+FF5E) and ideographic punctuation fold to ASCII under NFKC.
        folded = unicodedata.normalize("NFKC", character)
        if len(folded) == 1 and folded.isascii():
            return folded
    return character
