"""Party life (三会一课): meetings and attendance, schedules, the figures the office reports,
member flags, points and branch ratings. No Qt here; the window is desktop/party_life/."""
