"""Team sessions: every writer's events merged by session time into one fold, and who is here.

Several processes write one session folder, each its own file (session/log.py); each reads the
others' new lines as they land (session/tail.py) and folds all of them in one order, the order the
whole-file reader merges them in: by `t`, ties by the writer's start (`t0`), its id, then `seq`.
An event that arrives late (a slow sync) takes its place: the fold goes back to the last checkpoint
before it and applies the events from there, so what is shown is always the fold of the merged log.
"""

from __future__ import annotations

import os
import socket
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_tui.records import Frozen
from interview_tui.session.events import EventType, Role
from interview_tui.session.log import log_files
from interview_tui.session.state import MALFORMED_EVENT_ERRORS, SessionState, Writer

# A late event refolds from the checkpoint before it: at most this many events are applied again,
# however long the session (a state copy per checkpoint; 10,000 events keep 40 of them).
CHECKPOINT_EVERY = 256

# Presence. A live process touches its file every HEARTBEAT_SECONDS; a writer on another machine
# (SSH to a shared disk, a synced folder) counts as here while its file changed in the last
# AWAY_AFTER_SECONDS, long enough for a sync tool's usual delay (Syncthing: about 10 s). On the
# same machine the writer's process id says it at once (a kill -9 is seen on the next look).
HEARTBEAT_SECONDS = 5.0
AWAY_AFTER_SECONDS = 30.0


def merge_key(event: dict[str, Any]) -> tuple[float, bool, float, str, int]:
    """Session time first; at the same time the event that created the session comes first (every
    other event needs its playbook), then the writer that opened earlier, as the whole-file reader does."""
    seq = event.get("seq")
    not_creation = event.get("type") != EventType.SESSION_CREATED
    return (float(event["t"]), not_creation, float(event.get("_t0", 0.0)), str(event.get("writer")), seq if isinstance(seq, int) else 0)


class LiveFold:
    """The fold of a growing, merged event list: appended to when events come in order, partly
    refolded when one comes late."""

    def __init__(self, events: Iterable[dict[str, Any]] = (), *, on_malformed: Callable[[dict[str, Any], Exception], None] | None = None) -> None:
        self.events: list[dict[str, Any]] = []
        self.keys: list[tuple[float, float, str, int]] = []
        self.state = SessionState()
        self._checkpoints: list[tuple[int, SessionState]] = [(0, SessionState())]
        self._on_malformed = on_malformed
        self._reported: set[int] = set()
        self.refolds = 0  # how often a late event moved the fold back (for tests and benchmarks)
        self.add(events)

    def add(self, events: Iterable[dict[str, Any]]) -> bool:
        """Merge these events in; True if there were any."""
        new = sorted(events, key=merge_key)
        if not new:
            return False
        if not self.keys or merge_key(new[0]) >= self.keys[-1]:
            for event in new:
                self._append(event)
            return True
        earliest = bisect_right(self.keys, merge_key(new[0]))
        for event in new:
            key = merge_key(event)
            index = bisect_right(self.keys, key)
            self.keys.insert(index, key)
            self.events.insert(index, event)
        self._refold_from(earliest)
        return True

    def _append(self, event: dict[str, Any]) -> None:
        count = len(self.events)
        if count and count % CHECKPOINT_EVERY == 0 and self._checkpoints[-1][0] < count:
            self._checkpoints.append((count, self.state.copy()))
        self.events.append(event)
        self.keys.append(merge_key(event))
        self._apply(self.state, event)

    def _refold_from(self, position: int) -> None:
        self.refolds += 1
        while self._checkpoints[-1][0] > position:
            self._checkpoints.pop()
        start, checkpoint = self._checkpoints[-1]
        state = checkpoint.copy()
        for index in range(start, len(self.events)):
            if index and index % CHECKPOINT_EVERY == 0 and self._checkpoints[-1][0] < index:
                self._checkpoints.append((index, state.copy()))
            self._apply(state, self.events[index])
        self.state = state

    def _apply(self, state: SessionState, event: dict[str, Any]) -> None:
        try:
            state.apply(event)
        except MALFORMED_EVENT_ERRORS as error:  # a malformed (hand-edited) event: reported once, never fatal
            if id(event) not in self._reported and self._on_malformed is not None:
                self._reported.add(id(event))
                self._on_malformed(event, error)


