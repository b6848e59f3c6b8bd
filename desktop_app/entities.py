"""The entities of SPEC §2, each field declared once (see ``desktop_app.fields``).

Column names equal the database columns of ``db/migrations``. Choice fields
take their options from a catalogue in ``resources/catalogues`` (loaded into
the database) or from the fixed ``choices`` here when the schema fixes them.
"""

from __future__ import annotations

from dataclasses import replace

from desktop_app.fields import (
    BOOL,
    CHOICE,
    DATE,
    INT,
    LONGTEXT,
    NUMBER,
    PDATE,
    REF,
    YEAR,
    Entity,
    Field,
)

_CODE = r"[A-Za-z0-9][A-Za-z0-9._\-/]{0,29}"
_CODE_HINT = "chỉ gồm chữ không dấu, số và . _ - /, tối đa 30 ký tự."

UNIT_STATUS = (("hoat_dong", "Đang hoạt động"), ("sap_nhap", "Đã sáp nhập"),
               ("hop_nhat", "Đã hợp nhất"), ("chia", "Đã chia"),
               ("giai_the", "Đã giải thể"), ("chuyen_doi", "Đã chuyển đổi"))
LEVELS = (("xa", "Cấp xã (UBND xã, phường, đặc khu)"), ("huyen", "Cấp huyện (trước 01/07/2025)"),
          ("so", "Sở, ban, ngành"), ("tinh", "Cấp tỉnh (Sở Nội vụ)"))
GENDERS = (("nam", "Nam"), ("nu", "Nữ"))
REGIMES = (("ND106-2020", "Nghị định 106/2020/NĐ-CP"), ("ND232-2026", "Nghị định 232/2026/NĐ-CP"))
RANKS = (("I", "Hạng I"), ("II", "Hạng II"), ("III", "Hạng III"), ("IV", "Hạng IV"))
WORKLOADS = (("MOT_NGUOI", "Một người đảm nhận"), ("NHIEU_NGUOI", "Nhiều người đảm nhận"),
             ("KIEM_NHIEM", "Kiêm nhiệm"))
AUTHORITIES = (("TM.", "TM."), ("KT.", "KT."), ("Q.", "Q."), ("TL.", "TL."), ("TUQ.", "TUQ."),
               ("", "(ký trực tiếp)"))


def _unit_ref(**kw) -> Field:
    return Field("unit_id", "Đơn vị", REF, ref="unit", required=True, width=30,
                 synonyms=("Tên đơn vị", "Mã đơn vị", "Đơn vị công tác", "Nơi công tác", "Don vi",
                           "Tên trường", "Trường", "Cơ quan, đơn vị"),
                 **kw)


def _decision(prefix: str = "") -> tuple[Field, Field]:
    return (Field("decision_no", f"Số quyết định{prefix}", synonyms=("Số QĐ", "Quyết định số"),
                  max_len=60, width=16),
            Field("decision_date", "Ngày quyết định", DATE, synonyms=("Ngày QĐ", "Ngày ban hành"),
                  width=11))


OFFICE = Entity("office", "office", "Cơ quan", (
    Field("name", "Tên cơ quan", required=True, width=40, help="Ví dụ: Ủy ban nhân dân phường Phúc Đồng"),
    Field("level", "Cấp", CHOICE, required=True, choices=LEVELS),
    Field("parent", "Cơ quan chủ quản", width=40, help="Ví dụ: Ủy ban nhân dân thành phố Hà Nội"),
    Field("province", "Tỉnh, thành phố"),
    Field("place", "Địa danh ghi ngày tháng", help="Ví dụ: Phúc Đồng"),
    Field("report_code", "Ký hiệu báo cáo", help="Phần sau «Số: …/BC-», ví dụ UBND"),
    Field("sign_authority", "Thẩm quyền ký", CHOICE, choices=AUTHORITIES),
    Field("head_title", "Chức vụ người đứng đầu", help="In sau KT./Q./TL./TUQ., ví dụ: CHỦ TỊCH"),
    Field("signer_title", "Chức vụ người ký", help="Ví dụ: CHỦ TỊCH; ký thay: PHÓ CHỦ TỊCH"),
    Field("signer_name", "Họ tên người ký"),
    Field("addressee", "Kính gửi", LONGTEXT,
          help="Cơ quan nhận báo cáo, ví dụ: Sở Nội vụ tỉnh Hà Tĩnh; nhiều nơi: mỗi dòng một nơi"),
    Field("recipients", "Nơi nhận", LONGTEXT, help="Mỗi dòng một nơi nhận; dòng cuối «Lưu: VT, …»"),
))
# Office fields kept in the ``setting`` table (key ``office.<name>``), not in the office table.
OFFICE_SETTINGS = ("head_title", "addressee")

