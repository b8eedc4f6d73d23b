"""`--format qdpx` and `--format qdc`: REFI-QDA 1.0, the exchange format that NVivo, ATLAS.ti, MAXQDA and
QualCoder import. A `.qdpx` is a zip of `project.qde` (XML in `urn:QDA-XML:project:1.0`) and the
sources' texts; a `.qdc` is the codebook alone (`urn:QDA-XML:codebook:1.0`). The mapping is described
in docs/qda-export.md; tests/schemas/ holds the XSDs the tests validate against.

Every GUID is a uuid5 of what the object is (a session's source, a note's selection, a tag's code), so
exporting the same session again gives the same GUIDs and a tool that merges updates rather than
duplicates. Codes, marks and variables are keyed by name alone: the same tag in two exports is one code.
Positions are counted in characters (Unicode code points) of the source text, end exclusive.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from interview_tui import __version__
from interview_tui.export.write_up import ExportedNote, exported_notes
from interview_tui.i18n import _
from interview_tui.session.clock import mmss
from interview_tui.session.events import EventType, Mark, mark_label, role_title
from interview_tui.session.log import SessionLog
from interview_tui.session.state import SessionState
from interview_tui.usertext import tag_colour, visible_controls

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = f"interview-tui {__version__}"
# The root of every GUID we make: a fixed, made-up namespace, so GUIDs depend only on what they name.
GUID_ROOT = uuid.UUID("7f1d3c52-5b0e-4c8e-9a51-2f6b1e0a9d43")
# `internal://` paths point into this folder of the zip; qualitative-coding (qc) finds it only in lower case.
SOURCES_FOLDER = "sources"
# Profile keys that are not profile fields: the case's name, and the setup checklist.
NOT_VARIABLES = ("name", "prepared")
MARK_COLOURS = {Mark.VALUABLE: "#2ec27e", Mark.SURPRISING: "#f5c211", Mark.CONTRADICTORY: "#e01b24"}
PROBLEM_COLOUR = "#9141ac"
GROUP_COLOUR = "#77767b"
DEBRIEF_ROLE = "debrief"  # the user of the debrief's marks and groupings: its writer, in this role


# XML 1.0 cannot carry these even escaped; a log can (JSON escapes them), so they are replaced.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """User text as XML 1.0 can hold it: control characters as their pictures (as on screen), line
    breaks and tabs kept, lone surrogates and non-characters as U+FFFD."""
    return _NOT_XML.sub("\ufffd", visible_controls(text, keep_line_breaks=True))


def guid(*identity: str) -> str:
    return str(uuid.uuid5(GUID_ROOT, "\x1f".join(identity)))


@dataclass(frozen=True)
class SourceLine:
    """One note as a line of a session's source text, and where that line sits in it."""

    item: ExportedNote
    start: int
    end: int


@dataclass(frozen=True)
class SessionSource:
    log: SessionLog
    state: SessionState
    text: str
    lines: list[SourceLine]
    debrief_by: dict[tuple[str, str], tuple[str, str]]  # (note id, mark or "problem") -> (writer, at)

    @property
    def guid(self) -> str:
        return guid("source", self.state.session_id)

    @property
    def name(self) -> str:
        # Tools name a file after the source (qc does): no path separators in it.
        participant = str(self.state.participant.get("name") or "").strip().replace("/", "-").replace("\\", "-")
        date = self.state.created_at[:10]
        return f"{date} {participant} ({self.state.session_id})" if participant else f"{date} ({self.state.session_id})"


def source_line(item: ExportedNote) -> str:
    """`16:30 scribe · Meaty questions: text`, with the recording time when one was marked."""
    note = item.note
    # One note per line: a line break inside a note would shift every later line.
    text = " ".join(note.text.splitlines())
    if item.recording is not None:
        return xml_safe(_("{clock} (recording {recording}) {role} · {phase}: {text}").format(
            clock=mmss(note.clock), recording=mmss(item.recording), role=role_title(note.role).lower(), phase=item.phase_title, text=text))
    return xml_safe(_("{clock} {role} · {phase}: {text}").format(clock=mmss(note.clock), role=role_title(note.role).lower(), phase=item.phase_title, text=text))


