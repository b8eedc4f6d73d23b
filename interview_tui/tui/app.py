"""The Textual app: a setup screen, then the live screen of one session."""

from __future__ import annotations

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
            self.notify(_("Could not resume: {error}").format(error=error), severity="error", timeout=15)
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
            self.notify(_("Could not create the session: {reason}").format(reason=error.strerror or error), severity="error", timeout=15)
            return
        if isinstance(self.screen, SetupScreen):
            self.switch_screen(LiveScreen(self.session, bell=self.bell_at_alerts))
        else:
            self.push_screen(LiveScreen(self.session, bell=self.bell_at_alerts))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if isinstance(screen, LiveScreen):
            yield from screen.commands()
        yield from super().get_system_commands(screen)

    def on_unmount(self) -> None:
        if self.session is not None:
            self.session.close()
