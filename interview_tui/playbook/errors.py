"""The one error a playbook can raise: located, with what to do about it."""

from __future__ import annotations

from pathlib import Path


class PlaybookError(Exception):
    """A playbook that cannot be used. `str()` is `FILE:LINE:COLUMN: message` plus a hint line."""

    def __init__(
        self,
        source: str | Path,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.source = str(source)
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint
        super().__init__(str(self))

    @property
    def location(self) -> str:
        parts = [self.source]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text
