"""Field and entity declarations: the one place a field's Vietnamese label,
type, validation, import synonyms and catalogue are written.

The form panel, the table columns, the importer, the Excel template and
the services all read these declarations (STYLE.md §9). The concrete
entities are declared in ``desktop_app.entities``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from desktop_app import vntext


class ChoiceSource(Protocol):
    def choices(self, kind: str) -> list[tuple[str, str]]: ...


# Field kinds: how the value is typed, stored and shown.
TEXT, LONGTEXT, INT, NUMBER, DATE, PDATE, BOOL, CHOICE, REF, YEAR = (
    "text", "longtext", "int", "number", "date", "pdate", "bool", "choice", "ref", "year")


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = TEXT
    required: bool = False
    synonyms: tuple[str, ...] = ()
    catalogue: str | None = None
    choices: tuple[tuple[str, str], ...] = ()
    ref: str | None = None
    min: float | None = None
    max: float | None = None
    max_len: int | None = 500
    pattern: str | None = None
    pattern_hint: str = ""
    decimals: int = 0
    width: int = 14
    section: str = ""
    in_table: bool = True
    readonly: bool = False
    help: str = ""

    @property
    def keys(self) -> tuple[str, ...]:
        """Accent-folded header texts that mean this field in an import."""
        return tuple(dict.fromkeys(vntext.fold(t) for t in (self.label, *self.synonyms)))

    def options(self, source: ChoiceSource | None) -> list[tuple[str, str]]:
        if self.choices:
            return list(self.choices)
        if self.catalogue and source is not None:
            return source.choices(self.catalogue)
        return []

    def convert(self, raw: Any, source: ChoiceSource | None = None) -> Any:
        """Raw input (typed text, imported cell) → stored value, or ValueError."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        converter = _CONVERTERS.get(self.kind, _text)
        value = converter(self, raw, source)
        self._check_range(value)
        return value

    def display(self, value: Any, source: ChoiceSource | None = None) -> str:
        """Stored value → the text a clerk sees."""
        if value is None or value == "":
            return ""
        if self.kind in (DATE, PDATE):
            return vntext.format_date(value)
        if self.kind == BOOL:
            return "Có" if value else "Không"
        if self.kind == NUMBER:
            return vntext.format_number(value, self.decimals)
        if self.kind in (INT, YEAR):
            return str(value) if self.kind == YEAR else vntext.format_number(value)
        if self.kind == CHOICE:
            shown = dict(self.options(source)).get(str(value))
            label = getattr(source, "label", None)  # an item not offered for input (another office's)
            if shown is None and self.catalogue and label is not None:
                return str(label(self.catalogue, str(value)))
            return shown if shown is not None else str(value)
        return str(value)

    def _check_range(self, value: Any) -> None:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if self.min is not None and value < self.min:
                raise ValueError(f"phải từ {vntext.format_number(self.min, self.decimals)} trở lên.")
            if self.max is not None and value > self.max:
                raise ValueError(f"không được lớn hơn {vntext.format_number(self.max, self.decimals)}.")


def _text(field: Field, raw: Any, _source) -> str | None:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = vntext.clean(str(raw)) if field.kind != LONGTEXT else vntext.nfc(str(raw))
    if not text:
        return None
    if field.max_len and len(text) > field.max_len:
        raise ValueError(f"dài quá {field.max_len} ký tự.")
    if field.pattern and not re.fullmatch(field.pattern, text):
        if _DIGITS_ONLY.fullmatch(field.pattern) and _GROUPED_DIGITS.fullmatch(text):
            text = re.sub(r"\D", "", text)  # «038 123 456 789», «038.123.456.789», Excel's «'038…»
        if not re.fullmatch(field.pattern, text):
            raise ValueError(field.pattern_hint or "không đúng định dạng.")
    return text


_DIGITS_ONLY = re.compile(r"\\d\{\d+\}")  # a field of N digits (CCCD)
_GROUPED_DIGITS = re.compile(r"'?[0-9]+(?:[ .\-][0-9]+)*")


def _int(field: Field, raw: Any, _source) -> int:
    number = vntext.parse_number(raw)
    if number is None:
        return None  # type: ignore[return-value]
    if not float(number).is_integer():
        raise ValueError(f"«{raw}» phải là số nguyên.")
    return int(number)


_YEAR_WORD = re.compile(r"^\s*năm\s+", re.IGNORECASE)


def _year(field: Field, raw: Any, source) -> int:
    """«2025», or «Năm 2025» as a title cell or a clerk writes it."""
    if isinstance(raw, str):
        raw = _YEAR_WORD.sub("", vntext.nfc(raw) or "")
    return _int(field, raw, source)


def _number(field: Field, raw: Any, _source) -> float:
    number = vntext.parse_number(raw)
    return round(number, 6) if number is not None else None  # type: ignore[return-value]


def _date(field: Field, raw: Any, _source) -> str | None:
    return vntext.parse_date(raw, partial=field.kind == PDATE)


_TRUE = {"co", "x", "1", "true", "yes", "dang vien", "la dang vien", "v", "có"}
_FALSE = {"khong", "0", "false", "no", "-"}


def _bool(field: Field, raw: Any, _source) -> int:
    if isinstance(raw, bool):
        return int(raw)
    if isinstance(raw, (int, float)):
        return int(bool(raw))
    key = vntext.fold(str(raw))
    if key in _TRUE:
        return 1
    if key in _FALSE:
        return 0
    raise ValueError(f"«{raw}» phải là Có hoặc Không.")


def _choice(field: Field, raw: Any, source) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = vntext.clean(str(raw)) or ""
    options = field.options(source)
    for code, _label in options:
        if text == code:
            return code
    key = vntext.fold(text)
    for code, label in options:
        if key in (vntext.fold(code), vntext.fold(label)):
            return code
    if not options:
        return text
    shown = ", ".join(label for _, label in options[:8])
    more = "…" if len(options) > 8 else ""
    raise ValueError(f"«{text}» không có trong danh mục ({shown}{more}).")


def _ref(field: Field, raw: Any, _source) -> Any:
    # Resolved against the database by the services; here only tidied.
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    return raw if isinstance(raw, int) else vntext.clean(str(raw))


_CONVERTERS: dict[str, Callable[[Field, Any, Any], Any]] = {
    TEXT: _text, LONGTEXT: _text, INT: _int, YEAR: _year, NUMBER: _number, DATE: _date,
    PDATE: _date, BOOL: _bool, CHOICE: _choice, REF: _ref,
}


@dataclass(frozen=True)
class Entity:
    name: str
    table: str
    label: str
    fields: tuple[Field, ...]
    natural_key: tuple[str, ...] = ()

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name}.{name}")

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def table_fields(self) -> list[Field]:
        return [f for f in self.fields if f.in_table]

    def match_header(self, header: str) -> Field | None:
        """The field an import column header names, accent-insensitively."""
        key = vntext.fold(header)
        for f in self.fields:
            if key in f.keys:
                return f
        return None


def convert_values(entity: Entity, raw: Mapping[str, Any], source: ChoiceSource | None,
                   ) -> tuple[dict[str, Any], list[tuple[Field, Any, str]]]:
    """Convert a dict of raw values; return (values, [(field, raw, message)])."""
    values: dict[str, Any] = {}
    problems: list[tuple[Field, Any, str]] = []
    for name, value in raw.items():
        field = entity.field(name)
        try:
            values[name] = field.convert(value, source)
        except ValueError as exc:
            problems.append((field, value, str(exc)))
    return values, problems
