"""Peak memory of a large import (issue #16): a 200,000-row staff sheet used to peak near
900 MB. Measured in a subprocess with resource.getrusage (ru_maxrss), never as a time: the
sheet is built here, imported for real, and the rows counted with SQL."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "safety"))
import raw_xlsx  # noqa: E402
from safety_helpers import staff_rows  # noqa: E402

from desktop_app.entities import ENTITIES  # noqa: E402

ROWS = 200_000
BUDGET_MB = 400
FIELDS = ["full_name", "birth_date", "gender", "cccd", "unit_id", "salary_class", "coefficient"]
CHILD = """
import resource, sys
sys.path.insert(0, sys.argv[3])
from safety_helpers import small_office
from desktop_app.importing.service import import_file
ctx, _, _ = small_office(sys.argv[1])
result = import_file(ctx, "staff", sys.argv[2])
ctx.close()
print(result.written, len(result.problems), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _rows():
    person = ENTITIES["person"]
    yield [person.field(name).label for name in FIELDS]
    for start in range(0, ROWS, 5000):
        for row in staff_rows(5000, start=start):
            yield [row[name] for name in FIELDS]


@pytest.mark.slow
def test_a_200000_row_import_stays_under_400_mb(tmp_path):
    sheet = raw_xlsx.write(tmp_path / "nhan_su.xlsx", _rows())
    db = tmp_path / "dl.sqlite"
    r = subprocess.run([sys.executable, "-c", CHILD, str(db), str(sheet),
                        str(Path(__file__).resolve().parents[1] / "safety")],
                       capture_output=True, text=True, timeout=1200)
    assert r.returncode == 0, r.stderr[-3000:]
    written, problems, peak_kb = map(int, r.stdout.split())
    assert (written, problems) == (ROWS, 0)
    conn = sqlite3.connect(db)
    named = conn.execute("SELECT count(*) FROM person WHERE full_name LIKE 'Trần Văn Nhập %'").fetchone()
    assert named == (ROWS,)
    conn.close()
    assert peak_kb / 1024 < BUDGET_MB, f"peak {peak_kb / 1024:.0f} MB"
