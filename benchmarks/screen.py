"""The screen as a person meets it, measured on a real pty against the bare Textual app in the same
run: first frame, keystroke echo at 0 / 500 / 10,000 notes, replay End and 10-second seek at
100 and 100,000 notes, idle CPU with the clock running. Runs of ours and of the bare app alternate,
so a machine busy with something else slows both alike; quote ratios, not milliseconds.

Each function returns plain numbers for benchmarks/run.py to put in its table. Run alone:

    python -m benchmarks.screen            # every figure, printed
    python -m benchmarks.screen --quick    # once each, small sizes
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from interview_tui.session.clock import mmss
from tests.terminal import ENTER, F5, Terminal, session_env

REPO = Path(__file__).resolve().parent.parent
BARE_APP = [sys.executable, str(REPO / "benchmarks" / "bare_app.py")]
LIVE_TREE_APP = [sys.executable, str(REPO / "benchmarks" / "live_tree_app.py")]
# A first frame is half a second: a run of many costs little, and its median ratio needs them.
FIRST_FRAME_RUNS = 15
READY = b"Enter saves"  # the input's placeholder: drawn by both apps once they take keys
# The phase clock's title: the clock column, drawn one frame after the first (the live screen whole).
WHOLE_SCREEN = b"1/6 Housekeeping"
# Characters drawn nowhere else on either screen, so their echo is found in the output.
ECHO_CHARACTERS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
END, LEFT = "\x1b[F", "\x1b[D"
SIZE = (120, 40)


def interview(*args: str) -> list[str]:
    return [sys.executable, "-m", "interview_tui", *args]


def environment(sessions_root: Path) -> dict[str, str]:
    env = session_env(sessions_root)
    env["PYTHONPATH"] = str(REPO)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled bytecode, as an installed wheel has it
    return env


def _spawn(argv: list[str], env: dict[str, str]) -> Terminal:
    return Terminal([], env, size=SIZE, program=argv)


def first_frame(argv: list[str], env: dict[str, str], marker: bytes = READY) -> float:
    """Seconds from exec to the first frame that shows `marker` (the app takes keys from then)."""
    return first_frame_wall_and_cpu(argv, env, marker)[0]


def first_frame_wall_and_cpu(argv: list[str], env: dict[str, str], marker: bytes = READY) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the program) to the first frame showing `marker`. On a machine
    busy with other work the CPU seconds are the steadier figure: they leave out the waiting."""
    if "INTERVIEW_SESSIONS_DIR" in env:
        # Each start in a sessions folder of its own. In a shared one, every start found the
        # sessions the series' earlier starts left, written in the last 30 s, and read each to offer
        # joining it (19.5 million instructions with 14 such, 1.6% of the bare app's start; callgrind):
        # a person's start meets at most one, after a crash.
        Path(env["INTERVIEW_SESSIONS_DIR"]).mkdir(mode=0o700, parents=True, exist_ok=True)
        env = {**env, "INTERVIEW_SESSIONS_DIR": tempfile.mkdtemp(prefix="start-", dir=env["INTERVIEW_SESSIONS_DIR"])}
    started = time.perf_counter()
    terminal = _spawn(argv, env)
    try:
        if not terminal.wait_for(lambda: marker in terminal.output, timeout=60):
            raise RuntimeError(f"no first frame from {argv}")
        return time.perf_counter() - started, cpu_seconds(terminal.pid)
    finally:
        terminal.kill(signal.SIGKILL)


def interleaved(ours: Callable[[], float], bare: Callable[[], float], runs: int) -> tuple[list[float], list[float]]:
    """Alternate the two measurements, `runs` times each."""
    our_values, bare_values = [], []
    for _ in range(runs):
        our_values.append(ours())
        bare_values.append(bare())
    return our_values, bare_values


def paired_ratio(ours: list[float], bare: list[float]) -> float:
    """The median of each run's ratio to the baseline run beside it. A machine whose speed drifts from
    one second to the next (on a shared VM the bare app's first frame took 313 to 487 ms within a
    minute) slows both runs of a pair alike; the ratio of two medians takes each from another moment."""
    return statistics.median(our / base for our, base in zip(ours, bare))


