"""Imports only point down: playbook, session and export never import Textual (DESIGN.md)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import interview_tui

LOWER_LAYERS = ("interview_tui.playbook", "interview_tui.session", "interview_tui.export")


def modules_under(package: str) -> list[str]:
    module = __import__(package, fromlist=["__path__"])
    return [package] + [f"{package}.{info.name}" for info in pkgutil.walk_packages(module.__path__)]


def test_lower_layers_import_no_textual():
    modules = [name for package in LOWER_LAYERS for name in modules_under(package)]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] == 'textual' or m.startswith('interview_tui.tui')}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", f"{modules} pulled in: {result.stdout}"
    assert len(modules) >= 10  # the walk found the real modules, not an empty package


def test_cli_imports_the_tui_lazily():
    code = "import sys, interview_tui.cli; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_package_version_is_set():
    assert interview_tui.__version__
