"""Storage: the SQLite schema, numbered migrations, the connection (PRAGMAs) and repositories.

Owns every line of SQL in the project. Imports sqlite3 / sqlite_utils and
``desktop_app.errors`` only — never Qt, never services or UI.
"""
