"""The command palette in the session's language, still found by the commands' English names.

Screens yield `SystemCommand`s with English titles (marked `N_()`); this provider shows them
translated and matches a query against both, so "next phase" finds 다음 단계 in a Korean session:
the names in the README and in a colleague's habits keep working.
"""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits
from textual.system_commands import SystemCommandsProvider

from interview_tui.i18n import N_, _

# Textual's own system commands, so they are in the catalog too.
TEXTUAL_COMMANDS = (
    N_("Theme"), N_("Change the current theme"),
    N_("Quit"), N_("Quit the application as soon as possible"),
    N_("Keys"), N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"), N_("Minimize the widget and restore to normal size"),
    N_("Maximize"), N_("Maximize the focused widget"),
    N_("Screenshot"), N_("Save an SVG 'screenshot' of the current screen"),
)


class LocalizedCommands(SystemCommandsProvider):
    def _commands(self) -> Iterator[tuple[SystemCommand, str]]:
        for command in self.app.get_system_commands(self.screen):
            yield command._replace(title=_(command.title), help=_(command.help)), command.title

    async def discover(self) -> Hits:
        for command, _english in sorted(self._commands(), key=lambda pair: pair[0].title):
            if command.discover:
                yield DiscoveryHit(command.title, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command, english in self._commands():
            shown = matcher.match(command.title)
            by_english = matcher.match(english) if english != command.title else 0
            if shown > 0 or by_english > 0:
                display = matcher.highlight(command.title) if shown >= by_english else command.title
                help_text = command.help if shown >= by_english else f"{english} · {command.help}"
                yield Hit(max(shown, by_english), display, command.callback, help=help_text)


class LocalizedPalette:
    """Mixed into an App: the palette above, with its placeholder in the session's language."""

    COMMANDS = {LocalizedCommands}

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=_("Search for commands…")))
