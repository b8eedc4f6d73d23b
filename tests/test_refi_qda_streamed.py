"""The REFI-QDA export written as it is made: the same bytes as ElementTree's text of the whole tree,
with memory that does not grow with the notes. tests/test_export_refi_qda.py checks what the project
says (schemas, codings, a real tool's import)."""

from __future__ import annotations

import io
import tracemalloc
import uuid
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.export.refi_qda import GUID_ROOT, XmlWriter, guid, write_qdpx_data, xml_safe
from interview_tui.session import Role, Session
from interview_tui.session.load import load_session_folded

NS = "urn:QDA-XML:project:1.0"
# Any text a log can hold, lone surrogates included, with the characters XML escapes made common.
values = st.text(st.one_of(st.characters(blacklist_categories=()), st.sampled_from('&<>"\'\r\n\t\x00\x1b\x7f\u202e\ufffe한中')),
                 max_size=12)


def elementtree_text(tag_values: list[str], texts: list[str]) -> bytes:
    """What the export wrote before it streamed: a tree, every value made xml_safe, ET.indent, tostring."""
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}Project", name=tag_values[0], origin=tag_values[1])
    empty = ET.SubElement(root, f"{{{NS}}}Users")
    del empty  # an element that stays empty
    parent = ET.SubElement(root, f"{{{NS}}}Sources")
    for value, text in zip(tag_values[2:], texts):
        source = ET.SubElement(parent, f"{{{NS}}}TextSource", guid=value, name=value + "x")
        ET.SubElement(source, f"{{{NS}}}Description").text = text
        ET.SubElement(source, f"{{{NS}}}CodeRef", targetGUID=value)
    for element in root.iter():
        if element.text:
            element.text = xml_safe(element.text)
        for key, value in element.attrib.items():
            element.set(key, xml_safe(value))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def streamed_text(tag_values: list[str], texts: list[str]) -> bytes:
    out = io.BytesIO()
    writer = XmlWriter(out, NS)
    writer.start("Project", ("name", tag_values[0]), ("origin", tag_values[1]), ("creatingUserGUID", None))
    writer.start("Users")
    writer.end()
    writer.start("Sources")
    for value, text in zip(tag_values[2:], texts):
        writer.start("TextSource", ("guid", value), ("name", value + "x"))
        writer.leaf("Description", text=text)
        writer.leaf("CodeRef", ("targetGUID", value))
        writer.end()
    writer.end()
    writer.end()
    return out.getvalue()


@settings(max_examples=300, deadline=None)
@given(st.lists(values, min_size=2, max_size=6), st.lists(values, max_size=4))
def test_the_streamed_xml_is_elementtree_s_text_of_the_same_tree(tag_values, texts):
    assert streamed_text(tag_values, texts) == elementtree_text(tag_values, texts)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",))), min_size=1, max_size=4))
def test_guids_are_the_uuid5_of_what_they_name(identity):
    assert guid(*identity) == str(uuid.uuid5(GUID_ROOT, "\x1f".join(identity)))


def export_peak(sessions_root: Path, playbook, clock, notes: int, tmp_path: Path) -> tuple[int, int]:
    """(bytes traced at the peak while exporting a session of `notes` notes, bytes the zip unpacks to)."""
    session = Session.create(sessions_root, playbook, participant={"name": f"Ana {notes}"}, clock=clock)
    session.start_clock()
    for number in range(notes):
        clock.advance(2)
        session.add_note(Role.SCRIBE, f"note {number}: what the customer said about the thing they use #pain #quote")
    session.end()
    session.close()
    log, state = load_session_folded(session.folder)
    out = tmp_path / f"{notes}.qdpx"
    with out.open("wb") as handle:
        tracemalloc.start()
        write_qdpx_data([(log, state)], handle)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    with zipfile.ZipFile(out) as archive:
        return peak, sum(member.file_size for member in archive.infolist())


def test_exporting_more_notes_holds_hardly_more_memory(sessions_root, playbook, clock, tmp_path):
    small_peak, small_size = export_peak(sessions_root, playbook, clock, 200, tmp_path)
    large_peak, large_size = export_peak(sessions_root, playbook, clock, 3000, tmp_path)
    # Built whole, the XML tree held 5.5 bytes for every byte the zip unpacks to; written as it is made,
    # a note costs the export a reference in the time-ordered list of notes.
    assert large_size - small_size > 2_000_000
    assert large_peak - small_peak < 0.05 * (large_size - small_size), (small_peak, large_peak, large_size)


def test_an_export_too_big_for_a_plain_zip_member_is_written_as_zip64(sessions_root, playbook, clock, tmp_path, monkeypatch):
    """A streamed zip member must say before its first byte whether it may pass 2 GiB; an export that
    might is written as ZIP64 instead of failing at the end (the limit is lowered here to stand in for
    some 2.8 million notes)."""
    monkeypatch.setattr(zipfile, "ZIP64_LIMIT", 200_000)
    export_peak(sessions_root, playbook, clock, 400, tmp_path)
    with zipfile.ZipFile(tmp_path / "400.qdpx") as archive:
        assert archive.testzip() is None
        project = archive.read("project.qde")
        assert len(project) > 200_000
        assert b"note 399: what the customer said" in b"".join(archive.read(n) for n in archive.namelist() if n.endswith(".txt"))
