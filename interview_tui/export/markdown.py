"""`--format md`: a write-up a colleague can read, or paste into Confluence or Notion."""

from __future__ import annotations

import re
from collections import Counter

from interview_tui.export.write_up import exported_notes, problems_text, session_end_t
from interview_tui.session.clock import mmss
from interview_tui.session.events import ROLES
from interview_tui.session.log import SessionLog
from interview_tui.session.state import SessionState

# Characters that would turn a note into emphasis, code, links, HTML or a table cell when rendered
# (notes are always mid-line, so line-start markers like "-" or "1." need no escape).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def md_text(text: str) -> str:
    """User text shown as typed when the Markdown is rendered: escaped, on one line."""
    text = _CONTROL.sub(lambda m: chr(0x2400 + ord(m.group())) if m.group() != "\x7f" else "\u2421", text)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.splitlines()))


def to_markdown(log: SessionLog, state: SessionState) -> str:
    playbook = state.playbook
    assert playbook is not None
    end = session_end_t(state)
    participant = state.participant.get("name") or "unnamed participant"
    notes = exported_notes(state)
    lines = [f"# {md_text(playbook.title)}: {md_text(participant)}", ""]
    lines.append(f"- **Date:** {state.created_at[:16].replace('T', ' ')}")
    lines.append(f"- **Session:** `{state.session_id}`" + ("" if state.ended else " (not ended)"))
    profile = {k: v for k, v in state.participant.items() if k not in ("name", "prepared")}
    for key, value in profile.items():
        lines.append(f"- **{md_text(key.replace('_', ' ').capitalize())}:** {md_text(str(value))}")
    lines.append(f"- **Consent to record:** {state.consent}")
    by_role = ", ".join(f"{sum(1 for n in notes if n.note.role == role)} {role}" for role in ROLES)
    lines.append(f"- **Interview time:** {mmss(state.clock_elapsed(end))} of {mmss(state.session_planned())} planned")
    lines.append(f"- **Notes:** {len(notes)} ({by_role})")
    if playbook.purpose:
        lines += ["", f"> {md_text(playbook.purpose)}"]

    quotes = [item for item in notes if "quote" in item.note.tags]
    if quotes:
        lines += ["", "## Quotes", ""]
        lines += [f"- {md_text(item.note.text)} ({mmss(item.note.clock)})" for item in quotes]

    skipped_phases = state.skipped_phases
    lines += ["", "## Timeline"]
    for phase in playbook.phases:
        skipped = ", skipped" if phase.id in skipped_phases else ""
        planned, actual = state.phase_planned(phase.id), state.phase_spent(phase.id, end)
        lines += ["", f"### {md_text(phase.title)}", "", f"*{mmss(actual)} of {mmss(planned)}{skipped}*", ""]
        in_phase = [item for item in notes if item.note.phase == phase.id]
        if not in_phase:
            lines.append("No notes.")
        for item in in_phase:
            note = item.note
            recording = f" (rec {mmss(item.recording)})" if item.recording is not None else ""
            lines.append(f"- **{mmss(note.clock)}**{recording} {note.role.capitalize()}: {md_text(note.text)}")

    follow_ups = [item for item in notes if "follow-up" in item.note.tags]
    if follow_ups:
        lines += ["", "## Follow-ups", ""]
        for item in follow_ups:
            done = state.queue_status.get(item.note.id, "open") != "open"
            lines.append(f"- [{'x' if done else ' '}] {md_text(item.note.text)}")

    tags = Counter(tag for item in notes for tag in item.note.tags)
    if tags:
        lines += ["", "## Tags", ""]
        lines.append(", ".join(f"`{tag}` {count}" for tag, count in tags.most_common()))

    problems = problems_text(log)
    if problems:
        lines += ["", "## Skipped while reading", ""]
        lines += [f"- {md_text(problem)}" for problem in problems]
    return "\n".join(lines) + "\n"