UNIT = Entity("unit", "unit", "Đơn vị", (
    Field("code", "Mã đơn vị", required=True, pattern=_CODE, pattern_hint=_CODE_HINT, width=10,
          synonyms=("Mã", "Mã ĐV", "Mã số đơn vị", "Ma don vi"), section="Chung"),
    Field("name", "Tên đơn vị", required=True, width=40, max_len=250, section="Chung",
          synonyms=("Tên", "Tên đơn vị sự nghiệp", "Đơn vị", "Tên ĐVSNCL", "Ten don vi")),
    Field("short_name", "Tên viết tắt", width=14, section="Chung", in_table=False),
    Field("field", "Lĩnh vực", CHOICE, required=True, catalogue="linh_vuc", width=18,
          synonyms=("Ngành, lĩnh vực", "Lĩnh vực hoạt động", "Linh vuc"), section="Chung"),
    Field("managing_body", "Cơ quan quản lý trực tiếp", width=28, section="Chung",
          synonyms=("Cơ quan chủ quản", "Cơ quan quản lý", "Đơn vị chủ quản")),
    Field("service_kind", "Loại dịch vụ", CHOICE, catalogue="loai_dich_vu", section="Chung",
          in_table=False),
    Field("status", "Trạng thái", CHOICE, choices=UNIT_STATUS, section="Chung",
          synonyms=("Tình trạng",)),
    *_decision(" thành lập"),
    Field("valid_from", "Hoạt động từ ngày", DATE, synonyms=("Ngày thành lập", "Từ ngày"),
          section="Chung", in_table=False),
    Field("valid_to", "Đến ngày", DATE, synonyms=("Ngày giải thể", "Ngày kết thúc"),
          section="Chung", in_table=False),
    Field("heads", "Số cấp trưởng", INT, min=0, max=5, section="Lãnh đạo", in_table=False),
    Field("deputies", "Số cấp phó", INT, min=0, max=20, section="Lãnh đạo",
          synonyms=("Cấp phó", "Số phó")),
    Field("classes", "Số lớp", INT, min=0, max=500, section="Trường học", synonyms=("Lớp",)),
    Field("nursery_groups", "Số nhóm trẻ", INT, min=0, max=200, section="Trường học",
          in_table=False),
    Field("pupils", "Số học sinh", INT, min=0, max=20000, section="Trường học",
          synonyms=("Học sinh", "Số trẻ", "Số học sinh, trẻ")),
    Field("sessions_per_day", "Số buổi học/ngày", INT, min=1, max=2, section="Trường học",
          in_table=False),
    Field("region", "Vùng", INT, min=1, max=3, section="Trường học", in_table=False,
          help="Vùng 1, 2 hoặc 3 theo Thông tư 20/2023/TT-BGDĐT"),
    Field("hospital_rank", "Hạng bệnh viện", CHOICE, choices=RANKS, section="Lãnh đạo",
          in_table=False),
    Field("boarding", "Trường dân tộc nội trú, bán trú", BOOL, section="Trường học",
          in_table=False),
    Field("note", "Ghi chú", LONGTEXT, in_table=False, section="Chung"),
), natural_key=("code",))

DIVISION = Entity("division", "division", "Phòng, khoa, tổ", (
    _unit_ref(),
    Field("name", "Tên phòng, khoa, tổ", required=True, width=30),
    Field("staff_count", "Số viên chức", INT, min=0, max=2000),
    Field("valid_from", "Từ ngày", DATE),
    Field("valid_to", "Đến ngày", DATE),
))

