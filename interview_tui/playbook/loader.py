"""Reading a playbook file: YAML (SafeLoader only) into a validated Playbook, or located problems.

Every problem names file, line and column: YAML syntax, wrong types, missing and unknown keys (with
a "did you mean"), duplicate ids. Whatever the file holds (empty, binary, a list, Python tags, an
alias bomb, megabytes) the only error raised is PlaybookError.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from interview_tui.playbook.errors import PlaybookError, PlaybookProblem
from interview_tui.playbook.model import Playbook

# A playbook is a page or two of YAML; 1 MiB is far beyond any real one, and keeps a mistaken
# path (a video, a log file) fast and clear.
MAX_PLAYBOOK_BYTES = 1024 * 1024
# Aliases can make a small file expand exponentially ("billion laughs"); real playbooks use a few.
MAX_EXPANDED_NODES = 100_000


@dataclass(frozen=True)
class LoadedPlaybook:
    """A valid playbook with its YAML node tree, so lint can point at lines too."""

    playbook: Playbook
    source: str
    root: yaml.Node | None

    def position(self, *path: str | int) -> tuple[int | None, int | None]:
        node = node_at(self.root, path) if self.root is not None else None
        if node is None:
            return None, None
        return node.start_mark.line + 1, node.start_mark.column + 1


def load_playbook(path: str | Path) -> Playbook:
    return load_playbook_file(path).playbook


def load_playbook_file(path: str | Path) -> LoadedPlaybook:
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_PLAYBOOK_BYTES:
            raise PlaybookError(source, f"is {size:,} bytes; a playbook is at most {MAX_PLAYBOOK_BYTES:,}",
                                hint="check that this is the playbook you meant")
        raw = path.read_bytes()
    except OSError as error:
        raise PlaybookError(source, f"cannot be read: {error.strerror}", hint="check the path and its permissions") from None
    return load_playbook_bytes(raw, source)


def load_playbook_text(text: str, source: str = "<playbook>") -> Playbook:
    return _load(text, source).playbook


def load_playbook_bytes(raw: bytes, source: str) -> LoadedPlaybook:
    if len(raw) > MAX_PLAYBOOK_BYTES:
        raise PlaybookError(source, f"is {len(raw):,} bytes; a playbook is at most {MAX_PLAYBOOK_BYTES:,}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PlaybookError(source, f"is not UTF-8 text (byte {error.start})", line=line,
                            hint="save the file as UTF-8; is it the playbook you meant?") from None
    return _load(text, source)


def _load(text: str, source: str) -> LoadedPlaybook:
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise PlaybookError(source, "contains a NUL byte: this is not a text file", line=line,
                            hint="give the path of a .yaml playbook")
    if len(text.encode("utf-8")) > MAX_PLAYBOOK_BYTES:
        raise PlaybookError(source, f"is larger than {MAX_PLAYBOOK_BYTES:,} bytes; a playbook is a page or two")
    root = _compose(text, source)
    if root is None:
        raise PlaybookError(source, "is empty", line=1, column=1,
                            hint="start from `interview new NAME`, or see docs/playbooks.md")
    if not isinstance(root, yaml.MappingNode):
        raise PlaybookError(source, f"the top of a playbook is a mapping with `title` and `phases`, not a {_kind(root)}",
                            line=root.start_mark.line + 1, column=root.start_mark.column + 1,
                            hint="see docs/playbooks.md for a complete example")
    data = _construct(text, source)
    problems = _duplicate_keys(root, source) + _duplicate_ids(root, source)
    try:
        playbook = Playbook.model_validate(data)
    except ValidationError as error:
        for each in error.errors():
            if each["type"] == "value_error" and not each["loc"] and problems:
                continue  # the model's own duplicate check: already reported with its line
            problems.append(_problem(source, root, each))
    if problems:
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise PlaybookError(source, problems=problems)
    return LoadedPlaybook(playbook, source, root)


def _compose(text: str, source: str) -> yaml.Node | None:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = error.problem or error.context or "not valid YAML"
        if error.context and error.context_mark and error.problem:
            message = f"{error.problem}, {error.context} that starts on line {error.context_mark.line + 1}"
        raise PlaybookError(source, f"YAML syntax: {message}",
                            line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None,
                            hint=_syntax_hint(error)) from None
    except yaml.YAMLError as error:
        raise PlaybookError(source, f"YAML: {error}") from None
    except RecursionError:
        raise PlaybookError(source, "nests too deeply to be a playbook") from None
    if root is not None:
        _check_expansion(root, source)
    return root


def _syntax_hint(error: yaml.MarkedYAMLError) -> str:
    problem = str(error.problem or "")
    if "\\t" in problem or "\t" in problem:
        return "indent with spaces, not tabs"
    if "quoted scalar" in str(error.context or ""):
        return "close the quote that starts there"
    if "mapping values are not allowed" in problem:
        return "put quotes around text that contains ': '"
    if "could not find expected ':'" in problem:
        return "each key needs a colon: `key: value`"
    return "fix the YAML at that spot (indentation, quotes, colons)"


def _check_expansion(root: yaml.Node, source: str) -> None:
    """Refuse alias bombs: count the values the tree expands to, each shared node once per use."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node, depth: int = 0) -> int:
        if depth > 200:
            raise PlaybookError(source, "nests too deeply to be a playbook", line=node.start_mark.line + 1)
        known = sizes.get(id(node))
        if known is not None:
            return known
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(key, depth + 1) + size(value, depth + 1) for key, value in node.value)
        sizes[id(node)] = total
        if total > MAX_EXPANDED_NODES:
            raise PlaybookError(source, f"its aliases expand to more than {MAX_EXPANDED_NODES:,} values",
                                line=node.start_mark.line + 1, column=node.start_mark.column + 1,
                                hint="a playbook needs no more than a few anchors (&) and aliases (*)")
        return total

    size(root)


