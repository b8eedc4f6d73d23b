"""Benchmarks of issue 14, as users meet them, against baselines measured in the same run.

    python -m benchmarks.run            # the full run (about 15 minutes), prints the Markdown table
    python -m benchmarks.run --quick    # a smoke run for CI: every kind of measurement once, small sizes

The screen (first frame, keystroke echo, replay seek, idle CPU) is measured on a real pseudo-terminal
against the bare Textual app (benchmarks/bare_app.py); the report and the exports as commands, against
a bare JSON parse of the same files (benchmarks/bare_parse.py). Runs of ours and of the baseline
alternate (ours, bare, ours, bare...), so a machine busy with other work slows both alike: the ratios
are the figures; the milliseconds are printed so the ratios can be checked. Our modules are compiled
first and run from their bytecode, as an installed wheel runs them (PYTHONDONTWRITEBYTECODE is
dropped from the programs' environment). Figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import os
import platform
import resource
import signal
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from interview_tui.playbook import load_playbook, resolve_playbook
from interview_tui.session import Role, Session, load_session
from interview_tui.session.clock import FakeClock
from interview_tui.session.load import load_timeline
from interview_tui.session.log import LogWriter
from benchmarks import screen, team_latency as team
from benchmarks.screen import interleaved
from tests.terminal import ENTER, F5, Terminal, session_env

REPO = Path(__file__).resolve().parent.parent
BARE_APP = [sys.executable, str(REPO / "benchmarks" / "bare_app.py")]
BARE_PARSE = [sys.executable, str(REPO / "benchmarks" / "bare_parse.py")]
READY = b"Enter saves"  # the note input's placeholder, drawn by both apps once they take keys
# Characters that appear nowhere else on the screen, so their echo can be found in the output.
ECHO_CHARACTERS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
# A play of 12-second phases, so time alerts fire while keys are typed.
FAST_PLAYBOOK = """\
title: Benchmark play
phases:
""" + "".join(f"  - {{id: p{i}, title: Phase {i}, minutes: 0.2, guidance: Fast phase {i}}}\n" for i in range(20))
STREAMED_FORMATS = ("md", "csv", "json", "vtt", "qdpx")
SEGMENTS = ("fan", "critic", "almost bought", "switched to us", "switched away")

Row = tuple[str, str, str, str, str]  # measure, interview-tui, baseline, target, verdict


# -- helpers -------------------------------------------------------------------------------------------------
def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(round(fraction * (len(ordered) - 1))), len(ordered) - 1)]


def verdict(ratio: float, target: float) -> str:
    return "meets" if ratio <= target else "**short**"


def compiled_environment(sessions_root: Path) -> dict[str, str]:
    env = session_env(sessions_root)
    env["PYTHONPATH"] = str(REPO)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode as an installed wheel has it
    return env


def compile_everything() -> None:
    """Compile our modules and the installed ones, as pip does when it installs a wheel, so no
    measured start pays for compiling (PYTHONDONTWRITEBYTECODE would make every start pay)."""
    for folder in (REPO / "interview_tui", REPO / "benchmarks", Path(sysconfig.get_paths()["purelib"])):
        compileall.compile_dir(folder, quiet=1, workers=0)


def spawn(argv: list[str], env: dict[str, str]) -> Terminal:
    return Terminal([], env, size=(120, 40), program=argv)


def interview_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "interview_tui", *args]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# -- data, made by the real core -----------------------------------------------------------------------------
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
    """A session of `notes` notes three seconds apart over every phase (benchmarks/screen.py uses it too)."""
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


def report_sessions(root: Path, count: int, notes: int) -> Path:
    for index in range(count):
        session_with_notes(root, notes, participant=f"P{index:03d}", segment=SEGMENTS[index % len(SEGMENTS)])
    return root


# -- the screen, on a pty (the measurements are in benchmarks/screen.py) ------------------------------------
def screen_rows(scratch: Path, quick: bool) -> list[Row]:
    env = compiled_environment(scratch / "sessions")
    runs = 1 if quick else 7
    keys = 20 if quick else 200
    idle_seconds = 2.0 if quick else 60.0
    rows: list[Row] = []

    frame_runs = 1 if quick else screen.FIRST_FRAME_RUNS
    measured = f"median of {frame_runs}, interleaved; ratio: median of the pairs'"
    wall, cpu = screen.first_frame_ratio(env, frame_runs)
    for what, (ours, bare, ratio) in (("time to first frame", wall), ("time to first frame, CPU of the process", cpu)):
        rows.append((f"{what} ({measured})", f"{ours * 1000:,.0f} ms", f"{bare * 1000:,.0f} ms", "≤ 1.15x", f"{ratio:.2f}x: {verdict(ratio, 1.15)}"))
    # The clock column is drawn one frame after the first: until then, against the bare app's first frame.
    wall, cpu = screen.whole_screen_ratio(env, frame_runs)
    rows.append((f"time until the clock column is drawn too (one frame after the first), wall / CPU ({measured})",
                 f"{wall[0] * 1000:,.0f} / {cpu[0] * 1000:,.0f} ms", f"{wall[1] * 1000:,.0f} / {cpu[1] * 1000:,.0f} ms",
                 "(measured)", f"{wall[2]:.2f}x / {cpu[2]:.2f}x"))
    # What Textual alone needs to draw such a screen: the first-frame target read against it.
    for skip, what in ((False, "the live screen's widgets"), (True, "the same without the clock column")):
        wall, cpu = screen.first_frame_floor_ratios(env, frame_runs, skip_clock_column=skip)
        rows.append((f"reference, no code of ours: first frame of {what} in Textual's own, no logic (benchmarks/live_tree_app.py), "
                     f"wall / CPU ({measured})", f"{wall[0] * 1000:,.0f} / {cpu[0] * 1000:,.0f} ms", f"{wall[1] * 1000:,.0f} / {cpu[1] * 1000:,.0f} ms",
                     "(a floor)", f"{wall[2]:.2f}x / {cpu[2]:.2f}x"))
    ours, bare, ratio = screen.first_frame_new_playbook_cpu_ratio(env, frame_runs)
    rows.append((f"time to first frame, CPU, playbook new to the cache (first start after an install or an edit; {measured})",
                 f"{ours * 1000:,.0f} ms", f"{bare * 1000:,.0f} ms", "(measured)", f"{ratio:.2f}x"))
    early_root = scratch / "early"
    kept = screen.early_keys_kept(compiled_environment(early_root), early_root)
    rows.append(("keys typed before the first frame, saved in order", "yes" if kept else "NO", "", "yes", "meets" if kept else "**short**"))

    for notes in (0,) if quick else (0, 500, 10_000):
        folder = session_with_notes(scratch / f"keys-{notes}", notes, end=False) if notes else None
        ours, bare, ratio = screen.keystroke_ratio(env, folder, keys)
        rows.append((f"keystroke echo p95, {notes:,} notes in the session, clock running", f"{ours * 1000:.1f} ms", f"{bare * 1000:.1f} ms",
                     "≤ 1.2x", f"{ratio:.2f}x: {verdict(ratio, 1.2)}"))

    for notes in (100,) if quick else (100, 100_000):
        folder = session_with_notes(scratch / f"replay-{notes}", notes)
        _, timeline = load_timeline(folder)
        end, step = screen.replay_end_and_step_back(folder, env, f"Note {notes - 1}:", timeline.end)
        worst = max(end, step)
        rows.append((f"replay on the pty, {notes:,} notes: End / 10 s back, until drawn", f"{end * 1000:,.0f} / {step * 1000:,.0f} ms", "",
                     "≤ 300 ms", "meets" if worst <= 0.3 else "**short**"))

    for notes in (0,) if quick else (0, 10_000):
        folder = session_with_notes(scratch / f"idle-{notes}", notes, end=False) if notes else None
        ours, bare, ratio = screen.idle_cpu_ratio(env, folder, idle_seconds)
        rows.append((f"idle CPU over {idle_seconds:.0f} s, clock running, {notes:,} notes", f"{ours:.2f}% of a core", f"{bare:.2f}%",
                     "≤ 1.1x", f"{ratio:.2f}x: {verdict(ratio, 1.1)}"))
    return rows


# -- typing under alerts, the log's durability, memory ----------------------------------------------------------
def keystrokes_lost(env: dict[str, str], playbook_path: Path, keystrokes: int, sessions_root: Path) -> tuple[int, bool]:
    """Type at 20 keys/s while 12-second phases fire alerts; (keys never echoed, log == typed)."""
    terminal = spawn(interview_argv("run", str(playbook_path), "--participant", "Bench"), env)
    echoed = 0
    typed = ""
    try:
        terminal.wait_for(lambda: READY in terminal.output, timeout=60)
        terminal.write(F5)
        for index in range(keystrokes):
            character = ECHO_CHARACTERS[index % len(ECHO_CHARACTERS)]
            mark = len(terminal.output)
            sent = time.perf_counter()
            os.write(terminal.fd, character.encode())
            typed += character
            echoed += terminal.wait_for(lambda: character.encode() in terminal.output[mark:], timeout=2)
            if (index + 1) % 20 == 0:
                os.write(terminal.fd, ENTER.encode())
                typed += "\n"
            terminal.drain(max(0.05 - (time.perf_counter() - sent), 0))
        os.write(terminal.fd, ENTER.encode())
        expected = [line for line in (typed + "\n").split("\n") if line]
        folder = next(sessions_root.glob("*"))
        terminal.wait_for(lambda: [n.text for n in load_session(folder)[1].notes] == expected, timeout=10)
        return keystrokes - echoed, [n.text for n in load_session(folder)[1].notes] == expected
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


def resident_mb(argv: list[str], env: dict[str, str]) -> float:
    terminal = spawn(argv, env)
    try:
        terminal.wait_for(lambda: READY in terminal.output, timeout=120)
        terminal.drain(1.0)
        return rss_mb(terminal.pid)
    finally:
        terminal.kill(signal.SIGKILL)


def durability_rows(scratch: Path, quick: bool) -> list[Row]:
    rows: list[Row] = []
    keystrokes = 40 if quick else 400
    playbook_path = scratch / "fast.yaml"
    playbook_path.write_text(FAST_PLAYBOOK)
    latency_root = scratch / "latency-sessions"
    lost, complete = keystrokes_lost(compiled_environment(latency_root), playbook_path, keystrokes, latency_root)
    rows.append((f"keystrokes lost, {keystrokes} typed at 20/s while alerts fire", "0" if not lost and complete else
                 f"{lost} unechoed, log {'complete' if complete else 'INCOMPLETE'}", "", "0", "meets" if not lost and complete else "**short**"))
    count = 100 if quick else 2000
    timings = fsync_latencies(scratch / "fsync", count)
    f50, f99 = (percentile(timings, f) * 1000 for f in (0.5, 0.99))
    rows.append((f"note saved durably (write + fsync), {count:,} notes", f"p50 {f50:.2f} / p99 {f99:.2f} ms", "", "p99 ≤ 2 ms",
                 "meets" if f99 <= 2 else "**short**"))
    env = compiled_environment(scratch / "sessions")
    folder = session_with_notes(scratch / "memory", 1000, end=False)
    ours, bare = resident_mb(interview_argv("resume", str(folder)), env), resident_mb(BARE_APP, env)
    rows.append(("memory, live screen resumed on 1,000 notes (RSS)", f"{ours:.0f} MB", f"{bare:.0f} MB", "≤ 60 MB",
                 "meets" if ours <= 60 else "**short**"))
    return rows


# -- the replay model, in-process (what the pty figures above are made of) ----------------------------------------
def replay_seek_ms(folder: Path, seeks: int = 200) -> tuple[float, float]:
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


def replay_model_rows(scratch: Path, quick: bool) -> list[Row]:
    rows: list[Row] = []
    for notes in (1_000,) if quick else (1_000, 10_000, 100_000):
        opened, worst = replay_seek_ms(session_with_notes(scratch / f"model-{notes}", notes))
        rows.append((f"replay model in-process, {notes:,} notes: open (read + fold + checkpoints) / worst of 200 seeks",
                     f"{opened:,.0f} / {worst:.1f} ms", "", "(measured)", ""))
    return rows


# -- commands: the report and the exports, against a bare JSON parse of the same files -----------------------------
def timed_command(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of a command run to completion,
    the peak as its own process reports it.

    VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child forked from this big
    benchmark process would report the parent's size. CPU is what the machine's other work does not
    inflate much: the figure to trust on a shared machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu, int(result.stderr.strip().splitlines()[-1]) / 1024


def interview_command(*args: str) -> list[str]:
    """`interview ARGS` in a process that prints its peak RSS (kB) last on stderr."""
    wrapper = ("import runpy, sys; sys.argv = sys.argv[1:]\n"
               "try:\n    runpy.run_module('interview_tui', run_name='__main__')\n"
               "except SystemExit:\n    pass\n"
               "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
               "print(hwm, file=sys.stderr)")
    return [sys.executable, "-c", wrapper, "interview", *args]


@dataclass
class CommandFigures:
    """Medians of interleaved runs of one command, its highest peak RSS, and each run's figures."""

    seconds: float
    cpu: float
    peak_mb: float
    runs: list[tuple[float, float, float]]

    def ratios(self, baseline: CommandFigures) -> tuple[float, float]:
        """(time, CPU): the median of each run's ratio to the baseline's run beside it."""
        return tuple(screen.paired_ratio([run[index] for run in self.runs], [run[index] for run in baseline.runs]) for index in (0, 1))


