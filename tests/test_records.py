"""The start-up dataclasses over interview_tui.records compare, hash and show as plain @dataclass ones would."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from interview_tui.config import UserConfig
from interview_tui.playbook.errors import PlaybookProblem
from interview_tui.playbook.model import Phase, Playbook, Question, Tag
from interview_tui.records import Frozen, Record
from interview_tui.session.events import Role
from interview_tui.session.log import LogFile, ParsedLine, ReadProblem, SessionLog
from interview_tui.session.state import Note, Problem, SessionState, ShrinkNeeded, Writer
from interview_tui.session.tail import FileTail
from interview_tui.session.team import Presence

NOTE = dict(id="n1", role=Role.SCRIBE, text="주문 관리 · 导出", tags=("pain",), phase="warm-up", t=12.5, clock=10.0,
            at="2026-11-23T10:00:00+00:00", writer="w1")
# (class, arguments of one, arguments of another): the other differs in one field, or in none.
SAMPLES = [
    (Note, NOTE, {**NOTE, "text": "edited"}),
    (Note, NOTE, dict(NOTE)),
    (Writer, dict(id="w1", name="Ana", role=Role.SCRIBE), dict(id="w1", name="Ana", role=Role.SCRIBE, left_t=3.0)),
    (Problem, dict(id="p1", title="Export", whys=("slow",)), dict(id="p1", title="Export", whys=("slow",))),
    (ShrinkNeeded, dict(seconds=60.0, fraction=0.1, remaining_planned=600.0), dict(seconds=60.0, fraction=0.2, remaining_planned=600.0)),
    (ReadProblem, dict(path=Path("a.jsonl"), line=3, message="torn"), dict(path=Path("a.jsonl"), line=3, message="torn")),
    (ParsedLine, dict(event={"type": "note_added"}), dict(problem="skipped")),
    (Presence, dict(name="Bo", role=Role.OBSERVER, here=True, drives=False, me=False),
     dict(name="Bo", role=Role.OBSERVER, here=False, drives=False, me=False)),
    (Tag, dict(name="pain", key="p"), dict(name="pain", key="p")),
    (Question, dict(text="How?", follow_ups=["Why?"]), dict(text="How?")),
    (Phase, dict(id="warm-up", title="Warm-up", minutes=5, questions=[Question("How?")]), dict(id="warm-up", title="Warm-up", minutes=5)),
    (Playbook, dict(title="Play", phases=[Phase("a", "A", 1)]), dict(title="Play", phases=[Phase("a", "A", 1)])),
    (UserConfig, dict(path=Path("config.toml"), exists=False), dict(path=Path("config.toml"), exists=True)),
    (PlaybookProblem, dict(source="play.yaml", message="no phases", line=3), dict(source="play.yaml", message="no phases", line=4)),
    (LogFile, dict(path=Path("a.jsonl"), header={}, events=[]), dict(path=Path("a.jsonl"), header={}, events=[{}])),
    (SessionLog, dict(folder=Path("s"), files=[], events=[]), dict(folder=Path("s"), files=[], events=[])),
    (FileTail, dict(path=Path("a.jsonl")), dict(path=Path("a.jsonl"), offset=10)),
]


def frozen(cls: type) -> bool:
    return cls.__dataclass_params__.frozen or issubclass(cls, Frozen)


def twin(cls: type) -> type:
    """A plain @dataclass with the same fields and flags, its methods generated as usual."""
    specs = []
    for field in dataclasses.fields(cls):
        default = {"default": field.default} if field.default is not dataclasses.MISSING else {}
        if field.default_factory is not dataclasses.MISSING:
            default = {"default_factory": field.default_factory}
        specs.append((field.name, field.type, dataclasses.field(repr=field.repr, compare=field.compare, **default)))
    return dataclasses.make_dataclass(cls.__name__, specs, frozen=frozen(cls))


def hash_or_error(value: object) -> object:
    try:
        return hash(value)
    except TypeError as error:
        return type(error)


@pytest.mark.parametrize(("cls", "one", "other"), SAMPLES, ids=[f"{cls.__name__}-{index}" for index, (cls, _one, _other) in enumerate(SAMPLES)])
def test_a_record_behaves_as_its_plain_dataclass_twin(cls, one, other):
    plain = twin(cls)
    ours_one, ours_other = cls(**one), cls(**other)
    plain_one, plain_other = plain(**one), plain(**other)
    assert repr(ours_one) == repr(plain_one)
    assert (ours_one == ours_other) == (plain_one == plain_other)
    assert (ours_one != ours_other) == (plain_one != plain_other)
    assert ours_one != plain_one  # another class is never equal, as with @dataclass
    assert type(hash_or_error(ours_one)) is type(hash_or_error(plain_one))  # hashable (an int) or not (TypeError)
    if ours_one == ours_other and isinstance(hash_or_error(ours_one), int):
        assert hash(ours_one) == hash(ours_other)
    assert dataclasses.asdict(ours_one) == dataclasses.asdict(plain_one)
    changed = dataclasses.replace(ours_one, **{dataclasses.fields(cls)[0].name: getattr(ours_other, dataclasses.fields(cls)[0].name)})
    assert type(changed) is cls
    if frozen(cls):
        for field in dataclasses.fields(cls):
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(ours_one, field.name, None)
            with pytest.raises(dataclasses.FrozenInstanceError):
                delattr(ours_one, field.name)
        assert repr(ours_one) == repr(plain_one)  # nothing changed


# The classes declared init=False, made by Record.__init__.
MADE_BY_RECORD = [(cls, one) for cls, one, _other in SAMPLES if cls.__init__ is Record.__init__]


@pytest.mark.parametrize(("cls", "one"), MADE_BY_RECORD, ids=[cls.__name__ for cls, _one in MADE_BY_RECORD])
def test_a_record_without_a_compiled_init_takes_its_arguments_as_its_plain_dataclass_twin_does(cls, one):
    """Record's __init__ takes arguments, and refuses them, as the one @dataclass compiles does."""
    plain = twin(cls)
    fields = dataclasses.fields(cls)
    required = [field.name for field in fields if field.default is field.default_factory is dataclasses.MISSING]
    by_position = [one[name] for name in required]
    assert repr(cls(*by_position)) == repr(plain(*by_position))  # the others take their defaults
    first = fields[0].name
    rest = {name: value for name, value in one.items() if name != first}
    assert repr(cls(one.get(first), **rest)) == repr(plain(one.get(first), **rest))
    refused = [
        ((), {**one, "no_such_field": 1}),
        (tuple(range(len(fields) + 1)), {}),  # more than there are fields
        ((one.get(first),), {first: one.get(first)}),  # one field twice
    ] + ([((), {})] if required else [])  # a required field missing
    for args, kwargs in refused:
        with pytest.raises(TypeError):
            plain(*args, **kwargs)
        with pytest.raises(TypeError):
            cls(*args, **kwargs)
    for field in fields:
        if field.default_factory is not dataclasses.MISSING:  # a new list (or dict) for each
            assert getattr(cls(*by_position), field.name) is not getattr(cls(*by_position), field.name)
    made = cls(**one)
    assert copy.copy(made) == made and pickle.loads(pickle.dumps(made)) == made


