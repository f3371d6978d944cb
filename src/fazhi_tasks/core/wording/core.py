"""The wording of the ``core`` room's messages: key → (zh, en), merged into the language table."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    # a reason after what it is about: a value, a place ("'6月底': 不是日期", "stage #1: ...")
    "core.about": ("{what}：{why}", "{what}: {why}"),
    # writing files whole or not at all (core/files.py)
    "core.write_symlink": (
        "{path}：这是一个符号链接；为安全起见不会写入链接所指的位置，请写一个普通文件的路径",
        "{path}: is a symbolic link; for safety nothing is written through it, give the path of a regular file"),
    "core.write_special": (
        "{path}：已存在且不是普通文件（设备、管道或套接字），不会覆盖；请换一个文件名",
        ("{path}: exists and is not a regular file (a device, pipe or socket); it is not replaced, choose another "
         "file name")),
    "core.write_folder": ("{path}：这是一个文件夹；请写文件名，如 {example}",
                          "{path}: is a folder; give a file name, such as {example}"),
    "core.write_no_folder": ("{path}：文件夹 {folder} 不存在；请先建好文件夹，或换一个路径",
                             "{path}: the folder {folder} does not exist; create it first, or choose another path"),
    "core.write_denied": ("{path}：没有写入权限", "{path}: permission denied"),
    "core.write_failed": ("{path}：无法写入文件（{reason}）", "{path}: cannot write the file ({reason})"),
    "core.report_file": ("报告.txt", "report.txt"),
}
