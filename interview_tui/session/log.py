"""The session log on disk: append-only JSON Lines, one file per writing process.

A session is a folder; each process that writes to it has its own `<writer>.jsonl`, so several
terminals can write one session without locks and file-sync tools never see two writers on one
file. The reader merges the files by time. Nothing is ever rewritten: edits are new events.
"""

from __future__ import annotations

import errno
import heapq
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interview_tui.i18n import _
from interview_tui.session.events import FORMAT_NAME, FORMAT_VERSION

FILE_MODE = 0o600
FOLDER_MODE = 0o700
LOG_SUFFIX = ".jsonl"


class SessionFormatError(Exception):
    """A session that cannot be read at all (not a session, or written by a newer version)."""


def make_private_dir(path: Path) -> None:
    """Create `path` as 0700, and any missing parents too (mkdir's parents=True would make them
    with the umask's mode): interviews are confidential, often under NDA."""
    missing = []
    current = path
    while not current.exists():
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        folder.mkdir(mode=FOLDER_MODE, exist_ok=True)
        os.chmod(folder, FOLDER_MODE)  # whatever the umask says
    if not path.is_dir():
        raise NotADirectoryError(20, "not a folder", str(path))
    if path.stat().st_mode & 0o777 != FOLDER_MODE:
        os.chmod(path, FOLDER_MODE)


def _fsync_dir(path: Path) -> None:
    # A new file is durable only once its directory entry is: fsync the folder as well.
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def encode_line(record: dict[str, Any]) -> bytes:
    # ensure_ascii=False keeps Korean and Chinese notes readable in the file; JSON escapes every
    # control character, so a note can never break a line.
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


class LogWriter:
    """Appends events to this process's own file; each append is one write, then fsync.

    `append` returns only once the line is on disk, so a note the UI shows as saved survives
    kill -9 and power loss. If a write fails half-way (a full disk), the next append first ends the
    torn line, so one bad line never swallows the next event.
    """

    def __init__(self, folder: Path, writer_id: str) -> None:
        self.folder = folder
        self.writer_id = writer_id
        self.path = folder / f"{writer_id}{LOG_SUFFIX}"
        self._fd: int | None = None
        self._torn = False

    def open(self, header: dict[str, Any]) -> None:
        make_private_dir(self.folder)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | getattr(os, "O_CLOEXEC", 0)
        self._fd = os.open(self.path, flags, FILE_MODE)
        os.fchmod(self._fd, FILE_MODE)  # whatever the umask says
        self._write(encode_line(header))
        _fsync_dir(self.folder)

    def append(self, event: dict[str, Any]) -> None:
        line = encode_line(event)
        if self._torn:
            line = b"\n" + line
        self._write(line)

    def _write(self, data: bytes) -> None:
        if self._fd is None:
            raise OSError(errno.EBADF, "session log is not open")
        written = 0
        try:
            while written < len(data):
                written += os.write(self._fd, data[written:])
            os.fsync(self._fd)
        except OSError:
            # Part of the line may be on disk even when nothing was counted as written: the next
            # append starts on a fresh line (an empty line costs the reader nothing).
            self._torn = True
            raise
        self._torn = False

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


@dataclass(frozen=True)
class ReadProblem:
    """A line the reader could not use, and why. Never silent."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class LogFile:
    path: Path
    header: dict[str, Any]
    events: list[dict[str, Any]]


@dataclass
class SessionLog:
    folder: Path
    files: list[LogFile]
    events: list[dict[str, Any]]
    problems: list[ReadProblem] = field(default_factory=list)

    @property
    def session_id(self) -> str:
        return self.files[0].header.get("session", self.folder.name)


REQUIRED_EVENT_KEYS = ("seq", "type", "t", "at", "writer")


def read_log_file(path: Path) -> tuple[LogFile | None, list[ReadProblem]]:
    """Every complete, valid line of one file; the rest reported with its line number."""
    problems: list[ReadProblem] = []
    data = path.read_bytes()
    lines = data.split(b"\n")
    tail = lines.pop()  # after the last newline: empty, or a line torn by a crash
    if tail.strip(b"\x00 \t\r"):
        problems.append(ReadProblem(path, len(lines) + 1, "incomplete last line (the writer was stopped mid-write); skipped"))
    elif tail:
        problems.append(ReadProblem(path, len(lines) + 1, "NUL bytes after the last line (torn write); skipped"))
    header: dict[str, Any] | None = None
    events: list[dict[str, Any]] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip(b"\x00 \t\r"):
            if raw:
                problems.append(ReadProblem(path, number, "NUL bytes (torn write); skipped"))
            continue
        try:
            record = json.loads(raw.strip(b"\x00").decode("utf-8"))
        except UnicodeDecodeError:
            problems.append(ReadProblem(path, number, "not valid UTF-8; skipped"))
            continue
        except ValueError:
            problems.append(ReadProblem(path, number, "not a JSON line (torn or edited by hand); skipped"))
            continue
        if not isinstance(record, dict):
            problems.append(ReadProblem(path, number, "not a JSON object; skipped"))
            continue
        if header is None:
            if record.get("format") != FORMAT_NAME:
                raise SessionFormatError(_("{file}:{line}: not an interview-tui session log (no header line)").format(file=path, line=number))
            version = record.get("version")
            if not isinstance(version, int) or version > FORMAT_VERSION:
                raise SessionFormatError(
                    _("{file}: written in session format version {version}, newer than this interview-tui reads "
                      "(version {supported}); upgrade interview-tui to read it").format(file=path, version=version, supported=FORMAT_VERSION)
                )
            header = record
            continue
        missing = [key for key in REQUIRED_EVENT_KEYS if key not in record]
        if missing or not isinstance(record.get("t"), (int, float)):
            problems.append(ReadProblem(path, number, _("event without {keys}; skipped").format(keys=", ".join(missing) or _("a numeric t"))))
            continue
        record["_line"] = number  # where the event came from, for problems found later (the fold)
        record["_file"] = path.name
        events.append(record)
    if header is None:
        if not problems:
            problems.append(ReadProblem(path, 1, "empty log file; skipped"))
        return None, problems
    return LogFile(path, header, events), problems


def log_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob(f"*{LOG_SUFFIX}") if p.is_file())


def read_session_log(folder: Path) -> SessionLog:
    """All files of one session, merged by time (a stable merge: ties keep file order)."""
    paths = log_files(folder)
    if not paths:
        raise SessionFormatError(_("{folder}: no session log files (*{suffix}) here").format(folder=folder, suffix=LOG_SUFFIX))
    files: list[LogFile] = []
    problems: list[ReadProblem] = []
    for path in paths:
        log_file, file_problems = read_log_file(path)
        problems.extend(file_problems)
        if log_file is not None:
            files.append(log_file)
    if not files:
        raise SessionFormatError(_("{folder}: no readable session log: {problems}").format(folder=folder, problems="; ".join(map(str, problems))))
    # The file that created the session comes first, so its events win ties at the same t.
    files.sort(key=lambda f: (f.header.get("t0", 0.0), f.path.name))
    events = list(heapq.merge(*(f.events for f in files), key=lambda e: e["t"]))
    return SessionLog(folder=folder, files=files, events=events, problems=problems)