Frame = tuple[float, float, float]  # median seconds of ours, median seconds of the baseline, paired ratio


def first_frame_ratios(argv: list[str], env: dict[str, str], runs: int, marker: bytes = READY) -> tuple[Frame, Frame]:
    """(wall, CPU) of the first frame of `argv` showing `marker` against the bare app's first frame,
    `runs` of each, alternating."""
    ours, bare = interleaved(lambda: first_frame_wall_and_cpu(argv, env, marker), lambda: first_frame_wall_and_cpu(BARE_APP, env), runs)
    frames = []
    for index in (0, 1):
        our_values, bare_values = [run[index] for run in ours], [run[index] for run in bare]
        frames.append((statistics.median(our_values), statistics.median(bare_values), paired_ratio(our_values, bare_values)))
    return frames[0], frames[1]


def whole_screen_ratio(env: dict[str, str], runs: int) -> tuple[Frame, Frame]:
    """(wall, CPU) until `interview run --participant` has drawn the clock column too (it comes one
    frame after the first), against the bare app's first frame."""
    return first_frame_ratios(interview("run", "--participant", "Bench"), env, runs, WHOLE_SCREEN)


def first_frame_ratio(env: dict[str, str], runs: int) -> tuple[Frame, Frame]:
    """(wall, CPU) of `interview run --participant`'s first frame against the bare app's."""
    return first_frame_ratios(interview("run", "--participant", "Bench"), env, runs)


def first_frame_floor_ratios(env: dict[str, str], runs: int, *, skip_clock_column: bool = False) -> tuple[Frame, Frame]:
    """(wall, CPU) of the first frame of benchmarks/live_tree_app.py (the live screen's widgets in
    Textual's own, no logic) against the bare app's: what Textual alone needs to draw such a screen,
    a floor under the first-frame figure of ours."""
    tree_env = {**env, "SKIP_CLOCK_COLUMN": "1"} if skip_clock_column else env  # the bare app reads no such thing
    return first_frame_ratios(LIVE_TREE_APP, tree_env, runs)


def first_frame_new_playbook_cpu_ratio(env: dict[str, str], runs: int) -> tuple[float, float, float]:
    """(ours, bare, ratio) of the median CPU seconds to the first frame with the playbook new to the
    cache of validated playbooks (the first start after an install or an edit: YAML and pydantic
    validate it). The other first-frame figures start with it cached, as every later start does."""

    def ours() -> float:
        with tempfile.TemporaryDirectory(prefix="interview-bench-cache-") as cache:
            return first_frame_wall_and_cpu(interview("run", "--participant", "Bench"), {**env, "XDG_CACHE_HOME": cache})[1]

    ours_values, bare_values = interleaved(ours, lambda: first_frame_wall_and_cpu(BARE_APP, env)[1], runs)
    return statistics.median(ours_values), statistics.median(bare_values), paired_ratio(ours_values, bare_values)


def early_keys_kept(env: dict[str, str], sessions_root: Path, text: str = "typed before the first frame") -> bool:
    """Type a note and Enter the moment the program starts; True if the log has it, whole."""
    from interview_tui.session import load_session

    terminal = _spawn(interview("run", "--participant", "Early"), env)
    try:
        os.write(terminal.fd, (text + ENTER).encode())
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            terminal.drain(0.2)
            # A session folder is made before its log file: a folder counts once a log is in it.
            folders = sorted({log.parent for log in sessions_root.glob("*/*.jsonl")}) if sessions_root.exists() else []
            if folders and [n.text for n in load_session(folders[0])[1].notes] == [text]:
                return True
        return False
    finally:
        terminal.kill(signal.SIGKILL)


def keystroke_echo(argv: list[str], env: dict[str, str], keys: int, *, start_clock: bool = False) -> list[float]:
    """Seconds from writing each key to seeing it drawn, 20 keys a second (a fast typist)."""
    return keystroke_echo_and_cpu(argv, env, keys, start_clock=start_clock)[0]


