"""Everyday abbreviations of Vietnamese public administration, and their expansion.

The corpus uses both forms ("TTHC" and "thủ tục hành chính"), so a question gets the
other form added, whichever it used. Matching ignores case and diacritics ("CDS" is
"CĐS"), so unaccented questions expand too.
"""

import re

from index.vietnamese.text import fold_diacritics

ABBREVIATIONS = {
    "QN": "Quảng Ninh", "BN": "Bắc Ninh", "HN": "Hà Nội",
    "TTHC": "thủ tục hành chính", "DVC": "dịch vụ công", "DVCTT": "dịch vụ công trực tuyến",
    "CĐS": "chuyển đổi số", "UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân",
    "TT&TT": "Thông tin và Truyền thông", "TTTT": "Thông tin và Truyền thông",
    "KCN": "khu công nghiệp", "KCX": "khu chế xuất", "DN": "doanh nghiệp",
    "DTI": "chỉ số chuyển đổi số", "PCI": "chỉ số năng lực cạnh tranh",
    "PAR": "chỉ số cải cách hành chính", "BTS": "trạm thu phát sóng",
    "CNTT": "công nghệ thông tin", "CQĐT": "chính quyền điện tử", "CQS": "chính quyền số",
    "CPĐT": "Chính phủ điện tử", "CPS": "Chính phủ số", "KTS": "kinh tế số", "XHS": "xã hội số",
    "TP": "thành phố", "TX": "thị xã", "NQ": "Nghị quyết", "QĐ": "Quyết định", "KH": "Kế hoạch",
    "HCC": "hành chính công", "BHXH": "bảo hiểm xã hội", "BHYT": "bảo hiểm y tế",
    "GD&ĐT": "giáo dục và đào tạo", "CBCCVC": "cán bộ, công chức, viên chức",
    "TW": "trung ương", "CP": "Chính phủ", "TTg": "Thủ tướng", "KT-XH": "kinh tế - xã hội",
    "IOC": "Trung tâm điều hành thông minh", "TTXVN": "Thông tấn xã Việt Nam",
    "CSDL": "cơ sở dữ liệu", "BCĐ": "Ban Chỉ đạo", "HĐ": "Hội đồng", "ĐT": "điện thoại", "SĐT": "số điện thoại", "TTg.": "Thủ tướng",
}


def _folded_key(abbreviation: str) -> str:
    return fold_diacritics(abbreviation).lower()


_BY_FOLDED = {_folded_key(short): long for short, long in ABBREVIATIONS.items()}
_ABBREVIATION_TOKEN = re.compile(r"(?<![\w&-])[\wĐđ]+(?:[&-][\wĐđ]+)?(?![\w&-])")
_LONG_FORMS = [(re.compile(r"(?<!\w)" + re.escape(fold_diacritics(long).lower()) + r"(?!\w)"), short)
               for short, long in ABBREVIATIONS.items() if len(short) >= 3]


def long_form(token: str) -> str | None:
    """What an abbreviation token stands for ("QN" -> "Quảng Ninh"), or None.

    Two letters count only in capitals: typed lower case, "bn" usually means "bao nhiêu"."""
    typed_as_abbreviation = sum(c.isupper() for c in token) >= 2 or len(token) >= 3
    return _BY_FOLDED.get(_folded_key(token)) if typed_as_abbreviation else None


def expansions(question: str) -> list[str]:
    """The other form of every abbreviation or long form the question uses, in order."""
    found: list[str] = []
    for match in _ABBREVIATION_TOKEN.finditer(question):
        if long := long_form(match.group()):
            found.append(long)
    folded = fold_diacritics(question).lower()
    found.extend(short for pattern, short in _LONG_FORMS if pattern.search(folded))
    return list(dict.fromkeys(found))


def spelled_out(text: str) -> str:
    """The text with every abbreviation written as what it stands for: "bao nhiêu TTHC" ->
    "bao nhiêu thủ tục hành chính", "ở BN" -> "ở Bắc Ninh"."""
    return _ABBREVIATION_TOKEN.sub(lambda match: long_form(match.group()) or match.group(), text)


def expand_question(question: str) -> str:
    """The question followed by the other forms it implies, for retrieval."""
    extra = expansions(question)
    return f"{question} ({'; '.join(extra)})" if extra else question
