"""pydantic's validation errors, told as a person writing YAML reads them: where, what, what to do.

pydantic says `Input should be a valid number` at `('phases', 0, 'minutes')`; the author of the file
wants `study.yaml:5:14: `phases[0].minutes` must be a number (found ten)` and a hint. The text
they typed is shown as they typed it (`yes`, not Python's `True`).
"""

from __future__ import annotations

import difflib
from typing import Any, get_args, get_origin

import yaml
from pydantic import BaseModel

from interview_tui.i18n import N_, _
from interview_tui.playbook.errors import PlaybookProblem
from interview_tui.playbook.locate import key_node_at, mark_of, nearest_node, node_at
from interview_tui.playbook.validation import Playbook

# What a wrongly formed value should look like, by where it is: (first key of the path, field).
_PATTERN_HINTS = {
    ("phases", "id"): N_("phase ids are lower-case words joined by hyphens, e.g. warm-up"),
    ("participant", "id"): N_("field ids are lower-case words joined by underscores, e.g. customer_since"),
    ("tags", "name"): N_("a tag name is one word: letters, digits, - and _, e.g. follow-up"),
    ("language", "language"): N_("a BCP 47 language tag, e.g. en, ko, pt-BR"),
}

_TYPE_HINTS = {
    "greater_than": N_("give a positive number of minutes"),
    "finite_number": N_("give a number of minutes, e.g. 10"),
    "float_parsing": N_("write a number, e.g. 10"),
    "float_type": N_("write a number without quotes, e.g. 10"),
    "string_type": N_("write text (put quotes around it if YAML reads it as something else: yes, no, dates, numbers)"),
    "list_type": N_("write a list: one `- item` per line"),
    "dict_type": N_("write a mapping: `key: value` lines"),
    "model_type": N_("write a mapping: `key: value` lines"),
    "model_attributes_type": N_("write a mapping: `key: value` lines"),
    "invalid_key": N_("keys are words: put quotes around it, or rename it"),
    "string_too_short": N_("write some text, or remove the key"),
    "string_too_long": N_("a key is one character: a letter, a digit or a symbol"),
    "too_short": N_("a playbook needs at least one phase with id, title and minutes"),
}


def problem_from_error(source: str, root: yaml.Node, error: dict) -> PlaybookProblem:
    """One pydantic error (`ValidationError.errors()` item) as a located problem with a hint."""
    path = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith("function-")))
    kind = error["type"]
    if kind == "missing":
        # The key is not there, so point at the mapping it belongs in.
        line, column = mark_of(nearest_node(root, path[:-1]))
        return PlaybookProblem(source, _("`{where}` is missing").format(where=describe_path(path)), line, column,
                               _("add `{key}:` here (see docs/playbooks.md)").format(key=path[-1]))
    if kind == "extra_forbidden":
        line, column = mark_of(key_node_at(root, path) or nearest_node(root, path))
        known = known_keys(path[:-1])
        close = difflib.get_close_matches(str(path[-1]), known, n=1, cutoff=0.6)
        if close:
            hint = _("did you mean `{name}`?").format(name=close[0])
        else:
            hint = _("known keys here: {keys}").format(keys=", ".join(known)) if known else None
        message = _("unknown key `{key}` in {where}").format(key=path[-1], where=describe_path(path[:-1]))
        return PlaybookProblem(source, message, line, column, hint)
    if kind == "invalid_key":
        line, column = mark_of(key_node_at(root, path) or nearest_node(root, path[:-1]))
        return PlaybookProblem(source, _("key `{key}` in {where} must be text").format(key=path[-1], where=describe_path(path[:-1])),
                               line, column, _(_TYPE_HINTS[kind]))
    node = node_at(root, path)
    line, column = mark_of(node or nearest_node(root, path))
    if kind == "model_type" and len(path) >= 2 and path[-2] == "questions":
        message = _("`{where}` must be a question (found {found})").format(
            where=describe_path(path), found=shown_as_typed(error.get("input"), node))
        return PlaybookProblem(source, message, line, column, _("write the question as text, or as `text:` with `follow_ups:`"))
    hint = _TYPE_HINTS.get(kind)
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get((str(path[0]), str(path[-1]))) if path else None
    hint = _(hint) if hint else None
    if kind == "literal_error":
        hint = _("choose one of: {choices}").format(choices=_choices(error))
    return PlaybookProblem(source, _sentence(kind, describe_path(path), error, node), line, column, hint)


