"""The playbook's JSON Schema, for editors (completion, checks as you type) and other tools."""

from __future__ import annotations

import json
from typing import Any

from interview_tui.playbook.model import Playbook

SCHEMA_ID = "https://github.com/interview-tui/interview-tui/docs/playbook.schema.json"


def playbook_schema() -> dict[str, Any]:
    schema = Playbook.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "interview-tui playbook",
        "description": "An interview play: purpose, timed phases with guidance and questions, tags. "
        "See docs/playbooks.md.",
    }


def playbook_schema_text() -> str:
    return json.dumps(playbook_schema(), indent=2, ensure_ascii=False) + "\n"
