"""The playbook's JSON Schema, for editors (completion, checks as you type) and other tools."""

from __future__ import annotations

import json
from typing import Any

from interview_tui.playbook.validation import Playbook


def playbook_schema() -> dict[str, Any]:
    schema = Playbook.model_json_schema()
    return {
        # No `$id`: the schema has no published address, and editors find it by the path a
        # playbook's `# yaml-language-server: $schema=` comment gives (see docs/playbooks.md).
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "interview-tui playbook",
        "description": "An interview play: purpose, timed phases with guidance and questions, tags. "
        "See docs/playbooks.md.",
    }


def playbook_schema_text() -> str:
    return json.dumps(playbook_schema(), indent=2, ensure_ascii=False) + "\n"