def _construct(text: str, source: str) -> Any:
    try:
        return yaml.safe_load(text)  # the only way YAML becomes data here: no tags, no code
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        raise PlaybookError(source, f"YAML tag not allowed: {error.problem}",
                            line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None,
                            hint="playbooks are plain data: remove the `!!` tag") from None
    except yaml.YAMLError as error:
        raise PlaybookError(source, f"YAML: {error}") from None


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "list"
    if isinstance(node, yaml.MappingNode):
        return "mapping"
    return "single value"


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
            keys: dict[str, yaml.Node] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        first = keys[key.value].start_mark.line + 1
                        problems.append(PlaybookProblem(source, f"key `{key.value}` appears twice in this mapping (first on line {first})",
                                                        key.start_mark.line + 1, key.start_mark.column + 1,
                                                        "keep one of them: YAML would silently use the last"))
                    keys[key.value] = key
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def _duplicate_ids(root: yaml.Node, source: str) -> list[PlaybookProblem]:
    problems: list[PlaybookProblem] = []
    for list_key, id_key, what in (("phases", "id", "phase id"), ("tags", "name", "tag"), ("tags", "key", "tag key")):
        items = node_at(root, (list_key,))
        if not isinstance(items, yaml.SequenceNode):
            continue
        first_seen: dict[str, int] = {}
        for item in items.value:
            value = node_at(item, (id_key,))
            if not isinstance(value, yaml.ScalarNode):
                continue
            if value.value in first_seen:
                problems.append(PlaybookProblem(source, f"duplicate {what} `{value.value}` (first on line {first_seen[value.value]})",
                                                value.start_mark.line + 1, value.start_mark.column + 1,
                                                f"each {what} must be different"))
            else:
                first_seen[value.value] = value.start_mark.line + 1
    return problems


def node_at(node: yaml.Node | None, path: tuple | list) -> yaml.Node | None:
    """The YAML node at a path of keys and indexes, or None where the path leaves the tree."""
    for part in path:
        if isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if isinstance(key, yaml.ScalarNode) and key.value == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            return None
    return node


