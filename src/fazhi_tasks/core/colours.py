"""The 督办等级 colours, one table for Word, Excel and HTML: a director sees the same 红 in every output."""

from __future__ import annotations

__all__ = ["LEVEL_FILLS", "LEVEL_INK"]

#: 督办等级 → its fill (hex RGB): 蓝 / 黄 / 红 supervision slips, light enough to print black text on.
LEVEL_FILLS = {"蓝": "9DC3E6", "黄": "FFE699", "红": "FF8080"}
#: The text on those fills.
LEVEL_INK = "1F2933"
