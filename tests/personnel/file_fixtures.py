"""A person's complete file, built through the services, for the personnel-file tests."""

from __future__ import annotations

from desktop_app.context import Context
from desktop_app.services import records

# (entity, raw values as a clerk types them) — one or more of every kind.
RECORDS: list[tuple[str, dict]] = [
    ("training", {"kind": "Đào tạo", "from_date": "09/2004", "to_date": "06/2008",
                  "institution": "Trường Đại học Sư phạm Hà Nội", "major": "Giáo dục Tiểu học",
                  "mode": "Chính quy", "credential": "Cử nhân"}),
    ("training", {"kind": "boi_duong", "from_date": "03/2021", "to_date": "05/2021",
                  "institution": "Trường Chính trị tỉnh Bắc Ninh", "major": "Trung cấp lý luận chính trị",
                  "mode": "khong_tap_trung", "credential": "Chứng chỉ", "decision_no": "15/QĐ-UBND",
                  "decision_date": "01/03/2021", "decision_body": "UBND xã Đông Tiến"}),
    ("award", {"year": 2023, "form": "Giấy khen", "level": "xa", "decision_no": "120/QĐ-UBND",
               "decision_date": "20/12/2023", "decision_body": "UBND xã Đông Tiến"}),
    ("discipline", {"form": "Khiển trách", "from_date": "01/04/2022", "to_date": "31/03/2023",
                    "reason": "Vi phạm quy chế chuyên môn", "decision_no": "08/QĐ-TH",
                    "decision_date": "28/03/2022", "decision_body": "Trường Tiểu học số 1"}),
    ("family_member", {"side": "ban_than", "relation": "Bố", "full_name": "Nguyễn Văn Hải",
                       "birth_year": 1950, "hometown": "Bắc Ninh", "occupation": "Nghỉ hưu",
                       "address": "Đông Tiến, Bắc Ninh"}),
    ("family_member", {"side": "vo_chong", "relation": "Mẹ", "full_name": "Trần Thị Hoa",
                       "birth_year": 1955, "occupation": "Làm ruộng"}),
    ("prior_work", {"from_date": "09/2008", "to_date": "08/2018", "place": "Trường Tiểu học tư thục Ánh Sao",
                    "role": "Giáo viên"}),
    ("contract", {"kind": "HDLV_XD", "number": "05/HĐLV", "from_date": "01/09/2018",
                  "to_date": "31/08/2021", "decision_no": "05/HĐLV", "decision_date": "25/08/2018"}),
    ("contract", {"kind": "HDLV_KXD", "number": "12/HĐLV", "from_date": "01/09/2021"}),
]


def fill_file(ctx: Context, person_id: int) -> dict[str, list[int]]:
    """Every record of RECORDS for the person; ids by entity."""
    ids: dict[str, list[int]] = {}
    for name, raw in RECORDS:
        ids.setdefault(name, []).append(records.create(ctx, name, {"person_id": person_id, **raw}))
    return ids
