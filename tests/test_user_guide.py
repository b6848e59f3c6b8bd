"""docs/huong-dan-su-dung.md: every picture it shows exists and is small, every
page of the main window has its picture, and the guide says how to regenerate them."""

from __future__ import annotations

import re
from pathlib import Path

from ui.pages import PAGES

DOCS = Path(__file__).resolve().parent.parent / "docs"
GUIDE = (DOCS / "huong-dan-su-dung.md").read_text("utf-8")


def test_every_picture_in_the_guide_exists_and_is_small():
    pictures = re.findall(r"!\[[^\]]+\]\((img/[^)]+\.png)\)", GUIDE)
    assert pictures
    for picture in pictures:
        data = (DOCS / picture).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) <= 150_000, picture


def test_the_script_makes_a_picture_of_every_page():
    made = {p.stem for p in (DOCS / "img").glob("*.png")}
    assert {key for key, _title, _factory in PAGES} <= made
    assert "uv run python docs/make_screenshots.py" in GUIDE
