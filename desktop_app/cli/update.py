"""bienche update check|apply FILE: a signed offline update from a USB stick (issue 22).

``check`` verifies the bundle against the publisher key shipped with this
build and says whether this installation may take it; ``apply`` (admin) does
the same, backs up the data file, starts the installer and returns.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.update import service


def add(sub, common) -> None:
    p = sub.add_parser("update", help="cập nhật phần mềm từ gói cập nhật đã ký (USB)", add_help=False)
    common(p)
    actions = p.add_subparsers(dest="action", metavar="VIỆC", required=True)
    for name, handler, text in (("check", run_check, "kiểm tra gói cập nhật: chữ ký, mã băm, phiên bản"),
                                ("apply", run_apply, "kiểm tra, sao lưu dữ liệu rồi chạy bộ cài đặt")):
        a = actions.add_parser(name, help=text, add_help=False)
        common(a)
        a.add_argument("file", type=Path, metavar="GÓI_CẬP_NHẬT")
        a.set_defaults(handler=handler)


def run_check(args, ctx) -> int:
    manifest = service.check(args.file, service.publisher_key(), service.data_schema(ctx))
    _describe(manifest)
    print("Gói cập nhật hợp lệ: chữ ký và mã băm đúng, có thể cài đặt.")
    return 0


def run_apply(args, ctx) -> int:
    manifest, saved, installer = service.apply(ctx, args.file, service.publisher_key(),
                                               service.launch_installer)
    _describe(manifest)
    print(f"Đã sao lưu dữ liệu vào: {saved}")
    print(f"Đã chạy bộ cài đặt: {installer}. Hãy làm theo hướng dẫn trên màn hình.")
    return 0


def _describe(manifest) -> None:
    print(f"Phiên bản mới: {manifest.version} (lược đồ dữ liệu {manifest.schema_version})")
    print(f"Bộ cài đặt: {manifest.installer_name}, {manifest.installer_size:,} byte".replace(",", "."))
    print("Nội dung cập nhật:")
    for line in manifest.notes.splitlines() or [""]:
        print(f"  {line}")
