"""The debrief: mark notes valuable, surprising or contradictory, group them into problems, and ask
why five times. Everything is stored as events in the session, and shows in exports and reports."""

from __future__ import annotations


from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from rich.cells import cell_len
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from interview_tui.i18n import N_, _, ngettext
from interview_tui.session.clock import mmss
from interview_tui.session.core import Session
from interview_tui.session.events import ROLES, Mark, role_title
from interview_tui.session.state import Note
from interview_tui.tui.inputs import OrderedInput, ShownInput
from interview_tui.tui.screens.choices import MODAL_CSS
from interview_tui.tui.text import inert, keyed_tags, plain, user_content
from interview_tui.tui.widgets.key_bar import KeyBar

MARK_BADGES = {Mark.VALUABLE: ("★", "bold $success"), Mark.SURPRISING: ("!", "bold $warning"), Mark.CONTRADICTORY: ("≠", "bold $error")}
WHYS = 5


class DebriefScreen(Screen[None]):
    DEFAULT_CSS = """
    DebriefScreen #debrief-bar { height: 1; background: $panel; padding: 0 1; }
    DebriefScreen #debrief-body { height: 1fr; }
    DebriefScreen #debrief-notes { width: 3fr; border: round $panel-lighten-2; }
    DebriefScreen #debrief-notes:focus { border: round $accent; }
    DebriefScreen #problems-scroll { width: 2fr; border: round $panel-lighten-2; padding: 0 1; }
    """

    BINDINGS = [
        Binding("v", "mark('valuable')", N_("Valuable"), id="debrief-valuable"),
        Binding("s", "mark('surprising')", N_("Surprising"), id="debrief-surprising"),
        Binding("c", "mark('contradictory')", N_("Contradictory"), id="debrief-contradictory"),
        Binding("n", "new_problem", N_("New problem"), id="debrief-new-problem"),
        Binding("g", "group", N_("Group"), id="debrief-group"),
        Binding("w", "whys", N_("5 whys"), id="debrief-whys"),
        Binding("q,escape", "close", N_("Close"), id="debrief-close"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        state = self.session.state
        title = _("Debrief · {playbook} · {participant}").format(
            playbook=state.playbook.title if state.playbook else "", participant=state.participant.get("name", ""))
        keys = _("v valuable · s surprising · c contradictory · n/g group · w whys")
        yield Static(Content.assemble(Content(title).stylize("bold"), "  ", (keys, "dim")), id="debrief-bar")
        with Horizontal(id="debrief-body"):
            yield OptionList(id="debrief-notes")
            with VerticalScroll(id="problems-scroll"):
                yield Static(id="problems")
        yield KeyBar()

    def on_mount(self) -> None:
        notes = self.query_one("#debrief-notes", OptionList)
        notes.border_title = _("Notes")
        self.query_one("#problems-scroll").border_title = _("Problems")
        # In the order of the moment each note describes: a backdated note sits where it happened.
        in_order = sorted(self.session.state.live_notes(), key=lambda note: note.moment_t)
        notes.add_options(self._option(note) for note in in_order)
        if notes.option_count:
            notes.highlighted = 0
        notes.focus()
        self._show_problems()

    def _option(self, note: Note) -> Option:
        state = self.session.state
        # The role column padded in cells, so Korean and Chinese role names line up too.
        width = max(cell_len(role_title(role)) for role in ROLES)
        title = role_title(note.role)
        parts: list = [(mmss(note.clock), "dim"), " ", (title + " " * (width - cell_len(title)), "italic dim"), " "]
        if state.is_team and note.author:
            parts += [Content(inert(note.author)).stylize("bold dim"), " "]  # who wrote it, in a team session
        for mark in Mark:
            if mark in state.marks.get(note.id, ()):
                symbol, style = MARK_BADGES[mark]
                parts.append((symbol + " ", style))
        parts += [user_content(note.text), keyed_tags(note)]
        problem = state.problem_of(note.id)
        if problem is not None:
            parts += ["  ", ("→ ", "dim"), plain(problem.title).stylize("italic $accent")]
        return Option(Content.assemble(*parts), id=note.id)

    def _refresh_note(self, note_id: str) -> None:
        notes = self.query_one("#debrief-notes", OptionList)
        note = self.session.state.note(note_id)
        if note is not None:
            notes.replace_option_prompt(note_id, self._option(note).prompt)
        self._show_problems()

    def _show_problems(self) -> None:
        state = self.session.state
        parts: list = []
        if not state.problems:
            parts.append((_("No problems yet: n makes one from the highlighted note."), "dim"))
        for problem in state.problems.values():
            count = ngettext("{count} note", "{count} notes", len(problem.notes)).format(count=len(problem.notes))
            parts += ["\n" if parts else "", Content(problem.title).stylize("bold"), ("  " + count, "dim")]
            for level, why in enumerate(problem.whys, start=1):
                parts += ["\n", ("  " + _("why {level}:").format(level=level) + " ", "dim"), plain(why)]
            parts.append("\n")
        self.query_one("#problems", Static).update(Content.assemble(*parts))

    def selected(self) -> Note | None:
        notes = self.query_one("#debrief-notes", OptionList)
        if notes.highlighted is None:
            return None
        return self.session.state.note(notes.get_option_at_index(notes.highlighted).id)

    def action_mark(self, mark: str) -> None:
        note = self.selected()
        if note is None:
            return
        on = mark not in self.session.state.marks.get(note.id, ())
        self.session.mark_note(note.id, Mark(mark), on)
        self._refresh_note(note.id)

    def action_new_problem(self) -> None:
        note = self.selected()

        def made(title: str | None) -> None:
            if title:
                problem_id = self.session.create_problem(title)
                if note is not None and problem_id is not None:
                    self.session.group_note(note.id, problem_id)
                    self._refresh_note(note.id)
                self._show_problems()

        self.app.push_screen(TextScreen(_("A problem this note shows (its title)")), made)

    def action_group(self) -> None:
        note = self.selected()
        if note is None:
            return
        if not self.session.state.problems:
            self.action_new_problem()
            return

        def chosen(problem_id: str | None) -> None:
            if problem_id is not None:
                self.session.group_note(note.id, None if problem_id == "-" else problem_id)
                self._refresh_note(note.id)

        self.app.push_screen(ChooseProblemScreen(list(self.session.state.problems.values())), chosen)

    def action_whys(self) -> None:
        note = self.selected()
        problem = self.session.state.problem_of(note.id) if note else None
        if problem is None:
            self.notify(_("Group the note into a problem first (n or g)."), severity="warning")
            return

        def written(result: tuple[str, list[str]] | None) -> None:
            if result is not None:
                self.session.edit_problem(problem.id, result[0], result[1])
                for note_id in self.session.state.problems[problem.id].notes:
                    self._refresh_note(note_id)
                self._show_problems()

        self.app.push_screen(WhysScreen(problem.title, list(problem.whys)), written)

    def action_close(self) -> None:
        self.app.exit(self.session.folder)


class TextScreen(ModalScreen[str | None]):
    DEFAULT_CSS = MODAL_CSS.format(name="TextScreen")
    BINDINGS = [Binding("escape", "dismiss(None)", N_("Cancel"), id="text-cancel")]

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(plain(self.question), classes="question")
            yield ShownInput(self.value)
            yield Static(_("Enter saves, Esc cancels."), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)


class ChooseProblemScreen(ModalScreen[str | None]):
    DEFAULT_CSS = MODAL_CSS.format(name="ChooseProblemScreen")
    BINDINGS = [Binding("escape", "dismiss(None)", N_("Cancel"), id="choose-cancel")]

    def __init__(self, problems) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(_("Group the note into which problem?"), classes="question")
            options = [Option(plain(p.title), id=p.id) for p in self.problems]
            yield OptionList(*options, Option(Content(_("(no problem: take it out)")), id="-"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class WhyLine(OrderedInput):
    """A line of the 5-whys dialog: Enter goes on to the next line in typing order."""

    async def on_enter_in_order(self) -> None:
        self.screen.next_line(self)


class WhysScreen(ModalScreen[tuple[str, list[str]] | None]):
    """A problem's title and its 5-whys chain: why does it happen, and why that, five times."""

    # One line an input, so the title and five whys fit an 80x24 terminal.
    DEFAULT_CSS = MODAL_CSS.format(name="WhysScreen") + """
    WhysScreen #dialog { width: 80; }
    WhysScreen Input { height: 1; border: none; padding: 0 1; margin-bottom: 1; background: $boost; }
    WhysScreen Input:focus { border: none; background: $accent 30%; }
    """
    AUTO_FOCUS = "#why-1"  # the title is usually right already
    BINDINGS = [
        Binding("escape", "dismiss(None)", N_("Cancel"), id="whys-cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="whys-save"),
    ]

    def __init__(self, title: str, whys: list[str]) -> None:
        super().__init__()
        self.problem_title = title
        self.whys = whys + [""] * (WHYS - len(whys))

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(_("Problem"), classes="question")
            yield WhyLine(self.problem_title, id="problem-title")
            for level, why in enumerate(self.whys[:WHYS], start=1):
                yield WhyLine(why, placeholder=_("why {level}?").format(level=level), id=f"why-{level}")
            yield Static(_("Enter on the last line or ctrl+s saves; Esc cancels."), classes="hint")

    def next_line(self, line: Input) -> None:
        """Enter on a line: the next line, or save on the last (called in typing order)."""
        order = ["problem-title", *(f"why-{level}" for level in range(1, WHYS + 1))]
        if line.id == order[-1]:
            self.action_save()
        else:
            self.set_focus(self.query_one(f"#{order[order.index(line.id) + 1]}", Input))

    def action_save(self) -> None:
        title = self.query_one("#problem-title", Input).value.strip()
        if not title:
            self.notify(_("The problem needs a title."), severity="warning")
            return
        whys = [self.query_one(f"#why-{level}", Input).value for level in range(1, WHYS + 1)]
        self.dismiss((title, whys))
