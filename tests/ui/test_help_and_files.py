"""Printing, help and files from the app (issue #18 §7): F1 opens the user guide
at the section of the page on screen; «In…» opens the report's PDF; exporting
again never overwrites a saved report; the «Tệp» menu opens another data file,
backs up now and quits. (File dialogs in Vietnamese: tests/ui/test_no_english.py.)"""

import pypdf
from PySide6.QtCore import Qt

from desktop_app.services import backup
from ui.guide_dialog import GuideDialog


def test_f1_opens_the_guide_at_the_pages_section(main_window, qtbot):
    shown = []
    main_window.exec_dialog = shown.append
    for key, heading in (("reports", "5. Báo cáo và in"), ("import", "4. Nhập dữ liệu từ tệp Excel cũ"),
                         ("staff", "3. Nhập và sửa dữ liệu")):
        main_window.show_page(key)
        qtbot.keyClick(main_window.nav, Qt.Key.Key_F1)
        dialog = shown[-1]
        assert isinstance(dialog, GuideDialog) and dialog.section == heading
        dialog.show()
        qtbot.waitExposed(dialog)
        top = dialog.browser.cursorForPosition(dialog.browser.viewport().rect().topLeft()).block()
        assert top.text() == heading  # the section's heading is the first line shown
        dialog.close()
    assert len(shown) == 3


def test_print_opens_a_pdf_of_the_chosen_form(main_window, qtbot, ctx):
    from desktop_app.reports.engine import build_report

    main_window.show_page("reports")
    page = main_window.page("reports")
    opened = []
    page.open_for_print = opened.append
    page.print_report()
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(opened[0]).pages)
    expected = build_report(ctx, page.form_id(), page.params())
    assert f"Mã dữ liệu: {expected.fingerprint}" in text  # this form, these figures


def test_exporting_twice_keeps_both_files(main_window, qtbot, tmp_path):
    main_window.show_page("reports")
    page = main_window.page("reports")
    page.set_folder(str(tmp_path))
    page.format.setCurrentIndex(next(i for i in range(page.format.count())
                                     if page.format.itemData(i) == ["xlsx"]))
    written: list[str] = []
    for _ in range(2):
        page._set_written([])
        page.export()
        qtbot.waitUntil(lambda: len(page.written) == 1 and page.export_button.isEnabled(), timeout=20000)
        written += page.written
    assert len(set(written)) == 2 and all(tmp_path.joinpath(p).exists() for p in written)
    assert written[1].endswith(" (2).xlsx")


def test_file_menu_opens_another_file_backs_up_and_quits(main_window, qtbot, ctx, tmp_path):
    menu = main_window.file_menu
    [file_action] = [a for a in main_window.menuBar().actions() if a.text() == "&Tệp"]
    assert main_window.menuBar().actions()[0] is file_action
    menu.ask_file = lambda: str(tmp_path / "khac.sqlite")
    launched = []
    menu.launch = lambda path: launched.append(path) or True
    said = []
    menu.say = lambda _icon, text: said.append(text)
    menu.actions["backup"].trigger()
    assert said and "Đã sao lưu" in said[0]
    assert len(backup.list_backups(ctx.path)) >= 1
    menu.actions["open"].trigger()
    assert launched == [str(tmp_path / "khac.sqlite")] and not main_window.isVisible()