def test_the_note_written_out_init_takes_what_the_compiled_one_would():
    """Note's __init__ is written out (not compiled at every start): its parameters are its fields, in
    order, with their defaults, as @dataclass would write them."""
    expected = [(field.name, field.default) for field in dataclasses.fields(Note)]
    parameters = list(inspect.signature(Note).parameters.values())
    assert [(p.name, p.default if p.default is not inspect.Parameter.empty else dataclasses.MISSING) for p in parameters] == expected
    values = list(NOTE.values())
    assert Note(*values) == Note(**NOTE)
    assert repr(Note(*values)) == repr(twin(Note)(*values))


@pytest.mark.skipif(not hasattr(dataclasses, "_create_fn"), reason="Python 3.13 and later compile a class's methods in one go: no per-method function to count")
def test_the_way_to_the_first_frame_compiles_no_dataclass_method():
    """@dataclass compiles each method it writes (~0.2 ms each at start): the modules the live screen
    imports, the playbook cache's too, compile none; 52 before the records made a few at a time were
    made by Record's __init__ and frozen by records.Frozen and Note's __init__ was written out, 108 when
    every method was generated per class (3648dc6). A module the live screen does not import (the
    write-up's) still compiles its own, so the count sees them."""
    code = (
        "import dataclasses\n"
        "count = 0\n"
        "create = dataclasses._create_fn\n"
        "def counting(name, *args, **kwargs):\n"
        "    global count\n"
        "    count += (kwargs.get('globals') or {}).get('__name__', '').startswith('interview_tui')\n"
        "    return create(name, *args, **kwargs)\n"
        "dataclasses._create_fn = counting\n"
        "import interview_tui.cli, interview_tui.commands.run, interview_tui.playbook, interview_tui.playbook.cache, interview_tui.session.folder\n"
        "import interview_tui.tui.app, interview_tui.tui.user_config\n"
        "print(count)\n"
        "import interview_tui.export.write_up\n"
        "print(count)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first_frame, with_write_up = map(int, result.stdout.split())
    assert first_frame == 0
    assert with_write_up > 0  # the count sees what is compiled


def test_a_session_state_copy_is_equal_and_independent():
    """SessionState is a plain class (always made empty, then folded): equal when every attribute is,
    and its copy folds on without changing the original."""
    state = SessionState()
    state.session_id, state.participant = "s1", {"name": "Ana"}
    copied = state.copy()
    assert copied == state and copied is not state
    assert SessionState() != state and state != "s1"
    copied.notes.append(Note(**NOTE))
    assert copied != state and not state.notes and len(copied.notes) == 1
    copied.participant["name"] = "Bo"
    assert state.participant == {"name": "Ana"}
    with pytest.raises(TypeError):
        hash(state)  # mutable: not hashable
    assert repr(SessionState()).startswith("SessionState(session_id='', ") and "_note_index" not in repr(state)
