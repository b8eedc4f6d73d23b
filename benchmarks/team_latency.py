"""Team session merge latency: Enter in one terminal to the note drawn in another, on real ptys.

    .venv/bin/python -m benchmarks.team_latency            # 200 notes, prints p50/p95/p99
    .venv/bin/python -m benchmarks.team_latency --quick    # 20 notes (a smoke run)

Three processes share one session folder, as three people would: `interview run` (the interviewer)
and two `interview join` (scribe, observer), each on its own 120x40 pty. A note is typed in the
interviewer's terminal; once its text is echoed there, Enter is written and the clock starts; it
stops when the note's text appears in what the scribe's terminal draws (the scribe never typed it,
so it can only be the merged note). One note every 250 ms, like a fast typist.

The baseline, measured in the same run on the same machine: a bare Textual app's keystroke echo
(`benchmarks/bare_app.py`: a key written to its pty until it is drawn), the least any screen update
caused from outside the process can take. Figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import select
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.terminal import ENTER, Terminal, session_env

REPO = Path(__file__).resolve().parent.parent
BARE_APP = [sys.executable, str(REPO / "benchmarks" / "bare_app.py")]
NOTE_INTERVAL_SECONDS = 0.25
TARGET_P95_MS = 100.0


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(round(fraction * (len(ordered) - 1))), len(ordered) - 1)]


def start(args: list[str], env: dict[str, str], marker: bytes) -> Terminal:
    terminal = Terminal(args, env, size=(120, 40))
    if not terminal.wait_for(lambda: marker in terminal.output, timeout=30):
        raise RuntimeError(f"`interview {' '.join(args)}` drew no screen")
    return terminal


def drain_all(terminals: list[Terminal]) -> None:
    """Read whatever every program drew, so none of them ever blocks on a full terminal."""
    ready, _, _ = select.select([t.fd for t in terminals], [], [], 0)
    for terminal in terminals:
        if terminal.fd in ready:
            terminal.drain(0.001)


def wait_drawn(terminal: Terminal, others: list[Terminal], text: bytes, since: int, timeout: float = 5.0) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if text in terminal.output[since:]:
            return True
        ready, _, _ = select.select([terminal.fd], [], [], 0.002)
        if ready:
            try:
                chunk = os.read(terminal.fd, 65536)
            except OSError:
                return False
            terminal.output += chunk
        drain_all(others)
    return text in terminal.output[since:]


def merge_latencies(notes: int) -> tuple[list[float], int]:
    """Milliseconds from Enter in the interviewer's terminal to the note drawn in the scribe's."""
    with tempfile.TemporaryDirectory(prefix="team-latency-") as scratch:
        env = session_env(Path(scratch) / "sessions")
        host = start(["run", "--participant", "Bench"], env, b"Enter saves")
        scribe = start(["join", "last", "--role", "scribe", "--name", "Scribe"], env, b"Enter saves")
        observer = start(["join", "last", "--role", "observer", "--name", "Observer"], env, b"Enter saves")
        everyone = [host, scribe, observer]
        latencies: list[float] = []
        missed = 0
        try:
            host.write("\x1bOP")  # F1: the interviewer's own pane
            for index in range(notes):
                text = f"merge-{index:04d}-note"
                mark_host, mark_scribe = len(host.output), len(scribe.output)
                os.write(host.fd, text.encode())
                if not wait_drawn(host, [scribe, observer], text.encode(), mark_host):
                    raise RuntimeError("the interviewer's terminal did not echo the typing")
                started = time.perf_counter()
                os.write(host.fd, ENTER.encode())
                if wait_drawn(scribe, [host, observer], text.encode(), mark_scribe):
                    latencies.append((time.perf_counter() - started) * 1000)
                else:
                    missed += 1
                pause_until = time.perf_counter() + NOTE_INTERVAL_SECONDS
                while time.perf_counter() < pause_until:
                    drain_all(everyone)
                    time.sleep(0.005)
        finally:
            for terminal in everyone:
                terminal.kill(signal.SIGKILL)
        return latencies, missed


def bare_echo_latencies(keys: int) -> list[float]:
    terminal = Terminal([], dict(os.environ, TERM="xterm-256color"), size=(120, 40), program=BARE_APP)
    latencies: list[float] = []
    try:
        if not terminal.wait_for(lambda: b"Enter saves" in terminal.output, timeout=30):
            raise RuntimeError("the bare app drew no screen")
        for index in range(keys):
            character = "甲乙丙丁戊己庚辛壬癸"[index % 10]
            if index and index % 10 == 0:
                # Empty the input (ctrl+u): a redrawn line must not show an earlier key as this echo.
                os.write(terminal.fd, b"\x15")
                terminal.drain(0.2)
            mark = len(terminal.output)
            started = time.perf_counter()
            os.write(terminal.fd, character.encode())
            if wait_drawn(terminal, [], character.encode(), mark, timeout=2):
                latencies.append((time.perf_counter() - started) * 1000)
            time.sleep(0.05)
    finally:
        terminal.kill(signal.SIGKILL)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 notes: a smoke run")
    parser.add_argument("--notes", type=int, default=200)
    args = parser.parse_args()
    notes = 20 if args.quick else args.notes
    latencies, missed = merge_latencies(notes)
    baseline = bare_echo_latencies(notes)
    p50, p95, p99 = (percentile(latencies, f) for f in (0.50, 0.95, 0.99))
    b50, b95 = percentile(baseline, 0.50), percentile(baseline, 0.95)
    load = os.getloadavg()
    print(f"team merge latency, {len(latencies)} notes ({missed} not drawn within 5 s), 3 processes on ptys")
    print(f"  Enter in one terminal to the note drawn in another: p50 {p50:.1f} / p95 {p95:.1f} / p99 {p99:.1f} ms "
          f"(mean {statistics.fmean(latencies):.1f}, max {max(latencies):.1f})")
    quarter = max(len(latencies) // 4, 1)
    print(f"  median of the first {quarter} notes {statistics.median(latencies[:quarter]):.1f} ms, "
          f"of the last {quarter} {statistics.median(latencies[-quarter:]):.1f} ms (the panes grow)")
    print(f"  bare Textual app, key to echo, same run:           p50 {b50:.1f} / p95 {b95:.1f} ms")
    print(f"  p95 ratio to the bare app's echo: {p95 / b95:.1f}x; target p95 <= {TARGET_P95_MS:.0f} ms: "
          f"{'meets' if p95 <= TARGET_P95_MS else 'SHORT'}")
    print(f"  load average during the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