EVENT = Entity("event", "event", "Sắp xếp, tổ chức lại", (
    Field("kind", "Hình thức", CHOICE, required=True, catalogue="loai_su_kien", width=20),
    *_decision(),
    Field("decision_body", "Cơ quan ban hành", width=24),
    Field("effective_date", "Ngày có hiệu lực", DATE, required=True),
    Field("staff_moved", "Số người chuyển", INT, min=0),
    Field("grace_years", "Thời hạn bố trí cấp phó (năm)", INT, min=0, max=10, in_table=False),
    Field("note", "Ghi chú", LONGTEXT, in_table=False),
))

FINANCE = Entity("finance", "finance", "Tự chủ và kinh phí", (
    _unit_ref(),
    Field("year", "Năm", YEAR, required=True, min=2000, max=2100, width=6),
    Field("revenue", "Nguồn thu sự nghiệp (A)", NUMBER, min=0, width=16,
          synonyms=("Tổng nguồn thu", "Nguồn thu", "A")),
    Field("recurrent_spending", "Chi thường xuyên (B)", NUMBER, min=0, width=16,
          synonyms=("Tổng chi thường xuyên", "Chi thường xuyên", "B")),
    Field("nsnn_spending", "Chi thường xuyên từ NSNN", NUMBER, min=0, width=16,
          synonyms=("Chi NSNN", "NSNN cấp chi thường xuyên", "Kinh phí NSNN")),
    Field("invest_self_funded", "Tự bảo đảm chi đầu tư", BOOL),
    Field("group_override", "Nhóm tự chủ theo quyết định", INT, min=1, max=4,
          synonyms=("Nhóm tự chủ", "Mức độ tự chủ")),
    Field("override_decision", "Quyết định giao tự chủ", max_len=80),
    Field("override_reason", "Lý do khác nhóm tính toán", LONGTEXT, in_table=False),
    # m0009 (issue #21): the unit's own rating of the year, NĐ 233/2026/NĐ-CP Điều 7
    Field("unit_level", "Xếp loại chất lượng đơn vị", CHOICE, catalogue="danh_gia", in_table=False,
          synonyms=("Xếp loại đơn vị", "Kết quả xếp loại đơn vị")),
), natural_key=("unit_id", "year"))

POSITION = Entity("position", "position", "Vị trí việc làm", (
    _unit_ref(),
    Field("regime", "Căn cứ", CHOICE, required=True, choices=REGIMES, in_table=False),
    Field("group_code", "Nhóm vị trí việc làm", CHOICE, required=True, catalogue="nhom_vtvl",
          width=22, synonyms=("Nhóm VTVL", "Nhóm")),
    Field("name", "Tên vị trí việc làm", required=True, width=32,
          synonyms=("Vị trí việc làm", "Tên VTVL", "VTVL")),
    Field("title_code", "Mã CDNN", width=12, max_len=30,
          synonyms=("Mã chức danh nghề nghiệp", "Mã số", "Mã ngạch", "Mã số CDNN")),
    Field("title_rank", "Hạng CDNN", CHOICE, choices=RANKS, synonyms=("Hạng",)),
    Field("career_level_min", "Bậc nghề nghiệp từ", INT, min=1, max=5, in_table=False),
    Field("career_level_max", "Bậc nghề nghiệp đến", INT, min=1, max=5, in_table=False),
    Field("workload", "Loại vị trí", CHOICE, choices=WORKLOADS, in_table=False),
    Field("required_count", "Số lượng người làm việc cần thiết", INT, required=True, min=0,
          max=5000, synonyms=("Số lượng cần thiết", "Số người cần thiết", "Cần thiết")),
    Field("description", "Bản mô tả công việc", LONGTEXT, in_table=False, max_len=20000),
    Field("competency", "Khung năng lực", LONGTEXT, in_table=False, max_len=20000),
    Field("valid_from", "Áp dụng từ ngày", DATE, in_table=False),
    Field("valid_to", "Đến ngày", DATE, in_table=False),
))

