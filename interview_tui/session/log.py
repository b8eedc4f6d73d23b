"""The session log on disk: append-only JSON Lines, one file per writing process.

A session is a folder; each process that writes to it has its own `<writer>.jsonl`, so several
terminals can write one session without locks and file-sync tools never see two writers on one
file. The reader merges the files by time. Nothing is ever rewritten: edits are new events.
"""

from __future__ import annotations

import errno
import heapq
import itertools
import json
import json.scanner
import math
import operator
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from interview_tui.i18n import _, ngettext
from interview_tui.records import Frozen, Record
from interview_tui.session.events import FORMAT_NAME, FORMAT_VERSION
from interview_tui.session.validation import event_check, event_ok, event_problem, known_check

FILE_MODE = 0o600
FOLDER_MODE = 0o700
LOG_SUFFIX = ".jsonl"
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


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
    kill -9 and power loss. The writer knows where the file's last good line ends, and where its
    last try began: when a write or its fsync fails (a full disk, an I/O error), whatever part of the
    line landed is cut off before the retry, so a retried event is never written twice and a torn
    line never swallows the next event. If the file cannot be cut (the disk refuses even that), the
    retry writes only the rest of the line after what landed (nothing, if the whole line did).
    """

    def __init__(self, folder: Path, writer_id: str) -> None:
        self.folder = folder
        self.writer_id = writer_id
        self.path = folder / f"{writer_id}{LOG_SUFFIX}"
        self._fd: int | None = None
        self._good_end = 0  # the file's size after the last line known to be on disk
        self._unsure = False  # a try failed: bytes after _good_end may be on disk
        # The last try: the line, the bytes it wrote (the line, or what was left of it) and where
        # the file ended before them. A write appends a prefix of what it was given.
        self._try: tuple[bytes, bytes, int] = (b"", b"", 0)

    def open(self, header: dict[str, Any]) -> None:
        """Create the file with its header line already in it: another process reading the folder
        (a team member joining, `interview list`) never finds an empty log. The header goes to a
        hidden staging file first, which is then hard-linked under the log's name (like O_EXCL, this
        never replaces a file that is there). Where a filesystem has no hard links, the file is
        created in place and its header written straight after."""
        make_private_dir(self.folder)
        line = encode_line(header)
        if not self._create_whole(line):
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | _CLOEXEC
            self._fd = os.open(self.path, flags, FILE_MODE)
            os.fchmod(self._fd, FILE_MODE)  # whatever the umask says
            self._write(line)
        _fsync_dir(self.folder)

    def _create_whole(self, line: bytes) -> bool:
        """The log file, created holding `line`, and open for appending; False where hard links
        are not supported."""
        staging = self.folder / f".{self.writer_id}{LOG_SUFFIX}.new"  # not *.jsonl: no reader sees it
        fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _CLOEXEC, FILE_MODE)
        try:
            try:
                os.fchmod(fd, FILE_MODE)  # whatever the umask says
                written = 0
                while written < len(line):
                    written += os.write(fd, line[written:])
                os.fsync(fd)
            finally:
                os.close(fd)
            try:
                os.link(staging, self.path)  # FileExistsError if the name is taken, as O_EXCL
            except OSError as error:
                if error.errno in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                    return False
                raise
        finally:
            staging.unlink(missing_ok=True)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | _CLOEXEC)
        self._good_end = len(line)
        return True

    def append(self, event: dict[str, Any]) -> None:
        self._write(encode_line(event))

    def _write(self, line: bytes) -> None:
        if self._fd is None:
            raise OSError(errno.EBADF, "session log is not open")
        try:
            data = self._still_to_write(line) if self._unsure else line
            self._try = (line, data, os.fstat(self._fd).st_size)
            written = 0
            while written < len(data):
                written += os.write(self._fd, data[written:])
            os.fsync(self._fd)  # also when nothing was left to write: the line is not synced yet
        except OSError:
            self._unsure = True
            self._cut_to_good_end()
            raise
        self._unsure = False
        self._good_end = os.fstat(self._fd).st_size

    def _cut_to_good_end(self) -> bool:
        """Drop whatever a failed try left after the last good line; False if the disk refused."""
        try:
            os.ftruncate(self._fd, self._good_end)
        except OSError:
            return False
        return True

    def _still_to_write(self, line: bytes) -> bytes:
        """After a failed try: the bytes that make `line` whole at the end of the file."""
        size = os.fstat(self._fd).st_size
        if size == self._good_end or self._cut_to_good_end():
            return line
        tried_line, tried, started = self._try
        landed = size - started
        if tried_line == line and 0 <= landed <= len(tried):
            return tried[landed:]  # what the last try did not get to disk
        return b"\n" + line  # cannot tell what is there: end it on its own line (readers drop a repeat)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


@dataclass(init=False, repr=False, eq=False)
class ReadProblem(Frozen):
    """A line the reader could not use, and why. Never silent."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(init=False, repr=False, eq=False)
