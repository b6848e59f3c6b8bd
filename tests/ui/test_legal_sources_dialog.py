"""«Trợ giúp → Căn cứ pháp lý» (issue #21): reached from the menu by keyboard, lists every rule of
services/rules*.py, every threshold, every period of a text and every form with its source; typing
in the filter narrows the rows (accents optional); unverified rows say so."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt

from desktop_app.reports.engine import forms
from desktop_app.services import legal_sources
from ui.legal_sources_dialog import TITLE, LegalSourcesDialog

OUR_FILES = re.compile(r"SPEC|§|\[I\]|legal-notes|tech-notes|forms-review|docs/|legal-sources\.md")
SERVICES = Path(__file__).resolve().parents[2] / "desktop_app" / "services"


def rule_ids_in_code() -> set[str]:
    text = "".join(p.read_text("utf-8") for p in SERVICES.glob("rules*.py"))
    return set(re.findall(r'Finding\(\s*"([A-Z_0-9]+)"', text))


def test_every_rule_has_its_source_as_the_rule_cites_it(ctx):
    assert rule_ids_in_code() <= set(legal_sources.RULES)
    code = "".join(p.read_text("utf-8") for p in SERVICES.glob("rules*.py"))
    for _what, sources in legal_sources.RULES.values():
        for s in sources:
            kind, _, rest = s.partition(":")
            if kind == "nguong":
                assert ctx.catalogues.item("nguong", rest), s
            elif kind == "che_do":
                assert legal_sources.regimes.periods(ctx, rest.split(":")[0]), s
            elif kind == "danh_muc":
                assert ctx.catalogues.items(rest), s
            elif s not in (legal_sources.FILE_SOURCE, legal_sources.DEPUTY_SOURCE, legal_sources.HEAD_SOURCE,
                           legal_sources.VIEN_CHUC_FORMS_SOURCE):
                assert f'"{s}"' in code, s  # the literal the rule itself cites


def test_the_menu_opens_it_and_the_filter_narrows(main_window, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(LegalSourcesDialog, "exec", lambda self: shown.append(self) or 0)
    [menu] = [a for a in main_window.menuBar().actions() if a.text() == "&Trợ giúp"]
    [action] = [a for a in menu.menu().actions() if a.text() == TITLE]
    action.trigger()
    [dialog] = shown
    qtbot.addWidget(dialog)
    dialog.show()
    names = [r.text(0) for r in dialog.visible_rows()]
    for rule_id in rule_ids_in_code():
        assert any(n.startswith(f"{rule_id}:") for n in names), rule_id
    for form in forms().values():
        assert any(n.startswith(f"{form.id}:") for n in names), form.id
    assert sum(1 for n in names if "Giảm" in n) >= 4  # thresholds
    qtbot.keyClicks(dialog.filter, "dieu 12 khoan 6")  # no accents
    rows = dialog.visible_rows()
    assert rows and all("Điều 12 khoản 6" in r.text(1) for r in rows)
    assert any(r.text(0).startswith("HTXS_VUOT_TY_LE:") for r in rows)
    dialog.filter.clear()
    qtbot.keyClicks(dialog.filter, "vi tri viec lam")
    periods = [r for r in dialog.visible_rows() if r.parent().text(0) == legal_sources.PERIOD]
    assert [r.text(2) for r in periods] == ["từ 15/11/2020 đến trước 01/07/2026", "từ 01/07/2026"]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_unverified_rows_say_so_with_the_reason(app, qtbot, ctx):
    dialog = LegalSourcesDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.filter, "nd 111/2025")  # typed without accents
    rows = dialog.visible_rows()
    assert rows and all(r.text(3) == "Chưa kiểm chứng" for r in rows)
    assert "chưa đọc được" in rows[0].toolTip(0)


def test_no_row_cites_our_own_files(app, qtbot, ctx):
    """Everything the dialog shows, tooltips included, cites laws — never SPEC, «§», «[I]», our notes
    or docs/ (issue #18 §8); unverified catalogue items are listed in the dialog itself."""
    dialog = LegalSourcesDialog(ctx)
    qtbot.addWidget(dialog)
    rows = dialog.visible_rows()
    texts = [t for r in rows for t in (*(r.text(c) for c in range(4)), r.toolTip(0))]
    assert [t for t in texts if OUR_FILES.search(t)] == []
    unverified = [r for r in rows if r.parent().text(0) == legal_sources.UNVERIFIED]
    count = sum(1 for k in ctx.catalogues.kinds() for i in ctx.catalogues.items(k) if not i.get("verified"))
    assert len(unverified) == count > 0 and all(r.text(3) == "Chưa kiểm chứng" for r in unverified)
