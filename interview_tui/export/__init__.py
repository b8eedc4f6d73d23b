"""Exports of a session: Markdown, JSON, CSV, WebVTT, REFI-QDA, optionally redacted; the cross-session
report. No Textual.

The names below are imported when first used (interview_tui.lazy): the report needs none of the formats.
"""

from interview_tui.lazy import lazy_names

_DEFINED_IN = {
    **dict.fromkeys(("to_csv", "write_csv"), "interview_tui.export.csv_export"),
    **dict.fromkeys(("to_json", "to_json_data", "write_json"), "interview_tui.export.json_export"),
    **dict.fromkeys(("to_markdown", "write_markdown"), "interview_tui.export.markdown"),
    **dict.fromkeys(("to_qdc", "to_qdpx"), "interview_tui.export.refi_qda"),
    **dict.fromkeys(("to_vtt", "write_vtt"), "interview_tui.export.vtt"),
    **dict.fromkeys(("FORMATS", "WRITERS"), "interview_tui.export.formats"),
}
__getattr__ = lazy_names(__name__, _DEFINED_IN)
BINARY_FORMATS = ("qdpx",)  # written as bytes (a zip); every other format is text
__all__ = sorted([*_DEFINED_IN, "BINARY_FORMATS"])
