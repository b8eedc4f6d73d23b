"""The Textual app: a setup screen, then the live screen of one session."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.app import SystemCommand
from textual.screen import Screen

from interview_tui.i18n import _
from interview_tui.playbook.model import Playbook
from interview_tui.session.clock import Clock, SystemClock
from interview_tui.session.core import Session, SessionEnded
from interview_tui.session.log import SessionFormatError
from interview_tui.tui.screens.live import LiveScreen
from interview_tui.tui.screens.setup import SetupScreen
from interview_tui.tui.text import inert
from interview_tui.tui.ordered_keys import OrderedKeysApp
from interview_tui.tui.palette import LocalizedPalette


class InterviewApp(LocalizedPalette, OrderedKeysApp):
    """Returns the session folder when it exits (None if no session was started)."""

    TITLE = "interview"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True

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

    def on_mount(self) -> None:
        self._catch_stop_signals()
        if self.session is not None:
            self.push_screen(LiveScreen(self.session, bell=self.bell_at_alerts))
        elif self._participant is not None:
            self.start_session(self._participant)
        else:
            self.push_screen(SetupScreen(self.playbook, unfinished=self.unfinished))

    def on_setup_screen_resume_chosen(self, message: SetupScreen.ResumeChosen) -> None:
        try:
            self.session = Session.resume(message.folder, clock=self.clock)
        except (OSError, SessionEnded, SessionFormatError) as error:
            self.notify(inert(_("Could not resume: {error}").format(error=error)), severity="error", timeout=15, markup=False)
            return
        self.switch_screen(LiveScreen(self.session, bell=self.bell_at_alerts))

    def on_setup_screen_setup_done(self, message: SetupScreen.SetupDone) -> None:
        self.start_session(message.participant)

    def start_session(self, participant: dict[str, Any]) -> None:
        try:
            self.session = Session.create(
                self.sessions_root,
                self.playbook,
                playbook_source=self.playbook_source,
                participant=participant,
                clock=self.clock,
            )
        except OSError as error:
            self.notify(inert(_("Could not create the session: {reason}").format(reason=error.strerror or error)),
                        severity="error", timeout=15, markup=False)
            return
        if isinstance(self.screen, SetupScreen):
            self.switch_screen(LiveScreen(self.session, bell=self.bell_at_alerts))
        else:
            self.push_screen(LiveScreen(self.session, bell=self.bell_at_alerts))

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
        self.save_typing()
        await super().action_quit()

    def on_unmount(self) -> None:
        self._release_stop_signals()
        if self.session is not None:
            self.session.close()
