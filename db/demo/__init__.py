"""Demo data: a realistic community for trying the app, screenshots, tests and benchmarks.

`fill_demo(db, scale)` writes, at scale 1, a community committee with 5 branches, 300 party
members, 12 grids, 20 grid workers, 10 mediators, 150 mediation cases, 120 volunteers and
1,500 service-log lines, with valid ID numbers and consistent dates; every count is
multiplied by `scale`. It writes with SQLAlchemy Core inserts in one transaction (ids
assigned here), which keeps scale 334 (100,000 members) to about a minute.
"""

from db.demo.fill import DemoRefused, fill_demo

__all__ = ["DemoRefused", "fill_demo"]
