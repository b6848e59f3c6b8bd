"""Column widths of the PDF table, and a wide table split into parts (issue 14).

Each leaf column has a floor: its widest number in bold at ``NUMBER_MIN``, its header's
longest word at ``HEAD_MIN`` (a header word is never broken), the name column room for a
unit's name in a few lines (``LABEL_MIN``) and other text columns 70 % of their share. A
group header's longest word widens its leaves. When the floors of all columns do not fit
the frame, the columns after the key columns (the leading text columns: STT, Tên đơn vị)
are cut at top-level group boundaries into parts of about equal width, each printed with
the key columns and the same rows; the column numbers stay those of the whole table."""

from __future__ import annotations

from desktop_app.reports import fonts
from desktop_app.reports.fonts import text_width
from desktop_app.reports.model import ITEM, TEXT, Column, Row, cell_text, leaves, marked
from desktop_app.reports.pdf_table import NUMBER_MIN, PAD_X, SIZE, widen_numbers

HEAD_SIZE, HEAD_MIN = 9.5, 7.0  # header text size, and the smallest it is set to fit a word
HEAD_PAD = 7.0  # a header cell's room is its width less this (pdf._table)
LABEL_MIN = 120.0  # the name column: a unit's name in at most three lines
LABEL_LINES = 2.5  # the longest name in three lines, with room for where the words break
LABEL_MAX = 200.0  # and no wider when it is widened in a split table (the numbers keep room)
TEXT_GIVES = 0.3  # a text column gives at most this share of its width to others


def _longest_word(text: str, size: float) -> float:
    return max((text_width(w, fonts.BOLD, size) for w in text.split()), default=0.0)


def head_need(text: str) -> float:
    """The width a header cell needs so its longest word fits at HEAD_MIN."""
    return _longest_word(text, HEAD_MIN) + HEAD_PAD


def _value_need(c: Column, rows: list[Row], share: float) -> float:
    if c.kind != TEXT:
        texts = {cell_text(r.values.get(c.key or ""), c.kind) for r in rows} if c.key else set()
        return max((text_width(t, fonts.BOLD, NUMBER_MIN) for t in texts if t), default=0.0) + 2 * PAD_X + 0.5
    if c.key == "label":
        return max(share * (1 - TEXT_GIVES), min(LABEL_MIN, _widest_item(rows) / LABEL_LINES + 2 * PAD_X))
    return share * (1 - TEXT_GIVES) if c.key != "stt" else share


def _widest_item(rows: list[Row]) -> float:
    """The widest item row's name on one line (group headings may take more lines: on BM02-VC
    they are unit names over rows of people)."""
    return max((text_width(r.label or "", fonts.REGULAR, SIZE) for r in rows if r.kind == ITEM), default=0.0)


def floors(columns: list[Column], rows: list[Row], shares: dict[int, float]) -> dict[int, float]:
    """Each leaf's floor (by ``id``), a group's header spread over its leaves."""
    out: dict[int, float] = {}
    for c in columns:
        if c.is_leaf:
            out[id(c)] = max(head_need(marked(c)), _value_need(c, rows, shares[id(c)]))
            continue
        inner = floors(c.children, rows, shares)
        kids = leaves(c.children)
        extra = max(0.0, head_need(marked(c)) - sum(inner[id(k)] for k in kids)) / len(kids)
        out.update({k: v + extra for k, v in inner.items()})
    return out


def _shares(columns: list[Column], width: float) -> dict[int, float]:
    cols = leaves(columns)
    total = sum(c.width for c in cols) or 1.0
    return {id(c): width * c.width / total for c in cols}


def key_count(columns: list[Column]) -> int:
    """The leading top-level text leaves (STT, Tên đơn vị): repeated in every part."""
    n = 0
    while n < len(columns) and columns[n].is_leaf and columns[n].kind == TEXT:
        n += 1
    return n


