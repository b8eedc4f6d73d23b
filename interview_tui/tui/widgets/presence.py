"""Who is in a team session: one name per person, with their role, here or gone, and who drives."""

from __future__ import annotations

from textual.content import Content

from interview_tui.i18n import _
from interview_tui.session.team import Presence
from textual.widgets import Static


def presence_content(people: list[Presence]) -> Content:
    parts: list = []
    for person in people:
        if parts:
            parts.append(" · ")
        name = Content(person.name or _("unnamed"))  # user text: never markup
        style = "bold" if person.me else ("" if person.here else "dim strike")
        parts.append(name.stylize(style) if style else name)
        role = _(str(person.role))
        label = _("{role}, gone").format(role=role) if not person.here else role
        parts.append((f" ({label})", "dim"))
        if person.drives:
            parts.append((" ▶", "bold $accent"))
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
        content = presence_content(people)
        key = (content.plain, tuple(content.spans))
        if key == self._shown:
            return  # asked twice a second; a layout pass only when someone came, went or drives
        self._shown = key
        self.display = len(people) > 1
        self.update(content)
