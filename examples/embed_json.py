"""Embedding fazhi_tasks in another bureau tool: rows from that tool's own database in, report JSON out.

The OA system here keeps tasks and progress in its own SQLite tables with its own column
names. The function below turns those rows into a Plan and Updates, and returns the weekly
report as JSON: no prints, no files, no global state.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import fazhi_tasks as ft


def report_json(db: sqlite3.Connection, week_ending: dt.date) -> str:
    """The weekly report of the plan kept in the OA database, as JSON text."""
    stages = [ft.Stage(n, name, dt.date.fromisoformat(a), dt.date.fromisoformat(b))
              for n, name, a, b in db.execute("SELECT seq, name, begins, ends FROM oa_phase ORDER BY seq")]
    tasks = [ft.Task(id=code, title=title, division=dept, stage=phase,
                     deadline=ft.parse_deadline(due, year=2021) if due else None,
                     prerequisites=[p for p in (after or "").split(",") if p])
             for code, title, dept, phase, due, after in db.execute(
                 "SELECT code, title, dept, phase, due, after FROM oa_task")]
    plan = ft.Plan(name="OA 示范创建任务", stages=stages, divisions=[], tasks=tasks)
    updates = [ft.Update(code, state, dt.date.fromisoformat(day), percent=pct)
               for code, state, day, pct in db.execute(
                   "SELECT task_code, state, reported_on, pct FROM oa_progress ORDER BY id")]
    return json.dumps(ft.weekly_report(plan, updates, week_ending).to_dict(), ensure_ascii=False)


def demo_database() -> sqlite3.Connection:
    """A tiny OA database with the shapes such a tool has."""
    db = sqlite3.connect(":memory:")
    db.executescript("""
        CREATE TABLE oa_phase (seq INTEGER, name TEXT, begins TEXT, ends TEXT);
        CREATE TABLE oa_task (code TEXT, title TEXT, dept TEXT, phase INTEGER, due TEXT, after TEXT);
        CREATE TABLE oa_progress (id INTEGER PRIMARY KEY, task_code TEXT, state TEXT, reported_on TEXT, pct INTEGER);
        INSERT INTO oa_phase VALUES (1, '对标自查', '2021-03-01', '2021-04-30'),
                                    (2, '整改提升', '2021-05-01', '2021-06-30');
        INSERT INTO oa_task VALUES
            ('A1', '梳理执法事项', '执法监督处', 1, '2021年3月底前', NULL),
            ('A2', '修订执法公示制度', '执法监督处', 1, '4月30日前', 'A1'),
            ('A3', '组织案卷评查', '政策法规处', 2, '2021-06-15', 'A2'),
            ('A4', '宣传月活动', '宣传教育处', 2, '长期坚持', NULL);
        INSERT INTO oa_progress (task_code, state, reported_on, pct) VALUES
            ('A1', 'done', '2021-03-26', 100), ('A2', '推进中', '2021-04-23', 40);
    """)
    return db


if __name__ == "__main__":
    data = json.loads(report_json(demo_database(), dt.date(2021, 5, 7)))
    print(data["headline"])
    print([(x["task_id"], x["root_causes"]) for x in data["overdue"] + data["blocked"]])
