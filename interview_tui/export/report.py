"""The report across interviews: the rainbow sheet (tags by participant), tags per phase, top quotes
per tag, open follow-ups, segment coverage, and phase timing. Pure data first, then three renderings:
the terminal (Rich), Markdown and CSV."""

from __future__ import annotations

import io
import itertools
import operator
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from interview_tui.i18n import _, ngettext
from interview_tui.session.events import FOLLOW_UP_TAG, Mark
from interview_tui.session.state import Note, SessionState
from interview_tui.usertext import visible_controls

QUOTE_TAG = "quote"
TOP_QUOTES = 3
_phase_of = operator.attrgetter("phase")
_id_of = operator.attrgetter("id")
_at_of = operator.attrgetter("at")


@dataclass(frozen=True)
class Cell:
    """The notes of one participant with one tag."""

    notes: tuple[Note, ...]


@dataclass
class PhaseTiming:
    title: str
    planned: list[float] = field(default_factory=list)  # seconds, one per session that has the phase
    actual: list[float] = field(default_factory=list)

    @property
    def overruns(self) -> int:
        return sum(1 for planned, actual in zip(self.planned, self.actual) if actual > planned + 30)


@dataclass
class Report:
    sessions: int
    participants: list[str]
    tags: list[str]  # most used first
    sheet: dict[str, dict[str, Cell]]  # tag -> participant -> cell
    phases: list[str]  # phase ids, in playbook order
    phase_titles: dict[str, str]
    tag_by_phase: dict[str, Counter]  # tag -> phase id -> count
    quotes: dict[str, list[tuple[str, Note]]]  # tag -> [(participant, note)]
    follow_ups: list[tuple[str, Note]]
    segments: Counter
    timing: dict[str, PhaseTiming]
    redaction: str = ""  # what --redact masked, said at the top


def participant_label(state: SessionState) -> str:
    name = str(state.participant.get("name") or _("unnamed"))
    return f"{name} ({state.session_id[:8]})"


SEGMENT_FIELD = "segment"


def segment_choices(state: SessionState) -> list[str]:
    field = next((f for f in state.playbook.participant if f.id == SEGMENT_FIELD), None) if state.playbook else None
    return list(field.choices) if field is not None else []


def segment_identity(state: SessionState) -> int | str:
    """A segment is the n-th choice of the playbook's `segment` field: a translated playbook lists the
    same segments in the same order (customer-interview and customer-interview-ko), so a Korean
    label and its English twin count as one segment. A value not among the choices is its own."""
    value = str(state.participant.get(SEGMENT_FIELD) or "")
    choices = segment_choices(state)
    return choices.index(value) if value in choices else value


def count_segments(keys: list[int | str], labels: dict[int, list[str]]) -> Counter:
    """Interviews per segment, by the label the first playbook gives it (its twins in brackets);
    every segment the playbooks list has a row, zero too: the ones still to interview."""

    def label_of(index: int) -> str:
        names = list(dict.fromkeys(labels[index]))
        return names[0] + (f" ({', '.join(names[1:])})" if len(names) > 1 else "")

    # Each label once: labels[index] holds one name per session (a label for each session's key made
    # the segments of 1,000 sessions cost a million steps).
    label_by_index = {index: label_of(index) for index in sorted(labels)}
    segments: Counter = Counter(dict.fromkeys(label_by_index.values(), 0))
    for key in keys:
        if isinstance(key, int):
            segments[label_by_index[key]] += 1
        else:
            segments[key or _("not given")] += 1
    return segments


def _earliest(times: list[str], count: int) -> list[int]:
    """The indexes of the `count` smallest times, ties in list order: what sorting the (time, index)
    pairs would put first. Passes of min() and compress() over the times run in C; heapq.nsmallest
    over (valued, time, index) tuples made a tuple and a comparison in Python for each of a report's
    200,000 quotes (1,000 sessions x 100 notes: 215 -> ~10 ms)."""
    chosen: list[int] = []
    later: Iterable[str] = times
    while len(chosen) < count and (earliest := min(later, default=None)) is not None:
        chosen += itertools.islice(itertools.compress(itertools.count(), map(earliest.__eq__, times)), count - len(chosen))
        later = filter(earliest.__lt__, times)
    return chosen


