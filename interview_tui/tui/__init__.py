"""The terminal UI: the only layer that imports Textual."""
