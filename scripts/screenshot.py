"""Render the README's screenshot of the live screen: `python scripts/screenshot.py`.

A scripted interview on a fake clock, so the picture is the same every time it is made.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from interview_tui.playbook import load_playbook, resolve_playbook
from interview_tui.session.clock import FakeClock
from interview_tui.tui.app import InterviewApp

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "live-screen.svg"

SCRIPT = [
    # (seconds to wait first, key that picks the pane or phase, note text)
    (40, "f1", "Thanked Dana, recording OK, NDA signed"),
    (35, "f2", "Dana: ops lead at a 40-person logistics firm, 3 years"),
    (60, "f8", None),
    (45, "f2", "\"Every Friday I rebuild the same report by hand\" #quote #pain"),
    (20, "f3", "Sighs when talking about the Friday report #observation"),
    (50, "f2", "Copies from 3 tools into a spreadsheet, ~2 h a week #pain"),
    (30, "f8", None),
    (65, "f2", "Tried Zapier, gave up after the free tier #insight"),
    (25, "f3", "Ask: what if the report built itself? #question"),
    (40, "f1", "Follow up: share a redacted copy of the report #follow-up"),
]


async def render(output: Path) -> None:
    clock = FakeClock()
    with tempfile.TemporaryDirectory() as sessions:
        app = InterviewApp(
            playbook=load_playbook(resolve_playbook("customer-interview")),
            sessions_root=Path(sessions),
            participant={"name": "Dana (P03)"},
            clock=clock,
        )
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("f5")
            for wait, key, text in SCRIPT:
                clock.advance(wait)
                await pilot.press(key)
                if text:
                    app.screen.focused.value = text
                    await pilot.press("enter")
            clock.advance(312)
            await pilot.press("f2")
            app.screen.refresh_clock()
            await pilot.pause()
            app.save_screenshot(filename=output.name, path=str(output.parent))


if __name__ == "__main__":
    asyncio.run(render(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT))
    print(f"wrote {OUTPUT}")
