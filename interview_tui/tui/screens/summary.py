"""The end of a session: planned and actual minutes per phase, notes by role and tag, open follow-ups."""

from __future__ import annotations

from interview_tui.i18n import ngettext

from collections import Counter

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from rich.cells import cell_len
from textual.widgets import Static

from interview_tui.i18n import N_, _, join_list, ngettext
from interview_tui.session.clock import mmss
from interview_tui.session.core import Session
from interview_tui.session.events import ROLES, role_title
from interview_tui.session.state import SessionState
from interview_tui.tui.text import plain, tag_colour, user_content
from interview_tui.tui.widgets.key_bar import KeyBar

PHASE_COLUMN = 28


def _right(text: str, width: int = 6) -> str:
    """Right-aligned in cells: a Korean column header is twice as wide as its characters."""
    return " " * max(width - cell_len(text), 0) + text


def summary_content(state: SessionState, now: float, session_folder: str) -> Content:
    playbook = state.playbook
    assert playbook is not None
    parts: list = [(f"{playbook.title} · {state.participant.get('name', '')}", "bold"), "\n"]
    header = Content(_("Phase")).truncate(PHASE_COLUMN, pad=True).append(f"  {_right(_('planned'))}  {_right(_('actual'))}")
    parts += [header.stylize("bold underline")]
    for phase in playbook.phases:
        planned = state.phase_planned(phase.id)
        spent = state.phase_spent(phase.id, now)
        mark = " " + _("skipped") if phase.id in state.skipped_phases else ""
        style = "bold $error" if spent > planned + 30 else ""
        title = plain(phase.title).truncate(PHASE_COLUMN, ellipsis=True, pad=True)
        parts += ["\n", title, f"  {_right(mmss(planned))}  ", (_right(mmss(spent)), style), (mark, "dim")]
    total = Content(_("Total")).truncate(PHASE_COLUMN, pad=True).stylize("bold")
    parts += ["\n", total, f"  {_right(mmss(state.session_planned()))}  ", (_right(mmss(state.clock_elapsed(now))), "bold")]
    notes = state.live_notes()
    by_role = join_list(_("{count} {role}").format(count=sum(1 for n in notes if n.role == role), role=role_title(role).lower())
                        for role in ROLES)
    count = ngettext("{count} note", "{count} notes", len(notes)).format(count=len(notes))
    # Translators: between a label and what it labels ("3 notes: ..."); Chinese uses a full-width colon.
    colon = _(": ")
    parts += ["\n\n", (count, "bold"), colon, by_role]
    tags = Counter(tag for note in notes for tag in note.tags)
    if tags:
        parts += ["\n", (_("Tags"), "bold"), colon]
        for index, (tag, count) in enumerate(tags.most_common()):
            parts += [_(", ") if index else "", (f"#{tag}", f"bold {tag_colour(tag)}"), f" {count}"]
    follow_ups = state.open_items(state.follow_ups())
    parts += ["\n\n", (_("Open follow-ups ({count})").format(count=len(follow_ups)), "bold")]
    for note in follow_ups:
        parts += ["\n• ", (f"{role_title(note.role)}: ", "dim"), user_content(note.text)]
    if not follow_ups:
        parts += ["\n", (_("none"), "dim")]
    parts += ["\n\n", (_("Session folder:") + " ", "bold"), plain(session_folder)]
    parts += ["\n", (_("Write it up:") + " ", "bold"), plain(f"interview export {state.session_id} --format md")]
    parts += ["\n\n", Content(_("d debriefs now (mark notes, group them into problems, 5 whys) · q closes"))]
    return Content.assemble(*parts)


class SummaryScreen(Screen[None]):
    DEFAULT_CSS = """
    SummaryScreen #summary-scroll { padding: 1 2; }
    """
    BINDINGS = [
        Binding("q,enter,escape", "close", N_("Close"), id="summary-close"),
        Binding("d", "debrief", N_("Debrief now"), id="summary-debrief"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        state = self.session.state
        with VerticalScroll(id="summary-scroll"):
            yield Static(summary_content(state, self.session.now(), str(self.session.folder)), id="summary")
        yield KeyBar()

    def show_state(self) -> None:
        """Draw the summary again: in a team session another writer's late note may still arrive."""
        if not self.query("#summary"):
            return  # pushed, not composed yet: it will draw the state as it is by then
        self.query_one("#summary", Static).update(summary_content(self.session.state, self.session.now(), str(self.session.folder)))

    def action_close(self) -> None:
        self.app.exit(self.session.folder)

    def action_debrief(self) -> None:
        from interview_tui.tui.screens.debrief import DebriefScreen

        self.app.switch_screen(DebriefScreen(self.session))
