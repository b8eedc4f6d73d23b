"""Clocks. The core takes its clock as a parameter, so tests run on a fake one and never sleep."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds from an arbitrary start; never goes back, stands still while the machine sleeps."""

    def wall(self) -> datetime:
        """The wall time, timezone-aware."""


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def wall(self) -> datetime:
        return datetime.now().astimezone()


class FakeClock:
    """A clock that moves only when told to. `sleep_machine` moves the wall clock alone, like a laptop lid."""

    def __init__(self, wall: datetime | None = None, monotonic: float = 1000.0) -> None:
        self._wall = wall or datetime(2026, 11, 22, 14, 0, 0, tzinfo=timezone(timedelta(hours=1)))
        self._monotonic = monotonic

    def monotonic(self) -> float:
        return self._monotonic

    def wall(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        self._monotonic += seconds
        self._wall += timedelta(seconds=seconds)

    def sleep_machine(self, seconds: float) -> None:
        self._wall += timedelta(seconds=seconds)


def iso(moment: datetime) -> str:
    """ISO 8601 with offset, to the millisecond: the `at` of every event."""
    return moment.isoformat(timespec="milliseconds")


def mmss(seconds: float) -> str:
    """`mm:ss` (or `h:mm:ss` past an hour) of a non-negative duration, rounded down to the second."""
    whole = int(max(seconds, 0.0))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"
