"""The shared ledger's schema on PostgreSQL, as numbered migrations.

Plain SQL that openGauss and KingbaseES also accept: no extensions, ``bigserial`` rather than identity
columns, ``EXECUTE PROCEDURE`` rather than ``EXECUTE FUNCTION``, no ``ON CONFLICT``. Row-level security
keeps each bureau's login role to its own rows.

The roles are the database's own, named after it (``fazhi_owner``, ``fazhi_writer``, ``fazhi_reader``,
``fazhi_admin`` for a database ``fazhi``), so a reader of one ledger reads nothing of another on the same
server: the statements name them by the tokens below, which ``ledger init`` replaces. The owner of every
object is a role nobody logs in as; the admin may only call the grant functions.
"""

from __future__ import annotations

from fazhi_tasks.model.values import Status

__all__ = ["ADMIN", "LEGACY_READER", "LEGACY_WRITER", "MIGRATIONS", "OWNER", "PG_SCHEMA_VERSION", "READER",
           "ROLE_KINDS", "WRITER"]

#: Tokens for the database's own roles in the statements: every bureau's login role is a member of the
#: writer group; the reader group reads every bureau; the owner (no login) owns the schema; the admin group
#: may grant and revoke, nothing else.
OWNER, WRITER, READER, ADMIN = "@owner@", "@writer@", "@reader@", "@admin@"
#: The kinds of role, as ``fazhi_roles`` names them, and their tokens.
ROLE_KINDS = {"owner": OWNER, "writer": WRITER, "reader": READER, "admin": ADMIN}
#: The cluster-wide group roles of schema version 1 (every ledger database on a server shared them).
LEGACY_WRITER, LEGACY_READER = "fazhi_writer", "fazhi_reader"
WRITER_ROLE, READER_ROLE = WRITER, READER

_STATUSES = ", ".join(f"'{s.value}'" for s in Status)
# a bureau's role may see and add only the rows of the bureau the 法治办 mapped it to
_OWN_BUREAU = "bureau IN (SELECT m.bureau FROM fazhi_bureau_roles m WHERE m.role_name = current_user)"
# version 2: the same, as an equality with a one-row subquery the planner runs once (an InitPlan), so the
# bureau's own reads use the index led by bureau instead of filtering every row (role_name is the key)
_OWN_BUREAU_2 = "bureau = (SELECT m.bureau FROM fazhi_bureau_roles m WHERE m.role_name = current_user)"

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
# Within one transaction the head of the chain it extends is kept in a transaction-local setting, so the rows of a
# batch after its first cost no query: the transaction holds the bureau's lock from its first row on, and every
# row it adds goes through here. A writer who forges the setting can only break its own bureau's chain where it
# writes (a repeated number is refused by the unique index; a wrong link is what verify reports) and cannot pass
# row-level security, which checks every row.
_CHAIN = f"""CREATE FUNCTION fazhi_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path FROM CURRENT AS $$
DECLARE
    head record;
    cached text := current_setting('fazhi.chain_head', true);
    rest text;
    n bigint;
    prev text;
BEGIN
    -- recorded_by is the column default current_user, evaluated as the writer (who may not name the column);
    -- only the login role itself, or a role it is, may be named even by the table's owner
    IF NOT pg_has_role(session_user, NEW.recorded_by, 'MEMBER') THEN
        RAISE EXCEPTION 'recorded_by must be the writing role, not %', NEW.recorded_by USING ERRCODE = '42501';
    END IF;
    NEW.recorded_at := now();
    IF length(cached) > 65 THEN  -- the head hash (64), its chain number, ':', the bureau
        rest := substr(cached, 65);
        IF substr(rest, position(':' in rest) + 1) = NEW.bureau THEN
            n := split_part(rest, ':', 1)::bigint;
            prev := substr(cached, 1, 64);
        END IF;
    END IF;
    IF n IS NULL THEN
        -- the first row of the bureau in this transaction: the writer is mapped to it, and its lock is taken
        PERFORM 1 FROM fazhi_chain_locks l WHERE l.bureau = NEW.bureau AND EXISTS (
            SELECT 1 FROM fazhi_bureau_roles m WHERE m.role_name = NEW.recorded_by AND m.bureau = NEW.bureau)
            FOR UPDATE OF l;
        IF NOT FOUND THEN
            -- checked before any lock is taken: a bureau cannot hold another's lock by failing to write for it
            IF NOT EXISTS (SELECT 1 FROM fazhi_bureau_roles m WHERE m.role_name = NEW.recorded_by
                           AND m.bureau = NEW.bureau)
               AND NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = NEW.recorded_by AND r.rolsuper) THEN
                RAISE EXCEPTION 'new row violates row-level security policy: % does not write for %',
                    NEW.recorded_by, NEW.bureau USING ERRCODE = '42501';
            END IF;{_TAKE_LOCK.format(b="NEW.bureau").replace(chr(10) + "    ", chr(10) + "            ")}
        END IF;
        SELECT u.chain_no, u.hash INTO head FROM fazhi_updates u WHERE u.bureau = NEW.bureau
            ORDER BY u.chain_no DESC LIMIT 1;
        IF FOUND THEN
            n := head.chain_no;
            prev := head.hash;
        ELSE
            n := 0;
            prev := repeat('0', 64);
        END IF;
    END IF;
    NEW.chain_no := n + 1;
    NEW.prev_hash := prev;
    NEW.hash := {_HASH_OF.format(p="NEW.")};
    PERFORM set_config('fazhi.chain_head', NEW.hash || NEW.chain_no::text || ':' || NEW.bureau, true);
    RETURN NEW;
END $$"""
# a bureau's import takes its chain's lock before it looks for rows already there (skip_existing)
_LOCK_CHAIN = f"""CREATE FUNCTION fazhi_lock_chain(b text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
    SET search_path FROM CURRENT AS $$
BEGIN
    -- joined to pg_roles: a mapped role the DBA has since dropped must not make the check fail for everyone
    IF NOT EXISTS (SELECT 1 FROM fazhi_bureau_roles m JOIN pg_roles r ON r.rolname = m.role_name
                   WHERE m.bureau = b AND pg_has_role(session_user, r.oid, 'MEMBER'))
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

# -- the admin's three functions: run as the owner, who alone may change the mapping and hand out the groups ----
# (the owner holds the writer and reader groups WITH ADMIN OPTION, so nobody needs CREATEROLE after init)
_REFUSE_GRANTEE = f"""CREATE FUNCTION fazhi_refuse_grantee(r text, kind text) RETURNS void LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $$
DECLARE
    who record;
