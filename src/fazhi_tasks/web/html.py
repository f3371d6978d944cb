"""The page frame and small HTML pieces; every text passes through :func:`html.escape`.

A page is the report styles (``/static/report.css``, the same CSS the HTML reports carry inline) plus the web
styles (``/static/web.css``: navigation, forms, a phone layout, A4 print). No script anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

from starlette.responses import HTMLResponse

from fazhi_tasks.web.rights import is_director, is_office
from fazhi_tasks.web.security import csrf_token
from fazhi_tasks.web.wording import ROLE_LABELS, word

if TYPE_CHECKING:
    from starlette.requests import Request

    from fazhi_tasks.model.review import Account

__all__ = ["Safe", "csrf_field", "href", "page", "report_body", "report_style", "table"]


class Safe(str):
    """HTML already escaped (built by these helpers): put in a page as it is."""

    __slots__ = ()


def html_of(value: object) -> str:
    """``value`` as HTML: a :class:`Safe` as it is, anything else escaped."""
    return value if isinstance(value, Safe) else escape("" if value is None else str(value))


def href(request: Request, path: str) -> str:
    """The URL of one of this app's paths, under wherever the app is mounted (escaped for an attribute)."""
    return escape(f"{request.scope.get('root_path', '')}{path}")


def csrf_field(request: Request) -> Safe:
    """The hidden field carrying the session's CSRF token."""
    return Safe(f'<input type="hidden" name="csrf" value="{escape(csrf_token(request.session))}">')


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], *, id_: str = "") -> Safe:
    """A table; cells are escaped unless :class:`Safe`."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html_of(c)}</td>" for c in row) + "</tr>" for row in rows)
    if not body:
        return Safe(f'<p class="empty">{escape(word("history.none"))}</p>')
    ident = f' id="{escape(id_)}"' if id_ else ""
    return Safe(f'<div class="scroll"><table{ident}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>')


_BODY = re.compile(r"<body>(.*)</body>", re.S)
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def report_body(document: str) -> Safe:
    """The inside of a rendered HTML report's ``<body>`` (the renderer escaped its text)."""
    found = _BODY.search(document)
    return Safe(f'<div class="report">{found.group(1) if found else ""}</div>')


def report_style(document: str) -> str:
    """The CSS a rendered HTML report carries inline (served as a file: the CSP allows no inline style)."""
    found = _STYLE.search(document)
    return found.group(1) if found else ""


def _nav(request: Request, account: Account) -> str:
    links = [("/", "nav.home"), ("/overdue", "nav.overdue"), ("/rectify", "nav.rectify")]
    if not is_director(account):
        links.append(("/progress", "nav.progress"))
    if is_office(account):
        links.append(("/review", "nav.review"))
    items = "".join(f'<a href="{href(request, path)}">{escape(word(key))}</a>' for path, key in links)
    role = str(getattr(account.role, "value", account.role))
    who = escape(f"{account.name}（{account.division or ROLE_LABELS.get(role, role)}）")
    logout = (f'<form method="post" action="{href(request, "/logout")}" class="inline">{csrf_field(request)}'
              f'<button type="submit" class="link">{escape(word("nav.logout"))}</button></form>')
    return (f'<nav class="top"><span class="app">{escape(word("app"))}</span>{items}<span class="who">{who}</span>'
            f"{logout}</nav>")


def page(request: Request, title: str, body: str, *, account: Account | None = None, status: int = 200,
         notice: str = "", error: str = "") -> HTMLResponse:
    """A whole page: head (viewport, the two style sheets), navigation for a logged-in account, the body."""
    nav = _nav(request, account) if account is not None else ""
    shown = (f'<p class="notice">{escape(notice)}</p>' if notice else "") + \
        (f'<p class="error" role="alert">{escape(error)}</p>' if error else "")
    document = ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"<title>{escape(title)} · {escape(word('app'))}</title>"
                f'<link rel="stylesheet" href="{href(request, "/static/report.css")}">'
                f'<link rel="stylesheet" href="{href(request, "/static/web.css")}"></head>'
                f"<body>{nav}<main>{shown}{body}</main></body></html>\n")
    return HTMLResponse(document, status_code=status)
