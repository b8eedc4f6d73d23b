"""Validated playbooks, cached by content, so a start never loads YAML or pydantic for a playbook
it has validated before (importing pydantic and building its models was 130-190 ms of a 650 ms
start; reading an entry takes well under a millisecond).

An entry is named by the SHA-256 of the playbook file's bytes (or of the copy a session's log holds,
for `resume`, `replay` and the rest) together with this program's version and the source of the
rules that validated it (model.py, validation.py): one byte changed in the file, or an upgrade, and
the file is validated again, with the same located errors as ever. An entry
holds only the playbook's plain data (what a session's header copies), as JSON: it is read with
`json.loads`, never executed. It lives in the platformdirs user cache folder
(`~/.cache/interview-tui/playbooks` on Linux), a folder 0700 with files 0600; deleting it is always
safe. An entry that is damaged, edited, not ours, or not private is ignored and written again.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

try:  # CPython's own SHA-256: `import hashlib` loads OpenSSL first (4.7M instructions of the start, callgrind)
    from _sha2 import sha256  # Python 3.12 and later
except ImportError:
    try:
        from _sha256 import sha256  # Python 3.11
    except ImportError:  # a build without them
        from hashlib import sha256

from interview_tui import __version__
from interview_tui.playbook.model import MalformedPlaybookData, Playbook
from interview_tui.playbook.source import read_playbook_bytes

FORMAT = 1
MAGIC = "interview-tui playbook cache"
# Far above any entry (the bundled playbooks' are 5-7 KB): a bigger file is not one of ours.
MAX_ENTRY_BYTES = 4 * 1024 * 1024
# Entries kept: every edit of a playbook makes one; the oldest go when there are more.
MAX_ENTRIES = 64


def cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("interview-tui", appauthor=False) / "playbooks"


def load_playbook(path: str | Path) -> Playbook:
    """The playbook in `path`: from the cache if this exact file was validated before, else
    validated in full (PlaybookError with file, line and column) and then cached."""
    path = Path(path)
    source = str(path)
    raw = read_playbook_bytes(path, source)
    key = entry_key(raw)
    folder = cache_dir()
    playbook = read_entry(folder, key)
    if playbook is None:
        from interview_tui.playbook.loader import load_playbook_bytes

        playbook = load_playbook_bytes(raw, source).playbook
        write_entry(folder, key, playbook)
    return playbook


def load_stored_playbook(data: dict) -> Playbook:
    """The playbook a session copied into its log (see model.stored_playbook): from the cache if
    these exact data were validated before, else validated (ValueError if they are not valid)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    key = sha256(_rules_digest() + b"stored\0" + text.encode("utf-8", "surrogatepass")).hexdigest()
    folder = cache_dir()
    playbook = read_entry(folder, key)
    if playbook is None:
        from interview_tui.playbook.validation import validate_stored

        playbook = validate_stored(data)
        write_entry(folder, key, playbook)
    return playbook


_RULES_DIGEST: bytes | None = None


def _rules_digest() -> bytes:
    """The source of what decides whether a playbook is valid and how it is stored: a change to
    it (a newer version, or an edited checkout) makes every entry stale."""
    global _RULES_DIGEST
    if _RULES_DIGEST is None:
        digest = sha256(f"{MAGIC} {FORMAT} {__version__}".encode())
        here = Path(__file__).resolve().parent
        for name in ("model.py", "validation.py"):
            try:
                digest.update((here / name).read_bytes())
            except OSError:
                digest.update(b"-")  # installed without sources: the version still tells them apart
        _RULES_DIGEST = digest.digest()
    return _RULES_DIGEST


def entry_key(raw: bytes) -> str:
    return sha256(_rules_digest() + raw).hexdigest()


def read_entry(folder: Path, key: str) -> Playbook | None:
    """The cached playbook for `key`, or None if there is none we can trust."""
    try:
        fd = os.open(folder / f"{key}.json", os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        if os.name == "posix" and (info.st_mode & 0o077 or info.st_uid != os.getuid()):
            return None  # not ours, or open to others: not written by write_entry
        with os.fdopen(fd, "rb", closefd=False) as handle:
            header_line, _, body = handle.read(MAX_ENTRY_BYTES + 1).partition(b"\n")
        header = json.loads(header_line)
        if (type(header) is not dict or header.get("magic") != MAGIC or header.get("format") != FORMAT
                or header.get("key") != key or header.get("sha256") != sha256(body).hexdigest()):
            return None
        return Playbook.from_data(json.loads(body))
    except (OSError, ValueError, MalformedPlaybookData, RecursionError):
        return None  # damaged or edited: validated again from the file
    finally:
        os.close(fd)


def write_entry(folder: Path, key: str, playbook: Playbook) -> None:
    """Cache a validated playbook. A cache that cannot be written is no error: the next start
    validates the file again."""
    body = json.dumps(playbook.to_data(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = json.dumps({"magic": MAGIC, "format": FORMAT, "key": key, "sha256": sha256(body).hexdigest()})
    staged = folder / f".{key}.{os.getpid()}.tmp"
    try:
        _private_folder(folder)
        fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(header.encode("ascii") + b"\n" + body)
        os.replace(staged, folder / f"{key}.json")  # whole or not at all, for a start running alongside
        _forget_oldest(folder)
    except OSError:
        try:
            staged.unlink()
        except OSError:
            pass


def _private_folder(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for each in (folder.parent, folder):  # ~/.cache/interview-tui and its playbooks/
        if each.stat().st_mode & 0o077:
            os.chmod(each, 0o700)


def _forget_oldest(folder: Path) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda entry: entry.stat().st_mtime)
    for entry in entries[:-MAX_ENTRIES]:
        entry.unlink(missing_ok=True)

