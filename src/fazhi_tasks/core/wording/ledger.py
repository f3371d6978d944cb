"""The wording of the ``ledger`` room's messages: key → (zh, en), merged into the language table."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    "ledger.evidence_tampered": ("佐证材料 {sha}… 的文件内容与登记的哈希不符（存储的文件被改动过），不予提供",
                                 ("the evidence file {sha}… no longer matches its recorded hash (the stored file was "
                                  "changed): not served")),
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
    "ledger.pg_damaged": ("数据库报告数据损坏，{doing}未完成（{detail}）",
                          "the database reports damaged data: {doing} did not finish ({detail})"),
    "ledger.pg_full": (
        "数据库服务器磁盘或资源已满，{doing}未完成，账本保持原样（{detail}）",
        ("the database server is out of disk or resources: {doing} did not finish and the ledger is as it was "
         "({detail})")),
    "ledger.pg_locked": (
        "账本被锁定或等待超时，{doing}未完成，请稍后重试（{detail}）",
        "the ledger is locked or the wait timed out: {doing} did not finish; try again later ({detail})"),
    "ledger.pg_login_refused": (
        "数据库拒绝登录（用户名、密码或 pg_hba.conf），{doing}未完成（{detail}）",
        "the server refused the login (user, password or pg_hba.conf): {doing} did not finish ({detail})"),
    "ledger.pg_no_ledger": ("数据库中还没有账本，请先运行 fazhi-tasks ledger init --url …",
                            "the database holds no ledger yet: run fazhi-tasks ledger init --url … first"),
    "ledger.pg_no_ledger_detail": (
        "数据库中还没有账本，请先运行 fazhi-tasks ledger init --url …（{detail}）",
        "the database holds no ledger yet: run fazhi-tasks ledger init --url … first ({detail})"),
    "ledger.pg_no_server": (
        "无法连接数据库服务器（地址、端口，或服务器未运行），{doing}未完成（{detail}）",
        "the database server refused the connection (host, port, or not running): {doing} did not finish ({detail})"),
    "ledger.pg_not_granted": (
        "当前角色没有{doing}权限，请 法治办 用 fazhi-tasks ledger grant 授权（{detail}）",
        "this role may not do {doing}: ask the 法治办 to grant it with fazhi-tasks ledger grant ({detail})"),
    "ledger.pg_other_bureau": (
        ("本单位的角色只能读写本单位（{default_bureau}）的进展，不能读取“{bureau}”；汇总各单位请用只读角色（ledger "
         "grant --reader）"),
        ("a bureau's role reads and writes its own bureau's rows only ({default_bureau}), not {bureau}; read every "
         "bureau with a reader role (ledger grant --reader)")),
    "ledger.pg_own_bureau_only": (
        "本单位的角色只能写入本单位的进展，{doing}未完成（{detail}）",
        "a bureau's role writes its own bureau's updates only: {doing} did not finish ({detail})"),
    "ledger.pg_refused": ("账本拒绝了{doing}，未作任何改动（{detail}）",
                          "the ledger refused {doing}; nothing changed ({detail})"),
    "ledger.pg_several_bureaus": (
        ("共享账本中有多个单位的进展，各单位的任务编号可能相同：请用 --bureau 指明读取哪个单位（Ledger(url, "
         "bureau=…)），全市汇总请用 fazhi-tasks rollup"),
        ("the shared ledger holds several bureaus' updates, whose task ids may coincide: name the bureau to read "
         "with --bureau (Ledger(url, bureau=…)), or use fazhi-tasks rollup for the whole city")),
    "ledger.pg_shutting_down": (
        "数据库服务器正在关闭或重启，连接已断开，{doing}未完成；稍后重试不会重复记录（{detail}）",
        ("the database server is shutting down or restarting and the connection broke: {doing} did not finish; "
         "trying again later records nothing twice ({detail})")),
    "ledger.pg_standby": ("数据库只读（备库），{doing}未完成；报表仍可照常生成",
                          "the database is read-only (a standby): {doing} did not finish; reports still work"),
    "ledger.pg_timeout": ("等待超时（--timeout），{doing}未完成，请稍后重试（{detail}）",
                          "timed out (--timeout): {doing} did not finish; try again later ({detail})"),
    "ledger.pg_unknown_bureau": (
        "共享账本中没有单位“{bureau}”（未授权，也没有记录）{hint}；已授权的单位：{known}",
        "the shared ledger has no bureau {bureau} (no grant, no rows){hint}; granted bureaus: {known}"),
    "ledger.pg_unreachable": ("无法连接数据库或连接中断，{doing}未完成（{detail}）",
                              "cannot reach the database, or the connection broke: {doing} did not finish ({detail})"),
    "ledger.pg_evidence_hash": ("数据库存下的佐证材料校验值与文件不符（{sha}…），请重试；仍不符请联系数据库管理员",
                                ("the database stored the evidence under another hash than the file's ({sha}…): "
                                "try again, and ask the DBA when it persists")),
    "ledger.db_cannot_create": ("无法新建账本（{strerror}）", "cannot create the ledger ({strerror})"),
    "ledger.db_cannot_open": ("无法打开账本（{strerror}）", "cannot open the ledger ({strerror})"),
    "ledger.db_cannot_open_file": ("无法打开账本文件（{exc}）", "cannot open the ledger file ({exc})"),
    "ledger.db_damaged": ("账本文件已损坏或不是 fazhi_tasks 账本（{exc}），请从备份恢复",
                          "the ledger file is damaged or no fazhi_tasks ledger ({exc}); restore it from a backup"),
    "ledger.db_disk_full": (
        "磁盘已满，{doing}未完成，账本保持原样；请腾出磁盘空间后重试",
        "the disk is full: {doing} did not finish and the ledger is as it was; free some space and try again"),
    "ledger.db_empty_file": (
        "是空文件（0字节），不是账本；如要新建账本，请删除这个空文件或换一个文件名，第一次记录进展时会自动建立",
        ("an empty file (0 bytes), not a ledger; to start a new ledger, delete it or choose another name: the first "
         "update recorded creates it")),
    "ledger.db_folder": ("是文件夹，不是账本文件", "is a folder, not a ledger file"),
    "ledger.db_locked": (
        "账本被其他程序锁定，等待{timeout:g}秒后仍未释放，{doing}未完成，请稍后重试",
        "another program holds the ledger locked past {timeout:g} s: {doing} did not finish; try again later"),
    "ledger.db_newer": (
        "账本版本 {version} 比本程序支持的（{schema_version}）新，请升级 fazhi_tasks",
        "the ledger's version {version} is newer than this program's ({schema_version}); upgrade fazhi_tasks"),
    "ledger.db_no_folder": ("账本所在的文件夹 {parent} 不存在", "the folder {parent} does not exist"),
    "ledger.db_not_ledger": ("是{kind}，但不是 fazhi_tasks 账本，未作改动",
                             "{kind} but no fazhi_tasks ledger; left unchanged"),
    "ledger.db_old_read_only": (
        "账本版本（{version}）较旧，需要升级，但文件只读；请用有写权限的账户运行一次 fazhi-tasks",
        ("the ledger's version ({version}) needs an upgrade, but the file is read-only; run fazhi-tasks once as a "
         "user who may write it")),
    "ledger.db_read_only": ("账本文件只读，{doing}未完成；报表仍可照常生成",
                            "the ledger file is read-only: {doing} did not finish; reports still work"),
    "ledger.db_refused": ("账本拒绝了{doing}，未作任何改动（{exc}）",
                          "the ledger refused {doing}; nothing changed ({exc})"),
    "ledger.db_several_bureaus": (
        ("账本中有多个单位的进展，各单位的任务编号可能相同：请用 --bureau 指明读取哪个单位（Ledger(path, bureau=…)）"
         "，全市汇总请用 fazhi-tasks rollup"),
        ("the ledger holds several bureaus' updates, whose task ids may coincide: name the bureau to read with "
         "--bureau (Ledger(path, bureau=…)), or use fazhi-tasks rollup")),
    "ledger.pg_cannot_grant": ("不能授权角色 {role}：它{refusal}", "cannot grant the role {role}: it {refusal}"),
    "ledger.pg_init_needs_dba": (
        "ledger init 须由数据库管理员运行（超级用户，或有 CREATEROLE 权限的数据库属主），当前角色 {me} 不是",
        "ledger init is run by the DBA (a superuser, or the database's owner with CREATEROLE); {me} is neither"),
    "ledger.pg_newer": (
        "账本版本 {before} 比本程序支持的（{pg_schema_version}）新，请升级 fazhi_tasks",
        "the ledger's version {before} is newer than this program's ({pg_schema_version}): upgrade fazhi_tasks"),
    "ledger.pg_no_role": (
        "角色 {role} 不存在：请数据库管理员先建立（createuser --pwprompt {role}），再授权",
        "the role {role} does not exist: the DBA creates it first (createuser --pwprompt {role}), then grant it"),
    "ledger.pg_older": (
        "账本版本 {version} 较旧，请数据库管理员先运行 fazhi-tasks ledger init 升级",
        ("the ledger's version {version} is older than this program's: the DBA runs fazhi-tasks ledger init to "
         "upgrade it first")),
    "ledger.not_a_ledger_url": (
        ("不是账本的写法：共享账本写成 postgresql://角色@主机/数据库，SQLite 账本的文件名以 .db 或 .sqlite "
         "结尾（其他文件名写成 sqlite:///文件名）"),
        ("not a ledger: write the shared ledger as postgresql://role@host/database, and an SQLite ledger as a name "
         "ending .db or .sqlite (any other name as sqlite:///name)")),
    "ledger.what_account": ("账户", "account"),
    "ledger.what_evidence": ("佐证材料", "evidence"),
    "ledger.what_password": ("密码", "password"),
    "ledger.what_review": ("审核", "review"),
    "ledger.cannot_read_evidence": ("无法读取佐证材料（{strerror}）", "cannot read the evidence file ({strerror})"),
    "ledger.cannot_store_evidence": ("无法保存佐证材料（{strerror}），未作改动",
                                     "cannot store the evidence file ({strerror}); nothing changed"),
    "ledger.not_sha256": ("{sha256} 不是 SHA-256 哈希", "{sha256} is no SHA-256 hash"),
    "ledger.none": ("无", "none"),
    "ledger.db_empty_sqlite": ("一个空的 SQLite 数据库", "an empty SQLite database"),
    "ledger.db_sqlite_file": ("一个 SQLite 文件", "an SQLite file"),
}
