"""The web front (``pip install fazhi-tasks[web]``): divisions report, the 法治办 reviews and closes, the director
reads — server-rendered pages in Chinese and a JSON API, on the library's public API.

Run it alone with ``fazhi-tasks serve --plan P --ledger L``, or mount it in a host app::

    from starlette.applications import Starlette
    from starlette.routing import Mount
    from fazhi_tasks.web import create_app

    host = Starlette(routes=[Mount("/tasks", app=create_app(plan="plan.xlsx", ledger="progress.db"))])
"""

from __future__ import annotations

from fazhi_tasks.web.app import create_app

__all__ = ["create_app"]
