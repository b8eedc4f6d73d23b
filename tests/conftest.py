"""Shared fixtures: the bundled playbook, a fake clock, a private sessions folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_tui.playbook import Playbook, load_playbook, resolve_playbook
from interview_tui.session.clock import FakeClock

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def playbook() -> Playbook:
    return load_playbook(resolve_playbook("customer-interview"))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sessions_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "sessions"
    # Never touch the real user data folder from a test.
    monkeypatch.setenv("INTERVIEW_SESSIONS_DIR", str(root))
    return root


@pytest.fixture(autouse=True)
def _no_user_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # User playbooks live in the platformdirs config folder; tests see an empty one, and an empty cache.
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))  # validated playbooks: playbook/cache.py
    monkeypatch.delenv("INTERVIEW_SESSIONS_DIR", raising=False)
    monkeypatch.delenv("INTERVIEW_CONFIG", raising=False)
