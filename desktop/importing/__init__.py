"""Importing ledgers in the window: choose a file, check the column mapping, preview, import."""
