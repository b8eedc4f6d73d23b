"""Exports of a session: Markdown, JSON, CSV, WebVTT, optionally redacted; the cross-session report.
No Textual."""

from interview_tui.export.csv_export import to_csv
from interview_tui.export.json_export import to_json, to_json_data
from interview_tui.export.markdown import to_markdown
from interview_tui.export.vtt import to_vtt

FORMATS = {"md": to_markdown, "json": to_json, "csv": to_csv, "vtt": to_vtt}

__all__ = ["FORMATS", "to_csv", "to_json", "to_json_data", "to_markdown", "to_vtt"]
