"""Undo and redo of saved edits (SPEC §10), Qt-free so any page, a script or a
test can use it: ``History.save`` creates or updates a record through
``services.records`` and remembers (entity, id, old values, new values);
``undo`` writes the old values back (or deletes a created row), ``redo`` writes
the new ones again. Every step is an ordinary audited records call, so the
audit log shows undo and redo like any other edit.

A created row that is undone and redone gets a new id from SQLite; the history
keeps a map from the first id to the current one so that later steps on the
same record still find it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from db import repo
from desktop_app.context import Context
from desktop_app.entities import ENTITIES
from desktop_app.services import records

LIMIT = 200  # steps kept; older ones are forgotten


@dataclass
class Edit:
    """One saved edit. ``old`` empty: the row was created; ``new`` empty: deleted."""

    entity: str
    row_id: int
    old: dict[str, Any] = field(default_factory=dict)
    new: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    parts: list[Edit] = field(default_factory=list)  # a step made of several edits

    @property
    def verb(self) -> str:
        return "thêm" if not self.old else "xóa" if not self.new else "sửa"

    def describe(self) -> str:
        """E.g. «sửa đơn vị «Trường Tiểu học Phúc Đồng»»."""
        if self.parts:
            return self.title
        label = ENTITIES[self.entity].label
        label = label[:1].lower() + label[1:]
        return f"{self.verb} {label} «{self.title}»" if self.title else f"{self.verb} {label}"


def _title(row: Mapping[str, Any]) -> str:
    return str(row.get("name") or row.get("full_name") or row.get("code")
               or (f"năm {row['year']}" if row.get("year") else "") or "")


def _declared(entity: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """The declared, writable fields of a stored row (no id, no derived keys)."""
    fields = ENTITIES[entity].fields
    return {f.name: row.get(f.name) for f in fields if not f.readonly and f.name in row}


class History:
    """The undo stack of one open data file."""

    def __init__(self, ctx: Context, limit: int = LIMIT):
        self.ctx, self.limit = ctx, limit
        self.edits: list[Edit] = []
        self.position = 0  # edits[:position] are done, edits[position:] undone
        self._ids: dict[tuple[str, int], int] = {}

    # ------------------------------------------------------------ recording
    def save(self, entity: str, raw: Mapping[str, Any], row_id: int | None = None) -> int:
        """Create (row_id None) or update through ``records``; remember the step."""
        if row_id is None:
            new_id = records.create(self.ctx, entity, raw)
            row = repo.get(self.ctx.db, ENTITIES[entity].table, new_id) or {}
            self.push(Edit(entity, new_id, {}, _declared(entity, row), _title(row)))
            return new_id
        before = repo.get(self.ctx.db, ENTITIES[entity].table, row_id) or {}
        changed = records.update(self.ctx, entity, row_id, raw)
        names = [k for k in changed if k in ENTITIES[entity].names]
        if names:
            after = {**before, **changed}
            self.push(Edit(entity, row_id, {k: before.get(k) for k in names},
                           {k: changed[k] for k in names}, _title(after)))
        return row_id

    def delete(self, entity: str, row_id: int) -> None:
        """Delete through ``records``; undo creates the row again."""
        row = repo.get(self.ctx.db, ENTITIES[entity].table, row_id)
        if row is None:
            return
        records.delete(self.ctx, entity, row_id)
        self.push(Edit(entity, row_id, _declared(entity, row), {}, _title(row)))

    def push_created(self, entity: str, ids: list[int], text: str) -> None:
        """Several rows created by one service call (one transaction) become one
        step: undo deletes them all, redo creates them again."""
        if not ids:
            return
        table = ENTITIES[entity].table
        parts = [Edit(entity, i, {}, _declared(entity, repo.get(self.ctx.db, table, i) or {})) for i in ids]
        self.push(Edit(entity, ids[0], {}, parts[0].new, text, parts))

    def push(self, edit: Edit) -> None:
        del self.edits[self.position:]  # a new edit drops what was undone
        self.edits.append(edit)
        if len(self.edits) > self.limit:
            del self.edits[0]
        self.position = len(self.edits)

    # ------------------------------------------------------------ moving
    def can_undo(self) -> bool:
        return self.position > 0

    def can_redo(self) -> bool:
        return self.position < len(self.edits)

    def undo_text(self) -> str:
        return f"Hoàn tác: {self.edits[self.position - 1].describe()}" if self.can_undo() else "Hoàn tác"

    def redo_text(self) -> str:
        return f"Làm lại: {self.edits[self.position].describe()}" if self.can_redo() else "Làm lại"

    def undo(self) -> Edit | None:
        """Revert the last done edit; a ValidationError leaves the stack as it was."""
        if not self.can_undo():
            return None
        edit = self.edits[self.position - 1]
        self._apply(edit, edit.new, edit.old)
        self.position -= 1
        return edit

    def redo(self) -> Edit | None:
        if not self.can_redo():
            return None
        edit = self.edits[self.position]
        self._apply(edit, edit.old, edit.new)
        self.position += 1
        return edit

    def current_id(self, edit: Edit) -> int:
        """The id the edit's row has now (it changes when a creation is redone)."""
        return self._ids.get((edit.entity, edit.row_id), edit.row_id)

    def _apply(self, edit: Edit, have: dict[str, Any], want: dict[str, Any]) -> None:
        if edit.parts:
            undoing = want is edit.old
            with self.ctx.db.atomic():  # all parts or none
                for part in reversed(edit.parts) if undoing else edit.parts:
                    self._apply(part, part.new if undoing else part.old, part.old if undoing else part.new)
            return
        row_id = self.current_id(edit)
        if not want:
            records.delete(self.ctx, edit.entity, row_id)
        elif not have:
            self._ids[(edit.entity, edit.row_id)] = records.create(self.ctx, edit.entity, want)
        else:
            records.update(self.ctx, edit.entity, row_id, want)
