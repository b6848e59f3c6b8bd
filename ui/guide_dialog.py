"""The Vietnamese user guide inside the app (issue #18 §7): F1 opens
docs/huong-dan-su-dung.md (shipped with the program) in a window of its own, at
the section about the page on screen."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop_app.paths import bundle_root
from ui import vi

GUIDE = ("docs", "huong-dan-su-dung.md")
# The guide's numbered section about each page of the main window.
SECTIONS = {"dashboard": "2.", "units": "3.", "positions": "3.", "quotas": "3.", "staff": "3.",
            "events": "3.", "finance": "3.", "import": "4.", "reports": "5.", "packages": "6.",
            "settings": "7.", "audit": "8."}


class GuideDialog(QDialog):
    def __init__(self, page_key: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Hướng dẫn sử dụng Biên chế")
        self.resize(820, 640)
        path = bundle_root().joinpath(*GUIDE)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(path.parent)])  # the guide's pictures (img/…)
        try:
            self.browser.setMarkdown(path.read_text("utf-8"))
        except OSError:
            self.browser.setPlainText(f"Không tìm thấy tệp hướng dẫn «{path}».")
        buttons = vi.button_box(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.section, self._number = "", SECTIONS.get(page_key or "", "")
        if self._number:
            self.show_section(self._number)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._number:  # laid out now: the scroll range is known
            self.show_section(self._number)

    def show_section(self, number: str) -> None:
        """Scroll so the heading «number …» is at the top."""
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() == 2 and block.text().startswith(number):
                self.section = block.text()
                self.browser.setTextCursor(QTextCursor(block))
                top = self.browser.document().documentLayout().blockBoundingRect(block).top()
                self.browser.verticalScrollBar().setValue(int(top))
                return
            block = block.next()
