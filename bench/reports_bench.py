"""What exporting a long list costs (SPEC §11): BM02-VC on a province-sized file.

Each step runs in its own subprocess so its peak memory (ru_maxrss) is its own:
  model    build the report model (SQL, grouping, fingerprint of the data file)
  xlsx     our Excel writer           vs  xlsx-base: openpyxl write-only (lxml) writing the same
                                          cells with the same shared styles, no layout logic
  pdf      our PDF writer             vs  pdf-base: a bare reportlab canvas drawing the same cell
                                          texts and a grid, fixed rows per page, nothing else
  soffice  LibreOffice headless converting our xlsx to PDF ("what clerks do today")
Writer times exclude building the model (each step builds it first, untimed).
Data: the demo generator (``desktop_app.services.demo``) when present, else
``--people`` person rows inserted with executemany.

Run: ``uv run python bench/reports_bench.py [--people 50000] [--units 2500] [--repeat 1]``
     ``--profile pdf`` prints a pyinstrument profile of one step instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop_app.context import open_context  # noqa: E402
from desktop_app.reports.engine import Params, build_report  # noqa: E402
from desktop_app.services import office  # noqa: E402

AS_OF = dt.date(2026, 11, 23)
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thị Thu", "Ngọc", "Quốc", "Thanh", "Thị Mỹ", "Xuân"]
GIVEN = ["Anh", "Bình", "Cường", "Dũng", "Hằng", "Hương", "Khôi", "Lan", "Linh", "Nga", "Phương",
         "Quân", "Sơn", "Thảo", "Trang", "Tuấn", "Việt", "Yến", "Đức", "Hưng", "Ánh", "Ngọc"]
FIELDS = {"MN": ("Trường Mầm non", "V.07.02.26"), "TH": ("Trường Tiểu học", "V.07.03.29"),
          "THCS": ("Trường Trung học cơ sở", "V.07.04.31"), "YTE": ("Trạm Y tế", "V.08.05.13")}
PLACES = ["Phúc Đồng", "Long Biên", "Thạch Bàn", "Bồ Đề", "Cự Khối", "Việt Hưng", "Ngọc Thụy", "Gia Thụy"]


def build(path: Path, units: int, people: int) -> None:
    """Office settings through the service; units, people and assignments with executemany."""
    ctx = open_context(path, today=AS_OF)
    try:
        office.save(ctx, {"name": "Ủy ban nhân dân tỉnh Bắc Ninh", "level": "tinh", "place": "Bắc Ninh",
                          "parent": "", "report_code": "UBND", "sign_authority": "TM.",
                          "signer_title": "Chủ tịch", "signer_name": "Nguyễn Văn Bình",
                          "recipients": "- Bộ Nội vụ;\n- Thường trực Tỉnh ủy;\n- Lưu: VT, NV."})
        rnd = random.Random(7)
        unit_rows, person_rows, posts = [], [], []
        for i in range(1, units + 1):
            field = list(FIELDS)[i % len(FIELDS)]
            unit_rows.append((i, f"U{i:05d}", f"{FIELDS[field][0]} {PLACES[i % len(PLACES)]} số {i}",
                              field, "2015-01-01"))
        for i in range(1, people + 1):
            name = f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"
            unit = i % units + 1
            gender = "nu" if "Thị" in name else "nam"
            born = f"{rnd.randint(1966, 2001)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
            title = FIELDS[unit_rows[unit - 1][3]][1]
            step, coef = rnd.randint(1, 9), round(rnd.uniform(2.34, 4.98), 2)
            person_rows.append((i, name, born, gender, unit, title, "III", "A1", step, coef,
                                rnd.choice([None, 0.2, 0.3]), rnd.choice([None, 5.0, 7.0]), 30.0))
            posts.append((i, unit, title, "III", "A1", step, coef))
        db = ctx.db
        with db.atomic():
            db.conn.executemany("INSERT INTO unit (id, code, name, field, valid_from) VALUES (?, ?, ?, ?, ?)",
                                unit_rows)
            db.conn.executemany(
                "INSERT INTO person (id, full_name, birth_date, gender, unit_id, title_code, title_rank, "
                "salary_class, salary_step, coefficient, allowance_position, allowance_seniority_pct, "
                "allowance_profession_pct, pay_source, employment_kind, recruited_on) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NSNN', 'VIEN_CHUC', '2015-09-01')",
                person_rows)
            db.conn.executemany(
                "INSERT INTO assignment (person_id, valid_from, change, unit_id, title_code, title_rank, "
                "salary_class, salary_step, coefficient, pay_source, employment_kind) "
                "VALUES (?, '2015-09-01', 'tuyen_dung', ?, ?, ?, ?, ?, ?, 'NSNN', 'VIEN_CHUC')", posts)
    finally:
        ctx.close()


def build_demo(path: Path) -> bool:
    """The province demo when the generator exists on this branch."""
    try:
        from desktop_app.services import demo  # type: ignore[attr-defined]
    except ImportError:
        return False
    ctx = open_context(path, today=AS_OF)
    try:
        demo.generate(ctx, scale="province", seed=1)
    finally:
        ctx.close()
    return True


# ---- steps (each runs in a child process) ----------------------------------------------------


def _report(db: Path):
    ctx = open_context(db, today=AS_OF)
    try:
        return build_report(ctx, "bm02-vc", Params(AS_OF, AS_OF.year))
    finally:
        ctx.close()


def step_model(db: Path, out: Path) -> dict:
    _report(db)
    return {"rows": 0}


def step_xlsx(db: Path, out: Path) -> dict:
    from desktop_app.reports.excel import write_xlsx

    report = _report(db)
    started = time.perf_counter()
    write_xlsx(report, out / "bm02-vc.xlsx")
    return {"timed": time.perf_counter() - started, "rows": len(report.rows)}


def step_xlsx_base(db: Path, out: Path) -> dict:
    import openpyxl.xml
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, Side

    from desktop_app.reports.model import TEXT

    report = _report(db)
    started = time.perf_counter()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("bm02-vc")
    side = Side(style="thin")
    box, font = Border(left=side, right=side, top=side, bottom=side), Font(name="Times New Roman", size=11)
    left, right = Alignment(horizontal="left", wrap_text=True), Alignment(horizontal="right")
    leaves = report.leaves
    for r in report.rows:
        cells = []
        for c in leaves:
            v = r.stt if c.key == "stt" else (r.label if c.key == "label" else r.values.get(c.key))
            cell = WriteOnlyCell(ws, value=v)
            cell.font, cell.border, cell.alignment = font, box, left if c.kind == TEXT else right
            if c.kind != TEXT:
                cell.number_format = "#,##0.00"
            cells.append(cell)
        ws.append(cells)
    wb.save(out / "base.xlsx")
    return {"timed": time.perf_counter() - started, "lxml": openpyxl.xml.LXML}


def step_pdf(db: Path, out: Path) -> dict:
    from desktop_app.reports.pdf import write_pdf

    report = _report(db)
    started = time.perf_counter()
    write_pdf(report, out / "bm02-vc.pdf")
    took = time.perf_counter() - started
    import pypdf

    return {"timed": took, "pages": len(pypdf.PdfReader(out / "bm02-vc.pdf").pages)}


def step_pdf_base(db: Path, out: Path) -> dict:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    from desktop_app.reports import fonts
    from desktop_app.reports.pdf_table import cell_text

    report = _report(db)
    started = time.perf_counter()
    fonts.register()
    width, height = landscape(A4)
    leaves = report.leaves
    total = sum(c.width for c in leaves)
    xs = [85.0]
    for c in leaves:
        xs.append(xs[-1] + (width - 85 - 42.5) * c.width / total)
    canvas = Canvas(str(out / "base.pdf"), pagesize=(width, height))
    row_h, top, per_page = 15.5, height - 57, 30
    for start in range(0, len(report.rows), per_page):
        chunk = report.rows[start:start + per_page]
        canvas.setFont(fonts.REGULAR, 10)
        path = canvas.beginPath()
        for i, r in enumerate(chunk):
            y = top - (i + 1) * row_h
            for j, c in enumerate(leaves):
                v = r.stt if c.key == "stt" else (r.label if c.key == "label" else r.values.get(c.key))
                canvas.drawString(xs[j] + 2.5, y + 4.5, cell_text(v, c.kind))
            path.moveTo(xs[0], y)
            path.lineTo(xs[-1], y)
        for x in xs:
            path.moveTo(x, top)
            path.lineTo(x, top - len(chunk) * row_h)
        canvas.drawPath(path)
        canvas.showPage()
    canvas.save()
    return {"timed": time.perf_counter() - started}


def step_soffice(db: Path, out: Path) -> dict:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None or not (out / "bm02-vc.xlsx").exists():
        return {"skipped": "LibreOffice chưa cài" if exe is None else "chưa có tệp xlsx"}
    folder = out / "soffice"
    started = time.perf_counter()
    subprocess.run([exe, f"-env:UserInstallation=file://{out / 'lo-profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(out / "bm02-vc.xlsx")],
                   check=True, capture_output=True, timeout=1800)
    took = time.perf_counter() - started
    import pypdf

    return {"timed": took, "pages": len(pypdf.PdfReader(folder / "bm02-vc.pdf").pages)}


STEPS = {"model": step_model, "xlsx": step_xlsx, "xlsx-base": step_xlsx_base, "pdf": step_pdf,
         "pdf-base": step_pdf_base, "soffice": step_soffice}


def child(step: str, db: Path, out: Path) -> None:
    started = time.perf_counter()
    result = STEPS[step](db, out)
    result["total"] = time.perf_counter() - started
    # ru_maxrss is KiB on Linux; for soffice the child process counts (RUSAGE_CHILDREN).
    who = resource.RUSAGE_CHILDREN if step == "soffice" else resource.RUSAGE_SELF
    result["maxrss_mb"] = resource.getrusage(who).ru_maxrss / 1024
    print(json.dumps(result))


def run(step: str, db: Path, out: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", step, "--db", str(db), "--out", str(out)],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def rows(db: Path, scale: str) -> list[dict]:
    """For bench/run.py: BM02-VC on the demo file, each writer and baseline in its own process."""
    from common import row

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        r = {s: run(s, db, out) for s in ("xlsx", "xlsx-base", "pdf", "pdf-base", "soffice")}
    t = {s: v.get("timed") for s, v in r.items()}
    mem = {s: v["maxrss_mb"] for s, v in r.items()}
    n = r["xlsx"]["rows"]
    found = [row(f"export bm02-vc xlsx, {n:,} rows, vs openpyxl write-only ({scale})", t["xlsx"],
                 t["xlsx-base"], "s", "≤ 1,2×", t["xlsx"] <= 1.2 * t["xlsx-base"], mem["xlsx"]),
             row(f"export bm02-vc pdf vs reportlab canvas, same rows ({scale})", t["pdf"], t["pdf-base"], "s",
                 "≤ 1,3×", t["pdf"] <= 1.3 * t["pdf-base"], mem["pdf"])]
    if t["soffice"] is None:
        found.append(row(f"bm02-vc pdf vs LibreOffice xlsx→pdf: {r['soffice'].get('skipped')}", t["pdf"],
                         None, "s", "≥ 2× nhanh hơn", None, mem["pdf"]))
    else:
        pages = f"{r['pdf']['pages']:,} vs {r['soffice']['pages']:,} pages"  # ours at 10 pt, LO shrunk to fit
        found.append(row(f"bm02-vc pdf vs LibreOffice headless xlsx→pdf ({scale}; {pages})", t["pdf"],
                         t["soffice"], "s", "≥ 2× nhanh hơn", 2 * t["pdf"] <= t["soffice"], mem["pdf"]))
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--units", type=int, default=2_500)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child")
    parser.add_argument("--profile")
    parser.add_argument("--db")
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.child:
        child(args.child, Path(args.db), Path(args.out))
        return
    with tempfile.TemporaryDirectory() as folder:
        db, out = Path(folder) / "bienche.sqlite", Path(folder)
        started = time.perf_counter()
        source = "demo --scale province" if build_demo(db) else f"{args.people:,} người (executemany)"
        if source != "demo --scale province":
            build(db, args.units, args.people)
        print(f"Dữ liệu: {source}, dựng trong {time.perf_counter() - started:.1f} s")
        if args.profile:
            from pyinstrument import Profiler

            with Profiler() as profiler:
                STEPS[args.profile](db, out)
            print(profiler.output_text(unicode=True, color=False, show_all=False))
            return
        results: dict[str, list[dict]] = {s: [] for s in STEPS}
        for _ in range(args.repeat):
            for s in STEPS:
                results[s].append(run(s, db, out))
        table(results)


def _median(results: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in results)


def table(results: dict[str, list[dict]]) -> None:
    t = {s: _median(rs, "timed") for s, rs in results.items() if "timed" in rs[0]}
    mem = {s: max(r["maxrss_mb"] for r in rs) for s, rs in results.items()}
    print(f"\nBM02-VC, {results['xlsx'][0]['rows']:,} dòng; trang PDF: {results['pdf'][0]['pages']}; "
          f"openpyxl dùng lxml: {results['xlsx-base'][0]['lxml']}")
    print(f"{'bước':<34}{'giây':>8}{'mốc':>8}{'tỉ lệ':>8}{'mục tiêu':>12}{'RAM đỉnh MB':>13}")
    model = _median(results["model"], "total")
    print(f"{'dựng mô hình báo cáo':<34}{model:8.2f}{'':>28}{mem['model']:13.0f}")
    rows = [("Excel (ghi) / openpyxl write-only", "xlsx", "xlsx-base", "≤ 1,2×"),
            ("PDF (ghi) / canvas reportlab trần", "pdf", "pdf-base", "≤ 1,3×")]
    for label, ours, base, target in rows:
        print(f"{label:<34}{t[ours]:8.2f}{t[base]:8.2f}{t[ours] / t[base]:8.2f}{target:>12}"
              f"{mem[ours]:13.0f}")
    if "soffice" in t:
        print(f"{'LibreOffice xlsx→PDF / PDF của ta':<34}{t['soffice']:8.2f}{t['pdf']:8.2f}"
              f"{t['soffice'] / t['pdf']:8.2f}{'≥ 2×':>12}{mem['soffice']:13.0f}"
              f"   ({results['soffice'][0]['pages']} trang)")
    else:
        print(f"LibreOffice: {results['soffice'][0].get('skipped')}")
    print(f"{'mốc: RAM đỉnh':<34}{'':>28}{mem['xlsx-base']:13.0f} (xlsx)  {mem['pdf-base']:.0f} (pdf)")


if __name__ == "__main__":
    main()
