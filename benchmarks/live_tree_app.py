"""A reference, not a baseline: the live screen's widget tree built from Textual's own widgets, with no
logic and nothing of ours imported. Same containers, same 35 widgets, about the same text, at any size.

Its first frame is what Textual itself needs to draw a screen like the live screen; benchmarks/run.py
measures it against the bare app in the same run, so the first-frame figure can be read against what
no code of ours can go below. `SKIP_CLOCK_COLUMN=1` leaves the clock column empty: the session bar, the
three note panes and the key bar only.
"""

import os

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Input, Static

ROLES = ("interviewer", "scribe", "observer")


class LiveTreeApp(App):
    CSS = """
    #session-bar { height: 1; }
    #session-title { width: 1fr; }
    #presence, #shrink { display: none; }
    #session-badges, #palette-hint { width: auto; padding: 0 1; }
    #purpose { height: 1; }
    #body { height: 1fr; }
    #clock-column { width: 36; border-right: vkey $panel; }
    #phase-clock, #phase-clock > * { height: auto; }
    #phase-list { height: 7; }
    #script-panel { height: 1fr; }
    #panes { width: 1fr; }
    .pane { border: round $panel-lighten-2; height: 1fr; }
    .pane.-focused { height: 3fr; border: round $accent; }
    .notes { height: 1fr; }
    .input-row { height: 1; }
    .input-row > Input { width: 1fr; height: 1; border: none; padding: 0 1; }
    .status { width: auto; padding: 0 1; }
    #key-bar { height: 1; dock: bottom; }
    """
    AUTO_FOCUS = "#input-scribe"

    def compose(self) -> ComposeResult:
        with Horizontal(id="session-bar"):
            yield Static("Customer interview · Bench · 20261123-083041-797b", id="session-title")
            yield Static(id="presence")
            yield Static("consent not asked", id="session-badges")
            yield Static("ctrl+p commands", id="palette-hint")
        yield Static("Learn how this customer works today and where it hurts, so we stop guessing what they need.", id="purpose")
        with Horizontal(id="body"):
            with Vertical(id="clock-column"):
                if not os.environ.get("SKIP_CLOCK_COLUMN"):
                    with Vertical(id="phase-clock"):
                        yield Static("1/6 Housekeeping", id="phase-title")
                        yield Digits("05:00", id="countdown")
                        yield Static("Clock not started (F5 starts)", id="clock-status")
                        yield Static("Session 00:00 · left 1:05:00", id="session-time")
                        yield Static(id="shrink")
                    yield Static("\n".join(f"  Phase {index + 1}          10m" for index in range(6)), id="phase-list")
                    with Vertical(id="script-panel"):
                        yield Static("Next ▶ Is it all right with you if we record this conversation?\nF4 asked · F9 skip", id="script")
            with Vertical(id="panes"):
                for role in ROLES:
                    with Vertical(id=f"pane-{role}", classes="pane -focused" if role == "scribe" else "pane"):
                        yield Static(classes="notes")
                        with Horizontal(classes="input-row"):
                            yield Input(placeholder="Type a note · Enter saves · #tag", id=f"input-{role}")
                            yield Static(classes="status")
        yield Static("f1 Interviewer  f2 Scribe  f3 Observer  f5 Start  f6 Pause  f7 Prev  f8 Next  f10 End", id="key-bar")


if __name__ == "__main__":
    LiveTreeApp().run()
