"""What each kind of demo unit looks like: its field, name pattern, leaders,
the professional titles (cdnn codes with weights) its staff hold, its share of
women, size and autonomy band. Pure data, read by units.py and staff.py."""

from __future__ import annotations

from dataclasses import dataclass

# Support staff (hỗ trợ, phục vụ): cdnn code → salary class (these titles have no class of their own).
SUPPORT = (("01.011", "BANG4_BAO_VE", 3), ("01.009", "BANG4_PHUC_VU", 3), ("HT_NAU_AN", "BANG4_PHUC_VU", 2),
           ("01.007", "BANG4_KY_THUAT", 1))
SCHOOL_SUPPORT = (("01.011", "BANG4_BAO_VE", 3), ("HT_NAU_AN", "BANG4_PHUC_VU", 3),
                  ("HT_Y_TE_TRUONG_HOC", "B", 1))
ACCOUNTANT = (("06.031", 4), ("06.032", 1))


@dataclass(frozen=True)
class Kind:
    field: str
    name: str                      # pattern with {place}
    head: str                      # chuc_vu codes
    deputy: str
    titles: tuple                  # ((cdnn code, weight), …) for the professional staff
    female: float                  # share of women
    service: str                   # loai_dich_vu
    autonomy: tuple                # (low %, high %) of revenue / recurrent spending
    size: tuple = (0, 0)           # professional staff range for non-schools
    support: tuple = SUPPORT
    divisions: tuple = ()


MN = Kind("MN", "Trường Mầm non {place}", "HIEU_TRUONG", "PHO_HIEU_TRUONG",
          (("V.07.02.24", 1), ("V.07.02.25", 9), ("V.07.02.26", 10)), 0.98, "CO_BAN", (12, 28),
          support=SCHOOL_SUPPORT)
TH = Kind("TH", "Trường Tiểu học {place}", "HIEU_TRUONG", "PHO_HIEU_TRUONG",
          (("V.07.03.27", 1), ("V.07.03.28", 9), ("V.07.03.29", 10)), 0.84, "CO_BAN", (0, 6),
          support=SCHOOL_SUPPORT)
THCS = Kind("THCS", "Trường Trung học cơ sở {place}", "HIEU_TRUONG", "PHO_HIEU_TRUONG",
            (("V.07.04.30", 1), ("V.07.04.31", 8), ("V.07.04.32", 10)), 0.68, "CO_BAN", (0, 6),
            support=SCHOOL_SUPPORT)
TH_THCS = Kind("TH_THCS", "Trường Tiểu học và Trung học cơ sở {place}", "HIEU_TRUONG",
               "PHO_HIEU_TRUONG", (("V.07.03.28", 4), ("V.07.03.29", 6), ("V.07.04.31", 4),
                                   ("V.07.04.32", 6)), 0.74, "CO_BAN", (0, 5), support=SCHOOL_SUPPORT)
THPT = Kind("THPT", "Trường Trung học phổ thông {place}", "HIEU_TRUONG", "PHO_HIEU_TRUONG",
            (("V.07.05.13", 1), ("V.07.05.14", 8), ("V.07.05.15", 10)), 0.62, "CO_BAN", (0, 8),
            support=SCHOOL_SUPPORT)
HEALTH = Kind("YTE", "Trung tâm Y tế {place}", "GIAM_DOC", "PHO_GIAM_DOC",
              (("V.08.01.02", 3), ("V.08.01.03", 8), ("V.08.03.07", 6), ("V.08.05.12", 10),
               ("V.08.05.13", 7), ("V.08.06.15", 4), ("V.08.08.22", 2), ("V.08.08.23", 2),
               ("V.08.07.18", 3), ("V.08.04.10", 2), ("V.08.10.28", 2)), 0.66, "CO_BAN", (72, 90),
              (80, 100), divisions=(
                  "Phòng Tổ chức - Hành chính", "Phòng Kế hoạch - Tài chính", "Phòng Điều dưỡng",
                  "Khoa Khám bệnh", "Khoa Hồi sức cấp cứu", "Khoa Nội - Nhi - Truyền nhiễm",
                  "Khoa Ngoại - Sản", "Khoa Xét nghiệm - Chẩn đoán hình ảnh", "Khoa Dược",
                  "Khoa Kiểm soát bệnh tật - HIV/AIDS", "Khoa An toàn thực phẩm",
                  "Khoa Y học cổ truyền - Phục hồi chức năng"))
HOSPITAL = Kind("YTE", "Bệnh viện {place}", "GIAM_DOC", "PHO_GIAM_DOC", HEALTH.titles, 0.67, "CO_BAN",
                (85, 105), (250, 420), divisions=(
                    "Phòng Tổ chức cán bộ", "Phòng Kế hoạch tổng hợp", "Phòng Tài chính kế toán",
                    "Phòng Điều dưỡng", "Khoa Khám bệnh", "Khoa Cấp cứu", "Khoa Nội tổng hợp",
                    "Khoa Ngoại tổng hợp", "Khoa Sản", "Khoa Nhi", "Khoa Xét nghiệm",
                    "Khoa Chẩn đoán hình ảnh", "Khoa Dược", "Khoa Dinh dưỡng"))
