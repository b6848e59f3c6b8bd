"""Catalogue values of an import read as a person reads them, and what is left asked.

For each distinct (field, text) of a file, once: the exact code or label (the field's
own converter), else the clerk's choice (``--map``, the mapping step, or remembered
from an earlier import of this office), else ``matching``. A value taken by
similarity is listed as «…» → … for the preview; a value not taken is a *question*
— counted, with its first rows and the closest options — and every row holding it
gets a problem that names the three best suggestions.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from desktop_app import vntext
from desktop_app.fields import Entity, Field
from desktop_app.importing.matching import Answer, Matcher, options_of

FIRST_ROWS = 5  # rows shown for each unknown value


@dataclass
class Taken:
    """A value read as an option it does not spell exactly: shown «value» → label."""

    field: str
    label: str          # the field's label (header of the template)
    value: str
    code: str
    option: str         # the option's label
    how: str            # "tương đồng" (similar words) or "đã chọn" (the clerk's choice)
    count: int = 0


@dataclass
class Question:
    """A value the clerk must map: never guessed."""

    field: str
    label: str
    value: str
    suggestions: list[tuple[str, str]]
    ambiguous: bool
    count: int = 0
    rows: list[tuple[str, int]] = dataclasses.field(default_factory=list)  # (sheet, row), the first few
    local_allowed: bool = False
    row_message: str = ""  # the problem each row holding the value gets

    def message(self) -> str:
        best = ", ".join(f"«{label}» ({code})" for code, label in self.suggestions[:3])
        if self.ambiguous:
            return (f"«{self.value}» có thể là {best}: chưa tự chọn; hãy chọn ở bước ghép giá trị "
                    "hoặc ghi vào tệp --map.")
        near = f"; gần nhất: {best}" if best else ""
        return (f"«{self.value}» không có trong danh mục{near}. Hãy chọn ở bước ghép giá trị "
                "hoặc ghi vào tệp --map.")


def map_key(value: Any) -> str:
    return vntext.fold(str(value))


class Values:
    """Resolves the choice values of one import; ``mapping`` is field name → folded text → code."""

    def __init__(self, entity: Entity, catalogues, mapping: dict[str, dict[str, str]],
                 local_kinds: set[str]):
        self.entity, self.catalogues, self.mapping = entity, catalogues, mapping
        self.local_kinds = local_kinds
        self.matchers: dict[str, Matcher] = {}
        self.taken: dict[tuple[str, str], Taken] = {}
        self.questions: dict[tuple[str, str], Question] = {}

    def resolve(self, f: Field, value: Any) -> str | Question:
        """The code of a value the converter did not take exactly, or its question."""
        text = vntext.clean(str(value)) or ""
        chosen = self.mapping.get(f.name, {}).get(map_key(text))
        if chosen is not None and chosen in self.labels(f):
            return self._take(f, text, chosen, "đã chọn")
        answer = self._matcher(f).answer(text)
        if answer.code is not None:
            return self._take(f, text, answer.code, "tương đồng") if not answer.exact else answer.code
        return self._ask(f, answer)

    def seen(self, result: str | Question, sheet: str, row: int) -> None:
        if isinstance(result, Question):
            result.count += 1
            if len(result.rows) < FIRST_ROWS:
                result.rows.append((sheet, row))

    def labels(self, f: Field) -> dict[str, str]:
        return self._matcher(f).labels

    def _matcher(self, f: Field) -> Matcher:
        found = self.matchers.get(f.name)
        if found is None:
            found = self.matchers[f.name] = Matcher(options_of(f, self.catalogues))
        return found

    def _take(self, f: Field, text: str, code: str, how: str) -> str:
        self.taken.setdefault((f.name, text), Taken(f.name, f.label, text, code, self.labels(f)[code], how))
        return code

    def _ask(self, f: Field, answer: Answer) -> Question:
        key = (f.name, answer.value)
        if key not in self.questions:
            self.questions[key] = Question(f.name, f.label, answer.value, answer.suggestions,
                                           answer.ambiguous, local_allowed=f.catalogue in self.local_kinds)
        return self.questions[key]
