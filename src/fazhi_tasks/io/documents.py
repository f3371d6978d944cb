"""TOML and JSON documents read safely: every failure of the standard readers becomes the caller's error.

A low room: it imports nothing of the package but its errors, so the plan files, the calendar files and
the report settings all read their documents through it.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

from fazhi_tasks.core.errors import DataFileError, Said

__all__ = ["MAX_TOML_KEY_PARTS", "parse_json", "parse_toml", "shown"]


def shown(value: object, limit: int = 60) -> str:
    """A value as typed, for an error message: its repr, cut to ``limit`` characters.

    >>> shown("T1"), shown(10 ** 70)[-9:]
    ("'T1'", '…（共71个字符）')
    """
    try:
        text = repr(value)
    except ValueError:  # an int past Python's digit limit for str()
        text = f"<{value.bit_length()} 位二进制的整数>" if isinstance(value, int) else object.__repr__(value)
    return text if len(text) <= limit else f"{text[:limit]}…（共{len(text)}个字符）"


#: Most parts in one dotted TOML key or table header (``a.b.c`` has 3); the standard library's reader
#: spends time growing with the square of the parts (200,000 parts: minutes), so longer keys are refused first.
MAX_TOML_KEY_PARTS = 64
_LONG_KEY = re.compile(  # more than MAX_TOML_KEY_PARTS parts; starts at a dot, so the scan skips to dots fast
    r"""\.(?:[ \t]*(?:[\w-]+|"[^"\n]{0,80}"|'[^'\n]{0,80}')[ \t]*\.){""" + str(MAX_TOML_KEY_PARTS - 1) + "}")


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _at(path: Path, line: int | None, zh: str, en: str, column: int | None = None) -> Said:
    """``plan.toml，第3行：…`` / ``plan.toml, line 3: …``."""
    where_zh = path.name + (f"，第{line}行" if line else "") + (f"，第{column}列" if column else "")
    where_en = path.name + (f", line {line}" if line else "") + (f", column {column}" if column else "")
    return Said.of("io.where_value", where_zh=Said(str(where_zh), str(where_en)), value=Said(str(zh), str(en)))


def parse_toml(text: str, path: Path, error: type[DataFileError]) -> dict[str, Any]:
    """A TOML document, every failure of the standard reader turned into ``error`` naming the line.

    Dotted keys longer than :data:`MAX_TOML_KEY_PARTS` parts are refused before parsing (the reader is
    quadratic in them); nesting deeper than Python's recursion limit and integers past its
    4,300-digit limit are reported as such.
    """
    if text.count(".") >= MAX_TOML_KEY_PARTS and (found := _LONG_KEY.search(text)):
        line = _line_at(text, found.start())
        message = _at(path, line, *Said.of("io.toml_key_parts", max_toml_key_parts=MAX_TOML_KEY_PARTS))
        raise error(message, path=str(path), line=line, value=found.group()[:60])
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found_line = re.search(r"line (\d+)", str(exc))
        bad_line = int(found_line.group(1)) if found_line else None
        message = _at(path, bad_line, *Said.of("io.toml_invalid", exc=exc))
        raise error(message, path=str(path), line=bad_line) from None
    except RecursionError:
        message = _at(path, None, *Said.of("io.toml_nested"))
        raise error(message, path=str(path)) from None
    except ValueError as exc:  # an integer past Python's 4,300-digit limit
        message = _at(path, None, *Said.of("io.toml_digits", exc=exc))
        raise error(message, path=str(path)) from None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refusing a key given twice (the last would silently win)."""
    obj = dict(pairs)
    if len(obj) < len(pairs):
        seen: set[str] = set()
        twice = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        message = f"字段 {twice!r} 在同一对象中出现了两次"
        raise _DuplicateKeyError(message, twice)
    return obj


def _key_count(doc: object) -> int:
    """The keys of the document's objects down to the second level (a plan's tasks, stages, calendar years).

    Equal to the text's count of ``":`` when every key is written ``"key":`` and no text holds ``":``;
    a key given twice makes them differ, so only then is the document parsed again with a check per
    object (which costs a tenth of the reading time).
    """
    if doc.__class__ is not dict:
        return -1
    assert isinstance(doc, dict)
    count = len(doc)
    for value in doc.values():
        if value.__class__ is dict:
            count += len(value) + sum(len(v) for v in value.values() if v.__class__ is dict)
        elif value.__class__ is list:
            count += sum(len(v) for v in value if v.__class__ is dict)
    return count


class _DuplicateKeyError(ValueError):
    def __init__(self, message: str, key: str) -> None:
        super().__init__(message)
        self.key = key


#: A ``\uD800``–``\uDFFF`` escape that is not half of a pair: JSON accepts it, no encoder can write it.
_LONE_SURROGATE = re.compile(r"(?<!\\)\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
                             r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})(?<!\\)\\u[dD][c-fC-F][0-9a-fA-F]{2}")


def parse_json(text: str, path: Path, error: type[DataFileError]) -> Any:
    """A JSON document: syntax errors name line and column; duplicate keys, deep nesting and
    integers past Python's 4,300-digit limit are refused as ``error``."""
    if ("\\ud" in text or "\\uD" in text) and (lone := _LONE_SURROGATE.search(text)):
        at = _line_at(text, lone.start())
        message = _at(path, at, *Said.of("io.lone_surrogate", lone=lone[0]))
        raise error(message, path=str(path), line=at, value=lone[0])
    try:
        doc = json.loads(text)
        if text.count('":') != _key_count(doc):  # perhaps a key given twice: parse again, checking each object
            doc = json.loads(text, object_pairs_hook=_unique_keys)
        return doc
    except json.JSONDecodeError as exc:
        message = _at(path, exc.lineno, *Said.of("io.json_invalid", msg=exc.msg), exc.colno)
        raise error(message, path=str(path), line=exc.lineno) from None
    except _DuplicateKeyError as exc:
        found = re.search(r'"' + re.escape(exc.key) + r'"\s*:', text)
        line = _line_at(text, found.start()) if found else None
        message = _at(path, line, *Said.of("io.json_key_twice", exc=Said(str(exc), repr(exc.key))))
        raise error(message, path=str(path), line=line, column=exc.key, value=exc.key) from None
    except RecursionError:
        message = _at(path, None, *Said.of("io.json_nested"))
        raise error(message, path=str(path)) from None
    except ValueError as exc:
        message = _at(path, None, *Said.of("io.json_digits", exc=exc))
        raise error(message, path=str(path)) from None
