"""REFI-QDA exports: a .qdpx project and a .qdc codebook that NVivo, ATLAS.ti, MAXQDA and QualCoder import.

Every file is validated against the REFI-QDA 1.0 XSDs in tests/schemas/ (origin in its README). The
check with a real tool (qualitative-coding's `qc`) needs PyPI and a minute: it is marked `qda_tool`
and runs in CI (.ci/run), not in the default suite.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import xmlschema

from interview_tui.cli import main
from interview_tui.session import Role, Session
from interview_tui.session.events import Mark

SCHEMAS = Path(__file__).resolve().parent / "schemas"
SAMPLES = Path(__file__).resolve().parent.parent / "sessions"
DANA = SAMPLES / "20261103-100000-da7a"
P = "{urn:QDA-XML:project:1.0}"
C = "{urn:QDA-XML:codebook:1.0}"


@pytest.fixture(scope="module")
def project_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(SCHEMAS / "Project.xsd")


@pytest.fixture(scope="module")
def codebook_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(SCHEMAS / "Codebook.xsd")


def read_qdpx(path: Path) -> tuple[ET.Element, dict[str, str], bytes]:
    """The project's root, its source texts by file name, and project.qde as written."""
    with zipfile.ZipFile(path) as archive:
        qde = archive.read("project.qde")
        texts = {name: archive.read(name).decode("utf-8") for name in archive.namelist() if name != "project.qde"}
    return ET.fromstring(qde), texts, qde


def source_text(source: ET.Element, texts: dict[str, str]) -> str:
    return texts["sources/" + source.get("plainTextPath").removeprefix("internal://")]


