"""Reading a playbook file: YAML (safe_load only) into a validated Playbook."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from interview_tui.playbook.errors import PlaybookError
from interview_tui.playbook.model import Playbook


def load_playbook(path: str | Path) -> Playbook:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise PlaybookError(path, f"cannot be read: {error.strerror}", hint="check the path and its permissions") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PlaybookError(path, f"is not UTF-8 text (byte {error.start})", hint="save the file as UTF-8") from None
    return load_playbook_text(text, source=str(path))


def load_playbook_text(text: str, source: str = "<playbook>") -> Playbook:
    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise PlaybookError(source, f"YAML syntax: {error.problem or error}", line=line, column=column,
                            hint="fix the YAML syntax at that spot") from None
    except yaml.YAMLError as error:
        raise PlaybookError(source, f"YAML: {error}") from None
    if not isinstance(data, dict):
        raise PlaybookError(source, "a playbook is a mapping with at least `title` and `phases`",
                            line=1, column=1, hint="see docs/playbooks.md for a complete example")
    try:
        return Playbook.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise PlaybookError(source, f"{where}: {first['msg']}") from None
