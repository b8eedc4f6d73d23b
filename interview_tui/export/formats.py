"""Every export format by its name on the command line."""

from interview_tui.export.csv_export import to_csv, write_csv
from interview_tui.export.json_export import to_json, write_json
from interview_tui.export.markdown import to_markdown, write_markdown
from interview_tui.export.refi_qda import to_qdc, to_qdpx
from interview_tui.export.vtt import to_vtt, write_vtt

# Each takes (log, state) and gives text, or bytes for a zip.
FORMATS = {"md": to_markdown, "json": to_json, "csv": to_csv, "vtt": to_vtt, "qdpx": to_qdpx, "qdc": to_qdc}
# The text ones, written to a file as they are made (100,000 notes: the text is never held whole).
WRITERS = {"md": write_markdown, "json": write_json, "csv": write_csv, "vtt": write_vtt}
