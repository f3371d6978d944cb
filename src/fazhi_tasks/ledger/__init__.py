"""The progress ledger, in the shape of httpx's transports: the front (``Ledger``), the back-end protocol
(``base``), the SQLite and PostgreSQL back ends and their migrations, the thread lock. Imports
``model`` and ``core``.
"""
