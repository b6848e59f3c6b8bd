"""0006: signed packages (issue #15): this office's signing key and the keys it trusts.

``office_key``: one row, the office's Ed25519 private key (its 32 random raw bytes;
the public key is derived from it). It lives in the data file, so it travels with
every backup and a restore keeps it. A migration is SQL only, and SQLite's
``randomblob`` is not documented as a cryptographic source, so the table starts
empty and ``db.queries_packages.ensure_office_key`` fills it from the operating
system's generator on the first open after this migration (and a new file's first).

``trusted_key``: the key pinned for each office whose packages this file imports
(``role`` 'cap_duoi'), and the one key of the level above whose catalogue packages
it accepts ('cap_tren', ``office_uid`` = that office's uid). A pin is made only after
a person confirmed the fingerprint; replacing one needs an admin and a reason, and
both are written to the audit log.
"""

SQL = """
CREATE TABLE office_key (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    private_key BLOB NOT NULL CHECK (length(private_key) = 32),
    created_at TEXT NOT NULL
);

CREATE TABLE trusted_key (
    office_uid TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('cap_duoi', 'cap_tren')),
    name TEXT NOT NULL DEFAULT '',
    public_key BLOB NOT NULL CHECK (length(public_key) = 32),
    fingerprint TEXT NOT NULL,
    pinned_at TEXT NOT NULL,
    pinned_by TEXT,
    reason TEXT,
    PRIMARY KEY (office_uid, role)
);
"""
