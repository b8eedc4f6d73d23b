"""User text, read and shown the same way everywhere: its `#tags`, and its control characters made
visible. Pure functions, no Textual: the session, the exports and the screens all use these."""

from __future__ import annotations

import re
import zlib

# A tag is `#` then letters, digits, `_` or `-`, not glued to a word before it ("C#" is no tag).
TAG_PATTERN = re.compile(r"(?<![\w#&])#([^\W_][\w-]*)")

# One colour per tag everywhere (screens and the REFI-QDA codes), chosen by a stable hash so it
# survives restarts, replays and re-exports.
TAG_PALETTE = ("#e5a50a", "#62a0ea", "#57e389", "#f66151", "#c061cb", "#5bc8af", "#ff7800", "#99c1f1", "#dc8add", "#8ff0a4")

# C0 controls and DEL (but tab), C1 controls (0x9b is a CSI on some terminals, 0x9d an OSC), and the
# bidi embeddings, overrides and isolates, which reorder what follows them ("Trojan Source").
# Bidi marks (LRM, RLM) and zero-width joiners are text: Hebrew, Arabic and emoji (👩‍💻) need them.
_BIDI = "\u202a-\u202e\u2066-\u2069"
# Sources, not compiled patterns: `re.sub` compiles each the first time text needs it and keeps it in
# re's own cache; compiled at import, each took 2.5M instructions of every start (callgrind), and
# most text has no control character to look for (see `_may_have_controls`).
_CONTROLS = f"[\\x00-\\x08\\x0a-\\x1f\\x7f-\\x9f{_BIDI}]"
_CONTROLS_BUT_LINE_BREAKS = f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI}]"


def _may_have_controls(text: str) -> bool:
    # Every character the patterns match is "not printable" (categories Cc and Cf), so printable
    # text has none; the other way round, a line break or a non-ASCII space sends text to the pattern.
    return not text.isprintable()


def tag_of(match: re.Match[str]) -> str:
    """The tag a TAG_PATTERN match names: lower-case, without trailing hyphens."""
    return match.group(1).rstrip("-").lower()


def tag_colour(tag: str) -> str:
    return TAG_PALETTE[zlib.crc32(tag.lower().encode("utf-8")) % len(TAG_PALETTE)]


def parse_tags(text: str) -> list[str]:
    """The `#tags` of a note, lower-cased, each once, in the order they first appear."""
    tags: list[str] = []
    for match in TAG_PATTERN.finditer(text):
        tag = tag_of(match)
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    if char < " ":
        return chr(0x2400 + ord(char))  # ␛ for ESC: the Unicode "control pictures"
    if char == "\x7f":
        return "\u2421"
    return f"<U+{ord(char):04X}>"  # C1 and bidi controls have no picture: their code point


def visible_controls(text: str, *, keep_line_breaks: bool = False) -> str:
    """Control characters made visible, never sent raw to a terminal or a renderer: C0 ones as their
    Unicode "control pictures" (ESC shows as ␛), C1 and bidi controls as `<U+202E>`. Tabs stay; line
    breaks too if `keep_line_breaks`. Every command and screen that shows user text uses this."""
    if not _may_have_controls(text):
        return text
    return re.sub(_CONTROLS_BUT_LINE_BREAKS if keep_line_breaks else _CONTROLS, _picture, text)


def controls_one_for_one(text: str) -> str:
    """Control characters made visible one character for one, for an input line whose cursor counts
    characters: C0 as their pictures, DEL as ␡, C1 and bidi controls as U+FFFD."""
    if not _may_have_controls(text):
        return text
    return re.sub(_CONTROLS_BUT_LINE_BREAKS, lambda match: "\ufffd" if match.group() > "\x7f" else _picture(match), text)
