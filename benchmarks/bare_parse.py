"""The baseline for the report and the exports: a bare JSON parse of the same files.

    python benchmarks/bare_parse.py FOLDER...

Reads every session log (`*.jsonl`) under the folders and parses each line with `json.loads`, as a
plain JSON Lines reader does, keeping nothing; prints its peak RSS (kB) last on stderr, as the
benchmark's wrapper around `interview` does. No interview_tui import: this is what reading the
same bytes costs in the same interpreter.
"""

import json
import sys
from pathlib import Path


def main() -> None:
    lines = 0
    for folder in sys.argv[1:]:
        for path in sorted(Path(folder).rglob("*.jsonl")):
            for line in path.read_bytes().splitlines():
                if line.strip():
                    json.loads(line)
                    lines += 1
    peak = [line for line in open("/proc/self/status") if line.startswith("VmHWM:")][0].split()[1]
    print(f"{lines} lines", file=sys.stderr)
    print(peak, file=sys.stderr)


if __name__ == "__main__":
    main()