def keystroke_echo_and_cpu(argv: list[str], env: dict[str, str], keys: int, *, start_clock: bool = False) -> tuple[list[float], float]:
    """Echo latencies, and the program's CPU seconds per key over the run (steadier under load)."""
    terminal = _spawn(argv, env)
    latencies: list[float] = []
    try:
        if not terminal.wait_for(lambda: READY in terminal.output, timeout=120):
            raise RuntimeError(f"no first frame from {argv}")
        if start_clock:
            os.write(terminal.fd, F5.encode())
        terminal.drain(1.0)
        cpu_before = cpu_seconds(terminal.pid)
        for index in range(keys):
            echo = ECHO_CHARACTERS[index % len(ECHO_CHARACTERS)].encode()
            mark = len(terminal.output)
            sent = time.perf_counter()
            os.write(terminal.fd, echo)
            if terminal.wait_for(lambda: echo in terminal.output[mark:], timeout=2):
                latencies.append(time.perf_counter() - sent)
            if (index + 1) % 40 == 0:
                os.write(terminal.fd, ENTER.encode())  # save the note: the pane grows as we type
            terminal.drain(max(0.05 - (time.perf_counter() - sent), 0))
        return latencies, (cpu_seconds(terminal.pid) - cpu_before) / keys
    finally:
        terminal.kill(signal.SIGKILL)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(int(round(0.95 * (len(ordered) - 1))), len(ordered) - 1)]


def keystroke_ratio(env: dict[str, str], folder: Path | None, keys: int, runs: int = 1) -> tuple[float, float, float]:
    """(ours, bare, ratio) of keystroke echo p95: `interview resume folder` (or a new session) against bare."""
    argv = interview("resume", str(folder)) if folder is not None else interview("run", "--participant", "Bench")
    ours: list[float] = []
    bare: list[float] = []
    for _ in range(runs):
        ours += keystroke_echo(argv, env, keys, start_clock=True)
        bare += keystroke_echo(BARE_APP, env, keys)
    return p95(ours), p95(bare), p95(ours) / p95(bare)


def replay_end_and_step_back(folder: Path, env: dict[str, str], last_text: str, end_t: float) -> tuple[float, float]:
    """Seconds until the screen shows the last note after End, then the clock 10 s back after Left."""
    terminal = _spawn(interview("replay", str(folder), "--paused"), env)
    try:
        if not terminal.wait_for(lambda: b"Replay" in terminal.output, timeout=600):
            raise RuntimeError("no first frame from replay")
        terminal.drain(1.0)
        mark = len(terminal.output)
        marker = last_text.encode()
        sent = time.perf_counter()
        os.write(terminal.fd, END.encode())
        terminal.wait_for(lambda: marker in terminal.output[mark:], timeout=120)
        end = time.perf_counter() - sent
        terminal.drain(0.5)
        mark = len(terminal.output)
        back = f"{mmss(end_t - 10)} / {mmss(end_t)}".encode()
        sent = time.perf_counter()
        os.write(terminal.fd, LEFT.encode())
        terminal.wait_for(lambda: back in terminal.output[mark:], timeout=120)
        step = time.perf_counter() - sent
        return end, step
    finally:
        terminal.kill(signal.SIGKILL)


def cpu_seconds(pid: int) -> float:
    """CPU seconds the process's threads have run: the scheduler's own count, in nanoseconds, where
    the kernel keeps it (utime + stime are sampled at the clock tick, 10 ms: a step as large as a
    third of the difference between two idle apps over 60 s)."""
    if not Path(f"/proc/{pid}/schedstat").exists():  # a kernel without scheduler statistics
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    nanoseconds = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            nanoseconds += int((task / "schedstat").read_text().split()[0])
        except FileNotFoundError:
            pass  # a thread that ended as it was read
    return nanoseconds / 1e9


