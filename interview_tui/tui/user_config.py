"""The user's config file applied to an app: every binding remappable by its id, and the theme."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from interview_tui.config import ConfigError, UserConfig, load_config
from interview_tui.i18n import _


def bindings_by_screen() -> dict[str, list[Binding]]:
    """Every binding of every screen and widget, by where it works (for `interview config`)."""
    from interview_tui.tui.screens import choices, confirm, debrief, live, replay, setup, summary
    from interview_tui.tui.widgets import note_pane

    owners = {
        "setup": [setup.SetupScreen],
        "live": [live.LiveScreen, note_pane.NoteList],
        "dialogs": [choices.ConsentScreen, choices.BackdateScreen, choices.GlossaryScreen, confirm.ConfirmScreen],
        "summary": [summary.SummaryScreen],
        "replay": [replay.ReplayScreen],
        "debrief": [debrief.DebriefScreen, debrief.TextScreen, debrief.ChooseProblemScreen, debrief.WhysScreen],
    }
    found: dict[str, list[Binding]] = {}
    for where, classes in owners.items():
        for owner in classes:
            for binding in owner.BINDINGS:
                if isinstance(binding, Binding):
                    found.setdefault(where, []).append(binding)
    return found


def apply_user_config(app: App, config: UserConfig | None = None) -> UserConfig:
    """Remap keys and pick the theme from the config file, before the app runs.

    Raises ConfigError (a user error: exit 2) for an id no binding has or a theme Textual lacks,
    rather than starting with a key that silently does nothing.
    """
    config = config or load_config()
    # Every screen's class is imported to know every binding: only when there are keys to check.
    known = {binding.id for bindings in bindings_by_screen().values() for binding in bindings if binding.id} if config.keys else set()
    for binding_id in config.keys:
        if binding_id not in known:
            close = sorted(known, key=lambda name: _distance(name, binding_id))[0]
            raise ConfigError(
                _("{path}: [keys] has no binding {name!r}; did you mean {close!r}? `interview config` lists them").format(
                    path=config.path, name=binding_id, close=close
                )
            )
    if config.theme is not None:
        if config.theme not in app.available_themes:
            raise ConfigError(
                _("{path}: no theme {name!r}; themes: {names}").format(
                    path=config.path, name=config.theme, names=", ".join(sorted(app.available_themes))
                )
            )
        app.theme = config.theme
    if config.keys:
        app.set_keymap(config.keys)
    return config


def _distance(a: str, b: str) -> int:
    from difflib import SequenceMatcher

    return -int(SequenceMatcher(None, a, b).ratio() * 1000)
