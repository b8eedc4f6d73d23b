"""Run `interview` on a real pseudo-terminal, as a user starts it: keys written in, screen drained."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

# Key sequences an xterm sends.
F1, F2, F3 = "\x1bOP", "\x1bOQ", "\x1bOR"
F5, F6, F7, F8, F10 = "\x1b[15~", "\x1b[17~", "\x1b[18~", "\x1b[19~", "\x1b[21~"
ENTER = "\r"


class Terminal:
    def __init__(
        self, args: list[str], env: dict[str, str], size: tuple[int, int] = (120, 40), *, program: list[str] | None = None
    ) -> None:
        """Start `program` (default: `python -m interview_tui`) with `args` on a new pty."""
        columns, rows = size
        argv = [*(program or [sys.executable, "-m", "interview_tui"]), *args]
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child
            os.execve(argv[0], argv, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.output = bytearray()

    def drain(self, seconds: float = 0.05, until=None) -> bool:
        """Read what the program draws for `seconds`, so it never blocks on a full terminal;
        stop early, returning True, as soon as `until()` holds (checked after every read)."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return False
            if not chunk:
                return False
            self.output += chunk
            if until is not None and until():
                return True
        return False

    def write(self, text: str) -> None:
        os.write(self.fd, text.encode("utf-8"))
        self.drain()

    def wait_for(self, condition, timeout: float = 20.0) -> bool:
        """Wait, draining the screen, until `condition()` holds; a real program needs real time."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return True
            self.drain(min(0.05, max(deadline - time.monotonic(), 0)), until=condition)
        return condition()

    def read_until_exit(self, timeout: float = 30.0) -> int:
        """Read everything the program writes until it exits (SIGKILL after `timeout`); its wait status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # the program exited: the terminal has no other end
                break
            if not chunk:
                break
            self.output += chunk
        else:
            os.kill(self.pid, signal.SIGKILL)
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return status

    def kill(self, signal_number: int) -> int:
        os.kill(self.pid, signal_number)
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return status


def session_env(sessions_root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "PYTEST"))}
    env.update(TERM="xterm-256color", INTERVIEW_SESSIONS_DIR=str(sessions_root), COLUMNS="120", LINES="40")
    return env
