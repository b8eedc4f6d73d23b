"""The live screen: the phase clock, the interviewer's script and the three note panes.

Everything shown is the session's fold at the clock's now; the screen keeps no state the log
does not hold, except what is being typed (which the log gets as a draft every half second).
"""

from __future__ import annotations

import asyncio
import math
import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.stylesheet import Stylesheet
from textual.geometry import Size
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from interview_tui.i18n import N_, _, format_minutes, join_list, ngettext
from interview_tui.keyboard import latin_key
from interview_tui.session.clock import mmss
from interview_tui.session.core import BACKDATE_STEP_SECONDS, MAX_NOTE_CHARACTERS, NoteTooLong, Session
from interview_tui.session.events import ROLES, Consent, QuestionStatus, Role, role_title
from interview_tui.session.state import Note, Pace
from interview_tui.session.team import HEARTBEAT_SECONDS, Presence, exit_descriptor, file_mtimes, presence, this_host
from interview_tui.session.watch import FolderWatcher
from interview_tui.tui import screens  # screens.ConfirmScreen: imported when a dialog first opens
from interview_tui.tui.compositor import ChangedRowsCompositor
from interview_tui.tui.text import inert, plain, show_if_changed, tag_colour
from interview_tui.tui.widgets.note_pane import NoteInput, NoteList, NotePane
from interview_tui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:  # the clock column's modules are imported once the first frame is drawn
    from interview_tui.tui.widgets.phase_clock import PhaseClock
    from interview_tui.tui.widgets.phase_list import PhaseList
    from interview_tui.tui.widgets.script_panel import ScriptPanel

# The clock is drawn from the monotonic clock, never by counting ticks (Textual may skip them). The
# next tick is set just after the countdown's next whole second, so the digits change on time with
# one wake-up a second. With the redraw gated on what is shown and a steady cursor, idle CPU with
# the clock running went from 5% to 1.0% of a core (docs/benchmarks.md).
TICK_AFTER_SECOND = 0.01
# What the header calls each kind of event still waiting for the disk.
UNSAVED_KIND_NAMES = {
    "note_added": N_("note"),
    "note_edited": N_("edit"),
    "note_tagged": N_("tag"),
    "note_deleted": N_("deletion"),
    "draft_saved": N_("draft"),
    "question_marked": N_("question mark"),
    "queue_item_marked": N_("queue mark"),
    "consent_recorded": N_("consent"),
    "recording_started": N_("recording start"),
    "phase_changed": N_("phase change"),
    "clock_started": N_("clock start"),
    "clock_paused": N_("clock pause"),
    "time_extended": N_("added time"),
    "backdate_default_set": N_("backdate"),
    "session_ended": N_("session end"),
}


def unsaved_summary(kinds: dict[str, int]) -> str:
    """`⚠ 3 not saved: note, edit, consent`: how many events wait for the disk, and of what kinds."""
    count = sum(kinds.values())
    names = join_list(_(UNSAVED_KIND_NAMES[kind]) if kind in UNSAVED_KIND_NAMES else kind for kind in kinds)
    return "⚠ " + ngettext("{count} not saved: {kinds}", "{count} not saved: {kinds}", count).format(count=count, kinds=names)

IDLE_TICK_SECONDS = 1.0
# Drafts are written half a second after they changed, so a crash loses under a second of typing.
DRAFT_SAVE_SECONDS = 0.5
# The other writers' lines come as the kernel reports them (session/watch.py). Where no change event
# arrives (network and FUSE folders, or no watcher could start) the folder is read on this timer.
TEAM_POLL_SECONDS = 0.5
# Who went away makes no file event (a killed process, a laptop whose sync stopped): presence is
# looked at again this often, as often as every writer touches its file (session/team.py).
PRESENCE_CHECK_SECONDS = HEARTBEAT_SECONDS
PACE_ORDER = [Pace.CALM, Pace.WARNING, Pace.ALERT, Pace.OVERTIME]
CONSENT_BADGES = {
    Consent.YES: (N_("recording OK"), "$success"),
    Consent.NO: (N_("NO recording"), "bold $error"),
    Consent.NOT_ASKED: (N_("consent not asked"), "$warning"),
}


def summary_screen() -> type:
    """The summary screen's class, imported when first needed: it, the dialogs and the debrief
    behind it are no part of the first frame (the start imports only what the live screen draws)."""
    from interview_tui.tui.screens.summary import SummaryScreen

    return SummaryScreen


