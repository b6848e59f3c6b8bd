"""No English on screen (STYLE.md §11): every visible text of every page, the
first-run dialog, message boxes and the text-field context menus."""

import re

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

from desktop_app.context import open_context
from ui import vi
from ui.office_dialog import OfficeDialog
from ui.pages import PAGES

ENGLISH = re.compile(r"\b(OK|Cancel|Yes|No|Open|Save|Close|Undo|Redo|Cut|Copy|Paste|Delete|Select All"
                     r"|Log ?in|Sign in|Password|Username|User|Backup|Restore|Settings|Error|Browse"
                     r"|Details|Folder|Lock|Unlock)\b")


def _model_texts(model: QAbstractItemModel) -> list[str]:
    root = QModelIndex()
    # QAbstractListModel hides columnCount() from Python: a list has one column.
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
    rows = min(model.rowCount(root), 50)
    texts = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(columns)]
    texts += [model.index(r, c).data() for r in range(rows) for c in range(columns)]
    return [t for t in texts if isinstance(t, str)]


def visible_texts(root: QWidget) -> list[str]:
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [widget.toolTip(), widget.windowTitle(), widget.statusTip(), widget.whatsThis()]
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.placeholderText()]
        if isinstance(widget, QPlainTextEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += _model_texts(widget.model())
        texts += [action.text() for action in widget.actions()]
        texts += [action.toolTip() for action in widget.actions()]
    return [t.replace("&", "") for t in texts if t]


def english_in(texts: list[str]) -> list[str]:
    return [t for t in texts if ENGLISH.search(t)]


def test_the_pattern_catches_english():
    assert english_in(["&Cancel", "Select All\tCtrl+A", "OK"]) == ["&Cancel", "Select All\tCtrl+A", "OK"]
    assert english_in(["Password", "Restore", "Nhập lại mật khẩu"]) == ["Password", "Restore"]
    assert english_in(["Nông nghiệp", "Không", "Đồng ý", "Sao chép"]) == []


def test_no_english_on_any_page(main_window):
    for key, title, _factory in PAGES:
        main_window.show_page(key)
        texts = visible_texts(main_window)
        assert title.replace("&", "") in texts
        assert english_in(texts) == [], key


def test_text_field_context_menus_are_vietnamese(main_window):
    page = main_window.page("units")
    for editor in (page.search, page.form.editors["note"]):
        menu = editor.createStandardContextMenu()
        texts = [a.text().replace("&", "").split("\t")[0] for a in menu.actions() if a.text()]
        assert texts[:3] == ["Hoàn tác", "Làm lại", "Cắt"]
        assert {"Sao chép", "Dán", "Xóa", "Chọn tất cả"} <= set(texts)
        assert english_in(texts) == []


def test_message_and_button_boxes_are_vietnamese(app, qtbot):
    box = vi.message_box(None, QMessageBox.Icon.Question, "Biên chế", "Lưu thay đổi?",
                         QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                         | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == ["Có", "Hủy", "Không"]
    plain = QMessageBox(QMessageBox.Icon.Information, "Biên chế", "Xong",
                        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Close)
    qtbot.addWidget(plain)  # built without our helper: the translator still answers
    assert sorted(b.text().replace("&", "") for b in plain.buttons()) == ["Đóng", "Đồng ý"]
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Open)
    assert sorted(b.text() for b in buttons.buttons()) == ["Lưu", "Mở"]


def test_first_run_dialog_has_no_english(app, qtbot, tmp_path):
    ctx = open_context(tmp_path / "new.sqlite")
    try:
        dialog = OfficeDialog(ctx)
        qtbot.addWidget(dialog)
        dialog.show()
        texts = visible_texts(dialog)
        assert "Dùng dữ liệu mẫu" in texts and "Lưu" in texts and "Hủy" in texts
        assert english_in(texts) == []
    finally:
        ctx.close()


def test_settings_tabs_and_sign_in_dialogs_have_no_english(main_window, ctx, qtbot):
    from ui.login_dialog import LoginDialog
    from ui.settings_users import AdminDialog

    main_window.show_page("settings")
    tabs = main_window.page("settings").tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        texts = visible_texts(main_window)
        assert tabs.tabText(index) in texts
        assert english_in(texts) == [], tabs.tabText(index)
    for dialog in (LoginDialog(ctx), AdminDialog()):
        qtbot.addWidget(dialog)
        texts = visible_texts(dialog)
        assert texts and english_in(texts) == []