QUOTA = Entity("quota", "quota", "Số lượng người làm việc được giao", (
    _unit_ref(),
    Field("year", "Năm", YEAR, required=True, min=2000, max=2100, width=6),
    Field("nsnn", "Hưởng lương từ NSNN", INT, min=0, max=100000,
          synonyms=("Biên chế", "SLNLV hưởng lương NSNN", "Được giao NSNN", "NSNN")),
    Field("revenue_paid", "Hưởng lương từ nguồn thu sự nghiệp", INT, min=0, max=100000,
          synonyms=("Nguồn thu sự nghiệp", "SLNLV từ nguồn thu", "Nguồn thu")),
    Field("contract", "Hợp đồng lao động (NĐ 111/2022)", INT, min=0, max=100000,
          synonyms=("HĐLĐ", "Hợp đồng lao động", "Hợp đồng 111", "HĐ 111")),
    *_decision(" giao"),
    Field("actual_nsnn", "Có mặt NSNN (số nhập)", INT, min=0, in_table=False,
          help="Chỉ nhập cho những năm chưa có hồ sơ nhân sự"),
    Field("actual_revenue_paid", "Có mặt nguồn thu (số nhập)", INT, min=0, in_table=False),
    Field("actual_contract", "Có mặt HĐLĐ (số nhập)", INT, min=0, in_table=False),
), natural_key=("unit_id", "year"))

