"""Every exported xlsx opens in LibreOffice (what clerks and the level above
use besides Excel): headless conversion of all ten forms to PDF must succeed
and yield pages. Slow (LibreOffice start-up), so marked ``slow``."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pypdf
import pytest

from desktop_app.reports.engine import Params, forms
from reports.helpers import export

pytestmark = pytest.mark.slow
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def test_libreoffice_converts_every_form(rctx, tmp_path):
    assert SOFFICE, "LibreOffice is needed: apt-get install -y libreoffice-calc-nogui"
    params = Params(dt.date(2026, 11, 23), 2026)
    books = [export(rctx, form_id, params, tmp_path)[1] for form_id in forms()]
    assert len(books) == len(forms()) >= 10
    out = tmp_path / "lo"
    done = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(out), *map(str, books)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    for book in books:
        pdf = out / f"{book.stem}.pdf"
        assert pdf.exists(), f"LibreOffice could not convert {book.name}: {done.stdout} {done.stderr}"
        reader = pypdf.PdfReader(pdf)
        assert len(reader.pages) >= 1
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in reader.pages[0].extract_text(), book.name
