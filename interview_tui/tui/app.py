"""The Textual app: a setup screen, then the live screen of one session."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.app import SystemCommand
from textual.screen import Screen

from interview_tui.playbook.model import Playbook
from interview_tui.session.clock import Clock, SystemClock
from interview_tui.session.core import Session, SessionEnded
from interview_tui.session.log import SessionFormatError
from interview_tui.tui.screens.live import LiveScreen
from interview_tui.tui.screens.setup import SetupScreen
from interview_tui.tui.ordered_keys import OrderedKeysApp


class InterviewApp(OrderedKeysApp):
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
        self._start_error: str | None = None
        self._modes[self.DEFAULT_MODE] = self._first_screen

    def _first_screen(self) -> Screen:
        # The first screen is the one the person works in (the app's one mode): a blank default
        # screen, styled and laid out, then the live screen pushed over it cost ~260 ms of the start
        # (167 stylesheet applications against the bare app's 37, two full renders). As a mode, its
        # widgets are mounted before the app handles its first key, so early keys reach the input.
        if self.session is None and self._participant is not None:
            self.session = self._create_session(self._participant)
        if self.session is not None:
            return LiveScreen(self.session, bell=self.bell_at_alerts)
        if self._participant is not None:
            return Screen(id="_default")  # the session could not be created: the error is shown
        return SetupScreen(self.playbook, unfinished=self.unfinished)

    def on_mount(self) -> None:
        if self._start_error is not None:
            self.notify(self._start_error, severity="error", timeout=15)

    def on_setup_screen_resume_chosen(self, message: SetupScreen.ResumeChosen) -> None:
        try:
            self.session = Session.resume(message.folder, clock=self.clock)
        except (OSError, SessionEnded, SessionFormatError) as error:
            self.notify(f"Could not resume: {error}", severity="error", timeout=15)
            return
        self.push_screen(LiveScreen(self.session, bell=self.bell_at_alerts))

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
            )
        except OSError as error:
            self._start_error = f"Could not create the session: {error.strerror or error}"
            return None

    def start_session(self, participant: dict[str, Any]) -> None:
        self._start_error = None
        self.session = self._create_session(participant)
        if self.session is None:
            self.notify(self._start_error, severity="error", timeout=15)
            return
        # Pushed over the setup screen (the app's first screen, which cannot be switched away).
        self.push_screen(LiveScreen(self.session, bell=self.bell_at_alerts))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if isinstance(screen, LiveScreen):
            yield from screen.commands()
        yield from super().get_system_commands(screen)

    def on_unmount(self) -> None:
        if self.session is not None:
            self.session.close()