CULTURE = Kind("VHTTDL", "Trung tâm Văn hóa, Thông tin và Thể thao {place}", "GIAM_DOC", "PHO_GIAM_DOC",
               (("VH_TTV_CHINH", 1), ("VH_TTV", 5), ("V.10.07.23", 2), ("V.10.01.03", 2),
                ("V.10.02.06", 1)), 0.5, "CO_BAN", (3, 9), (11, 15),
               divisions=("Phòng Hành chính - Tổng hợp", "Phòng Văn hóa - Thể thao"))
RADIO = Kind("TTTT", "Đài Truyền thanh {place}", "GIAM_DOC", "PHO_GIAM_DOC",
             (("V.11.01.03", 2), ("V.11.02.06", 2), ("V.11.06.14", 1)), 0.45, "CO_BAN", (0, 5), (5, 7))
PROJECTS = Kind("QLDA", "Ban Quản lý dự án đầu tư xây dựng {place}", "GIAM_DOC", "PHO_GIAM_DOC",
                (("V.05.02.06", 2), ("V.05.02.07", 6), ("01.003", 2)), 0.3, "KHAC", (100, 118),
                (14, 20), divisions=("Phòng Hành chính - Kế toán", "Phòng Kỹ thuật - Giám sát"))
FARMING = Kind("NONG_NGHIEP", "Trung tâm Dịch vụ nông nghiệp {place}", "GIAM_DOC", "PHO_GIAM_DOC",
               (("V.03.09.25", 1), ("V.03.09.26", 5), ("V.03.09.27", 3), ("V.03.01.02", 2),
                ("V.03.04.11", 2)), 0.4, "CO_BAN", (10, 30), (11, 16))
LAND = Kind("TNMT", "Trung tâm Phát triển quỹ đất {place}", "GIAM_DOC", "PHO_GIAM_DOC",
            (("01.003", 4), ("V.06.05.13", 2)), 0.45, "KHAC", (102, 125), (7, 10))
VOCATIONAL = Kind("GDNN_GDTX", "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên {place}",
                  "GIAM_DOC", "PHO_GIAM_DOC", (("V.09.02.06", 3), ("V.09.02.07", 6), ("V.09.02.08", 3),
                                               ("V.07.05.15", 4)), 0.55, "CO_BAN", (30, 70), (18, 26))
SERVICES = Kind("DVTH_XA", "Trung tâm Dịch vụ tổng hợp {place}", "GIAM_DOC", "PHO_GIAM_DOC",
                (("01.003", 5), ("01.004", 2), ("V.03.09.26", 2)), 0.5, "CO_BAN", (30, 70), (9, 13))
COLLEGE = Kind("GDNN_GDTX", "Trường Cao đẳng {place}", "HIEU_TRUONG", "PHO_HIEU_TRUONG",
               (("V.07.01.02", 2), ("V.07.01.03", 8), ("V.09.02.06", 4), ("V.09.02.07", 4)), 0.55,
               "CO_BAN", (60, 95), (90, 150), divisions=("Phòng Đào tạo", "Phòng Tổ chức - Hành chính",
                                                         "Khoa Cơ bản", "Khoa Kỹ thuật", "Khoa Kinh tế"))
CENTRE = Kind("SNKT_KHAC", "Trung tâm {place}", "GIAM_DOC", "PHO_GIAM_DOC",
              (("01.002", 1), ("01.003", 6), ("V.05.02.07", 3)), 0.45, "QLNN", (5, 60), (16, 30))
LIBRARY = Kind("VHTTDL", "{place}", "GIAM_DOC", "PHO_GIAM_DOC",
               (("V.10.02.05", 2), ("V.10.02.06", 5), ("V.10.05.17", 3), ("V.10.07.23", 2)), 0.6,
               "CO_BAN", (3, 15), (18, 35))

SCHOOL_KINDS = {"MN": MN, "TH": TH, "THCS": THCS, "TH_THCS": TH_THCS, "THPT": THPT}
# Teachers per class (TT 19/2023, TT 20/2023) used to size schools around the norm.
TEACHERS_PER_CLASS = {"TH": 1.5, "THCS": 1.9, "TH_THCS": 1.7, "THPT": 2.25}

# Provincial units of the province scale: (kind, place text, how many).
PROVINCIAL = ((HOSPITAL, "Đa khoa tỉnh {province}", 1), (HOSPITAL, "Sản Nhi {province}", 1),
              (HOSPITAL, "Y học cổ truyền {province}", 1), (HOSPITAL, "Tâm thần {province}", 1),
              (HOSPITAL, "Phổi {province}", 1), (HEALTH, "Kiểm soát bệnh tật tỉnh {province}", 1),
              (COLLEGE, "Y tế {province}", 1), (COLLEGE, "Kinh tế - Kỹ thuật {province}", 1),
              (COLLEGE, "Văn hóa Nghệ thuật {province}", 1),
              (LIBRARY, "Thư viện tỉnh {province}", 1), (LIBRARY, "Bảo tàng tỉnh {province}", 1),
              (CENTRE, "Khuyến nông tỉnh {province}", 1), (CENTRE, "Quan trắc tài nguyên và môi trường", 1),
              (CENTRE, "Công nghệ thông tin và Truyền thông", 1), (CENTRE, "Phục vụ hành chính công tỉnh", 1),
              (PROJECTS, "các công trình giao thông tỉnh", 1), (PROJECTS, "các công trình dân dụng tỉnh", 1))