def session_source(log: SessionLog, state: SessionState) -> SessionSource:
    # In time order: a backdated note sits at the moment it describes (sorted() is stable for ties).
    items = sorted(exported_notes(state), key=lambda item: item.note.moment_t)
    lines, texts, position = [], [], 0
    for item in items:
        line = source_line(item)
        lines.append(SourceLine(item, position, position + len(line)))
        texts.append(line)
        position += len(line) + 1  # the "\n" between lines
    return SessionSource(log, state, "\n".join(texts) + ("\n" if texts else ""), lines, _debrief_actions(log))


def _debrief_actions(log: SessionLog) -> dict[tuple[str, str], tuple[str, str]]:
    """Who marked or grouped each note, and when: the last event that set it."""
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for event in log.events:
        kind = event.get("type")
        if kind == EventType.NOTE_MARKED and event.get("on"):
            found[(str(event.get("note")), str(event.get("mark")))] = (str(event["writer"]), str(event["at"]))
        elif kind == EventType.NOTE_GROUPED and event.get("problem"):
            found[(str(event.get("note")), "problem")] = (str(event["writer"]), str(event["at"]))
    return found


# -- the codebook ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Code:
    guid: str
    name: str
    colour: str
    description: str = ""
    codable: bool = True
    children: tuple[Code, ...] = ()


def tag_code_guid(tag: str) -> str:
    return guid("code", "tag", tag)


def mark_code_guid(mark: str) -> str:
    return guid("code", "mark", mark)


def problem_code_guid(session_id: str, problem_id: str) -> str:
    return guid("code", "problem", session_id, problem_id)


def codebook(states: Sequence[SessionState]) -> list[Code]:
    """The playbooks' tags (with their descriptions), then tags used but not in a playbook, then the
    debrief's marks and problems, each kind grouped under a code that is not itself codable."""
    descriptions: dict[str, str] = {}
    for state in states:
        assert state.playbook is not None
        for tag in state.playbook.tags:
            if tag.description and not descriptions.get(tag.name):
                descriptions[tag.name] = _(tag.description)  # the default set's are in the catalog
            descriptions.setdefault(tag.name, "")
    for state in states:
        for note in state.live_notes():
            for tag in note.tags:
                descriptions.setdefault(tag, "")
    codes = [Code(tag_code_guid(tag), tag, tag_colour(tag), description) for tag, description in descriptions.items()]
    marks = tuple(Code(mark_code_guid(mark), mark_label(mark), MARK_COLOURS[mark]) for mark in Mark)
    codes.append(Code(guid("code", "group", "marks"), _("debrief marks"), GROUP_COLOUR,
                      _("Notes marked in the debrief: valuable, surprising, contradictory."), codable=False, children=marks))
    problems = tuple(
        Code(problem_code_guid(state.session_id, problem.id), problem.title, PROBLEM_COLOUR, _problem_description(state, problem.whys))
        for state in states for problem in state.problems.values()
    )
    if problems:
        codes.append(Code(guid("code", "group", "problems"), _("debrief problems"), GROUP_COLOUR,
                          _("Problems found in the debrief, each with the notes grouped into it."), codable=False, children=problems))
    return codes


def _problem_description(state: SessionState, whys: Iterable[str]) -> str:
    lines = [_("Session {session}").format(session=state.session_id)]
    lines += [_("Why {level}: {why}").format(level=level, why=why) for level, why in enumerate(whys, start=1)]
    return "\n".join(lines)


def _code_element(parent: ET.Element, code: Code, ns: str) -> None:
    element = ET.SubElement(parent, f"{{{ns}}}Code", guid=code.guid, name=code.name,
                            isCodable="true" if code.codable else "false", color=code.colour)
    if code.description:
        ET.SubElement(element, f"{{{ns}}}Description").text = code.description
    for child in code.children:
        _code_element(element, child, ns)


def to_qdc_data(states: Sequence[SessionState]) -> bytes:
    ET.register_namespace("", CODEBOOK_NS)
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", origin=ORIGIN)
    codes = ET.SubElement(root, f"{{{CODEBOOK_NS}}}Codes")
    for code in codebook(states):
        _code_element(codes, code, CODEBOOK_NS)
    return _serialize(root)


# -- the project -------------------------------------------------------------------------------
def _user_guid(writer: str, role: str) -> str:
    return guid("user", writer, role)


