"""The first frame counted in instructions: the steady figure behind the timed one.

On a machine whose speed drifts, one start's time moves by a third from the next; the number of
instructions a program runs does not (callgrind counts the same to 0.1% run after run, whatever else
the machine does). Each program runs under `valgrind --tool=callgrind` on a 120x40 pty and exits the
moment its first frame is on the screen (Textual's Ready): the bare app (benchmarks/bare_app.py) and
`interview run --participant Bench` on the bundled playbook, in an empty sessions folder, its
playbook cache warm, our modules compiled first, PYTHONHASHSEED=0.

    python -m benchmarks.instructions      # about a minute; needs valgrind
"""

from __future__ import annotations

import compileall
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.screen import REPO, SIZE, environment
from tests.terminal import Terminal

# Run as the program: exits at the first frame. argv[1] is "bare" or "interview", then its arguments.
EXIT_AT_FIRST_FRAME = """
import os, sys
which, args = sys.argv[1], sys.argv[2:]
if which == "bare":
    sys.path.insert(0, {repo!r})
    from benchmarks.bare_app import BareApp
    BareApp.on_ready = lambda self: os._exit(0)
    BareApp().run()
else:
    from interview_tui.cli import main
    from interview_tui.commands import run
    run_app = run._run_app
    def run_until_first_frame(app):
        # The app's class is patched here, not imported first: Textual is imported where the
        # command imports it, as in a person's start (after the garbage collector is held).
        first_frame_shown = type(app).on_ready
        def on_ready(self):
            first_frame_shown(self)
            os._exit(0)
        type(app).on_ready = on_ready
        return run_app(app)
    run._run_app = run_until_first_frame
    sys.exit(main(args))
"""


def count(which: str, args: list[str], env: dict[str, str], folder: Path) -> int:
    """Instructions `which` runs until its first frame."""
    runner = folder / "exit_at_first_frame.py"
    runner.write_text(EXIT_AT_FIRST_FRAME.format(repo=str(REPO)))
    out = folder / f"callgrind.{which}.out"
    argv = [shutil.which("valgrind") or "valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
            sys.executable, str(runner), which, *args]
    terminal = Terminal([], env, size=SIZE, program=argv)  # drawn to, and read from, as on a screen
    status = terminal.read_until_exit(timeout=600)
    if status != 0:
        raise RuntimeError(f"{which} under valgrind ended with wait status {status}, not at its first frame")
    match = re.search(r"^summary: (\d+)$", out.read_text(), re.MULTILINE)
    if match is None:
        raise RuntimeError(f"callgrind wrote no count for {which}: {out}")
    return int(match.group(1))


def main() -> None:
    if shutil.which("valgrind") is None:
        sys.exit("benchmarks.instructions: valgrind is not installed (Debian: apt install valgrind)")
    compileall.compile_dir(REPO / "interview_tui", quiet=1)
    with tempfile.TemporaryDirectory(prefix="instructions-") as scratch:
        folder = Path(scratch)
        env = environment(folder / "sessions")
        env["PYTHONHASHSEED"] = "0"
        env["XDG_CACHE_HOME"] = str(folder / "cache")  # a cache of its own, made warm here
        subprocess.run([sys.executable, "-c", "from interview_tui.playbook import load_playbook, resolve_playbook; "
                        "load_playbook(resolve_playbook(None))"], env=env, check=True)
        (folder / "sessions").mkdir(mode=0o700)
        bare = count("bare", [], env, folder)
        ours = count("interview", ["run", "--participant", "Bench"], env, folder)
    print(f"instructions until the first frame, {SIZE[0]}x{SIZE[1]}:")
    print(f"  bare Textual app (benchmarks/bare_app.py)   {bare / 1e6:9,.1f} million")
    print(f"  interview run --participant Bench           {ours / 1e6:9,.1f} million   {ours / bare:.3f}x")


if __name__ == "__main__":
    main()
