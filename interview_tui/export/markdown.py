"""`--format md`: a write-up a colleague can read, or paste into Confluence, Notion or an email.

Notes are user text. They are escaped only where Markdown would change them, so `[laughs]`,
`*really*`, `<b>` and `&amp;` read as typed once rendered, while "snake_case", "a -> b" or "50%" stay
free of backslashes; a note's own line breaks become hard breaks inside its list item, so a line
starting with `#`, `-` or `1.` can never turn into a heading or a new list.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePath

from interview_tui.export.write_up import ExportedNote, exported_notes, problems_text, session_end_t
from interview_tui.session.clock import mmss
from interview_tui.i18n import _, format_date, format_minutes, join_list, ngettext
from interview_tui.session.events import CONSENT_LABELS, ROLES, mark_label, role_title
from interview_tui.session.log import SessionLog
from interview_tui.session.state import SessionState
from interview_tui.usertext import parse_tags, visible_controls

# Significant anywhere in a line: emphasis, code, links and images, HTML, strikethrough, entities.
_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]<~&]")
_ENTITY = re.compile(r"&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Significant at the start of a line: headings, quotes, list items, setext underlines, tables.
_LINE_START = re.compile(r"^(\s*)(?:([#>+=|-])|(\d{1,9})([.)]))")
def _escape_inline_char(match: re.Match[str]) -> str:
    char, text, index = match.group(), match.string, match.start()
    if char == "_":
        # An underscore inside a word never makes emphasis: leave "snake_case" alone.
        before, after = text[index - 1 : index], text[index + 1 : index + 2]
        if before.isalnum() and after.isalnum():
            return char
    if char == "&" and not _ENTITY.match(text, index):
        return char  # "R&D", "Q & A": only something that reads as an entity needs the escape
    return "\\" + char


def _escape_line(line: str) -> str:
    line = _INLINE_SPECIAL.sub(_escape_inline_char, line)

    def escape_start(match: re.Match[str]) -> str:
        indent, marker, number, delimiter = match.groups()
        if marker is not None:
            return f"{indent}\\{marker}"
        return f"{indent}{number}\\{delimiter}"

    return _LINE_START.sub(escape_start, line, count=1)


def md_text(text: str, *, continuation: str | None = "  ") -> str:
    """User text shown as typed when the Markdown is rendered.

    Its line breaks become hard breaks (a trailing backslash), each next line starting with
    `continuation` (the indent of a list item's text, or "> " in a quote); with `continuation=None`
    (headings, which cannot hold a break) the lines are joined with spaces. Blank lines are dropped:
    they would end the list item.
    """
    text = visible_controls(text, keep_line_breaks=True)  # tab and newline are text here
    lines = [_escape_line(line) for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    if continuation is None:
        return " ".join(line.strip() for line in lines)
    return f"\\\n{continuation}".join(lines)


def _heading_text(text: str) -> str:
    escaped = md_text(text, continuation=None)
    # A heading's trailing #s are a closing sequence and would vanish.
    return escaped[:-1] + "\\#" if escaped.endswith("#") else escaped


def _minutes(seconds: float) -> str:
    return format_minutes(seconds / 60)


def _note_line(item: ExportedNote) -> str:
    note = item.note
    text = md_text(note.text)
    # Tags added with a key (not typed as #tag) are shown after the text, so every tag is visible.
    typed = parse_tags(note.text)
    extra_tags = " ".join(f"#{md_text(tag, continuation=None)}" for tag in note.tags if tag not in typed)
    details = []
    if item.recording is not None:
        details.append(_("rec {time}").format(time=mmss(item.recording)))
    if note.edited:
        details.append(_("edited"))
    suffix = (f" {extra_tags}" if extra_tags else "") + (f" ({', '.join(details)})" if details else "")
    return f"- **{mmss(note.clock)}** {role_title(note.role)}: {text}{suffix}"


def _when(created_at: str) -> tuple[str, str]:
    """The session's date and its local time with the UTC offset, as recorded in the room."""
    iso_date, _separator, rest = created_at.partition("T")
    time, offset = rest[:5], rest[12:]
    offset = "UTC" if offset in ("Z", "+00:00") else f"UTC{offset}" if offset else ""
    try:
        date = format_date(*(int(part) for part in iso_date.split("-")))
    except (TypeError, ValueError):
        date = iso_date
    return date, f"{date} {time}" + (f" ({offset})" if offset else "")


def to_markdown(log: SessionLog, state: SessionState) -> str:
    playbook = state.playbook
    assert playbook is not None
    end = session_end_t(state)
    notes = exported_notes(state)
    participant = str(state.participant.get("name") or "").strip() or _("unnamed participant")
    date, when = _when(state.created_at)

    heading = _("{playbook} with {participant}, {date}").format(playbook=playbook.title, participant=participant, date=date)
    lines = [f"# {_heading_text(heading)}", ""]
    labels = {field.id: field.label for field in playbook.participant}
    profile = [
        f"{md_text(labels.get(key, key.replace('_', ' ').capitalize()), continuation=None)}: "
        f"{md_text(str(value), continuation=None)}"
        for key, value in state.participant.items()
        if key not in ("name", "role", "prepared") and str(value).strip()
    ]
    who = md_text(participant, continuation=None)
    if str(state.participant.get("role") or "").strip():
        who += f", {md_text(str(state.participant['role']), continuation=None)}"
    lines.append(_("- **Participant:** {who}").format(who=who))
    if profile:
        lines.append(_("- **Profile:** {profile}").format(profile="; ".join(profile)))
    lines.append(_("- **When:** {when}; session `{session}`").format(when=when, session=state.session_id))
    # The file's name only: a full path would tell every reader of the write-up the sender's folders.
    source_name = PurePath(state.playbook_source).name if state.playbook_source else ""
    source = f" ({md_text(source_name, continuation=None)})" if source_name else ""
    lines.append(_("- **Playbook:** {playbook}{source}").format(playbook=md_text(playbook.title, continuation=None), source=source))
    lines.append(_("- **Consent to record:** {consent}").format(consent=_(CONSENT_LABELS[state.consent])))
    if state.redaction_summary:
        lines.append(f"- {md_text(state.redaction_summary, continuation=None)}")
    if playbook.purpose:
        lines += ["", _("**Purpose:** {purpose}").format(purpose=md_text(playbook.purpose, continuation=""))]

    by_role = join_list(_("{count} {role}").format(role=role_title(role).lower(), count=sum(1 for n in notes if n.note.role == role))
                        for role in ROLES)
    if state.clock_started:
        duration = _("{elapsed} of {planned} planned").format(elapsed=mmss(state.clock_elapsed(end)), planned=mmss(state.session_planned()))
    else:
        duration = _("clock never started")
    count = ngettext("{count} note", "{count} notes", len(notes)).format(count=len(notes))
    if state.ended:
        summary = _("**Summary:** {duration}; {notes} ({by_role}); ended.")
    else:
        summary = _("**Summary:** {duration}; {notes} ({by_role}); not ended.")
    lines += ["", summary.format(duration=duration, notes=count, by_role=by_role)]

    quotes = [item for item in notes if "quote" in item.note.tags]
    if quotes:
        lines += ["", "## " + _("Quotes"), ""]
        lines += [f"- {md_text(item.note.text)} ({mmss(item.note.clock)})" for item in quotes]

    lines += ["", "## " + _("Notes by phase")]
    for phase in playbook.phases:
        planned, actual = state.phase_planned(phase.id), state.phase_spent(phase.id, end)
        if phase.id in state.skipped_phases:
            timing = _("*Planned {planned}, took {took}; skipped.*")
        else:
            timing = _("*Planned {planned}, took {took}.*")
        lines += ["", f"### {_heading_text(phase.title)}", ""]
        lines += [timing.format(planned=_minutes(planned), took=mmss(actual)), ""]
        in_phase = [item for item in notes if item.note.phase == phase.id]
        lines += [_note_line(item) for item in in_phase] or [_("No notes.")]
    known = {phase.id for phase in playbook.phases}
    strays = [item for item in notes if item.note.phase not in known]
    if strays:
        lines += ["", "### " + _("Other"), ""] + [_note_line(item) for item in strays]

    if state.problems:
        # The debrief: problems with the notes behind them and their 5-whys chain.
        lines += ["", "## " + _("Problems")]
        by_id = {item.note.id: item for item in notes}
        for problem in state.problems.values():
            lines += ["", f"### {_heading_text(problem.title)}", ""]
            behind = [by_id[note_id] for note_id in problem.notes if note_id in by_id]
            lines += [_note_line(item) for item in behind] or [_("No notes grouped here yet.")]
            if problem.whys:
                lines.append("")
                lines += [_("{level}. Why? {why}").format(level=level, why=md_text(why, continuation="   "))
                          for level, why in enumerate(problem.whys, start=1)]
    marked = [(item, state.marks.get(item.note.id, ())) for item in notes if state.marks.get(item.note.id)]
    if marked:
        lines += ["", "## " + _("Marked in the debrief"), ""]
        for item, marks in marked:
            labels = join_list(mark_label(mark) for mark in sorted(marks))
            lines.append(f"- **{labels}:** {md_text(item.note.text)} ({mmss(item.note.clock)})")

    follow_ups = [item for item in notes if "follow-up" in item.note.tags]
    if follow_ups:
        lines += ["", "## " + _("Follow-ups"), ""]
        for item in follow_ups:
            done = state.queue_status.get(item.note.id, "open") != "open"
            lines.append(f"- [{'x' if done else ' '}] {md_text(item.note.text)}")

    tags = Counter(tag for item in notes for tag in item.note.tags)
    if tags:
        lines += ["", "## " + _("Tags"), ""]
        lines.append(join_list(f"#{md_text(tag, continuation=None)} ({count})" for tag, count in tags.most_common()))

    problems = problems_text(log)
    if problems:
        lines += ["", "## " + _("Skipped while reading"), ""]
        lines += [f"- {md_text(problem)}" for problem in problems]
    return "\n".join(lines) + "\n"