def _users(sources: Sequence[SessionSource]) -> dict[str, tuple[str, str]]:
    """guid -> (name, id): one user per writer and role, so codings say who wrote the note."""
    users: dict[str, tuple[str, str]] = {}
    for source in sources:
        for line in source.lines:
            note = line.item.note
            users.setdefault(_user_guid(note.writer, note.role), (f"{note.role} ({note.writer})", f"{note.writer}-{note.role}"))
        for writer, _at in source.debrief_by.values():
            users.setdefault(_user_guid(writer, DEBRIEF_ROLE), (f"{DEBRIEF_ROLE} ({writer})", f"{writer}-{DEBRIEF_ROLE}"))
    return users


def _variables(states: Sequence[SessionState]) -> dict[str, str]:
    """Profile field id -> its label from a playbook (or the id): segment first, then in order met."""
    fields: dict[str, str] = {}
    for state in states:
        for key in state.participant:
            if key not in NOT_VARIABLES:
                fields.setdefault(key, key)
    for state in states:
        assert state.playbook is not None
        for field in state.playbook.participant:
            if field.id in fields and fields[field.id] == field.id:
                fields[field.id] = field.label
    ordered = {"segment": fields.pop("segment")} if "segment" in fields else {}
    ordered.update(fields)
    return ordered


def _iso(at: str) -> str | None:
    """A log's `at` as xsd:dateTime (it already is one), or nothing if a hand-edited log has another."""
    try:
        datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return None
    return at


def _set_time(element: ET.Element, attribute: str, at: str) -> None:
    value = _iso(at)
    if value is not None:
        element.set(attribute, value)


def _source_description(state: SessionState) -> str:
    assert state.playbook is not None
    lines = [_("Playbook: {title}").format(title=state.playbook.title),
             _("Session {session}, started {started}").format(session=state.session_id, started=state.created_at)]
    if state.recording_started_t is not None:
        lines.append(_("Each line gives the interview clock, then the recording time in parentheses."))
    return "\n".join(lines)


def _source_element(sources_element: ET.Element, source: SessionSource) -> None:
    state = source.state
    first_writer = next((line.item.note for line in source.lines), None)
    element = ET.SubElement(sources_element, f"{{{PROJECT_NS}}}TextSource", guid=source.guid, name=source.name,
                            plainTextPath=f"internal://{source.guid}.txt")
    if first_writer is not None:
        element.set("creatingUser", _user_guid(first_writer.writer, first_writer.role))
    _set_time(element, "creationDateTime", state.created_at)
    _set_time(element, "modifiedDateTime", state.last_at)
    ET.SubElement(element, f"{{{PROJECT_NS}}}Description").text = _source_description(state)
    # Selections are named `line:N`, N counted from 0 as qc counts: qc reads codings by this name.
    for number, line in enumerate(source.lines):
        applied = _codes_of(source, line)
        if not applied:
            continue
        note = line.item.note
        selection = ET.SubElement(element, f"{{{PROJECT_NS}}}PlainTextSelection",
                                  guid=guid("selection", state.session_id, note.id), name=f"line:{number}",
                                  startPosition=str(line.start), endPosition=str(line.end),
                                  creatingUser=_user_guid(note.writer, note.role))
        _set_time(selection, "creationDateTime", note.at)
        if line.item.question:
            ET.SubElement(selection, f"{{{PROJECT_NS}}}Description").text = line.item.question
        for code_guid, user, at in applied:
            coding = ET.SubElement(selection, f"{{{PROJECT_NS}}}Coding", guid=guid("coding", state.session_id, note.id, code_guid),
                                   creatingUser=user)
            _set_time(coding, "creationDateTime", at)
            ET.SubElement(coding, f"{{{PROJECT_NS}}}CodeRef", targetGUID=code_guid)


def _codes_of(source: SessionSource, line: SourceLine) -> list[tuple[str, str, str]]:
    """(code guid, user guid, time) of each code a note carries: its tags, marks and problem."""
    note = line.item.note
    writer = _user_guid(note.writer, note.role)
    applied = [(tag_code_guid(tag), writer, note.at) for tag in note.tags]
    debrief = source.debrief_by
    for mark in sorted(source.state.marks.get(note.id, ())):
        who, at = debrief.get((note.id, mark), (note.writer, note.at))
        applied.append((mark_code_guid(mark), _user_guid(who, DEBRIEF_ROLE), at))
    problem = source.state.problem_of(note.id)
    if problem is not None:
        who, at = debrief.get((note.id, "problem"), (note.writer, note.at))
        applied.append((problem_code_guid(source.state.session_id, problem.id), _user_guid(who, DEBRIEF_ROLE), at))
    return applied


