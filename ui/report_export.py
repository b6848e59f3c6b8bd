"""Off-GUI-thread report export and where to put the files (SPEC §10 Báo cáo).

``ExportWorker`` builds the report and writes Excel and/or PDF in its own
thread with its own Context on the same data file, reports progress, and
stops at the next row block when cancelled (the writers' atomic files leave
nothing behind). ``drives`` lists mounted volumes, removable ones first.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from functools import partial
from pathlib import Path

from PySide6.QtCore import QStorageInfo, QThread, Signal

from desktop_app.atomic import write_together
from desktop_app.context import Context, open_context
from desktop_app.errors import BiencheError, ValidationError
from desktop_app.reports.engine import Params, build_report

XLSX, PDF = "xlsx", "pdf"


class Cancelled(Exception):
    """Raised inside the writers' progress callback when the user pressed «Dừng»."""


class ExportWorker(QThread):
    progress = Signal(int)  # percent
    finished_ok = Signal(list)  # paths written
    failed = Signal(str)  # Vietnamese message
    cancelled = Signal()

    def __init__(self, ctx: Context, form_id: str, params: Params, folder: Path, formats: list[str],
                 parent=None):
        super().__init__(parent)
        self.db_path, self.today = ctx.path, ctx.today
        self.form_id, self.params, self.folder, self.formats = form_id, params, folder, formats
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def run(self) -> None:
        try:
            self.finished_ok.emit([str(p) for p in self._export()])
        except Cancelled:
            self.cancelled.emit()
        except (BiencheError, OSError) as exc:
            self.failed.emit(f"Không xuất được báo cáo: {exc}")

    def _export(self) -> list[Path]:
        if self.db_path is None:
            raise ValidationError("Chưa mở tệp dữ liệu.")
        ctx = open_context(self.db_path, today=self.today)
        try:
            report = build_report(ctx, self.form_id, self.params)
        finally:
            ctx.close()
        # The writers (openpyxl, reportlab: ≈ 1 s to import) load here, in the worker thread,
        # not when the Báo cáo page is first opened.
        from desktop_app.reports.excel import write_xlsx
        from desktop_app.reports.pdf import write_pdf

        self._step(0, 0.1)
        share = 0.9 / len(self.formats)
        name = free_stem(self.folder, f"{self.form_id}_{self.params.as_of:%Y%m%d}", self.formats)
        jobs = []
        for i, fmt in enumerate(self.formats):
            start = 0.1 + i * share
            writer = write_xlsx if fmt == XLSX else write_pdf
            jobs.append((self.folder / f"{name}.{fmt}", partial(
                writer, report, progress=lambda f, start=start: self._step(start, f * share))))
        written = write_together(jobs)  # both formats or neither (a cancel, a full disk)
        self._step(1.0, 0)
        return written

    def _step(self, start: float, part: float) -> None:
        if self._cancel:
            raise Cancelled
        self.progress.emit(round((start + part) * 100))


def free_stem(folder: Path, stem: str, formats: list[str]) -> str:
    """``stem``, or «stem (2)», «stem (3)»… so that no file of any format is there yet:
    exporting again never overwrites a report already saved (maybe signed, sent)."""
    chosen, number = stem, 2
    while any((folder / f"{chosen}.{fmt}").exists() for fmt in formats):
        chosen, number = f"{stem} ({number})", number + 1
    return chosen


def drives() -> list[tuple[str, str, bool]]:
    """(label, root path, removable) of ready, writable volumes; removable (USB) ones first.

    Qt does not say "removable": on Windows a FAT/exFAT volume other than the
    system drive is taken as a USB stick; on Linux a volume under /media or /run/media."""
    system = os.environ.get("SystemDrive", "C:").upper()
    out = []
    for volume in QStorageInfo.mountedVolumes():
        if not (volume.isValid() and volume.isReady()) or volume.isReadOnly():
            continue
        root = volume.rootPath()
        fs = bytes(volume.fileSystemType().data()).decode(errors="replace").lower()
        if sys.platform == "win32":
            removable = not root.upper().startswith(system) and fs in ("fat32", "fat", "exfat", "vfat")
        else:
            removable = root.startswith(("/media/", "/run/media/"))
        if not removable and sys.platform != "win32" and root not in (str(Path.home()),):
            continue  # on Linux only USB sticks and the home folder are useful choices
        name = volume.displayName() or root
        label = f"Ổ USB: {name} ({root})" if removable else f"Ổ đĩa: {name} ({root})"
        out.append((label, root, removable))
    out.sort(key=lambda d: not d[2])
    return out


def parse_day(text: str) -> dt.date:
    """dd/mm/yyyy typed by the user → a date, or a Vietnamese ValidationError."""
    try:
        return dt.datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError as exc:
        raise ValidationError(f"Ngày «{text}» không đúng dạng ngày/tháng/năm (ví dụ 31/12/2026).") from exc
