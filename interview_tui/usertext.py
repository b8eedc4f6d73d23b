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

_CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # C0 controls and DEL, but tab
_CONTROLS_BUT_LINE_BREAKS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


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
    return "\u2421" if char == "\x7f" else chr(0x2400 + ord(char))


def visible_controls(text: str, *, keep_line_breaks: bool = False) -> str:
    """Control characters as their Unicode "control pictures" (ESC shows as ␛): visible, and never
    sent raw to a terminal or a renderer. Tabs stay; line breaks too if `keep_line_breaks`."""
    return (_CONTROLS_BUT_LINE_BREAKS if keep_line_breaks else _CONTROLS).sub(_picture, text)
