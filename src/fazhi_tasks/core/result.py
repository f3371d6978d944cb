"""What every analysis result can do for its caller: become JSON data, or any format, through the package front.

Results are data: the analysis builds them and never imports the report layer. These conveniences call the
public front (``fazhi_tasks.render``, ``fazhi_tasks.to_dict``) exactly as a user would, so the layers keep one
direction; ``render(result, fmt)`` is the function, the methods are thin calls to it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

__all__ = ["Rendered"]


class Rendered:
    """``to_dict``, ``render`` and the ``to_*`` shortcuts, for a result ``fazhi_tasks.render`` knows."""

    __slots__ = ()

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """Plain JSON data: an object with ``schema_version``, ``kind``, codes in English with labels in ``lang``."""
        import fazhi_tasks

        return fazhi_tasks.to_dict(self, lang=lang)

    def render(self, fmt: str = "text", *, lang: str = "zh", settings: object = None,
               path: str | os.PathLike[str] | IO[bytes] | None = None) -> str | bytes | Path:
        """The result in ``fmt`` (see :func:`fazhi_tasks.render`)."""
        import fazhi_tasks

        return fazhi_tasks.render(self, fmt, lang=lang, settings=settings, path=path)  # type: ignore[arg-type]

    def to_text(self, lang: str = "zh") -> str:
        """Plain text for a terminal or an e-mail body; columns line up with Chinese text."""
        return str(self.render("text", lang=lang))

    def to_markdown(self, lang: str = "zh") -> str:
        """Markdown for chat tools and wikis; all text inert."""
        return str(self.render("markdown", lang=lang))

    def to_html(self, lang: str = "zh") -> str:
        """One self-contained HTML page (inline CSS and SVG charts, A4 print styles); all text escaped."""
        return str(self.render("html", lang=lang))

    def to_xlsx(self, path: str | os.PathLike[str] | IO[bytes] | None = None, lang: str = "zh") -> bytes | None:
        """An Excel workbook, a sheet per section: written to ``path``, or its bytes when no path is given."""
        out = self.render("xlsx", lang=lang, path=path)
        return out if isinstance(out, bytes) else None

    def to_docx(self, path: str | os.PathLike[str] | IO[bytes] | None = None, lang: str = "zh") -> bytes | None:
        """A Word document: written to ``path``, or its bytes when no path is given."""
        out = self.render("docx", lang=lang, path=path)
        return out if isinstance(out, bytes) else None
