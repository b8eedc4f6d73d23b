"""Showing user text safely: notes are shown exactly as typed, never as markup or terminal codes."""

from __future__ import annotations

from textual.content import Content

from interview_tui.i18n import _
from interview_tui.session.clock import mmss
from interview_tui.session.state import Note
from interview_tui.usertext import TAG_PATTERN, tag_colour, tag_of, visible_controls


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


PHASE_LABEL_CELLS = 12


def phase_labels(playbook) -> dict[str, str]:
    """What a note line calls its phase: the id in English (short, and what the phase is called in
    the play), else the playbook's own title, cut to 12 cells: a Korean screen shows 인사와 안내,
    not `housekeeping`."""
    from interview_tui.i18n import current_language

    if current_language() == "en":
        return {phase.id: phase.id for phase in playbook.phases}
    return {phase.id: Content(phase.title).truncate(PHASE_LABEL_CELLS, ellipsis=True).plain for phase in playbook.phases}


def note_line(note: Note, phase_label: str | None = None) -> Content:
    """`03:12 warm-up text`: the interview-clock time, the phase's id (short), the note."""
    parts: list[str | Content | tuple[str, str]] = [(mmss(note.clock), "dim")]
    if phase_label:
        parts += [" ", (phase_label, "italic dim")]
    parts += [" ", user_content(note.text)]
    return Content.assemble(*parts)
