"""The note pane at any size: it draws only the lines on screen, every note stays reachable, and
notes sit in the order of the moments they describe. Work is bounded by counting rendered lines and
measured notes, never by seconds."""

from __future__ import annotations

from textual.app import App, ComposeResult

from interview_tui.session import Role
from interview_tui.session.state import Note
from interview_tui.tui.app import InterviewApp
from interview_tui.tui.text import tag_colour
from interview_tui.tui.widgets.note_pane import NotePane

MANY = 100_000
PHASE_TITLES = {"intro": "Housekeeping", "deep": "Meaty questions"}


def make_notes(count: int, *, long_every: int = 0) -> list[Note]:
    notes = []
    for index in range(count):
        text = f"note {index} [not markup]"
        if long_every and index % long_every == 0:
            text += " with many words" * 20  # wraps over several lines
        notes.append(Note(id=f"n{index}", role=Role.SCRIBE, text=text, tags=(), phase="intro" if index < count // 2 else "deep",
                          t=float(index), clock=float(index), at="", writer="w"))
    return notes


class PaneApp(App):
    def compose(self) -> ComposeResult:
        yield NotePane(Role.SCRIBE, None, phase_titles=PHASE_TITLES)


def visible_lines(pane: NotePane) -> list[str]:
    note_list = pane.note_list
    return [note_list.render_line(y).text.rstrip() for y in range(note_list.scrollable_content_region.height)]


