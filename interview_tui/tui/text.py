"""Showing user text safely: notes are shown exactly as typed, never as markup or terminal codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.content import Content

from interview_tui.i18n import _
from interview_tui.session.clock import mmss
from interview_tui.session.state import Note
from interview_tui.usertext import TAG_PATTERN, parse_tags, tag_colour, tag_of, visible_controls

if TYPE_CHECKING:
    from textual.widgets import Static


def inert(text: str) -> str:
    """One line of user text as it may reach the terminal: controls as symbols, tabs as spaces."""
    return visible_controls(text.replace("\t", " "))


def plain(text: object) -> Content:
    """User text (a title, a name, a question, a path) as Content: never markup, its control
    characters shown as on the live screen (a session received from someone else holds any bytes,
    and Textual passes ESC through to the terminal). Line breaks stay."""
    return Content(visible_controls(str(text).replace("\t", " "), keep_line_breaks=True), strip_control_codes=False)


# The most of one note a screen draws: about 100 lines at 80 columns. A note written before notes had
# a size limit can hold megabytes; drawing (and colouring the tags of) a 50 MB note took minutes.
MAX_SHOWN_CHARACTERS = 8000


def user_content(text: str) -> Content:
    """A note's text as Content: no markup parsed, control characters shown, #tags coloured."""
    if len(text) > MAX_SHOWN_CHARACTERS:
        hidden = len(text) - MAX_SHOWN_CHARACTERS
        more = _("… ({count} more characters: an export shows the whole note)").format(count=f"{hidden:,}")
        return Content.assemble(user_content(text[:MAX_SHOWN_CHARACTERS]), " ", (more, "italic dim"))
    content = Content(inert(text), strip_control_codes=False)
    for match in TAG_PATTERN.finditer(content.plain):
        content = content.stylize(f"bold {tag_colour(tag_of(match))}", match.start(), match.end())
    return content


def keyed_tags(note: Note) -> Content:
    """The note's tags that its text does not show (added by a key: alt+f, ctrl+t f), coloured as
    the typed ones are, each with a space before it; empty if the text shows them all."""
    typed = {tag_of(match).lower() for match in TAG_PATTERN.finditer(note.text)}
    parts = [(inert(f" #{tag}"), f"bold {tag_colour(tag)}") for tag in note.tags if tag.lower() not in typed]  # user text too
    return Content.assemble(*parts)


def note_lines(note: Note, width: int, *, unsaved: bool = False, author: bool = False) -> list[Content]:
    """A note wrapped to `width` cells: `03:12 text #tags`, the interview-clock time of the moment it
    describes, then its text with a hanging indent. Tags added after it was written (one-key tag,
    ctrl+t) follow the text, coloured as the ones typed in it. In a team session (`author`) the
    writer's name comes before the text, and a late note is marked. A deleted note is drawn only
    while its deletion waits for the disk (`unsaved`): struck through, and said so."""
    head = Content.styled(mmss(note.clock), "dim")
    parts: list[str | Content | tuple[str, str]] = []
    if author and note.author:
        parts += [Content(inert(note.author)).stylize("bold dim"), " "]
    if note.late:
        parts += [(_("late"), "italic $warning"), " "]
    body = Content.assemble(*parts, user_content(note.text))
    typed = set(parse_tags(note.text))
    for tag in note.tags:
        if tag not in typed:
            body = Content.assemble(body, " ", (inert(f"#{tag}"), f"bold {tag_colour(tag)}"))  # user text too
    if note.deleted:
        body = Content.assemble(("⚠ " + _("deletion not saved yet") + " ", "bold $error"), body.stylize("strike"))
    elif unsaved:
        body = Content.assemble(("⚠ " + _("not saved yet") + " ", "bold $error"), body)
    indent = head.cell_length + 1
    if width - indent < 12:  # too narrow for a hanging indent: wrap the whole line
        return Content.assemble(head, " ", body).wrap(max(width, 1))
    lines = body.wrap(width - indent) or [Content("")]
    return [Content.assemble(head, " ", lines[0]), *(Content.assemble(" " * indent, line) for line in lines[1:])]


def show_if_changed(widget: Static, content: str | Content) -> None:
    """Show `content` in a Static (made with markup=False) if it is not what it shows already: a
    Readout's way, for a Static of the live screen's first frame too (a Readout class there costs
    1.6M instructions of the start to define)."""
    if isinstance(content, str):
        content = plain(content)  # a phase title, a count: shown as text, controls made visible
    # Content equality ignores styles, so compare the spans too.
    key = (content.plain, tuple(content.spans)) if isinstance(content, Content) else (content,)
    shown = getattr(widget, "_shown_key", None)
    if key == shown:
        return
    # A new layout only when the lines' widths change: a ticking clock keeps its size (a layout pass
    # a second was most of the idle CPU, see docs/benchmarks.md), while a line that grows (a "not
    # saved" count appearing beside the badges) would be cut off at the widget's old width.
    same_size = shown is not None and _line_widths(shown[0]) == _line_widths(key[0])
    widget._shown_key = key
    widget.update(content, layout=not same_size)


def _line_widths(text: str) -> list[int]:
    return [cell_len(line) for line in text.split("\n")]