def split(columns: list[Column], rows: list[Row], width: float) -> list[list[Column]]:
    """The table's parts: one when every floor fits the frame, else as few as fit, balanced."""
    need = floors(columns, rows, _shares(columns, width))
    keys, rest = columns[:key_count(columns)], columns[key_count(columns):]
    size = [sum(need[id(leaf)] for leaf in leaves([c])) for c in rest]
    key_w = sum(need[id(c)] for c in keys)
    if not rest or key_w + sum(size) <= width:
        return [columns]
    room = width - key_w
    count = len(_pack(size, room))
    target = max(sum(size) / count, max(size))
    while len(chunks := _pack(size, target)) > count:
        target += 1.0
    out, at = [], 0
    for n in chunks:
        out.append(keys + rest[at:at + n])
        at += n
    return out


def _pack(size: list[float], room: float) -> list[int]:
    """Greedy: how many top-level columns go in each part of at most ``room``."""
    chunks, used = [0], 0.0
    for s in size:
        if chunks[-1] and used + s > room:
            chunks.append(0)
            used = 0.0
        chunks[-1] += 1
        used += s
    return chunks


def widths(columns: list[Column], rows: list[Row], width: float) -> list[float]:
    """Leaf widths filling ``width``: each column's share, raised to its floor, the room taken
    from columns above their floor in proportion; when the floors do not fit (a single group
    wider than the frame), the old rule: numbers widened, text columns giving up to 30 %."""
    cols = leaves(columns)
    shares = _shares(columns, width)
    need = floors(columns, rows, shares)
    w = [max(need[id(c)], shares[id(c)]) for c in cols]
    excess = sum(w) - width
    slack = [x - need[id(c)] for c, x in zip(cols, w, strict=True)]
    if excess <= 0.01:
        return w
    if sum(slack) < excess:
        return widen_numbers(cols, rows, [shares[id(c)] for c in cols])
    return [x - s * excess / sum(slack) for x, s in zip(w, slack, strict=True)]


def same_keys(parts: list[list[Column]], rows: list[Row], col_ws: list[list[float]],
              width: float) -> list[list[float]]:
    """Every part's key columns alike (the rows break alike in every part): as narrow as the
    narrowest part's, the name column then as wide as its longest name (one line per unit),
    LABEL_MAX or as the other columns allow while keeping ROOMY times their floors; what a part saves
    or gives is shared by its other columns in proportion."""
    if len(parts) < 2:
        return col_ws
    keys = key_count(parts[0])
    key_w = [min(ws[j] for ws in col_ws) for j in range(keys)]
    slacks = [_slack(p, rows, ws, width, keys) for p, ws in zip(parts, col_ws, strict=True)]
    label = next((j for j, c in enumerate(parts[0][:keys]) if c.key == "label"), None)
    if label is not None:
        widest = max((text_width(r.label or "", fonts.BOLD, SIZE) for r in rows), default=0.0) + 2 * PAD_X + 1
        room = min(sum(ws[:keys]) - sum(key_w) + sum(s) for ws, s in zip(col_ws, slacks, strict=True))
        key_w[label] = max(key_w[label], min(widest, LABEL_MAX, key_w[label] + room))
    out = []
    for ws, slack in zip(col_ws, slacks, strict=True):
        freed, rest = sum(ws[:keys]) - sum(key_w), ws[keys:]
        if freed >= 0:
            out.append(key_w + [x + freed * x / sum(rest) for x in rest])
        else:
            out.append(key_w + [x + freed * s / sum(slack) for x, s in zip(rest, slack, strict=True)])
    return out


ROOMY = 1.3  # a part's number columns keep this much above their floor when the name widens


def _slack(columns: list[Column], rows: list[Row], ws: list[float], width: float, keys: int) -> list[float]:
    need = floors(columns, rows, _shares(columns, width))
    return [max(0.0, w - ROOMY * need[id(c)]) for c, w in zip(leaves(columns)[keys:], ws[keys:], strict=True)]