def _each_once(notes: list[Note] | None) -> list[Note] | None:
    """A tag's notes, each once: a note a hand edit gave the same tag twice is in them twice, one
    after the other."""
    if notes is None or not any(map(operator.is_, notes, itertools.islice(notes, 1, None))):
        return notes
    return [note for note, previous in zip(notes, [None, *notes]) if note is not previous]


def build_report(states: list[SessionState]) -> Report:
    participants: list[str] = []
    sheet: dict[str, dict[str, list[Note]]] = defaultdict(lambda: defaultdict(list))
    tag_totals: Counter = Counter()
    tag_phases: dict[str, list[str]] = defaultdict(list)  # each tagged note's phase, counted once at the end
    phases: list[str] = []
    phase_titles: dict[str, str] = {}
    # Every quote of a tag as three lists side by side (the note, who it is from, its time): no
    # tuple for each until the top ones are picked (200,000 quotes in 1,000 sessions x 100 notes).
    quote_notes: dict[str, list[Note]] = defaultdict(list)
    quote_sources: dict[str, list[str]] = defaultdict(list)
    quote_times: dict[str, list[str]] = defaultdict(list)
    follow_ups: list[tuple[str, Note]] = []
    segment_keys: list[int | str] = []
    segment_labels: dict[int, list[str]] = {}
    timing: dict[str, PhaseTiming] = {}
    for state in states:
        if state.playbook is None:
            continue
        who = participant_label(state)
        participants.append(who)
        segment_keys.append(segment_identity(state))
        for index, label in enumerate(segment_choices(state)):
            segment_labels.setdefault(index, []).append(label)
        end = state.ended_t if state.ended_t is not None else state.last_t
        for phase in state.playbook.phases:
            if phase.id not in phase_titles:
                phases.append(phase.id)
                phase_titles[phase.id] = phase.title
            row = timing.get(phase.id)
            if row is None:
                row = timing[phase.id] = PhaseTiming(phase.title)
            row.planned.append(state.phase_planned(phase.id))
            row.actual.append(state.phase_spent(phase.id, end))
        # Grouped by tag within the session first, so the report's tables take each tag's notes
        # in one step rather than one note at a time (100,000 notes in a report of 1,000 sessions).
        by_tag: dict[str, list[Note]] = {}
        for note in state.notes:
            if note.deleted:
                continue
            for tag in note.tags:
                tagged = by_tag.get(tag)
                if tagged is None:
                    by_tag[tag] = [note]
                else:
                    tagged.append(note)
        for tag, tagged in by_tag.items():
            sheet[tag][who].extend(tagged)
            tag_totals[tag] += len(tagged)
            tag_phases[tag].extend(map(_phase_of, tagged))
        quoted, followed = _each_once(by_tag.get(QUOTE_TAG)), _each_once(by_tag.get(FOLLOW_UP_TAG))
        if not (quoted or followed):
            continue
        noted_by = None
        if state.is_team:  # asked once a session, not once a note (a set of every writer each time)
            # A team session says who took the note down, beside whose words they are.
            bylines = {note.id: state.byline(note) for note in (*(quoted or ()), *(followed or ()))}

            def noted_by(note: Note, who: str = who, bylines: dict[str, str] = bylines) -> str:
                byline = bylines[note.id]
                return _("{participant}, noted by {writer}").format(participant=who, writer=byline) if byline else who
        # Each tag's quotes with their times, taken while this session's notes are at hand: picking
        # the top ones later reads the times of 200,000 quotes from lists, not from the notes
        # scattered in memory (1,000 sessions x 100 notes: 35 -> 10 ms).
        for tag, tagged in by_tag.items() if quoted else ():
            candidates = quoted if tag == QUOTE_TAG else [note for note in tagged if QUOTE_TAG in note.tags]
            if candidates:
                quote_notes[tag].extend(candidates)
                quote_sources[tag].extend(map(noted_by, candidates) if noted_by else itertools.repeat(who, len(candidates)))
                quote_times[tag].extend(map(_at_of, candidates))
        queue_status = state.queue_status
        for note in followed or ():
            if queue_status.get(note.id, "open") == "open":
                follow_ups.append((noted_by(note) if noted_by else who, note))
    segments = count_segments(segment_keys, segment_labels)
    # One count a tag (a Counter.update a tag and session cost ~1 us each before it counted a thing).
    tag_by_phase = {tag: Counter(phases_of_tag) for tag, phases_of_tag in tag_phases.items()}
    # Top quotes: the ones the debrief marked valuable first, then the earliest (ties: the order
    # read). The three smallest, as sorted() would order them, without sorting every quote.
    valuable = {note_id for state in states for note_id, marks in state.marks.items() if Mark.VALUABLE in marks}
    quotes: dict[str, list[tuple[str, Note]]] = {}
    for tag, notes in quote_notes.items():
        ats, sources = quote_times[tag], quote_sources[tag]
        valued = list(itertools.compress(itertools.count(), map(valuable.__contains__, map(_id_of, notes)))) if valuable else []
        chosen = _earliest([ats[index] for index in valued], TOP_QUOTES)
        chosen = [valued[index] for index in chosen]
        if len(chosen) < TOP_QUOTES:
            chosen += [index for index in _earliest(ats, TOP_QUOTES + len(valued)) if index not in valued][: TOP_QUOTES - len(chosen)]
        quotes[tag] = [(sources[index], notes[index]) for index in chosen]
    tags = [tag for tag, _count in sorted(tag_totals.items(), key=lambda item: (-item[1], item[0]))]
    return Report(
        sessions=len(participants),
        participants=participants,
        tags=tags,
        sheet={tag: {who: Cell(tuple(notes)) for who, notes in by_who.items()} for tag, by_who in sheet.items()},
        phases=phases,
        phase_titles=phase_titles,
        tag_by_phase=tag_by_phase,
        quotes=quotes,
        follow_ups=follow_ups,
        segments=segments,
        timing=timing,
    )


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f}"


