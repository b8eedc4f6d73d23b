"""Reading a playbook file: YAML (SafeLoader only) into a validated Playbook, or located problems.

Every problem names file, line and column: YAML syntax, wrong types, missing and unknown keys (with
a "did you mean"), duplicate keys and ids. Whatever the file holds (empty, binary, a list, Python
tags, an alias bomb, deep nesting, megabytes) the only error raised is PlaybookError.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable
from typing import Any

import yaml
from pydantic import ValidationError

from interview_tui.i18n import N_, _
from interview_tui.playbook.errors import PlaybookError, PlaybookProblem
from interview_tui.playbook.locate import line_and_column_at, mark_of, node_at
from interview_tui.playbook.messages import problem_from_error
from interview_tui.playbook.model import Playbook
from interview_tui.playbook.source import MAX_PLAYBOOK_BYTES, read_playbook_bytes, too_large
from interview_tui.playbook.validation import Playbook as PlaybookRules, to_playbook

# The bundled playbooks hold 200 to 400 values (keys, texts, lists); a big study's might hold a few
# thousand. Composing YAML in pure Python costs ~40 us a value here, so this bounds a wrong file to
# under a second (1 MB of list items took 6 s before this limit, 12 s as flow mappings).
MAX_VALUES = 20_000
# Aliases can make a small file expand exponentially ("billion laughs"); real playbooks use a few.
MAX_EXPANDED_VALUES = 100_000
# A playbook nests six levels (phases, a phase, questions, a question, follow_ups, one of them).
MAX_NESTING = 32
# A file with a thousand mistakes is the wrong file; the first screenful says so.
MAX_REPORTED_PROBLEMS = 30


@dataclass(frozen=True)
class LoadedPlaybook:
    """A valid playbook with its YAML node tree, so lint can point at lines too."""

    playbook: Playbook
    source: str
    root: yaml.Node | None

    def position(self, *path: str | int) -> tuple[int | None, int | None]:
        return mark_of(node_at(self.root, path))


def load_playbook_file(path: str | Path) -> LoadedPlaybook:
    """The file validated in full, with its node tree (for lint); never from the cache."""
    path = Path(path)
    source = str(path)
    return load_playbook_bytes(read_playbook_bytes(path, source), source)


def load_playbook_text(text: str, source: str = "<playbook>") -> Playbook:
    return load_loaded_text(text, source).playbook


def load_playbook_bytes(raw: bytes, source: str) -> LoadedPlaybook:
    if len(raw) > MAX_PLAYBOOK_BYTES:
        raise too_large(source, len(raw))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PlaybookError(source, _("is not UTF-8 text (byte {byte})").format(byte=error.start), line=line,
                            hint=_("save the file as UTF-8; is it the playbook you meant?")) from None
    return load_loaded_text(text, source)


def load_loaded_text(text: str, source: str) -> LoadedPlaybook:
    """Text to a validated playbook with its node tree; PlaybookError with every problem found."""
    if "\x00" in text:
        line, column = line_and_column_at(text, text.index("\x00"))
        raise PlaybookError(source, _("contains a NUL byte: this is not a text file"), line=line, column=column,
                            hint=_("give the path of a .yaml playbook"))
    if len(text) > MAX_PLAYBOOK_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_PLAYBOOK_BYTES:
        raise too_large(source, len(text.encode("utf-8", "surrogatepass")))
    root, construct = _parse(text, source)
    if root is None:
        raise PlaybookError(source, _("is empty"), line=1, column=1,
                            hint=_("start from `interview new NAME`, or see docs/playbooks.md"))
    if not isinstance(root, yaml.MappingNode):
        line, column = mark_of(root)
        raise PlaybookError(source, _("the top of a playbook is a mapping with `title` and `phases`, not {found}").format(found=_kind(root)),
                            line=line, column=column, hint=_("see docs/playbooks.md for a complete example"))
    # Checked before constructing: constructing a `<<:` merge rewrites the mapping's node in place.
    problems = _duplicate_keys(root, source) + _duplicate_ids(root, source)
    data = construct()
    try:
        playbook = to_playbook(PlaybookRules.model_validate(data))
    except ValidationError as error:
        for each in error.errors():
            if each["type"] == "value_error" and not each["loc"] and problems:
                continue  # the model's own duplicate check: already reported above, with its line
            problems.append(problem_from_error(source, root, each))
            if len(problems) > MAX_REPORTED_PROBLEMS:
                break
    if problems:
        raise PlaybookError(source, problems=_first_problems(source, problems))
    return LoadedPlaybook(playbook, source, root)


def _first_problems(source: str, problems: list[PlaybookProblem]) -> list[PlaybookProblem]:
    problems = sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
    if len(problems) <= MAX_REPORTED_PROBLEMS:
        return problems
    shown = problems[:MAX_REPORTED_PROBLEMS]
    return [*shown, PlaybookProblem(source, _("and more problems after these {count}").format(count=MAX_REPORTED_PROBLEMS),
                                    hint=_("fix these first; is it the playbook you meant?"))]


class _NodeGuards:
    """Refuses, while the node tree is composed, nesting deeper than any playbook and more values
    than any playbook holds (see _GuardedSafeLoader)."""

    source: str
    depth: int
    values: int

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        self.depth += 1
        try:
            if self.depth > MAX_NESTING:
                line, column = mark_of(self.peek_event())
                raise PlaybookError(self.source, _("nests more than {levels} levels deep; a playbook needs six").format(levels=MAX_NESTING),
                                    line=line, column=column, hint=_("check the indentation and the brackets here"))
            if not self.check_event(yaml.AliasEvent):  # an alias adds no node; _check_expansion counts its uses
                self.values += 1
                if self.values > MAX_VALUES:
                    line, column = mark_of(self.peek_event())
                    raise PlaybookError(self.source, _("holds more than {count} values; a playbook holds a few hundred").format(count=f"{MAX_VALUES:,}"),
                                        line=line, column=column, hint=_("check that this is the playbook you meant"))
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _GuardedSafeLoader(_NodeGuards, yaml.SafeLoader):
    """PyYAML's SafeLoader (plain data only: a `!!python/...` tag is refused, never run) that also
    refuses, while it composes, nesting deeper than any playbook (before Python's recursion limit
    does: 5,000 nested brackets took 1.3 s to fail that way; now they stop at the 33rd) and more
    values than any playbook holds."""

    def __init__(self, text: str, source: str) -> None:
        super().__init__(text)
        self.source = source
        self.depth = 0
        self.values = 0


_FastLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _GuardedCSafeLoader(_NodeGuards, yaml.composer.Composer, yaml.CSafeLoader):  # type: ignore[misc, valid-type]
        """libyaml scans and parses (4 ms for the bundled playbook against 18 ms in Python); the node
        tree is still composed in Python, with the same guards, and only plain data is constructed
        (SafeConstructor: a `!!python/...` tag is refused, never run). libyaml never recurses while
        parsing, so deep nesting reaches the depth guard as events, as in the Python loader."""

        def __init__(self, text: str, source: str) -> None:
            yaml.CSafeLoader.__init__(self, text)
            yaml.composer.Composer.__init__(self)
            self.source = source
            self.depth = 0
            self.values = 0

    _FastLoader = _GuardedCSafeLoader


def _parse(text: str, source: str) -> tuple[yaml.Node | None, Callable[[], Any]]:
    """The node tree (for positions), and a function that constructs the plain data from it."""
    if _FastLoader is not None:
        try:
            fast = _FastLoader(text, source)
            root = fast.get_single_node()
        except yaml.YAMLError:
            pass  # told by the Python loader below, which locates errors in characters, not bytes
        else:
            if root is not None:
                _check_expansion(root, source)
            return root, lambda: _guarded(source, text, lambda: fast.construct_document(root))
    loader = _guarded(source, text, lambda: _GuardedSafeLoader(text, source))  # checks every character
    root = _guarded(source, text, loader.get_single_node)
    if root is not None:
        _check_expansion(root, source)
    return root, lambda: _guarded(source, text, lambda: loader.construct_document(root))


def _guarded(source: str, text: str, step: Callable[[], Any]) -> Any:
    """A step of PyYAML, with its errors told as located PlaybookErrors."""
    try:
        return step()
    except yaml.reader.ReaderError as error:
        line, column = line_and_column_at(text, error.position)
        raise PlaybookError(source, _("contains the control character {character}, which YAML does not allow").format(character=f"U+{error.character:04X}"),
                            line=line, column=column, hint=_("remove it; is this the playbook you meant?")) from None
    except yaml.constructor.ConstructorError as error:
        line, column = _error_position(error)
        problem = str(error.problem or "")
        if "could not determine a constructor for the tag" in problem:
            tag = problem.split("tag", 1)[1].strip(" '").replace("tag:yaml.org,2002:", "!!")
            raise PlaybookError(source, _("YAML tag `{tag}` is not allowed").format(tag=tag), line=line, column=column,
                                hint=_("playbooks are plain data: remove the tag that starts with `!`")) from None
        raise PlaybookError(source, f"YAML: {problem}", line=line, column=column,
                            hint=_("keys are plain text: `key: value`")) from None
    except yaml.MarkedYAMLError as error:
        line, column = _error_position(error)
        message = error.problem or error.context or "not valid YAML"
        if error.context and error.context_mark and error.problem:
            message = f"{error.problem}, {error.context} that starts on line {error.context_mark.line + 1}"
        raise PlaybookError(source, f"YAML syntax: {message}", line=line, column=column,
                            hint=_syntax_hint(error)) from None
    except yaml.YAMLError as error:
        raise PlaybookError(source, f"YAML: {error}") from None


def _error_position(error: yaml.MarkedYAMLError) -> tuple[int | None, int | None]:
    mark = error.problem_mark or error.context_mark
    if ("end of stream" in str(error.problem) or "<stream end>" in str(error.problem)) and error.context_mark:
        mark = error.context_mark  # an unclosed quote or bracket: its start is what to fix, not the file's end
    return (mark.line + 1, mark.column + 1) if mark else (None, None)


def _syntax_hint(error: yaml.MarkedYAMLError) -> str:
    problem = str(error.problem or "")
    context = str(error.context or "")
    if "\\t" in problem or "\t" in problem:
        return _("indent with spaces, not tabs")
    if "quoted scalar" in context:
        return _("close the quote that starts there")
    if "flow sequence" in context or "flow mapping" in context:
        return _("close the bracket that starts there: ] for [ and } for {")
    if "another document" in problem:
        return _("a playbook is one YAML document: remove the `---` line, or split the file in two")
    if "undefined alias" in problem:
        return _("define the anchor (`&name`) before using the alias (`*name`)")
    if "mapping values are not allowed" in problem:
        return _("put quotes around text that contains ': '")
    if "could not find expected ':'" in problem:
        return _("each key needs a colon: `key: value`")
    return "fix the YAML at that spot (indentation, quotes, colons)"


def _check_expansion(root: yaml.Node, source: str) -> None:
    """Refuse alias bombs and aliases that contain themselves, before anything is built from them.

    The tree shares a node wherever an alias points at it; counting each node once per use (memoised,
    so linear in the file) gives the number of values the data would expand to.
    """
    values_below: dict[int, int] = {}
    being_counted: set[int] = set()

    def count(node: yaml.Node) -> int:
        known = values_below.get(id(node))
        if known is not None:
            return known
        if id(node) in being_counted:
            line, column = mark_of(node)
            raise PlaybookError(source, _("an alias here refers to a value that contains it"), line=line, column=column,
                                hint=_("an alias (`*name`) cannot point into its own anchor (`&name`)"))
        being_counted.add(id(node))
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(count(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(count(key) + count(value) for key, value in node.value)
        being_counted.discard(id(node))
        values_below[id(node)] = total
        if total > MAX_EXPANDED_VALUES:
            line, column = mark_of(node)
            raise PlaybookError(source, _("its aliases expand to more than {count} values").format(count=f"{MAX_EXPANDED_VALUES:,}"),
                                line=line, column=column,
                                hint=_("a playbook needs no more than a few anchors (&) and aliases (*)"))
        return total

    count(root)


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return _("a list")
    if isinstance(node, yaml.MappingNode):
        return _("a mapping")
    return "a single value"


def _duplicate_keys(root: yaml.Node, source: str) -> list[PlaybookProblem]:
    """YAML keeps the last of two equal keys silently; a playbook author wants to know."""
    problems: list[PlaybookProblem] = []
    seen_nodes: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first_line_of: dict[str, int] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in first_line_of:
                        line, column = mark_of(key)
                        problems.append(PlaybookProblem(
                            source, _("key `{key}` appears twice in this mapping (first on line {line})").format(key=key.value, line=first_line_of[key.value]),
                            line, column, _("keep one of them: YAML would silently use the last")))
                    else:
                        first_line_of[key.value] = key.start_mark.line + 1
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return problems


def _duplicate_ids(root: yaml.Node, source: str) -> list[PlaybookProblem]:
    """Two phases with one id, two tags with one name or key: named at the second, with the first's line."""
    problems: list[PlaybookProblem] = []
    for list_key, id_key, message, hint in (
        ("phases", "id", N_("duplicate phase id `{value}` (first on line {line})"), N_("each phase id must be different")),
        ("tags", "name", N_("duplicate tag `{value}` (first on line {line})"), N_("each tag must be different")),
        ("tags", "key", N_("duplicate tag key `{value}` (first on line {line})"), N_("each tag key must be different")),
        ("participant", "id", N_("duplicate participant field id `{value}` (first on line {line})"),
         N_("each participant field id must be different")),
    ):
        items = node_at(root, (list_key,))
        if not isinstance(items, yaml.SequenceNode):
            continue
        first_line_of: dict[str, int] = {}
        for item in items.value:
            value = node_at(item, (id_key,))
            if not isinstance(value, yaml.ScalarNode):
                continue
            if value.value in first_line_of:
                line, column = mark_of(value)
                problems.append(PlaybookProblem(source, _(message).format(value=value.value, line=first_line_of[value.value]),
                                                line, column, _(hint)))
            else:
                first_line_of[value.value] = value.start_mark.line + 1
    return problems
