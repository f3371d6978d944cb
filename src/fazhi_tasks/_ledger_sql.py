"""The shared ledger's schema on PostgreSQL, as numbered migrations.

Plain SQL that openGauss and KingbaseES also accept: no extensions, ``bigserial`` rather than identity
columns, ``EXECUTE PROCEDURE`` rather than ``EXECUTE FUNCTION``, no ``ON CONFLICT``. Row-level security
keeps each bureau's login role to its own rows; the group roles ``fazhi_writer`` (every bureau's role is
a member) and ``fazhi_reader`` (the 法治办, the province) are created by ``fazhi-tasks ledger init``.
"""

from __future__ import annotations

from ._model import Status

__all__ = ["MIGRATIONS", "PG_SCHEMA_VERSION", "READER_ROLE", "WRITER_ROLE"]

#: The group role every bureau's login role is made a member of.
WRITER_ROLE = "fazhi_writer"
#: The group role that reads every bureau's rows.
READER_ROLE = "fazhi_reader"

_STATUSES = ", ".join(f"'{s.value}'" for s in Status)
# a bureau's role may see and add only the rows of the bureau the 法治办 mapped it to
_OWN_BUREAU = "bureau IN (SELECT m.bureau FROM fazhi_bureau_roles m WHERE m.role_name = current_user)"

MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        ("CREATE TABLE fazhi_schema (version integer NOT NULL, "
         "applied_at timestamp with time zone NOT NULL DEFAULT now())"),
        # which login role writes for which bureau; kept by the 法治办 with `fazhi-tasks ledger grant`
        ("CREATE TABLE fazhi_bureau_roles (role_name varchar(63) PRIMARY KEY, bureau text NOT NULL "
         "CHECK (bureau <> ''), granted_at timestamp with time zone NOT NULL DEFAULT now())"),
        f"""CREATE TABLE fazhi_updates (
            seq         bigserial PRIMARY KEY,
            bureau      text NOT NULL CHECK (bureau <> ''),
            task_id     text NOT NULL CHECK (task_id <> ''),
            status      text NOT NULL CHECK (status IN ({_STATUSES})),
            percent     smallint CHECK (percent IS NULL OR percent BETWEEN 0 AND 100),
            on_date     date NOT NULL,
            note        text NOT NULL DEFAULT '',
            reported_by text NOT NULL DEFAULT '',
            recorded_at timestamp with time zone NOT NULL,
            recorded_by text NOT NULL DEFAULT current_user
        )""",
        # status_as_of: DISTINCT ON (task_id) ... ORDER BY task_id, on_date DESC, seq DESC reads this in order
        "CREATE INDEX fazhi_updates_latest ON fazhi_updates (bureau, task_id, on_date DESC, seq DESC)",
        """CREATE FUNCTION fazhi_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the ledger is append-only: record a correcting update instead';
        END $$""",
        ("CREATE TRIGGER fazhi_updates_no_change BEFORE UPDATE OR DELETE ON fazhi_updates "
         "FOR EACH ROW EXECUTE PROCEDURE fazhi_refuse_change()"),
        ("CREATE TRIGGER fazhi_updates_no_truncate BEFORE TRUNCATE ON fazhi_updates "
         "FOR EACH STATEMENT EXECUTE PROCEDURE fazhi_refuse_change()"),
        "ALTER TABLE fazhi_updates ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY fazhi_bureau_reads ON fazhi_updates FOR SELECT TO {WRITER_ROLE} USING ({_OWN_BUREAU})",
        f"CREATE POLICY fazhi_bureau_writes ON fazhi_updates FOR INSERT TO {WRITER_ROLE} WITH CHECK ({_OWN_BUREAU})",
        f"CREATE POLICY fazhi_reader_reads ON fazhi_updates FOR SELECT TO {READER_ROLE} USING (true)",
        "REVOKE ALL ON fazhi_updates, fazhi_bureau_roles, fazhi_schema FROM PUBLIC",
        "REVOKE ALL ON SEQUENCE fazhi_updates_seq_seq FROM PUBLIC",
        # column privileges: recorded_by is always the database's own current_user, never what a writer says
        f"GRANT SELECT ON fazhi_updates TO {WRITER_ROLE}",
        ("GRANT INSERT (bureau, task_id, status, percent, on_date, note, reported_by, recorded_at) "
         f"ON fazhi_updates TO {WRITER_ROLE}"),
        f"GRANT USAGE ON SEQUENCE fazhi_updates_seq_seq TO {WRITER_ROLE}",
        f"GRANT SELECT ON fazhi_updates TO {READER_ROLE}",
        f"GRANT SELECT ON fazhi_bureau_roles, fazhi_schema TO {WRITER_ROLE}, {READER_ROLE}",
    ),
}

#: The schema version `ledger init` brings a database to.
PG_SCHEMA_VERSION = max(MIGRATIONS)
