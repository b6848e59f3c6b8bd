"""Catalogues (danh mục): shipped as JSON in resources/catalogues, installed
into the database with their versions, read back from the database.

Keeping them in the data file makes a database self-describing: a package
or a report states which catalogue versions it used, and a catalogue package
from the level above can replace a shipped one.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from db.database import Database

from desktop_app import vntext
from desktop_app.paths import resource_path

_OUR_FILES = re.compile(r"\b(?:SPEC|legal-notes|tech-notes|forms-review)(?:\.md)?(?:\s*§\s*[\w.]+)?,?\s*")
_UNVERIFIED = "(chưa đối chiếu văn bản)"


def user_text(text: str | None) -> str:
    """A catalogue text as a clerk may read it (issue #18 §8): it cites laws, never our
    own files — «SPEC §1», «legal-notes §5» go — and the developers' «[I]» (inferred,
    not checked against the official text) is said in Vietnamese."""
    if not text:
        return ""
    shown = _OUR_FILES.sub("", text)
    shown = re.sub(r"\(\s*\)", "", shown)
    shown = re.sub(r"\btheo \(([^)]*)\)", r"theo \1", shown)
    shown = shown.replace("[I]", "" if "chưa" in shown else _UNVERIFIED)
    shown = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", shown))
    shown = re.sub(r"\s+([,;.])", r"\1", shown)  # «dự án (legal-notes), nơi» → «dự án, nơi»
    return " ".join(shown.split())


def shipped() -> list[dict[str, Any]]:
    """Every catalogue file bundled with the app."""
    folder = resource_path("catalogues")
    return [json.loads(p.read_text("utf-8")) for p in sorted(Path(folder).glob("*.json"))]


# The flags of an office's own item (added while importing, or carried in an office's package):
# a team-level post, never counted as a unit's head or deputy.
LOCAL_ITEM = {"local": True, "level": "team", "head": False, "deputy": False}


def add_local(db: Database, kind: str, code: str, label: str, extra: dict[str, Any] | None = None,
              conflict: str = "OR IGNORE") -> None:
    """Append an office's own item (LOCAL_ITEM flags plus ``extra``) at the end of its catalogue;
    ``conflict`` says what an existing code does (kept by default, an error with "OR ABORT")."""
    sort = db.execute("SELECT coalesce(max(sort), 0) + 1 FROM catalogue_item WHERE kind = ?",
                      [kind]).fetchone()[0]
    data = json.dumps(LOCAL_ITEM | (extra or {}), ensure_ascii=False)
    db.execute(f"INSERT {conflict} INTO catalogue_item (kind, code, label, sort, data) VALUES (?,?,?,?,?)",
               [kind, code, label, sort, data])


@lru_cache(maxsize=1)
def local_kinds() -> set[str]:
    """Catalogues whose files allow office-level items (chức vụ of schools, health stations…)."""
    return {c["kind"] for c in shipped() if c.get("local_items")}


def install(db: Database, catalogues: list[dict[str, Any]] | None = None,
            *, force: bool = False) -> list[str]:
    """Load catalogues whose version differs from the installed one; return kinds loaded.

    The shipped files (``catalogues`` None, as on every open) replace only an older installed
    version: a catalogue received from the level above with a newer version stays."""
    loaded = []
    installed = {r[0]: r[1] for r in db.execute("SELECT kind, version FROM catalogue_version")}
    keep = _not_older if catalogues is None else (lambda have, new: have == new)
    with db.atomic():
        for cat in catalogues if catalogues is not None else shipped():
            kind = cat["kind"]
            if not force and kind in installed and keep(installed[kind], cat["version"]):
                _insert(db, kind, cat["items"], "OR IGNORE", local_only=True)  # an office's own items travel
                continue
            # An office's own items (``"local": true``, added while importing) outlive a new version.
            db.execute("DELETE FROM catalogue_item WHERE kind = ? "
                       "AND coalesce(json_extract(data, '$.local'), 0) = 0", [kind])
            _insert(db, kind, cat["items"], "OR REPLACE")
            db.execute("INSERT OR REPLACE INTO catalogue_version (kind, version, source, loaded_at) "
                       "VALUES (?, ?, ?, ?)",
                       [kind, cat["version"], cat.get("source"), dt.datetime.now().isoformat(" ", "seconds")])
            loaded.append(kind)
    return loaded


def _not_older(have: str, new: str) -> bool:
    """Whether the installed version ``have`` is the same as or newer than ``new`` («2027.01.1»
    after «2026.12.4»); versions that are not dotted numbers only match when equal."""
    try:
        return tuple(map(int, have.split("."))) >= tuple(map(int, new.split(".")))
    except ValueError:
        return have == new


def _insert(db: Database, kind: str, items: list[dict[str, Any]], conflict: str,
            *, local_only: bool = False) -> None:
    if local_only and not any(item.get("local") for item in items):
        return  # nothing to write: no statement prepared (a background check holds back writes)
    db.conn.executemany(
        f"INSERT {conflict} INTO catalogue_item (kind, code, label, sort, data) VALUES (?, ?, ?, ?, ?)",
        [(kind, str(item["code"]), vntext.nfc(item["label"]), i,
          json.dumps({k: v for k, v in item.items() if k not in ("code", "label")}, ensure_ascii=False))
         for i, item in enumerate(items) if not local_only or item.get("local")])


class Catalogues:
    """Read access to the installed catalogues, cached per instance.

    ``items``/``choices`` are what a clerk may pick: never another office's own items, which a
    consolidating database holds only to print its offices' rows (``item``/``label`` find them)."""

    def __init__(self, db: Database):
        self._db = db

    @cached_property
    def _items(self) -> dict[str, list[dict[str, Any]]]:
        items: dict[str, list[dict[str, Any]]] = {}
        for kind, code, label, data in self._db.execute(
                "SELECT kind, code, label, data FROM catalogue_item ORDER BY kind, sort"):
            items.setdefault(kind, []).append({"code": code, "label": label, **json.loads(data)})
        return items

    @cached_property
    def _by_code(self) -> dict[str, dict[str | None, dict[str, Any]]]:
        """Per kind, code → item (the first one, as a scan would find): rules ask per row."""
        index: dict[str, dict[str | None, dict[str, Any]]] = {}
        for kind, items in self._items.items():
            codes = index.setdefault(kind, {})
            for i in items:
                codes.setdefault(i["code"], i)
        return index

    @cached_property
    def _offered(self) -> dict[str, list[dict[str, Any]]]:
        return {kind: [i for i in items if "office_uid" not in i] for kind, items in self._items.items()}

    def reload(self) -> None:
        for cached in ("_items", "_by_code", "_offered"):
            self.__dict__.pop(cached, None)

    def kinds(self) -> list[str]:
        return sorted(self._items)

    def items(self, kind: str) -> list[dict[str, Any]]:
        return self._offered.get(kind, [])

    def choices(self, kind: str) -> list[tuple[str, str]]:
        return [(i["code"], i["label"]) for i in self.items(kind)]

    def item(self, kind: str, code: str | None) -> dict[str, Any] | None:
        return self._by_code.get(kind, {}).get(code)

    def label(self, kind: str, code: str | None) -> str:
        item = self.item(kind, code)
        return item["label"] if item else (code or "")

    def versions(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self._db.execute("SELECT kind, version FROM catalogue_version")}
