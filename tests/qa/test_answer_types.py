"""classify_question: the answer type a question expects, typed with or without diacritics."""

import json
from pathlib import Path

import pytest

from qa.answer_types import ANSWER_TYPES, ENTITY_KINDS, ExpectedAnswer, classify_question

GOLD_PATH = Path(__file__).resolve().parents[2] / "eval" / "gold.jsonl"
# Gold "figure" answers are numbers or percents.
GOLD_KIND_TYPES = {"figure": {"number", "percent"}, "date": {"date"}, "code": {"code"},
                   "entity": {"entity"}}  # fmt: skip
MIN_GOLD_AGREEMENT = 0.9

# (question, answer_type, entity_kind); most come from eval/gold.jsonl.
QUESTIONS = [
    # number
    ("Nghị quyết 09-NQ/TU của Quảng Ninh đề ra bao nhiêu nhiệm vụ, giải pháp?", "number", None),
    ("Nghi quyet 09 cua Quang Ninh co bao nhieu muc tieu cu the den nam 2025?", "number", None),
    ("cho mình hỏi nghị quyết 09 của QN đến giờ hoàn thành được mấy mục tiêu rồi", "number", None),
    ("QN xếp thứ mấy về chỉ số CĐS cấp tỉnh (DTI) năm 2022?", "number", None),
    ("So voi nam 2021, thu hang chuyen doi so nam 2022 cua Quang Ninh tang may bac?", "number", None),
    ("Quang Ninh xep hang may ve chi so DTI nam 2022?", "number", None),
    ("Quang Ninh la dia phuong dau tien gui nhan van ban dien tu co chu ky so lien thong may cap?",
     "number", None),
    ("Trước đây chị Lý Thị Lan phải đi bao xa để xuống Trung tâm Hành chính công huyện làm thủ tục?",
     "number", None),
    ("dvc mức độ 3 của QN trên cổng dịch vụ công tỉnh có bao nhiêu cái", "number", None),
    ("Bao nhieu co so kham chua benh o Bac Ninh dung may quet QR Code de tra cuu thong tin?",
     "number", None),
    ("QN dẫn đầu cả nước về chỉ số PCI mấy năm liền?", "number", None),
    ("dan so Quang Ninh la bn", "number", None),
    ("Bắc Ninh xếp thứ mấy về tỷ trọng kinh tế số?", "number", None),  # a rank, not a percent
    ("ở BN có bao nhiêu tài khoản ví điện tử được định danh qua sđt chính chủ thế", "number", None),
    # percent
    ("ty le dan so Quang Ninh duoc phu song 4G tro len la bao nhieu?", "percent", None),
    ("Bao nhiêu % DN trong các KCN, khu chế xuất ở QN ứng dụng nền tảng số?", "percent", None),
    ("Bao nhieu phan tram ho kinh doanh ca the o Quang Ninh da nop thue dien tu?", "percent", None),
    ("thuê bao băng rộng di động trên 100 dân ở QN đạt bao nhiêu %", "percent", None),
    ("Đến 2030, tỷ trọng KTS trong từng ngành, lĩnh vực ở BN phải đạt tối thiểu bao nhiêu?",
     "percent", None),
    ("Tỷ lệ hộ gia đình dùng máy tính ở Quảng Ninh là bao nhiêu?", "percent", None),
    ("mấy % dân số QN dùng điện thoại thông minh", "percent", None),
    ("bn % ho gia dinh co internet", "percent", None),
    # date
    ("Nghị quyết 09-NQ/TU về chuyển đổi số toàn diện của Quảng Ninh được ban hành ngày nào?",
     "date", None),
    ("Quyet dinh 749/QD-TTg phe duyet chuong trinh chuyen doi so quoc gia ban hanh ngay nao?",
     "date", None),
    ("Quang Ninh bat dau trien khai De an xay dung chinh quyen dien tu tu nam nao?", "date", None),
    ("Quảng Ninh phê duyệt Đề án xây dựng chính quyền điện tử vào thời gian nào?", "date", None),
    ("Thỏa thuận hợp tác giữa tỉnh QN và Bộ TT&TT áp dụng cho giai đoạn nào?", "date", None),
    ("kế hoạch 37/KH-UBND về chuyển đổi số của QN ra ngày nào vậy", "date", None),
    ("khi nào QN cấp chữ ký số miễn phí cho người dân", "date", None),
    ("năm bao nhiêu Quảng Ninh phê duyệt đề án chính quyền điện tử", "date", None),
    ("QĐ 1574/QĐ-UBND của UBND tỉnh QN được ban hành ngày nào?", "date", None),
    # code
    ("Nghị quyết về chuyển đổi số toàn diện tỉnh Quảng Ninh đến năm 2025 có số hiệu là gì?",
     "code", None),
    ("ke hoach chuyen doi so toan dien tinh Quang Ninh nam 2023 co so hieu la gi?", "code", None),
    ("Bệnh án điện tử ở các đơn vị y tế của QN triển khai theo thông tư số mấy?", "code", None),
    ("Quyet dinh thanh lap Hoi dong tham dinh De an Chinh quyen so la quyet dinh so may?",
     "code", None),
    ("Kế hoạch nào quy định chuyển đổi số toàn diện tỉnh Quảng Ninh năm 2023?", "code", None),
    ("KH CĐS toàn diện của QN có 27 mục tiêu, 51 nhiệm vụ là KH số mấy?", "code", None),
    # entity
    ("Báo cáo ICT Index do Bộ TT&TT phối hợp với hội nào đưa ra?", "entity", "organization"),
    # folded, "chi so nao" holds "so nao", which is also "sở nào": the longer cue wins
    ("Ngoai PCI, Quang Ninh con dung dau bang xep hang nhung chi so nao?", "entity", "name"),
    ("Giám đốc Sở Thông tin và Truyền thông tỉnh Bắc Ninh là ai?", "entity", "person"),
    ("ai đang quản lý khu du lịch thác Khe San vậy", "entity", "person"),
    ("Quân đội Ai Cập do ai chỉ huy?", "entity", "person"),
    ("Người đứng đầu Ai Len là Ai?", "entity", "person"),
    ("“Ai là người đứng đầu tỉnh?", "entity", "person"),
    ("Trong HĐ thẩm định Đề án CQS tỉnh QN, ai là Phó Cục trưởng Cục An toàn thông tin?",
     "entity", "person"),
    ("Co quan nao ban hanh nghi quyet phe duyet De an chuyen doi so tinh Bac Ninh?",
     "entity", "organization"),
    ("Phường Yên Giang và xã Cẩm La phối hợp với doanh nghiệp nào để triển khai hạ tầng?",
     "entity", "organization"),
    ("Hai don vi cap xa dau tien o Quang Ninh lap dat he thong hoi nghi truyen hinh la nhung don vi nao?",
     "entity", None),
    ("Chi Chiu Man Mui o xa nao?", "entity", "location"),
    ("Thi tran Quang Ha thuoc huyen nao?", "entity", "location"),
    ("TT Điều hành thành phố thông minh của QN đặt ở đâu?", "entity", "location"),
    ("Mô hình “Xã, phường chuyển đổi số” do TX nào của QN chọn thí điểm?", "entity", "location"),
    ("theo đề án cđs 2024-2030 thì tới 2030 Bắc Ninh sẽ thành thành phố gì", "entity", "location"),
    ("Bộ chỉ số đo mức độ CĐS của tỉnh QN có tên viết tắt là gì?", "entity", "name"),
    ("muốn báo sự cố hạ tầng đô thị cho tỉnh QN thì dùng app gì", "entity", "name"),
    ("Các trường học ở thị xã Đông Triều dùng những hệ thống nào để quản lý hồ sơ?",
     "entity", "name"),
    ("Chương trình chuyển đổi số quốc gia gồm những trụ cột nào?", "entity", "name"),
    # text
    ("Quảng Ninh đặt mục tiêu chuyển đổi số để trở thành tỉnh như thế nào?", "text", None),
    ("Dia chi trang dich vu cong truc tuyen cua tinh Quang Ninh la gi?", "entity", "name"),  # a web address,
    ("Vì sao Quảng Ninh dẫn đầu về chuyển đổi số?", "text", None),
    ("thoi tiet Ha Long ngay mai co mua khong", "text", None),
]


@pytest.mark.parametrize(("question", "answer_type", "entity_kind"), QUESTIONS)
def test_classify_question(question, answer_type, entity_kind):
    expected = classify_question(question)
    assert (expected.answer_type, expected.entity_kind) == (answer_type, entity_kind)
    assert expected.answer_type in ANSWER_TYPES
    assert expected.entity_kind is None or expected.entity_kind in ENTITY_KINDS


@pytest.mark.parametrize(
    ("accented", "unaccented"),
    [
        ("Tỷ lệ dân số được phủ sóng 4G là bao nhiêu?", "ty le dan so duoc phu song 4G la bao nhieu?"),
        ("Quảng Ninh xếp thứ mấy về DTI?", "Quang Ninh xep thu may ve DTI?"),
        ("Nghị quyết 09 ban hành năm nào?", "Nghi quyet 09 ban hanh nam nao?"),
        ("Kế hoạch 59 có số hiệu là gì?", "Ke hoach 59 co so hieu la gi?"),
        ("Chị Múi ở xã nào?", "Chi Mui o xa nao?"),
        ("Cơ quan nào ghi nhận tỷ trọng kinh tế số lõi?", "Co quan nao ghi nhan ty trong kinh te so loi?"),
    ],
)
def test_unaccented_question_reads_like_the_accented_one(accented, unaccented):
    assert classify_question(unaccented) == classify_question(accented)


