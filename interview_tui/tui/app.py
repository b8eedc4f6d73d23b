"""The Textual app: a setup screen, then the live screen of one session."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.screen import Screen

from interview_tui.i18n import _
from interview_tui.playbook.model import Playbook
from interview_tui.session.clock import Clock, SystemClock
from interview_tui.session.core import Session, SessionEnded, default_name
from interview_tui.session.events import Role
from interview_tui.session.log import SessionFormatError
from interview_tui.session.folder import SessionsDirError, discard_empty_session
from interview_tui.tui import screens  # screens.ConfirmScreen: imported when a dialog first opens
from interview_tui.tui.screens.live import LiveScreen
from interview_tui.tui.text import inert
from interview_tui.tui.ordered_keys import OrderedKeys
from interview_tui.tui.palette import LocalizedPalette

if TYPE_CHECKING:
    from interview_tui.tui.screens.setup import SetupScreen


class InterviewApp(LocalizedPalette, OrderedKeys, App):
    """Returns the session folder when it exits (None if no session was started)."""

    TITLE = "interview"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    DEFAULT_MODE = "interview"

    def __init__(
        self,
        *,
        playbook: Playbook,
        sessions_root: Path,
        playbook_source: str = "",
        participant: dict[str, Any] | None = None,
        clock: Clock | None = None,
        session: Session | None = None,
        bell: bool = False,
        unfinished: list[tuple[Path, str]] | None = None,
        own_role: Role | None = None,
    ) -> None:
        """Starts on `session` if given (a resume), else with `participant` if given, else on the
        setup screen, which offers the `unfinished` sessions for resuming."""
        super().__init__()
        self.playbook = playbook
        self.playbook_source = playbook_source
        self.sessions_root = sessions_root
        self.clock = clock or SystemClock()
        self._participant = participant
        self.session: Session | None = session
        self.bell_at_alerts = bell
        self.unfinished = unfinished or []
        self.own_role = own_role  # set for a process that joined a team session
        self.discarded: Path | None = None  # the empty session discarded at ctrl+q
        self._start_error: str | None = None
        # Called once the first frame is on the screen (the CLI turns the garbage collector back on).
        self.first_frame_shown: Callable[[], None] | None = None
        self._first_frame_done = False
        self._after_first_frame: list[Callable[[], None]] = []
        self._modes[self.DEFAULT_MODE] = self._first_screen

    def live_screen(self) -> LiveScreen:
        assert self.session is not None
        return LiveScreen(self.session, bell=self.bell_at_alerts, own_role=self.own_role)

    def _first_screen(self) -> Screen:
        # The first screen is the one the person works in (the app's one mode): a blank default
        # screen, styled and laid out, then the live screen pushed over it cost ~260 ms of the start
        # (167 stylesheet applications against the bare app's 37, two full renders). As a mode, its
        # widgets are mounted before the app handles its first key, so early keys reach the input.
        if self.session is None and self._participant is not None:
            self.session = self._create_session(self._participant)
        if self.session is not None:
            screen = self.live_screen()
            screen.add_default_css(self.stylesheet)
            if self._css_update_count == 0:
                # Nothing (a theme from the config file) changed the CSS variables since the app's
                # stylesheet was made with them: marked up to date, the screen is not styled twice
                # (Textual's refresh_css for a mode's first screen parsed every stylesheet again in a
                # new Stylesheet and re-applied it to every node: ~20 ms of the start's CPU).
                screen._css_update_count = self._css_update_count
            return screen
        if self._participant is not None:
            return Screen(id="_default")  # the session could not be created: the error is shown
        from interview_tui.tui.screens.setup import SetupScreen  # not on `run --participant`'s start

        return SetupScreen(self.playbook, unfinished=self.unfinished)

    def on_mount(self) -> None:
        self._catch_stop_signals()
        if self._start_error is not None:
            self.notify(self._start_error, severity="error", timeout=15, markup=False)

    def on_ready(self) -> None:
        # Textual's Ready: the first frame has been displayed.
        if self.first_frame_shown is not None:
            self.first_frame_shown()
            self.first_frame_shown = None
        self._first_frame_done = True
        for callback in self._after_first_frame:
            self.call_after_refresh(callback)
        self._after_first_frame.clear()

    def after_first_frame(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the first frame is on the screen (work that must not delay it)."""
        if self._first_frame_done:
            self.call_after_refresh(callback)
        else:
            self._after_first_frame.append(callback)

    def on_setup_screen_resume_chosen(self, message: SetupScreen.ResumeChosen) -> None:
        try:
            self.session = Session.resume(message.folder, clock=self.clock, member=(default_name(), Role.INTERVIEWER))
        except (OSError, SessionEnded, SessionFormatError) as error:
            self.notify(inert(_("Could not resume: {error}").format(error=error)), severity="error", timeout=15, markup=False)
            return
        # Pushed over the setup screen (the app's first screen, which cannot be switched away).
        self.push_screen(self.live_screen())

    def on_setup_screen_setup_done(self, message: SetupScreen.SetupDone) -> None:
        self.start_session(message.participant)

    def _create_session(self, participant: dict[str, Any]) -> Session | None:
        try:
            return Session.create(
                self.sessions_root,
                self.playbook,
                playbook_source=self.playbook_source,
                participant=participant,
                clock=self.clock,
                member=(default_name(), Role.INTERVIEWER),
            )
        except OSError as error:
            self._start_error = inert(_("Could not create the session: {reason}").format(reason=error.strerror or error))
            return None

    def start_session(self, participant: dict[str, Any]) -> None:
        self._start_error = None
        self.session = self._create_session(participant)
        if self.session is None:
            self.notify(self._start_error, severity="error", timeout=15, markup=False)
            return
        # Pushed over the setup screen (the app's first screen, which cannot be switched away).
        self.push_screen(self.live_screen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if isinstance(screen, LiveScreen):
            yield from screen.commands()
        yield from super().get_system_commands(screen)

    # -- a clean quit: ctrl+q, SIGTERM, SIGHUP --------------------------------------------------------
    # What is being typed reaches the log as a draft every half second; a quit must not lose the last
    # half second. SIGTERM (kill, a shutdown) and SIGHUP (a closed terminal, a dropped SSH connection)
    # would otherwise end the process on the spot, leaving the terminal in the alternate screen with
    # mouse tracking on; handled, they quit as ctrl+q does and Textual restores the terminal.
    STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP) if hasattr(signal, "SIGHUP") else ()

    def _catch_stop_signals(self) -> None:
        loop = asyncio.get_running_loop()
        for signal_number in self.STOP_SIGNALS:
            try:
                loop.add_signal_handler(signal_number, self._stopped_by_signal, signal_number)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # not the main thread, or no such signals here: the default stays

    def _release_stop_signals(self) -> None:
        loop = asyncio.get_running_loop()
        for signal_number in self.STOP_SIGNALS:
            try:
                loop.remove_signal_handler(signal_number)
            except (NotImplementedError, RuntimeError, ValueError):
                pass

    def _stopped_by_signal(self, signal_number: int) -> None:
        # Keys read before the signal are still queued: the quit waits its turn behind them.
        self.call_later(self._stop, signal_number)

    def _stop(self, signal_number: int) -> None:
        self.save_typing()
        self.exit(return_code=128 + signal_number)  # the shell's convention: 143 for SIGTERM, 129 for SIGHUP

    def save_typing(self) -> None:
        """Save what is being typed in every pane as a draft, now (`interview resume` brings it back)."""
        for screen in self.screen_stack:
            if isinstance(screen, LiveScreen):
                screen.save_drafts()
        if self.session is not None:
            self.session.flush()

    async def action_quit(self) -> None:
        """ctrl+q. A session with nothing in it offers to be discarded, rather than being left as
        an "unfinished" session in `interview list` and the setup screen's resume list. Never for
        a team session (a joiner, or a folder others write in too)."""
        self.save_typing()
        session = self.session
        if (
            session is None
            or session.state.ended
            or session.state.notes
            or any(text.strip() for text in session.state.drafts.values())  # typing is kept, never discarded
            or self.own_role is not None
            or isinstance(self.screen, screens.ConfirmScreen)
        ):
            await super().action_quit()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                session.close()
                try:
                    discard_empty_session(session.folder)
                except (OSError, SessionsDirError, SessionFormatError) as error:
                    self.notify(_("Could not discard the session: {error}").format(error=error), severity="error")
                    return
                self.discarded = session.folder
                self.session = None
            self.exit()

        self.push_screen(
            screens.ConfirmScreen(
                _("This session has no notes. Discard it?"),
                _("Discard removes {folder}. Keep leaves it to resume later (`interview resume`).").format(folder=session.folder),
                confirm_label=_("Discard"),
                cancel_label=_("Keep and quit"),
            ),
            answered,
        )
    def on_unmount(self) -> None:
        self._release_stop_signals()
        if self.session is not None:
            self.session.close()
