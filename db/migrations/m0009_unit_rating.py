"""0010: the unit's own yearly quality rating (issue #21), ``finance.unit_level`` — a code of
catalogue ``danh_gia`` on the unit's yearly record (Tự chủ và kinh phí). NĐ 233/2026/NĐ-CP rates
each ĐVSNCL (Điều 7) and its rules depend on it: a head is not rated above the unit (Điều 12
khoản 7); 25 % instead of 20 % «Hoàn thành xuất sắc nhiệm vụ» where the unit is so rated (khoản 6).
NULL = not recorded (older files, years before the decree)."""

SQL = """
ALTER TABLE finance ADD COLUMN unit_level TEXT;
"""
