"""Exports of a session: Markdown, JSON, CSV, WebVTT, REFI-QDA, optionally redacted; the cross-session
report. No Textual.

Names are imported on first use (PEP 562): the report needs none of the formats.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from interview_tui.lazy import lazy_names

_HOMES = {
    "to_csv": "csv_export", "write_csv": "csv_export",
    "to_json": "json_export", "to_json_data": "json_export", "write_json": "json_export",
    "to_markdown": "markdown", "write_markdown": "markdown",
    "to_qdc": "refi_qda", "to_qdpx": "refi_qda",
    "to_vtt": "vtt", "write_vtt": "vtt",
    "FORMATS": "formats", "WRITERS": "formats",
}
BINARY_FORMATS = ("qdpx",)  # written as bytes (a zip); every other format is text

__all__ = sorted([*_HOMES, "BINARY_FORMATS"])


__getattr__ = lazy_names(__name__, _HOMES)


if TYPE_CHECKING:
    from interview_tui.export.csv_export import to_csv, write_csv
    from interview_tui.export.formats import FORMATS, WRITERS
    from interview_tui.export.json_export import to_json, to_json_data, write_json
    from interview_tui.export.markdown import to_markdown, write_markdown
    from interview_tui.export.refi_qda import to_qdc, to_qdpx
    from interview_tui.export.vtt import to_vtt, write_vtt