def test_sample_sessions_make_one_valid_project_whose_codings_sit_on_their_notes_lines(tmp_path, project_schema, capsys):
    out = tmp_path / "all.qdpx"
    assert main(["report", "--all", "--sessions-dir", str(SAMPLES), "--format", "qdpx", "-o", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o600
    root, texts, qde = read_qdpx(out)
    project_schema.validate(qde.decode("utf-8"))
    assert all(name.startswith("sources/") for name in texts)  # qc reads the lower-case folder

    codes = {code.get("guid"): code for code in root.iter(P + "Code")}
    users = {user.get("guid"): user.get("name") for user in root.iter(P + "User")}
    sources = root.findall(f"{P}Sources/{P}TextSource")
    assert [source.get("name") for source in sources] == [
        "2026-11-03 Dana Whitfield (20261103-100000-da7a)",
        "2026-11-05 Lee Okafor (20261105-140000-1ee0)",
        "2026-11-10 김민지 (20261110-160000-5e0b)",
    ]
    tag_names = {code.get("name") for code in root.findall(f"{P}CodeBook/{P}Codes/{P}Code")}
    for source, folder in zip(sources, sorted(SAMPLES.iterdir())):
        assert main(["export", str(folder), "--format", "json"]) == 0
        notes = json.loads(capsys.readouterr().out)["notes"]
        text = source_text(source, texts)
        lines = text.splitlines()
        assert len(lines) == len(notes)
        coded: dict[int, list[str]] = {}
        for selection in source.iter(P + "PlainTextSelection"):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            number = int(selection.get("name").removeprefix("line:"))
            assert text[start:end] == lines[number]  # the selection is exactly its note's line
            for coding in selection.iter(P + "Coding"):
                code = codes[coding.find(P + "CodeRef").get("targetGUID")]
                assert code.get("isCodable") == "true" and coding.get("creatingUser") in users
                if code.get("name") in tag_names:
                    coded.setdefault(number, []).append(code.get("name"))
                    role = lines[number].split(" · ")[0].split()[-1]
                    assert users[coding.get("creatingUser")].startswith(role)  # the user is who wrote the note
        for number, line in enumerate(lines):
            note = next(note for note in notes if line.endswith(": " + note["text"]))
            assert coded.get(number, []) == note["tags"], line  # every tag, also those added by a key, and no other

    dana = texts["sources/" + sources[0].get("plainTextPath").removeprefix("internal://")].splitlines()
    assert dana[9] == '16:30 (recording 15:30) scribe · Meaty questions: "Every Friday I rebuild the same report by hand. ' \
                      'Two hours, every week." #quote #pain'
    assert len(dana) == 26


def test_debrief_marks_and_problems_are_grouped_codes_coded_by_the_debrief(tmp_path, project_schema):
    out = tmp_path / "dana.qdpx"
    assert main(["export", str(DANA), "--format", "qdpx", "-o", str(out)]) == 0
    root, texts, qde = read_qdpx(out)
    project_schema.validate(qde.decode("utf-8"))
    top = root.findall(f"{P}CodeBook/{P}Codes/{P}Code")
    groups = {code.get("name"): code for code in top if code.get("isCodable") == "false"}
    assert [child.get("name") for child in groups["debrief marks"].findall(P + "Code")] == ["valuable", "surprising", "contradictory"]
    problems = groups["debrief problems"].findall(P + "Code")
    assert [code.get("name") for code in problems] == ["The weekly report is rebuilt by hand", "Integration with the ERP decides the purchase"]
    assert "Why 1:" in problems[0].find(P + "Description").text
    pain = next(code for code in top if code.get("name") == "pain")
    assert pain.find(P + "Description").text == "Something that hurts the customer"

    text = source_text(root.find(f"{P}Sources/{P}TextSource"), texts)
    users = {user.get("guid"): user.get("name") for user in root.iter(P + "User")}
    weekly = problems[0].get("guid")
    grouped = [(text[int(s.get("startPosition")):int(s.get("endPosition"))], users[c.get("creatingUser")])
               for s in root.iter(P + "PlainTextSelection") for c in s.iter(P + "Coding")
               if c.find(P + "CodeRef").get("targetGUID") == weekly]
    assert len(grouped) == 3 and all(user == "debrief (w5e0b7c44)" for _line, user in grouped)
    assert any("Every Friday I rebuild" in line for line, _user in grouped)


def test_participant_is_a_case_with_profile_variables_segment_first(tmp_path):
    out = tmp_path / "dana.qdpx"
    assert main(["export", str(DANA), "--format", "qdpx", "-o", str(out)]) == 0
    root, _texts, _qde = read_qdpx(out)
    variables = root.findall(f"{P}Variables/{P}Variable")
    assert variables[0].get("name") == "segment"
    assert "prepared" not in [v.get("name") for v in variables] and "name" not in [v.get("name") for v in variables]
    names = {v.get("guid"): v.get("name") for v in variables}
    case = root.find(f"{P}Cases/{P}Case")
    assert case.get("name") == "Dana Whitfield"
    values = {names[v.find(P + "VariableRef").get("targetGUID")]: v.find(P + "TextValue").text for v in case.iter(P + "VariableValue")}
    assert values["segment"] == "fan" and values["company_size"] == "40 people, 12 drivers"
    assert case.find(P + "SourceRef").get("targetGUID") == root.find(f"{P}Sources/{P}TextSource").get("guid")


def test_codebook_alone_is_valid_and_matches_the_projects_codes(tmp_path, codebook_schema, capsys):
    assert main(["export", str(DANA), "--format", "qdc"]) == 0
    qdc = capsys.readouterr().out
    codebook_schema.validate(qdc)
    root = ET.fromstring(qdc.encode("utf-8"))
    out = tmp_path / "dana.qdpx"
    assert main(["export", str(DANA), "--format", "qdpx", "-o", str(out)]) == 0
    project, _texts, _qde = read_qdpx(out)
    assert [(c.get("guid"), c.get("name"), c.get("color")) for c in root.iter(C + "Code")] == \
           [(c.get("guid"), c.get("name"), c.get("color")) for c in project.iter(P + "Code")]


def test_the_schemas_reject_what_the_standard_forbids(project_schema, codebook_schema):
    # The validation above proves something only if these schemas are strict: a code without its
    # required isCodable, or a GUID that is not one, must fail.
    bad_project = '<Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook><Codes><Code guid="not-a-guid" name="a" isCodable="true"/></Codes></CodeBook></Project>'
    bad_codebook = '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="7f1d3c52-5b0e-4c8e-9a51-2f6b1e0a9d43" name="a"/></Codes></CodeBook>'
    assert not project_schema.is_valid(bad_project)
    assert not codebook_schema.is_valid(bad_codebook)


def test_korean_and_chinese_survive_and_a_re_export_keeps_every_guid(sessions_root, playbook, clock, tmp_path, project_schema):
    session = Session.create(sessions_root, playbook, participant={"name": "王小明", "segment": "팬"}, clock=clock)
    session.start_clock()
    clock.advance(30)
    first = session.add_note(Role.SCRIBE, "报表每周都要手工重做 #pain")
    clock.advance(20)
    session.add_note(Role.OBSERVER, "한숨을 쉬며 화면을 봄 #observation\n두 줄째")
    out = tmp_path / "first.qdpx"
    assert main(["export", "last", "--format", "qdpx", "-o", str(out)]) == 0
    again = tmp_path / "again.qdpx"
    assert main(["export", "last", "--format", "qdpx", "-o", str(again)]) == 0
    assert out.read_bytes() == again.read_bytes()  # same session, same file

    root, texts, qde = read_qdpx(out)
    project_schema.validate(qde.decode("utf-8"))
    source = root.find(f"{P}Sources/{P}TextSource")
    text = source_text(source, texts)
    assert text.splitlines() == ["00:30 scribe · Housekeeping: 报表每周都要手工重做 #pain",
                                 "00:50 observer · Housekeeping: 한숨을 쉬며 화면을 봄 #observation 두 줄째"]
    assert root.find(f"{P}Cases/{P}Case").get("name") == "王小明" and "王小明" in source.get("name")
    selection = next(root.iter(P + "PlainTextSelection"))
    assert text[int(selection.get("startPosition")):int(selection.get("endPosition"))].endswith("报表每周都要手工重做 #pain")

    clock.advance(10)
    session.add_note(Role.SCRIBE, "新的笔记 #idea")
    session.end()
    session.mark_note(first.id, Mark.VALUABLE)
    assert main(["export", "last", "--format", "qdpx", "-o", str(again)]) == 0
    later, _texts, _qde = read_qdpx(again)
    before = {element.get("guid") for element in root.iter() if element.get("guid")}
    after = {element.get("guid") for element in later.iter() if element.get("guid")}
    assert before < after  # everything exported before keeps its GUID; only the new things are new


def test_redacted_project_leaks_no_name_contact_or_listed_word(sessions_root, playbook, clock, tmp_path):
    session = Session.create(sessions_root, playbook, participant={"name": "Dana Whitfield (P03)", "alias": "P03", "segment": "fan",
                                                                   "company_size": "call +44 20 7946 0958"}, clock=clock)
    session.add_note(Role.SCRIBE, "Dana says Acme's ERP is slow; mail dana.w@acme.example #pain")
    out = tmp_path / "redacted.qdpx"
    assert main(["export", "last", "--format", "qdpx", "-o", str(out), "--redact", "--redact-words", "Acme"]) == 0
    with zipfile.ZipFile(out) as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist()).decode("utf-8")
    assert "Dana" not in everything and "Whitfield" not in everything and "acme" not in everything.lower() and "7946" not in everything
    assert "P03 says [redacted]'s ERP is slow; mail [email] #pain" in everything
    assert main(["report", "last", "--format", "qdpx", "-o", str(out), "--redact"]) == 0
    with zipfile.ZipFile(out) as archive:
        assert "Whitfield" not in archive.read("project.qde").decode("utf-8")


def test_a_zip_is_never_written_to_the_terminal(capsys):
    assert main(["export", str(DANA), "--format", "qdpx"]) == 2
    assert "-o FILE.qdpx" in capsys.readouterr().err


# -- a real tool reads the file ------------------------------------------------------------------------
def _qc_command(tmp_path: Path) -> Path:
    """`qc` from $QC_BIN, else qualitative-coding installed from PyPI into a throwaway venv."""
    if os.environ.get("QC_BIN"):
        return Path(os.environ["QC_BIN"])
    venv = tmp_path / "qc-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "qualitative-coding"], check=True)
    return venv / "bin" / "qc"


@pytest.mark.qda_tool
def test_qualitative_coding_imports_the_project_with_every_code_on_its_line(tmp_path):
    out = tmp_path / "samples.qdpx"
    assert main(["report", "--all", "--sessions-dir", str(SAMPLES), "--format", "qdpx", "-o", str(out)]) == 0
    qc = _qc_command(tmp_path)
    project = tmp_path / "qc-project"
    project.mkdir()
    # qualitative-coding 1.7.8 left a breakpoint() in its importer; PYTHONBREAKPOINT=0 disarms it.
    env = {**os.environ, "PYTHONBREAKPOINT": "0"}
    subprocess.run([str(qc), "init", "--import", str(out)], cwd=project, env=env, check=True, capture_output=True, timeout=600)
    assert sorted(path.name for path in (project / "corpus").iterdir()) == [
        "2026-11-03 Dana Whitfield (20261103-100000-da7a).txt",
        "2026-11-05 Lee Okafor (20261105-140000-1ee0).txt",
        "2026-11-10 김민지 (20261110-160000-5e0b).txt",
    ]
    coders = subprocess.run([str(qc), "coders"], cwd=project, env=env, check=True, capture_output=True, text=True).stdout
    assert "scribe (w2b7e91d4)" in coders and "debrief (w5e0b7c44)" in coders
    stats = subprocess.run([str(qc), "codes", "stats"], cwd=project, env=env, check=True, capture_output=True, text=True).stdout
    counts = {line.rsplit(None, 1)[0].strip(): int(line.rsplit(None, 1)[1]) for line in stats.splitlines()
              if line.strip() and line.rsplit(None, 1)[-1].isdigit()}
    # The tags as the JSON export counts them, and the debrief of Dana's session.
    assert {tag: counts[tag] for tag in ("pain", "quote", "observation", "question", "insight", "follow-up", "context", "idea")} == \
           {"pain": 8, "quote": 7, "observation": 7, "question": 7, "insight": 5, "follow-up": 5, "context": 3, "idea": 2}
    assert counts["The weekly report is rebuilt by hand"] == 3 and counts["valuable"] == 1
    found = subprocess.run([str(qc), "codes", "find", "quote"], cwd=project, env=env, check=True, capture_output=True, text=True).stdout
    quote_lines = [line for line in found.splitlines() if line.rstrip().endswith("| quote")]
    assert len(quote_lines) == 7 and any("금요일마다" in line for line in quote_lines)
    shutil.rmtree(project)


def test_control_characters_in_notes_still_give_valid_xml_and_keep_one_line_per_note(sessions_root, playbook, clock, tmp_path, project_schema):
    session = Session.create(sessions_root, playbook, participant={"name": "Ana\x1b[2J"}, clock=clock)
    session.add_note(Role.SCRIBE, "pasted \x1b]0;title\x07 and \x00 nul\r\nsecond line #pain")
    session.add_note(Role.SCRIBE, "next")
    out = tmp_path / "controls.qdpx"
    assert main(["export", "last", "--format", "qdpx", "-o", str(out)]) == 0
    root, texts, qde = read_qdpx(out)
    project_schema.validate(qde.decode("utf-8"))
    lines = source_text(root.find(f"{P}Sources/{P}TextSource"), texts).splitlines()
    assert lines == ["00:00 scribe · Housekeeping: pasted ␛]0;title␇ and ␀ nul second line #pain", "00:00 scribe · Housekeeping: next"]
    assert root.find(f"{P}Cases/{P}Case").get("name") == "Ana␛[2J"
