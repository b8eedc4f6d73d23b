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

import functools
import hashlib
import io
import itertools
import re
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO
from xml.sax.saxutils import escape

from interview_tui import __version__
from interview_tui.export.write_up import ExportedNote, iter_exported_notes, problems_by_note
from interview_tui.i18n import _
from interview_tui.session.clock import mmss
from interview_tui.session.events import EventType, Mark, mark_label, role_title
from interview_tui.session.log import SessionLog
from interview_tui.session.state import Problem, SessionState
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
    if text.isascii() and text.isprintable():  # most values (GUIDs, numbers, times): nothing to replace
        return text
    return _NOT_XML.sub("\ufffd", visible_controls(text, keep_line_breaks=True))


_GUID_ROOT_BYTES = GUID_ROOT.bytes


def guid(*identity: str) -> str:
    """`str(uuid.uuid5(GUID_ROOT, name))` (tested), without making a UUID object: a 100,000-note
    project makes 800,000 of them, and uuid5 was a third of its time."""
    digest = bytearray(hashlib.sha1(_GUID_ROOT_BYTES + "\x1f".join(identity).encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # the RFC 4122 variant
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


@dataclass(frozen=True)
class SourceLine:
    """One note as a line of a session's source text, and where that line sits in it."""

    item: ExportedNote
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class SessionSource:
    """A session as a source. Its lines are made when asked for, once for project.qde's positions and
    once for the text itself, so that neither the lines nor the text is ever held whole."""

    log: SessionLog
    state: SessionState
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

    def lines(self) -> Iterator[SourceLine]:
        """The notes in time order (a backdated note sits at the moment it describes), each a line of
        the text, with where it sits in it."""
        position = 0
        for item in iter_exported_notes(self.state):
            line = source_line(item)
            yield SourceLine(item, line, position, position + len(line))
            position += len(line) + 1  # the "\n" between lines

    @property
    def text(self) -> str:
        return "".join(line.text + "\n" for line in self.lines())


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
    return SessionSource(log, state, _debrief_actions(log))


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


@functools.lru_cache(maxsize=4096)  # a few distinct ones, asked for at every note
def tag_code_guid(tag: str) -> str:
    return guid("code", "tag", tag)


@functools.lru_cache(maxsize=4096)  # a few distinct ones, asked for at every note
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


class XmlWriter:
    """ElementTree's text of a tree indented by `ET.indent` (two spaces a level), written an element at
    a time to a binary file: the bytes of `ET.tostring(root, encoding="utf-8", xml_declaration=True)`,
    each value passed through `xml_safe` first, without holding the tree (tests compare the two).
    Every element is in `namespace`, declared on the root as the default one."""

    FLUSH_EVERY = 4096  # pieces of text held before they are encoded and written

    def __init__(self, out: BinaryIO, namespace: str) -> None:
        self.out = out
        self.namespace = namespace
        self.pieces: list[str] = ["<?xml version='1.0' encoding='utf-8'?>\n"]
        self.open: list[str] = []
        self.rooted = False
        self.bare = False  # the last start tag still lacks its ">": its element may end up empty

    def start(self, tag: str, *attributes: tuple[str, str | None]) -> None:
        """An element that may have children; `end()` closes it. An attribute whose value is None is left out."""
        self._start_tag(tag, attributes)
        self.open.append(tag)
        self.bare = True

    def end(self) -> None:
        tag = self.open.pop()
        if self.bare:
            self.pieces.append(" />")
            self.bare = False
        else:
            self.pieces.append(f"\n{'  ' * len(self.open)}</{tag}>")
        if not self.open:
            self.pieces.append("\n")
            self.flush()
        elif len(self.pieces) >= self.FLUSH_EVERY:
            self.flush()

    def leaf(self, tag: str, *attributes: tuple[str, str | None], text: str = "") -> None:
        """An element without children, with `text` if there is any."""
        self._start_tag(tag, attributes)
        self.pieces.append(f">{escape(xml_safe(text))}</{tag}>" if text else " />")

    def flush(self) -> None:
        self.out.write("".join(self.pieces).encode("utf-8"))
        self.pieces.clear()

    def _start_tag(self, tag: str, attributes: Iterable[tuple[str, str | None]]) -> None:
        pieces = self.pieces
        if self.bare:
            pieces.append(">")
            self.bare = False
        if self.rooted:
            pieces.append(f"\n{'  ' * len(self.open)}<{tag}")
        else:
            pieces.append(f'<{tag} xmlns="{_escape_attribute(self.namespace)}"')
            self.rooted = True
        for key, value in attributes:
            if value is None:
                continue
            if not (value.isascii() and value.isprintable()):
                value = _escape_attribute(xml_safe(value))
            elif "&" in value or "<" in value or ">" in value or '"' in value:
                value = _escape_attribute(value)
            pieces.append(f' {key}="{value}"')


# Text is escaped as ElementTree escapes it (&, < and >: saxutils.escape); an attribute's value
# as ElementTree escapes it too: quotes as well, and line breaks and tabs as character
# references, so a reader's attribute-value normalisation keeps them.
_ATTRIBUTE_ENTITIES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}


def _escape_attribute(text: str) -> str:
    return escape(text, _ATTRIBUTE_ENTITIES)


def _write_code(writer: XmlWriter, code: Code) -> None:
    writer.start("Code", ("guid", code.guid), ("name", code.name), ("isCodable", "true" if code.codable else "false"),
                 ("color", code.colour))
    if code.description:
        writer.leaf("Description", text=code.description)
    for child in code.children:
        _write_code(writer, child)
    writer.end()


def write_qdc(states: Sequence[SessionState], out: BinaryIO) -> None:
    writer = XmlWriter(out, CODEBOOK_NS)
    writer.start("CodeBook", ("origin", ORIGIN))
    writer.start("Codes")
    for code in codebook(states):
        _write_code(writer, code)
    writer.end()
    writer.end()


def to_qdc_data(states: Sequence[SessionState]) -> bytes:
    return _written(functools.partial(write_qdc, states))


# -- the project -------------------------------------------------------------------------------
@functools.lru_cache(maxsize=4096)  # a few distinct ones, asked for at every note
def _user_guid(writer: str, role: str) -> str:
    return guid("user", writer, role)


def _note_writer(note) -> str:
    """Who wrote a note: in a team session the person (a rejoin after a crash is the same user),
    else the writing process."""
    return f"name:{note.author}" if note.author else note.writer


def _note_user_name(note) -> str:
    # Like the other users' names (`scribe (w1)`, `debrief (w1)`): identifiers, the same in every language.
    return f"{note.author} ({note.role})" if note.author else f"{note.role} ({note.writer})"


def _users(sources: Sequence[SessionSource]) -> dict[str, tuple[str, str]]:
    """guid -> (name, id): one user per writer and role, so codings say who wrote the note."""
    users: dict[str, tuple[str, str]] = {}
    for source in sources:
        for item in iter_exported_notes(source.state):  # in the sources' order of lines
            note = item.note
            users.setdefault(_user_guid(_note_writer(note), note.role), (_note_user_name(note), f"{note.writer}-{note.role}"))
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


def _source_description(state: SessionState) -> str:
    assert state.playbook is not None
    lines = [_("Playbook: {title}").format(title=state.playbook.title),
             _("Session {session}, started {started}").format(session=state.session_id, started=state.created_at)]
    if state.recording_started_t is not None:
        lines.append(_("Each line gives the interview clock, then the recording time in parentheses."))
    return "\n".join(lines)


def _write_source(writer: XmlWriter, source: SessionSource) -> None:
    state = source.state
    lines = source.lines()
    first = next(lines, None)
    writer.start("TextSource", ("guid", source.guid), ("name", source.name), ("plainTextPath", f"internal://{source.guid}.txt"),
                 ("creatingUser", None if first is None else _user_guid(_note_writer(first.item.note), first.item.note.role)),
                 ("creationDateTime", _iso(state.created_at)), ("modifiedDateTime", _iso(state.last_at)))
    writer.leaf("Description", text=_source_description(state))
    if first is not None:
        problems = problems_by_note(state)
        # Selections are named `line:N`, N counted from 0 as qc counts: qc reads codings by this name.
        for number, line in enumerate(itertools.chain((first,), lines)):
            applied = _codes_of(source, line, problems)
            if not applied:
                continue
            note = line.item.note
            writer.start("PlainTextSelection", ("guid", guid("selection", state.session_id, note.id)), ("name", f"line:{number}"),
                         ("startPosition", str(line.start)), ("endPosition", str(line.end)),
                         ("creatingUser", _user_guid(_note_writer(note), note.role)), ("creationDateTime", _iso(note.at)))
            if line.item.question:
                writer.leaf("Description", text=line.item.question)
            for code_guid, user, at in applied:
                writer.start("Coding", ("guid", guid("coding", state.session_id, note.id, code_guid)), ("creatingUser", user),
                             ("creationDateTime", _iso(at)))
                writer.leaf("CodeRef", ("targetGUID", code_guid))
                writer.end()
            writer.end()
    writer.end()


def _codes_of(source: SessionSource, line: SourceLine, problems: dict[str, Problem]) -> list[tuple[str, str, str]]:
    """(code guid, user guid, time) of each code a note carries: its tags, marks and problem."""
    note = line.item.note
    writer = _user_guid(_note_writer(note), note.role)
    applied = [(tag_code_guid(tag), writer, note.at) for tag in note.tags]
    debrief = source.debrief_by
    for mark in sorted(source.state.marks.get(note.id, ())):
        who, at = debrief.get((note.id, mark), (note.writer, note.at))
        applied.append((mark_code_guid(mark), _user_guid(who, DEBRIEF_ROLE), at))
    problem = problems.get(note.id)
    if problem is not None:
        who, at = debrief.get((note.id, "problem"), (note.writer, note.at))
        applied.append((problem_code_guid(source.state.session_id, problem.id), _user_guid(who, DEBRIEF_ROLE), at))
    return applied


def _write_case(writer: XmlWriter, source: SessionSource, variables: dict[str, str]) -> None:
    state = source.state
    name = str(state.participant.get("name") or "").strip() or state.session_id
    writer.start("Case", ("guid", guid("case", state.session_id)), ("name", name))
    for key in variables:
        value = state.participant.get(key)
        if value is None or str(value).strip() == "":
            continue
        writer.start("VariableValue")
        writer.leaf("VariableRef", ("targetGUID", guid("variable", key)))
        writer.leaf("TextValue", text=str(value))
        writer.end()
    writer.leaf("SourceRef", ("targetGUID", source.guid))
    writer.end()


def write_project(sources: Sequence[SessionSource], out: BinaryIO) -> None:
    """project.qde, written as it is made: a source's lines one at a time."""
    states = [source.state for source in sources]
    titles = list(dict.fromkeys(state.playbook.title for state in states if state.playbook is not None))
    users = _users(sources)
    writer = XmlWriter(out, PROJECT_NS)
    # Fixed times from the sessions, not the export's clock: the same sessions give the same file.
    writer.start("Project", ("name", " · ".join(titles) or ORIGIN), ("origin", ORIGIN),
                 ("creatingUserGUID", next(iter(users)) if users else None),
                 ("creationDateTime", _iso(min(state.created_at for state in states))),
                 ("modifiedDateTime", _iso(max(state.last_at for state in states))))
    if users:
        writer.start("Users")
        for user_guid, (name, user_id) in users.items():
            writer.leaf("User", ("guid", user_guid), ("name", name), ("id", user_id))
        writer.end()
    writer.start("CodeBook")
    writer.start("Codes")
    for code in codebook(states):
        _write_code(writer, code)
    writer.end()
    writer.end()
    variables = _variables(states)
    if variables:
        writer.start("Variables")
        for key, label in variables.items():
            writer.start("Variable", ("guid", guid("variable", key)), ("name", key), ("typeOfVariable", "Text"))
            if label != key:
                writer.leaf("Description", text=label)
            writer.end()
        writer.end()
    writer.start("Cases")
    for source in sources:
        _write_case(writer, source, variables)
    writer.end()
    writer.start("Sources")
    for source in sources:
        _write_source(writer, source)
    writer.end()
    writer.end()


def project_xml(sources: Sequence[SessionSource]) -> bytes:
    return _written(functools.partial(write_project, sources))


def _write_text(source: SessionSource, out: BinaryIO) -> None:
    """A source's text, UTF-8, a few hundred lines at a time."""
    pieces: list[str] = []
    for line in source.lines():
        pieces.append(line.text)
        if len(pieces) >= 256:
            out.write(("\n".join(pieces) + "\n").encode("utf-8"))
            pieces.clear()
    if pieces:
        out.write(("\n".join(pieces) + "\n").encode("utf-8"))


def write_qdpx_data(sessions: Sequence[tuple[SessionLog, SessionState]], out: BinaryIO) -> None:
    """The .qdpx zip: project.qde and one UTF-8 text per session under sources/, each compressed as it
    is written (100,000 notes: no tree, no whole text)."""
    sources = [session_source(log, state) for log, state in sessions]
    # The zip's entry times come from the sessions too, so re-exporting gives the same bytes.
    stamp = _zip_time(max(state.last_at for _log, state in sessions))
    # A member written as a stream must say before its first byte whether it may pass 2 GiB (ZIP64);
    # saying so for every export would change the bytes of every export, so only where it might.
    big = _might_pass_zip_limit(sessions)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open(_entry("project.qde", stamp), "w", force_zip64=big) as member:
            write_project(sources, member)
        for source in sources:
            with archive.open(_entry(f"{SOURCES_FOLDER}/{source.guid}.txt", stamp), "w", force_zip64=big) as member:
                _write_text(source, member)


# Far above what project.qde takes a note (about 770 bytes at 100,000 notes, the text aside) and a
# character of text (at most 4 bytes of UTF-8, or an escape of 6), so a member under the estimate is
# surely under the limit.
_BYTES_A_NOTE = 4096
_BYTES_A_CHARACTER = 8


def _might_pass_zip_limit(sessions: Sequence[tuple[SessionLog, SessionState]]) -> bool:
    notes = sum(len(state.notes) for _log, state in sessions)
    characters = sum(len(note.text) for _log, state in sessions for note in state.notes)
    return notes * _BYTES_A_NOTE + characters * _BYTES_A_CHARACTER >= zipfile.ZIP64_LIMIT


def to_qdpx_data(sessions: Sequence[tuple[SessionLog, SessionState]]) -> bytes:
    return _written(functools.partial(write_qdpx_data, sessions))


def _written(write: Callable[[BinaryIO], None]) -> bytes:
    """What `write` writes, in memory (for the callers that want the bytes, and the tests)."""
    out = io.BytesIO()
    write(out)
    return out.getvalue()


def _zip_time(at: str) -> tuple[int, int, int, int, int, int]:
    try:
        moment = datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return (1980, 1, 1, 0, 0, 0)
    return (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, moment.second)


def _entry(name: str, stamp: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16  # unpacked, the texts stay private like the sessions
    return info


def to_qdpx(log: SessionLog, state: SessionState) -> bytes:
    return to_qdpx_data([(log, state)])


def to_qdc(log: SessionLog, state: SessionState) -> bytes:
    return to_qdc_data([state])