@pytest.mark.parametrize(
    ("question", "cue"),
    [
        ("Tỷ lệ hộ gia đình dùng máy tính là bao nhiêu?", "tỷ lệ"),  # percent wins over "bao nhiêu"
        ("ty le ho gia dinh la bn", "tỷ lệ"),
        ("Nghị quyết 09 ban hành năm nào, có bao nhiêu mục tiêu?", "năm nào"),  # date beats number
        ("Quyết định thành lập hội đồng là quyết định số mấy?", "quyết định số mấy"),  # code beats "mấy"
        ("Quảng Ninh tăng mấy bậc?", "tăng mấy bậc"),  # the longest cue of the winning type
        ("Bao nhiêu phần trăm xã có internet?", "bao nhiêu phần trăm"),
        ("Bắc Ninh xếp thứ?", "xếp thứ"),  # only a weak cue
        ("Chương trình chuyển đổi số gồm những trụ cột nào?", "cột nào"),  # any other "<noun> nào"
        ("Chuyển đổi số là gì?", "là gì"),
        # a question word beats a topic word: the question asks for a reason, a manner, a thing
        ("Vì sao tỷ lệ nhập cư của Canada cao?", "vì sao"),
        ("Tỷ lệ hộ gia đình có cáp quang thay đổi như thế nào?", "như thế nào"),
        ("Việc gì đưa tỷ lệ người biết chữ lên 99%?", "gì"),
        # a web or mail address, not a place ("ở đâu") nor a description ("là gì")
        ("Dia chi trang dich vu cong truc tuyen cua tinh la gi?", "địa chỉ"),
        ("Địa chỉ email của Sở TT&TT ở đâu?", "địa chỉ"),
        ("Sở Thông tin và Truyền thông có địa chỉ ở đâu?", "ở đâu"),
    ],
)
def test_cue_names_the_phrase_that_decided(question, cue):
    assert classify_question(question).cue == cue


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # "máy" (machine) folds to "may" like "mấy"; accented text keeps them apart.
        ("Hộ gia đình ở Quảng Ninh dùng máy tính để làm gì?", ExpectedAnswer("text", None, "gì")),
        ("co bao nhieu may tinh", ExpectedAnswer("number", None, "bao nhiêu")),
        ("ho gia dinh dung may tinh de lam gi", ExpectedAnswer("text", None, "gì")),
        # "ai" is a word, not the end of "hai", "tai", "mai"; "AI" is artificial intelligence.
        ("Hai don vi cap xa thi diem la nhung don vi nao?",
         ExpectedAnswer("entity", None, "đơn vị nào")),
        ("thoi tiet Ha Long ngay mai co mua khong", ExpectedAnswer("text", None, None)),
        ("Quảng Ninh ứng dụng AI trong quản lý như thế nào?", ExpectedAnswer("text", None, "như thế nào")),
        # "Ai" with a capital inside a question starts a name ("Ai Cập", Egypt), unless it ends it.
        ("Roosevelt đã bay đến Ai Cập với mục đích gì?", ExpectedAnswer("text", None, "gì")),
        ("Ai Cập có bao nhiêu dân?", ExpectedAnswer("number", None, "bao nhiêu")),
        # "BN" is Bắc Ninh; lowercase "bn" after a verb is "bao nhiêu".
        ("ở BN có nhiều doanh nghiệp công nghệ không", ExpectedAnswer("text", None, None)),
        ("dân số QN là bn", ExpectedAnswer("number", None, "bn")),
        # A question that names a document's number asks for something else.
        ("Quyết định số 1575/QĐ-UBND của UBND tỉnh Quảng Ninh thành lập hội đồng nào?",
         ExpectedAnswer("entity", "organization", "hội đồng nào")),
        # A place asked for beats a rank named: "Tỉnh nào đứng thứ 3".
        ("Tỉnh nào đứng thứ 3 về chỉ số DTI năm 2022?", ExpectedAnswer("entity", "location", "tỉnh nào")),
        # "như thế nào", "lý do nào" ask for a manner or a reason, not a name.
        ("Vì lý do nào Quảng Ninh dẫn đầu?", ExpectedAnswer("text", None, None)),
    ],
)
def test_false_cues_are_not_taken(question, expected):
    assert classify_question(question) == expected


def test_agreement_with_gold_kinds():
    """Typed answers of the gold set: the expected type agrees with the gold kind."""
    rows = [json.loads(line) for line in GOLD_PATH.read_text(encoding="utf-8").splitlines() if line]
    answerable = [row for row in rows if row["kind"] in GOLD_KIND_TYPES]
    agreeing = [row for row in answerable if _agrees(row)]
    assert len(agreeing) / len(answerable) >= MIN_GOLD_AGREEMENT


def _agrees(row: dict) -> bool:
    return classify_question(row["question"]).answer_type in GOLD_KIND_TYPES[row["kind"]]