def command_ratio(ours: list[str], bare: list[str], env: dict[str, str], runs: int) -> tuple[CommandFigures, CommandFigures]:
    """Ours and the bare parse, run in turn `runs` times each."""
    figures: dict[str, list[tuple[float, float, float]]] = {"ours": [], "bare": []}

    def run(which: str, argv: list[str]) -> float:
        figures[which].append(timed_command(argv, env))
        return figures[which][-1][0]

    interleaved(lambda: run("ours", ours), lambda: run("bare", bare), runs)
    ours_figures, bare_figures = (CommandFigures(statistics.median(f[0] for f in values), statistics.median(f[1] for f in values),
                                                 max(f[2] for f in values), values) for values in (figures["ours"], figures["bare"]))
    return ours_figures, bare_figures


def report_rows(scratch: Path, quick: bool) -> list[Row]:
    rows: list[Row] = []
    runs = 1 if quick else 9  # cheap, and the pairs need them on a machine whose speed drifts
    for count, notes in ((20, 50),) if quick else ((200, 200), (1_000, 100)):
        root = report_sessions(scratch / f"report-{count}x{notes}", count, notes)
        env = dict(compiled_environment(root), INTERVIEW_SESSIONS_DIR=str(root))
        ours, bare = command_ratio(interview_command("report", "--all", "--format", "md"), [*BARE_PARSE, str(root)], env, runs)
        ratio, cpu_ratio = ours.ratios(bare)
        rows.append((f"`interview report --all --format md`, {count:,} sessions x {notes} notes (median of {runs}, interleaved; "
                     "ratio: median of the pairs'): time / CPU / peak RSS",
                     f"{ours.seconds:.2f} s / {ours.cpu:.2f} s / {ours.peak_mb:.0f} MB",
                     f"{bare.seconds:.2f} s / {bare.cpu:.2f} s / {bare.peak_mb:.0f} MB (bare JSON parse)",
                     "≤ 2x", f"{ratio:.2f}x ({cpu_ratio:.2f}x CPU): {verdict(ratio, 2.0)}"))
    return rows