def _average(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _title(report: Report) -> str:
    return ngettext("Report across {count} interview", "Report across {count} interviews", report.sessions).format(count=report.sessions)


def _overran(row: PhaseTiming) -> str:
    return _("{overran} of {sessions}").format(overran=row.overruns, sessions=len(row.actual))


def _one_line(text: str) -> str:
    return visible_controls(" ".join(text.split()))


# -- Markdown ------------------------------------------------------------------------------------------
def _md_cell(text: str) -> str:
    return _one_line(text).replace("\\", "\\\\").replace("|", "\\|").replace("<", "\\<").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[")


def to_markdown(report: Report) -> str:
    lines = ["# " + _title(report), ""]
    if report.redaction:
        lines += [_md_cell(report.redaction), ""]
    lines += ["## " + _("Tags by participant"), ""]
    lines.append(f"| {_('tag')} | " + " | ".join(_md_cell(p) for p in report.participants) + f" | {_('total')} |")
    lines.append("|---|" + "---:|" * (len(report.participants) + 1))
    for tag in report.tags:
        counts = [len(report.sheet[tag].get(p, Cell(())).notes) for p in report.participants]
        lines.append(f"| #{_md_cell(tag)} | " + " | ".join(str(c) if c else "" for c in counts) + f" | {sum(counts)} |")
    lines += ["", "## " + _("Tags per phase"), ""]
    lines.append(f"| {_('tag')} | " + " | ".join(_md_cell(report.phase_titles[p]) for p in report.phases) + " |")
    lines.append("|---|" + "---:|" * len(report.phases))
    for tag in report.tags:
        counts = report.tag_by_phase.get(tag, Counter())
        lines.append(f"| #{_md_cell(tag)} | " + " | ".join(str(counts[p]) if counts[p] else "" for p in report.phases) + " |")
    lines += ["", "## " + _("Top quotes per tag"), ""]
    for tag in report.tags:
        if tag in report.quotes:
            lines.append(f"**#{_md_cell(tag)}**")
            lines += [f"- {_md_cell(note.text)} ({_md_cell(who)})" for who, note in report.quotes[tag]]
            lines.append("")
    lines += ["## " + _("Open follow-ups"), ""]
    lines += [f"- [ ] {_md_cell(note.text)} ({_md_cell(who)})" for who, note in report.follow_ups] or [_("None.")]
    lines += ["", "## " + _("Segment coverage"), ""]
    lines += [f"- {_md_cell(segment)}: {count}" for segment, count in report.segments.most_common()]
    header = " | ".join((_("phase"), _("planned min (avg)"), _("actual min (avg)"), _("overran")))
    lines += ["", "## " + _("Phase timing"), "", f"| {header} |", "|---|---:|---:|---:|"]
    for phase_id in report.phases:
        row = report.timing[phase_id]
        lines.append(f"| {_md_cell(row.title)} | {_minutes(_average(row.planned))} | {_minutes(_average(row.actual))} | {_overran(row)} |")
    return "\n".join(lines) + "\n"


# -- CSV -----------------------------------------------------------------------------------------------
def to_csv(report: Report) -> str:
    """One row per tag and participant: the rainbow sheet, with the notes behind each cell."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["tag", "participant", "count", "notes"])
    for tag in report.tags:
        for who in report.participants:
            cell = report.sheet[tag].get(who)
            if cell:
                writer.writerow([tag, who, len(cell.notes), " | ".join(_one_line(n.text) for n in cell.notes)])
    return buffer.getvalue()


# -- the terminal ---------------------------------------------------------------------------------------
def to_rich(report: Report):
    """Rich renderables for the terminal; user text is never markup."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    def shown_text(text: str = "", style: str = "") -> Text:
        # Tags, names, titles and notes are user text: controls made visible, never markup.
        return Text(visible_controls(str(text)), style=style)

    parts = [shown_text(_title(report), style="bold")]
    if report.redaction:
        parts.append(shown_text(report.redaction))
    sheet = Table(title=_("Tags by participant"), title_justify="left", header_style="bold")
    sheet.add_column(_("tag"))
    for who in report.participants:
        sheet.add_column(shown_text(who), justify="right")
    sheet.add_column(_("total"), justify="right", style="bold")
    palette = ["on #3d2a00", "on #4a3300", "on #5c4000", "on #6e4c00", "on #805900"]
    for tag in report.tags:
        counts = [len(report.sheet[tag].get(p, Cell(())).notes) for p in report.participants]
        top = max(counts) or 1
        cells = [shown_text(str(c), style=palette[min(int(c / top * (len(palette) - 1)), len(palette) - 1)]) if c else shown_text("") for c in counts]
        sheet.add_row(shown_text(f"#{tag}"), *cells, shown_text(str(sum(counts))))
    parts.append(sheet)
    phases = Table(title=_("Tags per phase"), title_justify="left", header_style="bold")
    phases.add_column(_("tag"))
    for phase_id in report.phases:
        phases.add_column(shown_text(report.phase_titles[phase_id]), justify="right")
    for tag in report.tags:
        counts = report.tag_by_phase.get(tag, Counter())
        phases.add_row(shown_text(f"#{tag}"), *(shown_text(str(counts[p]) if counts[p] else "") for p in report.phases))
    parts.append(phases)
    quotes = Table(title=_("Top quotes per tag"), title_justify="left", header_style="bold", show_lines=False)
    quotes.add_column(_("tag"))
    quotes.add_column(_("quote"))
    quotes.add_column(_("who"))
    for tag in report.tags:
        for who, note in report.quotes.get(tag, []):
            quotes.add_row(shown_text(f"#{tag}"), shown_text(_one_line(note.text)), shown_text(who))
    parts.append(quotes)
    follow = Table(title=_("Open follow-ups ({count})").format(count=len(report.follow_ups)), title_justify="left", header_style="bold")
    follow.add_column(_("follow-up"))
    follow.add_column(_("who"))
    for who, note in report.follow_ups:
        follow.add_row(shown_text(_one_line(note.text)), shown_text(who))
    parts.append(follow)
    coverage = Table(title=_("Segment coverage"), title_justify="left", header_style="bold")
    coverage.add_column(_("segment"))
    coverage.add_column(_("interviews"), justify="right")
    for segment, count in report.segments.most_common():
        coverage.add_row(shown_text(segment), shown_text(str(count)))
    parts.append(coverage)
    timing = Table(title=_("Phase timing (minutes, average)"), title_justify="left", header_style="bold")
    timing.add_column(_("phase"), justify="left")
    for column in (_("planned"), _("actual"), _("overran")):
        timing.add_column(column, justify="right")
    for phase_id in report.phases:
        row = report.timing[phase_id]
        over = row.overruns
        timing.add_row(shown_text(row.title), shown_text(_minutes(_average(row.planned))), shown_text(_minutes(_average(row.actual))),
                       shown_text(_overran(row), style="bold red" if over else ""))
    parts.append(timing)
    return Group(*parts)
