"""Older service history added to a demo database, for bench_scale.py's --history table.

The demo grows everything together: ten times the service lines come with ten times the
members, branches and volunteers, so a screen that lists branches grows with them whatever it
does with history. Issue 14 asks that a screen's time not grow with the history kept behind
what it shows. This adds that history alone: activities of the demo's projects held before
the demo's two years (one a day or more, back as far as it takes), each with ten of the
demo's volunteers logged, until the register holds the lines asked for. Members, branches,
volunteers, the last two years and so the month a summary prints stay as they were.

Rows go in through SQLAlchemy Core, a transaction per 50,000 lines: that batch's activities in one
INSERT, then their lines in another (a statement per activity took PostgreSQL's statement
triggers 18 minutes for a million lines); the database's own triggers keep each activity's and
each volunteer's line count and hours, as for any other insert.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, insert, select

from db.database import open_database
from db.demo import names
from db.models import ServiceActivity, ServiceLog, Volunteer

LINES_PER_ACTIVITY = 10
FIRST_DAY_BACK = 731  # the demo's activities are held within the last 730 days
BATCH_LINES = 50_000


def grow_history(where: str, lines: int, seed: int = 20261204) -> int:
    """Add older activities to `where` until it holds `lines` service-log lines; returns the
    lines added (none when it holds as many already)."""
    rnd = random.Random(seed)
    db = open_database(where)
    try:
        with db.session() as s:
            have = s.scalar(select(func.count()).select_from(ServiceLog)) or 0
            volunteers = list(s.scalars(select(Volunteer.id).order_by(Volunteer.id)))
            community = s.scalar(select(Volunteer.community_id).limit(1))
        wanted = max(0, lines - have)
        if not wanted or len(volunteers) < LINES_PER_ACTIVITY:
            return 0
        activities = -(-wanted // LINES_PER_ACTIVITY)
        per_day = max(1, -(-activities // 3650))  # ten years back at most
        today, added, made = date.today(), 0, 0
        while added < wanted:
            with db.session() as s, s.begin():  # a batch's activities in one statement, then their lines
                batch: list[tuple[dict, int]] = []
                while len(batch) * LINES_PER_ACTIVITY < BATCH_LINES and added < wanted:
                    day = today - timedelta(days=FIRST_DAY_BACK + made // per_day)
                    project, place = rnd.choice(names.PROJECTS)
                    start = time(rnd.choice((8, 9, 14, 15, 19)), rnd.choice((0, 30)))
                    span = rnd.choice((1, 2, 3))
                    stamp = datetime.combine(day, start)
                    count = min(LINES_PER_ACTIVITY, wanted - added)
                    batch.append(({
                        "community_id": community, "uuid": str(uuid.UUID(int=rnd.getrandbits(128), version=4)),
                        "project": project, "held_on": day, "place": place, "start_time": start,
                        "end_time": time(start.hour + span, start.minute), "organiser": rnd.choice(names.ORGANISERS),
                        "confirmed_by": "", "description": f"{project}志愿服务活动。",
                        "created_at": stamp, "updated_at": stamp}, count))
                    made += 1
                    added += count
                ids = s.scalars(insert(ServiceActivity).returning(ServiceActivity.id, sort_by_parameter_order=True),
                                [row for row, _ in batch]).all()
                s.execute(insert(ServiceLog), [
                    {"community_id": community, "uuid": str(uuid.UUID(int=rnd.getrandbits(128), version=4)),
                     "activity_id": activity_id, "volunteer_id": vid,
                     "hours": float(row["end_time"].hour - row["start_time"].hour), "notes": "",
                     "created_at": row["created_at"], "updated_at": row["updated_at"]}
                    for activity_id, (row, count) in zip(ids, batch, strict=True)
                    for vid in rnd.sample(volunteers, count)])
        return added
    finally:
        db.close()