def export_rows(scratch: Path, quick: bool) -> list[Row]:
    rows: list[Row] = []
    notes = 2_000 if quick else 100_000
    folder = session_with_notes(scratch / "export", notes)
    env = compiled_environment(scratch / "export")
    runs = 1 if quick else 3
    for fmt in ("md", "csv", "json", "vtt", "qdpx"):
        output = scratch / f"export.{fmt}"
        ours, bare = command_ratio(interview_command("export", str(folder), "--format", fmt, "-o", str(output)),
                                   [*BARE_PARSE, str(folder)], env, runs)
        size = output.stat().st_size / 1e6
        rows.append((f"`interview export --format {fmt}`, {notes:,} notes ({size:.1f} MB written; median of {runs}, interleaved): "
                     "time / CPU / peak RSS",
                     f"{ours.seconds:.2f} s / {ours.cpu:.2f} s / {ours.peak_mb:.0f} MB",
                     f"{bare.seconds:.2f} s / {bare.cpu:.2f} s / {bare.peak_mb:.0f} MB (bare JSON parse)",
                     "streams: memory of the notes written, not of every event read" if fmt in STREAMED_FORMATS
                     else "(measured: the project's XML is built whole, then zipped)",
                     f"{ours.peak_mb / bare.peak_mb:.2f}x the bare parse's peak"))
        output.unlink()
    return rows