async def test_a_hundred_thousand_notes_cost_what_the_screen_shows(tmp_path):
    app = PaneApp()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.query_one(NotePane)
        note_list = pane.note_list
        pane.show_notes(make_notes(MANY, long_every=7))
        await pilot.pause()
        height = note_list.scrollable_content_region.height
        # The newest note is at the bottom, and only the notes on screen were wrapped.
        assert visible_lines(pane)[-1].startswith("27:46:39 note 99999 [not markup]")
        assert len(note_list._measured) <= height
        assert note_list.render_line_calls <= 4 * height

        # Scrolling to the top and to the middle: the right notes, bounded work.
        for target, first in ((0, "── Housekeeping"), (None, None)):
            note_list.render_line_calls = 0
            measured_before = len(note_list._measured)
            if target is None:
                target = note_list._heights.prefix(MANY // 2)  # the first note of the second phase
                first = "── Meaty questions"
            note_list.scroll_to(y=target, animate=False, immediate=True)
            await pilot.pause()
            assert visible_lines(pane)[0].startswith(first)
            assert len(note_list._measured) - measured_before <= height
            assert note_list.render_line_calls <= 4 * height

        # A resize forgets measured heights rather than re-wrapping every note.
        note_list.render_line_calls = 0
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        assert len(note_list._measured) <= 30
        assert note_list.render_line_calls <= 4 * 30


async def test_the_newest_note_stays_in_sight_when_the_scrollbar_appears(playbook, sessions_root, clock):
    """The note that overfills the scribe's pane at 80x24 brings its scrollbar, which narrows (and
    re-wraps) the notes: the pane still shows that newest note, not the top of the list."""
    app = InterviewApp(playbook=playbook, sessions_root=sessions_root, participant={"name": "Ana"}, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.screen.query_one("#pane-scribe", NotePane)
        texts = ["Ops lead at a logistics firm", "Rebuilds the Friday report by hand #pain", "Uses three spreadsheets",
                 "Asks for a weekly export", "Fifth note"]
        for text in texts:
            await pilot.press(*text, "enter")
            await pilot.pause()
            assert any(text.split(" #")[0] in line for line in visible_lines(pane)), visible_lines(pane)


async def test_every_note_can_be_chosen_by_keys_even_among_many(tmp_path):
    app = PaneApp()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.query_one(NotePane)
        note_list = pane.note_list
        pane.show_notes(make_notes(MANY))
        note_list.can_focus = True
        note_list.focus()
        note_list.select(MANY - 1)
        await pilot.press("home")
        assert note_list.selected_note_id() == "n0"
        await pilot.press("down", "down", "pagedown")
        assert note_list.selected_note_id() == "n12"
        assert any(line.startswith("00:12 note 12") for line in visible_lines(pane))
        await pilot.press("end")
        assert note_list.selected_note_id() == f"n{MANY - 1}"


async def test_replay_step_back_removes_only_the_newest_notes(tmp_path):
    app = PaneApp()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.query_one(NotePane)
        notes = make_notes(MANY)
        pane.show_notes(notes)
        await pilot.pause()
        kept = pane.note_list.notes[0]
        pane.show_notes(notes[: MANY - 10])  # ten seconds back
        await pilot.pause()
        assert pane.note_list.note_count == MANY - 10 and pane.note_list.notes[0] is kept
        assert visible_lines(pane)[-1].startswith(f"27:46:29 note {MANY - 11} ")


async def test_a_backdated_note_sits_at_the_moment_it_describes(playbook, sessions_root, clock):
    app = InterviewApp(playbook=playbook, sessions_root=sessions_root, participant={"name": "Ana"}, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        clock.advance(60)
        await pilot.press(*"first", "enter")
        clock.advance(30)
        await pilot.press("ctrl+b", "ctrl+b", "ctrl+b", "ctrl+b")  # 40 s back: before "first"
        await pilot.press(*"said earlier", "enter")
        note_list = app.screen.query_one("#pane-scribe", NotePane).note_list
        assert [note_list.shown_text(i) for i in range(note_list.note_count)] == ["00:50 said earlier", "01:00 first"]


async def test_a_one_key_tag_on_the_last_note_shows_at_once_in_its_colour(playbook, sessions_root, clock):
    app = InterviewApp(playbook=playbook, sessions_root=sessions_root, participant={"name": "Ana"}, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"exports by hand", "enter")
        await pilot.press("alt+p")  # nothing typed: tags the pane's last note
        await pilot.pause()
        note_list = app.screen.query_one("#pane-scribe", NotePane).note_list
        assert note_list.shown_text(0) == "00:00 exports by hand #pain"
        strip = note_list._note_strips(0)[-1]
        colours = {segment.style.color.triplet.hex for segment in strip if segment.text == "#pain" and segment.style and segment.style.color}
        assert colours == {tag_colour("pain")}


def test_line_heights_agree_with_a_plain_list():
    """The sparse heights behind the pane against the obvious list of heights, on random edits."""
    import random

    from interview_tui.tui.line_heights import LineHeights

    rng = random.Random(2)
    for _ in range(200):
        heights = [1] * rng.randint(0, 40)
        sparse = LineHeights(len(heights))
        for _ in range(rng.randint(0, 20)):
            action = rng.choice("sssetr")
            if action == "s" and heights:
                index, height = rng.randrange(len(heights)), rng.randint(1, 4)
                heights[index] = height
                sparse.set(index, height)
            elif action == "e":
                count = rng.randint(0, 5)
                heights += [1] * count
                sparse.extend(count)
            elif action == "t":
                count = rng.randint(0, len(heights))
                del heights[count:]
                sparse.truncate(count)
            elif action == "r":
                heights = [1] * rng.randint(0, 30)
                sparse.reset(len(heights))
        assert [sparse[i] for i in range(len(heights))] == heights
        assert [sparse.prefix(count) for count in range(len(heights) + 1)] == [sum(heights[:count]) for count in range(len(heights) + 1)]
        expected = [(index, offset) for index, height in enumerate(heights) for offset in range(height)]
        assert [sparse.find(line) for line in range(sum(heights))] == expected


async def test_typing_lays_nothing_out_whatever_the_number_of_notes(playbook, sessions_root, clock, monkeypatch):
    """A keystroke redraws the input only: no layout pass of the screen, none of the note list."""
    from textual.screen import Screen

    app = InterviewApp(playbook=playbook, sessions_root=sessions_root, participant={"name": "Ana"}, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.screen.query_one("#pane-scribe", NotePane)
        pane.show_notes(make_notes(10_000))
        await pilot.pause()
        layouts = []
        real = Screen._refresh_layout
        monkeypatch.setattr(Screen, "_refresh_layout", lambda self, *args, **kwargs: (layouts.append(1), real(self, *args, **kwargs))[1])
        pane.note_list.render_line_calls = 0
        await pilot.press(*"a fast typist")
        await pilot.pause()
        assert pane.input.value == "a fast typist"
        # 13 keys laid the screen out 13 times before; a timer of the screen (the clock, the draft
        # save) may still lay it out once meanwhile on a slow machine, never once a key.
        assert len(layouts) <= 2 and pane.note_list.render_line_calls == 0
