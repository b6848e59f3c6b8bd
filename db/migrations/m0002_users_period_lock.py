"""0002: users and roles, and period locks (SPEC §7).

``app_user``: people who sign in to the app. Roles: 'quan_tri' (Quản trị),
'chuyen_vien' (Chuyên viên), 'chi_xem' (Chỉ xem). ``password_hash`` is
"scrypt$n$r$p$<salt hex>$<hash hex>" so parameters can be raised later
without a migration; ``failed_count``/``locked_until`` drive the lockout.

``period_lock``: one row per locking of a year's figures (chốt số liệu) when a
report for it is sent upward; an unlock fills the ``unlocked_*`` columns, so
the table is also the history. A year is locked while it has a row with
``unlocked_at`` NULL.
"""

SQL = """
CREATE TABLE app_user (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    full_name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('quan_tri', 'chuyen_vien', 'chi_xem')),
    password_hash TEXT NOT NULL,
    failed_count INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL
);

CREATE TABLE period_lock (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    locked_at TEXT NOT NULL,
    locked_by TEXT NOT NULL,
    reason TEXT,
    unlocked_at TEXT,
    unlocked_by TEXT,
    unlock_reason TEXT,
    CHECK (unlocked_at IS NULL OR (unlocked_by IS NOT NULL AND unlock_reason IS NOT NULL))
);
CREATE UNIQUE INDEX period_lock_open ON period_lock(year) WHERE unlocked_at IS NULL;
"""