PERSON = Entity("person", "person", "Nhân sự", (
    Field("full_name", "Họ và tên", required=True, width=24, max_len=100, section="Cá nhân",
          synonyms=("Họ tên", "Ho ten", "Họ và tên khai sinh", "Tên", "Họ, tên")),
    Field("birth_date", "Ngày sinh", PDATE, width=11, section="Cá nhân",
          synonyms=("Ngày tháng năm sinh", "Năm sinh", "Ngày, tháng, năm sinh", "Sinh ngày")),
    Field("gender", "Giới tính", CHOICE, choices=GENDERS, section="Cá nhân", width=6,
          synonyms=("Nam/Nữ", "Phái")),
    Field("ethnicity", "Dân tộc", CHOICE, catalogue="dan_toc", section="Cá nhân", in_table=False),
    Field("religion", "Tôn giáo", CHOICE, catalogue="ton_giao", section="Cá nhân", in_table=False),
    Field("cccd", "Số CCCD", pattern=r"\d{12}", pattern_hint="số CCCD phải gồm đúng 12 chữ số.",
          section="Cá nhân", width=13,
          synonyms=("CCCD", "Số căn cước", "Số căn cước công dân", "Số định danh cá nhân",
                    "CMND/CCCD", "Số CMND/CCCD")),
    Field("party_member", "Đảng viên", BOOL, section="Cá nhân", in_table=False,
          synonyms=("Là đảng viên",)),
    Field("party_date", "Ngày vào Đảng", PDATE, section="Cá nhân", in_table=False),
    Field("hometown", "Quê quán", section="Cá nhân", in_table=False),
    _unit_ref(section="Công tác"),
    Field("position_id", "Vị trí việc làm", REF, ref="position", section="Công tác",
          in_table=False, synonyms=("VTVL",)),
    Field("leader_role", "Chức vụ", CHOICE, catalogue="chuc_vu", section="Công tác",
          synonyms=("Chức vụ lãnh đạo",)),
    Field("title_code", "Mã CDNN", max_len=30, section="Công tác",
          synonyms=("Mã số", "Mã ngạch", "Mã chức danh", "Mã số CDNN", "Mã CDNN/ngạch")),
    Field("title_rank", "Hạng CDNN", CHOICE, choices=RANKS, section="Công tác", in_table=False,
          synonyms=("Hạng",)),
    Field("career_level", "Bậc nghề nghiệp", INT, min=1, max=5, section="Công tác",
          in_table=False),
    Field("salary_class", "Loại ngạch lương", CHOICE, catalogue="ngach_luong", section="Lương",
          in_table=False, synonyms=("Loại", "Nhóm ngạch", "Loại viên chức")),
    Field("salary_step", "Bậc lương", INT, min=1, max=16, section="Lương", in_table=False,
          synonyms=("Bậc",)),
    Field("coefficient", "Hệ số lương", NUMBER, decimals=2, min=1.0, max=10.0, section="Lương",
          width=7, synonyms=("HSL", "Hệ số", "Hệ số lương hiện hưởng", "He so luong")),
    Field("step_since", "Ngày hưởng bậc hiện tại", DATE, section="Lương", in_table=False,
          synonyms=("Mốc nâng lương", "Thời điểm hưởng", "Ngày xếp bậc", "Ngày hưởng bậc",
                    "Thời điểm hưởng bậc", "Mốc tính nâng lương lần sau")),
    Field("seniority_since", "Ngày hưởng thâm niên vượt khung", DATE, section="Lương",
          in_table=False, synonyms=("Ngày hưởng TNVK", "Thời điểm hưởng TNVK", "Mốc TNVK")),
    Field("allowance_position", "Phụ cấp chức vụ (hệ số)", NUMBER, decimals=2, min=0, max=2,
          section="Lương", in_table=False, synonyms=("PCCV", "Phụ cấp chức vụ")),
    Field("allowance_seniority_pct", "Phụ cấp thâm niên vượt khung (%)", NUMBER, min=0, max=100,
          section="Lương", in_table=False, synonyms=("TNVK", "Vượt khung")),
    Field("allowance_profession_pct", "Phụ cấp ưu đãi nghề (%)", NUMBER, min=0, max=100,
          section="Lương", in_table=False, synonyms=("Ưu đãi nghề", "PC ưu đãi")),
    Field("pay_source", "Nguồn lương", CHOICE, catalogue="nguon_luong", section="Lương",
          in_table=False, synonyms=("Nguồn trả lương",)),
    Field("employment_kind", "Loại lao động", CHOICE, catalogue="loai_lao_dong",
          section="Công tác", synonyms=("Loại hình", "Hình thức tuyển dụng", "Đối tượng",
                                       "Loại hợp đồng", "Hình thức hợp đồng")),
    Field("education_level", "Trình độ chuyên môn", CHOICE, catalogue="trinh_do_chuyen_mon",
          section="Trình độ", in_table=False,
          synonyms=("Trình độ", "Trình độ đào tạo", "Chuyên môn", "Trình độ chuyên môn cao nhất")),
    Field("education_field", "Chuyên ngành đào tạo", section="Trình độ", in_table=False,
          synonyms=("Chuyên ngành",)),
    Field("politics_level", "Lý luận chính trị", CHOICE, catalogue="ly_luan_chinh_tri",
          section="Trình độ", in_table=False,
          synonyms=("LLCT", "Chính trị", "Trình độ lý luận chính trị", "Trình độ chính trị")),
    Field("state_mgmt_level", "Quản lý nhà nước", CHOICE, catalogue="quan_ly_nha_nuoc",
          section="Trình độ", in_table=False, synonyms=("QLNN",)),
    Field("it_level", "Tin học", CHOICE, catalogue="tin_hoc", section="Trình độ",
          in_table=False),
    Field("language_level", "Ngoại ngữ", CHOICE, catalogue="ngoai_ngu", section="Trình độ",
          in_table=False),
    Field("recruited_on", "Ngày tuyển dụng", DATE, section="Công tác", in_table=False,
          synonyms=("Ngày vào ngành", "Ngày tuyển")),
    Field("retire_on", "Ngày nghỉ hưu dự kiến", DATE, section="Công tác", in_table=False,
          readonly=True),
    Field("left_on", "Ngày thôi làm việc", DATE, section="Công tác", in_table=False),
    Field("leave_reason", "Lý do nghỉ", CHOICE, catalogue="ly_do_nghi", section="Công tác",
          in_table=False),
    Field("insurance_years", "Số năm đóng BHXH", NUMBER, decimals=1, min=0, max=50,
          section="Công tác", in_table=False),
    Field("note", "Ghi chú", LONGTEXT, section="Cá nhân", in_table=False),
    # the exclusions NĐ 154/2025 names (services/tinh_gian_rules.py reads them)
    Field("pregnant", "Đang mang thai", BOOL, section="Tinh giản", in_table=False),
    Field("maternity_to", "Nghỉ thai sản đến ngày", DATE, section="Tinh giản", in_table=False),
    Field("youngest_child_born", "Ngày sinh con nhỏ nhất", DATE, section="Tinh giản", in_table=False,
          help="Người đang nuôi con dưới 36 tháng tuổi chưa thực hiện tinh giản (trừ khi tự nguyện)."),
    Field("under_review", "Đang bị xem xét kỷ luật, truy cứu hoặc thanh tra", BOOL, section="Tinh giản",
          in_table=False),
), natural_key=("cccd",))

