"""Data layer of Community Desk: models, database lifecycle, rules and queries. No Qt here."""
