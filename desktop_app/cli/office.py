"""bienche office [--json] [--place P] [--report-code C] [--authority TM|KT|Q|TL|TUQ|none]
[--head-title T] [--signer-title T] [--signer-name N] [--addressee "Kính gửi …"]
[--recipients "A; B; Lưu: VT, NV"]: show or set the office identity printed on every paper
(ND 30/2020). Setting needs the Quản trị role."""

from __future__ import annotations

import json

from desktop_app.entities import OFFICE
from desktop_app.errors import ValidationError
from desktop_app.services import office

AUTHORITY = {"TM": "TM.", "KT": "KT.", "Q": "Q.", "TL": "TL.", "TUQ": "TUQ.", "none": ""}
# option dest → office field
OPTIONS = {"place": "place", "report_code": "report_code", "authority": "sign_authority",
           "head_title": "head_title", "signer_title": "signer_title", "signer_name": "signer_name",
           "addressee": "addressee", "recipients": "recipients"}
KEYS = ("uid", "name", "level", "parent", "province") + tuple(OPTIONS.values())


def add(sub, common) -> None:
    p = sub.add_parser("office", help="xem hoặc khai báo thông tin cơ quan in trên báo cáo (ND 30/2020)",
                       add_help=False)
    common(p)
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.add_argument("--place", help="địa danh ghi ngày tháng (mặc định lấy từ tên cơ quan)")
    p.add_argument("--report-code", help="ký hiệu sau «Số: …/BC-», ví dụ UBND")
    p.add_argument("--authority", choices=list(AUTHORITY), help="thẩm quyền ký: TM, KT, Q, TL, TUQ hoặc none")
    p.add_argument("--head-title", help="chức vụ người đứng đầu, in sau KT./Q./TL./TUQ. (ví dụ CHỦ TỊCH)")
    p.add_argument("--signer-title", help="chức vụ người ký (ví dụ PHÓ CHỦ TỊCH)")
    p.add_argument("--signer-name", help="họ tên người ký")
    p.add_argument("--addressee", help="Kính gửi: nơi nhận báo cáo; nhiều nơi ngăn cách bởi «;»")
    p.add_argument("--recipients", help="Nơi nhận, ngăn cách bởi «;», ví dụ «Sở Nội vụ; Lưu: VT, NV»")
    p.set_defaults(handler=run)


def changes(args) -> dict[str, str]:
    out = {}
    for dest, field in OPTIONS.items():
        value = getattr(args, dest, None)
        if value is None:
            continue
        if dest == "authority":
            value = AUTHORITY[value]
        elif dest == "recipients":
            value = "\n".join(f"- {p.strip().lstrip('- ')}" for p in value.split(";") if p.strip())
        out[field] = value.strip()
    return out


def run(args, ctx) -> int:
    row = office.get(ctx)
    wanted = changes(args)
    if wanted:
        if row is None:
            raise ValidationError("Chưa khai báo cơ quan: chạy «bienche init --office … --level …» trước.")
        row = office.save(ctx, wanted)
    row = row or {}
    data = {k: row.get(k) for k in KEYS}
    if args.json:
        print(json.dumps(data, ensure_ascii=False, sort_keys=True))
        return 0
    labels = {f.name: f.label for f in OFFICE.fields}
    for key in KEYS[1:]:
        print(f"{labels.get(key, key)}: {(data[key] or '(chưa khai báo)')}")
    for warning in office.missing_for_paper(row):
        print(f"Cảnh báo: {warning}")
    return 0
