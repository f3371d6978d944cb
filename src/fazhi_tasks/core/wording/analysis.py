"""The wording of the ``analysis`` room's messages: key → (zh, en), merged into the language table."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    "analysis.rollup_needs_reader": (
        ("{path}：全市汇总须用只读全部单位的角色（fazhi-tasks ledger grant --reader）；"
         "当前角色只能读取本单位（{bureau}）的进展，其他单位会显示为0%"),
        ("{path}: the city rollup needs a role that reads every bureau (fazhi-tasks ledger grant --reader); this "
         "role reads its own bureau only ({bureau}), so every other bureau would show 0%")),
    "analysis.no_bureau": ("无", "none"),
}
