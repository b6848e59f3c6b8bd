"""«Sắp đến hạn» on the dashboard: the card counts this month's and next month's lists; its
button opens the list, «Ghi các việc…» writes the raises after the confirmation and
«Hoàn tác» takes the whole step back — driven with the keyboard."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop_app.services import dashboard, due, records
from ui.due_panel import DueCard, DueDialog


@pytest.fixture
def raise_due(ctx, units):
    # A1 step 2 since 01/11/2023: due 01/11/2026, in this month (today 23/11/2026)
    return records.create(ctx, "person", {"full_name": "Đến Hạn Lương", "unit_id": units["TH01"],
                                          "salary_class": "A1", "salary_step": 2, "coefficient": 2.67,
                                          "step_since": "01/11/2023", "recruited_on": "01/09/2015"})


def test_dashboard_computes_the_card(ctx, raise_due):
    soon = dashboard.compute(ctx).due
    assert (soon.first, soon.last) == (dt.date(2026, 11, 1), dt.date(2026, 12, 31))
    assert (soon.raises, soon.retirements, soon.contracts) == (1, 0, 0)


def test_card_opens_the_list_and_the_dialog_applies_and_undoes(qtbot, ctx, raise_due):
    card = DueCard(ctx)
    qtbot.addWidget(card)
    card.show_soon(due.soon(ctx))
    assert card.buttons["nang-luong"].text() == "Nâng bậc lương, TNVK: 1"
    opened = []
    card.exec_dialog = lambda d: opened.append(d) or True
    card.buttons["nang-luong"].setFocus()
    qtbot.keyClick(card.buttons["nang-luong"], Qt.Key.Key_Space)
    dialog: DueDialog = opened[0]
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1 and dialog.model.text(0, 0) == "Đến Hạn Lương"
    dialog.confirm = lambda n: False  # declined: nothing written
    qtbot.keyClick(dialog.apply_button, Qt.Key.Key_Space)
    assert ctx.db.execute("SELECT salary_step FROM person").fetchone()[0] == 2
    dialog.confirm = lambda n: n == 1
    qtbot.keyClick(dialog.apply_button, Qt.Key.Key_Space)
    assert ctx.db.execute("SELECT salary_step, step_since FROM person").fetchone() == (3, "2026-11-01")
    assert dialog.model.rowCount() == 0 and dialog.undo_button.isEnabled()
    qtbot.keyClick(dialog.undo_button, Qt.Key.Key_Space)
    assert ctx.db.execute("SELECT salary_step, step_since FROM person").fetchone() == (2, "2023-11-01")
    assert ctx.db.execute("SELECT count(*) FROM assignment").fetchone()[0] == 1
    assert "Đã hoàn tác 1 việc" in dialog.status.text()


def test_a_contract_write_moves_the_dashboard_stamp(ctx, raise_due):
    before = dashboard.data_stamp(ctx)
    records.create(ctx, "contract", {"person_id": raise_due, "kind": "HDLV_KXD", "from_date": "01/09/2015"})
    assert dashboard.data_stamp(ctx) != before
