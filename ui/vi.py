"""Vietnamese for Qt's own strings (STYLE.md §11): Qt ships no Vietnamese
translation, so standard buttons and the text-edit context menus would be
English. ``install`` puts a translator on the application that answers Qt's
own ``tr()`` lookups; the helpers below build message boxes and button boxes
with our texts explicitly, so they are right even without the translator.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget

OK, CANCEL, YES, NO, CLOSE, SAVE = "Đồng ý", "Hủy", "Có", "Không", "Đóng", "Lưu"

# Qt's source strings (contexts QPlatformTheme, QLineEdit, QWidgetTextControl…)
# and our texts. Accelerator '&' is kept where Qt puts one.
_TEXTS = {
    "OK": OK, "Cancel": CANCEL, "&Yes": "&Có", "&No": "&Không", "Yes": YES, "No": NO,
    "Close": CLOSE, "Save": SAVE, "Open": "Mở", "Apply": "Áp dụng", "Reset": "Đặt lại",
    "Help": "Trợ giúp", "Discard": "Bỏ thay đổi", "Abort": "Dừng", "Retry": "Thử lại",
    "Ignore": "Bỏ qua", "Save All": "Lưu tất cả", "Yes to &All": "Có với &tất cả",
    "N&o to All": "K&hông với tất cả", "Restore Defaults": "Khôi phục mặc định",
    "&Undo": "&Hoàn tác", "&Redo": "&Làm lại", "Cu&t": "Cắ&t", "&Copy": "&Sao chép",
    "&Paste": "&Dán", "Delete": "Xóa", "Select All": "Chọn tất cả",
    "Copy &Link Location": "Sao chép địa chỉ &liên kết",
    "Show Details...": "Xem chi tiết…", "Hide Details...": "Ẩn chi tiết…",
    # Qt's own file dialog (ui.file_dialog) and its file list
    "&Choose": "&Chọn", "&Delete": "&Xóa", "&Look in:": "&Tìm trong:", "&New Folder": "Thư mục &mới",
    "&Open": "&Mở", "&Rename": "Đổ&i tên", "&Save": "&Lưu", "All Files (*)": "Mọi tệp (*)",
    "Back": "Lùi", "Change to detail view mode": "Xem chi tiết", "Change to list view mode": "Xem danh sách",
    "Create New Folder": "Tạo thư mục mới", "Create a New Folder": "Tạo thư mục mới",
    "Detail View": "Xem chi tiết", "Directories": "Thư mục", "Directory:": "Thư mục:",
    "File &name:": "&Tên tệp:", "Files": "Tệp", "Files of &type:": "&Loại tệp:", "Forward": "Tiến",
    "Go back": "Lùi lại", "Go forward": "Tiến tới", "Go to the parent directory": "Lên thư mục cha",
    "List View": "Xem danh sách", "List of places and bookmarks": "Các nơi hay dùng",
    "Parent Directory": "Thư mục cha", "Show ": "Hiện cột ", "Show &hidden files": "Hiện tệp &ẩn",
    "Sidebar": "Các nơi hay dùng", "New Folder": "Thư mục mới", "Recent Places": "Nơi dùng gần đây",
    "Find Directory": "Chọn thư mục", "Save As": "Lưu thành", "My Computer": "Máy tính",
    "Are you sure you want to delete '%1'?": "Xóa «%1»?",
    "%1 already exists.\nDo you want to replace it?": "Đã có tệp %1.\nGhi đè lên tệp đó?",
    "%1\nFile not found.\nPlease verify the correct file name was given.":
        "%1\nKhông tìm thấy tệp.\nHãy xem lại tên tệp.",
    "%1\nDirectory not found.\nPlease verify the correct directory name was given.":
        "%1\nKhông tìm thấy thư mục.\nHãy xem lại tên thư mục.",
    "Computer": "Máy tính", "Date Modified": "Ngày sửa", "Name": "Tên", "Size": "Kích thước",
    "Type": "Loại", "Kind": "Loại", "Drive": "Ổ đĩa", "Folder": "Thư mục", "File": "Tệp",
    "File Folder": "Thư mục", "Alias": "Lối tắt", "Shortcut": "Lối tắt", "Unknown": "Không rõ",
    "%1 File": "Tệp %1",
}
_CONTEXTS = {"QPlatformTheme", "QLineEdit", "QWidgetTextControl", "QMessageBox",
             "QDialogButtonBox", "QTextControl", "QFileDialog", "QFileSystemModel",
             "QAbstractFileIconProvider", "QFileIconProvider"}

_BUTTONS = {
    QMessageBox.StandardButton.Ok: OK, QMessageBox.StandardButton.Cancel: CANCEL,
    QMessageBox.StandardButton.Yes: YES, QMessageBox.StandardButton.No: NO,
    QMessageBox.StandardButton.Close: CLOSE, QMessageBox.StandardButton.Save: SAVE,
    QMessageBox.StandardButton.Discard: "Không lưu",
}
_BOX_BUTTONS = {
    QDialogButtonBox.StandardButton.Ok: OK, QDialogButtonBox.StandardButton.Cancel: CANCEL,
    QDialogButtonBox.StandardButton.Yes: YES, QDialogButtonBox.StandardButton.No: NO,
    QDialogButtonBox.StandardButton.Close: CLOSE, QDialogButtonBox.StandardButton.Save: SAVE,
}


class VietnameseTranslator(QTranslator):
    """Answers Qt's own lookups for the strings it shows on standard widgets."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: N802 - Qt override
        if context in _CONTEXTS:
            return _TEXTS.get(source)
        return None

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def install(app: QCoreApplication) -> VietnameseTranslator:
    """Vietnamese locale and translator for the whole application; keep the result alive."""
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    translator = VietnameseTranslator(app)
    app.installTranslator(translator)
    return translator


def translate_buttons(box: QDialogButtonBox) -> QDialogButtonBox:
    for standard, text in _BOX_BUTTONS.items():
        button = box.button(standard)
        if button is not None:
            button.setText(text)
    return box


def button_box(buttons: QDialogButtonBox.StandardButton, parent: QWidget | None = None) -> QDialogButtonBox:
    return translate_buttons(QDialogButtonBox(buttons, parent))


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok) -> QMessageBox:
    """A QMessageBox whose standard buttons say Vietnamese words."""
    box = QMessageBox(icon, title, text, buttons, parent)
    for standard, label in _BUTTONS.items():
        button = box.button(standard)
        if button is not None:
            button.setText(label)
    return box


def error(parent: QWidget | None, title: str, text: str) -> None:
    message_box(parent, QMessageBox.Icon.Critical, title, text).exec()


def ask_save(parent: QWidget | None, text: str) -> str:
    """«Lưu» / «Không lưu» / «Hủy» → "save", "discard" or "cancel"."""
    buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
               | QMessageBox.StandardButton.Cancel)
    box = message_box(parent, QMessageBox.Icon.Question, "Biên chế", text, buttons)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    return {QMessageBox.StandardButton.Save: "save",
            QMessageBox.StandardButton.Discard: "discard"}.get(answer, "cancel")


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    box = message_box(parent, QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes
