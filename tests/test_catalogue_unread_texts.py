"""What stays unverified stays honest (issue #21, round 4): the app's own codes are not passed off as
legal entries, a religion the 2008 list (QĐ 1019/QĐ-TCTK Phụ lục G) files under another code gets no
2008 code of its own, and a period whose ending text was never read is not given an end."""

from __future__ import annotations

from desktop_app import catalogues

SHIPPED = {c["kind"]: {i["code"]: i for i in c["items"]} for c in catalogues.shipped()}
INTERNAL = [("ton_giao", "KHONG"), ("ton_giao", "KHAC"), ("dan_toc", "NUOC_NGOAI"), ("dan_toc", "KXD")]


def test_internal_codes_stay_unverified_and_say_so():
    for kind, code in INTERNAL:
        item = SHIPPED[kind][code]
        assert item["verified"] is False and "mã nội bộ" in item["source"], (kind, code)


def test_adventists_are_not_given_a_2008_code():
    # Phụ lục G lists «Hội thánh Cơ đốc Phục lâm» inside code 08 (Tin Lành), not as a religion of its own.
    religions = SHIPPED["ton_giao"]
    assert "ma_2008" not in religions["CO_DOC_PHUC_LAM"]
    assert religions["TIN_LANH"]["ma_2008"] == "08"
    assert "ma_2008" not in religions["HIEU_NGHIA_TA_LON"]


def test_periods_whose_successor_was_not_read_stay_open():
    periods = SHIPPED["che_do"]
    for code in ("LVC-58-2010", "ND60-2021"):
        assert periods[code]["verified"] is False and periods[code]["valid_to"] is None, code
