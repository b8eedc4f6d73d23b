"""Following a session folder as other processes write it: each file read on from its last complete line.

A team session is one folder with one file per writer (session/log.py). A live process reads the
other writers' files incrementally: new bytes are split into lines, a last line without its `\\n`
waits for the rest (a writer half-way through its one `write()`, or a sync tool that delivered half
a file), and each complete line goes through the same rule as the whole-file reader
(`parse_log_line`). An event seen before, by (writer, seq), is dropped: a sync tool's conflict copy,
a file copied under another name, or a re-read after a file was replaced never doubles a note. A file
whose header names another session is reported once and never merged.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interview_tui.i18n import _
from interview_tui.records import Record
from interview_tui.session.log import ReadProblem, header_problem, log_files, parse_log_line

# One read takes at most this much of a file: a long session's file is read in a few steps, so the
# screen is never held up for one big read.
READ_CHUNK_BYTES = 1 << 20


@dataclass(init=False, repr=False, eq=False)
class FileTail(Record):
    """How far one file has been read."""

    path: Path
    offset: int = 0
    line: int = 0  # complete lines read so far
    pending: bytes = b""  # the start of a line whose end has not arrived yet
    header: dict[str, Any] | None = None
    ignored: bool = False  # another session's file, or an unreadable one: said once, then left alone
    mtime: float = 0.0  # when the file last changed: presence (session/team.py)

    @property
    def t0(self) -> float:
        value = (self.header or {}).get("t0", 0.0)
        return float(value) if isinstance(value, (int, float)) else 0.0


@dataclass(init=False, repr=False, eq=False)
class SessionTail(Record):
    """Every file of one session folder but this process's own, followed line by line."""

    folder: Path
    session_id: str
    own_path: Path | None = None
    files: dict[str, FileTail] = field(default_factory=dict)
    seen: set[tuple[str, str]] = field(default_factory=set)

    def mark_seen(self, events: list[dict[str, Any]]) -> None:
        """Events already folded (the first read of the session): dropped when read again."""
        self.seen.update(event_identity(event) for event in events)

    def poll(self) -> tuple[list[dict[str, Any]], list[ReadProblem]]:
        """The events written since the last poll, and the lines that could not be used."""
        events: list[dict[str, Any]] = []
        problems: list[ReadProblem] = []
        try:
            paths = log_files(self.folder)
        except OSError:
            return events, problems  # the folder is away (an unmounted share): try again next time
        for path in paths:
            if self.own_path is not None and path == self.own_path:
                continue
            tail = self.files.get(path.name)
            if tail is None:
                tail = self.files[path.name] = FileTail(path)
            if tail.ignored:
                continue
            self._read(tail, events, problems)
        return events, problems

    def _read(self, tail: FileTail, events: list[dict[str, Any]], problems: list[ReadProblem]) -> None:
        try:
            with open(tail.path, "rb") as handle:
                stat = os.fstat(handle.fileno())
                tail.mtime = stat.st_mtime
                if stat.st_size < tail.offset:
                    # The file was replaced by a shorter one (a sync tool rewrote it): read it again
                    # from the start; what was seen before is dropped by its (writer, seq).
                    tail.offset, tail.line, tail.pending, tail.header = 0, 0, b"", None
                if stat.st_size == tail.offset:
                    return
                handle.seek(tail.offset)
                data = handle.read(READ_CHUNK_BYTES)
        except OSError:
            return  # deleted or unreadable for a moment: the next poll tries again
        tail.offset += len(data)
        lines = (tail.pending + data).split(b"\n")
        tail.pending = lines.pop()  # no `\n` yet: wait for the rest of the line
        for raw in lines:
            tail.line += 1
            parsed = parse_log_line(raw)
            if parsed.problem is not None:
                problems.append(ReadProblem(tail.path, tail.line, parsed.problem))
            elif parsed.header is not None:
                if tail.header is not None:
                    problems.append(ReadProblem(tail.path, tail.line, _("a second header line in one file; skipped")))
                    continue
                refusal = header_problem(parsed.header, tail.path)
                if refusal is not None:
                    tail.ignored = True
                    problems.append(ReadProblem(tail.path, tail.line, _("{problem}; not merged").format(problem=refusal)))
                    return
                tail.header = parsed.header
                if parsed.header.get("session") != self.session_id:
                    tail.ignored = True
                    problems.append(
                        ReadProblem(tail.path, tail.line, _("belongs to session {other!r}, not {session!r}; not merged").format(
                            other=parsed.header.get("session"), session=self.session_id))
                    )
                    return
            elif parsed.event is not None:
                # A file whose header line was torn still gives its events, as the whole-file reader does.
                event = parsed.event
                identity = event_identity(event)
                if identity in self.seen:
                    continue
                self.seen.add(identity)
                event["_line"] = tail.line
                event["_file"] = tail.path.name
                event["_t0"] = tail.t0
                events.append(event)

    def mtimes(self) -> dict[str, float]:
        """The last change of each writer's file, by writer id (presence)."""
        result: dict[str, float] = {}
        for tail in self.files.values():
            writer = (tail.header or {}).get("writer")
            if isinstance(writer, str):
                result[writer] = max(result.get(writer, 0.0), tail.mtime)
        return result


def event_identity(event: dict[str, Any]) -> tuple[str, str]:
    """An event's identity, (writer, seq): the same event twice counts once."""
    return (str(event.get("writer")), str(event.get("seq")))