def _key_node_at(root: yaml.Node, path: tuple) -> yaml.Node | None:
    parent = node_at(root, path[:-1])
    if isinstance(parent, yaml.MappingNode):
        for key, _value in parent.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(path[-1]):
                return key
    return None


def _model_at(path: tuple) -> type[BaseModel] | None:
    """The pydantic model a path into the playbook points into (for "did you mean" suggestions)."""
    model: Any = Playbook
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
            return None
        annotation = model.model_fields[part].annotation
        while get_origin(annotation) is not None:
            args = [a for a in get_args(annotation) if a is not type(None)]
            annotation = args[0] if args else None
        model = annotation
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _where(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the playbook"


def _problem(source: str, root: yaml.Node, error: dict) -> PlaybookProblem:
    path = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith("function-")))
    kind = error["type"]
    where = _where(path)
    node = node_at(root, path)
    if kind == "missing":
        parent = node_at(root, path[:-1])
        line, column = _mark(parent)
        return PlaybookProblem(source, f"`{where}` is missing", line, column, f"add `{path[-1]}:` here (see docs/playbooks.md)")
    if kind == "extra_forbidden":
        key = _key_node_at(root, path)
        line, column = _mark(key)
        model = _model_at(path[:-1])
        known = list(model.model_fields) if model else []
        close = difflib.get_close_matches(str(path[-1]), known, n=1, cutoff=0.6)
        hint = f"did you mean `{close[0]}`?" if close else (f"known keys here: {', '.join(known)}" if known else None)
        return PlaybookProblem(source, f"unknown key `{path[-1]}` in {_where(path[:-1])}", line, column, hint)
    line, column = _mark(node)
    message = _message(kind, where, error)
    hint = {
        "greater_than": "give a positive number of minutes",
        "string_pattern_mismatch": "ids are lower-case words joined by hyphens, e.g. warm-up" if path[-1:] == ("id",) else None,
        "float_parsing": "write a number, e.g. 10",
        "float_type": "write a number, e.g. 10",
        "string_type": "write text (put quotes around it if YAML reads it as something else)",
        "list_type": "write a list: one `- item` per line",
        "dict_type": "write a mapping: `key: value` lines",
        "model_type": "write a mapping: `key: value` lines",
    }.get(kind)
    return PlaybookProblem(source, message, line, column, hint)


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, (int, float)) else str(value)


def _message(kind: str, where: str, error: dict) -> str:
    """A plain sentence for a pydantic error; computed only for the error at hand."""
    ctx = error.get("ctx") or {}
    given = "" if kind == "value_error" else f" (found {_shown(error.get('input'))})"
    if kind == "greater_than":
        return f"`{where}` must be more than {_number(ctx.get('gt'))}{given}"
    if kind == "less_than_equal":
        return f"`{where}` must be at most {_number(ctx.get('le'))}{given}"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type"):
        return f"`{where}` must be a number{given}"
    if kind == "string_type":
        return f"`{where}` must be text{given}"
    if kind == "list_type":
        return f"`{where}` must be a list{given}"
    if kind in ("dict_type", "model_type"):
        return f"`{where}` must be a mapping{given}"
    if kind == "string_pattern_mismatch":
        return f"`{where}` has the wrong form{given}"
    if kind == "too_short":
        return f"`{where}` needs at least one item" if isinstance(error.get("input"), list) else f"`{where}` is too short"
    if kind in ("string_too_short", "too_long", "string_too_long"):
        return f"`{where}` must {'not be empty' if kind == 'string_too_short' else 'be shorter'}{given}"
    if kind == "literal_error":
        return f"`{where}` must be {ctx.get('expected')}{given}"
    return f"`{where}`: {str(error.get('msg', 'is not valid')).lower()}{given}"


def _mark(node: yaml.Node | None) -> tuple[int | None, int | None]:
    if node is None:
        return None, None
    return node.start_mark.line + 1, node.start_mark.column + 1


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
