"""The two kinds of expected errors, decided at the boundary (see STYLE.md §5).

``ValidationError``: bad user input, shown inline or printed by the CLI.
``DatabaseError``: a known problem with the data file (locked, read-only,
full, corrupt, newer than the app) with a Vietnamese message and a way out.
Anything else is a bug for the crash handler.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Problem:
    """One problem with one value: where it is and what is wrong, in Vietnamese."""

    message: str
    field: str | None = None
    label: str | None = None
    value: object = None
    row: int | None = None
    sheet: str | None = None
    file: str | None = None
    column: str | None = None  # spreadsheet column letter, for imports

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(f"tệp {self.file}")
        if self.sheet:
            where.append(f"trang {self.sheet}")
        if self.row is not None:
            where.append(f"dòng {self.row}")
        if self.label or self.field:
            letter = f"{self.column} " if self.column else ""
            where.append(f"cột {letter}«{self.label or self.field}»")
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class BiencheError(Exception):
    """Base of the errors a user may see; ``str()`` is the Vietnamese message."""


@dataclass
class ValidationError(BiencheError):
    problems: list[Problem] = field(default_factory=list)

    def __init__(self, problems: list[Problem] | list[str] | str):
        if isinstance(problems, str):
            problems = [problems]
        self.problems = [p if isinstance(p, Problem) else Problem(str(p)) for p in problems]
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class DatabaseError(BiencheError):
    """A known data-file problem. ``kind`` is one of: newer, locked, readonly,
    full, corrupt, notadb, missing, busy."""

    def __init__(self, message: str, kind: str = "other"):
        super().__init__(message)
        self.kind = kind
        self.detail: str | None = None  # SQLite's own words, for "Sao chép chi tiết" only
        self.backup: object = None  # the newest good backup (Path), offered by the GUI


class PermissionDenied(BiencheError):
    """The current user's role does not allow this action."""
