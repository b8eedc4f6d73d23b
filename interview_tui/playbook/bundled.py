"""Where playbooks are found: the bundled ones (inside the wheel) and the user's own."""

from __future__ import annotations

import difflib
from pathlib import Path

from interview_tui.i18n import _
from interview_tui.playbook.errors import PlaybookError

DEFAULT_PLAYBOOK = "customer-interview"
PLAYBOOK_SUFFIXES = (".yaml", ".yml")


def bundled_dir() -> Path:
    """The folder of bundled playbooks.

    In a wheel they are package data (`interview_tui/bundled_playbooks`, see pyproject.toml);
    in a source checkout they are the repository's top-level `playbooks/`.
    """
    package_dir = Path(__file__).resolve().parent.parent
    installed = package_dir / "bundled_playbooks"
    if installed.is_dir():
        return installed
    return package_dir.parent / "playbooks"


def user_dir() -> Path:
    """The user's own playbooks: the platformdirs config folder, `playbooks/` inside it."""
    from platformdirs import user_config_path

    return user_config_path("interview-tui", appauthor=False) / "playbooks"


def _playbooks_in(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in PLAYBOOK_SUFFIXES and p.is_file())


def bundled_playbooks() -> list[Path]:
    return _playbooks_in(bundled_dir())


def user_playbooks() -> list[Path]:
    return _playbooks_in(user_dir())


def resolve_playbook(reference: str | None) -> Path:
    """A playbook given as a path, or as the name of a user or bundled playbook.

    A path wins over a name; a user's playbook wins over a bundled one of the same name.
    """
    reference = reference or DEFAULT_PLAYBOOK
    as_path = Path(reference).expanduser()
    if as_path.is_file():
        return as_path
    if as_path.exists():
        raise PlaybookError(reference, _("is not a file"), hint=_("give the path of a .yaml playbook"))
    looks_like_name = "/" not in reference and "\\" not in reference and as_path.suffix not in PLAYBOOK_SUFFIXES
    if looks_like_name:
        for candidate in (*user_playbooks(), *bundled_playbooks()):
            if candidate.stem == reference:
                return candidate
    names = list(dict.fromkeys(p.stem for p in (*user_playbooks(), *bundled_playbooks())))
    close = difflib.get_close_matches(Path(reference).stem, names, n=1, cutoff=0.75)
    if close:
        hint = _("did you mean `{name}`?").format(name=close[0])
    else:
        hint = _("give a path to a .yaml file, or one of: {names} (see `interview playbooks`)").format(
            names=", ".join(names) or _("none found"))
    raise PlaybookError(reference, _("no such playbook file or name"), hint=hint)
