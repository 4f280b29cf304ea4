"""Data safety in the window: back up now, restore from a list, check the database, the
backup and lock settings, and a start that survives a damaged file."""
