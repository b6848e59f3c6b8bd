"""The clerk's answers to the mapping step: read from a ``--map`` file, written for
filling in (``--write-map``), remembered per office, and office-level catalogue items.

A map file is ``{"<field label as in the template header>": {"<value as written>":
"<catalogue code>"}}``; the code ``"+"`` adds the value as an item of the office's own
(where the catalogue allows it: ``"local_items": true`` in its file), marked
``"local": true`` so that a newer catalogue keeps it. Remembered choices live in the
office's database (setting ``import.value_map``: catalogue kind → folded value → code),
so the next file of the same office is read with them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from desktop_app import catalogues as catalogues_
from desktop_app import settings, vntext
from desktop_app.atomic import atomic_write
from desktop_app.context import Context
from desktop_app.errors import ValidationError
from desktop_app.fields import CHOICE, Entity, Field
from desktop_app.importing import layout
from desktop_app.importing.values import Question, map_key
from desktop_app.services import audit

SETTING = "import.value_map"
NEW = "+"  # in a map: add the value as the office's own catalogue item
local_kinds = catalogues_.local_kinds


def scope(entity: Entity, f: Field) -> str:
    return f.catalogue or f"{entity.name}.{f.name}"


def remembered(ctx: Context, entity: Entity) -> dict[str, dict[str, str]]:
    """Field name → folded value → code, from this office's earlier choices."""
    stored = settings.get(ctx, SETTING, {}) or {}
    return {f.name: dict(stored.get(scope(entity, f), {})) for f in entity.fields if f.kind == CHOICE}


def remember(ctx: Context, entity: Entity, mapping: dict[str, dict[str, str]]) -> None:
    """Keep the choices (inside the caller's transaction); NEW entries were made real codes."""
    before = settings.get(ctx, SETTING, {}) or {}
    stored = {k: dict(v) for k, v in before.items()}
    for name, choices in mapping.items():
        real = {k: v for k, v in choices.items() if v != NEW}
        if real:
            stored.setdefault(scope(entity, entity.field(name)), {}).update(real)
    if stored == before:  # nothing new: no write (a setting write marks the whole dashboard stale)
        return
    ctx.db.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                   [SETTING, json.dumps(stored, ensure_ascii=False, sort_keys=True)])


def merged(*maps: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Later maps win, value by value."""
    out: dict[str, dict[str, str]] = {}
    for m in maps:
        for name, choices in m.items():
            out.setdefault(name, {}).update(choices)
    return out


def read_map(path: str | Path, entity: Entity) -> dict[str, dict[str, str]]:
    """A ``--map`` file → field name → folded value → code (or NEW)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text("utf-8-sig"))
    except UnicodeDecodeError:
        raise ValidationError(f"Tệp ghép giá trị «{path.name}» không phải văn bản UTF-8; hãy lưu lại "
                              "dạng UTF-8 rồi thử lại.") from None
    except json.JSONDecodeError as exc:
        raise ValidationError(f"Tệp ghép giá trị «{path.name}» sai cú pháp JSON ở dòng {exc.lineno}, "
                              f"cột {exc.colno}; hãy sửa rồi thử lại.") from None
    except (OSError, ValueError):
        raise ValidationError(f"Không đọc được tệp ghép giá trị «{path.name}» (không có tệp, là thư mục "
                              "hoặc không có quyền đọc).") from None
    if not isinstance(data, dict):
        raise ValidationError(f"Tệp ghép giá trị «{path.name}» phải là một đối tượng JSON "
                              "{\"<tên cột>\": {\"<giá trị>\": \"<mã>\"}}.")
    out: dict[str, dict[str, str]] = {}
    for label, choices in data.items():
        if str(label).startswith("_"):  # «_gợi ý»: the hints write_map adds
            continue
        name = layout.match(entity, str(label))
        if name is None or entity.field(name).kind != CHOICE or not isinstance(choices, dict):
            raise ValidationError(f"Tệp ghép giá trị «{path.name}»: «{label}» không phải cột danh mục "
                                  f"của {entity.label.lower()}.")
        out[name] = {map_key(v): str(code).strip() for v, code in choices.items() if code not in (None, "")}
    return out


def check_codes(ctx: Context, entity: Entity, mapping: dict[str, dict[str, str]]) -> None:
    """Every code of a map names an option (or NEW where the catalogue allows it)."""
    for name, choices in mapping.items():
        f = entity.field(name)
        codes = {c for c, _ in f.options(ctx.catalogues)}
        for value, code in choices.items():
            if code == NEW and f.catalogue in local_kinds():
                continue
            if code not in codes:
                raise ValidationError(f"Tệp ghép giá trị: mã «{code}» (cho «{value}», cột «{f.label}») "
                                      "không có trong danh mục.")


def write_map(path: str | Path, questions: list[Question]) -> Path:
    """The values still unresolved, in the --map shape, each with an empty code to fill and
    the closest options beside it (key «_gợi ý», ignored when read back)."""
    out: dict[str, Any] = {}
    for q in questions:
        out.setdefault(q.label, {})[q.value] = ""
        hints = out.setdefault("_gợi ý", {}).setdefault(q.label, {})
        hints[q.value] = [f"{code} = {label}" for code, label in q.suggestions[:3]]
    with atomic_write(path) as handle:
        handle.write(json.dumps(out, ensure_ascii=False, indent=2).encode("utf-8"))
    return Path(path)


def add_local_items(ctx: Context, entity: Entity, mapping: dict[str, dict[str, str]],
                    texts: dict[tuple[str, str], str]) -> dict[str, dict[str, str]]:
    """Create the NEW items (inside the caller's transaction); return the map with their codes.
    ``texts`` gives the value as written for each (field, folded value)."""
    out = {name: dict(choices) for name, choices in mapping.items()}
    for name, choices in out.items():
        f = entity.field(name)
        for value, code in choices.items():
            if code == NEW:
                choices[value] = add_local_item(ctx, f.catalogue or "", texts.get((name, value), value))
    return out


def add_local_item(ctx: Context, kind: str, label: str) -> str:
    """The office's own item of a catalogue that allows one; its code (existing one if any)."""
    if kind not in local_kinds():
        raise ValidationError(f"Danh mục «{kind}» không cho thêm mục riêng của cơ quan.")
    label = vntext.clean(label) or ""
    code = "DP_" + re.sub(r"[^A-Z0-9]+", "_", vntext.fold(label).upper()).strip("_")[:26]
    catalogues_.add_local(ctx.db, kind, code, label)
    audit.record(ctx, "them", "catalogue_item", None, {}, {"kind": kind, "code": code, "label": label})
    ctx.catalogues.reload()
    return code
