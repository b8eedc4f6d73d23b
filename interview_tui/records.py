"""Bases for the dataclasses every command makes at start: their __eq__, __hash__ and __repr__ are
written once, here, instead of once per class.

`@dataclass` writes each method of each class as source text and compiles it when the module is
imported: the 19 dataclasses on the way to the live screen's first frame had 108 such methods, 50
over these bases (26 million instructions fewer until the first frame, callgrind; importing our
modules after Textual, median of 15 alternating runs, 69 -> 52 ms). Since then SessionState, always
made empty, is a plain class, and the playbook cache's PlaybookProblem is over Value: counting the
cache's modules too, 55 methods became 52 (108 before these bases). With `Frozen` below, 26
(17.5 million instructions fewer until the first frame).

Declared `@dataclass(repr=False, eq=False)` over `Record`, or `@dataclass(frozen=True, repr=False,
eq=False)` over `Value`, a class has only its __init__ compiled (and, frozen, __setattr__ and
__delattr__); it is still a dataclass (`fields`, `replace` and `asdict` work) and compares, hashes
and shows as `@dataclass` would have made it: by its fields that compare (or show), in order.
Declared `@dataclass(repr=False, eq=False)` over `Frozen`, a class is frozen by that base instead, and
only its __init__ is compiled: for the values made a few at a time (a playbook, a writer, a problem),
where the two methods frozen=True compiles for each class cost more than their instances ever do.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields
from operator import attrgetter
from typing import Any


def _key_of(cls: type) -> Any:
    """attrgetter of the fields that compare, made once a class (a tuple of them; one field: a 1-tuple)."""
    key = cls.__dict__.get("_record_key")
    if key is None:
        names = tuple(field.name for field in fields(cls) if field.compare)
        getter = attrgetter(*names) if names else (lambda record: ())
        key = getter if len(names) != 1 else (lambda record, get=getter: (get(record),))
        type.__setattr__(cls, "_record_key", key)
    return key


class Record:
    """A mutable dataclass: equal to another of its class whose fields are equal; not hashable."""

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]  # mutable, as @dataclass(eq=True) without frozen

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        key = _key_of(self.__class__)
        return key(self) == key(other)

    def __repr__(self) -> str:
        shown = ", ".join(f"{field.name}={getattr(self, field.name)!r}" for field in fields(self) if field.repr)
        return f"{self.__class__.__qualname__}({shown})"


class Value(Record):
    """A frozen dataclass: as Record, and hashable by the fields that compare."""

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(_key_of(self.__class__)(self))


class Frozen(Value):
    """A Value frozen by this class, not by `@dataclass(frozen=True)`: each field is set once, by
    __init__, and setting it again or deleting it raises FrozenInstanceError, as frozen=True would.
    Setting goes through __setattr__ (0.2 us a field): not for values made by the thousand (Note)."""

    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        instance_dict = getattr(self, "__dict__", None)
        if name in instance_dict if instance_dict is not None else hasattr(self, name):
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")