def _case_element(cases: ET.Element, source: SessionSource, variables: dict[str, str]) -> None:
    state = source.state
    name = str(state.participant.get("name") or "").strip() or state.session_id
    case = ET.SubElement(cases, f"{{{PROJECT_NS}}}Case", guid=guid("case", state.session_id), name=name)
    for key in variables:
        value = state.participant.get(key)
        if value is None or str(value).strip() == "":
            continue
        variable_value = ET.SubElement(case, f"{{{PROJECT_NS}}}VariableValue")
        ET.SubElement(variable_value, f"{{{PROJECT_NS}}}VariableRef", targetGUID=guid("variable", key))
        ET.SubElement(variable_value, f"{{{PROJECT_NS}}}TextValue").text = str(value)
    ET.SubElement(case, f"{{{PROJECT_NS}}}SourceRef", targetGUID=source.guid)


def project_xml(sources: Sequence[SessionSource]) -> bytes:
    states = [source.state for source in sources]
    ET.register_namespace("", PROJECT_NS)
    titles = list(dict.fromkeys(state.playbook.title for state in states if state.playbook is not None))
    root = ET.Element(f"{{{PROJECT_NS}}}Project", name=" · ".join(titles) or ORIGIN, origin=ORIGIN)
    users = _users(sources)
    if users:
        root.set("creatingUserGUID", next(iter(users)))
    # Fixed times from the sessions, not the export's clock: the same sessions give the same file.
    _set_time(root, "creationDateTime", min(state.created_at for state in states))
    _set_time(root, "modifiedDateTime", max(state.last_at for state in states))
    if users:
        users_element = ET.SubElement(root, f"{{{PROJECT_NS}}}Users")
        for user_guid, (name, user_id) in users.items():
            ET.SubElement(users_element, f"{{{PROJECT_NS}}}User", guid=user_guid, name=name, id=user_id)
    codes_element = ET.SubElement(ET.SubElement(root, f"{{{PROJECT_NS}}}CodeBook"), f"{{{PROJECT_NS}}}Codes")
    for code in codebook(states):
        _code_element(codes_element, code, PROJECT_NS)
    variables = _variables(states)
    if variables:
        variables_element = ET.SubElement(root, f"{{{PROJECT_NS}}}Variables")
        for key, label in variables.items():
            variable = ET.SubElement(variables_element, f"{{{PROJECT_NS}}}Variable", guid=guid("variable", key), name=key,
                                     typeOfVariable="Text")
            if label != key:
                ET.SubElement(variable, f"{{{PROJECT_NS}}}Description").text = label
    cases = ET.SubElement(root, f"{{{PROJECT_NS}}}Cases")
    for source in sources:
        _case_element(cases, source, variables)
    sources_element = ET.SubElement(root, f"{{{PROJECT_NS}}}Sources")
    for source in sources:
        _source_element(sources_element, source)
    return _serialize(root)


def _serialize(root: ET.Element) -> bytes:
    for element in root.iter():
        if element.text:
            element.text = xml_safe(element.text)
        for key, value in element.attrib.items():
            element.set(key, xml_safe(value))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def to_qdpx_data(sessions: Sequence[tuple[SessionLog, SessionState]]) -> bytes:
    """The .qdpx zip: project.qde and one UTF-8 text per session under sources/."""
    sources = [session_source(log, state) for log, state in sessions]
    buffer = io.BytesIO()
    # The zip's entry times come from the sessions too, so re-exporting gives the same bytes.
    stamp = _zip_time(max(state.last_at for _log, state in sessions))
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _add(archive, "project.qde", project_xml(sources), stamp)
        for source in sources:
            _add(archive, f"{SOURCES_FOLDER}/{source.guid}.txt", source.text.encode("utf-8"), stamp)
    return buffer.getvalue()


def _zip_time(at: str) -> tuple[int, int, int, int, int, int]:
    try:
        moment = datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return (1980, 1, 1, 0, 0, 0)
    return (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, moment.second)


def _add(archive: zipfile.ZipFile, name: str, data: bytes, stamp: tuple[int, int, int, int, int, int]) -> None:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16  # unpacked, the texts stay private like the sessions
    archive.writestr(info, data)


def to_qdpx(log: SessionLog, state: SessionState) -> bytes:
    return to_qdpx_data([(log, state)])


def to_qdc(log: SessionLog, state: SessionState) -> bytes:
    return to_qdc_data([state])
