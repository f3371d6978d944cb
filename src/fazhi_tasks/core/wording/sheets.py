"""The wording of the ``sheets`` room's messages: key → (zh, en), merged into the language table."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
}
