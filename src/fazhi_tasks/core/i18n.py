"""The language table: every label, kind name, status word and sentence the package shows, in zh and en.

Data classes hold values, never prose; whatever is shown to people is looked up here, in the language
asked for (Chinese by default). A key is a short English name; a template names its parameters. The messages of
each room (``io.*``, ``sheets.*``, ``ledger.*`` …) are written in :mod:`fazhi_tasks.core.wording` and merged in here,
each key once; ``Said.of(key, **params)`` gives an entry in both languages.

>>> text("overdue_n", "zh"), text("overdue_n", "en")
('逾期', 'Overdue')
>>> text("due_in", "zh", day=dt.date(2021, 6, 30))
'应于2021年6月30日前完成'
>>> numbered(11, "zh"), numbered(21, "zh"), numbered(3, "en")
('十一、', '二十一、', '3. ')
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from typing import Literal

import attrs

from fazhi_tasks.core.wording import ROOMS, merge

__all__ = ["LANGS", "Lang", "Phrase", "cn_date", "cn_number", "day", "join", "language", "month_day", "numbered",
           "paren", "text", "word"]

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
#: The language tags each language answers to (compared without case; ``_`` read as ``-``).
_TAGS: dict[str, Lang] = {"zh": "zh", "zh-cn": "zh", "zh-hans": "zh", "zh-hans-cn": "zh", "zh-sg": "zh",
                          "en": "en", "en-us": "en", "en-gb": "en"}


def language(tag: object) -> Lang | None:
    """The language a tag names (``zh-CN`` → ``zh``, ``EN-us`` → ``en``), or ``None`` when the table has none.

    >>> language("zh-Hans"), language("en_US"), language("fr")
    ('zh', 'en', None)
    """
    if tag in LANGS:
        return tag
    return _TAGS.get(tag.replace("_", "-").lower()) if isinstance(tag, str) else None

_OWN: dict[str, tuple[str, str]] = {
    # report titles and section titles
    "report": ("法治政府建设示范创建任务周报", "Weekly overdue report"),
    "report_week": ("法治政府建设示范创建任务周报（{start}至{end}）", "Weekly overdue report ({start} to {end})"),
    "divisions_chart": ("各处室完成率（红点：有逾期事项）", "Done % by division (red dot: has overdue tasks)"),
    "week": ("第{week}周（{start} 至 {end}）", "week {week} ({start} to {end})"),
    "none": ("（无）", "(none)"),
    "summary": ("总体情况", "Summary"),
    "overdue": ("逾期事项", "Overdue"),
    "resolved": ("本周办结的逾期事项", "Overdue resolved this week"),
    "completed": ("本周完成", "Completed this week"),
    "blocked": ("受阻任务", "Blocked"),
    "due": ("下周到期", "Due next week"),
    "divisions": ("处室情况", "By division"),
    "divisions_note": ("联合牵头的任务在每个牵头处室各计一次，各处室合计可能大于任务总数。",
                       "A jointly led task counts under each of its leads; the rows can sum past the total."),
    "rectification": ("问题和责任清单（限时整改）", "Rectification list"),
    "suspended": ("已暂缓任务", "Suspended"),
    "coverage": ("指标覆盖", "Indicator coverage"),
    "notes": ("说明", "Notes"),
    "phases": ("分阶段完成顺序", "Phased completion order"),
    "phases_title": ("{tasks}项任务，分{waves}个批次完成", "{tasks} {tasks|task|tasks} in {waves} {waves|wave|waves}"),
    "findings": ("计划检查意见", "Plan findings"),
    "findings_title": ("{tasks}项任务，计划检查发现{count}个问题",
                       "{tasks} {tasks|task|tasks}, {count} {count|finding|findings}"),
    "shortfalls": ("逾期短板", "Shortfalls"),
    "shortfalls_title": (("截至{day}：逾期{overdue}项，受阻{blocked}项，即将到期{due_soon}项，逾期完成{done_late}项，"
                         "已暂缓{suspended}项"),
                         ("As of {day}: {overdue} overdue, {blocked} blocked, {due_soon} due soon, "
                         "{done_late} done late, {suspended} suspended")),
    "rectify_title": ("问题和责任清单（截至{day}，共{count}项）",
                      "Rectification list as of {day}: {count} {count|item|items}"),
    "division_list": ("{division}（{count}项）", "{division} ({count})"),
    "read_summary": ("读取情况", "What was read"),
    "rs.file": ("文件", "File"),
    "rs.sheet": ("工作表", "Sheet"),
    "rs.header_row": ("表头行", "Header row"),
    "rs.rows": ("任务行", "Task rows"),
    "rs.blank": ("空行", "Blank rows"),
    "rs.sections": ("分节标题行", "Section rows"),
    "rs.title": ("表头上方的标题", "Title above the header"),
    "rs.column": ("列 {column}", "Column {column}"),
    "rs.hidden": ("隐藏列 {column}", "Hidden column {column}"),
    "rs.hidden_used": ("{header}：已读取（没有同一含义的可见列）",
                       "{header}: read (no visible column has its meaning)"),
    "rs.hidden_ignored": ("{header}：未读取，以同一含义的可见列为准",
                          "{header}: not read; the visible column of the same meaning is used"),
    "rs.ignored": ("未识别的列 {column}", "Unrecognised column {column}"),
    "rs.ignored_value": ("{header}：内容并入备注", "{header}: its text goes into the note"),
    "rs.progress": ("进展列 {column}", "Progress column {column}"),
    "rs.progress_value": ("{header}：未作为计划内容读取；用 fazhi-tasks import 计划表 --on 日期 导入为进展",
                          ("{header}: not read as plan content; import it as updates with "
                           "fazhi-tasks import PLAN --on DATE")),
    "rs.assumption": ("假设", "Assumption"),
    # issue 23: the rest of the read summary in check, and the progress file's read summary
    "rs.sheets": ("读取的工作表", "Sheets read"),
    "rs.sheet_skipped": ("未读取工作表“{sheet}”", "Sheet not read: {sheet}"),
    "rs.skipped": ("跳过{kind}", "Skipped: {kind}"),
    "rs.skipped_value": ("{count} 行：第 {rows} 行", "{count} rows: {rows}"),
    "rs.kind.heading": ("小标题行", "heading rows"),
    "rs.kind.footer": ("表尾行（合计、注、填表人等）", "footer rows (合计, 注, 填表人 …)"),
    "rs.kind.cancelled": ("已取消且未读作任务的行（编号重复或内容不全）",
                          "cancelled rows not read as tasks (a repeated id, or cells that do not read)"),
    "rs.kind.section": ("分节标题行（如“一、牵头任务”）", "section rows (一、牵头任务 …)"),
    "rs.kind.blank": ("空行或无人填报的行", "blank rows, or rows nobody filled in"),
    "rs.kind.superseded": ("被牵头处室同日报送取代的配合处室报送",
                           "supporting divisions' reports overruled by the lead's on the same day"),
    "rs.cancelled": ("标注已取消的任务（列为已取消，不计逾期）",
                     "Tasks marked cancelled (listed as cancelled, never overdue)"),
    "rs.divisions": ("处室（牵头任务数）", "Divisions (tasks led)"),
    "rs.stage": ("阶段 {number}", "Stage {number}"),
    "rs.inferred": ("（按时限推算）", " (worked out from the deadlines)"),
    "rs.no_deadline": ("没有完成时限的任务", "Tasks without a deadline"),
    "rs.hidden_rows": ("隐藏行（已照常读取）", "Hidden rows (read like the others)"),
    "rs.filtered": ("工作表“{sheet}”设有筛选", "Sheet {sheet} has a filter"),
    "rs.filtered_value": ("已读取全部行，而不只是筛选后显示的行",
                          "every row was read, not only those the filter shows"),
    "rs.readings": ("按常见写法读取", "Safe readings"),
    "rs.sender": ("报送处室", "Sent by"),
    "rs.updates": ("进展条数", "Updates"),
    # column labels
    "stage": ("阶段", "Stage"),
    "wave": ("批次", "Wave"),
    "total": ("任务数", "Tasks"),
    "done": ("已完成", "Done"),
    "in_progress": ("推进中", "In progress"),
    "not_started": ("未启动", "Not started"),
    "suspended_n": ("已暂缓", "Suspended"),
    "overdue_n": ("逾期", "Overdue"),
    "blocked_n": ("受阻", "Blocked"),
    "due_n": ("下周到期", "Due next week"),
    "rate": ("完成率", "Done %"),
    "id": ("编号", "ID"),
    "title": ("任务名称", "Task"),
    "division": ("牵头处室", "Lead division"),
    "deadline": ("完成时限", "Deadline"),
    "original_deadline": ("原定时限", "Original deadline"),
    "days": ("逾期天数", "Days late"),
    "workdays": ("逾期工作日", "Working days late"),
    "weeks": ("逾期周数", "Weeks late"),
    "holds_up": ("影响任务", "Holds up"),
    "root_causes": ("根源任务", "Root causes"),
    "new": ("本周新增", "New"),
    "yes": ("是", "yes"),
    "no_word": ("否", "no"),
    "status": ("状态", "Status"),
    "date": ("日期", "Date"),
    "late": ("逾期完成", "Done late"),
    "left": ("剩余工作日", "Working days left"),
    "no": ("序号", "No."),
    "problem": ("问题", "Problem"),
    "resp": ("责任处室", "Responsible"),
    "supporting": ("配合处室", "Supporting"),
    "owner": ("责任人", "Owner"),
    "measure": ("整改措施", "Measure"),
    "limit": ("整改时限", "Time limit"),
    "limit_adjusted": ("调整", "Moved"),
    "level": ("督办等级", "Level"),
    "progress": ("完成情况", "Progress"),
    "indicator": ("指标", "Indicator"),
    "name": ("名称", "Name"),
    "division_h": ("处室", "Division"),
    "kind": ("类型", "Kind"),
    "tasks": ("任务", "Tasks"),
    "message": ("说明", "Message"),
    "item": ("项目", "Item"),
    "content": ("内容", "Content"),
    "series": ("每周累计完成任务数", "Tasks done by week"),
    "has_overdue": ("有逾期事项", "has overdue tasks"),
    "all": ("合计", "Total"),
    # kinds, statuses, levels
    "kind.overdue": ("逾期", "overdue"),
    "kind.blocked": ("受阻", "blocked"),
    "kind.due_soon": ("即将到期", "due soon"),
    "kind.done_late": ("逾期完成", "done late"),
    "kind.due_before_prerequisite": ("早于前置任务到期", "due before a prerequisite"),
    "kind.outside_stage": ("时限超出阶段", "deadline outside its stage"),
    "kind.latest_finish_before_deadline": ("倒排工期不足", "latest finish before deadline"),
    "status.未启动": ("未启动", "not started"),
    "status.推进中": ("推进中", "in progress"),
    "status.已完成": ("已完成", "done"),
    "status.已暂缓": ("已暂缓", "suspended"),
    "status.已取消": ("已取消", "cancelled"),
    "cancelled": ("已取消的任务", "Cancelled"),
    "note.cancelled": ("已取消{count}项任务，不计入完成率和逾期：{ids}",
                       "{count} {count|task|tasks} cancelled, not counted in the rate or as overdue: {ids}"),
    "level.蓝": ("蓝", "blue"),
    "level.黄": ("黄", "yellow"),
    "level.红": ("红", "red"),
    # sentences
    "headline": (("共{total}项任务，截至{day}，已完成{done}项，占{rate}；推进中{in_progress}项，未启动{not_started}项，"
                 "已暂缓{suspended}项；逾期{overdue}项（本周新增{new}项），受阻{blocked}项；本周完成{completed}项，"
                 "逾期事项办结{resolved}项；下周到期{due}项。"),
                 ("{total} {total|task|tasks}; as of {day}, {done} done ({rate}), {in_progress} in progress, "
                 "{not_started} not started, {suspended} suspended; {overdue} overdue ({new} new this week), "
                 "{blocked} blocked; this week {completed} completed and {resolved} overdue resolved; "
                 "{due} due next week.")),
    "due_in": ("应于{day}前完成", "due {day}"),
    "problem.late": ("{id} {title}：应于{deadline}前完成，已逾期{days}天（{workdays}个工作日）",
                     "{id} {title}: due {deadline}, {days} {days|day|days} ({workdays} working days) overdue"),
    "problem.holds_up": ("，影响后续{count}项任务", "; holds up {count} {count|task|tasks}"),
    "problem.held_by": ("；受前置任务{causes}逾期影响", "; held up by {causes}"),
    "measure.root": ("会同{leads}督促前置任务{causes}限时完成，", "with {leads}, press for {causes} to be finished, "),
    "measure.urge": ("督促前置任务{causes}限时完成，", "press for {causes} to be finished, "),
    "measure.plan": ("制定整改计划，倒排工期，", "draw up a rectification plan with a reverse schedule, "),
    "measure.plan_owner": ("由{owner}牵头制定整改计划，倒排工期，",
                           "{owner} draws up a rectification plan with a reverse schedule, "),
    "measure.plan_noowner": ("制定整改计划，明确责任人，倒排工期，",
                             "draw up a rectification plan, name who is responsible, schedule backwards, "),
    "measure.finish": ("于{limit}前完成", "finish by {limit}"),
    "measure.evidence": ("并报送佐证材料（{deliverable}）", " and hand in the evidence ({deliverable})"),
    "measure.report": ("并报送整改情况", " and report on the rectification"),
    "measure.notify": ("；完成后及时通知后续任务责任处室", "; when done, tell the divisions of the tasks that follow"),
    "progress.none": ("未启动（无进展报送）", "not started (no progress reported)"),
    "finding.outside_stage": ("{id}：完成时限{deadline}超出第{stage}阶段“{stage_name}”（{start}至{end}）",
                              "{id}: deadline {deadline} is outside stage {stage} {stage_name} ({start} … {end})"),
    "finding.due_before_prerequisite": ("{id}：完成时限{deadline}早于其前置任务{other}的完成时限{other_deadline}",
                                        "{id}: due {deadline}, before its prerequisite {other} (due {other_deadline})"),
    "finding.latest_finish": (("{id}：须在{latest}前完成，{other}（{effort}个工作日）才能在{other_deadline}前完成，"
                              "但其完成时限为{deadline}"),
                              ("{id}: must finish by {latest} so that {other} ({effort} working days) can meet its "
                              "deadline {other_deadline}, but is due {deadline}")),
    "finding.latest_finish_open": (("{id}：须在{latest}前完成，{other}（{effort}个工作日）及其后续任务才能按期完成，"
                                   "但其完成时限为{deadline}"),
                                   ("{id}: must finish by {latest} so that {other} ({effort} working days) and what "
                                   "follows can, but is due {deadline}")),
    "note.weekdays": ("{year}年及以后的日期按周一至周五推算（国务院{year}年节假日安排尚未载入，可用 --calendar 提供）",
                      ("dates from {year} on are counted Monday to Friday (the State Council's {year} holiday "
                       "schedule is not loaded yet; supply it with --calendar)")),
    "note.weekdays_doc": ("{year}年及以后的日期暂按周一至周五推算（国务院{year}年节假日安排尚未载入）",
                          ("dates from {year} on are counted Monday to Friday for now (the State Council's {year} "
                           "holiday schedule is not loaded yet)")),
    "note.weekdays_before": ("{year}年及以前的日期按周一至周五推算（没有官方节假日数据）",
                             "dates in {year} and before are counted Monday to Friday (no official holiday data)"),
    "note.no_progress": ("截至{day}，账本中没有本计划的进展记录，各项任务均按未启动统计",
                         "up to {day} the ledger holds no progress for this plan's tasks: every task is not started"),
    "note.unknown_ids": ("进展记录中有{count}条所报任务编号不在计划中，未计入：{ids}",
                         "{count} progress updates name task ids the plan does not have and were left out: {ids}"),
    "more": ("等{count}项", "and {count} more"),
    # command-line messages
    "cli.recorded": ("已记录：{id} {status} {day}（账本共{count}条）",
                     "recorded: {id} {status} {day} ({count} {count|update|updates} in ledger)"),
    "cli.imported": ("已导入{count}条进展{skipped}（账本共{total}条）",
                     "imported {count} {count|update|updates}{skipped} ({total} in ledger)"),
    "cli.skipped": ("；{count}条已存在，未重复导入", "; {count} already there, not imported again"),
    "cli.ledger_migrated": ("共享账本已就绪：版本 {before} → {after}",
                            "shared ledger ready: version {before} → {after}"),
    "cli.ledger_current": ("共享账本已是最新版本（{after}），未作改动",
                           "shared ledger already at version {after}; nothing changed"),
    "cli.ledger_created": ("已新建空账本：{path}", "created an empty ledger: {path}"),
    "cli.ledger_exists": ("账本已存在（版本 {after}），未作改动：{path}",
                          "the ledger exists (version {after}); left as it is: {path}"),
    "cli.granted_reader": ("已授权：{role} 只读全部单位", "granted: {role} reads every bureau"),
    "cli.granted_bureau": ("已授权：{role} 写入和读取“{bureau}”的进展",
                           "granted: {role} writes and reads the rows of {bureau}"),
    "cli.new_role": ("（新建角色，请为其设置密码）", " (new role: set its password)"),
    # the ledger's hash chain and its guards (issue 26)
    "cli.chain_head": ("{bureau}：{count}条，链头 {head}", "{bureau}: {count} rows, head {head}"),
    "cli.chain_ok": ("校验通过：{rows}条记录的哈希链完整；请保存以上链头，日后对比",
                     "verified: the hash chain of {rows} rows holds; keep the heads above to compare later"),
    "cli.chain_broken": ("校验未通过：{bureau}的哈希链自第{chain_no}条（seq {seq}）起断开：{reason}",
                         ("verification failed: the hash chain of {bureau} breaks at row {chain_no} (seq {seq}): "
                          "{reason}")),
    "chain.hash": ("该条记录的内容、时间或写入人被改动", "the row's content, time or writer was changed"),
    "chain.link": ("该条之前的记录被改动、删除或插入", "a row before it was changed, removed or inserted"),
    "chain.gap": ("记录编号缺失或重复（记录被删除或插入）",
                  "a row number is missing or repeated (rows removed or added)"),
    "chain.no_bureau": ("（无单位）", "(no bureau)"),
    "cli.admin_granted": ("{role} 为账本管理员：只能授权和撤销单位角色、只读角色",
                          ("{role} is the ledger's admin: it may grant and revoke bureau and reader roles, nothing "
                           "else")),
    "note.chain_broken": (("注意：账本的哈希链自{bureau}第{chain_no}条记录（seq {seq}）起断开，"
                           "本报表所依据的记录可能已被改动；请运行 fazhi-tasks ledger verify 核查"),
                          ("Warning: the ledger's hash chain breaks at row {chain_no} (seq {seq}) of {bureau}: the "
                           "records this report rests on may have been altered; run fazhi-tasks ledger verify")),
    "note.chain_unverified": (("账本记录超过{limit}条，本报表未随附校验哈希链；请定期运行 fazhi-tasks ledger verify "
                               "并保存其链头"),
                              ("the ledger holds more than {limit} rows, so this report did not check its hash chain; "
                               "run fazhi-tasks ledger verify regularly and keep its heads")),
    "cli.revoked": ("已撤销 {role} 的授权（其已记录的进展保留）", "revoked {role} (its recorded updates stay)"),
    "cli.revoked_none": ("{role} 没有授权，未作改动", "{role} had no grant; nothing changed"),
    "grant.role": ("角色", "Role"),
    "grant.kind": ("权限", "Rights"),
    "grant.writer": ("写入和读取本单位", "writes and reads its bureau"),
    "grant.reader": ("只读全部单位", "reads every bureau"),
    "grant.admin": ("管理员（授权、撤销）", "admin (grants, revokes)"),
    "err.grant_needs_url": ("ledger {action} 只用于共享账本：--url postgresql://…",
                            "ledger {action} is for the shared ledger only: --url postgresql://…"),
    "err.admin_needs_url": ("--admin 只用于共享账本（ledger init --url postgresql://…）",
                            "--admin is for the shared ledger only (ledger init --url postgresql://…)"),
    "note.rollup_without_updates": (("以下单位有计划文件，但账本中截至当日没有任何进展记录"
                                     "（完成率0%是未报送，不是实测；请核对文件名是否与授权的单位名称一致）：{names}"),
                                    ("these bureaus have a plan file but no update in the ledger as of the date "
                                     "(their 0% means nothing was reported; check the file name against the granted "
                                     "bureau name): {names}")),
    "err.ledger_needs_url": ("ledger 命令需要账本：--ledger 路径.db（本局的 SQLite 账本）或 --url postgresql://…（共享账本）",
                             ("ledger needs a ledger: --ledger PATH.db (a bureau's SQLite file) or --url "
                              "postgresql://… (the shared ledger)")),
    "err.grant_needs": ("授权须给出 --role 角色名，以及 --bureau 单位名称（写本单位进展）或 --reader（只读全部单位）",
                        "grant needs --role and either --bureau (write that bureau's rows) or --reader (read all)"),
    "err.rollup_needs": ("rollup 需要 --url（共享账本）和 --plans（各单位计划文件所在的文件夹，文件名即单位名称）",
                         ("rollup needs --url (the shared ledger) and --plans (a folder of plan files named after "
                         "their bureaus)")),
    "err.no_ledger_file": (("账本文件不存在；新建空账本请运行 fazhi-tasks ledger init --ledger {path}"
                            "（record 或 import 第一次写入时也会建立）"),
                           ("the ledger file does not exist; create an empty one with fazhi-tasks ledger init --ledger "
                            "{path} (the first record or import creates it too)")),
    "rollup": ("全市汇总", "City rollup"),
    "signed_on": ("{day}", "{day}"),
    "masthead": ("{title} · {issue} · {issuer}", "{title} · {issue} · {issuer}"),
    "issue_no": ("第{n}期", "No. {n}"),
    "default_issuer": ("法治政府建设示范创建工作领导小组办公室",
                       "Office of the Leading Group for the Rule-of-Law Demonstration"),
    "default_title": ("法治政府建设示范创建督办通报", "Rule-of-law demonstration supervision bulletin"),
    "said": ("{text}", "{text}"),
    "contact": ("联系人：{value}", "contact: {value}"),
    "phone": ("联系电话：{value}", "phone: {value}"),
    "contact_line": ("（{parts}）", "({parts})"),
    "calendar.title": ("{year}年工作日历", "Working-day calendar {year}"),
    "calendar.source.official": ("来源：官方数据（{origin}）", "Source: official data ({origin})"),
    "calendar.source.supplied": ("来源：提供的节假日安排（{origin}）", "Source: supplied schedule ({origin})"),
    "calendar.source.fallback": ("来源：无官方节假日数据，按周一至周五计算（国务院公布安排后，用 --calendar 文件提供）",
                                 ("Source: no official data, Monday–Friday counted (supply the schedule with "
                                 "--calendar FILE)")),
    "calendar.source.none": ("来源：无数据", "Source: no data"),
    "calendar.holidays": ("放假：{days}（共{count}天）", "Holidays: {days} ({count} {count|day|days})"),
    "calendar.workdays": ("调休上班：{days}", "Make-up working days: {days}"),
    "calendar.local": ("本地休息日：{off}；本地工作日：{on}", "Local days off: {off}; local working days: {on}"),
    "calendar.months": ("各月工作日", "Working days by month"),
    "calendar.month": ("{month}月", "month {month}"),
    "calendar.year_total": ("全年", "Year"),
    "calendar.month_h": ("月份", "Month"),
    "calendar.workdays_h": ("工作日", "Working days"),
    "forecast": ("进度预测", "Recovery forecast"),
    "forecast_lead": (("截至{day}，在办任务{open}项，按计划进度推算预计逾期{late}项；{stages}个阶段的结束时间将滞后，"
                      "{broken}项整改时限难以保证。"),
                      ("As of {day}, {open} open tasks; at the planned pace {late} will finish late, {stages} stage "
                      "ends will slip and {broken} rectification time limits cannot hold.")),
    "stage_outlook": ("阶段展望", "Stage outlook"),
    "sheet.forecast.stages": ("进度预测-阶段展望", "Forecast - stages"),
    "sheet.forecast.slipping": ("进度预测-预计逾期任务", "Forecast - late tasks"),
    "sheet.forecast.commitments": ("进度预测-整改时限", "Forecast - time limits"),
    "sheet.slipping": ("预计逾期任务及建议时限", "Late tasks"),
    "sheet.commitments": ("整改时限能否保证", "Time limits at risk"),
    "sheet.resolved": ("本周办结的逾期事项", "Overdue resolved"),
    "forecast.stages": ("进度预测：阶段展望", "Forecast: stage outlook"),
    "forecast.slipping": ("进度预测：预计逾期任务及建议时限", "Forecast: tasks projected late, proposed deadlines"),
    "forecast.commitments": ("进度预测：整改时限能否保证", "Forecast: can the rectification time limits hold"),
    "slipping": ("预计逾期任务及建议时限", "Tasks projected late, with proposed deadlines"),
    "projected": ("在办任务预测", "Open tasks, projected"),
    "commitments": ("整改时限能否保证", "Can the rectification time limits hold"),
    "latest_finish": ("预计最晚完成", "Latest projected finish"),
    "stage_end": ("阶段截止", "Stage end"),
    "slip": ("滞后工作日", "Working days late"),
    "open": ("在办", "Open"),
    "late_n": ("预计逾期", "Projected late"),
    "projected_finish": ("预计完成", "Projected finish"),
    "proposed_deadline": ("建议时限", "Proposed deadline"),
    "waits_for": ("待定前置任务", "Waits for"),
    "holds": ("能按期", "Holds"),
    "chart.plan_vs_actual": ("计划与实际累计完成", "Planned versus actual completions"),
    "chart.gantt": ("进度甘特图", "Gantt chart"),
    "rollup_title": ("截至{day}，{count}个单位", "as of {day}, {count} {count|bureau|bureaus}"),
    "bureau": ("单位", "Bureau"),
    "oldest_overdue": ("逾期最久", "Longest overdue"),
    "note.rollup_unknown": ("{bureau} 的账本中有计划里没有的任务编号：{ids}",
                            "{bureau} has ledger updates for ids its plan lacks: {ids}"),
    "note.rollup_without_plan": ("以下单位在账本中有进展，但没有计划文件：{names}",
                                 "bureaus with updates but no plan file: {names}"),
    "cli.notices": ("已生成督办通知单：{path}（{count}个文件）",
                    "wrote the notices: {path} ({count} {count|file|files})"),
    "err.notices_needs": ("notices 需要 -o 路径.docx（一个文件）或 --split 文件夹（每个处室一个文件），二选一",
                          "notices needs either -o PATH.docx (one document) or --split DIR (a file per division)"),
    "cli.progress_template": ("已生成进展报送表（{count}项任务）：{path}",
                              "wrote a progress template ({count} {count|task|tasks}): {path}"),
    "cli.exported": ("已导出{count}项任务：{path}", "exported {count} {count|task|tasks}: {path}"),
    "cli.settings_not_in_csv": (("注意：CSV 不保存通报设置（发文单位、期号、抄送等），未写入；"
                                 "需要时请导出为 .xlsx、.toml 或 .json"),
                                ("note: a CSV cannot hold the report settings (issuer, issue number, cc, …): they "
                                 "were left out; export to .xlsx, .toml or .json to keep them")),
    "cli.template": ("已生成空白任务表：{path}", "wrote an empty plan sheet: {path}"),
    "cli.written": ("已写入：{path}", "written: {path}"),
    # error locations and reasons
    "at.file": ("{path}", "{path}"),
    "at.sheet": ("工作表“{sheet}”", "sheet {sheet}"),
    "at.line": ("第{line}行", "line {line}"),
    "at.row": ("第{line}行", "row {line}"),
    "at.column": ("“{column}”列", "column {column}"),
    "at.task": ("任务 {task}", "task {task}"),
    "at.field": ("字段 {field}", "field {field}"),
    "at.value": ("值 {value}", "value {value}"),
    "at.option": ("选项 {option}", "option {option}"),
    "err.option_value": ("{value} 不可用：{why}", "{value} is not allowed: {why}"),
    "err.whole_number": ("应为整数", "must be a whole number"),
    "err.at_least": ("应为不小于{least}的整数", "must be a whole number ≥ {least}"),
    "err.not_date": ("不是日期；日期请写成 2021-06-30 或 2021年6月30日", "is not a date; write 2021-06-30"),
    "err.format_suffix": ("--format {fmt} 与输出文件 {path} 的扩展名不符（应为 {suffix}）",
                          "--format {fmt} does not match the output file {path} (expected {suffix})"),
    "err.unknown_suffix": ("无法从扩展名判断输出格式：{path}（可用 {suffixes}，或加 --format）",
                           "cannot tell the output format from {path} (use {suffixes}, or give --format)"),
    "err.binary_needs_file": ("--format {fmt} 需要用 -o 指定输出文件（如 -o 报告.{fmt}）",
                              "--format {fmt} needs -o PATH.{fmt}"),
    "err.needs_ledger": ("“{command}”需要写入进展账本：请加 --ledger 路径.db",
                         "'{command}' writes into a ledger file: give --ledger PATH.db"),
    "err.export_needs_output": ("export 需要 -o 路径（.toml、.json、.csv 或 .xlsx）",
                                "export needs -o PATH (.toml, .json, .csv or .xlsx)"),
    "err.time_limit": ("整改时限应为不小于0的工作日数，收到 {value}",
                       "time_limit_workdays must be ≥ 0, got {value}"),
    "err.levels": ("督办等级阈值须满足 1 ≤ 黄 ≤ 红，收到 {yellow} 和 {red}",
                   "levels: need 1 ≤ yellow_from ≤ red_from, got {yellow} and {red}"),
    "err.shortfalls_other": ("所给短板分析属于{their}，与本次（{ours}）不符",
                             "the shortfalls given were computed for {their}, not for {ours}"),
    "err.interrupted": ("已中断", "interrupted"),
    "hint.beyond": (("；请用 --calendar 文件提供{year}年的节假日安排（[calendar.{year}]），"
                     "或加 --beyond weekdays 按周一至周五推算"),
                    ("; supply the {year} schedule with --calendar FILE ([calendar.{year}]), or use --beyond "
                     "weekdays to count Monday–Friday")),
    "hint.beyond_library": (("；请提供{year}年的官方节假日安排（[calendar.{year}]），"
                             "或传 beyond=\"weekdays\" 按周一至周五推算"),
                            ("; supply the {year} official schedule ([calendar.{year}]) or pass beyond='weekdays' "
                             "to count Monday–Friday there")),
    "err.beyond_calendar": ("{date} 超出官方节假日数据范围（{first} 至 {last}）{hint}",
                            "{date} is beyond the official working-day calendar data ({first} … {last}){hint}"),
    "err.beyond_calendar_add": ("{date} 加 {n} 个工作日超出官方节假日数据范围（{first} 至 {last}）{hint}",
                                ("{date} + {n} working days is beyond the official working-day calendar data "
                                "({first} … {last}){hint}")),
    "err.no_calendar_year": ("{date_year}年没有官方节假日数据（已有 {first} 至 {last}）{hint}",
                             "no official holiday data for {date_year} (the data covers {first} … {last}){hint}"),
    "hint.did_you_mean": ("；是否应为“{name}”？", "; did you mean {name!r}?"),
    "err.cycle": ("前置任务形成循环：{cycle}", "dependency cycle: {cycle}"),
    "err.empty_text": ("不能为空（收到 {value!r}）", "{value!r} must be non-empty text"),
    "err.not_date_value": ("{value!r} 不是日期", "{value!r} is not a date (datetime.date or None)"),
    # issue 28: untrusted input (one block)
    "err.date_range": ("{value} 超出可用的日期范围（{first} 至 {last}）",
                       "{value} is outside the dates this package works with ({first} to {last})"),
    "err.not_utf8_argument": ("命令行参数 {arg} 含有不是 UTF-8 的字节；请用 UTF-8 编码输入（文件名也请改为 UTF-8）",
                              ("the argument {arg} holds bytes that are not UTF-8; type it in UTF-8 (rename such "
                               "a file in UTF-8 too)")),
    "err.stage_number": ("阶段编号 {value!r} 应为不小于1的整数", "stage number {value!r} must be a whole number ≥ 1"),
    "err.stage_end": ("结束日期{end}早于开始日期{start}", "end {end} is before its start {start}"),
    "err.already_lead": ("“{name}”已是牵头处室", "{name!r} is already a lead division"),
    "err.self_dependency": ("任务 {id} 不能以自身为前置任务", "{id!r} cannot depend on itself"),
    "err.effort": ("工作量 {value!r} 应为不小于0的整数（工作日）",
                   "{value!r} must be a whole number of working days ≥ 0"),
    "err.stage_ref": ("{value!r} 不是阶段编号或名称", "{value!r} is not a stage number or name"),
    "err.status": ("{value!r} 不是状态（可写：{accepted}）", "{value!r} is not a status (accepted: {accepted})"),
    "err.percent": ("完成百分比 {value} 不是0–100的整数（完成进度请写整数，如 80 或 80%）",
                    "percent {value} must be a whole number 0–100 (write e.g. 80 or 80%)"),
    "err.not_task": ("计划的任务须为 Task 对象，收到 {value!r}", "plan tasks must be Task objects, got {value!r}"),
    "err.duplicate_id": ("编号 {id!r} 被多个任务使用", "{id!r} is used by more than one task"),
    "err.duplicate_stage": ("阶段编号 {number} 被多个阶段使用", "stage number {number} is used by more than one stage"),
    "err.duplicate_division": ("处室“{name}”重复列出", "division {name!r} is listed more than once"),
    "err.unknown_stage": ("{value!r} 不是计划中的阶段{hint}", "{value!r} is not a stage of the plan{hint}"),
    "err.unknown_stage_number": ("{value!r} 不是计划中的阶段（现有阶段：{known}）",
                                 "{value!r} is not a stage of the plan (stages: {known})"),
    "err.unknown_division": ("“{value}”不是计划中的处室{hint}", "{value!r} is not a division of the plan{hint}"),
    "err.unknown_task": ("{value!r} 不是计划中的任务{hint}", "{value!r} is not a task of the plan{hint}"),
    "err.not_in_plan": ("{value!r} 不是计划“{plan}”中的任务{hint}", "{value!r} is not a task of plan {plan!r}{hint}"),
    "err.no_stage": ("计划“{plan}”没有阶段 {value!r}", "plan {plan!r} has no stage {value!r}"),
    "err.stage_order": (("第{number}阶段“{name}”（{start}至{end}）不在第{prev}阶段“{prev_name}”"
                         "（{prev_start}至{prev_end}）之后；各阶段时间须按顺序排列"),
                        ("stage {number} {name} ({start} … {end}) is not after stage {prev} {prev_name} "
                        "({prev_start} … {prev_end}); stage windows must be in order")),
    "err.render_what": ("无法呈现 {type}：可呈现周报、问题清单、整改清单、进度预测、全市汇总和计划检查结果",
                        ("cannot render a {type}: render a weekly report, shortfalls, a rectification list, "
                         "a forecast, a rollup or a plan check")),
    "err.render_needs_plan": ("这份结果没有记下它的计划，无法呈现；请用 fazhi_tasks 的函数（forecast、check_plan）生成",
                              ("this result does not keep its plan, so it cannot be rendered; make it with "
                               "fazhi_tasks' functions (forecast, check_plan)")),
    "err.word_chinese_only": ("督办通报（Word）只有中文版；英文请用 html、xlsx 或 markdown 格式",
                              "the Word 督办通报 is written in Chinese only; for English use html, xlsx or markdown"),
    "err.source_needs_name": (("以字节或文件对象提供文件时，须用 name= 给出文件名（如 name=\"进展.xlsx\"），"
                               "扩展名决定格式"),
                              ("a file given as bytes or a file object needs name= (such as name=\"updates.xlsx\"); "
                               "its suffix picks the format")),
    "err.source_type": ("应为文件路径、bytes 或以二进制方式打开的文件对象，而不是 {type}",
                        "expected a path, bytes or a binary file object, not {type}"),
    "err.source_text_mode": ("文件对象须以二进制方式打开（open(..., \"rb\")）",
                             "open the file object in binary mode (open(..., \"rb\"))"),
    "err.rollup_plans": ("plans 应为 单位 → 计划 的映射，而不是 {type}（文件夹请用 fazhi_tasks.rollup）",
                         "plans must map bureau → plan, not {type} (for a folder use fazhi_tasks.rollup)"),
    "err.split_needs_folder": ("split=True 需要一个文件夹路径（每个处室一个文件），不能写入文件对象",
                               "split=True needs a folder (a file per division), not a file object"),
    # punctuation between the parts of a sentence, as each language writes it
    "sep.list": ("、", ", "),
    "sep.clause": ("；", "; "),
    "sep.place": ("，", ", "),
    "sep.colon": ("：", ": "),
    "paren": ("（{inner}）", " ({inner})"),
    "quoted": ("“{value}”", '"{value}"'),
    "span": ("{start}–{end}", "{start}…{end}"),
    "cli.error_label": ("错误", "error"),
    "rollup.oldest_item": ("{id} {title}（{days}天）", "{id} {title} ({days} {days|day|days})"),
    # chart labels (the SVG pictures)
    "svg.stage_head": ("第{n}阶段 {name}", "Stage {n} {name}"),
    "svg.stage_late": ("阶段结束预计延至{day}（滞后{slip}个工作日）",
                       "stage end projected {day} ({slip} working {slip|day|days} late)"),
    "svg.stage_window": ("{start}至{end}", "{start} … {end}"),
    "svg.pva": ("计划与实际完成情况（累计任务数）", "Planned and actual completions (cumulative tasks)"),
    "svg.planned": ("计划完成（按完成时限）", "Planned (by deadline)"),
    "svg.actual": ("实际完成", "Actually done"),
    "svg.projected": ("预测完成", "Forecast"),
    "svg.behind": ("落后计划{n}项", "{n} {n|task|tasks} behind plan"),
    "svg.ahead": ("超前计划{n}项", "{n} {n|task|tasks} ahead of plan"),
    "svg.on_plan": ("与计划持平", "on plan"),
    "svg.today": ("报告日 {d}", "report date {d}"),
    "svg.tasks": ("任务数", "tasks"),
    "svg.gantt": ("进度预测甘特图", "Forecast Gantt chart"),
    "svg.window": ("计划工期", "planned window"),
    "svg.holds": ("预计按期完成", "projected, on time"),
    "svg.slips": ("预计逾期", "projected, late"),
    "svg.deadline": ("完成时限", "deadline"),
    "svg.done": ("已完成", "done"),
    "svg.suspended": ("已暂缓", "suspended"),
    "svg.row": ("{id} {title}：时限{deadline}", "{id} {title}: due {deadline}"),
    "svg.row_fc": ("，预计{finish}完成，滞后{slip}个工作日",
                   ", projected {finish}, {slip} working {slip|day|days} late"),
    "svg.row_ok": ("，预计{finish}完成", ", projected {finish}"),
    "svg.group": ("{division}（{n}项，滞后{late}项）", "{division} ({n} {n|task|tasks}, {late} late)"),
    "svg.more": ("另有{n}行未显示", "{n} more {n|row|rows} not shown"),
    "svg.aggregated": ("共{n}项任务，按处室汇总", "{n} {n|task|tasks}, one row per division"),
    "svg.month": ("{m}月", "{mon}"),
    "svg.year": ("{y}年{m}月", "{mon} {y}"),
    "err.lang": ("不支持的语言 {value!r}：可用 zh（zh-CN、zh-Hans）或 en（en-US）",
                 "unsupported language {value!r}: use zh (zh-CN, zh-Hans) or en (en-US)"),
    "err.later_stage": (("任务 {id}（第{stage}阶段）依赖后续阶段的任务 {other}（第{other_stage}阶段）；"
                         "前置任务须在同一或更早阶段"),
                        ("task {id} (stage {stage}) depends on {other} of a later stage (stage {other_stage}); a "
                        "prerequisite must be in the same or an earlier stage")),
    # issue 25: review (审核、销号、退回), accounts and evidence (one block)
    "pending": ("待审核事项", "Awaiting review"),
    "pending_note": ("以下任务已报送完成，待法治办审核销号，暂按推进中统计。",
                     "These tasks were reported done and await the office's review; they count as in progress."),
    "reported_on": ("报送完成日期", "Reported done on"),
    "review.pending_note": ("待审核", "awaiting review"),
    "review.returned_note": ("已退回：{reason}", "returned: {reason}"),
    "decision.pass": ("销号", "passed"),
    "decision.return": ("退回", "returned"),
    "role.division": ("处室", "division"),
    "role.office": ("法治办", "office"),
    "role.director": ("局领导", "director"),
    "err.review_decision": ("审核结论 {value!r} 无法识别：应为 pass（销号）或 return（退回）",
                            "unknown review decision {value!r}: use pass (销号) or return (退回)"),
    "err.review_reason": ("退回须写明理由", "a return needs a reason"),
    "err.review_text": ("审核记录的{field}过长（最多{most}字）或含控制字符；未写入",
                        ("the review's {field} is too long (at most {most} characters) or holds control characters; "
                        "nothing was recorded")),
    "err.review_not_done": ("截至{day}的状态是“{status}”，不是“已完成”，无需审核；未写入",
                            "{status_en} as of {day}, not done: there is nothing to review; nothing was recorded"),
    "err.account_role": ("账户角色 {value!r} 无法识别：应为 division（处室）、office（法治办）或 director（局领导）",
                         "unknown account role {value!r}: use division, office or director"),
    "err.account_needs_division": ("处室账户须指明所属处室（--division）",
                                   "a division account needs its division (--division)"),
    "err.account_no_division": ("只有处室账户属于一个处室，法治办、局领导账户不填处室",
                                "only a division account belongs to a division; leave it out for office and director"),
    "err.account_division_unknown": ("处室“{division}”不在计划《{plan}》中{hint}",
                                     "the division {division!r} is not in the plan {plan!r}{hint}"),
    "err.account_exists": ("账户“{name}”已存在，未作改动", "the account {name!r} exists already; nothing changed"),
    "err.account_unknown": ("没有名为“{name}”的账户", "there is no account named {name!r}"),
    "err.account_name": ("名称“{name}”不可用：须为1至{most}个字符，不含空白和控制字符",
                         "the name {name!r} is not allowed: 1 to {most} characters, no spaces or controls"),
    "err.password_short": ("密码太短：至少{least}个字符，未作改动",
                           "the password is too short: at least {least} characters; nothing changed"),
    "err.password_long": ("密码太长：最多{most}个字符，未作改动",
                          "the password is too long: at most {most} characters; nothing changed"),
    "err.needs_argon2": ("账户功能需要 argon2-cffi：pip install 'fazhi-tasks[web]'",
                         "accounts need argon2-cffi: pip install 'fazhi-tasks[web]'"),
    "err.unsupported_pg": ("PostgreSQL 共享账本暂不支持{what}；请使用 SQLite 账本文件",
                           "the PostgreSQL ledger does not support {what_en} yet; use an SQLite ledger file"),
    "err.evidence_empty": ("佐证材料“{filename}”是空文件，未保存",
                           "the evidence file {filename!r} is empty; not stored"),
    "err.evidence_large": ("佐证材料“{filename}”过大（{size}字节，最多{most}字节），未保存",
                           "the evidence file {filename!r} is too large ({size} bytes, at most {most}); not stored"),
    "err.evidence_type": ("佐证材料“{filename}”的类型不允许：只收 {allowed} 文件，未保存",
                          "the evidence file {filename!r} is of a type not allowed: only {allowed}; not stored"),
    "err.evidence_content": ("佐证材料“{filename}”的内容与扩展名不符（不是 {kind} 文件），未保存",
                             "the evidence file {filename!r} is no {kind} file, as its name says; not stored"),
    "err.evidence_unknown": ("没有哈希为 {sha} 的佐证材料", "no evidence file has the hash {sha}"),
    "cli.review_done": ("已记录：任务 {task} {decision}（{day}）", "recorded: task {task} {decision} ({day})"),
    "err.note_reads_as_cancelled": (
        ("备注“{note}”含“已取消”，表格读回时会当作取消标记（或要求确认），未写入：请保存为 .toml/.json，"
         "或改写备注，不用“已取消”一词（如“取消审批事项3项”）"),
        ("the note {note!r} says 已取消, which a sheet reads back as a cancellation mark (or asks about); nothing "
         "written: save as .toml/.json, or reword the note without 已取消")),
    "cli.review_all_done": ("已销号 {n} 项待审核的已完成任务（截至{day}）",
                            "passed {n|task|tasks} awaiting review (as of {day})"),
    "err.review_needs_task": ("请给出要审核的任务编号，或用 --all-pending --pass 一并销号",
                              "give the task to review, or --all-pending --pass to pass every one awaiting review"),
    "err.review_all_pending": ("--all-pending 只能与 --pass 一起使用，且不再给出任务编号",
                               "--all-pending goes with --pass and no task id"),
    "cli.account_done": ("已建立账户：{name}（{role}{division}）", "account created: {name} ({role}{division})"),
    "cli.password_set": ("已为账户“{name}”设置新密码", "a new password is set for the account {name!r}"),
    "cli.password_prompt": ("密码：", "Password: "),
    "cli.password_again": ("再次输入密码：", "Password again: "),
    "cli.password_mismatch": ("两次输入的密码不一致，未建立账户", "the passwords do not match; no account was created"),
    "cli.password_missing": ("未读到密码：请在标准输入中给出一行密码",
                             "no password read: give it as one line on stdin"),
    "cli.no_accounts": ("账本中还没有账户", "the ledger holds no accounts yet"),
    "err.account_needs_name": ("account add 需要账户名：fazhi-tasks account add 名称 …",
                               "account add needs a name: fazhi-tasks account add NAME …"),
    "role": ("角色", "Role"),
    # issue 23, fourth round: a plan sheet's cancelled tasks on the web, the rollup, the template's sender
    "web.task_cancelled": ("任务 {task} 已在计划表中标注取消（{mark}），不再报送进展、上传佐证或审核；未写入",
                           ("task {task} is marked cancelled in the plan sheet ({mark}): no progress, evidence or "
                            "review is recorded on it; nothing recorded")),
    "cancelled_n": ("已取消", "Cancelled"),
    "note.rollup_cancelled": ("{bureau}：已取消{count}项任务（计划表标注或账本记录），不计入完成率和逾期：{ids}",
                              ("{bureau}: {count} {count|task|tasks} cancelled (marked in the plan sheet or recorded "
                               "in the ledger), not counted in the rate or as overdue: {ids}")),
    "import.overruled": (("第 {row} 行（{sender}报送 {task} {day} {status}）未导入：账本中已有牵头处室{lead}当天报送的"
                          "“{held}”，以牵头处室为准"),
                         ("row {row} ({sender}'s {status} for {task} on {day}) not imported: the ledger holds the "
                          "lead division {lead}'s {held} for that day, and the lead's report counts")),
    "cli.overruled": ("配合处室报送、被牵头处室当天记录否定而未导入 {count} 条：",
                      ("{count|update|updates} from supporting divisions not imported, overruled by the lead's "
                       "record of that day:")),
    # issue 23: struck rows of .xls/.ods (one block)
    "read.strike_unseen": (("本 {kind} 文件的删除线无法读取：划掉（已取消）的任务按未取消读取；"
                            "如有划掉的任务，请另存为 .xlsx 后再导入"),
                           ("strikethrough cannot be read from this {kind} file: struck-out (cancelled) tasks read "
                            "as live; if any task is struck out, save the file as .xlsx and import that")),
    "read.struck_too_many": ("工作表“{sheet}”有超过 {limit} 个划删除线的单元格（含重复行列），超过上限",
                             ("sheet {sheet}: more than {limit} struck-through cells (repeats included), over "
                              "the limit")),
}
#: The whole table: the entries above and every room's messages (:mod:`fazhi_tasks.core.wording`), each key once.
_TABLE: dict[str, tuple[str, str]] = merge(("i18n", _OWN), *ROOMS)

_ZH_DIGITS = "零一二三四五六七八九"
#: The enums whose members are words of the table, by class name → key prefix.
_WORD_PREFIX = {"Status": "status", "ShortfallKind": "kind", "FindingKind": "kind", "Level": "level",
                "Decision": "decision", "Role": "role"}


@attrs.frozen
class Phrase:
    """An entry of the language table with its parameters, shown in a language on demand.

    >>> Phrase("week", {"week": 25, "start": "a", "end": "b"}).show("zh")
    '第25周（a 至 b）'
    """

    key: str
    params: Mapping[str, object] = attrs.field(factory=dict)

    @classmethod
    def literal(cls, value: str) -> Phrase:
        """Text shown as it is in every language (a plan's name, a division)."""
        return cls("", {"text": value})

    def show(self, lang: Lang) -> str:
        """The text in ``lang``."""
        if not self.key:
            return str(self.params["text"])
        return text(self.key, lang, **self.params)


#: ``{count|task|tasks}`` in an English template: the singular when ``count`` is 1, else the plural.
_PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def text(key: str, lang: Lang = "zh", **params: object) -> str:
    """The entry ``key`` in ``lang``, its ``{names}`` filled from ``params`` (dates shown in that language).

    >>> text("findings_title", "en", tasks=1, count=1), text("findings_title", "en", tasks=2, count=0)
    ('1 task, 1 finding', '2 tasks, 0 findings')
    """
    zh, en = _TABLE[key]
    template = zh if lang == "zh" else en
    if not params:
        return template
    if "|" in template:
        template = _PLURAL.sub(lambda m: m.group(2) if params.get(m.group(1)) == 1 else m.group(3), template)
    return template.format(**{k: _show(v, lang) for k, v in params.items()})


def _show(value: object, lang: Lang) -> object:
    """A parameter as shown: dates as people write them, callables (a nested phrase) asked in ``lang``."""
    if isinstance(value, dt.date):
        return day(value, lang)
    if callable(value):
        return value(lang)
    return value


@functools.lru_cache(maxsize=256)
def word(value: object, lang: Lang = "zh") -> str:
    """A status, shortfall kind, finding kind or level in ``lang`` (its ``str`` when it is none of them)."""
    prefix = _WORD_PREFIX.get(type(value).__name__)
    if prefix is None:
        return str(value)
    return text(f"{prefix}.{value}", lang)


def day(value: dt.date, lang: Lang = "zh") -> str:
    """A date as people write it: ``2021年6月30日`` in Chinese, ISO in English."""
    return cn_date(value) if lang == "zh" else value.isoformat()


def cn_date(value: dt.date) -> str:
    """``2021年6月30日``.

    >>> cn_date(dt.date(2021, 6, 5))
    '2021年6月5日'
    """
    return f"{value.year}年{value.month}月{value.day}日"


def join(items: Iterable[object], lang: Lang = "zh", sep: str = "sep.list") -> str:
    """A list of ids or names: ``、`` between them in Chinese, ``, `` in English (``sep``: another separator).

    >>> join(["T1", "T2"], "zh"), join(["a", "b"], "en", "sep.clause")
    ('T1、T2', 'a; b')
    """
    return text(sep, lang).join(str(i) for i in items)


def paren(inner: object, lang: Lang = "zh") -> str:
    """A remark in brackets after what it is about: ``（已完成）`` in Chinese, `` (done)`` in English."""
    return text("paren", lang, inner=inner)


def month_day(value: dt.date, lang: Lang = "zh") -> str:
    """A date inside a sentence of the year's report: ``6月25日`` in Chinese, ISO in English."""
    return f"{value.month}月{value.day}日" if lang == "zh" else value.isoformat()


def cn_number(n: int) -> str:
    """A whole number 0–9999 in Chinese numerals, as section numbers are written.

    >>> [cn_number(n) for n in (1, 10, 11, 20, 99, 100, 105, 1010)]
    ['一', '十', '十一', '二十', '九十九', '一百', '一百零五', '一千零一十']
    """
    if n < 10:
        return _ZH_DIGITS[n]
    if n < 20:
        return "十" + (_ZH_DIGITS[n % 10] if n % 10 else "")
    units = ((1000, "千"), (100, "百"), (10, "十"))
    out, zero = [], False
    for size, name in units:
        digit, n = divmod(n, size)
        if digit:
            if zero:
                out.append("零")
            out.append(_ZH_DIGITS[digit] + name)
            zero = False
        elif out:
            zero = True
    if n:
        if zero or (out and not out[-1].endswith("十")):
            out.append("零")
        out.append(_ZH_DIGITS[n])
    return "".join(out)


def numbered(n: int, lang: Lang = "zh") -> str:
    """The prefix of the ``n``-th section title: ``一、`` … ``十一、`` in Chinese, ``1. `` in English."""
    return f"{cn_number(n)}、" if lang == "zh" else f"{n}. "


def table_keys() -> Mapping[str, tuple[str, str]]:
    """The whole table (for tests that check every entry has both languages)."""
    return _TABLE