BEGIN
    SELECT rolname, rolsuper INTO who FROM pg_roles WHERE rolname = r;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'role "%" does not exist: the DBA creates it first (createuser --pwprompt %)', r, r
            USING ERRCODE = '42704';
    END IF;
    IF who.rolsuper OR r LIKE 'pg\\_%' OR EXISTS (SELECT 1 FROM fazhi_roles f WHERE f.role_name = r)
       OR r IN ('{LEGACY_WRITER}', '{LEGACY_READER}') OR pg_has_role(r, '{ADMIN}', 'MEMBER') THEN
        RAISE EXCEPTION 'role "%" may not be granted: a superuser, a group or the admin of the ledger', r
            USING ERRCODE = '42501';
    END IF;
    IF kind = 'reader' AND pg_has_role(r, '{WRITER}', 'MEMBER') THEN
        RAISE EXCEPTION 'role "%" writes for a bureau: revoke it before making it a reader', r USING ERRCODE = '42501';
    END IF;
    IF kind = 'writer' AND pg_has_role(r, '{READER}', 'MEMBER') THEN
        RAISE EXCEPTION 'role "%" reads every bureau: revoke it before making it a writer', r USING ERRCODE = '42501';
    END IF;
END $$"""
_GRANT_BUREAU = f"""CREATE FUNCTION fazhi_grant_bureau(r text, b text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
    SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM fazhi_refuse_grantee(r, 'writer');
    UPDATE fazhi_bureau_roles SET bureau = b, granted_at = now() WHERE role_name = r;
    IF NOT FOUND THEN
        INSERT INTO fazhi_bureau_roles (role_name, bureau) VALUES (r, b);
    END IF;
    EXECUTE format('GRANT %I TO %I', '{WRITER}', r);
    PERFORM 1 FROM fazhi_chain_locks WHERE bureau = b;
    IF NOT FOUND THEN
        BEGIN
            INSERT INTO fazhi_chain_locks (bureau) VALUES (b);
        EXCEPTION WHEN unique_violation THEN
            NULL;
        END;
    END IF;
END $$"""
_GRANT_READER = f"""CREATE FUNCTION fazhi_grant_reader(r text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
    SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM fazhi_refuse_grantee(r, 'reader');
    IF EXISTS (SELECT 1 FROM fazhi_bureau_roles WHERE role_name = r) THEN
        RAISE EXCEPTION 'role "%" writes for a bureau: revoke it before making it a reader', r USING ERRCODE = '42501';
    END IF;
    EXECUTE format('GRANT %I TO %I', '{READER}', r);
END $$"""
_REVOKE = f"""CREATE FUNCTION fazhi_revoke(r text) RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
    SET search_path FROM CURRENT AS $$
DECLARE
    had boolean;
BEGIN
    had := EXISTS (SELECT 1 FROM fazhi_bureau_roles WHERE role_name = r) OR EXISTS (
        SELECT 1 FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles m ON m.oid = am.member
        WHERE m.rolname = r AND g.rolname IN ('{WRITER}', '{READER}'));
    DELETE FROM fazhi_bureau_roles WHERE role_name = r;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
        EXECUTE format('REVOKE %I FROM %I', '{WRITER}', r);
        EXECUTE format('REVOKE %I FROM %I', '{READER}', r);
    END IF;
    RETURN had;
END $$"""

MIGRATIONS[2] = (
    # every status of this version (已取消 came after the first ledgers were made)
    "ALTER TABLE fazhi_updates DROP CONSTRAINT IF EXISTS fazhi_updates_status_check",
    f"ALTER TABLE fazhi_updates ADD CONSTRAINT fazhi_updates_status_check CHECK (status IN ({_STATUSES}))",
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
    # version 1's policies and grants, to this database's own roles (a no-op on a ledger made at version 2)
    f"ALTER POLICY fazhi_bureau_reads ON fazhi_updates TO {WRITER} USING ({_OWN_BUREAU_2})",
    f"ALTER POLICY fazhi_bureau_writes ON fazhi_updates TO {WRITER} WITH CHECK ({_OWN_BUREAU_2})",
    f"ALTER POLICY fazhi_reader_reads ON fazhi_updates TO {READER} USING (true)",
    f"GRANT SELECT ON fazhi_updates, fazhi_bureau_roles, fazhi_schema TO {WRITER}, {READER}",
    f"GRANT USAGE ON SEQUENCE fazhi_updates_seq_seq TO {WRITER}",
    # each batch's key, written in the batch's transaction: after a lost connection the writer looks it up
    # and knows whether the batch was committed (sent again only if not: never doubled, never lost)
    ("CREATE TABLE fazhi_batches (batch text PRIMARY KEY, bureau text NOT NULL, row_count integer NOT NULL, "
     "recorded_at timestamp with time zone NOT NULL DEFAULT now(), recorded_by text NOT NULL DEFAULT current_user)"),
    "ALTER TABLE fazhi_batches ENABLE ROW LEVEL SECURITY",
    f"CREATE POLICY fazhi_batch_reads ON fazhi_batches FOR SELECT TO {WRITER} USING ({_OWN_BUREAU_2})",
    f"CREATE POLICY fazhi_batch_writes ON fazhi_batches FOR INSERT TO {WRITER} WITH CHECK ({_OWN_BUREAU_2})",
    f"CREATE POLICY fazhi_batch_reader ON fazhi_batches FOR SELECT TO {READER} USING (true)",
    "REVOKE ALL ON fazhi_batches FROM PUBLIC",
    f"GRANT SELECT, INSERT (batch, bureau, row_count) ON fazhi_batches TO {WRITER}",
    f"GRANT SELECT ON fazhi_batches TO {READER}",
    ("CREATE TRIGGER fazhi_batches_no_change BEFORE UPDATE OR DELETE ON fazhi_batches FOR EACH ROW "
     "EXECUTE PROCEDURE fazhi_refuse_change()"),
    # which role is which: the library reads the names here rather than guessing them
    "CREATE TABLE fazhi_roles (kind text PRIMARY KEY, role_name text NOT NULL UNIQUE)",
    "REVOKE ALL ON fazhi_roles FROM PUBLIC",
    f"GRANT SELECT ON fazhi_roles TO {WRITER}, {READER}, {ADMIN}",
    f"GRANT SELECT ON fazhi_bureau_roles, fazhi_schema TO {ADMIN}",
    _REFUSE_GRANTEE,
    _GRANT_BUREAU,
    _GRANT_READER,
    _REVOKE,
    ("REVOKE ALL ON FUNCTION fazhi_refuse_grantee(text, text), fazhi_grant_bureau(text, text), "
     "fazhi_grant_reader(text), fazhi_revoke(text) FROM PUBLIC"),
    (f"GRANT EXECUTE ON FUNCTION fazhi_grant_bureau(text, text), fazhi_grant_reader(text), fazhi_revoke(text) "
     f"TO {ADMIN}"),
)

#: Version 2 → 3 (issue 25): the office's reviews (销号 / 退回), append-only like the updates and kept apart by
#: bureau the same way (row-level security); the server stamps when and which role, as it does the updates.
MIGRATIONS[3] = (
    """CREATE TABLE fazhi_reviews (
        seq         bigserial PRIMARY KEY,
        bureau      text NOT NULL CHECK (bureau <> ''),
        task_id     text NOT NULL CHECK (task_id <> ''),
        decision    text NOT NULL CHECK (decision IN ('pass', 'return')),
        on_date     date NOT NULL,
        reason      text NOT NULL DEFAULT '',
        reviewed_by text NOT NULL DEFAULT '',
        recorded_at timestamp with time zone NOT NULL DEFAULT now(),
        recorded_by text NOT NULL DEFAULT current_user,
        CHECK (decision = 'pass' OR reason <> '')
    )""",
    "CREATE INDEX fazhi_reviews_by_task ON fazhi_reviews (bureau, task_id, seq)",
    ("CREATE TRIGGER fazhi_reviews_no_change BEFORE UPDATE OR DELETE ON fazhi_reviews "
     "FOR EACH ROW EXECUTE PROCEDURE fazhi_refuse_change()"),
    ("CREATE TRIGGER fazhi_reviews_no_truncate BEFORE TRUNCATE ON fazhi_reviews "
     "FOR EACH STATEMENT EXECUTE PROCEDURE fazhi_refuse_change()"),
    "ALTER TABLE fazhi_reviews ENABLE ROW LEVEL SECURITY",
    f"CREATE POLICY fazhi_review_reads ON fazhi_reviews FOR SELECT TO {WRITER} USING ({_OWN_BUREAU_2})",
    f"CREATE POLICY fazhi_review_writes ON fazhi_reviews FOR INSERT TO {WRITER} WITH CHECK ({_OWN_BUREAU_2})",
    f"CREATE POLICY fazhi_review_reader ON fazhi_reviews FOR SELECT TO {READER} USING (true)",
    "REVOKE ALL ON fazhi_reviews FROM PUBLIC",
    "REVOKE ALL ON SEQUENCE fazhi_reviews_seq_seq FROM PUBLIC",
    # column privileges: recorded_at and recorded_by are the server's, never what a writer says
    f"GRANT SELECT, INSERT (bureau, task_id, decision, on_date, reason, reviewed_by) ON fazhi_reviews TO {WRITER}",
    f"GRANT USAGE ON SEQUENCE fazhi_reviews_seq_seq TO {WRITER}",
    f"GRANT SELECT ON fazhi_reviews TO {READER}",
)

# version 4: an account keeps its bureau, name, role and division; only its password may change (the server stamps
# when); nothing is deleted
_ACCOUNT_FIXED = """CREATE FUNCTION fazhi_account_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'accounts are never deleted';
    END IF;
    IF NEW.bureau IS DISTINCT FROM OLD.bureau OR NEW.name IS DISTINCT FROM OLD.name
       OR NEW.role IS DISTINCT FROM OLD.role OR NEW.division IS DISTINCT FROM OLD.division
       OR NEW.created_at IS DISTINCT FROM OLD.created_at OR NEW.created_by IS DISTINCT FROM OLD.created_by THEN
        RAISE EXCEPTION 'an account keeps its name, role and division: only its password may change';
    END IF;
    NEW.password_at := now();
    RETURN NEW;
END $$"""
# version 4: the one way a bureau attaches evidence. It hands over the bytes, so a bureau that knows only a hash
# (seen in a link) cannot name another bureau's file in its own metadata and then read it; the bytes are stored
# once under their SHA-256 (insert if absent, which only the owner can see), and the metadata row is stamped with
# the server's time and the login role, as updates are.
_ADD_EVIDENCE = """CREATE FUNCTION fazhi_add_evidence(b text, t text, fname text, ctype text, by_whom text,
        content bytea) RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    digest text := encode(sha256(content), 'hex');
BEGIN
    IF NOT EXISTS (SELECT 1 FROM fazhi_bureau_roles m JOIN pg_roles r ON r.rolname = m.role_name
                   WHERE m.bureau = b AND pg_has_role(session_user, r.oid, 'MEMBER'))
       AND NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = session_user AND r.rolsuper) THEN
        RAISE EXCEPTION 'new row violates row-level security policy: % does not write for %', session_user, b
            USING ERRCODE = '42501';
    END IF;
    INSERT INTO fazhi_evidence_files (sha256, data, size)
        SELECT digest, content, octet_length(content)
        WHERE NOT EXISTS (SELECT 1 FROM fazhi_evidence_files f WHERE f.sha256 = digest);
    INSERT INTO fazhi_evidence (bureau, sha256, task_id, filename, content_type, size, uploaded_by, recorded_by)
        VALUES (b, digest, t, fname, ctype, octet_length(content), by_whom, session_user);
    RETURN digest;
END $$"""
_OWN_FILE = ("EXISTS (SELECT 1 FROM fazhi_evidence e WHERE e.sha256 = fazhi_evidence_files.sha256 AND e."
             + _OWN_BUREAU_2 + ")")

#: Version 3 → 4 (issue 25): the web front's accounts and the evidence (佐证材料) on the shared ledger. A bureau's
#: role adds its own accounts and changes only their password hashes; the city's reader sees who has an account
#: but never a hash. Evidence metadata is append-only and kept apart by bureau; the bytes are stored once per
#: SHA-256 and a bureau reads only those its own evidence names.
MIGRATIONS[4] = (
    r"""CREATE TABLE fazhi_accounts (
        bureau        text NOT NULL CHECK (bureau <> ''),
        name          text NOT NULL CHECK (name <> ''),
        role          text NOT NULL CHECK (role IN ('division', 'office', 'director')),
        division      text CHECK ((role = 'division') = (division IS NOT NULL AND division <> '')),
        password_hash text NOT NULL CHECK (password_hash LIKE '$argon2%'),
        created_at    timestamp with time zone NOT NULL DEFAULT now(),
        password_at   timestamp with time zone NOT NULL DEFAULT now(),
        created_by    text NOT NULL DEFAULT current_user,
        PRIMARY KEY (bureau, name)
    )""",
    _ACCOUNT_FIXED,
    ("CREATE TRIGGER fazhi_accounts_fixed BEFORE UPDATE OR DELETE ON fazhi_accounts "
     "FOR EACH ROW EXECUTE PROCEDURE fazhi_account_fixed()"),
    ("CREATE TRIGGER fazhi_accounts_no_truncate BEFORE TRUNCATE ON fazhi_accounts "
     "FOR EACH STATEMENT EXECUTE PROCEDURE fazhi_refuse_change()"),
    "ALTER TABLE fazhi_accounts ENABLE ROW LEVEL SECURITY",
    f"CREATE POLICY fazhi_account_reads ON fazhi_accounts FOR SELECT TO {WRITER} USING ({_OWN_BUREAU_2})",
    f"CREATE POLICY fazhi_account_writes ON fazhi_accounts FOR INSERT TO {WRITER} WITH CHECK ({_OWN_BUREAU_2})",
    (f"CREATE POLICY fazhi_account_passwords ON fazhi_accounts FOR UPDATE TO {WRITER} USING ({_OWN_BUREAU_2}) "
     f"WITH CHECK ({_OWN_BUREAU_2})"),
    f"CREATE POLICY fazhi_account_reader ON fazhi_accounts FOR SELECT TO {READER} USING (true)",
    "REVOKE ALL ON fazhi_accounts FROM PUBLIC",
    # column privileges: a bureau names the account; the server stamps when and who; only the hash may change;
    # the reader never reads a hash
    (f"GRANT SELECT, INSERT (bureau, name, role, division, password_hash), UPDATE (password_hash) "
     f"ON fazhi_accounts TO {WRITER}"),
    f"GRANT SELECT (bureau, name, role, division, created_at, password_at, created_by) ON fazhi_accounts TO {READER}",
    """CREATE TABLE fazhi_evidence_files (
        sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        data   bytea NOT NULL,
        size   integer NOT NULL,
        CHECK (size = octet_length(data) AND encode(sha256(data), 'hex') = sha256)
    )""",
    """CREATE TABLE fazhi_evidence (
        seq          bigserial PRIMARY KEY,
        bureau       text NOT NULL CHECK (bureau <> ''),
        sha256       text NOT NULL REFERENCES fazhi_evidence_files (sha256),
        task_id      text NOT NULL CHECK (task_id <> ''),
        filename     text NOT NULL,
        content_type text NOT NULL,
        size         integer NOT NULL CHECK (size >= 0),
        uploaded_by  text NOT NULL DEFAULT '',
        recorded_at  timestamp with time zone NOT NULL DEFAULT now(),
        recorded_by  text NOT NULL DEFAULT current_user
    )""",
    "CREATE INDEX fazhi_evidence_by_task ON fazhi_evidence (bureau, task_id, seq)",
    "CREATE INDEX fazhi_evidence_by_hash ON fazhi_evidence (sha256, bureau)",
    ("CREATE TRIGGER fazhi_evidence_no_change BEFORE UPDATE OR DELETE ON fazhi_evidence "
     "FOR EACH ROW EXECUTE PROCEDURE fazhi_refuse_change()"),
    ("CREATE TRIGGER fazhi_evidence_no_truncate BEFORE TRUNCATE ON fazhi_evidence "
     "FOR EACH STATEMENT EXECUTE PROCEDURE fazhi_refuse_change()"),
    ("CREATE TRIGGER fazhi_evidence_files_no_change BEFORE UPDATE OR DELETE ON fazhi_evidence_files "
     "FOR EACH ROW EXECUTE PROCEDURE fazhi_refuse_change()"),
    ("CREATE TRIGGER fazhi_evidence_files_no_truncate BEFORE TRUNCATE ON fazhi_evidence_files "
     "FOR EACH STATEMENT EXECUTE PROCEDURE fazhi_refuse_change()"),
    "ALTER TABLE fazhi_evidence ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE fazhi_evidence_files ENABLE ROW LEVEL SECURITY",
    f"CREATE POLICY fazhi_evidence_reads ON fazhi_evidence FOR SELECT TO {WRITER} USING ({_OWN_BUREAU_2})",
    f"CREATE POLICY fazhi_evidence_reader ON fazhi_evidence FOR SELECT TO {READER} USING (true)",
    f"CREATE POLICY fazhi_file_reads ON fazhi_evidence_files FOR SELECT TO {WRITER} USING ({_OWN_FILE})",
    f"CREATE POLICY fazhi_file_reader ON fazhi_evidence_files FOR SELECT TO {READER} USING (true)",
    "REVOKE ALL ON fazhi_evidence, fazhi_evidence_files FROM PUBLIC",
    "REVOKE ALL ON SEQUENCE fazhi_evidence_seq_seq FROM PUBLIC",
    # no INSERT for anyone: evidence comes in through fazhi_add_evidence only, with its bytes
    f"GRANT SELECT ON fazhi_evidence, fazhi_evidence_files TO {WRITER}, {READER}",
    _ADD_EVIDENCE,
    "REVOKE ALL ON FUNCTION fazhi_add_evidence(text, text, text, text, text, bytea) FROM PUBLIC",
    f"GRANT EXECUTE ON FUNCTION fazhi_add_evidence(text, text, text, text, text, bytea) TO {WRITER}",
)

#: The schema version `ledger init` brings a database to.
PG_SCHEMA_VERSION = max(MIGRATIONS)
