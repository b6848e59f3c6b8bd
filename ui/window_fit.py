"""How the main window fits a small screen (issue #18 §10): 1366×768 with its
taskbar at 100 %, 125 % and 150 % scaling leaves a window of about 1366×728,
1093×574 and 910×472 logical pixels.

``NavList``: the page list, as narrow as its longest title needs — in a large
font on a wide window, in the ordinary font with tighter rows on a narrow one
(at 150 % the large list took 270 screen pixels, a fifth of the width).

``PageStack``: the stack of pages, shown in a scroll area. Its size hints are
those of the page on screen, not the largest page ever built, so one wide page
no longer makes the window wider than the screen for every page; a page that
needs more room than the window has scrolls instead of being cut off.

``show_whole``: a list never narrower than the entry it must show whole.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QListWidget,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)

WIDE_FROM = 1200  # logical pixels of window width from which the list uses its large font
_LOOKS = {  # wide window, narrow window
    True: "QListWidget { font-size: 11pt; } QListWidget::item { padding: 6px 10px; }",
    False: "QListWidget::item { padding: 3px 6px; }",
}


class NavList(QListWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._wide: bool | None = None
        self._watched: QWidget | None = None

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        window = self.window()
        if window is not self._watched:
            self._watched = window
            window.installEventFilter(self)
        self.fit(window.width())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self._watched and event.type() == QEvent.Type.Resize:
            self.fit(event.size().width())
        return False

    def fit(self, window_width: int) -> None:
        """The look for this window width, and the width its longest title needs in it."""
        wide = window_width >= WIDE_FROM
        if wide == self._wide:
            return
        self._wide = wide
        self.setStyleSheet(_LOOKS[wide])
        scroll = self.verticalScrollBar().sizeHint().width()  # room for a bar should rows not fit
        self.setFixedWidth(self.sizeHintForColumn(0) + 2 * self.frameWidth() + scroll + 4)


class PageStack(QStackedWidget):
    """Sized by the page on screen; ``frame`` is the scroll area to put in a layout."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.frame = QScrollArea(parent)
        self.frame.setFrameShape(QFrame.Shape.NoFrame)
        self.frame.setWidgetResizable(True)
        self.frame.setWidget(self)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        page = self.currentWidget()
        if page is None:
            return super().minimumSizeHint()
        return page.minimumSizeHint().expandedTo(page.minimumSize())

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        """The least height the page on screen needs at ``width``; the scroll area takes it as
        the page's minimum. Qt answers the tallest page's, even hidden ones (short pages then
        scrolled), and a layout's answer is its preferred height (tables at full size), so a
        page with wrapped text scrolled in a window it fits. Qt has no minimum height for a
        width: the preferred one less what the page's parts can give up is close to it."""
        page = self.currentWidget()
        if page is None or not page.hasHeightForWidth():
            return -1
        preferred = page.heightForWidth(width)
        slack = max(page.sizeHint().height() - page.minimumSizeHint().height(), 0)
        least = max(page.minimumSizeHint().height(), preferred - slack)
        # A page that scrolls anyway is given its preferred height: its lists show their rows.
        return least if least <= self.frame.viewport().height() else preferred


def show_whole(combo: QComboBox, text: str) -> None:
    """Never narrower than ``text`` needs: the width Qt gives a combo sized to that one entry."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    metrics = combo.fontMetrics()
    content = QSize(metrics.horizontalAdvance(text), metrics.height())
    size = combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, content, combo)
    combo.setMinimumWidth(size.width())
