"""Which registers a station copy enters: what the issue lists as a station's work — volunteers
and their service hours, meetings and their attendance, mediation applications (numbered and
accepted at the office). The others (party members, grid workers) are the office's, and a
station shows them to read. A later register that stations may enter adds its key here.

This is what the window offers at a station; db/ itself lets a station's account change what
its role allows, as at the office (a script at a station is the office's own tool).
"""

from __future__ import annotations

STATION_ENTERABLE = frozenset({"volunteers", "party_life", "mediation"})
# The tables of those registers a station's dialogs edit (persons too: a volunteer is registered
# with the person); the others' dialogs open read-only there.
STATION_TABLES = frozenset({"persons", "volunteers", "service_activities", "service_logs", "meetings", "attendance",
                            "mediation_cases", "mediation_parties", "mediation_follow_ups"})
# The rights a register's tab gives for entering records, withheld at a station for the others.
ENTERING = frozenset({"edit", "delete", "restore", "import"})
