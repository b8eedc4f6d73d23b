"""The live screen: the phase clock and the three note panes, fed by the session's fold."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from interview_tui.session.core import Session
from interview_tui.session.events import ROLES, Role
from interview_tui.session.state import Note
from interview_tui.tui.screens.confirm import ConfirmScreen
from interview_tui.tui.widgets.note_pane import NotePane
from interview_tui.tui.widgets.phase_clock import PhaseClock
from interview_tui.tui.widgets.phase_list import PhaseList

# The clock is redrawn from the monotonic clock (never by counting ticks, which Textual may skip);
# 4 redraws a second keep the seconds digit on time to within 250 ms, and widgets repaint only
# when what they show changes.
CLOCK_REFRESH_SECONDS = 0.25


class LiveScreen(Screen[None]):
    """One session being run. Every action has a key that does not type into a note."""

    DEFAULT_CSS = """
    LiveScreen #session-bar {
        height: 1;
        background: $panel;
        color: $text;
        padding: 0 1;
    }
    LiveScreen #session-title { width: 1fr; height: 1; }
    LiveScreen #palette-hint { width: auto; height: 1; color: $text-muted; }
    LiveScreen #purpose {
        height: auto;
        max-height: 2;
        color: $text-muted;
        padding: 0 1;
    }
    LiveScreen #body { height: 1fr; }
    LiveScreen #clock-column {
        width: 34;
        height: 1fr;
        border-right: vkey $panel-lighten-2;
    }
    LiveScreen #guidance-scroll {
        height: 1fr;
        border-top: solid $panel-lighten-2;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    LiveScreen #guidance { color: $text; }
    LiveScreen #panes { width: 1fr; }
    """

    BINDINGS = [
        # Keys that move between panes are priority bindings: the App handles them the moment they
        # arrive, so every key after them goes to the new pane, however fast they come (NoteInput).
        Binding("f1", "focus_role('interviewer')", "Interviewer", id="focus-interviewer", priority=True),
        Binding("f2", "focus_role('scribe')", "Scribe", id="focus-scribe", priority=True),
        Binding("f3", "focus_role('observer')", "Observer", id="focus-observer", priority=True),
        Binding("tab", "focus_pane(1)", "Next pane", id="next-pane", show=False, priority=True),
        Binding("shift+tab", "focus_pane(-1)", "Previous pane", id="previous-pane", show=False, priority=True),
        Binding("f5", "start_clock", "Start", id="start-clock"),
        Binding("f6", "pause_clock", "Pause", id="pause-clock"),
        Binding("f7", "previous_phase", "Prev", id="previous-phase", tooltip="Previous phase"),
        Binding("f8", "next_phase", "Next", id="next-phase", tooltip="Next phase"),
        Binding("f10", "end_session", "End", id="end-session", tooltip="End session"),
    ]

    AUTO_FOCUS = "#input-scribe"  # the scribe types all the time: their pane is ready first

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._shown_phase_index = -1

    # -- building ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        playbook = self.session.playbook
        participant = self.session.state.participant.get("name") or "participant not named"
        with Horizontal(id="session-bar"):
            yield Static(
                Content.assemble((playbook.title, "bold"), " · ", participant, " · ", (self.session.id, "dim")),
                id="session-title",
            )
            yield Static(Content.assemble(("ctrl+p", "bold"), " commands"), id="palette-hint")
        if playbook.purpose:
            yield Static(Content(playbook.purpose), id="purpose")
        with Horizontal(id="body"):
            with Vertical(id="clock-column"):
                yield PhaseClock(id="phase-clock")
                yield PhaseList(id="phase-list")
                with VerticalScroll(id="guidance-scroll", can_focus=False):
                    yield Static(id="guidance")
            with Vertical(id="panes"):
                for role in ROLES:
                    yield NotePane(role, self.save_note)
        # The palette key is shown in the session bar, so all eight keys fit the footer at 80 columns.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        titles = {phase.id: phase.title for phase in self.session.playbook.phases}
        for role in ROLES:
            pane = self.pane(role)
            pane.set_phase_titles(titles)
            pane.show_notes(self.session.state.notes_by_role(role))
        self.refresh_clock()
        self.set_interval(CLOCK_REFRESH_SECONDS, self.refresh_clock)

    def pane(self, role: Role | str) -> NotePane:
        return self.query_one(f"#pane-{role}", NotePane)

    # -- showing the fold ------------------------------------------------------------------------
    def refresh_clock(self) -> None:
        state = self.session.state
        now = self.session.now()
        self.query_one(PhaseClock).show(state, now)
        self.query_one(PhaseList).show(state, now)
        if state.phase_index != self._shown_phase_index:
            self._shown_phase_index = state.phase_index
            self._show_guidance()

    def _show_guidance(self) -> None:
        phase = self.session.state.phase
        parts: list[Content | str | tuple[str, str]] = []
        if phase.guidance:
            parts.append(Content(phase.guidance))
        if phase.checklist:
            parts.append(("\n\nChecklist", "bold"))
            for item in phase.checklist:
                parts += ["\n☐ ", Content(item)]
        if phase.questions:
            parts.append(("\n\nQuestions", "bold"))
            for question in phase.questions:
                parts += ["\n• ", Content(question.text)]
                for follow_up in question.follow_ups:
                    parts += ["\n   ◦ ", (follow_up, "dim")]
        self.query_one("#guidance", Static).update(Content.assemble(*parts))
        self.query_one("#guidance-scroll", VerticalScroll).scroll_home(animate=False)

    # -- saving ----------------------------------------------------------------------------------
    def save_note(self, role: Role, text: str) -> Note | None:
        """Write the note durably. On a failed write the text stays in the input and the error shows."""
        try:
            return self.session.add_note(role, text)
        except OSError as error:
            self.notify(
                f"Note NOT saved: {error.strerror or error}. It is still in the input; press Enter to retry.",
                title="Could not write the session log",
                severity="error",
                timeout=10,
            )
            return None

    def _run(self, command) -> None:
        try:
            command()
        except OSError as error:
            self.notify(f"Not saved: {error.strerror or error}", title="Could not write the session log", severity="error")
        self.refresh_clock()

    # -- actions -----------------------------------------------------------------------------------
    def action_focus_role(self, role: str) -> None:
        # set_focus now, not Widget.focus() (which defers): keys typed right after F1 must land in
        # the interviewer's pane, see NoteInput.
        self.set_focus(self.pane(role).input)

    def action_focus_pane(self, step: int) -> None:
        inputs = [self.pane(role).input for role in ROLES]
        current = inputs.index(self.focused) if self.focused in inputs else ROLES.index(Role.SCRIBE)
        self.set_focus(inputs[(current + step) % len(inputs)])

    def action_start_clock(self) -> None:
        self._run(self.session.start_clock)

    def action_pause_clock(self) -> None:
        self._run(self.session.pause_clock)

    def action_next_phase(self) -> None:
        self._run(self.session.next_phase)

    def action_previous_phase(self) -> None:
        self._run(self.session.previous_phase)

    def action_end_session(self) -> None:
        if self.session.state.ended:
            self.app.exit(self.session.folder)
            return

        def ended(confirmed: bool | None) -> None:
            if confirmed:
                self._run(self.session.end)
                if self.session.state.ended:
                    self.app.exit(self.session.folder)

        notes = len(self.session.state.notes)
        self.app.push_screen(
            ConfirmScreen(
                "End the session?",
                f"{notes} notes are saved in {self.session.folder}. The clock stops and the session is closed.",
                confirm_label="End session",
            ),
            ended,
        )

    def commands(self) -> Iterable[SystemCommand]:
        """The palette's commands for this screen, with plain names."""
        yield SystemCommand("Start clock", "Start or resume the interview clock (F5)", self.action_start_clock)
        yield SystemCommand("Pause clock", "Pause the interview clock (F6)", self.action_pause_clock)
        yield SystemCommand("Next phase", "Move on to the next phase (F8)", self.action_next_phase)
        yield SystemCommand("Previous phase", "Go back to the previous phase (F7)", self.action_previous_phase)
        yield SystemCommand("Focus interviewer", "Type in the interviewer's pane (F1)", lambda: self.action_focus_role("interviewer"))
        yield SystemCommand("Focus scribe", "Type in the scribe's pane (F2)", lambda: self.action_focus_role("scribe"))
        yield SystemCommand("Focus observer", "Type in the observer's pane (F3)", lambda: self.action_focus_role("observer"))
        yield SystemCommand("End session", "End the interview and close the session (F10)", self.action_end_session)
