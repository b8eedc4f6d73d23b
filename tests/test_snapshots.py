"""The look of the live screen, at 80x24 and 120x40, in each pacing state (fixed clock, blink off).

Update after a deliberate change with `pytest tests/test_snapshots.py --snapshot-update`, then look
at the SVGs in tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from textual.widgets import Input

from interview_tui import i18n
from interview_tui.session import Role, Session
from interview_tui.session.clock import FakeClock
from interview_tui.tui.app import InterviewApp
from interview_tui.tui.screens.live import LiveScreen

# Seconds into the housekeeping phase (5 min) for each pacing state.
PACE_STATES = {"calm": 30, "warning": 250, "alert": 290, "overtime": 340}
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


def demo_app(playbook, tmp_path, seconds_in: float) -> InterviewApp:
    clock = FakeClock()
    session = Session.create(
        tmp_path / "sessions", playbook, participant={"name": "Dana (P03)"}, clock=clock,
        session_id="20261122-140000-demo", writer_id="wdemo",
    )
    session.record_consent(session.state.consent.YES)
    session.start_clock()
    clock.advance(20)
    session.add_note(Role.INTERVIEWER, "Thanked Dana; recording OK; NDA signed")
    session.add_note(Role.SCRIBE, "Ops lead, 40-person logistics firm [3 yrs] #context")
    clock.advance(5)
    session.add_note(Role.OBSERVER, "Relaxed, camera on #observation")
    session.add_note(Role.SCRIBE, "주문 관리가 어렵다고 함 · 她每周五导出 Excel #pain")
    clock.advance(seconds_in - 25)
    return InterviewApp(playbook=playbook, sessions_root=tmp_path / "sessions", session=session, clock=clock)


async def still(pilot) -> None:
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    if isinstance(pilot.app.screen, LiveScreen):
        pilot.app.screen.refresh_clock()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("pace", PACE_STATES)
def test_live_screen_looks_right(snap_compare, playbook, tmp_path, pace, size):
    app = demo_app(playbook, tmp_path, PACE_STATES[pace])
    assert snap_compare(app, terminal_size=SIZES[size], run_before=still)


def test_setup_screen_looks_right(snap_compare, tmp_path):
    from interview_tui.playbook import load_playbook, resolve_playbook

    app = InterviewApp(playbook=load_playbook(resolve_playbook("customer-interview")), sessions_root=tmp_path, clock=FakeClock())
    assert snap_compare(app, terminal_size=(80, 24), run_before=still)


def test_korean_play_lines_up_at_80x24(snap_compare, tmp_path):
    from interview_tui.playbook import load_playbook, resolve_playbook

    playbook = load_playbook(resolve_playbook("customer-interview-ko"))
    clock = FakeClock()
    session = Session.create(tmp_path, playbook, participant={"name": "김민지"}, clock=clock,
                             session_id="20261122-140000-ko", writer_id="wko")
    session.start_clock()
    clock.advance(95)
    session.add_note(Role.SCRIBE, "매주 금요일 보고서를 손으로 다시 만든다고 함 #pain")
    session.add_note(Role.OBSERVER, "보고서 이야기할 때 한숨 #observation 😮‍💨")
    app = InterviewApp(playbook=playbook, sessions_root=tmp_path, session=session, clock=clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=still)


# Each readout after a state change, without a resize in between: what changed is drawn in full.
async def press_and_settle(pilot, *keys: str) -> None:
    await still(pilot)
    await pilot.press(*keys)
    await still(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_rec_counter_after_ctrl_r(snap_compare, playbook, tmp_path, size):
    app = demo_app(playbook, tmp_path, PACE_STATES["calm"])
    assert snap_compare(app, terminal_size=SIZES[size], run_before=lambda pilot: press_and_settle(pilot, "ctrl+r"))


@pytest.mark.parametrize("size", SIZES)
def test_unsaved_count_while_the_disk_refuses(snap_compare, playbook, tmp_path, size):
    app = demo_app(playbook, tmp_path, PACE_STATES["calm"])

    async def full_disk(pilot) -> None:
        def refused(event):
            raise OSError(28, "No space left on device")

        app.session.writer.append = refused
        await still(pilot)
        for text in ("she exports every Friday", "the boss asks on Saturdays"):
            app.focused.value = text
            await pilot.press("enter")
        app.clear_notifications()  # the error toast is tested elsewhere; here: the session bar
        await still(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=full_disk)


@pytest.mark.parametrize("size", SIZES)
def test_skipped_phase_and_ticked_checklist(snap_compare, playbook, tmp_path, size):
    app = demo_app(playbook, tmp_path, PACE_STATES["calm"])
    assert snap_compare(app, terminal_size=SIZES[size], run_before=lambda pilot: press_and_settle(pilot, "ctrl+y", "f12", "y"))


@pytest.mark.parametrize("size", SIZES)
def test_consent_dialog_keeps_the_clock_in_sight(snap_compare, playbook, tmp_path, size):
    app = demo_app(playbook, tmp_path, PACE_STATES["calm"])
    assert snap_compare(app, terminal_size=SIZES[size], run_before=lambda pilot: press_and_settle(pilot, "ctrl+o"))


@pytest.mark.parametrize("size", SIZES)
def test_a_chosen_note_shows_its_keys(snap_compare, playbook, tmp_path, size):
    app = demo_app(playbook, tmp_path, PACE_STATES["calm"])
    assert snap_compare(app, terminal_size=SIZES[size], run_before=lambda pilot: press_and_settle(pilot, "up"))


@pytest.mark.parametrize("size", SIZES)
def test_replay_filter_label_in_full(snap_compare, playbook, tmp_path, size):
    from interview_tui.session import load_session
    from interview_tui.session.timeline import Timeline
    from interview_tui.tui.replay_app import ReplayApp

    app = demo_app(playbook, tmp_path, PACE_STATES["calm"])
    app.session.end()
    app.session.close()
    log, _ = load_session(app.session.folder)
    replay = ReplayApp(Timeline(log.events), paused=True)
    assert snap_compare(replay, terminal_size=SIZES[size], run_before=lambda pilot: press_and_settle(pilot, "end", "r", "r", "t", "t"))


def test_setup_screen_focused_prepare_item_shows_label_and_tick(snap_compare, tmp_path):
    from interview_tui.playbook import load_playbook, resolve_playbook

    app = InterviewApp(playbook=load_playbook(resolve_playbook("customer-interview")), sessions_root=tmp_path, clock=FakeClock())

    async def tick_first(pilot) -> None:
        # Every scroll at once: an animated scroll (the name field's focus scrolls the form) still
        # under way on a busy machine left the scrollbar a row off in about one run in five.
        app.animation_level = "none"
        await still(pilot)
        await pilot.wait_for_scheduled_animations()
        item = app.screen.query_one("#prepare-0")
        app.screen.set_focus(item, scroll_visible=False)
        form = app.screen.query_one("#form")
        form.scroll_to_widget(item, animate=False, immediate=True)
        await pilot.press("space")
        await pilot.wait_for_scheduled_animations()
        form.scroll_to_widget(item, animate=False, immediate=True)
        await still(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=tick_first)


@pytest.mark.parametrize("size", SIZES)
def test_a_joined_scribes_screen_looks_right(snap_compare, playbook, tmp_path, size):
    """Team session, the scribe's terminal: their pane roomy and typed in, the others read-only,
    who is here in the header (▶ the driver), each note with its writer's name."""
    clock = FakeClock()
    host = Session.create(tmp_path / "sessions", playbook, participant={"name": "Dana (P03)"}, clock=clock,
                          session_id="20261122-140000-team", writer_id="whost", member=("Ana", Role.INTERVIEWER))
    host.start_clock()
    scribe = Session.join(host.folder, ("Bo", Role.SCRIBE), clock=clock, writer_id="wscribe")
    observer = Session.join(host.folder, ("지민", Role.OBSERVER), clock=clock, writer_id="wobserver")
    clock.advance(20)
    host.add_note(Role.INTERVIEWER, "Thanked Dana; recording OK")
    clock.advance(5)
    scribe.add_note(Role.SCRIBE, "Ops lead, 40-person logistics firm #context")
    observer.add_note(Role.OBSERVER, "주문 관리 화면에서 망설임 #question")
    scribe.save_draft(Role.SCRIBE, "Every Friday she rebuilds")
    scribe.poll_others()
    app = InterviewApp(playbook=playbook, sessions_root=tmp_path / "sessions", session=scribe, clock=clock, own_role=Role.SCRIBE)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=still)


