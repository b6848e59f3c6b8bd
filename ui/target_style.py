"""How a target's state looks on Tổng quan (issue #18 §9): graded colours — a
target met is green, one under way blue, one overdue orange when nearly there
and red only when far from it (97 % and 11 % are not the same red) — and light
bar colours under dark text, so the percentage on a bar is always readable."""

from __future__ import annotations

from desktop_app.services.targets import DANG_THUC_HIEN, DAT, THIEU

TEXT = "#000000"  # the bar's label, on every bar colour below


def colours(state: str, progress: float) -> tuple[str, str]:
    """(text colour of the state line, bar colour) for a state and a 0..1 progress."""
    if state == DAT:
        return "#1b5e20", "#a5d6a7"
    if state == THIEU:
        return "#546e7a", "#cfd8dc"
    if state == DANG_THUC_HIEN:
        return ("#0d47a1", "#90caf9") if progress >= 0.5 else ("#1565c0", "#bbdefb")
    if progress >= 0.9:  # overdue, nearly there
        return "#8d6e00", "#ffe082"
    if progress >= 0.5:
        return "#bf360c", "#ffb74d"
    return "#b71c1c", "#ef9a9a"


def luminance(colour: str) -> float:
    """WCAG relative luminance of «#rrggbb»."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
