"""What can be wrong with a playbook: located problems (errors and lint warnings), and the error."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from interview_tui.i18n import _
from interview_tui.records import Frozen


@dataclass(init=False, repr=False, eq=False)
class PlaybookProblem(Frozen):
    """One thing wrong with a playbook file, where it is, and what to do about it."""

    source: str
    message: str
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    severity: str = "error"  # or "warning" (lint)

    @property
    def location(self) -> str:
        parts = [self.source]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        if self.severity == "warning":
            text = _("{location}: warning: {message}").format(location=self.location, message=self.message)
        else:
            text = f"{self.location}: {self.message}"
        if self.hint:
            text += "\n  " + _("hint: {hint}").format(hint=self.hint)
        return text


class PlaybookError(Exception):
    """A playbook that cannot be used. `str()` is one `FILE:LINE:COLUMN: message` (plus a hint line)
    per problem; `problems` has them all."""

    def __init__(
        self,
        source: str | Path,
        message: str = "",
        *,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
        problems: list[PlaybookProblem] | None = None,
    ) -> None:
        self.problems = problems or [PlaybookProblem(str(source), message, line, column, hint)]
        first = self.problems[0]
        self.source = first.source
        self.message = first.message
        self.line = first.line
        self.column = first.column
        self.hint = first.hint
        super().__init__(str(self))

    @property
    def location(self) -> str:
        return self.problems[0].location

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)
