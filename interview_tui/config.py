"""The user's config file: keys remapped by binding id, and the theme. No Textual here.

One TOML file, read with the standard library's tomllib, found in this order (harlequin's habit
of a documented search order; posting's habit of a keymap by binding id):

1. the path in `$INTERVIEW_CONFIG`, if set;
2. `config.toml` in the platformdirs user config folder (`interview config` prints it).

    theme = "textual-light"

    [keys]
    skip-phase = "f9"           # a binding's id = the key(s), comma-separated
    mark-skipped = "f12"

A missing file is no error: the defaults apply.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from interview_tui.i18n import _
from interview_tui.records import Frozen

APP_NAME = "interview-tui"


class ConfigError(Exception):
    """The config file cannot be used: one clear line naming the file (and line where there is one)."""


@dataclass(init=False, repr=False, eq=False)
class UserConfig(Frozen):
    path: Path
    exists: bool
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)


def config_path() -> Path:
    """Where the config file is read from (it may not exist)."""
    if override := os.environ.get("INTERVIEW_CONFIG"):
        return Path(override).expanduser()
    from platformdirs import user_config_path

    # The same folder as the user's playbooks (playbook/bundled.py): one place for what is theirs.
    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


def load_config(path: Path | None = None) -> UserConfig:
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return UserConfig(path=path, exists=False)
    except OSError as error:
        raise ConfigError(_("{path}: cannot be read: {reason}").format(path=path, reason=error.strerror or error)) from None
    import tomllib  # only when there is a file: most starts have none

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        # tomllib's message names the line and column: "Expected '=' ... (at line 3, column 7)".
        raise ConfigError(_("{path}: not valid TOML: {reason}").format(path=path, reason=error)) from None
    unknown = sorted(set(data) - {"theme", "keys"})
    if unknown:
        raise ConfigError(
            _("{path}: unknown setting {name!r}; the settings are `theme` and `[keys]`").format(path=path, name=unknown[0])
        )
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise ConfigError(_("{path}: `theme` is a name in quotes, e.g. theme = \"textual-light\"").format(path=path))
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(v, str) and v.strip() for v in keys.values()):
        raise ConfigError(
            _("{path}: under [keys], each line is a binding id and its key in quotes, e.g. skip-phase = \"f9\"").format(path=path)
        )
    return UserConfig(path=path, exists=True, theme=theme, keys={str(k): v.replace(" ", "") for k, v in keys.items()})