class LogFile(Record):
    path: Path
    header: dict[str, Any]
    events: list[dict[str, Any]]


@dataclass(init=False, repr=False, eq=False)
class SessionLog(Record):
    folder: Path
    files: list[LogFile]
    events: list[dict[str, Any]]
    problems: list[ReadProblem] = field(default_factory=list)

    @property
    def session_id(self) -> str:
        return self.files[0].header.get("session", self.folder.name)


# A UTF-8 byte order mark some editors put at the start of a file: not part of the JSON.
_BOM = b"\xef\xbb\xbf"
_BLANK = b"\x00 \t\r"
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


@dataclass(init=False, repr=False, eq=False)
class ParsedLine(Frozen):
    """One line of a log file, read: a header, an event whose every field was checked, a problem
    (`problem` says why it was skipped), or a blank line (all three None)."""

    header: dict[str, Any] | None = None
    event: dict[str, Any] | None = None
    problem: str | None = None


def parse_log_line(raw: bytes) -> ParsedLine:
    """Read one line of a log file (without its newline). The one place a line becomes an event:
    the batch reader and the live tail reader both use it, so they accept the same events."""
    if not raw.strip(_BLANK):
        return ParsedLine(problem=_("NUL bytes (torn write); skipped")) if raw.strip(b" \t\r") else ParsedLine()
    try:
        record = json.loads(raw.strip(_BLANK).removeprefix(_BOM).decode("utf-8"))
    except UnicodeDecodeError:
        return ParsedLine(problem=_("not valid UTF-8; skipped"))
    except RecursionError:
        return ParsedLine(problem=_("nested too deeply to be an event; skipped"))
    except ValueError:
        return ParsedLine(problem=_("not a JSON line (torn or edited by hand); skipped"))
    if not isinstance(record, dict):
        return ParsedLine(problem=_("not a JSON object; skipped"))
    if _SURROGATE_ESCAPE.search(raw) and not _encodable(record):
        # JSON can spell half of a UTF-16 pair (\ud800) that no text holds: every output would fail.
        return ParsedLine(problem=_("holds a lone UTF-16 surrogate (\\ud800-\\udfff), which is not text; skipped"))
    return _checked(record)


def _checked(record: dict[str, Any]) -> ParsedLine:
    """A JSON object read from a line: a header, an event whose every field holds what it must, or a problem."""
    if "format" in record and "seq" not in record:
        return ParsedLine(header=record)
    if event_ok(record):
        return ParsedLine(event=record)
    problem = event_problem(record)
    if problem is not None:
        return ParsedLine(problem=_("{problem}; skipped").format(problem=problem))
    return ParsedLine(event=record)


def _encodable(record: dict[str, Any]) -> bool:
    try:
        json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def header_problem(header: dict[str, Any], path: Path) -> str | None:
    """Why a header line's file cannot be read by this version, or None."""
    if header.get("format") != FORMAT_NAME:
        return _("{path}: not an interview-tui session log (its header names format {format!r})").format(
            path=path, format=str(header.get("format"))[:80]
        )
    version = header.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version > FORMAT_VERSION:
        return _(
            "{file}: written in session format version {version}, newer than this interview-tui reads "
            "(version {supported}); upgrade interview-tui to read it"
        ).format(file=path, version=str(version)[:80], supported=FORMAT_VERSION)
    return None


# No event is this long: a note holds at most 64 Ki characters (under 1.5 MB as escaped JSON), and a
# 50 MB note an older version could write fits too. A longer line is skipped without being held, so
# a reader's memory stays bounded whatever a file holds.
MAX_LINE_BYTES = 128 * 2**20


