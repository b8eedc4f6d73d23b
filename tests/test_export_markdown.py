"""The Markdown write-up: reads like one, grouped by phase, and shows user text exactly as typed."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from interview_tui.export import to_markdown
from interview_tui.session import Role, Session, load_session

SAMPLE = Path(__file__).resolve().parent.parent / "sessions" / "20261103-100000-da7a"
PHASE_TITLES = ["Housekeeping", "Warm-up questions", "Meaty questions", "Observer questions", "Turn the tables", "Wrap-up"]


def rendered_text(markdown: str) -> str:
    """What a reader sees once GitHub-style Markdown is rendered: the text, tags stripped."""
    rendered = MarkdownIt("gfm-like").render(markdown)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered.replace("<br />\n", "\n")))


@pytest.fixture
def sample_md() -> str:
    log, state = load_session(SAMPLE)
    return to_markdown(log, state)


def test_the_sample_write_up_has_title_summary_and_phases_in_playbook_order(sample_md):
    lines = sample_md.splitlines()
    assert lines[0] == "# Customer interview with Dana Whitfield, 2026-11-03"
    assert "- **Participant:** Dana Whitfield, Head of operations" in lines
    assert "**Summary:** 51:05 of 1:05:00 planned; 26 notes (6 interviewer, 13 scribe, 7 observer); ended." in lines
    assert sample_md.count("**Purpose:** Learn how this customer works today") == 1
    by_phase = sample_md.split("## Notes by phase", 1)[1].split("\n## ", 1)[0].splitlines()
    assert [line[4:] for line in by_phase if line.startswith("### ")] == PHASE_TITLES
    meaty = lines.index("### Meaty questions")
    assert lines[meaty + 2] == "*Planned 20 min, took 20:50.*"


def test_the_debrief_shows_problems_with_their_notes_and_whys(sample_md):
    problems = sample_md.split("## Problems", 1)[1].split("\n## ", 1)[0]
    assert "### The weekly report is rebuilt by hand" in problems
    assert '- **16:30** Scribe: "Every Friday I rebuild the same report by hand.' in problems
    assert "1. Why? the numbers live in three tools" in problems and "5. Why? reporting was never" in problems
    assert "- **valuable:** \"Every Friday I rebuild" in sample_md.split("## Marked in the debrief", 1)[1]


def test_each_note_is_time_role_text_under_its_phase_with_every_tag(sample_md):
    section = sample_md.split("### Meaty questions")[1].split("### ")[0]
    assert (
        '- **16:30** Scribe: "Every Friday I rebuild the same report by hand. Two hours, every week." '
        "#quote #pain (rec 15:30)" in section
    )
    # A tag added with a key, not typed, is shown after the text.
    assert "- **28:20** Scribe: When the report is late, the boss calls her on Saturday #quote (rec 27:20)" in section
    assert "\\[José, Zoë\\]" in section
    assert "## Follow-ups\n\n- [ ] Send Dana a redacted copy of the Friday report template #follow-up" in sample_md


@pytest.mark.parametrize(
    "text",
    [
        "[laughs] *really* **bold** _under_ `code` ~strike~ <b>tag</b> &amp; [link](http://x)",
        "snake_case, R&D, a -> b, 50% off, C# and F#",
        "C:\\path\\ ends with a backslash \\",
        "two lines\n# not a heading\n- not a list\n1. not a list\n===\n> not a quote\n| a | b |\n|---|---|\n```",
        "한국어 노트 [웃음] *강조* #태그 与中文混合",
    ],
    ids=["inline markup", "plain punctuation", "backslashes", "line starts", "korean and chinese"],
)
def test_notes_render_exactly_as_typed(sessions_root, playbook, clock, text):
    session = Session.create(sessions_root, playbook, participant={"name": "Kim"}, clock=clock)
    session.add_note(Role.SCRIBE, text)
    markdown = to_markdown(*load_session(session.folder))
    shown = rendered_text(markdown).split("Scribe: ", 1)[1].split("\nWarm-up questions", 1)[0]
    assert shown.strip("\n").splitlines() == text.splitlines()


def test_plain_punctuation_gets_no_backslashes(sessions_root, playbook, clock):
    session = Session.create(sessions_root, playbook, clock=clock)
    session.add_note(Role.OBSERVER, "snake_case, R&D, a -> b, 50% off (really)")
    assert "Observer: snake_case, R&D, a -> b, 50% off (really)\n" in to_markdown(*load_session(session.folder))


def test_participant_names_cannot_become_markup_and_control_characters_are_visible(sessions_root, playbook, clock):
    session = Session.create(sessions_root, playbook, participant={"name": "<b>Kim</b> [x]"}, clock=clock)
    session.add_note(Role.SCRIBE, "bell\x07 escape\x1b[31m")
    markdown = to_markdown(*load_session(session.folder))
    assert markdown.startswith("# Customer interview with \\<b>Kim\\</b> \\[x\\], 2026-11-22\n")
    assert "\x07" not in markdown and "\x1b" not in markdown
    assert "Scribe: bell\u2407 escape\u241b\\[31m" in markdown


def test_a_generated_session_counts_notes_per_role_and_leaves_out_deleted_ones(sessions_root, playbook, clock):
    session = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock)
    session.start_clock()
    clock.advance(90)
    session.add_note(Role.INTERVIEWER, "hello")
    gone = session.add_note(Role.SCRIBE, "typo")
    session.delete_note(gone.id)
    session.next_phase()
    clock.advance(30)
    kept = session.add_note(Role.OBSERVER, "frist")
    session.edit_note(kept.id, "first")
    markdown = to_markdown(*load_session(session.folder))
    assert "**Summary:** 02:00 of 1:05:00 planned; 2 notes (1 interviewer, 0 scribe, 1 observer); not ended." in markdown
    assert "typo" not in markdown
    assert "### Warm-up questions\n\n*Planned 10 min, took 00:30.*\n\n- **02:00** Observer: first (edited)" in markdown
    assert "### Wrap-up\n\n*Planned 10 min, took 00:00.*\n\nNo notes." in markdown


def test_an_unstarted_session_says_so(sessions_root, playbook, clock):
    session = Session.create(sessions_root, playbook, clock=clock)
    markdown = to_markdown(*load_session(session.folder))
    assert markdown.startswith("# Customer interview with unnamed participant, 2026-11-22\n")
    assert "**Summary:** clock never started; 0 notes" in markdown


def test_read_problems_are_listed_at_the_end_by_file_and_line(sessions_root, playbook, clock):
    session = Session.create(sessions_root, playbook, clock=clock)
    session.add_note(Role.SCRIBE, "kept")
    with open(session.writer.path, "ab") as handle:
        handle.write(b'{"torn')
    markdown = to_markdown(*load_session(session.folder))
    name = session.writer.path.name
    assert markdown.endswith(
        f"## Skipped while reading\n\n- {name}:4: incomplete last line (the writer was stopped mid-write); skipped\n"
    )
    assert str(sessions_root) not in markdown  # a write-up does not give away the sender's folders


def test_a_backdated_note_sits_at_the_moment_it_describes(sessions_root, playbook, clock):
    session = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock)
    session.start_clock()
    clock.advance(60)
    session.add_note(Role.SCRIBE, "written first")
    clock.advance(20)
    session.add_note(Role.OBSERVER, "sighed about 30 s ago", backdate=30)
    session.close()
    markdown = to_markdown(*load_session(session.folder))
    assert markdown.index("sighed about 30 s ago") < markdown.index("written first")


def test_ticked_checklist_items_show_in_the_write_up(sessions_root, playbook, clock):
    session = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock)
    housekeeping = playbook.phases[0]
    session.tick_checklist_item(1)
    session.close()
    markdown = to_markdown(*load_session(session.folder))
    assert f"☐ {housekeeping.checklist[0]}; ☑ {housekeeping.checklist[1]}" in markdown
