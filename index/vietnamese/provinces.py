"""Vietnam's provinces and centrally-run cities (as of 2024), with everyday abbreviations.

Used to record which province a document is about and, at query time, which one a
question names, so that an answer about Bắc Ninh is not taken from Quảng Ninh.
"""

import re

from index.vietnamese.text import fold_diacritics, normalize_for_matching

PROVINCES = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
    "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cần Thơ", "Cao Bằng",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên",
    "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An",
    "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình",
    "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh",
    "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "TP. Hồ Chí Minh",
    "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)

# Abbreviations people type for a province; only unambiguous ones.
PROVINCE_ABBREVIATIONS = {
    "qn": "Quảng Ninh", "bn": "Bắc Ninh", "hn": "Hà Nội", "hcm": "TP. Hồ Chí Minh",
    "tp.hcm": "TP. Hồ Chí Minh", "tphcm": "TP. Hồ Chí Minh", "sg": "TP. Hồ Chí Minh",
    "đn": "Đà Nẵng", "hp": "Hải Phòng",
}
ALIASES = {"Hồ Chí Minh": "TP. Hồ Chí Minh", "Sài Gòn": "TP. Hồ Chí Minh", "Huế": "Thừa Thiên Huế"}


def _name_pattern(name: str) -> re.Pattern:
    words = fold_diacritics(normalize_for_matching(name)).replace("tp. ", "").split()
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)")


_PATTERNS = {name: _name_pattern(name) for name in PROVINCES}
_PATTERNS.update({alias: _name_pattern(alias) for alias in ALIASES})


def province_mentions(text: str) -> dict[str, int]:
    """How often each province is named, folded so 'Quang Ninh' counts as 'Quảng Ninh'."""
    folded = fold_diacritics(normalize_for_matching(text))
    counts: dict[str, int] = {}
    for name, pattern in _PATTERNS.items():
        if hits := len(pattern.findall(folded)):
            canonical = ALIASES.get(name, name)
            counts[canonical] = counts.get(canonical, 0) + hits
    return counts


def main_provinces(text: str, min_share: float = 0.2) -> list[str]:
    """Provinces a document is about: those with a fair share of all province mentions."""
    counts = province_mentions(text)
    total = sum(counts.values())
    return sorted((name for name, count in counts.items() if count >= min_share * total),
                  key=lambda name: -counts[name])