def _lines(stream: BinaryIO) -> Iterator[bytes | None]:
    """The file's lines with their newline (the last may have none); None for a line longer than
    MAX_LINE_BYTES, whose bytes are read past in pieces, never held whole."""
    while raw := stream.readline(MAX_LINE_BYTES + 1):
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := stream.readline(2**20)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield raw


# The whole-file reader: blocks of 256 KiB, each decoded once and parsed with the JSON scanner
# itself, which is what json.loads calls, a run of lines in one call (1,000 files of 100 notes:
# 22 -> 8 -> 5.5 us a line, merge included). A line it cannot take as it stands (anything but one
# JSON object, with JSON whitespace around it at most: a byte order mark, NUL bytes, bad UTF-8 or
# JSON, an escaped surrogate, a line over a block long) is handed, as bytes, to parse_log_line: every
# problem is found and worded by the one line reader, with its line number.
# An export that folds as it reads holds a block's bytes and text at once, then a run's events:
# blocks of 256 KiB rather than 1 MiB, decoded without a copy and let go before the next read, took
# its peak at 3,000 notes from 5.4 to 2.8 MB, at no cost in time.
_BLOCK_BYTES = 2**18
# Lines are parsed in runs of about this many characters (~50 events): enough that the scanner's
# call and each key's spelling cost next to nothing a line.
_RUN_CHARACTERS = 2**14
_scan_object = json.scanner.make_scanner(json.JSONDecoder())
_SURROGATE_ESCAPE_TEXT = re.compile(r"\\u[dD][89a-fA-F]")


def _run_objects(text: str, start: int, stop: int) -> list[dict[str, Any]] | None:
    """Each line of `text[start:stop]` (whole lines, each ending in a newline) as the one JSON object
    it holds, from one call of the scanner over them all as a JSON array; None unless every line
    holds exactly one object, with nothing but JSON whitespace around it (the lines are then read
    one by one).

    A newline is never inside a JSON value (a string spells it \\n), so the run's newlines are the
    ones between lines; a line with nothing on it, or two values, or a `]` that closes the array
    early, makes the count or the end differ, or the JSON break. One call reads ~50 lines and
    spells each key once, not once a line (1,000 files of 100 notes: 3.2 -> 2.7 us a line)."""
    array = "[" + text[start : stop - 1].replace("\n", ",") + "]"
    try:
        records, end = _scan_object(array, 0)
    except (StopIteration, ValueError, RecursionError):
        return None
    if end != len(array) or len(records) != text.count("\n", start, stop) or not all(map(_is_object, records)):
        return None
    return records


_is_object = dict.__instancecheck__


def _scanned_lines(stream: BinaryIO) -> Iterator[tuple[int, dict[str, Any] | bytes | None]]:
    """(line number, what the line holds): a dict the scanner parsed from a well-formed line, or the
    line's bytes with its newline (the last may have none) for parse_log_line, or None for a line
    longer than MAX_LINE_BYTES (as `_lines`); or (the first line's number, a list of dicts) for a
    run of lines that each held one JSON object."""
    number = 0
    pending = b""  # the start of a line the last block cut
    offset = 0  # where in the file the bytes after `pending` begin
    while block := stream.read(_BLOCK_BYTES):
        if pending:
            block = pending + block
        start = offset - len(pending)
        offset += len(block) - len(pending)
        cut = block.rfind(b"\n") + 1
        if cut == 0:
            if len(block) > _BLOCK_BYTES:
                # One line longer than a block: the line reader takes it, never holding more than its limit.
                stream.seek(start)
                number += 1
                yield number, next(_lines(stream))
                offset = stream.tell()
                pending = b""
            else:
                pending = block
            continue
        pending = block[cut:]
        try:
            text = str(memoryview(block)[:cut], "utf-8")  # no copy of the block's bytes to decode
        except UnicodeDecodeError:
            text = ""
        if not text or _SURROGATE_ESCAPE_TEXT.search(text):
            for raw in block[:cut].split(b"\n")[:-1]:
                number += 1
                yield number, raw + b"\n"
            continue
        del block  # the text is all that is read from here: an export that folds as it reads holds one of them
        find = text.find
        position = 0
        while position < len(text):
            stop = find("\n", position + _RUN_CHARACTERS) + 1 or len(text)
            records = _run_objects(text, position, stop)
            if records is not None:
                yield number + 1, records
                number += len(records)
                position = stop
                continue
            while (newline := find("\n", position, stop)) >= 0:
                number += 1
                if text.startswith("{", position):
                    try:
                        record, end = _scan_object(text, position)
                    except (StopIteration, ValueError, RecursionError):
                        end = -1
                    if end == newline:
                        yield number, record
                        position = newline + 1
                        continue
                yield number, text[position : newline + 1].encode("utf-8")
                position = newline + 1
        del text, find, records  # not held while the next block is read
    if pending:
        yield number + 1, pending


