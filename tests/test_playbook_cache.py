"""A playbook validated once starts the next interview without YAML or pydantic; the cache is keyed
by the file's content, private, and never trusted when it is damaged or not ours."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from interview_tui.playbook import PlaybookError, load_playbook, load_playbook_file, resolve_playbook
from interview_tui.playbook import cache

REPO = Path(__file__).resolve().parent.parent

# `interview run --participant` up to the moment the screen would start, then which of the
# expensive modules the start has loaded by then.
START_UP_TO_THE_SCREEN = """
import sys
from interview_tui.commands import run
run._run_app = lambda app: print(sorted(m for m in ("pydantic", "yaml", "importlib.metadata") if m in sys.modules)) or 0
from interview_tui.cli import main
main(["run", sys.argv[1], "--participant", "Ana"])
"""


def start(playbook: Path, sessions: Path) -> list[str]:
    env = {**os.environ, "INTERVIEW_SESSIONS_DIR": str(sessions), "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", START_UP_TO_THE_SCREEN, str(playbook)], env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1].replace("'", '"'))


@pytest.fixture
def study(tmp_path: Path) -> Path:
    path = tmp_path / "study.yaml"
    path.write_bytes(resolve_playbook("customer-interview").read_bytes())
    return path


def entries() -> list[Path]:
    return sorted(cache.cache_dir().glob("*.json"))


def test_a_second_start_with_the_same_playbook_loads_neither_yaml_nor_pydantic(study, tmp_path, clock):
    from interview_tui.session import Session

    sessions = tmp_path / "sessions"
    # A session written a moment ago: `run` reads it (is someone still writing it?), and with it the
    # copy of the playbook its log holds.
    Session.create(sessions, load_playbook_file(study).playbook, participant={"name": "Bo"}, clock=clock).close()
    assert start(study, sessions) == ["importlib.metadata", "pydantic", "yaml"]  # new to the cache: validated
    assert start(study, sessions) == []


def test_the_cached_playbook_is_the_validated_one(study):
    validated = load_playbook_file(study).playbook
    assert load_playbook(study) == validated  # validated, then cached
    assert len(entries()) == 1
    assert load_playbook(study) == validated  # from the cache


def test_a_playbook_edited_by_one_byte_is_validated_again(study):
    load_playbook(study)
    text = study.read_text(encoding="utf-8")
    study.write_text(text.replace("title: Customer interview", "title: Customer interviex", 1), encoding="utf-8")
    assert load_playbook(study).title == "Customer interviex"
    assert len(entries()) == 2

    study.write_text(text.replace("minutes: 5\n", "minutes: five\n", 1), encoding="utf-8")
    line = text[: text.index("minutes: 5\n")].count("\n") + 1
    with pytest.raises(PlaybookError) as error:
        load_playbook(study)
    assert str(error.value).startswith(f"{study}:{line}:")
    assert "must be a number (found 'five')" in str(error.value)
    assert len(entries()) == 2  # nothing cached for a broken file


def test_the_cache_is_private(study):
    load_playbook(study)
    (entry,) = entries()
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.parent.parent.stat().st_mode) == 0o700
    assert not [p for p in entry.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_cache_folder_others_can_read_is_made_private_again(study):
    folder = cache.cache_dir()
    folder.mkdir(parents=True)
    folder.chmod(0o755)
    load_playbook(study)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def tampered(entry: Path, edit) -> None:
    header, body = entry.read_bytes().split(b"\n", 1)
    entry.write_bytes(edit(header, body))


@pytest.mark.parametrize("edit", [
    pytest.param(lambda header, body: header + b"\n" + body.replace(b"Customer interview", b"Hijacked interview"), id="data-edited"),
    pytest.param(lambda header, body: header + b"\n" + body[: len(body) // 2], id="cut-short"),
    pytest.param(lambda header, body: b"\x00\xff garbage", id="garbage"),
    pytest.param(lambda header, body: b"", id="empty"),
    pytest.param(lambda header, body: json.dumps(["not", "a", "header"]).encode() + b"\n" + body, id="foreign-header"),
])
def test_a_tampered_cache_entry_is_ignored_and_written_again(study, edit):
    validated = load_playbook(study)
    (entry,) = entries()
    tampered(entry, edit)
    assert load_playbook(study) == validated
    assert cache.read_entry(entry.parent, entry.stem) == validated  # rewritten whole


def test_an_entry_with_a_matching_checksum_but_wrong_shapes_is_ignored(study):
    validated = load_playbook(study)
    (entry,) = entries()
    header, body = entry.read_bytes().split(b"\n", 1)
    data = json.loads(body)
    data["phases"][0]["minutes"] = "5"  # what validation refuses; the cache must not let it through
    body = json.dumps(data).encode()
    header = json.loads(header)
    header["sha256"] = hashlib.sha256(body).hexdigest()
    entry.write_bytes(json.dumps(header).encode() + b"\n" + body)
    assert load_playbook(study) == validated


def test_an_entry_others_could_write_is_ignored(study):
    validated = load_playbook(study)
    (entry,) = entries()
    tampered(entry, lambda header, body: header + b"\n" + body)  # still valid
    entry.chmod(0o666)
    assert cache.read_entry(entry.parent, entry.stem) is None
    assert load_playbook(study) == validated
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600  # replaced by a private one


def test_a_session_copy_of_the_playbook_is_cached_too(study, sessions_root, clock, monkeypatch):
    """`interview resume`, and `run` looking at a session someone may still be writing, read the
    playbook the session's log holds: validated once, then from the cache."""
    from interview_tui.playbook import model, validation
    from interview_tui.session import Session, load_session

    playbook = load_playbook(study)
    session = Session.create(sessions_root, playbook, participant={"name": "Ana"}, clock=clock)
    session.close()
    model._STORED.clear()  # as in a new process
    assert load_session(session.folder)[1].playbook == playbook
    assert len(entries()) == 2  # the file's, and the session's copy
    model._STORED.clear()
    monkeypatch.setattr(validation, "validate_stored", None)  # validating again would fail here
    assert load_session(session.folder)[1].playbook == playbook
