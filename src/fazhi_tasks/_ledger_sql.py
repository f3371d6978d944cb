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

# version 1 → 2: the hash chain (see _ledger_chain), computed by a trigger the writer cannot bypass, and the
# server's own time: a writer may no longer name recorded_at, chain_no, prev_hash or hash.
_FIELD = "octet_length({0})::text || ':' || {0}"
_ROW_HASH = ("CREATE FUNCTION fazhi_row_hash(prev text, b text, n bigint, s bigint, t text, st text, p smallint, "
             "d date, note text, rb text, at timestamp with time zone, wb text) RETURNS text LANGUAGE sql STABLE AS $$ "
             "SELECT encode(sha256(convert_to(" + " || ".join(_FIELD.format(f) for f in (
                 "prev", "b", "n::text", "s::text", "t", "st", "coalesce(p::text, '')", "to_char(d, 'YYYY-MM-DD')",
                 "note", "rb", """to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')""", "wb"))
             + ", 'UTF8')), 'hex') $$")
_HASH_OF = ("fazhi_row_hash({p}prev_hash, {p}bureau, {p}chain_no, {p}seq, {p}task_id, {p}status, {p}percent, "
            "{p}on_date, {p}note, {p}reported_by, {p}recorded_at, {p}recorded_by)")
# the bureau's chain is extended under a row lock only this function (the schema's owner) can take: another
# bureau cannot block it, as it could an advisory lock on a key it can compute (pg_locks shows those keys)
_TAKE_LOCK = """
    PERFORM 1 FROM fazhi_chain_locks WHERE bureau = {b} FOR UPDATE;
    IF NOT FOUND THEN
        BEGIN
            INSERT INTO fazhi_chain_locks (bureau) VALUES ({b});
        EXCEPTION WHEN unique_violation THEN
            PERFORM 1 FROM fazhi_chain_locks WHERE bureau = {b} FOR UPDATE;
        END;
    END IF;"""
_CHAIN = f"""CREATE FUNCTION fazhi_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path FROM CURRENT AS $$
DECLARE
    head record;
BEGIN
    -- recorded_by is the column default current_user, evaluated as the writer (who may not name the column);
    -- only the login role itself, or a role it is, may be named even by the table's owner
    IF NOT pg_has_role(session_user, NEW.recorded_by, 'MEMBER') THEN
        RAISE EXCEPTION 'recorded_by must be the writing role, not %', NEW.recorded_by USING ERRCODE = '42501';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM fazhi_bureau_roles m WHERE m.role_name = NEW.recorded_by AND m.bureau = NEW.bureau)
       AND NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = NEW.recorded_by AND r.rolsuper) THEN
        RAISE EXCEPTION 'new row violates row-level security policy: % does not write for %', NEW.recorded_by,
            NEW.bureau USING ERRCODE = '42501';
    END IF;
    NEW.recorded_at := now();{_TAKE_LOCK.format(b="NEW.bureau")}
    SELECT u.chain_no, u.hash INTO head FROM fazhi_updates u WHERE u.bureau = NEW.bureau
        ORDER BY u.chain_no DESC LIMIT 1;
    IF FOUND THEN
        NEW.chain_no := head.chain_no + 1;
        NEW.prev_hash := head.hash;
    ELSE
        NEW.chain_no := 1;
        NEW.prev_hash := repeat('0', 64);
    END IF;
    NEW.hash := {_HASH_OF.format(p="NEW.")};
    RETURN NEW;
END $$"""
# a bureau's import takes its chain's lock before it looks for rows already there (skip_existing)
_LOCK_CHAIN = f"""CREATE FUNCTION fazhi_lock_chain(b text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
    SET search_path FROM CURRENT AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM fazhi_bureau_roles m WHERE m.bureau = b AND pg_has_role(session_user, m.role_name,
                   'MEMBER'))
       AND NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = session_user AND r.rolsuper) THEN
        RAISE EXCEPTION 'new row violates row-level security policy: % does not write for %', session_user, b
            USING ERRCODE = '42501';
    END IF;{_TAKE_LOCK.format(b="b")}
END $$"""
_BACKFILL = f"""DO $$
DECLARE
    r record;
    b text;
    n bigint;
    prev text;
BEGIN
    FOR r IN SELECT seq, bureau FROM fazhi_updates ORDER BY bureau, seq LOOP
        IF b IS DISTINCT FROM r.bureau THEN
            b := r.bureau;
            n := 0;
            prev := repeat('0', 64);
        END IF;
        n := n + 1;
        UPDATE fazhi_updates SET chain_no = n, prev_hash = prev WHERE seq = r.seq;
        UPDATE fazhi_updates SET hash = {_HASH_OF.format(p="")} WHERE seq = r.seq RETURNING hash INTO prev;
    END LOOP;
END $$"""

MIGRATIONS[2] = (
    "ALTER TABLE fazhi_updates ADD COLUMN chain_no bigint, ADD COLUMN prev_hash text, ADD COLUMN hash text",
    "ALTER TABLE fazhi_updates ALTER COLUMN recorded_at SET DEFAULT now()",
    "CREATE TABLE fazhi_chain_locks (bureau text PRIMARY KEY)",
    "REVOKE ALL ON fazhi_chain_locks FROM PUBLIC",
    _ROW_HASH,
    "ALTER TABLE fazhi_updates DISABLE TRIGGER fazhi_updates_no_change",
    _BACKFILL,
    "ALTER TABLE fazhi_updates ENABLE TRIGGER fazhi_updates_no_change",
    ("ALTER TABLE fazhi_updates ALTER COLUMN chain_no SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, "
     "ALTER COLUMN hash SET NOT NULL"),
    "CREATE UNIQUE INDEX fazhi_updates_chain ON fazhi_updates (bureau, chain_no)",
    _CHAIN,
    "CREATE TRIGGER fazhi_updates_chain BEFORE INSERT ON fazhi_updates FOR EACH ROW EXECUTE PROCEDURE fazhi_chain()",
    _LOCK_CHAIN,
    "REVOKE ALL ON FUNCTION fazhi_chain(), fazhi_lock_chain(text) FROM PUBLIC",
    f"GRANT EXECUTE ON FUNCTION fazhi_lock_chain(text) TO {WRITER_ROLE}",
    f"REVOKE INSERT ON fazhi_updates FROM {WRITER_ROLE}",
    f"GRANT INSERT (bureau, task_id, status, percent, on_date, note, reported_by) ON fazhi_updates TO {WRITER_ROLE}",
)

#: The schema version `ledger init` brings a database to.
PG_SCHEMA_VERSION = max(MIGRATIONS)
