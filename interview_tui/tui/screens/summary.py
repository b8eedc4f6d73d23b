"""The end of a session: planned and actual minutes per phase, notes by role and tag, open follow-ups."""

from __future__ import annotations

from collections import Counter

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from interview_tui.session.clock import mmss
from interview_tui.session.core import Session
from interview_tui.session.events import ROLES
from interview_tui.session.state import SessionState
from interview_tui.tui.text import tag_colour, user_content


def summary_content(state: SessionState, now: float, session_folder: str) -> Content:
    playbook = state.playbook
    assert playbook is not None
    parts: list = [(f"{playbook.title} · {state.participant.get('name', '')}", "bold"), "\n"]
    parts += [("Phase                         planned   actual", "bold underline")]
    for phase in playbook.phases:
        planned = state.phase_planned(phase.id)
        spent = state.phase_spent(phase.id, now)
        mark = " skipped" if phase.id in state.skipped_phases else ""
        style = "bold $error" if spent > planned + 30 else ""
        title = Content(phase.title).truncate(28, ellipsis=True, pad=True)
        parts += ["\n", title, f"  {mmss(planned):>6}  ", (f"{mmss(spent):>6}", style), (mark, "dim")]
    parts += ["\n", ("Total".ljust(28), "bold"), f"  {mmss(state.session_planned()):>6}  ", (f"{mmss(state.clock_elapsed(now)):>6}", "bold")]
    notes = state.live_notes()
    parts += ["\n\n", (f"{len(notes)} notes", "bold"), ": "]
    parts += [", ".join(f"{sum(1 for n in notes if n.role == role)} {role}" for role in ROLES)]
    tags = Counter(tag for note in notes for tag in note.tags)
    if tags:
        parts += ["\n", ("Tags", "bold"), ": "]
        for index, (tag, count) in enumerate(tags.most_common()):
            parts += [", " if index else "", (f"#{tag}", f"bold {tag_colour(tag)}"), f" {count}"]
    follow_ups = state.open_items(state.follow_ups())
    parts += ["\n\n", (f"Open follow-ups ({len(follow_ups)})", "bold")]
    for note in follow_ups:
        parts += ["\n• ", (f"{note.role}: ", "dim"), user_content(note.text)]
    if not follow_ups:
        parts += ["\n", ("none", "dim")]
    parts += ["\n\n", ("Session folder: ", "bold"), Content(session_folder)]
    parts += ["\n", ("Write it up: ", "bold"), Content(f"interview export {state.session_id} --format md")]
    parts += ["\n\n", ("d", "bold"), " debriefs now (mark notes, group them into problems, 5 whys) · ", ("q", "bold"), " closes"]
    return Content.assemble(*parts)


class SummaryScreen(Screen[None]):
    DEFAULT_CSS = """
    SummaryScreen #summary-scroll { padding: 1 2; }
    """
    BINDINGS = [
        Binding("q,enter,escape", "close", "Close", id="summary-close"),
        Binding("d", "debrief", "Debrief now", id="summary-debrief"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        state = self.session.state
        with VerticalScroll(id="summary-scroll"):
            yield Static(summary_content(state, self.session.now(), str(self.session.folder)), id="summary")
        yield Footer()

    def show_state(self) -> None:
        """Draw the summary again: in a team session another writer's late note may still arrive."""
        self.query_one("#summary", Static).update(summary_content(self.session.state, self.session.now(), str(self.session.folder)))

    def action_close(self) -> None:
        self.app.exit(self.session.folder)

    def action_debrief(self) -> None:
        from interview_tui.tui.screens.debrief import DebriefScreen

        self.app.switch_screen(DebriefScreen(self.session))
