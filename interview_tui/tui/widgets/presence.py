"""Who is in a team session: one name per person, with their role, here or gone, and who drives."""

from __future__ import annotations

from textual.content import Content

from interview_tui.i18n import _
from interview_tui.session.events import role_title
from interview_tui.session.team import Presence
from interview_tui.tui.text import inert
from textual.widgets import Static


# Narrower than this, a person is `Bo·s` (the first letter of the role's title in the session's
# language: 기, 记) so the title and the badges keep their room at 80 columns.
COMPACT_BELOW_COLUMNS = 110


def presence_content(people: list[Presence], *, compact: bool = False) -> Content:
    parts: list = []
    for person in people:
        if parts:
            parts.append(" · " if not compact else " ")
        name = Content(inert(person.name or _("unnamed")))  # user text: never markup
        style = "bold" if person.me else ("" if person.here else "dim strike")
        parts.append(name.stylize(style) if style else name)
        if compact:
            parts.append((f"·{role_title(person.role).lower()[:1]}", "dim"))
        else:
            role = role_title(person.role).lower()
            label = _("{role}, gone").format(role=role) if not person.here else role
            parts.append((f" ({label})", "dim"))
        if person.drives:
            parts.append(("▶" if compact else " ▶", "bold $accent"))
    return Content.assemble(*parts)


class PresenceBar(Static):
    """The session bar's list of people (hidden on one laptop, where nobody joined)."""

    DEFAULT_CSS = """
    PresenceBar { width: auto; max-width: 60%; height: 1; padding-left: 1; display: none; }
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("markup", False)
        super().__init__(*args, **kwargs)
        self._shown: tuple | None = None

    def show_people(self, people: list[Presence]) -> None:
        content = presence_content(people, compact=self.app.size.width < COMPACT_BELOW_COLUMNS)
        key = (content.plain, tuple(content.spans))
        if key == self._shown:
            return  # asked twice a second; a layout pass only when someone came, went or drives
        self._shown = key
        self.display = len(people) > 1
        self.update(content)
