"""Exports of a session: Markdown, JSON, CSV, WebVTT, REFI-QDA, optionally redacted; the cross-session
report. No Textual."""

from interview_tui.export.csv_export import to_csv
from interview_tui.export.json_export import to_json, to_json_data
from interview_tui.export.markdown import to_markdown
from interview_tui.export.refi_qda import to_qdc, to_qdpx
from interview_tui.export.vtt import to_vtt

# Each takes (log, state) and gives text, or bytes for a zip.
FORMATS = {"md": to_markdown, "json": to_json, "csv": to_csv, "vtt": to_vtt, "qdpx": to_qdpx, "qdc": to_qdc}
BINARY_FORMATS = ("qdpx",)

__all__ = ["BINARY_FORMATS", "FORMATS", "to_csv", "to_json", "to_json_data", "to_markdown", "to_qdc", "to_qdpx", "to_vtt"]