def describe_path(path: tuple) -> str:
    """`('phases', 0, 'minutes')` as the author reads it: `phases[0].minutes`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or _("the playbook")


def known_keys(path: tuple) -> list[str]:
    """The keys the model allows at `path` (for "did you mean" suggestions)."""
    model: Any = Playbook
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
            return []
        annotation = model.model_fields[part].annotation
        # list[Question] -> Question; float | None -> float
        while get_origin(annotation) is not None:
            args = [arg for arg in get_args(annotation) if arg is not type(None)]
            annotation = args[0] if args else None
        model = annotation
    return list(model.model_fields) if isinstance(model, type) and issubclass(model, BaseModel) else []


def _choices(error: dict) -> str:
    expected = str((error.get("ctx") or {}).get("expected", ""))
    return expected.replace("'", "").replace(" or ", ", ")


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, (int, float)) else str(value)


def _sentence(kind: str, where: str, error: dict, node: yaml.Node | None) -> str:
    """A plain sentence for a pydantic error; computed only for the error at hand."""
    ctx = error.get("ctx") or {}
    found = shown_as_typed(error.get("input"), node)
    if kind == "greater_than":
        return _("`{where}` must be more than {limit} (found {found})").format(where=where, limit=_number(ctx.get("gt")), found=found)
    if kind == "less_than_equal":
        return _("`{where}` must be at most {limit} (found {found})").format(where=where, limit=_number(ctx.get("le")), found=found)
    sentences = {
        "finite_number": _("`{where}` must be a finite number (found {found})"),
        "float_parsing": _("`{where}` must be a number (found {found})"),
        "float_type": _("`{where}` must be a number (found {found})"),
        "int_parsing": _("`{where}` must be a number (found {found})"),
        "int_type": _("`{where}` must be a number (found {found})"),
        "string_type": _("`{where}` must be text (found {found})"),
        "bool_type": _("`{where}` must be true or false (found {found})"),
        "bool_parsing": _("`{where}` must be true or false (found {found})"),
        "list_type": _("`{where}` must be a list (found {found})"),
        "dict_type": _("`{where}` must be a mapping (found {found})"),
        "model_type": _("`{where}` must be a mapping (found {found})"),
        "model_attributes_type": _("`{where}` must be a mapping (found {found})"),
        "string_pattern_mismatch": _("`{where}` has the wrong form (found {found})"),
        "too_short": _("`{where}` needs at least one item"),
        "string_too_short": _("`{where}` must not be empty"),
        "too_long": _("`{where}` has too many items"),
    }
    if kind in sentences:
        return sentences[kind].format(where=where, found=found)
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        if limit == 1:
            return _("`{where}` must be one character (found {found})").format(where=where, found=found)
        return _("`{where}` must be at most {limit} characters (found {found})").format(where=where, limit=limit, found=found)
    if kind == "literal_error":
        return _("`{where}` must be {expected} (found {found})").format(where=where, expected=ctx.get("expected"), found=found)
    if kind == "value_error":
        # The model's own validators: their message is English (pydantic's), named with its place.
        return f"{where}: {str(error.get('msg', 'is not valid')).removeprefix('Value error, ')}"
    return f"`{where}`: {str(error.get('msg', 'is not valid')).lower()} ({found})"


def shown_as_typed(value: Any, node: yaml.Node | None) -> str:
    """The value as the author typed it: `yes`, not `True`; `2024-01-01`, not a datetime."""
    if isinstance(node, yaml.SequenceNode):
        return _("a list")
    if isinstance(node, yaml.MappingNode):
        return _("a mapping")
    if isinstance(node, yaml.ScalarNode):
        if node.value == "":
            return _("nothing")
        return _shorten(repr(node.value) if isinstance(value, str) else node.value)
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return _shorten(repr(value))


def _shorten(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."