class _FileReading:
    """One log file, read a block at a time: its events as they are read (`events`), then its header
    and its problems (`finish`). Every complete, valid line is kept; the rest reported with its line
    number. Memory is bounded by a block and the longest line, not the file. A torn or unreadable
    header line costs only that line: the events after it are kept (they name their writer)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.header: dict[str, Any] | None = None
        self.problems: list[ReadProblem] = []
        self.first_writer: str | None = None  # the writer of the first event read
        self.foreign = False  # another program's JSON Lines file: nothing of it is read
        self.lines_read = 0

    def events(self, until_started: bool = False) -> Iterator[dict[str, Any]]:
        """The file's events in file order; with `until_started`, stop at its header or first event."""
        path, problems, name = self.path, self.problems, self.path.name
        number = 0
        torn = False
        with path.open("rb") as stream:
            for first, item in _scanned_lines(stream):
                # A run of lines each holding a JSON object is taken in one step (no call a line).
                number = first - 1
                for raw in item if type(item) is list else (item,):
                    number += 1
                    if type(raw) is dict:
                        kind = raw.get("type")
                        if type(kind) is str and "seq" in raw and (known_check(kind) or event_check(kind))(raw):  # event_ok(raw)
                            raw["_line"] = number  # where the event came from, for problems found later (the fold)
                            raw["_file"] = name
                            if self.first_writer is None:
                                self.first_writer = raw["writer"]
                            yield raw
                            continue
                        parsed = _checked(raw)
                    elif raw is None:
                        problems.append(ReadProblem(path, number, _("a line longer than any event can be ({limit} MiB); skipped").format(
                            limit=MAX_LINE_BYTES // 2**20)))
                        continue
                    elif not raw.endswith(b"\n"):
                        # After the last newline: a line torn by a crash, or NUL bytes a torn write left.
                        if raw.strip(_BLANK):
                            problems.append(ReadProblem(path, number, _("incomplete last line (the writer was stopped mid-write); skipped")))
                        elif raw.strip(b" \t\r"):
                            problems.append(ReadProblem(path, number, _("NUL bytes after the last line (torn write); skipped")))
                        torn = True
                        break
                    else:
                        parsed = parse_log_line(raw[:-1])
                    if parsed.problem is not None:
                        problems.append(ReadProblem(path, number, parsed.problem))
                    elif parsed.header is not None:
                        if self.header is not None or self.first_writer is not None:
                            problems.append(ReadProblem(path, number, _("a second header line in one file; skipped")))
                            continue
                        if parsed.header.get("format") != FORMAT_NAME:  # another program's JSON Lines file
                            problems.append(ReadProblem(path, number, _("not an interview-tui session log (its header names another format); skipped")))
                            self.foreign = True
                            return
                        refusal = header_problem(parsed.header, path)
                        if refusal is not None:
                            raise SessionFormatError(refusal)
                        self.header = parsed.header
                        if until_started:
                            return
                    elif parsed.event is not None:
                        event = parsed.event
                        event["_line"] = number
                        event["_file"] = name
                        if self.first_writer is None:
                            self.first_writer = event["writer"]
                        yield event
                if torn:
                    break
        self.lines_read = number

    def finish(self) -> dict[str, Any] | None:
        """Once `events` is read to its end: the file's header (made up from its first event's writer
        when no header line could be read), or None for a file with nothing to merge."""
        if self.foreign:
            return None
        if self.header is None and self.first_writer is None:
            if self.lines_read == 0:
                self.problems.append(ReadProblem(self.path, 1, _("empty log file; skipped")))
            return None
        if self.header is None:
            self.problems.append(ReadProblem(self.path, 1, _("no readable header line (torn?); its events are kept")))
            self.header = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "writer": self.first_writer}
        return self.header


def read_log_file(path: Path) -> tuple[LogFile | None, list[ReadProblem]]:
    """Every complete, valid line of one file; the rest reported with its line number."""
    reading = _FileReading(path)
    events = list(reading.events())
    header = reading.finish()
    return (LogFile(path, header, events) if header is not None else None), reading.problems


def log_files(folder: Path) -> list[Path]:
    """The folder's log files, as `folder.glob("*.jsonl")` finds them (tested), from one scandir:
    glob and a stat of each cost 0.14 ms a folder, a report reads 1,000."""
    try:
        with os.scandir(folder) as entries:
            return sorted(folder / entry.name for entry in entries if entry.name.endswith(LOG_SUFFIX) and entry.is_file())
    except OSError:
        return []  # missing or unreadable: glob finds nothing there either


def _session_of(files: list[LogFile], folder: Path) -> str | None:
    """The session these files belong to: the folder's name when a header names it (the id the
    session was created with), else the id the headers name most often."""
    named = [f.header["session"] for f in files if isinstance(f.header.get("session"), str)]
    if folder.name in named:
        return folder.name
    return max(named, key=named.count) if named else None


def read_session_log(folder: Path) -> SessionLog:
    """All files of one session, merged by time (a stable merge: ties keep file order).

    An event's identity is (writer, seq): a repeat of it (a retried write, a sync tool's conflict
    copy of a whole file) is dropped and reported; a file whose header names another session is
    not merged, and reported with its path.
    """
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
        raise SessionFormatError(
            _("{folder}: no readable session log: {problems}").format(
                folder=folder, problems="; ".join(map(str, problems[:5])) or _("no header line")
            )
        )
    session = _session_of(files, folder)
    merged: list[LogFile] = []
    for log_file in files:
        named = log_file.header.get("session")
        if isinstance(named, str) and named != session:
            problems.append(
                ReadProblem(log_file.path, 1, _("header names session {other}, not {session}: a file of another session; not merged").format(
                    other=named[:80], session=session))
            )
            continue
        merged.append(log_file)
    # The file that created the session comes first, so its events win ties at the same t; a file
    # named after its writer comes before a copy of it, so the copy is the one reported.
    merged.sort(key=lambda f: (_t0(f.header), f.path.name != f"{f.header.get('writer')}{LOG_SUFFIX}", f.path.name))
    # Most sessions repeat nothing: one set of every identity says so at C speed (1,000 sessions of
    # 100 notes: 0.6 -> 0.1 us an event); only a session with a repeat is walked event by event.
    identities = itertools.chain.from_iterable(zip(map(_writer_of, f.events), map(_seq_of, f.events)) for f in merged)
    repeated = len(set(identities)) != sum(len(f.events) for f in merged)
    seen: dict[tuple[str, int], dict[str, Any]] = {}
    for log_file in merged if repeated else ():
        kept, repeats = [], []
        for event in log_file.events:
            identity = (event["writer"], event["seq"])
            if identity in seen:
                repeats.append(event)
            else:
                seen[identity] = event
                kept.append(event)
        if repeats:
            first = seen[(repeats[0]["writer"], repeats[0]["seq"])]
            problems.append(
                ReadProblem(log_file.path, repeats[0]["_line"], ngettext(
                    "{count} event repeats one already read ({file}:{line}: a retried write or a copied file); skipped",
                    "{count} events repeat ones already read (first {file}:{line}: a retried write or a copied file); skipped",
                    len(repeats),
                ).format(count=len(repeats), file=first["_file"], line=first["_line"]))
            )
        log_file.events = kept
    # A writer's t never goes back, so sorting one file changes nothing; a hand-edited t out of order
    # must not break the merge by time (replay's seek looks times up by bisection).
    if len(merged) == 1:
        events = sorted(merged[0].events, key=_time)
    else:
        events = list(heapq.merge(*(sorted(f.events, key=_time) for f in merged), key=_time))
    return SessionLog(folder=folder, files=merged, events=events, problems=problems)


class NotStreamable(Exception):
    """A session `stream_session_log` cannot give in the order read_session_log gives: a file whose
    times go back (a hand edit), or a repeated event whose first copy comes later in time."""


def stream_session_log(folder: Path) -> tuple[SessionLog, Iterator[dict[str, Any]]]:
    """read_session_log's events, one at a time, without holding them: the same events in the same
    order, and once the iterator is used up, `log.problems` starts with the same problems in the
    same order (what was added meanwhile, the fold's, comes after them). 100,000 notes: the events
    are some 150 MB held, and an export needs only the fold of them.

    Each file's header (or first event) is read first, to know which files are merged and in which
    order; then the merged files are read together, each from its start. The iterator raises
    NotStreamable (before anything out of order is given) where only holding every event would do;
    the caller then starts again with read_session_log.
    """
    paths = log_files(folder)
    if not paths:
        raise SessionFormatError(_("{folder}: no session log files (*{suffix}) here").format(folder=folder, suffix=LOG_SUFFIX))
    readings: dict[Path, _FileReading] = {}
    files: list[LogFile] = []
    for path in paths:
        probe = readings[path] = _FileReading(path)
        for _event in probe.events(until_started=True):
            break
        if probe.foreign:
            continue
        if probe.header is None and probe.first_writer is None:
            probe.finish()  # read to its end: nothing in it
            continue
        header = probe.header or {"format": FORMAT_NAME, "version": FORMAT_VERSION, "writer": probe.first_writer}
        files.append(LogFile(path, header, []))
    if not files:
        problems = [problem for path in paths for problem in readings[path].problems]
        raise SessionFormatError(
            _("{folder}: no readable session log: {problems}").format(
                folder=folder, problems="; ".join(map(str, problems[:5])) or _("no header line")
            )
        )
    session = _session_of(files, folder)
    merged = [f for f in files if not (isinstance(f.header.get("session"), str) and f.header["session"] != session)]
    not_merged = [
        ReadProblem(f.path, 1, _("header names session {other}, not {session}: a file of another session; not merged").format(
            other=f.header["session"][:80], session=session))
        for f in files if f not in merged
    ]
    for log_file in files:
        readings[log_file.path] = _FileReading(log_file.path)  # read again from its start
        if log_file not in merged:
            for _event in readings[log_file.path].events():
                pass  # for its problems only
            readings[log_file.path].finish()
    merged.sort(key=lambda f: (_t0(f.header), f.path.name != f"{f.header.get('writer')}{LOG_SUFFIX}", f.path.name))
    log = SessionLog(folder=folder, files=merged, events=[], problems=[])

    def in_time_order(order: int, log_file: LogFile) -> Iterator[tuple[float, int, int, dict[str, Any]]]:
        latest = -math.inf
        for index, event in enumerate(readings[log_file.path].events()):
            t = event["t"]
            if t < latest:
                raise NotStreamable(log_file.path)
            latest = t
            yield t, order, index, event  # ties: the earlier file first, then file order (as heapq.merge's key=)

    def merged_events() -> Iterator[dict[str, Any]]:
        seen: dict[tuple[str, int], tuple[int, str, int]] = {}  # identity -> (file order, file, line)
        repeats: dict[int, tuple[int, dict[str, Any], tuple[int, str, int]]] = {}  # file order -> (count, first, its original)
        for _t, order, _index, event in heapq.merge(*(in_time_order(order, f) for order, f in enumerate(merged))):
            identity = (event["writer"], event["seq"])
            first = seen.get(identity)
            if first is None:
                seen[identity] = (order, event["_file"], event["_line"])
                yield event
                continue
            if first[0] > order:
                raise NotStreamable(event["_file"])  # read_session_log keeps the copy in the earlier file
            count, repeat, original = repeats.get(order, (0, event, first))
            repeats[order] = (count + 1, repeat, original)
        for log_file in merged:
            readings[log_file.path].finish()
        problems = [problem for path in paths for problem in readings[path].problems]
        problems += not_merged
        for order, (count, repeat, (_order, file, line)) in sorted(repeats.items()):
            problems.append(ReadProblem(merged[order].path, repeat["_line"], ngettext(
                "{count} event repeats one already read ({file}:{line}: a retried write or a copied file); skipped",
                "{count} events repeat ones already read (first {file}:{line}: a retried write or a copied file); skipped",
                count,
            ).format(count=count, file=file, line=line)))
        log.problems[:0] = problems

    return log, merged_events()


_time = operator.itemgetter("t")
_writer_of = operator.itemgetter("writer")
_seq_of = operator.itemgetter("seq")


def _t0(header: dict[str, Any]) -> float:
    t0 = header.get("t0", 0.0)
    return float(t0) if isinstance(t0, (int, float)) and not isinstance(t0, bool) and math.isfinite(t0) else 0.0
