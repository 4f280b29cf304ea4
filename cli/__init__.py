"""The command line's pieces (main.py parses the arguments and dispatches)."""
