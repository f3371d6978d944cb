"""The wording of the ``sheets`` room's messages: key → (zh, en), merged into the language table."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    "sheets.assume_every_division": ("配合处室“各处室”等展开为除牵头处室外的全部处室",
                                     "各处室 and the like in 配合处室 became every division but the leads"),
    "sheets.assume_lead_marked": (
        "责任单位中标明“牵头”的（或写在最前的）为牵头处室，其余为配合处室；括号中的人名为责任人",
        ("in a division cell the one marked 牵头 (or named first) leads, the rest support; a person in brackets is "
         "the owner")),
    "sheets.assume_month_cell": (
        "只显示年月（或年份）的日期单元格按该月（或该年）最后一天计",
        "a date cell formatted to show only the month (or year) counts as that month's (or year's) last day"),
    "sheets.assume_section_ids": ("序号在每节重新编号：任务编号记为“节号-序号”（如 2-3）",
                                  "序号 restarts in every section: task ids are section-序号 (e.g. 2-3)"),
    "sheets.assume_section_stage": ("阶段取自上方的分节标题行", "the stage was taken from the section row above"),
    "sheets.assume_sheet_division": (
        "没有牵头处室列：牵头处室取自工作表名（每个处室一张表）",
        "no lead-division column: the lead division was taken from the sheet's name (one sheet per division)"),
    "sheets.assume_sheet_stage": ("没有阶段列：阶段取自工作表名",
                                  "no stage column: the stage was taken from the sheet's name"),
    "sheets.assume_short_names": ("处室简称按“处室”表的简称列换成全称",
                                  "short division names became the full names the 处室 sheet's 简称 column gives"),
    "sheets.assume_stage_year": ("没有年份的时限按所属阶段的时间窗口定年份",
                                 "a deadline with no year was given the year that puts it inside its stage"),
    "sheets.effort": ("工作量请填工作日数（不小于 0 的整数），如 5",
                      "write the effort in working days (a whole number ≥ 0), e.g. 5"),
    "sheets.every_as_lead": ("牵头处室须写明具体处室（“各处室”只能写在配合处室）",
                             "name the lead division itself (各处室 and the like belong in 配合处室 only)"),
    "sheets.first_of_month": (
        ("是某月1日：.xls/.ods 文件中看不到单元格格式，无法判断这是“某年某月”（该月月底）还是当月1日；"
         "请在单元格中写文字（如“2021年6月底前”或“2021年6月1日”），或另存为 .xlsx 后再读取"),
        ("the 1st of a month: an .xls/.ods file does not show the cell's format, so this may be a month typed as "
         "2021年6月 (its last day) or the 1st itself; type it as text (2021年6月底前 or 2021年6月1日), or save the "
         "file as .xlsx")),
    "sheets.id_as_date": (
        "编号被 Excel 当成了日期（如 1-1 变成 1月1日）；请把编号列设为文本格式后重新填写编号",
        ("Excel turned the id into a date (1-1 became 1 January); format the id column as text and type the ids "
         "again")),
    "sheets.no_stage": (
        "缺少阶段：请填写阶段列，或在任务上方加分节标题行（如“一、部署启动阶段（2020年9月—10月）”）",
        ("no stage: fill in the stage column, or put a section row above the tasks (such as 一、"
         "部署启动阶段（2020年9月—10月）)")),
    "sheets.note_cancelled": (
        "写着“已取消”：如该任务已取消，请在状态列写“已取消”或写成“该项任务已取消”；如任务仍要完成，请改写这句话",
        ("says 已取消 (cancelled): if the task is cancelled, write 已取消 in the status column or 该项任务已取消 "
         "here; if it is still to be done, reword this")),
    "sheets.stage_window_range": (
        "推算的阶段时间窗口超出日期范围；请加一张“阶段”表写明各阶段起止日期",
        ("the stage dates worked out from the deadlines leave the calendar; add a 阶段 sheet with each stage's "
         "first and last day")),
    "sheets.stray_column": (
        "这一列没有表头（或超出表头范围），内容不会被读取；请补上表头或删除",
        "this column has no header (or lies beyond the header), so it is not read; add a header or delete it"),
    "sheets.struck_through": ("删除线", "struck through"),
    "sheets.unknown_prerequisite": ("前置任务编号在本表中不存在", "no task of this sheet has this id"),
    "sheets.row_field": ("{row}，{field}", "{row}, {field}"),
    "sheets.missing": ("缺少{header}", "no {header} given"),
    "sheets.stage_cell": ("{why}；阶段请写编号或名称，如“3”或“3 整改提升”",
                          "{why}; write the stage's number or name, e.g. 3 or 3 整改提升"),
    "sheets.assume_adjusted": ("完成时限以“{header}”列为准，原时限记为原定完成时限",
                               "the deadline is the {header} column; the earlier one is kept as the original deadline"),
    "sheets.looks_like": (
        ("{where}：第{letter}列“{header}”看起来是{field}，但表头不是可识别的列名，该列不会被读取；"
         "请把表头改为“{field}”，或用 --columns {header}={field}（如该列确实不是{field}，请改为“备注”等其他表头）"),
        ("{where}: column {letter} ({header}) looks like {what} but its header is no known column name, so it would "
         "not be read; head it {field}, or give --columns {header}={field} (or, if it is not, head it 备注 or "
         "another header)")),
    "sheets.cancelled_by": ("{header}“{value}”", "{header} {value}"),
    "sheets.assume_measure": (
        "“{measure}”列为任务名称，“{title}”列为所属任务（记入备注）",
        "the {measure} column is the task's title, the {title} column its group (kept in the note)"),
    "sheets.no_deadline_column": (
        ("{where}：表头中没有完成时限列，每项任务都将没有时限（逾期统计会是0项）；请加一列“完成时限”，或用 "
         "--columns 指明哪一列是完成时限；如本计划确实没有时限，请加 --no-deadlines（Python：read_plan(path, "
         "no_deadlines=True)）"),
        ("{where}: the header has no deadline column, so no task would have a deadline (and no task could be "
         "overdue); add a 完成时限 column, or say which column it is with --columns; if the plan truly has none, "
         "give --no-deadlines (Python: read_plan(path, no_deadlines=True))")),
    "sheets.duplicate_id": ("编号与第 {earlier} 行重复；每项任务的编号须唯一",
                            "the same id as row {earlier}; every task needs its own id"),
    "sheets.did_you_mean": ("是否应为“{near}”？", "did you mean {near}? "),
    "sheets.not_a_division": ("不在“处室”表中；{hint}请使用处室表中的名称，或先在处室表中添加",
                              "not in the 处室 sheet; {hint}use a name from that sheet, or add it there first"),
    "sheets.one_apart": (
        "与“{other}”只差一个字：是否应为“{other}”？如两个处室都存在，请加一张“处室”表列出全部处室",
        ("one character away from {other}: did you mean {other}? If both divisions exist, add a 处室 sheet listing "
         "every division")),
    "sheets.abbreviation": (
        ("像是“{full}”的简称：是否应为“{full}”？请统一写全称；如两个都是处室，"
         "请加一张“处室”表列出全部处室（简称可写在其“简称”列）"),
        ("reads as an abbreviation of {full}: did you mean {full}? Write the full name; if both are divisions, add "
         "a 处室 sheet listing every division (with a 简称 column for short names)")),
    # places and problems (io/sheets/tabular.py)
    "sheets.at_column": ("{letter}列", "column {letter}"),
    "sheets.at_column_header": ("{letter}列（{header}）", "column {letter} ({header})"),
    "sheets.at_value": ("{where}：{value}：{why}", "{where}: {value}: {why}"),
    "sheets.no_such_file": ("{path}：找不到这个文件", "{path}: no such file"),
    "sheets.read_denied": ("{path}：没有读取这个文件的权限", "{path}: permission denied"),
    "sheets.read_folder": ("{path}：这是一个文件夹，不是文件", "{path}: is a directory, not a file"),
    "sheets.read_failed": ("{path}：无法读取文件（{reason}）", "{path}: cannot read the file ({reason})"),
    "sheets.cell_too_long": ("{where}：单元格有 {length} 个字符，超过上限 {limit}",
                             "{where}: a cell of {length} characters, over the limit of {limit}"),
    "sheets.too_many_lines": ("{file}：超过 {lines} 行（含空行），超过上限",
                              "{file}: more than {lines} lines (even blank), over the limit"),
    "sheets.file_too_big": ("{file}：文件大小 {size} 字节，超过上限 {limit} 字节",
                            "{file}: {size} bytes is over the limit of {limit} bytes"),
    "sheets.not_utf8_gbk_bytes": (
        ("{file}：第 {offset} 字节处：既不是 UTF-8 也不是 GBK/GB18030 文本（字节 {raw}）；请在 Excel 中另存为“CSV "
         "UTF-8(逗号分隔)”"),
        ("{file}: byte offset {offset}: the file is neither UTF-8 nor GBK/GB18030 text (bytes {raw}); save it from "
         "Excel as 'CSV UTF-8'")),
    "sheets.more_problems": ("……另有 {more} 处问题未列出", "… and {more} more"),
    "sheets.stopped_checking": ("问题过多，第 {after} 行之后未再检查",
                                "too many problems: stopped checking after row {after}"),
    "sheets.problems": ("{file}：{total} 处问题{action}：\n  {lines}", "{file}: {total} problems{action}:\n  {lines}"),
    "sheets.plan_not_read": ("，计划未读取", ": the plan was not read"),
    "sheets.not_regular": ("{path}：不是普通文件（设备、管道或套接字），无法作为文件读取",
                           "{path}: not a regular file (a device, pipe or socket); it cannot be read as a file"),
    "sheets.not_utf8": ("{file}：第 {offset} 字节处：不是 UTF-8 文本；请以 UTF-8 编码保存",
                        "{file}: byte offset {offset}: the file is not UTF-8 text"),
    "sheets.not_utf8_gbk": (
        "{file}：第 {offset} 字节处：既不是 UTF-8 也不是 GBK/GB18030 文本；请在 Excel 中另存为“CSV UTF-8(逗号分隔)”",
        ("{file}: byte offset {offset}: the file is neither UTF-8 nor GBK/GB18030 text; save it from Excel as 'CSV "
         "UTF-8'")),
    "sheets.utf16": (
        ("{file}：这是 UTF-16 编码的文本（Excel 另存为“Unicode 文本”的格式）；请在 Excel 中另存为“CSV "
         "UTF-8(逗号分隔)”"),
        "{file}: UTF-16 text (what Excel saves as 'Unicode Text'); save it from Excel as 'CSV UTF-8'"),
    "sheets.line_too_long": (
        "{file}，第 {line} 行：一行超过 {limit} 字节，超过上限（{columns} 列 × 每格 {chars} 字）",
        ("{file}, line {line}: a line of more than {limit} bytes, over the limit ({columns} columns of {chars} "
         "characters)")),
    "sheets.too_many_columns": ("{file}，第 {row} 行：{count} 列，超过上限 {limit} 列",
                                "{file}, row {row}: {count} columns, over the limit of {limit}"),
    "sheets.too_many_rows": ("{file}：超过 {limit} 行，超过上限", "{file}: more than {limit} rows, over the limit"),
    "sheets.bad_csv": ("{file}，第 {row} 行：不是有效的 CSV（{error}）", "{file}, row {row}: not valid CSV ({error})"),
    "sheets.deadline_no_year": ("时限没有写年份，所属阶段也没有时间窗口；请写明年份，如 2021年6月30日",
                                "the deadline has no year and its stage no dates; write the year, as in 2021年6月30日"),
    "sheets.formula_uncomputed": (
        "公式未计算：请在 Excel/WPS 中打开并保存后再导入",
        "a formula with no computed value: open the file in Excel or WPS, save it, and import it again"),
    "sheets.id_too_large": (
        "编号是过大的数字（精度已丢失）；请把编号列设为文本格式后重新填写",
        "the id is a number too large to keep exactly; format the id column as text and type it again"),
    "sheets.no_worksheet": ("工作簿中没有工作表", "the workbook has no worksheet"),
    "sheets.save_as_xlsx": ("请用 Excel/WPS 打开后另存为 .xlsx", "open it in Excel or WPS and save it as .xlsx"),
    "sheets.wps_et": ("WPS 表格的 .et 文件无法直接读取：请在 WPS 中“另存为” Excel 工作簿（.xlsx）后再导入",
                      "a WPS .et file cannot be read as it is: in WPS, 'Save as' an Excel workbook (.xlsx) first"),
    "sheets.not_xlsx": ("不是 Excel .xlsx 工作簿（缺少 xl/workbook.xml）；请用 Excel/WPS 另存为 .xlsx",
                        "not an Excel .xlsx workbook (no xl/workbook.xml); save it from Excel or WPS as .xlsx"),
    "sheets.date_is_number": ("是数字而不是日期；{date_hint}（在 Excel 中请把单元格设为日期格式）",
                              "a number, not a date; {date_hint} (in Excel, format the cell as a date)"),
    "sheets.date_is_time": ("是时间而不是日期（Excel 中的负数或时长）；{date_hint}",
                            "a time, not a date (a negative number or a duration in Excel); {date_hint}"),
    "sheets.date_serial_small": ("不是有效的日期（Excel 日期序号过小）；{date_hint}",
                                 "not a valid date (an Excel date serial too small); {date_hint}"),
    "sheets.deadline_too_long": ("时限文字过长（{count} 字）；{date_hint}",
                                 "the deadline text is too long ({count} characters); {date_hint}"),
    "sheets.deadline_unknown": ("不是可识别的时限；{date_hint}，或 6月底前、二季度末、长期坚持",
                                "not a deadline this reader knows; {date_hint}, or 6月底前, 二季度末, 长期坚持"),
    "sheets.id_too_long": ("编号过长（{count} 字）；编号如 T043",
                           "the id is too long ({count} characters); ids look like T043"),
    "sheets.no_such_date": ("不是存在的日期；{date_hint}", "no such date; {date_hint}"),
    "sheets.no_such_deadline_date": ("不是存在的日期；{date_hint}", "no such date; {date_hint}"),
    "sheets.percent_fraction": ("是小数而不是百分数（{number:g} 是指 {percent:g}% 还是 {number:g}%？）；{hint}",
                                "a fraction, not a percent (is {number:g} {percent:g}% or {number:g}%?); {hint}"),
    "sheets.percent_fraction_cell": (
        "是小数而不是百分数（{number:g} 是指 {percent:g}% 还是 {number:g}%？）；{hint}，或把单元格设为百分比格式",
        ("a fraction, not a percent (is {number:g} {percent:g}% or {number:g}%?); {hint}, or format the cell as a "
         "percentage")),
    "sheets.percent_not_number": ("不是有效的数值；{hint}", "not a valid number; {hint}"),
    "sheets.percent_not_whole": ("不是整数；{hint}", "not a whole number; {hint}"),
    "sheets.percent_out_of_range": ("超出 0–100；{hint}", "outside 0–100; {hint}"),
    "sheets.percent_write": ("请填写 {typed}%（或 {typed}）", "write {typed}% (or {typed})"),
    "sheets.percent_cell_shows": ("单元格为百分比格式，显示为 {shown}%，超出 0–100；{fix}",
                                  "the cell is percent-formatted and shows {shown}%, outside 0–100; {fix}"),
    "sheets.percent_too_large": ("数值过大；{hint}", "the number is too large; {hint}"),
    "sheets.report_date_one_day": ("报送日期应是某一天；{date_hint}", "a report date is one day; {date_hint}"),
    "sheets.date_hint": ("日期请写成 2021年6月30日 或 2021-06-30", "write dates as 2021-06-30 or 2021年6月30日"),
    "sheets.percent_hint": ("完成进度请填 0–100 的整数，如 60 或 60%",
                            "write the percent complete as a whole number 0–100, e.g. 60 or 60%"),
    "sheets.damaged": ("文件已损坏或格式异常，无法读取{extra}；{resave}",
                       "the file is damaged or malformed and cannot be read{extra}; {resave}"),
    "sheets.damaged_detail": ("（{detail}）", " ({detail})"),
    "sheets.needs_calamine": ("读取 {suffix} 需要 python-calamine；请另存为 .xlsx",
                              "reading {suffix} needs python-calamine; save the file as .xlsx"),
    "sheets.no_subprocess": (
        "无法启动读取工作簿的子进程（{detail}）；请另存为 CSV 后再导入",
        "cannot start the process that reads workbooks ({detail}); save the file as CSV and import that"),
    "sheets.read_too_much_memory": ("读取所需内存超过上限 {memory_limit} MB",
                                    "reading needs more than the limit of {memory_limit} MB"),
    "sheets.read_too_slow": ("读取超过 {time_limit} 秒 CPU 时间或 {wall} 秒",
                             "reading took over {time_limit} s of CPU or {wall} s"),
    "sheets.too_many_sheet_rows": ("工作表“{name}”有 {height} 行，超过上限 {max_rows} 行",
                                   "sheet {name}: {height} rows, over the limit of {max_rows}"),
    "sheets.workbook_unreadable": ("无法读取工作簿（{name}: {message}）；{resave}",
                                   "cannot read the workbook ({name}: {message}); {resave}"),
    "sheets.xlsx_compression": ("工作簿使用了不支持的压缩方式；{resave}",
                                "the workbook uses a compression this reader does not support; {resave}"),
    "sheets.xlsx_not_zip": ("不是 Excel .xlsx 工作簿（不是 zip 压缩包）；{resave}",
                            "not an Excel .xlsx workbook (not a zip archive); {resave}"),
    "sheets.xlsx_unpacks_big": ("解压后有 {unpacked} 字节，超过上限 {limit} 字节",
                                "unpacks to {unpacked} bytes, over the limit of {limit}"),
    "sheets.beyond_column_iv": (
        "工作表“{name}”，单元格 {ref}：超出 IV 列（最多 {max_columns} 列）",
        "sheet {name}, cell {ref}: a value beyond column IV (the limit is {max_columns} columns)"),
    "sheets.beyond_row_limit": ("工作表“{name}”第 {row} 行有内容，超过上限 {max_rows} 行",
                                "sheet {name}: a value in row {row}, beyond the limit of {max_rows} rows"),
    "sheets.declares_beyond_excel": ("工作表“{name}”声明的区域 {ref} 超出 Excel 的最大范围 XFD1048576",
                                     "sheet {name}: declares the range {ref}, beyond Excel's largest (XFD1048576)"),
    "sheets.declares_too_many_rows": ("工作表“{name}”声明有 {rows} 行（{ref}），超过上限 {max_rows} 行",
                                      "sheet {name}: declares {rows} rows ({ref}), over the limit of {max_rows}"),
    "sheets.part_bad_entity": (
        ("部件 {filename} 不是合规的 XML（未定义的实体引用 {shown}），其中的值无法可靠读取；请用 Excel/WPS "
         "打开后另存"),
        ("part {filename} is not well-formed XML (an undefined entity reference {shown}); its values cannot be read "
         "reliably; open it in Excel or WPS and save it again")),
    "sheets.part_dtd": ("部件 {filename} 声明了 DTD（实体一律拒绝读取：DTDForbidden）",
                        "part {filename} declares a DTD (entities are refused: DTDForbidden)"),
    "sheets.part_too_many_rows": (
        "工作表部件 {filename} 超过 {max_row_elements} 行（含空行），超过上限",
        "sheet part {filename}: more than {max_row_elements} rows (even blank), over the limit"),
    "sheets.part_unpacks_big": ("部件 {filename} 解压后超过 {most} 字节，超过上限",
                                "part {filename} unpacks to more than {most} bytes, over the limit"),
    "sheets.row_too_many_cells": (
        "工作表“{name}”第 {number} 个 <row> 有 {count} 个单元格，超过上限 {max_columns} 列",
        "sheet {name}: <row> number {number} holds {count} cells, over the limit of {max_columns} columns"),
    "sheets.shared_strings_malformed": (
        "共享字符串表声明有 {declared} 项，而部件只有 {count} 字节，格式异常",
        "the shared-string table declares {declared} strings in {count} bytes: malformed"),
    "sheets.used_range_too_big": (
        "工作表“{name}”的已用区域 {ref} 有 {widest} 个单元格，超过上限 {max_cells} 个（最后一行 × 最后一列）",
        ("sheet {name}: the used range {ref} spans {widest} cells, over the limit of {max_cells} (last row × last "
         "column)")),
    "sheets.xlsx_bad_xml": ("工作簿的 XML 无法读取（{kind}: {error}）",
                            "the workbook's XML cannot be read ({kind}: {error})"),
    "sheets.xlsx_damaged": (
        "工作簿已损坏或使用了不支持的压缩方式（{kind}: {error}）；请用 Excel/WPS 打开后另存为 .xlsx",
        ("the workbook is damaged or uses an unsupported compression ({kind}: {error}); open it in Excel or WPS and "
         "save it as .xlsx")),
    "sheets.beyond_last_column": ("{where}：{last} 列之后还有内容（最多 {limit} 列）",
                                  "{where}: a value beyond column {last}"),
    "sheets.no_date": ("缺少日期", "no date given"),
    "sheets.percent_hint_short": ("完成进度请填 0–100 的整数，如 60 或 60%",
                                  "write the percent complete as a whole number 0–100, e.g. 60 or 60%"),
    "sheets.text_no_status": ("只有进展文字，没有状态；请在状态列填写 未启动/推进中/已完成/已暂缓",
                              "progress text but no status; write 未启动/推进中/已完成/已暂缓 in the status column"),
    "sheets.bad_column_mapping": (
        "{name}：列映射“{key_name}={target}”：“{target}”不是可识别的列名；可用：{known}",
        "{name}: column mapping {key_name}={target}: {target} is no column name this reader knows; known: {known}"),
    "sheets.bad_stage_date": ("{where}：{exc}；日期请写成 2021-06-30", "{where}: {exc}; write dates as 2021-06-30"),
    "sheets.no_task_sheet": ("{name}：工作簿中没有任务表", "{name}: the workbook has no task sheet"),
    "sheets.stage_sheet_column": (
        "阶段表缺少“{header}”列；表头应包含 编号、阶段名称、开始日期、结束日期",
        "the stage sheet has no {header} column; its header should name 编号, 阶段名称, 开始日期, 结束日期"),
    "sheets.task_place": ("{name}，任务 {task_id}", "{name}, task {task_id}"),
    "sheets.not_stage": ("不是阶段编号或名称", "not a stage number or name"),
    "sheets.stage_number_whole": ("阶段编号应为整数（如 1、2、3）", "a stage number is a whole number (1, 2, 3)"),
    "sheets.stage_window_form": ("阶段的时间窗口请写成（2021-03-01至2021-09-30）",
                                 "write the stage's dates as (2021-03-01至2021-09-30)"),
    "sheets.stage_name_too_long": ("阶段名称过长（{count} 字，最多 {max_stage_chars} 字）",
                                   "the stage name is too long ({count} characters, at most {max_stage_chars})"),
    "sheets.ods_not_zip": ("不是 OpenDocument 表格（.ods 应是 zip 压缩包）；请用 WPS/LibreOffice 打开后另存",
                           "not an OpenDocument spreadsheet (an .ods is a zip archive); open it and save it again"),
    "sheets.ods_beyond_iv": (
        ("工作表“{name}”第 {row} 行第 {column} 列有内容（含重复列 number-columns-repeated），超出 IV 列（最多 "
         "{max_columns} 列）"),
        ("sheet {name}: a value in row {row}, column {column} (repeated columns included), beyond column IV (the "
         "limit is {max_columns} columns)")),
    "sheets.ods_row_limit": (
        "工作表“{name}”第 {row} 行有内容（含重复行 number-rows-repeated），超过上限 {max_rows} 行",
        "sheet {name}: a value in row {row} (repeated rows included), beyond the limit of {max_rows} rows"),
    "sheets.ods_too_many_cells": (
        "工作表“{name}”有超过 {max_cells} 个有内容的单元格（含重复行列），超过上限",
        "sheet {name}: more than {max_cells} cells holding values (repeats included), over the limit"),
    "sheets.ods_too_many_marks": (
        "工作表“{name}”有超过 {max_marks} 个百分比或无值公式单元格，超过上限",
        "sheet {name}: more than {max_marks} percent or value-less formula cells, over the limit"),
    "sheets.outside_stage": (
        "没有年份的时限不在所属阶段的时间窗口（{window}）内；请写明年份，如 2021年6月30日",
        "a deadline with no year that falls outside its stage ({window}); write the year, as in 2021年6月30日"),
    "sheets.twice_in_stage": (
        "没有年份的时限在所属阶段（{window}）内有两种可能（{one}、{other}）；请写明年份，如 2021年6月30日",
        ("a deadline with no year that fits its stage ({window}) twice ({one}, {other}); write the year, as in "
         "2021年6月30日")),
    "sheets.ods_damaged": ("文件已损坏或格式异常，无法读取（{kind}: {error}）",
                           "the file is damaged or malformed and cannot be read ({kind}: {error})"),
    "sheets.stage_window": ("{start} 至 {end}", "{start} to {end}"),
    "sheets.header_lacks": ("{where}：表头缺少 {missing} 列；表头应包含 {expected}；现在的表头是：{headers}",
                            "{where}: the header lacks {missing}; it should name {expected}; it is now: {headers}"),
    "sheets.no_header": (
        ("{where}：找不到表头：前 {scanned} 行中没有一行含至少两个可识别的列名（第 {first_row} 行：{shown}）；"
         "表头应包含 {expected}"),
        ("{where}: no header found: none of the first {scanned} rows names two known columns (row {first_row}: "
         "{shown}); the header should name {expected}")),
    "sheets.table_empty": ("{where}：表格是空的，没有表头", "{where}: the table is empty: no header row"),
    "sheets.skipped_cancelled": ("已取消的任务行", "cancelled task rows"),
    "sheets.skipped_headings": ("小标题行", "heading rows"),
    "sheets.skipped_footers": ("表尾行（合计、注、填表人等）", "footer rows (totals, notes, signatures)"),
    "sheets.division_separator": (
        ("{file}：任务 {id} 的处室名称“{division}”含有分隔符（空格、顿号、逗号、分号或斜杠），"
         "写入表格再读回会成为多个处室；请改名，或另存为 .toml/.json"),
        ("{file}: task {id}: the division name {division} holds a separator (space, 、, comma, semicolon or slash) and "
         "would read back as several divisions; rename it, or save as .toml/.json")),
    "sheets.and_stage": ("（及阶段）", " (and 阶段)"),
    "sheets.same_column": (
        "{where}：与 {column} 是同一含义的第二列；请删除或改名其中一列",
        "{where}: a second column meaning the same as column {letter} ({header}); delete or rename one of them"),
}
