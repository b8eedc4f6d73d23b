"""Resume a session that already holds one 50 MB note (written by a version without the note size
limit, or by hand), on a real pseudo-terminal, against the bare Textual app in the same run.

    python -m benchmarks.huge_note            # a 50 MB note
    python -m benchmarks.huge_note --mb 5     # smaller, quicker

Prints the time to the first frame of `interview resume` and its resident memory, and the bare app's
first frame for the ratio. Figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import signal
import statistics
import tempfile
from pathlib import Path

from benchmarks.run import BARE_APP, REPO, interview_argv, spawn
from benchmarks.screen import first_frame
from interview_tui.playbook import load_playbook, resolve_playbook
from interview_tui.session import Role, Session
from interview_tui.session.clock import FakeClock
from tests.terminal import session_env


def session_with_a_huge_note(root: Path, megabytes: int) -> Path:
    session = Session.create(root, load_playbook(resolve_playbook("customer-interview")), participant={"name": "Big"}, clock=FakeClock())
    session.add_note(Role.SCRIBE, "a note before the huge one")
    session.close()
    words = "word #tag "  # a tag every ten characters: the worst case for colouring tags
    huge = {"seq": 99, "type": "note_added", "t": 5.0, "at": "2026-11-22T14:00:05.000+01:00", "writer": session.writer.writer_id,
            "note": "huge", "role": "scribe", "text": words * (megabytes * 1_000_000 // len(words)), "tags": ["tag"],
            "phase": "housekeeping", "question": None, "backdate": 0}
    with open(session.writer.path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(huge) + "\n")
    return session.folder


def resident_and_peak_mb(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """VmRSS and VmHWM (the peak) of the program once its first frame is drawn."""
    terminal = spawn(argv, env)
    try:
        terminal.wait_for(lambda: b"Enter saves" in terminal.output, timeout=60)
        terminal.drain(0.5)
        status = dict(line.split(":", 1) for line in Path(f"/proc/{terminal.pid}/status").read_text().splitlines())
        return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024
    finally:
        terminal.kill(signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=int, default=50, help="size of the note in MB (default 50)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=REPO) as scratch:
        root = Path(scratch) / "sessions"
        env = session_env(root)
        env["PYTHONPATH"] = str(REPO)
        folder = session_with_a_huge_note(root, args.mb)
        resume = interview_argv("resume", str(folder))
        ours = [first_frame(resume, env) for _ in range(3)]
        bare = [first_frame(BARE_APP, env) for _ in range(3)]
        rss, peak = resident_and_peak_mb(resume, env)
    ratio = statistics.median(ours) / statistics.median(bare)
    print(f"resume with one {args.mb} MB note: first frame {statistics.median(ours) * 1000:.0f} ms (median of 3), "
          f"bare app {statistics.median(bare) * 1000:.0f} ms, {ratio:.1f}x; RSS {rss:.0f} MB, peak {peak:.0f} MB")


if __name__ == "__main__":
    main()
