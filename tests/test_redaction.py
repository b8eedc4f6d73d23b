"""`--redact` leaks nothing: every fragment of the participant's name, their email and phone, and the
given words are gone from every field of every export format and of the report, and the export says
what it masked."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from interview_tui.cli import main
from interview_tui.export.redact import Redactor, redact_session
from interview_tui.session import Role, Session, load_session
from interview_tui.session.events import Mark

# What must never appear in a redacted copy (case-insensitive), whatever field it was in.
DANA = ["dana", "whitfield"]
MINJI = ["김민지", "민지"]
CONTACTS_AND_WORDS = ["dana.w@acme.example", "acme", "initech", "555", "4567", "7946", "0958"]


def _hostile_session(sessions_root, playbook, clock, name: str, profile: dict, about_them: list[str]) -> Session:
    # The words to mask are in the playbook's titles and questions too.
    phases = [replace(phase, title=f"{phase.title} at Acme") for phase in playbook.phases]
    phases[0] = replace(phases[0], questions=[replace(phases[0].questions[0], text="How does Initech plan?")])
    acme_playbook = replace(playbook, title="Acme onboarding", phases=phases)
    session = Session.create(sessions_root, acme_playbook, participant={"name": name, **profile}, clock=clock,
                             playbook_source="/home/me/acme-playbook.yaml")
    session.start_clock()
    clock.advance(20)
    notes = [
        *(session.add_note(Role.SCRIBE, text) for text in about_them),
        session.add_note(Role.OBSERVER, "call 555-123-4567 or +44 20 7946 0958, mail dana.w@acme.example #555-123-4567 #acme"),
        session.add_note(Role.INTERVIEWER, "WHITFIELD works at AcmeCorp with Initech's ERP #follow-up #pain"),
    ]
    session.tag_note(notes[0].id, "dana-whitfield")
    session.mark_note(notes[1].id, Mark.VALUABLE)
    problem = session.create_problem(f"{name} rebuilds the Acme report")
    session.edit_problem(problem, f"{name} rebuilds the Acme report", [f"{about_them[0][:12]} has no export", "Initech blocks it"])
    session.group_note(notes[0].id, problem)
    clock.advance(30)
    session.end()
    session.close()
    return session


@pytest.fixture
def two_sessions(sessions_root, playbook, clock):
    dana = _hostile_session(sessions_root, playbook, clock, "Dana Whitfield", {
        "alias": "P03", "segment": "dana.w@acme.example", "role": "Whitfield's ops lead at Acme", "company": "Acme, call 555-123-4567"},
        ["Dana said DanaWhitfield is her handle; dana.whitfield on Slack #dana #whitfield", "WHITFIELD again #Dana_Whitfield"])
    clock.advance(3600)
    minji = _hostile_session(sessions_root, playbook, clock, "김민지", {"alias": "P04", "segment": "민지 팀"},
                             ["김민지님은 엑셀을 써요. 민지 씨가 말했다 #quote #김민지", "민지는 Dana Whitfield를 안다"])
    return dana, minji


# Session ids and REFI-QDA GUIDs are random hex: "555" turns up in them by chance, and they name no one.
_RANDOM_IDS = re.compile(r"\b\d{8}-\d{6}-[0-9a-f]{4}\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.IGNORECASE)


def _leaks(text: str, fragments: list[str]) -> list[str]:
    plain = _RANDOM_IDS.sub("", text.replace("\\", "")).casefold()  # Markdown escapes are no disguise
    return [fragment for fragment in fragments if fragment.casefold() in plain]


@pytest.mark.parametrize("output_format", ["md", "json", "csv", "vtt"])
def test_every_export_format_keeps_no_fragment_of_names_contacts_or_given_words(two_sessions, output_format, capsys):
    for session, name in zip(two_sessions, (DANA, MINJI)):
        code = main(["export", session.folder.name, "--format", output_format, "--redact", "--redact-words", "Acme,Initech"])
        out, err = capsys.readouterr()
        assert code == 0
        assert _leaks(out, name + CONTACTS_AND_WORDS) == [], (session.folder.name, output_format)
        assert "Redacted: the participant's name (" in err
    # The write-up still reads: the alias stands in, the #tags stay tags.
    main(["export", two_sessions[0].folder.name, "--format", "md", "--redact", "--redact-words", "Acme,Initech"])
    md = capsys.readouterr().out
    if output_format == "md":
        assert "P03 said P03 is her handle; P03 on Slack #p03 #p03" in md
        assert re.search(r"- Redacted: the participant's name \(\d+\), 2 emails, \d+ phone numbers, \d+ given words\.", md)


def test_korean_names_with_particles_and_honorifics_become_the_alias(two_sessions, capsys):
    assert main(["export", two_sessions[1].folder.name, "--format", "json", "--redact"]) == 0
    out = capsys.readouterr().out
    assert "P04님은 엑셀을 써요. P04 씨가 말했다 #quote #p04" in out
    assert '"segment": "P04 팀"' in out


def test_the_report_in_every_format_keeps_no_fragment(two_sessions, capsys):
    for output_format in (["--format", "md"], ["--format", "csv"], []):
        code = main(["report", "--all", "--redact", "--redact-words", "Acme,Initech", *output_format])
        out, err = capsys.readouterr()
        assert code == 0
        assert _leaks(out, DANA + MINJI + CONTACTS_AND_WORDS) == [], output_format
        assert "Redacted: participants' names" in err
    assert main(["report", "--all", "--format", "md"]) == 0
    assert "dana" in capsys.readouterr().out.casefold()  # the grep above can fail: unredacted, it finds the name


def test_redaction_is_one_function_over_the_whole_exported_data(two_sessions):
    log, state = load_session(two_sessions[0].folder)
    redacted = redact_session(log, state, ["Acme"])
    assert redacted.state.participant["name"] == "P03"
    assert redacted.state.playbook.title == "[redacted] onboarding"
    assert redacted.state.playbook_source == "/home/me/[redacted]-playbook.yaml"
    assert all("dana" not in tag for note in redacted.state.notes for tag in note.tags)
    assert state.notes[0].text.startswith("Dana said")  # the original is untouched
    assert redacted.summary.startswith("Redacted: the participant's name (")


@pytest.mark.parametrize(("text", "expected"), [
    ("Danaher met Dana", "Danaher met P03"),  # a longer word is another word
    ("DanaCorp, dana_whitfield, Whitfield-Dana", "P03Corp, P03, P03"),
    ("on 2026-11-23 at 10:00 ext 12", "on 2026-11-23 at 10:00 ext 12"),  # dates and short numbers are no phones
    ("(555) 123 4567", "[phone]"),
])
def test_names_are_found_as_people_write_them(text, expected):
    assert Redactor([("Dana Whitfield", "P03")], []).text(text) == expected


def test_the_refi_qda_project_keeps_no_fragment(two_sessions, tmp_path, capsys):
    import zipfile

    project = tmp_path / "round.qdpx"
    assert main(["report", "--all", "--format", "qdpx", "-o", str(project), "--redact", "--redact-words", "Acme,Initech"]) == 0
    with zipfile.ZipFile(project) as archive:
        everything = "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())
    assert _leaks(everything, DANA + MINJI + CONTACTS_AND_WORDS) == []
    assert "P03" in everything and "P04" in everything


def test_an_alias_that_names_the_person_is_not_used(sessions_root, playbook, clock, capsys):
    Session.create(sessions_root, playbook, participant={"name": "Dana Whitfield", "alias": "Dana W."}, clock=clock).add_note(Role.SCRIBE, "Dana said so")
    assert main(["export", "last", "--format", "json", "--redact"]) == 0
    out = capsys.readouterr().out
    assert "dana" not in out.casefold() and "the participant said so" in out
