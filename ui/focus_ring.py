"""The focused control is always visible (issue #18 §4), in every window.

``install(app)`` is called once at start-up. From then on, whenever the focus
moves (Tab, Enter, a shortcut, a click, a page or tab change):

- the control is scrolled into view in every scroll area around it, innermost
  first (Qt does it only for a plain Tab inside one scroll area);
- a ring of ``WIDTH`` pixels in ``COLOUR`` is drawn along the inside of its
  edge, over whatever the widget style draws (some styles show focus only as a
  faint line; a clerk lost the cursor after Ctrl+Tab). The ring is a separate
  widget laid over the window, so no control's own look changes — a field
  shown in red for an error stays red inside the ring — and it follows the
  control when it moves, is resized or is scrolled, clipped to what shows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QRegion
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea, QWidget
from shiboken6 import isValid

COLOUR = QColor("#0050b3")  # contrast 7.6:1 on white, 6.4:1 on the light grey window
WIDTH = 2
MARGIN = 8  # pixels kept free around a control scrolled into view
_FOLLOW = (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide)


class FocusRing(QWidget):
    """The ring: a child of the window, on top, painted only on its edge (a mask)."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("focus_ring")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.placed: tuple[QRect, QRect] | None = None

    def surround(self, rect: QRect, clip: QRect) -> None:
        if (rect, clip) != self.placed:  # nothing to redo when the control has not moved
            self.placed = (rect, clip)
            self.setGeometry(rect)
            inner = QRegion(self.rect().adjusted(WIDTH, WIDTH, -WIDTH, -WIDTH))
            shown = QRegion(clip.translated(-rect.topLeft()))
            self.setMask(QRegion(self.rect()).subtracted(inner).intersected(shown))
        if self.isHidden():
            self.raise_()
            self.show()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        QPainter(self).fillRect(self.rect(), COLOUR)


class FocusTracker(QObject):
    def __init__(self, app: QApplication):
        super().__init__(app)
        self.target: QWidget | None = None
        self.ring: FocusRing | None = None
        self.watched: list[QWidget] = []
        self.pending = False
        app.focusChanged.connect(self.moved)

    def moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        self.target = new if new is not None and _ringed(new) else None
        self._watch(_chain(self.target) if self.target is not None else [])
        if self.target is None:
            self._hide()
            return
        scroll_into_view(self.target)
        target = self.target  # again once a tab just shown is laid out
        QTimer.singleShot(0, lambda: scroll_into_view(target))
        self.place()

    def _watch(self, chain: list[QWidget]) -> None:
        """Follow the widgets of ``chain``; fields of one form share most of it, so only the
        widgets that differ change (few Qt calls per focus change)."""
        for widget in self.watched:
            if isValid(widget) and not any(widget is w for w in chain):
                widget.removeEventFilter(self)
        for widget in chain:
            if not any(widget is w for w in self.watched):
                widget.installEventFilter(self)
        self.watched = chain

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in _FOLLOW and not self.pending:
            self.pending = True  # a layout moves many widgets at once: place the ring once after
            QTimer.singleShot(0, self.place)
        return False

    def place(self) -> None:
        self.pending = False
        target = self.target
        if target is None or not isValid(target) or not target.isVisible():
            self._hide()
            return
        window = target.window()
        if self.ring is None or not isValid(self.ring) or self.ring.parentWidget() is not window:
            self._hide()
            self.ring = window.findChild(FocusRing, "focus_ring") or FocusRing(window)
        rect = QRect(target.mapTo(window, QPoint(0, 0)), target.size())
        self.ring.surround(rect, visible_part(target, rect))

    def _hide(self) -> None:
        if self.ring is not None and isValid(self.ring):
            self.ring.hide()


def _ringed(widget: QWidget) -> bool:
    """Controls in ordinary windows; not the window itself, nor a popup list or menu."""
    window = widget.window()
    return widget is not window and window.windowType() != Qt.WindowType.Popup


def _chain(widget: QWidget) -> list[QWidget]:
    """The widget and its ancestors below the window: when any of them moves, so does it."""
    chain = []
    while widget is not None and not widget.isWindow():
        chain.append(widget)
        widget = widget.parentWidget()
    return chain


def visible_part(target: QWidget, rect: QRect) -> QRect:
    """``rect`` (in the window) cut to the viewports of the scroll areas around ``target``."""
    window = target.window()
    parent = target.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent.parentWidget(), QAbstractScrollArea):  # a viewport (or a scroll bar)
            rect = rect.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return rect


def ancestors(widget: QWidget):
    """The widget's parents up to and including its window. parentWidget() is never asked of
    a window: PySide6 6.12 drops a reference to None each time it returns None, and after a
    few thousand focus changes the interpreter aborts at exit (none_dealloc)."""
    while not widget.isWindow() and (widget := widget.parentWidget()) is not None:
        yield widget


def scroll_into_view(widget: QWidget) -> None:
    """Scroll every QScrollArea around ``widget``, innermost first, until all of it shows
    (Qt's ensureWidgetVisible shows only a text box's cursor line) or, if it is larger
    than the view, its top left."""
    if not isValid(widget):
        return
    for parent in ancestors(widget):
        content = parent.widget() if isinstance(parent, QScrollArea) else None
        if content is not None and content.isAncestorOf(widget):
            rect = QRect(widget.mapTo(content, QPoint(0, 0)), widget.size())
            centre = rect.center()
            margins = (rect.width() // 2 + MARGIN, rect.height() // 2 + MARGIN)
            parent.ensureVisible(centre.x(), centre.y(), *margins)


def install(app: QApplication) -> FocusTracker:
    return FocusTracker(app)
