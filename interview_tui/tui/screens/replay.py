"""Replay: the live screen's own widgets, fed the session's fold at a virtual clock.

Play and pause, 1x to 32x, seek by 10 s and 1 min, jump between phases and notes, filter by role and
tag; idle stretches longer than a limit are shortened, as terminal recorders do.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections.abc import Callable, Iterable

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen

from interview_tui.i18n import N_, _

from interview_tui.session.clock import mmss
from interview_tui.session.events import ROLES, EventType, Role, role_title
from interview_tui.session.state import Note, SessionState
from interview_tui.session.timeline import Timeline
from interview_tui.tui.compositor import ChangedRowsCompositor
from interview_tui.tui.text import tag_colour
from interview_tui.tui.widgets.note_pane import NotePane
from interview_tui.tui.widgets.phase_clock import PhaseClock
from interview_tui.tui.widgets.key_bar import KeyBar
from interview_tui.tui.widgets.phase_list import PhaseList
from interview_tui.tui.widgets.readout import Readout
from interview_tui.tui.widgets.script_panel import ScriptPanel
from interview_tui.tui.widgets.timeline_bar import TimelineBar
from interview_tui.tui.text import plain

SPEEDS = (1, 2, 4, 8, 16, 32)
FRAME_SECONDS = 0.1


class ReplayScreen(Screen[None]):
    DEFAULT_CSS = """
    ReplayScreen #replay-bar { height: 1; background: $panel; padding: 0 1; }
    ReplayScreen #replay-title { width: 1fr; }
    ReplayScreen #replay-status { width: auto; }
    ReplayScreen #body { height: 1fr; }
    ReplayScreen #clock-column {
        width: 30%;
        min-width: 34;
        max-width: 60;
        border-right: vkey $panel-lighten-2;
    }
    ReplayScreen #panes { width: 1fr; }
    ReplayScreen TimelineBar { border-top: solid $panel-lighten-2; height: 4; }
    """

    BINDINGS = [
        Binding("space", "toggle_play", N_("Play/pause"), id="replay-play"),
        Binding("left", "seek(-10)", N_("−10s"), id="replay-back-10"),
        Binding("right", "seek(10)", N_("+10s"), id="replay-forward-10"),
        Binding("shift+left", "seek(-60)", N_("−1m"), id="replay-back-60"),
        Binding("shift+right", "seek(60)", N_("+1m"), id="replay-forward-60"),
        Binding("minus", "speed(-1)", N_("Slower"), id="replay-slower"),
        Binding("plus,equals_sign", "speed(1)", N_("Faster"), id="replay-faster"),
        Binding("left_square_bracket", "phase(-1)", N_("◀Phase"), id="replay-previous-phase"),
        Binding("right_square_bracket", "phase(1)", N_("Phase▶"), id="replay-next-phase"),
        Binding("comma", "note(-1)", N_("◀Note"), id="replay-previous-note"),
        Binding("full_stop", "note(1)", N_("Note▶"), id="replay-next-note"),
        Binding("r", "cycle_role", N_("Role"), id="replay-role-filter"),
        Binding("t", "cycle_tag", N_("Tag"), id="replay-tag-filter"),
        Binding("home", "seek_to(0)", N_("Start"), id="replay-start", show=False),
        Binding("end", "seek_to(-1)", N_("End"), id="replay-end", show=False),
        Binding("q,escape", "app.quit", N_("Quit"), id="replay-quit"),
    ]

    def __init__(
        self, timeline: Timeline, *, speed: int = 1, idle_limit: float = 15.0, title: str = "",
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        """`monotonic`: the real clock the virtual one follows (tests pass a fake one)."""
        super().__init__()
        self._compositor = ChangedRowsCompositor()  # a playing replay redraws ten times a second
        self._monotonic = monotonic
        self.timeline = timeline
        self.speed = speed if speed in SPEEDS else min(SPEEDS, key=lambda s: abs(s - speed))
        self.idle_limit = idle_limit
        self.t = timeline.start
        self.playing = True
        self._last_frame = monotonic()
        self.role_filter: Role | None = None
        self.tag_filter: str | None = None
        self._title = title
        self._phase_times = timeline.times_of(EventType.PHASE_CHANGED)
        final = timeline.final
        self._tags = sorted({tag for note in final.live_notes() for tag in note.tags})
        self._shown_state: tuple[int, SessionState] | None = None
        self._shown_key: tuple | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="replay-bar"):
            yield Readout(Content.assemble((_("Replay"), "bold"), " ", plain(self._title)), id="replay-title")
            yield Readout(id="replay-status")
        with Horizontal(id="body"):
            with Vertical(id="clock-column"):
                yield PhaseClock()
                yield PhaseList()
                yield ScriptPanel(live=False)
            with Vertical(id="panes"):
                playbook = self.timeline.final.playbook
                titles = {phase.id: phase.title for phase in playbook.phases} if playbook else {}
                for role in ROLES:
                    yield NotePane(role, None, phase_titles=titles)
        yield TimelineBar()
        yield KeyBar()

    def on_mount(self) -> None:
        final = self.timeline.final
        for pane in self.query(NotePane):
            pane.show_authors = final.is_team  # a team session: who wrote each note
        self.query_one(TimelineBar).set_session(final.notes, self._phase_times, self.timeline.end)
        self.show_at(self.t)
        self.set_interval(FRAME_SECONDS, self.frame)

    # -- the virtual clock -------------------------------------------------------------------------
    def frame(self) -> None:
        now = self._monotonic()
        elapsed, self._last_frame = now - self._last_frame, now
        if not self.playing:
            return
        t = self.t + elapsed * self.speed
        if self.idle_limit > 0:
            # Shorten idle stretches: after `idle_limit` seconds with nothing happening, go on to
            # the next event (the clock jumps, as in asciinema).
            previous = self._previous_event_time(self.t)
            following = self.timeline.next_event_time(self.t)
            if following is not None and following - previous > self.idle_limit and t > previous + self.idle_limit:
                t = max(t, following)
        if t >= self.timeline.end:
            t = self.timeline.end
            self.playing = False
        self.show_at(t)

    def _previous_event_time(self, t: float) -> float:
        index = bisect_right(self.timeline.times, t)
        return self.timeline.times[index - 1] if index else 0.0

    def show_at(self, t: float) -> None:
        self.t = max(self.timeline.start, min(t, self.timeline.end))
        # Between two events the fold is the same: a playing replay (10 frames a second) only moves
        # the clocks, and the panes are given new notes only when an event or a filter changed.
        count = bisect_right(self.timeline.times, self.t)
        shown_key = (count, self.role_filter, self.tag_filter)
        if self._shown_state is None or self._shown_state[0] != count:
            self._shown_state = (count, self.timeline.state_at(self.t))
        state = self._shown_state[1]
        self.query_one(PhaseClock).show(state, self.t)
        self.query_one(PhaseList).show_phases(state, self.t)
        self.query_one(ScriptPanel).show(state)
        if shown_key != self._shown_key:
            self._shown_key = shown_key
            for role in ROLES:
                self.query_one(f"#pane-{role}", NotePane).show_notes(self._visible(state, role))
        self.query_one(TimelineBar).move_playhead(self.t)
        self._show_status(state)

    def _visible(self, state: SessionState, role: Role) -> list[Note]:
        if self.role_filter is not None and role != self.role_filter:
            return []
        notes = state.notes_by_role(role)
        if self.tag_filter is not None:
            notes = [note for note in notes if self.tag_filter in note.tags]
        return notes

    def _show_status(self, state: SessionState) -> None:
        parts: list = [("▶ " if self.playing else "⏸ ", "bold"), f"{mmss(self.t)} / {mmss(self.timeline.end)}  ", (f"{self.speed}x", "bold")]
        if self.role_filter is not None:
            parts += ["  " + _("role:") + " ", (role_title(self.role_filter), "bold")]
        if self.tag_filter is not None:
            parts += ["  " + _("tag:") + " ", (f"#{self.tag_filter}", f"bold {tag_colour(self.tag_filter)}")]
        self.query_one("#replay-status", Readout).show(Content.assemble(*parts))

    # -- actions -------------------------------------------------------------------------------------
    def action_toggle_play(self) -> None:
        if not self.playing and self.t >= self.timeline.end:
            self.t = self.timeline.start
        self.playing = not self.playing
        self._last_frame = self._monotonic()
        self.show_at(self.t)

    def action_seek(self, seconds: float) -> None:
        self.show_at(self.t + seconds)

    def action_seek_to(self, where: float) -> None:
        self.show_at(self.timeline.end if where < 0 else where)

    def action_speed(self, step: int) -> None:
        index = SPEEDS.index(self.speed)
        self.speed = SPEEDS[max(0, min(index + step, len(SPEEDS) - 1))]
        self.show_at(self.t)

    def action_phase(self, step: int) -> None:
        self._jump(self._phase_times, step, start_is_stop=True)

    def action_note(self, step: int) -> None:
        times = sorted(n.t for n in self.timeline.final.live_notes()
                       if (self.role_filter is None or n.role == self.role_filter)
                       and (self.tag_filter is None or self.tag_filter in n.tags))
        self._jump(times, step)

    def _jump(self, times: list[float], step: int, start_is_stop: bool = False) -> None:
        stops = ([self.timeline.start] if start_is_stop else []) + times
        if step > 0:
            later = [t for t in stops if t > self.t + 1e-6]
            target = later[0] if later else self.timeline.end
        else:
            earlier = [t for t in stops if t < self.t - 0.5]  # half a second back: "previous", not "this one"
            target = earlier[-1] if earlier else self.timeline.start
        self.show_at(target)

    def action_cycle_role(self) -> None:
        order: list[Role | None] = [None, *ROLES]
        self.role_filter = order[(order.index(self.role_filter) + 1) % len(order)]
        self.show_at(self.t)

    def action_cycle_tag(self) -> None:
        order: list[str | None] = [None, *self._tags]
        self.tag_filter = order[(order.index(self.tag_filter) + 1) % len(order)]
        self.show_at(self.t)

    def on_click(self, event) -> None:
        bar = self.query_one(TimelineBar)
        if event.widget is bar:
            self.show_at(bar.time_at_column(event.x))

    def commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(N_("Play or pause"), _("Play or pause the replay (space)"), self.action_toggle_play)
        yield SystemCommand(N_("Faster"), _("Double the speed, up to 32x (+)"), lambda: self.action_speed(1))
        yield SystemCommand(N_("Slower"), _("Halve the speed, down to 1x (-)"), lambda: self.action_speed(-1))
        yield SystemCommand(N_("Next phase"), _("Jump to the next phase (])"), lambda: self.action_phase(1))
        yield SystemCommand(N_("Previous phase"), _("Jump to the previous phase ([)"), lambda: self.action_phase(-1))
        yield SystemCommand(N_("Next note"), _("Jump to the next note (.)"), lambda: self.action_note(1))
        yield SystemCommand(N_("Previous note"), _("Jump to the previous note (,)"), lambda: self.action_note(-1))
        yield SystemCommand(N_("Filter by role"), _("All roles, or one (r)"), self.action_cycle_role)
        yield SystemCommand(N_("Filter by tag"), _("All tags, or one (t)"), self.action_cycle_tag)
