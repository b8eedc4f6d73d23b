"""Reading a playbook file's bytes, with the errors a person can act on. Cheap to import: the start
reads the file here, and looks in the cache (cache.py) before YAML or pydantic are loaded."""

from __future__ import annotations

from pathlib import Path

from interview_tui.i18n import _
from interview_tui.playbook.errors import PlaybookError

# A playbook is a page or two of YAML (the bundled ones are 5 to 7 KB); 1 MiB is far beyond any real
# one, and keeps a mistaken path (a video, a log file) fast and clear.
MAX_PLAYBOOK_BYTES = 1024 * 1024


def read_playbook_bytes(path: Path, source: str) -> bytes:
    try:
        # Checked before reading: a several-MB file is refused without reading it.
        size = path.stat().st_size
        if size > MAX_PLAYBOOK_BYTES:
            raise too_large(source, size)
        return path.read_bytes()
    except IsADirectoryError:
        raise PlaybookError(source, _("is a folder, not a playbook file"), hint=_("give the path of a .yaml playbook")) from None
    except OSError as error:
        raise PlaybookError(source, _("cannot be read: {reason}").format(reason=error.strerror), hint=_("check the path and its permissions")) from None


def too_large(source: str, size: int) -> PlaybookError:
    return PlaybookError(source, _("is {size} bytes; a playbook is at most {limit}").format(size=f"{size:,}", limit=f"{MAX_PLAYBOOK_BYTES:,}"),
                         hint=_("check that this is the playbook you meant"))