EVALUATION = Entity("evaluation", "evaluation", "Đánh giá, xếp loại", (
    Field("person_id", "Người được đánh giá", REF, ref="person", required=True, width=24,
          synonyms=("Họ và tên", "Họ tên", "Số CCCD")),
    Field("year", "Năm", YEAR, required=True, min=2000, max=2100, width=6),
    Field("level", "Xếp loại", CHOICE, required=True, catalogue="danh_gia",
          synonyms=("Kết quả xếp loại", "Mức xếp loại", "Kết quả đánh giá")),
    Field("score", "Điểm", NUMBER, min=0, max=100, decimals=1, synonyms=("Tổng điểm",)),
), natural_key=("person_id", "year"))

# ------------------------------------------------------------ the personnel file (hồ sơ)
# Quá trình records of a person (SPEC §2 "Personnel file"; HS02-VC/BNV, TT 07/2019/TT-BNV).

TRAINING_KINDS = (("dao_tao", "Đào tạo"), ("boi_duong", "Bồi dưỡng"))
TRAINING_MODES = (("chinh_quy", "Chính quy"), ("vua_lam_vua_hoc", "Vừa làm vừa học (tại chức)"),
                  ("tu_xa", "Đào tạo từ xa"), ("tap_trung", "Tập trung"),
                  ("khong_tap_trung", "Không tập trung"), ("truc_tuyen", "Trực tuyến"))
AWARD_LEVELS = (("nha_nuoc", "Nhà nước"), ("chinh_phu", "Chính phủ"), ("bo", "Bộ, ngành"),
                ("tinh", "Tỉnh, thành phố"), ("huyen", "Cấp huyện (trước 01/07/2025)"),
                ("xa", "Cấp xã"), ("co_so", "Cơ sở, đơn vị"))
FAMILY_SIDES = (("ban_than", "Về bản thân"), ("vo_chong", "Bên vợ (hoặc chồng)"))


def _person_ref() -> Field:
    return Field("person_id", "Người", REF, ref="person", required=True, width=24,
                 synonyms=("Họ và tên", "Họ tên", "Số CCCD", "CCCD", "Cán bộ, viên chức"))


def _file_decision(what: str) -> tuple[Field, ...]:
    number, day = _decision()
    return (replace(number, synonyms=(*number.synonyms, f"Số quyết định {what}")),
            replace(day, in_table=False),
            Field("decision_body", "Cơ quan quyết định", width=22, in_table=False,
                  synonyms=("Cơ quan ban hành", "Cấp quyết định", "Cơ quan ra quyết định")))


def _span(required: bool = False) -> tuple[Field, Field]:
    return (Field("from_date", "Từ ngày", PDATE, required=required, width=10,
                  synonyms=("Từ", "Từ tháng năm", "Ngày bắt đầu", "Từ tháng/năm")),
            Field("to_date", "Đến ngày", PDATE, width=10,
                  synonyms=("Đến", "Đến tháng năm", "Ngày kết thúc", "Đến tháng/năm")))


_NOTE = Field("note", "Ghi chú", LONGTEXT, in_table=False)

TRAINING = Entity("training", "training", "Đào tạo, bồi dưỡng", (
    _person_ref(),
    Field("kind", "Loại", CHOICE, required=True, choices=TRAINING_KINDS, width=9,
          synonyms=("Đào tạo/bồi dưỡng",)),
    *_span(),
    Field("institution", "Tên trường, cơ sở đào tạo", width=26,
          synonyms=("Cơ sở đào tạo", "Trường", "Nơi đào tạo", "Tên trường")),
    Field("major", "Chuyên ngành", width=20, synonyms=("Ngành học", "Chuyên ngành đào tạo",
                                                       "Nội dung bồi dưỡng")),
    Field("mode", "Hình thức", CHOICE, choices=TRAINING_MODES, width=14,
          synonyms=("Hình thức đào tạo", "Loại hình đào tạo")),
    Field("credential", "Văn bằng, chứng chỉ", width=18,
          synonyms=("Văn bằng", "Chứng chỉ", "Văn bằng, chứng chỉ, trình độ gì")),
    *_file_decision("cử đi học"), _NOTE,
))