# -- Korean and Chinese: every screen in the playbook's language, nothing English left ----------------
I18N_PLAYS = {"ko": ("customer-interview-ko", "김민지", ["보고서를 매주 손으로 다시 만든다고 함 #pain", "보고서 이야기할 때 한숨 #observation"]),
              "zh": ("b2b-workflow-zh", "王芳", ["线索从企业微信群里来，手动抄进 Excel #pain", "说到公海时皱眉 #observation"])}
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# Key names and the commands a person types (the window title is the command): the same in every language.
KEY_WORDS = {"ctrl", "alt", "shift", "tab", "space", "Esc", "Enter", "interview", "export", "format", "replay"}


def screen_words(app) -> set[str]:
    """The Latin words on the screen as drawn (the SVG screenshot's text)."""
    svg = app.export_screenshot()
    text = " ".join(html.unescape(part) for part in re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    return set(LATIN_WORD.findall(text.replace("\xa0", " ")))


def i18n_session(tmp_path, language: str, *, ended: bool = False) -> Session:
    from interview_tui.playbook import load_playbook, resolve_playbook

    name, participant, notes = I18N_PLAYS[language]
    clock = FakeClock()
    session = Session.create(tmp_path / "sessions", load_playbook(resolve_playbook(name)), participant={"name": participant},
                             clock=clock, session_id=f"20261122-140000-{language}", writer_id=f"w{language}")
    session.record_consent(session.state.consent.YES)
    session.start_clock()
    clock.advance(95)
    session.add_note(Role.SCRIBE, notes[0])
    session.add_note(Role.OBSERVER, notes[1])
    session.add_note(Role.INTERVIEWER, notes[0].split(" #")[0] + " #follow-up")
    clock.advance(200)
    if ended:
        session.end()
    session.flush()
    return session


@pytest.fixture(params=["ko", "zh"])
def language(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def no_english_left(user_words: set[str]):
    """A run_before that stills the screen, then fails if a Latin word is on it that nobody typed."""

    async def check(pilot) -> None:
        await still(pilot)
        leaks = screen_words(pilot.app) - user_words - KEY_WORDS
        assert not leaks, f"English on a {i18n.current_language()} screen: {sorted(leaks)}"

    return check


def typed_words(session: Session) -> set[str]:
    """Latin words people wrote: in the notes, and in the playbook (its title says CRM, its tags are #pain)."""
    notes = {word for note in session.state.notes for word in LATIN_WORD.findall(note.text)}
    return notes | set(LATIN_WORD.findall(session.id)) | set(LATIN_WORD.findall(json.dumps(session.playbook.to_data(), ensure_ascii=False)))


@pytest.mark.parametrize("size", SIZES)
def test_live_screen_in_the_playbooks_language(snap_compare, tmp_path, language, size):
    session = i18n_session(tmp_path, language)
    app = InterviewApp(playbook=session.playbook, sessions_root=tmp_path / "sessions", session=session, clock=session.clock)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=no_english_left(typed_words(session)))


@pytest.mark.parametrize("size", SIZES)
def test_setup_screen_in_the_playbooks_language(snap_compare, tmp_path, language, size):
    from interview_tui.playbook import load_playbook, resolve_playbook

    playbook = load_playbook(resolve_playbook(I18N_PLAYS[language][0]))
    app = InterviewApp(playbook=playbook, sessions_root=tmp_path, clock=FakeClock())
    # The playbook's own Latin words (Excel, CRM, NDA) are the author's, not the tool's.
    authored = set(LATIN_WORD.findall(json.dumps(playbook.to_data(), ensure_ascii=False)))
    assert snap_compare(app, terminal_size=SIZES[size], run_before=no_english_left(authored))


@pytest.mark.parametrize("size", SIZES)
def test_summary_in_the_playbooks_language(snap_compare, tmp_path, language, size, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the summary shows the session folder: a relative one is the same every run
    session = i18n_session(Path("."), language, ended=True)
    app = InterviewApp(playbook=session.playbook, sessions_root=Path("sessions"), session=session, clock=session.clock)

    async def to_summary(pilot) -> None:
        pilot.app.screen.action_end_session()  # an ended session: F10 shows the summary
        await pilot.pause()
        # The session folder's path is the machine's, not the tool's words.
        await no_english_left(typed_words(session) | set(LATIN_WORD.findall(str(session.folder))))(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=to_summary)


@pytest.mark.parametrize("size", SIZES)
def test_replay_in_the_playbooks_language(snap_compare, tmp_path, language, size):
    from interview_tui.session.load import load_timeline
    from interview_tui.tui.replay_app import ReplayApp

    session = i18n_session(tmp_path, language, ended=True)
    session.close()
    _log, timeline = load_timeline(session.folder)
    app = ReplayApp(timeline, title=f"{session.playbook.title} · {session.id}", paused=True, monotonic=lambda: 0.0)

    async def at_the_end(pilot) -> None:
        pilot.app.screen.show_at(timeline.end)
        await no_english_left(typed_words(session))(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=at_the_end)


@pytest.mark.parametrize("size", SIZES)
async def test_a_joined_scribes_screen_speaks_the_playbooks_language(tmp_path, language, size):
    """Team session in Korean or Chinese, the scribe's terminal: who is here, the roles, the read-only
    panes and the notes' writers are in the language; the only Latin words are what people typed."""
    from interview_tui.playbook import load_playbook, resolve_playbook
    from interview_tui.session.events import role_title

    name, participant, notes = I18N_PLAYS[language]
    clock = FakeClock()
    host = Session.create(tmp_path / "sessions", load_playbook(resolve_playbook(name)), participant={"name": participant},
                          clock=clock, session_id=f"20261122-140000-{language}", writer_id="whost", member=("Ana", Role.INTERVIEWER))
    host.start_clock()
    scribe = Session.join(host.folder, ("Bo", Role.SCRIBE), clock=clock, writer_id="wscribe")
    clock.advance(95)
    host.add_note(Role.INTERVIEWER, notes[1])
    scribe.add_note(Role.SCRIBE, notes[0])
    scribe.poll_others()
    app = InterviewApp(playbook=scribe.playbook, sessions_root=tmp_path / "sessions", session=scribe, clock=clock,
                       own_role=Role.SCRIBE)
    async with app.run_test(size=SIZES[size]) as pilot:
        await no_english_left(typed_words(scribe) | {"Ana"})(pilot)
        svg = app.export_screenshot()
        assert "Bo" in svg and role_title(Role.INTERVIEWER) in svg  # the presence and the panes name people and roles
