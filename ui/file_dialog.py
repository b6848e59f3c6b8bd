"""File dialogs whose every word is Vietnamese on every platform (issue #18 §8).
The native dialog speaks the system's language (English on many Windows
machines), so Qt's own dialog is used, its labels and buttons set here and its
remaining words (column headers, tooltips, menus) answered by ``ui.vi``'s
translator. Replacing a file is asked in Vietnamese, never done silently.

``save_path``, ``open_path``, ``open_paths`` and ``folder_path`` return "" (or [])
when the clerk cancels; pages call them through a method that tests replace.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from ui import vi

_LABELS = ((QFileDialog.DialogLabel.LookIn, "Tìm trong:"), (QFileDialog.DialogLabel.FileName, "Tên tệp:"),
           (QFileDialog.DialogLabel.FileType, "Loại tệp:"), (QFileDialog.DialogLabel.Reject, vi.CANCEL))


def dialog(parent: QWidget | None, title: str, start: str = "", filters: str = "",
           accept: str = "Mở") -> QFileDialog:
    """Qt's own file dialog, every label Vietnamese."""
    box = QFileDialog(parent, title, start, filters)
    box.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    box.setOption(QFileDialog.Option.DontConfirmOverwrite, True)  # asked by save_path, in Vietnamese
    for label, text in (*_LABELS, (QFileDialog.DialogLabel.Accept, accept)):
        box.setLabelText(label, text)
    return box


def _run(box: QFileDialog) -> list[str]:
    return box.selectedFiles() if box.exec() else []


def save_path(parent: QWidget | None, title: str, start: str, filters: str) -> str:
    """Where to write a new file; an existing file is replaced only when the clerk says so."""
    box = dialog(parent, title, start, filters, accept="Lưu")
    box.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    suffix = _first_suffix(filters)
    if suffix:
        box.setDefaultSuffix(suffix)
    while True:
        chosen = _run(box)
        if not chosen:
            return ""
        if not Path(chosen[0]).exists() or confirm_replace(parent, chosen[0]):
            return chosen[0]


def confirm_replace(parent: QWidget | None, path: str) -> bool:
    return vi.ask(parent, "Ghi đè tệp?", f"Đã có tệp «{Path(path).name}» ở thư mục này.\n"
                  "Ghi đè lên tệp đó (nội dung cũ sẽ mất)?")


def open_path(parent: QWidget | None, title: str, start: str = "", filters: str = "") -> str:
    box = dialog(parent, title, start, filters)
    box.setFileMode(QFileDialog.FileMode.ExistingFile)
    chosen = _run(box)
    return chosen[0] if chosen else ""


def open_paths(parent: QWidget | None, title: str, start: str = "", filters: str = "") -> list[str]:
    box = dialog(parent, title, start, filters)
    box.setFileMode(QFileDialog.FileMode.ExistingFiles)
    return _run(box)


def folder_path(parent: QWidget | None, title: str, start: str = "") -> str:
    box = dialog(parent, title, start, accept="Chọn")
    box.setFileMode(QFileDialog.FileMode.Directory)
    box.setOption(QFileDialog.Option.ShowDirsOnly, True)
    box.setLabelText(QFileDialog.DialogLabel.FileName, "Thư mục:")
    chosen = _run(box)
    return chosen[0] if chosen else ""


def _first_suffix(filters: str) -> str:
    start = filters.find("*.")
    if start < 0:
        return ""
    end = start + 2
    while end < len(filters) and filters[end].isalnum():
        end += 1
    return filters[start + 2:end]


def unused_name(path: str | Path) -> Path:
    """``path``, or «name (2).ext», «name (3).ext»… when it is taken: a re-export never
    overwrites a file silently."""
    target = Path(path)
    number = 2
    while target.exists():
        target = target.with_name(f"{Path(path).stem} ({number}){Path(path).suffix}")
        number += 1
    return target
