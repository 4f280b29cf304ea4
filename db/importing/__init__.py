"""Importing the office's Excel/WPS/CSV ledgers (台账): reading, finding the table, normalising,
validating with the same rules as the forms, and writing valid rows in one transaction."""