# -- presence ------------------------------------------------------------------------------------
@dataclass(init=False, repr=False, eq=False)
class Presence(Frozen):
    """One person in the session: here or gone, and whether they drive."""

    name: str
    role: Role
    here: bool
    drives: bool
    me: bool


def this_host() -> str:
    return socket.gethostname()


def process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A process that ended but whose parent has not yet collected it (its terminal multiplexer, a
    shell that is busy) still takes signals: on Linux its state in /proc says it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False  # no /proc (not Linux), or it has just been collected: kill said it was there
    return stat[stat.rfind(b")") + 2:stat.rfind(b")") + 3] in (b"Z", b"X")


def exit_descriptor(pid: int) -> int | None:
    """A descriptor that becomes readable when process `pid` ends (Linux 5.3+: pidfd), so a killed
    writer on this machine is seen as gone at once, without looking every few seconds; None where
    there is none (another system, an old kernel, a process already gone)."""
    pidfd_open = getattr(os, "pidfd_open", None)
    if pidfd_open is None or pid <= 0:
        return None
    try:
        return pidfd_open(pid)
    except OSError:
        return None


def writer_here(writer: Writer, mtime: float | None, *, host: str, now: float) -> bool:
    if writer.left_t is not None:
        return False
    if writer.host == host and writer.pid:
        return process_alive(writer.pid)
    return mtime is not None and now - mtime < AWAY_AFTER_SECONDS


def file_mtimes(folder: Path) -> dict[str, float]:
    """The last change of each writer's file, by writer id (the file's name)."""
    mtimes: dict[str, float] = {}
    for path in log_files(folder):
        try:
            mtimes[path.stem] = path.stat().st_mtime
        except OSError:
            continue
    return mtimes


def presence(state: SessionState, mtimes: dict[str, float], *, me: str = "", now: float | None = None) -> list[Presence]:
    """Everyone who joined, one line per person and role (a rejoin after a crash is the same
    person), in the order they first joined."""
    host, now = this_host(), time.time() if now is None else now
    people: dict[tuple[str, Role], Presence] = {}
    for writer in state.writers.values():
        here = writer.id == me or writer_here(writer, mtimes.get(writer.id), host=host, now=now)
        if state.ended:
            here = False if writer.id != me else here
        earlier = people.get(writer.identity)
        people[writer.identity] = Presence(
            name=writer.name,
            role=writer.role,
            here=here or (earlier is not None and earlier.here),
            drives=state.driver == writer.identity,
            me=writer.id == me or (earlier is not None and earlier.me),
        )
    return list(people.values())


def recently_written(folder: Path, now: float | None = None) -> bool:
    """A live writer touches its file every HEARTBEAT_SECONDS: a folder none of whose files changed
    for AWAY_AFTER_SECONDS has nobody in it, and need not be read to know it (`interview run`)."""
    now = time.time() if now is None else now
    return any(now - mtime < AWAY_AFTER_SECONDS for mtime in file_mtimes(folder).values())


def live_people(folder: Path, state: SessionState) -> list[Presence]:
    """Who is writing this session right now (empty for an ended session, or one whose writers are gone)."""
    if state.ended:
        return []
    return [person for person in presence(state, file_mtimes(folder)) if person.here]


def touch(path: Path) -> None:
    """Show this writer is alive without writing a line (presence for other machines)."""
    try:
        os.utime(path)
    except OSError:
        pass  # a full or read-only disk is reported by the next write, not here