AWARD = Entity("award", "award", "Khen thưởng", (
    _person_ref(),
    Field("year", "Năm", YEAR, required=True, min=1945, max=2100, width=6,
          synonyms=("Năm khen thưởng",)),
    Field("form", "Hình thức khen thưởng", required=True, width=26, max_len=200,
          synonyms=("Hình thức", "Danh hiệu"),
          help="Ví dụ: Giấy khen, Bằng khen, Chiến sĩ thi đua cơ sở"),
    Field("level", "Cấp khen thưởng", CHOICE, choices=AWARD_LEVELS, width=14, synonyms=("Cấp",)),
    *_file_decision("khen thưởng"), _NOTE,
))

DISCIPLINE = Entity("discipline", "discipline", "Kỷ luật", (
    _person_ref(),
    Field("form", "Hình thức kỷ luật", CHOICE, required=True, catalogue="hinh_thuc_ky_luat",
          width=14, synonyms=("Hình thức",)),
    Field("from_date", "Từ ngày", DATE, required=True, width=10,
          synonyms=("Ngày có hiệu lực", "Ngày bị kỷ luật", "Từ")),
    Field("to_date", "Đến ngày", DATE, width=10, synonyms=("Hết hiệu lực", "Đến")),
    Field("reason", "Lý do", width=30, max_len=300, synonyms=("Hành vi vi phạm",)),
    *_file_decision("kỷ luật"), _NOTE,
))

FAMILY = Entity("family_member", "family_member", "Quan hệ gia đình", (
    _person_ref(),
    Field("side", "Thuộc", CHOICE, required=True, choices=FAMILY_SIDES, width=14,
          synonyms=("Bên",)),
    Field("relation", "Quan hệ", required=True, width=10, max_len=40,
          synonyms=("Mối quan hệ",), help="Ví dụ: Bố, Mẹ, Vợ, Chồng, Con, Anh, Chị, Em"),
    Field("full_name", "Họ và tên người thân", required=True, width=22, max_len=100,
          synonyms=("Họ tên người thân", "Họ và tên thân nhân")),
    Field("birth_year", "Năm sinh", YEAR, min=1880, max=2100, width=6),
    Field("hometown", "Quê quán", width=20, in_table=False),
    Field("occupation", "Nghề nghiệp", width=18),
    Field("address", "Nơi ở hiện nay", width=22, in_table=False,
          synonyms=("Nơi ở", "Chỗ ở hiện nay", "Nơi công tác, học tập")),
    _NOTE,
))

PRIOR_WORK = Entity("prior_work", "prior_work", "Công tác trước tuyển dụng", (
    _person_ref(),
    *_span(),
    Field("place", "Nơi làm việc", required=True, width=30, max_len=300,
          synonyms=("Đơn vị công tác", "Nơi công tác", "Cơ quan, đơn vị")),
    Field("role", "Chức danh, chức vụ", width=20, synonyms=("Chức vụ", "Công việc")),
    _NOTE,
))

CONTRACT = Entity("contract", "contract", "Hợp đồng", (
    _person_ref(),
    Field("kind", "Loại hợp đồng", CHOICE, required=True, catalogue="loai_hop_dong", width=24,
          synonyms=("Loại HĐ", "Hình thức hợp đồng")),
    Field("number", "Số hợp đồng", width=14, max_len=60, synonyms=("Số HĐ",)),
    Field("from_date", "Từ ngày", DATE, required=True, width=10,
          synonyms=("Ngày bắt đầu", "Ngày ký", "Có hiệu lực từ")),
    Field("to_date", "Đến ngày", DATE, width=10,
          synonyms=("Ngày hết hạn", "Hết hạn", "Ngày kết thúc")),
    Field("ended_on", "Ngày chấm dứt", DATE, width=10, in_table=False,
          synonyms=("Ngày thanh lý", "Chấm dứt từ")),
    *_file_decision("hợp đồng"), _NOTE,
))

ENTITIES: dict[str, Entity] = {e.name: e for e in (
    OFFICE, UNIT, DIVISION, EVENT, FINANCE, POSITION, QUOTA, PERSON, EVALUATION,
    TRAINING, AWARD, DISCIPLINE, FAMILY, PRIOR_WORK, CONTRACT)}

# Person columns that belong to the dated post history (table assignment).
POST_FIELDS = ("unit_id", "position_id", "leader_role", "title_code", "title_rank",
               "career_level", "salary_class", "salary_step", "coefficient", "pay_source",
               "employment_kind", "step_since", "seniority_since")
