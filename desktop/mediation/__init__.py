"""The mediation register (调解记录): cases, their parties and follow-ups, and the mediators."""
