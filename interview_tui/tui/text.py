"""Showing user text safely: notes are shown exactly as typed, never as markup or terminal codes."""

from __future__ import annotations

from textual.content import Content

from interview_tui.session.clock import mmss
from interview_tui.session.state import Note
from interview_tui.i18n import _
from interview_tui.usertext import TAG_PATTERN, parse_tags, tag_colour, tag_of, visible_controls


def inert(text: str) -> str:
    """One line of user text as it may reach the terminal: controls as symbols, tabs as spaces."""
    return visible_controls(text.replace("\t", " "))


def plain(text: object) -> Content:
    """User text (a title, a name, a question, a path) as Content: never markup, its control
    characters shown as on the live screen (a session received from someone else holds any bytes,
    and Textual passes ESC through to the terminal). Line breaks stay."""
    return Content(visible_controls(str(text).replace("\t", " "), keep_line_breaks=True), strip_control_codes=False)


def user_content(text: str) -> Content:
    """A note's text as Content: no markup parsed, control characters shown, #tags coloured."""
    content = Content(inert(text), strip_control_codes=False)
    for match in TAG_PATTERN.finditer(content.plain):
        content = content.stylize(f"bold {tag_colour(tag_of(match))}", match.start(), match.end())
    return content


def note_lines(note: Note, width: int, *, unsaved: bool = False) -> list[Content]:
    """A note wrapped to `width` cells: `03:12 text #tags`, the interview-clock time of the moment it
    describes, then its text with a hanging indent. Tags added after it was written (one-key tag,
    ctrl+t) follow the text, coloured as the ones typed in it."""
    head = Content.styled(mmss(note.clock), "dim")
    body = user_content(note.text)
    typed = set(parse_tags(note.text))
    for tag in note.tags:
        if tag not in typed:
            body = Content.assemble(body, " ", (inert(f"#{tag}"), f"bold {tag_colour(tag)}"))  # user text too
    if unsaved:
        body = Content.assemble(("⚠ " + _("not saved yet") + " ", "bold $error"), body)
    indent = head.cell_length + 1
    if width - indent < 12:  # too narrow for a hanging indent: wrap the whole line
        return Content.assemble(head, " ", body).wrap(max(width, 1))
    lines = body.wrap(width - indent) or [Content("")]
    return [Content.assemble(head, " ", lines[0]), *(Content.assemble(" " * indent, line) for line in lines[1:])]
