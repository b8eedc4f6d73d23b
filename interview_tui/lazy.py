"""Names a package imports on first use (PEP 562), so a command loads only the modules it needs
(`interview report` needs no export format, `interview run` no pydantic). Standard library only."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any


def lazy_names(package: str, homes: dict[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` for `package`: each name in `homes` comes from the module named
    there (relative to the package, or absolute when it starts with `interview_tui.`), imported
    the first time the name is asked for, then kept in the package like an ordinary import."""

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = importlib.import_module(home if home.startswith("interview_tui.") else f"{package}.{home}")
        value = getattr(module, name)
        vars(sys.modules[package])[name] = value
        return value

    return __getattr__
