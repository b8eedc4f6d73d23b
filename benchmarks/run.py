"""Benchmarks on a real pseudo-terminal, against a bare Textual app measured in the same run.

    python -m benchmarks.run            # the full run (about 2 minutes), prints a Markdown table
    python -m benchmarks.run --quick    # a smoke run for CI: every measurement once, small sizes

Programs are started as a user starts them (`python -m interview_tui run ...` on a pty), keys are
written to the terminal and the screen is read back. Figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from interview_tui.playbook import load_playbook, resolve_playbook
from interview_tui.session import Role, Session, load_session
from interview_tui.session.clock import FakeClock
from interview_tui.session.log import LogWriter
from tests.terminal import ENTER, F5, Terminal, session_env

REPO = Path(__file__).resolve().parent.parent
BARE_APP = [sys.executable, str(REPO / "benchmarks" / "bare_app.py")]
# Characters that appear nowhere else on the screen, so their echo can be found in the output.
ECHO_CHARACTERS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
# A play of 12-second phases, so time alerts fire while keys are typed.
FAST_PLAYBOOK = """\
title: Benchmark play
phases:
""" + "".join(f"  - {{id: p{i}, title: Phase {i}, minutes: 0.2, guidance: Fast phase {i}}}\n" for i in range(20))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(round(fraction * (len(ordered) - 1))), len(ordered) - 1)]


def spawn(argv: list[str], env: dict[str, str]) -> Terminal:
    return Terminal([], env, size=(120, 40), program=argv)


def interview_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "interview_tui", *args]


def first_frame_seconds(argv: list[str], marker: bytes, env: dict[str, str]) -> float:
    started = time.perf_counter()
    terminal = spawn(argv, env)
    try:
        if not terminal.wait_for(lambda: marker in terminal.output, timeout=30):
            raise RuntimeError(f"no first frame from {argv}")
        return time.perf_counter() - started
    finally:
        terminal.kill(signal.SIGKILL)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def idle_cpu_and_memory(argv: list[str], marker: bytes, env: dict[str, str], seconds: float, keys: str = "") -> tuple[float, float]:
    terminal = spawn(argv, env)
    try:
        terminal.wait_for(lambda: marker in terminal.output, timeout=30)
        if keys:
            terminal.write(keys)
        terminal.drain(1.0)
        before = cpu_seconds(terminal.pid)
        terminal.drain(seconds)
        used = cpu_seconds(terminal.pid) - before
        return 100 * used / seconds, rss_mb(terminal.pid)
    finally:
        terminal.kill(signal.SIGKILL)


def keystroke_latency(env: dict[str, str], playbook_path: Path, keystrokes: int, sessions_root: Path) -> tuple[list[float], bool]:
    """Type at 20 keys/s while the clock runs through 12-second phases (alerts fire); time each echo."""
    terminal = spawn(interview_argv("run", str(playbook_path), "--participant", "Bench"), env)
    latencies: list[float] = []
    typed = ""
    try:
        terminal.wait_for(lambda: b"Enter saves" in terminal.output, timeout=30)
        terminal.write(F5)
        for index in range(keystrokes):
            character = ECHO_CHARACTERS[index % len(ECHO_CHARACTERS)]
            echo = character.encode()
            mark = len(terminal.output)
            sent = time.perf_counter()
            os.write(terminal.fd, echo)
            typed += character
            if terminal.wait_for(lambda: echo in terminal.output[mark:], timeout=2):
                latencies.append(time.perf_counter() - sent)
            if (index + 1) % 20 == 0:
                os.write(terminal.fd, ENTER.encode())
                typed += "\n"
            terminal.drain(max(0.05 - (time.perf_counter() - sent), 0))  # 20 keys a second
        os.write(terminal.fd, ENTER.encode())
        typed += "\n"
        expected = [line for line in typed.split("\n") if line]
        folder = next(sessions_root.glob("*"))
        terminal.wait_for(lambda: [n.text for n in load_session(folder)[1].notes] == expected, timeout=10)
        complete = [n.text for n in load_session(folder)[1].notes] == expected
        return latencies, complete
    finally:
        terminal.kill(signal.SIGKILL)


def fsync_latencies(folder: Path, count: int) -> list[float]:
    writer = LogWriter(folder, "wbench")
    writer.open({"format": "interview-tui-session", "version": 1, "session": "bench", "writer": "wbench", "t0": 0.0})
    event = {"seq": 0, "type": "note_added", "t": 0.0, "at": "2026-11-22T14:00:00.000+00:00", "writer": "wbench",
             "note": "n", "role": "scribe", "text": "A typical note of about eighty characters, tagged #pain #quote", "tags": ["pain"], "phase": "x"}
    timings = []
    for seq in range(count):
        event["seq"] = seq
        started = time.perf_counter()
        writer.append(event)
        timings.append(time.perf_counter() - started)
    writer.close()
    return timings


def session_with_notes(root: Path, notes: int) -> Path:
    clock = FakeClock()
    session = Session.create(root, load_playbook(resolve_playbook(None)), participant={"name": "Bench"}, clock=clock)
    session.start_clock()
    for index in range(notes):
        clock.advance(3)
        session.add_note((Role.SCRIBE, Role.OBSERVER, Role.INTERVIEWER)[index % 3], f"Note {index}: the customer said something worth writing down #t{index % 7}")
    session.close()
    return session.folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a smoke run: every measurement once, small sizes")
    args = parser.parse_args()
    runs = 1 if args.quick else 7
    idle_seconds = 2.0 if args.quick else 10.0
    keystrokes = 40 if args.quick else 400
    fsyncs = 100 if args.quick else 2000

    rows: list[tuple[str, str, str, str, str]] = []  # measure, ours, bare, ratio or target, verdict
    with tempfile.TemporaryDirectory(dir=REPO) as scratch:
        scratch_path = Path(scratch)
        env = session_env(scratch_path / "sessions")
        env["PYTHONPATH"] = str(REPO)

        ours = [first_frame_seconds(interview_argv("run", "--participant", "Bench"), b"Enter saves", env) for _ in range(runs)]
        bare = [first_frame_seconds(BARE_APP, b"Enter saves", env) for _ in range(runs)]
        ratio = statistics.median(ours) / statistics.median(bare)
        rows.append(("time to first frame (median)", f"{statistics.median(ours) * 1000:.0f} ms", f"{statistics.median(bare) * 1000:.0f} ms",
                     f"{ratio:.2f}x (target ≤ 1.15x)", "meets" if ratio <= 1.15 else "SHORT"))

        playbook_path = scratch_path / "fast.yaml"
        playbook_path.write_text(FAST_PLAYBOOK)
        latency_root = scratch_path / "latency-sessions"
        latency_env = session_env(latency_root)
        latency_env["PYTHONPATH"] = str(REPO)
        latencies, complete = keystroke_latency(latency_env, playbook_path, keystrokes, latency_root)
        p50, p95, p99 = (percentile(latencies, f) * 1000 for f in (0.5, 0.95, 0.99))
        rows.append((f"keystroke to screen, {len(latencies)} keys at 20/s, alerts firing", f"p50 {p50:.1f} / p95 {p95:.1f} / p99 {p99:.1f} ms", "",
                     "p95 ≤ 25 ms", "meets" if p95 <= 25 else "SHORT"))
        rows.append(("keystrokes lost", "0" if complete and len(latencies) == keystrokes else f"{keystrokes - len(latencies)} unechoed, log {'complete' if complete else 'INCOMPLETE'}",
                     "", "0", "meets" if complete and len(latencies) == keystrokes else "SHORT"))

        timings = fsync_latencies(scratch_path / "fsync", fsyncs)
        f50, f99 = (percentile(timings, f) * 1000 for f in (0.5, 0.99))
        rows.append((f"note saved durably (write + fsync), {fsyncs} notes", f"p50 {f50:.2f} / p99 {f99:.2f} ms", "", "p99 ≤ 2 ms", "meets" if f99 <= 2 else "SHORT"))

        cpu, _ = idle_cpu_and_memory(interview_argv("run", "--participant", "Bench"), b"Enter saves", env, idle_seconds, keys=F5)
        bare_cpu, bare_rss = idle_cpu_and_memory(BARE_APP, b"Enter saves", env, idle_seconds)
        rows.append((f"idle CPU, clock running ({idle_seconds:.0f} s)", f"{cpu:.2f}% of a core", f"{bare_cpu:.2f}%", "≤ 1%", "meets" if cpu <= 1 else "SHORT"))

        folder = session_with_notes(scratch_path / "sessions", 1000)
        _, rss = idle_cpu_and_memory(interview_argv("resume", str(folder)), b"Enter saves", env, 1.0)
        rows.append(("memory with 1,000 notes (RSS)", f"{rss:.0f} MB", f"{bare_rss:.0f} MB", "≤ 60 MB", "meets" if rss <= 60 else "SHORT"))

    print(f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores")
    print(f"Run: python -m benchmarks.run{' --quick' if args.quick else ''}, {time.strftime('%Y-%m-%d')}\n")
    print("| measure | interview-tui | bare Textual app | target | verdict |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
