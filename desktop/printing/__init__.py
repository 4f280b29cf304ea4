"""PDF documents the office prints (rosters, notices, mediation papers, certificates, summaries).

Builders take plain data (dataclasses from db/) and a file path and never touch widgets, so
the command line, the tests and the window share them.
"""
