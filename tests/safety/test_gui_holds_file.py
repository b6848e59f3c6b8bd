"""While the GUI holds the data file, a CLI import is refused with a Vietnamese
message naming the holder, exits non-zero and changes nothing (SPEC §7)."""

import socket
import subprocess
import sys
from pathlib import Path

from safety_helpers import content_hash, small_office, staff_rows, write_sheet

ROOT = Path(__file__).resolve().parents[2]
GUI = ("import sys, time\n"
       "from desktop_app.context import open_context\n"
       "ctx = open_context(sys.argv[1], lock=True, program='GUI')\n"
       "print('dang giu', flush=True)\n"
       "time.sleep(120)\n")


def test_cli_import_is_refused_while_the_gui_holds_the_file(tmp_path):
    data = tmp_path / "bienche.sqlite"
    ctx, _, _ = small_office(data)
    ctx.close()
    sheet = write_sheet(tmp_path / "staff.xlsx", "staff", staff_rows(4))
    before = content_hash(data)
    gui = subprocess.Popen([sys.executable, "-c", GUI, str(data)], cwd=ROOT, text=True,
                           stdout=subprocess.PIPE)
    try:
        assert gui.stdout.readline().strip() == "dang giu"
        cli = subprocess.run([sys.executable, "-m", "desktop_app.main", "import", "staff", str(sheet),
                              "--db", str(data)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        gui.kill()
        gui.wait(timeout=30)
    assert cli.returncode != 0
    message = cli.stderr
    assert "đang được mở để ghi bởi giao diện Biên chế" in message
    assert f"tiến trình {gui.pid}" in message and f"«{socket.gethostname()}»" in message
    assert "Traceback" not in message and "Đã nhập" not in cli.stdout
    assert content_hash(data) == before
    # once the GUI is gone (even killed, leaving its lock file), the same import goes through
    done = subprocess.run([sys.executable, "-m", "desktop_app.main", "import", "staff", str(sheet),
                           "--db", str(data)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Đã nhập 4 dòng" in done.stdout and content_hash(data) != before
