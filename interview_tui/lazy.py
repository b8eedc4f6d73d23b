"""Names a package offers, imported when first used: `interview report` needs the fold, not the
playbook loader, YAML, the session writer or every export format (importing them all cost about
0.15 s of a report's 1.5 s)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_names(package: str, names: dict[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` (PEP 562) for `package`: name -> the module that defines it."""
    namespace = importlib.import_module(package).__dict__

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value  # the next use is a plain lookup
        return value

    return __getattr__