class LiveScreen(Screen[None]):
    """One session being run. Every action has a key that does not type into a note."""

    # Comments here rather than in the CSS, which is parsed at every start (about half a million
    # instructions a rule; comments and line breaks are tokens too: 0.8M with them):
    # - #purpose: one row (the setup screen shows it whole): at 80x24 every row is a note.
    # - #body, #panes and #input-row are not drawn (visibility: hidden), their children are: Textual
    #   renders every widget's whole region, covered or not, and these were three screens' worth of
    #   blank lines (~4 ms of the first frame).
    # - The pane being typed in gets the room: at 80x24 the scribe sees 9 notes, the others 1 or 2
    #   (they show 4 again the moment F1/F3 moves there). A joiner's own pane has it too.
    # - Toasts never cover a note input: at the bottom left, as wide as the clock column (34 columns
    #   at 80x24), over the end of the script, below the clock. At the bottom right they covered the
    #   observer's input; at the top right, three of them reached the interviewer's.
    DEFAULT_CSS = """
    LiveScreen #session-bar { height: 1; background: $panel; color: $text; padding: 0 1; }
    LiveScreen #session-title { width: 1fr; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    LiveScreen #session-badges { width: auto; height: 1; padding-left: 1; }
    LiveScreen #palette-hint { width: auto; height: 1; color: $text-muted; padding-left: 1; }
    LiveScreen #purpose { height: 1; color: $text-muted; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    LiveScreen #body { height: 1fr; }
    LiveScreen #clock-column { width: 30%; min-width: 34; max-width: 60; height: 1fr; border-right: vkey $panel-lighten-2; }
    LiveScreen #panes { width: 1fr; }
    LiveScreen #body, LiveScreen #panes, LiveScreen #input-row { visibility: hidden; }
    LiveScreen #clock-column, LiveScreen #panes NotePane, LiveScreen #input-row > * { visibility: visible; }
    LiveScreen #panes NotePane { height: 1fr; min-height: 4; }
    LiveScreen #panes NotePane.-focused { height: 3fr; }
    LiveScreen NotePane.own-pane { height: 3fr; }
    LiveScreen ToastRack { align: left bottom; }
    LiveScreen ToastHolder { align-horizontal: left; }
    LiveScreen Toast { width: 33; max-width: 33; }
    """

    BINDINGS = [
        # Keys that move between panes are priority bindings: the App handles them the moment they
        # arrive, so every key after them goes to the new pane, however fast they come (NoteInput).
        Binding("f1", "focus_role('interviewer')", N_("Interviewer"), id="focus-interviewer", priority=True),
        Binding("f2", "focus_role('scribe')", N_("Scribe"), id="focus-scribe", priority=True),
        Binding("f3", "focus_role('observer')", N_("Observer"), id="focus-observer", priority=True),
        Binding("tab", "focus_pane(1)", N_("Next pane"), id="next-pane", show=False, priority=True),
        Binding("shift+tab", "focus_pane(-1)", N_("Previous pane"), id="previous-pane", show=False, priority=True),
        Binding("f5", "start_clock", N_("Start"), id="start-clock"),
        Binding("f6", "pause_clock", N_("Pause"), id="pause-clock"),
        Binding("f7", "previous_phase", N_("Prev"), id="previous-phase", tooltip=N_("Previous phase")),
        Binding("f8", "next_phase", N_("Next"), id="next-phase", tooltip=N_("Next phase")),
        Binding("f10", "end_session", N_("End"), id="end-session", tooltip=N_("End session")),
        Binding("f4", "mark_item('asked')", N_("Asked"), id="mark-asked", tooltip=N_("Mark question asked")),
        Binding("f9", "mark_item('skipped')", N_("Skip Q"), id="mark-skipped", tooltip=N_("Mark question skipped")),
        Binding("ctrl+n", "extend(1)", N_("+1m"), id="add-1-minute", tooltip=N_("Add 1 minute")),
        Binding("ctrl+f", "extend(5)", N_("+5m"), id="add-5-minutes", tooltip=N_("Add 5 minutes")),
        # Skipping a phase asks first, on a key nobody presses by habit: ctrl+s skipped the phase at
        # once, and everyone presses ctrl+s to save. Here ctrl+s only says that notes are saved.
        Binding("f12", "skip_phase", N_("Skip phase"), id="skip-phase"),
        Binding("ctrl+s", "reassure_saved", N_("Saved"), id="notes-saved", show=False),
        Binding("ctrl+b", "backdate", N_("−10s"), id="backdate-note", tooltip=N_("Backdate note 10 s")),
        Binding("ctrl+t", "tag_prefix", N_("Tag"), id="tag-note", tooltip=N_("Tag: then the tag's key")),
        Binding("ctrl+y", "tick_checklist", N_("Tick"), id="tick-checklist", tooltip=N_("Tick the next checklist item")),
        Binding("ctrl+r", "recording_started", N_("Rec"), id="recording-started", tooltip=N_("Recording started")),
        Binding("ctrl+o", "consent", N_("Consent"), id="record-consent"),
        Binding("ctrl+l", "default_backdate", N_("Lag"), id="default-backdate", tooltip=N_("Default backdate")),
        Binding("ctrl+g", "toggle_bell", N_("Bell"), id="toggle-bell"),
        Binding("f11", "glossary", N_("Glossary"), id="show-glossary"),
    ]

    def __init__(self, session: Session, *, bell: bool = False, own_role: Role | None = None) -> None:
        """`own_role`: a process that joined a team session types in that pane only, and sees the
        others' panes live and read-only. None: every pane can be typed in (one laptop)."""
        super().__init__()
        self._compositor = ChangedRowsCompositor()  # redraws only changed rows (the clock's each second)
        self.session = session
        self.own_role = own_role
        # The pane typed in first: the scribe's (they type all the time), or a joiner's own. Made
        # with the class `-focused` (see _mark_focused_pane), its input focused when mounted.
        self.first_focus_role = own_role or Role.SCRIBE
        self.AUTO_FOCUS = f"#input-{self.first_focus_role}"
        self._end_seen = session.state.ended
        self._problems_shown = len(session.read_problems)
        self._watcher: FolderWatcher | None = None
        # The host's panes whose role another person has joined in: read-only here while they stay.
        self._held_elsewhere: set[Role] = set()
        self.bell_on = bell
        self._awaiting_tag = False
        self._pace_seen: tuple[int, Pace] = (-1, Pace.CALM)
        self._sleeps_seen = len(session.state.sleeps)
        self._write_error_shown = False
        self._last_shown: tuple = ()
        self._draft_timer: Timer | None = None
        self._poll_timer: Timer | None = None
        self._clock_widgets_found: tuple[PhaseClock, PhaseList, ScriptPanel] | None = None
        self._exits_watched: dict[str, int] = {}  # writer id -> a descriptor readable when its process ends
        self._resumed_before = False

    @staticmethod
    def add_default_css(stylesheet: Stylesheet) -> None:
        """Add the default CSS of the widgets this screen draws, before any of them is styled.

        Textual adds a widget class's CSS, and its bases', when the first widget of the class is
        mounted, each base's CSS ranked by its depth below that class; a deeper class mounted later
        re-ranks the base's CSS, which is then parsed again: Widget's three times and three others
        twice at start. Added here from the deepest classes first, each is parsed once."""
        for widget_class in (NoteInput, NoteList, NotePane, KeyBar):
            # Textual's own method, on an instance that is never mounted (it reads only the class).
            for read_from, css, tie_breaker, scope in widget_class._get_default_css(object.__new__(widget_class)):
                stylesheet.add_source(css, read_from=read_from, is_default_css=True, tie_breaker=tie_breaker, scope=scope)

    def _compositor_refresh(self) -> None:
        # While the app starts (its batch update), Textual renders the whole screen and then drops
        # the result (App._display draws nothing during a batch): 35 ms of the start here, the
        # first render being the one that warms every widget's caches. The screen is drawn when
        # the batch ends (its regions stay dirty).
        if self.app._batch_count:
            return
        super()._compositor_refresh()

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        # While the app starts (its batch update), the screen was laid out as it resumed, before
        # its widgets had filled in their text after mounting, and laid out again once they had:
        # the first layout only waits for the screen's update timer now, which lays out once and
        # draws (~6 ms of the start's CPU). Later batches (a dialog closing) lay out as Textual does.
        if self.app._batch_count and not self._compositor.size:
            self._layout_required = True
            return
        super()._refresh_layout(size, scroll)

    def _screen_resized(self, size: Size) -> None:
        # At start the screen gets two Resize events to the size it already has (the app's, and the
        # one its own first layout sends it), and each laid out all 35 widgets again at once,
        # while the widgets were still filling in their text after mounting (~12 ms of the start's
        # CPU for three layouts). Those layout requests are handled by the screen's update timer,
        # once, before it draws; a real resize lays out at once, as Textual does.
        if size == self._compositor.size:
            return
        super()._screen_resized(size)

    # -- building ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        playbook = self.session.playbook
        participant = self.session.state.participant.get("name") or _("participant not named")
        with Horizontal(id="session-bar"):
            yield Static(
                Content.assemble(plain(playbook.title).stylize("bold"), " · ", plain(participant), " · ", plain(self.session.id).stylize("dim")),
                id="session-title",
            )
            self._badges = Static(id="session-badges", markup=False)  # kept at hand: shown every second
            yield self._badges
            yield Static(Content.assemble(("ctrl+p", "bold"), " ", _("commands")), id="palette-hint")
        if playbook.purpose:
            yield Static(plain(playbook.purpose), id="purpose")
        with Horizontal(id="body"):
            # Filled in once the first frame is on the screen (_fill_clock_column).
            yield Vertical(id="clock-column")
            with Vertical(id="panes"):
                titles = {phase.id: phase.title for phase in playbook.phases}
                for role in ROLES:
                    pane = NotePane(role, self, read_only=not self.editable(role), phase_titles=titles)
                    if role == self.own_role:
                        pane.add_class("own-pane")
                    if role == self.first_focus_role:
                        pane.add_class("-focused")  # styled once, as focused: see _mark_focused_pane
                    yield pane
        # The palette key is shown in the session bar; ctrl+p lists every command.
        yield KeyBar()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler (Textual calls each class's handler, subclass first).
        # The first resume follows the screen's mounting, every node just styled: Textual would
        # style all of them again (37 nodes, ~10 ms of the start's CPU). Later resumes (back from a
        # dialog, after a theme change) refresh as usual.
        if not self._resumed_before:
            self._resumed_before = True
            event.refresh_styles = False

    def on_mount(self) -> None:
        state = self.session.state
        for role in ROLES:
            pane = self.pane(role)
            pane.show_authors = state.is_team
            pane.show_notes(state.notes_by_role(role))
            if self.editable(role) and (draft := self._own_draft(role)):
                if len(draft) > MAX_NOTE_CHARACTERS:  # written before the limit: an input would stall on it
                    self.notify(
                        _("A draft of {length} characters was longer than a note can hold: its first {limit} are back; "
                          "the whole text stays in the session log.").format(length=f"{len(draft):,}", limit=f"{MAX_NOTE_CHARACTERS:,}"),
                        severity="warning",
                    )
                    draft = draft[:MAX_NOTE_CHARACTERS]
                pane.input.value = draft  # typing that was under way when the app stopped
        if state.gaps:
            gap = state.gaps[-1][1]
            self.notify(_("Resumed after {time} away. Notes, drafts, phase and clock are back.").format(time=mmss(gap)),
                        title=_("Session resumed"))
        self._pace_seen = (state.phase_index, state.pace(self.session.now()) if state.running else Pace.CALM)
        self._show_badges()
        self.app.after_first_frame(self._fill_clock_column)  # the screen lives only in InterviewApp
        self._schedule_tick()
        if self.session.member is not None:
            self._start_following()
        self._mark_focused_pane()  # nothing to change unless the first focus went elsewhere

    def on_descendant_focus(self) -> None:
        # The key bar shows the focused widget's keys too: e and d once a note is chosen with ↑.
        self.query_one(KeyBar).show_keys()
        # On the border of the pane being typed in, next to its input: how to reach edit and
        # delete (↑ in the empty input, then e or d), which nothing on screen said.
        focused = self.focused_pane()
        for role in ROLES:
            pane = self.pane(role)
            pane.border_subtitle = _("↑ edit or delete a note") if pane is focused else ""
        self._mark_focused_pane()

    def on_descendant_blur(self) -> None:
        self._mark_focused_pane()  # the terminal lost focus (Textual blurs), or focus moved on

    def _mark_focused_pane(self) -> None:
        # The pane that holds the focus, and only that pane, has the class `-focused` (its accent
        # border and the room: see CSS), as `:focus-within` would say. A class, because Textual
        # restyles every node under a `:focus-within` rule when the focus moves: the first focus
        # styled the scribe's pane, its note list, its input row and its input a second time, and
        # laid them out again, before the first frame (13 million instructions: callgrind). The
        # pane that is focused first is made with the class, so the first focus changes nothing.
        holder = self._pane_with_focus()
        for pane in self.query(NotePane):
            pane.set_class(pane is holder, "-focused")

    def pane(self, role: Role | str) -> NotePane:
        return self.query_one(f"#pane-{role}", NotePane)

    def focused_pane(self) -> NotePane:
        """The pane holding the focus, else the one typed in first."""
        return self._pane_with_focus() or self.pane(self.first_focus_role)

    def _pane_with_focus(self) -> NotePane | None:
        focused = self.focused
        if focused is not None:
            for ancestor in focused.ancestors_with_self:
                if isinstance(ancestor, NotePane):
                    return ancestor
        return None

    # -- team sessions: own pane, the others live; who drives --------------------------------------
    def editable(self, role: Role) -> bool:
        if self.own_role is not None:
            return role == self.own_role
        return role not in self._held_elsewhere


    def editable_roles(self) -> list[Role]:
        return [role for role in ROLES if self.editable(role)]

    def _own_draft(self, role: Role) -> str:
        """This person's draft (a rejoin gets the killed process's back), never another's."""
        state = self.session.state
        if self.session.member is None:
            return state.drafts.get(role, "")
        return state.draft_of(self.session.member, role)

    def _start_following(self) -> None:
        self._show_presence()
        self.set_interval(PRESENCE_CHECK_SECONDS, self._look_at_presence)
        self._watcher = FolderWatcher(self.session.folder, self._other_writer_wrote, own_path=self.session.writer.path,
                                      on_events_lost=self._poll_folder)
        # Once the first frame is on the screen: the watcher's import (~20 ms) is no part of the
        # start-up (after the screen's next refresh was too early: that is still before the app's
        # first frame). What others write meanwhile is folded when the watch starts.
        self.app.after_first_frame(self._start_watching)  # the screen lives only in InterviewApp

    def _start_watching(self) -> None:
        if self._watcher is None:
            return  # closed before its first frame
        if self._watcher.start() == "poll":
            self._poll_folder()
        # What landed between reading the session and the watch starting made no event here.
        self.merge_others()

    def _poll_folder(self) -> None:
        """No change events here (a network folder, no watcher): read the folder on a timer."""
        if self._poll_timer is None:
            self._poll_timer = self.set_interval(TEAM_POLL_SECONDS, self.merge_others)

    def _other_writer_wrote(self) -> None:
        # Through the screen's queue, so what merging raises is reported as any handler's error is.
        self.call_later(self.merge_others)

    def on_unmount(self) -> None:
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None
        for writer_id in list(self._exits_watched):
            self._stop_watching_exit(writer_id)

    def merge_others(self) -> None:
        """Fold the other writers' new lines and show what changed."""
        if self._watcher is None or not self.query(NotePane):
            return  # a change reported while the screen was closing (its widgets may be gone already)
        if self.session.poll_others():
            state = self.session.state
            for role in ROLES:
                pane = self.pane(role)
                pane.show_authors = state.is_team
                pane.show_notes(state.notes_by_role(role))
            if not self.session.merged_only_notes:
                self.refresh_clock()
            if state.ended and not self._end_seen:
                self._ended_elsewhere()
            elif isinstance(self.app.screen, summary_screen()):
                self.app.screen.show_state()
        self._show_presence()
        self._report_read_problems()

    def _look_at_presence(self) -> None:
        # Alone in the session (no other writer ever joined) there is nobody to see leave.
        if any(writer_id != self.session.writer.writer_id for writer_id in self.session.state.writers):
            self._show_presence()

    def _show_presence(self) -> None:
        people = presence(self.session.state, file_mtimes(self.session.folder), me=self.session.writer.writer_id)
        self._show_people(people)
        self._watch_exits()
        if self.own_role is None:
            mine = self.session.member[1] if self.session.member is not None else None
            self._hand_over_panes({person.role for person in people if person.here and not person.me} - {mine})

    def _show_people(self, people: list[Presence]) -> None:
        """The presence bar, once a second person has joined: a session run alone (most are) never
        mounts it, nor imports it (3M instructions of the start)."""
        bars = self.query("#presence")
        if bars:
            bars.first().show_people(people)
        elif len(people) > 1:
            from interview_tui.tui.widgets.presence import PresenceBar

            bar = PresenceBar(id="presence")
            bar.show_people(people)
            self.query_one("#session-bar").mount(bar, after="#session-title")

    def _watch_exits(self) -> None:
        """The others' processes on this machine: the moment one ends (killed -9 too), presence is
        looked at again. Without this a killed writer would show as here until the next look."""
        state, host = self.session.state, this_host()
        for writer in state.writers.values():
            if writer.id in self._exits_watched or writer.id == self.session.writer.writer_id:
                continue
            if writer.host != host or not writer.pid or writer.left_t is not None or state.ended:
                continue
            descriptor = exit_descriptor(writer.pid)
            if descriptor is None:
                continue
            try:
                asyncio.get_running_loop().add_reader(descriptor, self._writer_process_ended, writer.id)
            except (RuntimeError, NotImplementedError, OSError):
                os.close(descriptor)
                continue
            self._exits_watched[writer.id] = descriptor

    def _writer_process_ended(self, writer_id: str) -> None:
        self._stop_watching_exit(writer_id)
        self.call_later(self._show_presence)

    def _stop_watching_exit(self, writer_id: str) -> None:
        descriptor = self._exits_watched.pop(writer_id, None)
        if descriptor is None:
            return
        try:
            asyncio.get_running_loop().remove_reader(descriptor)
        except RuntimeError:
            pass  # the loop is gone: the program is ending
        os.close(descriptor)

    def _hand_over_panes(self, held: set[Role]) -> None:
        """On the host's screen, a pane whose role someone joined in becomes read-only (their typing
        is theirs); it opens again when they go. A pane with typing under way waits until it is empty."""
        for role in ROLES:
            pane = self.pane(role)
            if role in held and role not in self._held_elsewhere:
                if pane.input.value or pane.editing is not None:
                    continue
                self._held_elsewhere.add(role)
                if self.focused is pane.input:
                    others = self.editable_roles()
                    if others:
                        self.set_focus(self.pane(others[0]).input)
                pane.set_read_only(True)
            elif role not in held and role in self._held_elsewhere:
                self._held_elsewhere.discard(role)
                pane.set_read_only(False)

    def _report_read_problems(self) -> None:
        problems = self.session.read_problems
        if len(problems) > self._problems_shown:
            shown = problems[self._problems_shown :]
            self._problems_shown = len(problems)
            self.notify("\n".join(str(problem) for problem in shown[:3]), title=_("Lines not merged"), severity="warning", timeout=10)

    def _ended_elsewhere(self) -> None:
        """Another process ended the session: what was being typed here is kept as a late note."""
        self._end_seen = True
        saved = 0
        for role in self.editable_roles():
            pane = self.pane(role)
            text = pane.input.value
            if text.strip() and pane.editing is None:
                note = self.session.add_late_note(role, text)
                if note is not None:
                    saved += 1
                    pane.reset_typing()
                    pane.show_notes(self.session.state.notes_by_role(role))
        self.session.flush()
        if saved:
            message = _("The session was ended by its driver; what you were typing is saved, marked late.")
        else:
            message = _("The session was ended by its driver.")
        self.notify(message, title=_("Session ended"))
        self.app.push_screen(summary_screen()(self.session))

    def _driver_label(self) -> str:
        driver = self.session.state.driver
        if driver is None:
            return _("someone else")
        name, role = driver
        return _("{name} ({role})").format(name=name, role=role_title(role).lower())

    def _may_drive(self) -> bool:
        if self.session.drives:
            return True
        self.notify(
            _("{driver} drives the clock and the phases. To drive from here: ctrl+p, Take over driving.").format(driver=self._driver_label()),
            title=_("Not driving"),
            timeout=4,
        )
        return False

    def _drive(self, command: Callable[[], Any]) -> None:
        if self._may_drive():
            self._run(command)

    def action_take_driving(self) -> None:
        self._run(self.session.take_driving)
        self._show_presence()
        self.notify(_("You drive the clock and the phases now."), timeout=3)

    def _hand_driving(self, identity: tuple[str, Role]) -> None:
        self._run(lambda: self.session.hand_driving(identity))
        self._show_presence()

    def team_commands(self) -> Iterable[SystemCommand]:
        if self.session.member is None or self.session.state.ended:
            return
        if not self.session.drives:
            yield SystemCommand(N_("Take over driving"), _("Drive the clock and the phases from this terminal"), self.action_take_driving)
        people = presence(self.session.state, file_mtimes(self.session.folder), me=self.session.writer.writer_id)
        for person in people:
            if person.here and not person.me and not person.drives:
                label = _("{name} ({role})").format(name=person.name, role=role_title(person.role).lower())
                yield SystemCommand(
                    _("Hand driving to {person}").format(person=label),
                    _("They move the clock and the phases from now on"),
                    lambda identity=(person.name, person.role): self._hand_driving(identity),
                )

    # -- the clock ticking -------------------------------------------------------------------------
    def _schedule_tick(self) -> None:
        state, now = self.session.state, self.session.now()
        delay = IDLE_TICK_SECONDS
        if state.running:
            remaining = state.phase_remaining(now)
            delay = (remaining - math.floor(remaining)) or 1.0  # until the shown second changes
        self.set_timer(min(max(delay + TICK_AFTER_SECOND, 0.02), IDLE_TICK_SECONDS), self._timed_tick)

    def _timed_tick(self) -> None:
        self.tick()
        self._schedule_tick()

    def tick(self) -> None:
        had_pending = bool(self.session.pending)
        self.session.tick()
        if had_pending:
            for role in ROLES:
                self.pane(role).refresh_saved()
        # Idle with the clock running, nothing changes between two whole seconds: skip the redraw
        # (idle CPU 3% -> see docs/benchmarks.md).
        state, now = self.session.state, self.session.now()
        shown = (int(state.phase_remaining(now)), int(state.clock_elapsed(now)), state.version, len(self.session.pending))
        if shown == self._last_shown and not had_pending:
            return
        self._last_shown = shown
        self._report_disk()
        self._report_sleep()
        self.refresh_clock()
        self._alert_on_pace()

    async def _fill_clock_column(self) -> None:
        # The clock, the phases and the script come one frame after the rest: the session bar, the
        # note panes and the key bar are the first frame (they take keys), and the clock column's
        # 17 widgets were a fifth of the instructions to it (89 million of 1,329 million, callgrind).
        # Keys typed meanwhile are handled as ever; what they change is shown once it is filled.
        # Its modules are imported here, and Textual adds their CSS as they mount.
        from interview_tui.tui.widgets.phase_clock import PhaseClock, clock_classes
        from interview_tui.tui.widgets.phase_list import PhaseList
        from interview_tui.tui.widgets.script_panel import ScriptPanel

        state = self.session.state
        widgets = (PhaseClock(id="phase-clock", classes=" ".join(sorted(clock_classes(state, self.session.now())))),
                   PhaseList(id="phase-list"), ScriptPanel(id="script-panel"))
        await self.query_one("#clock-column").mount_all(widgets)
        self._clock_widgets_found = widgets
        self.refresh_clock()

    def refresh_clock(self) -> None:
        if self._clock_widgets_found is not None:  # else filled in after the first frame
            state = self.session.state
            now = self.session.now()
            clock, phases, script = self._clock_widgets_found
            clock.show(state, now)
            phases.show_phases(state, now)
            script.show(state, self.session.unsaved_questions())
        self._show_badges()

    def _show_badges(self) -> None:
        state = self.session.state
        text, style = CONSENT_BADGES[state.consent]
        parts: list[Any] = [(_(text), style)]
        if state.recording_started_t is not None:
            recording = max(self.session.now() - state.recording_started_t, 0.0)
            parts += [" · ", ("● " + _("REC") + " ", "bold $error"), mmss(recording)]
        if self.session.pending:
            parts += [" · ", (unsaved_summary(self.session.unsaved_kinds()), "bold $error")]
        if self.bell_on:
            parts += [" · ", (_("bell"), "dim")]
        show_if_changed(self._badges, Content.assemble(*parts))

    def _alert_on_pace(self) -> None:
        state = self.session.state
        if not state.running:
            return
        pace = state.pace(self.session.now())
        seen_index, seen_pace = self._pace_seen
        if seen_index != state.phase_index or PACE_ORDER.index(pace) < PACE_ORDER.index(seen_pace):
            self._pace_seen = (state.phase_index, pace)  # a new phase, or minutes were added
            return
        if PACE_ORDER.index(pace) > PACE_ORDER.index(seen_pace):
            self._pace_seen = (state.phase_index, pace)
            left = state.phase_remaining(self.session.now())
            title = inert(state.phase.title)
            message = {
                Pace.WARNING: _("{time} left in {phase}"),
                Pace.ALERT: _("Only {time} left in {phase}"),
                Pace.OVERTIME: _("{phase} is out of time: wrap up, or ctrl+n adds a minute"),
            }[pace].format(time=mmss(left + 0.999), phase=title)
            self.notify(message, title=_("Time"), severity="warning" if pace == Pace.WARNING else "error", markup=False)
            if self.bell_on:
                self.app.bell()

    def _report_disk(self) -> None:
        error = self.session.write_error
        if error is not None and not self._write_error_shown:
            self._write_error_shown = True
            self.notify(
                _("{reason}. Notes are kept and shown with ⚠ until they are on disk; retrying.").format(reason=error.strerror or error),
                title=_("Could not write the session log"),
                severity="error",
                timeout=15,
            )
        elif error is None and self._write_error_shown and not self.session.pending:
            self._write_error_shown = False
            self.notify(_("Every note is on disk again."), title=_("Session log written"))

    def _report_sleep(self) -> None:
        sleeps = self.session.state.sleeps
        if len(sleeps) > self._sleeps_seen:
            self._sleeps_seen = len(sleeps)
            self.notify(_("The computer slept for {time}; the clock did not count it.").format(time=mmss(sleeps[-1][1])), title=_("Sleep"))

    def on_input_changed(self, event: NoteInput.Changed) -> None:
        # Drafts are saved half a second after typing changes them, not on a standing timer: an
        # idle screen then wakes once a second (the clock), not three times.
        if isinstance(event.input, NoteInput) and self._draft_timer is None:
            self._draft_timer = self.set_timer(DRAFT_SAVE_SECONDS, self._drafts_due)

    def _drafts_due(self) -> None:
        self._draft_timer = None
        self.save_drafts()

    def save_drafts(self) -> None:
        for role in self.editable_roles():
            pane = self.pane(role)
            if pane.editing is None:
                self.session.save_draft(role, pane.input.value)

    # -- the NoteKeeper a pane uses ------------------------------------------------------------------
    def save_note(self, role: Role, text: str, tags: list[str], backdate: float) -> Note | None:
        try:
            note = self.session.add_note(role, text, tags=tags, backdate=backdate)
        except NoteTooLong as error:
            self.notify(str(error), title=_("Note not saved"), severity="error", timeout=15)
            return None
        self._report_disk()
        self.refresh_clock()
        return note

    def edit_note(self, note_id: str, text: str) -> bool:
        try:
            event = self.session.edit_note(note_id, text)
        except NoteTooLong as error:
            self.notify(str(error), title=_("Edit not saved"), severity="error", timeout=15)
            return False
        return self._note_changed(note_id, event)

    def delete_note(self, note_id: str) -> bool:
        """Asks first (d is one key away from typing); deletes when confirmed."""
        note = self.session.state.note(note_id)
        if note is None:
            return False

        def answered(confirmed: bool | None) -> None:
            if confirmed and self._note_changed(note_id, self.session.delete_note(note_id)):
                pane = self.pane(note.role)
                if not pane.note_list.note_count:
                    pane.back_to_input()

        self.app.push_screen(
            screens.ConfirmScreen(_("Delete this note?"), note.text, confirm_label=_("Delete note"), enter_confirms=False), answered
        )
        return False

    def _note_changed(self, note_id: str, event: dict | None) -> bool:
        note = self.session.state.note(note_id)
        if event is None or note is None:
            return False
        self.pane(note.role).update_note(note)
        self._report_disk()
        self.refresh_clock()
        return True

    def is_saved(self, note_id: str) -> bool:
        return self.session.is_saved(note_id)

    def default_backdate(self, role: Role) -> float:
        return self.session.state.backdate_default.get(role, 0.0)

    # -- tags --------------------------------------------------------------------------------------
    def tag_key_pressed_after_prefix(self, character: str) -> bool:
        if not self._awaiting_tag:
            return False
        self._awaiting_tag = False
        self.tag_key_pressed(character, strict=True)
        return True

    def tag_key_pressed(self, key: str, *, strict: bool = False) -> bool:
        """A one-key tag: on the note being typed, or on the pane's last note if nothing is typed.
        A Hangul jamo or a full-width letter counts as the QWERTY key under it (keyboard.py)."""
        tags = self.session.playbook.tags
        typed, key = key, latin_key(key)
        tag = next((t.name for t in tags if t.key == key), None)
        if tag is None and key != typed:
            # ㅃ is shift+q: the q tag, when no tag is on Q itself.
            tag = next((t.name for t in tags if t.key is not None and t.key.lower() == key.lower()), None)
        if tag is None:
            if strict:
                keys = ", ".join(f"{t.key} {t.name}" for t in self.session.playbook.tags if t.key)
                self.notify(_("No tag on {key!r}. Tags: {keys}").format(key=typed, keys=keys), severity="warning")
            return strict
        pane = self.focused_pane()
        if pane.input.value.strip() or pane.editing is not None:
            pane.tag_typed_note(tag)
            return True
        last = self.session.state.last_note(pane.role)
        if last is None:
            pane.tag_typed_note(tag)  # for the next note
        elif self.session.tag_note(last.id, tag) is not None:
            pane.update_note(self.session.state.note(last.id))
            self._report_disk()
            self.refresh_clock()
            self.notify(Content.assemble(_("Tagged the last note"), " ", (f"#{tag}", f"bold {tag_colour(tag)}")), timeout=2)
        return True

    # -- actions -----------------------------------------------------------------------------------
    def _run(self, command: Callable[[], Any]) -> None:
        command()
        self._report_disk()
        self.refresh_clock()

    def action_focus_role(self, role: str) -> None:
        if not self.editable(Role(role)):
            if self.own_role is None:
                message = _("The {role} types in this pane from their own terminal.").format(role=role_title(role).lower())
            else:
                message = _("This terminal types in the {role}'s pane; the others are read-only here.").format(role=role_title(self.own_role).lower())
            self.notify(message, timeout=3)
            return
        # set_focus now, not Widget.focus() (which defers): keys typed right after F1 must land in
        # the interviewer's pane, see NoteInput.
        self.set_focus(self.pane(role).input)

    def action_focus_pane(self, step: int) -> None:
        roles = self.editable_roles()
        inputs = [self.pane(role).input for role in roles]
        focused_role = self.focused_pane().role
        current = inputs.index(self.focused) if self.focused in inputs else (roles.index(focused_role) if focused_role in roles else 0)
        self.set_focus(inputs[(current + step) % len(inputs)])

    def action_start_clock(self) -> None:
        self._drive(self.session.start_clock)

    def action_pause_clock(self) -> None:
        self._drive(self.session.pause_clock)

    def action_next_phase(self) -> None:
        self._drive(self.session.next_phase)

    def action_previous_phase(self) -> None:
        self._drive(self.session.previous_phase)

    def action_skip_phase(self) -> None:
        state = self.session.state
        if state.phase_index + 1 >= len(self.session.playbook.phases):
            self.notify(_("This is the last phase: F10 ends the session."), timeout=3)
            return

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self._drive(self.session.skip_phase)

        following = self.session.playbook.phases[state.phase_index + 1].title
        self.app.push_screen(
            screens.ConfirmScreen(
                _("Skip {phase}?").format(phase=state.phase.title),
                _("The phase list marks it skipped and {next} starts. F7 goes back to it.").format(next=following),
                confirm_label=_("Skip phase"),
                enter_confirms=False,
            ),
            answered,
        )

    def action_reassure_saved(self) -> None:
        saved = len(self.session.state.live_notes()) - len(self.session.pending)
        self.notify(
            ngettext("{count} note saved: each note is saved when Enter is pressed.", "{count} notes saved: each note is saved when Enter is pressed.", saved).format(count=saved),
            timeout=3,
        )

    def action_extend(self, minutes: int) -> None:
        if not self._may_drive():
            return
        self._run(lambda: self.session.extend_phase(minutes))
        self.notify(inert(_("+{minutes} for {phase}").format(minutes=format_minutes(minutes), phase=self.session.state.phase.title)),
                    timeout=2, markup=False)

    def action_mark_item(self, status: str) -> None:
        item = self.session.state.next_interviewer_item()
        if item is None:
            self.notify(_("Nothing left to mark in this phase."), timeout=2)
            return
        kind, key = item
        if kind == "question":
            self._run(lambda: self.session.mark_question(int(key), QuestionStatus(status)))
        else:
            self._run(lambda: self.session.mark_queue_item(str(key), "asked" if status == "asked" else "dismissed"))

    def action_tick_checklist(self, done: bool = True) -> None:
        state = self.session.state
        if done:
            index = state.next_checklist_item()
        else:
            ticked = [i for i in range(len(state.phase.checklist)) if (state.phase.id, i) in state.checklist_done]
            index = ticked[-1] if ticked else None
        if index is None:
            self.notify(_("Nothing to tick in this phase's checklist.") if done else _("Nothing ticked in this phase's checklist."), timeout=2)
            return
        self._run(lambda: self.session.tick_checklist_item(index, done))

    def action_backdate(self) -> None:
        self.focused_pane().add_backdate(BACKDATE_STEP_SECONDS)

    def action_tag_prefix(self) -> None:
        self._awaiting_tag = True
        keys = "  ".join(f"{t.key} {t.name}" for t in self.session.playbook.tags if t.key)
        self.notify(_("Press a tag's key: {keys}").format(keys=keys), title=_("Tag"), timeout=3)

    def action_recording_started(self) -> None:
        if self.session.state.recording_started_t is not None:
            self.notify(_("The recording was already marked as started."), timeout=2)
            return
        if self.session.state.consent == Consent.NO:
            # The participant said no: recording anyway must be a decision, never a stray key.
            def answered(confirmed: bool | None) -> None:
                if confirmed:
                    self._mark_recording_started()

            self.app.push_screen(
                screens.ConfirmScreen(
                    _("The participant said no to recording. Mark the recording as started?"),
                    _("If they changed their mind, record their consent first (ctrl+o)."),
                    confirm_label=_("Recording started"),
                    enter_confirms=False,
                ),
                answered,
            )
            return
        self._mark_recording_started()

    def _mark_recording_started(self) -> None:
        self._run(self.session.mark_recording_started)
        self.notify(_("Recording started: exports give each note its time in the recording too."), timeout=3)

    def action_consent(self) -> None:
        def chosen(consent: Consent | None) -> None:
            if consent is not None:
                self._run(lambda: self.session.record_consent(consent))

        from interview_tui.tui.screens.choices import ConsentScreen

        self.app.push_screen(ConsentScreen(self.session.state.consent), chosen)

    def action_default_backdate(self) -> None:
        role = self.focused_pane().role

        def chosen(seconds: float | None) -> None:
            if seconds is not None:
                self._run(lambda: self.session.set_backdate_default(role, seconds))
                self.focused_pane()._show_status()

        from interview_tui.tui.screens.choices import BackdateScreen

        self.app.push_screen(BackdateScreen(role, self.default_backdate(role)), chosen)

    def action_glossary(self) -> None:
        glossary = [(entry.term, entry.meaning) for entry in self.session.playbook.glossary]
        from interview_tui.tui.screens.choices import GlossaryScreen

        self.app.push_screen(GlossaryScreen(glossary))

    def action_toggle_bell(self) -> None:
        self.bell_on = not self.bell_on
        self.notify(_("Bell on for time alerts.") if self.bell_on else _("Bell off for time alerts."), timeout=2)
        self._show_badges()

    def action_end_session(self) -> None:
        if self.session.state.ended:
            self.app.push_screen(summary_screen()(self.session))
            return
        if not self._may_drive():
            return

        def ended(confirmed: bool | None) -> None:
            if confirmed:
                self.save_drafts()
                self._end_seen = True  # ended here: a joiner's late note arriving after is no news of an end
                self._run(self.session.end)
                self.session.flush()
                self.app.push_screen(summary_screen()(self.session))

        notes = len(self.session.state.live_notes())
        self.app.push_screen(
            screens.ConfirmScreen(
                _("End the session?"),
                ngettext("{count} note is saved in {folder}. The clock stops and the session is closed.",
                         "{count} notes are saved in {folder}. The clock stops and the session is closed.",
                         notes).format(count=notes, folder=self.session.folder),
                confirm_label=_("End session"),
            ),
            ended,
        )

    def commands(self) -> Iterable[SystemCommand]:
        """The palette's commands for this screen, with plain names."""
        pane = self.focused_pane()
        yield SystemCommand(N_("Start clock"), _("Start or resume the interview clock (F5)"), self.action_start_clock)
        yield SystemCommand(N_("Pause clock"), _("Pause the interview clock (F6)"), self.action_pause_clock)
        yield SystemCommand(N_("Next phase"), _("Move on to the next phase (F8)"), self.action_next_phase)
        yield SystemCommand(N_("Previous phase"), _("Go back to the previous phase (F7)"), self.action_previous_phase)
        yield SystemCommand(N_("Skip phase"), _("Leave this phase, marked skipped (F12, asks first)"), self.action_skip_phase)
        yield SystemCommand(N_("Add 1 minute"), _("Give this phase one more minute (ctrl+n)"), lambda: self.action_extend(1))
        yield SystemCommand(N_("Add 5 minutes"), _("Give this phase five more minutes (ctrl+f)"), lambda: self.action_extend(5))
        yield SystemCommand(N_("Mark question asked"), _("Mark the highlighted question asked (F4)"), lambda: self.action_mark_item("asked"))
        yield SystemCommand(N_("Mark question skipped"), _("Mark the highlighted question skipped (F9)"), lambda: self.action_mark_item("skipped"))
        yield SystemCommand(N_("Focus interviewer"), _("Type in the interviewer's pane (F1)"), lambda: self.action_focus_role("interviewer"))
        yield SystemCommand(N_("Focus scribe"), _("Type in the scribe's pane (F2)"), lambda: self.action_focus_role("scribe"))
        yield SystemCommand(N_("Focus observer"), _("Type in the observer's pane (F3)"), lambda: self.action_focus_role("observer"))
        yield SystemCommand(N_("Backdate note"), _("Move the note being typed 10 s earlier (ctrl+b)"), self.action_backdate)
        yield SystemCommand(N_("Set default backdate"),
                            _("How far back the {role}'s notes go by default (ctrl+l)").format(role=role_title(pane.role).lower()),
                            self.action_default_backdate)
        yield SystemCommand(N_("Tag note"), _("Tag the note being typed, or the last one (ctrl+t, then the tag's key)"), self.action_tag_prefix)
        for tag in self.session.playbook.tags:
            help_text = _(tag.description) if tag.description else _("Tag")  # the default set's are in the catalog
            if tag.key:
                help_text = _("{description} (alt+{key})").format(description=help_text, key=tag.key)
            yield SystemCommand(_("Tag {tag}").format(tag=tag.name), help_text, lambda name=tag.name: self._tag_by_name(name))
        yield SystemCommand(N_("Tick checklist item"), _("Tick the next item of this phase's checklist (ctrl+y)"), self.action_tick_checklist)
        yield SystemCommand(N_("Untick checklist item"), _("Untick the last ticked item of this phase's checklist"),
                            lambda: self.action_tick_checklist(False))
        yield SystemCommand(N_("Recording started"), _("Mark the moment the recording started (ctrl+r)"), self.action_recording_started)
        yield SystemCommand(N_("Record consent"), _("Whether the participant agreed to be recorded (ctrl+o)"), self.action_consent)
        yield SystemCommand(N_("Edit last note"), _("Edit the last note of the focused pane (↑ then e)"), lambda: self._edit_last(pane))
        yield SystemCommand(N_("Delete last note"), _("Delete the last note of the focused pane (↑ then d)"), lambda: self._delete_last(pane))
        yield SystemCommand(N_("Show glossary"), _("The customer's domain terms from the playbook (F11)"), self.action_glossary)
        yield SystemCommand(N_("Toggle bell"), _("Ring the terminal bell at time alerts (ctrl+g)"), self.action_toggle_bell)
        yield SystemCommand(N_("End session"), _("End the interview and close the session (F10)"), self.action_end_session)
        yield from self.team_commands()

    def _tag_by_name(self, name: str) -> None:
        tag = next(t for t in self.session.playbook.tags if t.name == name)
        if tag.key:
            self.tag_key_pressed(tag.key, strict=True)
        else:
            self.focused_pane().tag_typed_note(name)

    def _edit_last(self, pane: NotePane) -> None:
        last = self.session.state.last_note(pane.role)
        if last is not None:
            pane.start_edit(last.id)

    def _delete_last(self, pane: NotePane) -> None:
        last = self.session.state.last_note(pane.role)
        if last is not None:
            pane.delete(last.id)


__all__ = ["LiveScreen", "NoteInput"]