def idle_cpu(argv: list[str], env: dict[str, str], seconds: float, keys: str = "") -> float:
    """Percent of a core used over `seconds` after the first frame (and `keys`, e.g. F5)."""
    terminal = _spawn(argv, env)
    try:
        terminal.wait_for(lambda: READY in terminal.output, timeout=600)
        if keys:
            os.write(terminal.fd, keys.encode())
        terminal.drain(2.0)
        before = cpu_seconds(terminal.pid)
        terminal.drain(seconds)
        return 100 * (cpu_seconds(terminal.pid) - before) / seconds
    finally:
        terminal.kill(signal.SIGKILL)


def idle_cpu_ratio(env: dict[str, str], folder: Path | None, seconds: float) -> tuple[float, float, float]:
    argv = interview("resume", str(folder)) if folder is not None else interview("run", "--participant", "Bench")
    ours = idle_cpu(argv, env, seconds, keys=F5)
    bare = idle_cpu(BARE_APP, env, seconds)
    return ours, bare, ours / bare if bare else float("inf")


def session_with_notes(root: Path, notes: int, *, end: bool = False) -> Path:
    """A session of `notes` notes three seconds apart over every phase, made by the real core."""
    from benchmarks.run import session_with_notes as make

    return make(root, notes, end=end)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs = 1 if args.quick else 7
    first_frame_runs = 1 if args.quick else FIRST_FRAME_RUNS
    keys = 40 if args.quick else 200
    idle_seconds = 5.0 if args.quick else 60.0
    with tempfile.TemporaryDirectory(prefix="interview-bench-") as scratch:
        root = Path(scratch)
        env = environment(root / "sessions")
        for label, (ours, bare, ratio) in zip(("first frame", "first frame, CPU"), first_frame_ratio(env, first_frame_runs)):
            print(f"{label}: ours {ours * 1000:.0f} ms, bare {bare * 1000:.0f} ms, {ratio:.2f}x (target <= 1.15x)")
        for skip in (False, True):
            wall, cpu = first_frame_floor_ratios(env, first_frame_runs, skip_clock_column=skip)
            print(f"first frame of the live screen's widgets, no logic{' nor clock column' if skip else ''}: {wall[2]:.2f}x wall, {cpu[2]:.2f}x CPU")
        ours, bare, ratio = first_frame_new_playbook_cpu_ratio(env, runs)
        print(f"first frame, CPU, playbook new to the cache: ours {ours * 1000:.0f} ms, bare {bare * 1000:.0f} ms, {ratio:.2f}x")
        early_env = environment(root / "early")
        print(f"keys typed before the first frame kept: {early_keys_kept(early_env, root / 'early')}")
        for notes in (0, 500) if args.quick else (0, 500, 10_000):
            folder = session_with_notes(root / f"keys-{notes}", notes) if notes else None
            ours, bare, ratio = keystroke_ratio(env, folder, keys)
            print(f"keystroke echo p95 at {notes:,} notes: ours {ours * 1000:.1f} ms, bare {bare * 1000:.1f} ms, {ratio:.2f}x (target <= 1.2x)")
        for notes in (100, 10_000) if args.quick else (100, 100_000):
            folder = session_with_notes(root / f"replay-{notes}", notes, end=True)
            from interview_tui.session.load import load_timeline

            _, timeline = load_timeline(folder)
            end, step = replay_end_and_step_back(folder, env, f"Note {notes - 1}:", timeline.end)
            print(f"replay at {notes:,} notes: End {end * 1000:.0f} ms, 10 s back {step * 1000:.0f} ms (target <= 300 ms)")
        for notes in (0, 10_000):
            folder = session_with_notes(root / f"idle-{notes}", notes) if notes else None
            ours, bare, ratio = idle_cpu_ratio(env, folder, idle_seconds)
            print(f"idle CPU, clock running, {notes:,} notes: ours {ours:.2f}%, bare {bare:.2f}%, {ratio:.2f}x (target <= 1.1x)")


if __name__ == "__main__":
    main()
