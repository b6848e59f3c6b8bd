"""The text report (BÁO CÁO, ND 30/2020 Mẫu 1.4) printed before its attached table:
the header, the trích yếu with its short rule, Kính gửi, the sections (headings bold,
paragraphs 13 pt justified with a 1 cm first-line indent and 6 pt after), closing "./.",
then Nơi nhận and the signature block kept together with the last paragraph."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from desktop_app.reports import fonts
from desktop_app.reports.model import Report


def letter_story(report: Report, width: float, header: Callable, footer: Callable) -> list:
    from desktop_app.reports.pdf import _p, _rule, _style  # the writer's own text helpers

    letter = report.letter
    assert letter is not None
    h = report.header
    letter_header = type(h)(parent=h.parent, office=h.office, number=letter.number, place_date=h.place_date)
    out = header(letter_header, letter.title, letter.subject, "", width)
    out.insert(len(out) - 2, _rule(letter.subject, fonts.BOLD, 13, 0.4, width * 0.4))
    out.append(Spacer(1, 3 * mm))
    several = len(letter.addressee) > 1
    for i, line in enumerate(letter.addressee):
        style = _style(14, align=TA_CENTER if not several or i == 0 else TA_LEFT,
                       leftIndent=0 if not several or i == 0 else width * 0.3)
        out.append(_p(line, style))
    out.append(Spacer(1, 4 * mm))
    text = _style(13, align=TA_JUSTIFY, leading=13 * 1.3, firstLineIndent=10 * mm, spaceAfter=6)
    heading = _style(13, fonts.BOLD, TA_LEFT, leading=13 * 1.3, firstLineIndent=10 * mm, spaceAfter=6)
    paragraphs = [_p(t, heading if kind == "heading" else text) for kind, t in letter.paragraphs]
    out += paragraphs[:-1]
    out.append(KeepTogether([paragraphs[-1], footer(report, width, letter=True)]) if paragraphs
               else footer(report, width, letter=True))
    return out
