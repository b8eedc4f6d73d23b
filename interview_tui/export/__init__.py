"""Exports of a session: Markdown and JSON. No Textual."""

from interview_tui.export.json_export import to_json, to_json_data
from interview_tui.export.markdown import to_markdown

FORMATS = {"md": to_markdown, "json": to_json}

__all__ = ["FORMATS", "to_json", "to_json_data", "to_markdown"]
