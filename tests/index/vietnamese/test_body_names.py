"""Names of bodies and people in normal case, from header capitals."""

import pytest

from index.vietnamese.body_names import body_name, person_name


@pytest.mark.parametrize("capitals, name", [
    ("ỦY BAN NHÂN DÂN HUYỆN BẢO THẮNG", "Ủy ban nhân dân huyện Bảo Thắng"),
    ("UỶ BAN NHÂN DÂN TỈNH QUẢNG NINH", "Uỷ ban nhân dân tỉnh Quảng Ninh"),  # the source's spelling kept
    ("UBND THÀNH PHỐ LÀO CAI", "Ủy ban nhân dân thành phố Lào Cai"),
    ("HỘI ĐỒNG NHÂN DÂN XÃ PHONG NIÊN", "Hội đồng nhân dân xã Phong Niên"),
    ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Sở Thông tin và Truyền thông"),
    ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Sở Văn hóa, Thể thao và Du lịch"),
    ("BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "Bộ Tài nguyên và Môi trường"),
    ("TRUNG TÂM Y TẾ HUYỆN BẢO THẮNG", "Trung tâm Y tế huyện Bảo Thắng"),
    ("VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "Văn phòng Ủy ban nhân dân tỉnh Lào Cai"),
    ("HUYỆN ỦY TIÊN DU", "Huyện ủy Tiên Du"),
    ("ĐẢNG ỦY XÃ PHONG NIÊN", "Đảng ủy xã Phong Niên"),
    ("CÔNG AN TỈNH LÀO CAI", "Công an tỉnh Lào Cai"),
    ("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH LÀO CAI", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lào Cai"),
    ("TRƯỜNG THPT SỐ 1 HUYỆN BẢO THẮNG", "Trường THPT số 1 huyện Bảo Thắng"),
])
def test_body_names_follow_administrative_casing(capitals, name):
    assert body_name(capitals) == name


def test_person_names_capitalise_every_word():
    assert person_name("NGUYỄN THỊ ĐÀO") == "Nguyễn Thị Đào"
    assert person_name("Trần  văn an") == "Trần Văn An"
