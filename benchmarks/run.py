"""Benchmarks on a real pseudo-terminal, against a bare Textual app measured in the same run.

    python -m benchmarks.run            # the full run (about 2 minutes), prints a Markdown table
    python -m benchmarks.run --quick    # a smoke run for CI: every measurement once, small sizes

Programs are started as a user starts them (`python -m interview_tui run ...` on a pty), keys are
written to the terminal and the screen is read back. Figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import contextlib
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
from interview_tui.session.load import load_timeline
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


@contextlib.contextmanager
def no_fsync():
    """Generating test data only: the sessions are made by the real core, without waiting on the disk."""
    real = os.fsync
    os.fsync = lambda fd: None
    try:
        yield
    finally:
        os.fsync = real


def session_with_notes(root: Path, notes: int, participant: str = "Bench", segment: str = "fan", end: bool = True) -> Path:
    clock = FakeClock()
    playbook = load_playbook(resolve_playbook(None))
    with no_fsync():
        session = Session.create(root, playbook, participant={"name": participant, "segment": segment}, clock=clock)
        session.start_clock()
        phase_every = max(notes // len(playbook.phases), 1)
        for index in range(notes):
            clock.advance(3)
            session.add_note((Role.SCRIBE, Role.OBSERVER, Role.INTERVIEWER)[index % 3],
                             f"Note {index}: the customer said something worth writing down #t{index % 7} #quote")
            if index % phase_every == phase_every - 1:
                session.next_phase()
        if end:
            session.end()
        session.close()
    return session.folder


def replay_seek_ms(folder: Path, seeks: int = 200) -> tuple[float, float]:
    """Open a session for replay (read, fold, checkpoints), then seek to random moments: worst case."""
    import random

    started = time.perf_counter()
    _, timeline = load_timeline(folder)
    opened = time.perf_counter() - started
    rng = random.Random(1)
    worst = 0.0
    for _ in range(seeks):
        moment = rng.uniform(0, timeline.end)
        began = time.perf_counter()
        timeline.state_at(moment)
        worst = max(worst, time.perf_counter() - began)
    return opened * 1000, worst * 1000


def timed_command(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a command run to completion, as its own process reports it
    (RUSAGE_CHILDREN would also count the pty children forked from this big benchmark process)."""
    import subprocess

    # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so it would report this big
    # benchmark process's own size, from before the fork (306 MB instead of 78).
    wrapper = ("import runpy, sys; sys.argv = sys.argv[1:]\n"
               "try:\n    runpy.run_module('interview_tui', run_name='__main__')\n"
               "except SystemExit:\n    pass\n"
               "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
               "print(hwm, file=sys.stderr)")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", wrapper, "interview", *argv[3:]], env=env, check=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    return seconds, int(result.stderr.strip().splitlines()[-1]) / 1024


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

        folder = session_with_notes(scratch_path / "sessions", 1000, end=False)
        _, rss = idle_cpu_and_memory(interview_argv("resume", str(folder)), b"Enter saves", env, 1.0)
        rows.append(("memory with 1,000 notes (RSS)", f"{rss:.0f} MB", f"{bare_rss:.0f} MB", "≤ 60 MB", "meets" if rss <= 60 else "SHORT"))

    with tempfile.TemporaryDirectory(dir=REPO) as scratch:
        scratch_path = Path(scratch)
        env = session_env(scratch_path / "sessions")
        env["PYTHONPATH"] = str(REPO)
        sizes = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000)
        for notes in sizes:
            folder = session_with_notes(scratch_path / f"replay-{notes}", notes)
            opened, worst = replay_seek_ms(folder)
            # The targets are for 10,000 notes (issue: open < 1 s, seek < 100 ms); 1k and 100k are measured.
            target = notes == 10_000
            rows.append((f"replay open (read + fold + checkpoints), {notes:,} notes", f"{opened:.0f} ms", "",
                         "< 1 s" if target else "(measured)", ("meets" if opened < 1000 else "SHORT") if target else ""))
            rows.append((f"replay seek, worst of 200, {notes:,} notes", f"{worst:.1f} ms", "",
                         "< 100 ms" if target else "(measured)", ("meets" if worst < 100 else "SHORT") if target else ""))
            if notes == 10_000:
                frame = first_frame_seconds(interview_argv("replay", str(folder), "--paused"), b"Replay", env)
                _, rss = idle_cpu_and_memory(interview_argv("replay", str(folder), "--paused"), b"Replay", env, 0.5)
                rows.append(("replay of 10,000 notes on the pty: first frame / RSS", f"{frame * 1000:.0f} ms / {rss:.0f} MB", "",
                             "< 1 s, < 100 MB", "meets" if frame < 1 and rss < 100 else "SHORT"))
        count, notes = (20, 200) if args.quick else (200, 200)
        report_root = scratch_path / "report-sessions"
        segments = ("fan", "critic", "almost bought", "switched to us", "switched away")
        for index in range(count):
            session_with_notes(report_root, notes, participant=f"P{index:03d}", segment=segments[index % len(segments)])
        report_env = dict(env, INTERVIEW_SESSIONS_DIR=str(report_root))
        seconds, peak = timed_command(interview_argv("report", "--all", "--format", "md"), report_env)
        rows.append((f"report over {count} sessions of {notes} notes: time / peak RSS", f"{seconds:.2f} s / {peak:.0f} MB", "",
                     "< 2 s, < 100 MB", "meets" if seconds < 2 and peak < 100 else "SHORT"))

    print(f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores")
    print(f"Run: python -m benchmarks.run{' --quick' if args.quick else ''}, {time.strftime('%Y-%m-%d')}\n")
    print("| measure | interview-tui | bare Textual app | target | verdict |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
