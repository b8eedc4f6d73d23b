"""Bases for the dataclasses every command makes at start, so that @dataclass compiles none of
their methods.

`@dataclass` writes each method of each class as source text and compiles it when the module is
imported. Declared `@dataclass(init=False, repr=False, eq=False)`, over `Record` (mutable, not
hashable) or `Frozen` (setting or deleting a field raises FrozenInstanceError; hashable), a class
compiles nothing and is still a dataclass (`fields`, `replace` and `asdict` work): it is made,
compared, hashed and shown as `@dataclass` would have made it, by its fields that compare (or show),
in order (tests/test_records.py holds each against a plain twin). Record's __init__ takes about 2 us
an instance: a class made by the thousand writes its own (Note, session/state.py).

The way to the live screen's first frame compiled 108 such methods before these bases, none with
them: 63 million instructions fewer until the first frame (callgrind), 26 for __eq__, __hash__ and
__repr__, 37 for __init__, __setattr__ and __delattr__.
"""

from __future__ import annotations

from dataclasses import MISSING, FrozenInstanceError, fields
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """For a class declared `@dataclass(init=False, ...)`, which compiles no __init__ of its own:
        takes the fields' arguments as @dataclass's would (positional or by name, defaults and default
        factories). About 2 us an instance: for records made a few at a time (a playbook, a log file,
        a writer), never for those made by the thousand (Note has its own, written out)."""
        cls = self.__class__
        spec = _init_spec(cls)
        if len(args) > len(spec):
            raise TypeError(f"{cls.__qualname__}() takes {len(spec)} arguments but {len(args)} were given")
        for index, (name, default, factory) in enumerate(spec):
            if index < len(args):
                if name in kwargs:
                    raise TypeError(f"{cls.__qualname__}() got multiple values for argument {name!r}")
                value = args[index]
            elif name in kwargs:
                value = kwargs.pop(name)
            elif default is not MISSING:
                value = default
            elif factory is not MISSING:
                value = factory()
            else:
                raise TypeError(f"{cls.__qualname__}() missing required argument: {name!r}")
            object.__setattr__(self, name, value)
        if kwargs:
            raise TypeError(f"{cls.__qualname__}() got an unexpected keyword argument {next(iter(kwargs))!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        key = _key_of(self.__class__)
        return key(self) == key(other)

    def __repr__(self) -> str:
        shown = ", ".join(f"{field.name}={getattr(self, field.name)!r}" for field in fields(self) if field.repr)
        return f"{self.__class__.__qualname__}({shown})"


class Frozen(Record):
    """A frozen dataclass: as Record, hashable by the fields that compare, and frozen by this class:
    setting or deleting a field raises FrozenInstanceError, as @dataclass(frozen=True) would (which
    compiles both methods for each class)."""

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(_key_of(self.__class__)(self))

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __setstate__(self, state: Any) -> None:
        # copy and pickle: (None, slots) for a class with __slots__, the __dict__ for one without.
        dict_state, slot_state = state if isinstance(state, tuple) else (state, None)
        for name, value in {**(dict_state or {}), **(slot_state or {})}.items():
            object.__setattr__(self, name, value)


def _init_spec(cls: type) -> tuple[tuple[str, Any, Any], ...]:
    """(name, default, default factory) of each field __init__ takes, made once a class."""
    spec = cls.__dict__.get("_record_init")
    if spec is None:
        spec = tuple((field.name, field.default, field.default_factory) for field in fields(cls) if field.init)
        type.__setattr__(cls, "_record_init", spec)
    return spec