# -- team sessions (benchmarks/team_latency.py, issue 9) -----------------------------------------------------------
def team_rows(scratch: Path, quick: bool) -> list[Row]:
    """Team sessions (benchmarks/team_latency.py): a note's Enter in one terminal until it is drawn in
    another, against the bare app's key echo, in interleaved halves."""
    notes, halves = (20, 1) if quick else (200, 2)
    ours: list[float] = []
    bare: list[float] = []
    missed = 0
    for _ in range(halves):  # ours, bare, ours, bare
        latencies, not_drawn = team.merge_latencies(notes // halves)
        ours += latencies
        missed += not_drawn
        bare += team.bare_echo_latencies(notes // halves)
    p50, p95, p99 = (percentile(ours, f) for f in (0.5, 0.95, 0.99))
    target = getattr(team, "TARGET_P95_MS", 100.0)
    return [(f"team session, 3 processes on ptys: Enter in one terminal to the note drawn in another, {notes} notes",
             f"p50 {p50:.1f} / p95 {p95:.1f} / p99 {p99:.1f} ms, {missed} not drawn", f"p95 {percentile(bare, 0.95):.1f} ms (bare app key echo)",
             f"p95 ≤ {target:.0f} ms", "meets" if p95 <= target and not missed else "**short**")]


SECTIONS: list[tuple[str, Callable[[Path, bool], list[Row]]]] = [
    ("screen", screen_rows),
    ("typing and saving", durability_rows),
    ("replay model", replay_model_rows),
    ("report", report_rows),
    ("exports", export_rows),
    ("team", team_rows),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a smoke run: every kind of measurement once, small sizes")
    parser.add_argument("--only", choices=[name for name, _ in SECTIONS], action="append", help="run only these sections")
    args = parser.parse_args()
    compile_everything()
    # Every program started from here (ours, the bare app, the screen and team modules') runs from
    # the bytecode just compiled, as from an installed wheel.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    began = time.perf_counter()
    rows: list[Row] = []
    for name, section in SECTIONS:
        if args.only and name not in args.only:
            continue
        with tempfile.TemporaryDirectory(prefix=f"interview-bench-{name}-") as scratch:
            rows += section(Path(scratch), args.quick)
    load = os.getloadavg()
    print(f"Machine: {platform.platform()}, {os.cpu_count()} cores; Python {platform.python_version()}; "
          f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min) at the end")
    print(f"Run: python -m benchmarks.run{' --quick' if args.quick else ''}, {time.strftime('%Y-%m-%d %H:%M')}, "
          f"{time.perf_counter() - began:.0f} s\n")
    print("| measure | interview-tui | baseline, same run | target | ratio: verdict |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
