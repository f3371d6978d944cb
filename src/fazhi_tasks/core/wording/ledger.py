"""The wording of the ``ledger`` room's messages: key → (zh, en), merged into the language table."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    "ledger.evidence_not_bytes": ("佐证材料应为字节串（bytes），收到的是 {data}", "evidence must be bytes, not {data}"),
    "ledger.needs_bureau": ("{path}：共享账本按单位分开记录，写入时须指明单位",
                            "{path}: a shared ledger keeps each bureau's records apart: name the bureau to write"),
    "ledger.needs_bureau_example": (
        ("{path}：共享账本按单位分开记录，写入时须指明单位：Ledger(url, bureau=\"金华市应急管理局\")，"
         "或用已授权（ledger grant）的单位角色登录"),
        ("{path}: a shared ledger keeps each bureau's records apart: name the bureau to write, Ledger(url, "
         "bureau=\"金华市应急管理局\"), or log in with a bureau's granted role")),
    "ledger.not_review": ("审核只接受 Review，收到的是 {review}", "a review must be a Review, not {review}"),
    "ledger.not_update": ("账本只接受进展记录（Update），收到的是 {update}",
                          "a ledger takes progress updates (Update), not {update}"),
    "ledger.read_only": (
        "{path}：账本以只读方式打开（文件或角色不可写），未写入{what}",
        "{path}: the ledger is open read-only (the file or the role may not write): no {what} was recorded"),
    "ledger.read_only_updates": (
        "{path}：账本以只读方式打开（文件或角色不可写），未写入任何进展；报表仍可照常生成",
        ("{path}: the ledger is open read-only (the file or the role may not write): no update was recorded; "
         "reports still work")),
    "ledger.unknown_task": ("任务编号 {task_id!r} 不在计划《{name}》中{hint}",
                            "the task {task_id!r} is not in the plan {name}{hint}"),
    "ledger.update_bad_field": ("任务 {task_id!r} 的进展记录中，{name}{what}；未写入任何进展",
                                "the update of task {task_id!r}: its {name} {what}; nothing was recorded"),
    "ledger.update_unknown_task": ("进展记录的任务编号 {task_id!r} 不在计划《{name}》中{hint}",
                                   "the update's task {task_id!r} is not in the plan {name}{hint}"),
    "ledger.bad_record": (
        "账本中有无法识别的记录（任务 {task_id}，状态 {status}），账本可能已损坏或被改动，请从备份恢复",
        ("the ledger holds a record it cannot read (task {task_id}, status {status}): it may be damaged or altered; "
         "restore it from a backup")),
    "ledger.bad_review": (
        ("账本中有无法识别的审核记录（任务 {task_id}，结论 {decision}，日期 {on}），账本可能已损坏或被改动，"
         "请从备份恢复"),
        ("the ledger holds a review it cannot read (task {task_id}, decision {decision}, date {on}): it may be "
         "damaged or altered; restore it from a backup")),
    "ledger.where_value": ("{where}：{value}", "{where}: {value}"),
    "ledger.bad_bureau_name": (
        "单位名称 {bureau} 不可用：须非空、不超过{bureau_chars}个字、首尾无空格、不含控制字符",
        ("the bureau name {bureau} cannot be used: it must be non-empty, at most {bureau_chars} characters, without "
         "spaces at either end or control characters")),
    "ledger.bad_role_name": (
        ("角色名 {role} 不可用：须非空、不超过{name_bytes}字节（UTF-8）、不含控制字符（PostgreSQL "
         "会把更长的名字截断，授权就落到另一个名字上）"),
        ("the role name {role} cannot be used: it must be non-empty, at most {name_bytes} bytes (UTF-8) and free of "
         "control characters (PostgreSQL cuts a longer name, and the grant would go to another name)")),
    "ledger.needs_psycopg": ("使用 PostgreSQL 共享账本需要 psycopg：pip install 'fazhi-tasks[postgres]'",
                             "a PostgreSQL ledger needs psycopg: pip install 'fazhi-tasks[postgres]'"),
    "ledger.bad_date": (
        "账本中有无法识别的日期 {on}（任务 {task_id}），账本可能已损坏或被改动，请从备份恢复",
        ("the ledger holds a date it cannot read, {on} (task {task_id}): it may be damaged or altered; restore it "
         "from a backup")),
}
