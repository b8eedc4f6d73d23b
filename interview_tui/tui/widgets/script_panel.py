"""The interviewer's side: the phase's guidance, checklist and script, and what comes back to them."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from interview_tui.i18n import _
from interview_tui.session.events import QuestionStatus
from interview_tui.session.state import SessionState
from interview_tui.tui.text import plain, user_content

MARKS = {QuestionStatus.ASKED: "✓", QuestionStatus.SKIPPED: "⤼", QuestionStatus.OPEN: "○"}


class ScriptPanel(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    ScriptPanel {
        height: 1fr;
        border-top: solid $panel-lighten-2;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    ScriptPanel #script { color: $text; }
    """

    def __init__(self, *, live: bool = True, **kwargs) -> None:
        """`live`: show the keys that mark questions (not in a replay)."""
        super().__init__(**kwargs)
        self.live = live
        self._shown_key: object = None

    def compose(self):
        yield Static(id="script")

    def show(self, state: SessionState, unsaved_questions: frozenset[tuple[str, int]] = frozenset()) -> None:
        """`unsaved_questions`: (phase, index) of marks the disk has not taken yet, shown with ⚠."""
        queue = state.queue_for_phase()
        key = (
            state.phase_index,
            unsaved_questions,
            tuple(sorted(state.question_status.items())),
            tuple(sorted(state.queue_status.items())),
            None if queue is None else tuple((n.id, n.text) for n in queue[1]),
        )
        if key == self._shown_key:
            return  # the clock ticks 4 times a second; the script changes far less often
        phase_changed = self._shown_key is None or self._shown_key[0] != state.phase_index
        self._shown_key = key
        self.query_one("#script", Static).update(self._render_script(state, queue, unsaved_questions))
        if phase_changed:
            self.scroll_home(animate=False)

    def _render_script(self, state: SessionState, queue, unsaved_questions: frozenset[tuple[str, int]]) -> Content:
        phase = state.phase
        parts: list[Content | str | tuple[str, str]] = []
        highlighted = state.next_interviewer_item()
        # What to ask next comes first, so it shows even at 80x24 without scrolling.
        if highlighted is not None:
            kind, key = highlighted
            text = plain(phase.questions[int(key)].text) if kind == "question" else user_content(state.note(str(key)).text)
            parts += [(_("Next") + " ▶ ", "bold $accent"), text.stylize("bold")]
            parts += [("\n" + _("F4 asked · F9 skip"), "dim") if self.live else "", "\n\n"]
        if phase.guidance:
            parts.append(plain(phase.guidance))
        if phase.checklist:
            parts.append(("\n\n" + _("Checklist"), "bold"))
            for item in phase.checklist:
                parts += ["\n☐ ", plain(item)]
        if phase.questions:
            asked = sum(1 for i in range(len(phase.questions)) if state.question_state(phase.id, i) != QuestionStatus.OPEN)
            parts.append(("\n\n" + _("Questions {asked}/{total}").format(asked=asked, total=len(phase.questions)), "bold"))
            for index, question in enumerate(phase.questions):
                status = state.question_state(phase.id, index)
                if (phase.id, index) in unsaved_questions:
                    parts += ["\n", ("⚠ " + _("not saved yet"), "bold $error")]
                if highlighted == ("question", index):
                    parts += ["\n", ("▶ ", "bold $accent"), plain(question.text).stylize("bold reverse")]
                else:
                    style = "dim" if status != QuestionStatus.OPEN else ""
                    if status == QuestionStatus.SKIPPED:
                        style = "dim strike"
                    parts += ["\n", (MARKS[status] + " ", style), plain(question.text).stylize(style)]
                for follow_up in question.follow_ups:
                    parts += ["\n   ◦ ", (follow_up, "dim")]
        if queue is not None:
            title, notes = queue
            heading = _("{title} ({count} open)").format(title=_(title), count=len(state.open_items(notes)))
            parts.append(("\n\n" + heading, "bold"))
            if not notes:
                parts.append(("\n" + _("(none yet)"), "dim"))
            for note in notes:
                status = state.queue_status.get(note.id, "open")
                if highlighted == ("queue", note.id):
                    parts += ["\n", ("▶ ", "bold $accent"), user_content(note.text).stylize("bold reverse")]
                else:
                    mark, style = ("✓ ", "dim") if status != "open" else ("○ ", "")
                    parts += ["\n", (mark, style), user_content(note.text).stylize(style)]
        return Content.assemble(*parts)
