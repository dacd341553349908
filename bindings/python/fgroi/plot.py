"""Notebook figures (placeholder; filled below)."""
