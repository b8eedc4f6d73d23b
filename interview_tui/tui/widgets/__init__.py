"""Reusable widgets; each carries its own DEFAULT_CSS. The live and replay screens share them."""
