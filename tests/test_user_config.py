"""The config file: keys remapped by binding id, the theme, and `interview config`."""

from __future__ import annotations

import pytest

from interview_tui.cli import main
from interview_tui.config import ConfigError, config_path, load_config
from interview_tui.tui.app import InterviewApp
from interview_tui.tui.screens.confirm import ConfirmScreen
from interview_tui.tui.user_config import apply_user_config, bindings_by_screen


def test_every_binding_has_an_id_a_config_file_can_name():
    bindings = [binding for found in bindings_by_screen().values() for binding in found]
    assert bindings and all(binding.id for binding in bindings)
    assert "skip-phase" in {binding.id for binding in bindings}


def test_config_lives_in_the_user_config_folder_and_interview_config_says_so(capsys):
    path = config_path()
    assert path.name == "config.toml" and "interview-tui" in str(path)
    assert main(["config"]) == 0
    out = capsys.readouterr().out
    assert f"{path} (does not exist yet" in out and 'skip-phase = "f9"' in out
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('theme = "nord"\n[keys]\nskip-phase = "f9"\n', encoding="utf-8")
    assert main(["config", "--keys"]) == 0
    out = capsys.readouterr().out
    assert f"{path} (exists)" in out and "Theme: nord" in out and "tag-note" in out


def test_a_broken_config_names_the_file_and_line_and_exits_2(tmp_path, monkeypatch, capsys):
    path = tmp_path / "config.toml"
    path.write_text('[keys]\nskip-phase = f9\n', encoding="utf-8")
    monkeypatch.setenv("INTERVIEW_CONFIG", str(path))
    assert main(["config"]) == 2
    assert f"{path}: not valid TOML" in capsys.readouterr().err and "line 2" in str(pytest.raises(ConfigError, load_config).value)


def test_an_unknown_binding_id_or_theme_is_refused_with_a_suggestion(tmp_path, playbook, sessions_root):
    path = tmp_path / "config.toml"
    path.write_text('[keys]\nskip-phaze = "f9"\n', encoding="utf-8")
    app = InterviewApp(playbook=playbook, sessions_root=sessions_root)
    with pytest.raises(ConfigError, match="did you mean 'skip-phase'"):
        apply_user_config(app, load_config(path))
    path.write_text('theme = "no-such-theme"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="no theme 'no-such-theme'"):
        apply_user_config(app, load_config(path))


async def test_a_remapped_key_works_while_typing_and_the_key_bar_shows_it(tmp_path, playbook, sessions_root, clock):
    path = tmp_path / "config.toml"
    path.write_text('theme = "textual-light"\n[keys]\nskip-phase = "f9"\nmark-skipped = "f12"\nstart-clock = "f4"\nmark-asked = "f5"\n', encoding="utf-8")
    app = InterviewApp(playbook=playbook, sessions_root=sessions_root, participant={"name": "Ana"}, clock=clock)
    apply_user_config(app, load_config(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-light"
        await pilot.press("f4")  # start-clock moved from F5 to F4
        assert app.session.state.running
        await pilot.press("a", "f9")  # in the middle of typing a note
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert app.session.state.phase.id == "warm-up"
        bar = str(app.screen.query_one("KeyBar").render())
        assert "f4 Start" in bar and "f5 Asked" in bar
