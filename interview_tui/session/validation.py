"""What each event's fields must hold, checked where a line enters the program.

A line that is valid JSON can still hold anything: `t` NaN or 1e400 (JSON's Infinity), a `question`
"abc", a `text` that is a list, `tags` [{}]. The fold, the screens and every export trust the types
the writer writes, so the reader checks every field here, by type, once: an event that passes holds
only values of the right type and range, and one that does not is reported with its file and line
and skipped. Semantic checks that need the session (does the phase exist in its playbook?) stay in
the fold.

An event type this version does not know keeps only the common checks: the fold counts it as
unknown, so a newer writer's events cannot break an older reader.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from interview_tui.i18n import _
from interview_tui.session.events import Consent, EventType, Mark, QuestionStatus, Role

# Session time and durations are seconds: ten years is more than any session, and keeps every
# clock sum far from float overflow and every mm:ss format finite.
MAX_SECONDS = 10 * 365 * 24 * 3600.0

Check = Callable[[Any], bool]


def _number(low: float, high: float) -> Check:
    def check(value: Any) -> bool:
        # NaN and the infinities fail the range test; math.isfinite would raise on a 400-digit int.
        return isinstance(value, (int, float)) and not isinstance(value, bool) and low <= value <= high

    check.describe = lambda: _("a number from {low} to {high}").format(low=f"{low:,.0f}", high=f"{high:,.0f}")
    check.spec = ("number", float(low), float(high))  # for _compiled
    return check


def _integer(low: int, high: int) -> Check:
    def check(value: Any) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high

    check.describe = lambda: _("a whole number from {low} to {high}").format(low=low, high=high)
    check.spec = ("integer", low, high)
    return check


def _one_of(values: type) -> Check:
    allowed = {str(v) for v in values}

    def check(value: Any) -> bool:
        return isinstance(value, str) and value in allowed

    check.describe = lambda: _("one of {values}").format(values=", ".join(sorted(allowed)))
    check.spec = ("one_of", allowed)
    return check


def _optional(inner: Check) -> Check:
    def check(value: Any) -> bool:
        return value is None or inner(value)

    check.describe = lambda: _("{kind}, or null").format(kind=describe(inner))
    check.spec = ("optional", inner)
    return check


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _boolean(value: Any) -> bool:
    return isinstance(value, bool)


def _object(value: Any) -> bool:
    return isinstance(value, dict)


def _plain(item: Any) -> bool:
    return item is None or isinstance(item, (str, bool, int)) or (isinstance(item, float) and math.isfinite(item))


def _profile(value: Any) -> bool:
    # The participant: a name, profile fields, and lists of strings (the prepare checklist ticked).
    return isinstance(value, dict) and all(
        isinstance(key, str) and (_plain(item) or _text_list(item)) for key, item in value.items()
    )


def _timestamp(value: Any) -> bool:
    # A hand-edited `at` ("yesterday-ish") keeps its note: every reader of `at` copes with a string
    # that does not parse (resume then counts no gap). A number, a list or a novel is refused.
    return isinstance(value, str) and len(value) <= 64


_text.describe = lambda: _("a string")  # type: ignore[attr-defined]
_text_list.describe = lambda: _("a list of strings")  # type: ignore[attr-defined]
_boolean.describe = lambda: _("true or false")  # type: ignore[attr-defined]
_object.describe = lambda: _("an object")  # type: ignore[attr-defined]
_profile.describe = lambda: _("an object of names to plain values or lists of strings")  # type: ignore[attr-defined]
_timestamp.describe = lambda: _("a date and time (ISO 8601), in at most 64 characters")  # type: ignore[attr-defined]

_SECONDS = _number(0.0, MAX_SECONDS)
_SIGNED_SECONDS = _number(-MAX_SECONDS, MAX_SECONDS)
_INDEX = _integer(0, 10_000)

COMMON_FIELDS: dict[str, Check] = {
    "seq": _integer(0, 2**53),
    "type": _text,
    "t": _SECONDS,
    "at": _timestamp,
    "writer": _text,
}

# (required fields, optional fields) per event type; an optional field may also be absent.
EVENT_FIELDS: dict[str, tuple[dict[str, Check], dict[str, Check]]] = {
    EventType.SESSION_CREATED: (
        {"session_id": _text, "playbook": _object},
        {"playbook_source": _optional(_text), "participant": _optional(_profile)},
    ),
    EventType.SESSION_RESUMED: ({}, {"gap": _optional(_SECONDS)}),
    EventType.CLOCK_STARTED: ({}, {}),
    EventType.CLOCK_PAUSED: ({}, {}),
    EventType.PHASE_CHANGED: ({"phase": _text}, {"reason": _optional(_text)}),
    EventType.TIME_EXTENDED: ({"phase": _text, "seconds": _SIGNED_SECONDS}, {}),
    EventType.NOTE_ADDED: (
        {"note": _text, "role": _one_of(Role), "text": _text, "phase": _text},
        {"tags": _optional(_text_list), "question": _optional(_INDEX), "backdate": _optional(_SECONDS)},
    ),
    EventType.NOTE_EDITED: ({"note": _text, "text": _text}, {"tags": _optional(_text_list)}),
    EventType.NOTE_TAGGED: ({"note": _text, "tag": _text}, {}),
    EventType.NOTE_DELETED: ({"note": _text}, {}),
    EventType.DRAFT_SAVED: ({"role": _one_of(Role)}, {"text": _optional(_text)}),
    EventType.QUESTION_MARKED: ({"phase": _text, "question": _INDEX, "status": _one_of(QuestionStatus)}, {}),
    EventType.QUEUE_ITEM_MARKED: ({"note": _text, "status": _text}, {}),
    EventType.CONSENT_RECORDED: ({"consent": _one_of(Consent)}, {}),
    EventType.RECORDING_STARTED: ({}, {}),
    EventType.BACKDATE_DEFAULT_SET: ({"role": _one_of(Role), "seconds": _SECONDS}, {}),
    EventType.SLEEP_DETECTED: ({}, {"wall_gap": _optional(_SIGNED_SECONDS), "monotonic_gap": _optional(_SIGNED_SECONDS)}),
    EventType.SESSION_ENDED: ({}, {}),
    EventType.NOTE_MARKED: ({"note": _text, "mark": _one_of(Mark)}, {"on": _optional(_boolean)}),
    EventType.PROBLEM_CREATED: ({"problem": _text, "title": _text}, {}),
    EventType.PROBLEM_EDITED: ({"problem": _text, "title": _text}, {"whys": _optional(_text_list)}),
    EventType.NOTE_GROUPED: ({"note": _text}, {"problem": _optional(_text)}),
}


def describe(check: Check) -> str:
    """What a check accepts, in words a person reads."""
    return check.describe()  # type: ignore[attr-defined]


def event_problem(record: dict[str, Any]) -> str | None:
    """Why this JSON object is not a usable event, or None if every field holds what it must."""
    missing = [key for key in COMMON_FIELDS if key not in record]
    if missing:
        return _("event without {keys}").format(keys=", ".join(missing))
    required, optional = EVENT_FIELDS.get(record["type"], ({}, {})) if isinstance(record["type"], str) else ({}, {})
    missing = [key for key in required if key not in record]
    if missing:
        return _("{type} event without {keys}").format(type=record["type"], keys=", ".join(missing))
    for fields in (COMMON_FIELDS, required, optional):
        for key, check in fields.items():
            if key in record and not check(record[key]):
                return _("`{key}` must be {kind}").format(key=key, kind=describe(check))
    return None


# -- the same checks, compiled: one function per event type ----------------------------------------------
# event_problem walks its tables and calls a check per field: 4.3 us a note, half of reading a line.
# The reader asks `event_ok` first: the same checks written out as one expression per event type
# (built once, from the tables above, so they cannot drift apart), 1 us a note. Only an event it
# refuses goes through event_problem, which says why; event_ok may refuse more than event_problem
# (never less), so every answer a person reads still comes from event_problem.
def _expression(check: Check, value: str, constants: dict[str, Any]) -> str:
    """A Python expression that is true only where `check(value)` is (JSON's types only)."""
    spec = getattr(check, "spec", None)
    if spec is None:
        name = f"_check{len(constants)}"
        constants[name] = check
        return f"{name}({value})"
    kind, *arguments = spec
    if kind == "number":
        low, high = arguments
        # JSON gives int or float, never a subclass; NaN and the infinities fail the range test.
        return f"((type({value}) is float or type({value}) is int) and {low!r} <= {value} <= {high!r})"
    if kind == "integer":
        low, high = arguments
        return f"(type({value}) is int and {low!r} <= {value} <= {high!r})"
    if kind == "one_of":
        name = f"_allowed{len(constants)}"
        constants[name] = frozenset(arguments[0])
        return f"(type({value}) is str and {value} in {name})"
    if kind == "optional":
        return f"({value} is None or {_test(arguments[0], value, constants)})"
    raise ValueError(kind)


_SIMPLE: dict[Check, str] = {
    _text: "type({v}) is str",
    _boolean: "({v} is True or {v} is False)",
    _object: "type({v}) is dict",
    _timestamp: "(type({v}) is str and len({v}) <= 64)",
    _text_list: "(type({v}) is list and all(map(_is_text, {v})))",  # no comprehension: 0.3 -> 0.19 us
}


def _test(check: Check, value: str, constants: dict[str, Any]) -> str:
    return _SIMPLE[check].format(v=value) if check in _SIMPLE else _expression(check, value, constants)


def _compiled(required: dict[str, Check], optional: dict[str, Check]) -> Callable[[dict[str, Any]], bool]:
    constants: dict[str, Any] = {"_missing": object(), "_is_text": str.__instancecheck__}
    fields = {**COMMON_FIELDS, **required}
    reads = "; ".join(f"v{index} = record[{key!r}]" for index, key in enumerate(fields))
    tests = [_test(check, f"v{index}", constants) for index, check in enumerate(fields.values())]
    tests += [f"((value := record.get({key!r}, _missing)) is _missing or {_test(check, 'value', constants)})"
              for key, check in optional.items()]
    source = (f"def event_ok(record):\n    try:\n        {reads}\n    except KeyError:\n        return False\n"
              f"    return {' and '.join(tests)}\n")
    exec(compile(source, "<event checks>", "exec"), constants)  # noqa: S102 - built from the tables above
    return constants["event_ok"]


# Each type's check is compiled when a line of that type is first read: compiling all of them at
# import cost ~5 ms of every start of the live screen, which reads a few types at most.
_COMPILED: dict[str, Callable[[dict[str, Any]], bool]] = {}


def _check_for(kind: str) -> Callable[[dict[str, Any]], bool]:
    fields = EVENT_FIELDS.get(kind)
    if fields is None:
        kind = ""  # every unknown type shares the common checks (one entry, however many types a file names)
        if kind not in _COMPILED:
            _COMPILED[kind] = _compiled({}, {})
        return _COMPILED[kind]
    _COMPILED[kind] = _compiled(*fields)
    return _COMPILED[kind]


def event_check(kind: str) -> Callable[[dict[str, Any]], bool]:
    """The check `event_ok` asks of an event of this type (a string): for a reader that asks it of
    every line, with `known_check(kind)` first, which is it for a type already seen, without a call
    of this function (0.1 us a line)."""
    return _COMPILED.get(kind) or _check_for(kind)


known_check = _COMPILED.get


def event_ok(record: dict[str, Any]) -> bool:
    """True only if `event_problem(record)` is None: the cheap question asked of every line."""
    kind = record.get("type")
    if type(kind) is not str:
        return False
    check = _COMPILED.get(kind)
    if check is None:
        check = _check_for(kind)
    return check(record)
