"""Exports of a session: Markdown, JSON (and later CSV, WebVTT, cross-session reports). No Textual."""
