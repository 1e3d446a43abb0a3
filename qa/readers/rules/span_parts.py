"""What qa.spans (numbers, dates, codes) and qa.entities (names) both use: the candidate they
return, the words they read, and the stop words that end a unit or a name."""

import re
from dataclasses import dataclass

from index.vietnamese.text import normalize_for_matching


@dataclass(frozen=True)
class SpanCandidate:
    start: int  # offsets into the sentence string given
    end: int
    answer_type: str  # "number" | "percent" | "date" | "code" | "entity"
    entity_kind: str | None  # for "entity": "person" | "organization" | "location" | "name"
    value_start: int  # where the core value begins (the digits, the name)
    text: str  # sentence[start:end]

    @property
    def value(self) -> str:
        """The core value with its unit: "3,4 triệu tài khoản" of "hơn 3,4 triệu tài khoản"."""
        return self.text[self.value_start - self.start:]

    @property
    def lead(self) -> str:
        """The words before the value: a qualifier ("hơn") or a category ("huyện")."""
        return self.text[:self.value_start - self.start].strip()


@dataclass(frozen=True)
class Core:
    """A value before its unit is attached."""

    start: int
    value_start: int
    end: int
    answer_type: str
    unit: str  # "any", "lowercase" (ranks: "thứ 3 toàn quốc", never "thứ 10 Chỉ số") or "none"


@dataclass(frozen=True)
class Word:
    """A word as units (qa.spans) and names (qa.entities) are read."""

    text: str
    start: int
    end: int
    norm: str  # lowercase, modern tone placement
    joined: bool  # only a space before it (or "TP. "), so it may continue a name or a unit


def normalized(words) -> frozenset[str]:
    """Lowercase, modern tone placement ("uỷ" = "ủy"), as words are compared here."""
    return frozenset(normalize_for_matching(word) for word in words)


# Function words and frequent verbs: a unit or a name stops before them.
STOP_WORDS = normalized((
    "của", "là", "được", "bị", "đã", "đang", "sẽ", "vẫn", "cũng", "đều", "và", "với", "cho",
    "tại", "trong", "ngoài", "trên", "dưới", "về", "do", "để", "từ", "đến", "tới", "theo", "khi",
    "nên", "nhưng", "mà", "thì", "các", "những", "này", "đó", "có", "không", "chưa", "lên",
    "xuống", "vào", "qua", "bằng", "so", "như", "hay", "hoặc", "nhằm", "cùng", "gồm", "bao gồm",
    "thông qua", "rất", "hơn", "gần", "khoảng", "hằng", "mỗi", "mọi", "nhiều", "riêng", "đạt",
    "chiếm", "tăng", "giảm", "xếp", "đứng", "nằm", "trở thành", "trở lên", "thực hiện",
    "triển khai", "cung cấp", "sử dụng", "đăng ký", "tham gia", "ghi nhận", "đề xuất", "đặt",
    "làm", "chọn", "giúp", "chủ trì", "tham mưu", "ban hành", "phê duyệt", "hoàn thành",
    "dẫn đầu", "phối hợp", "hỗ trợ", "chia sẻ", "nhận định", "công bố", "đưa", "kết nối",
    "tích hợp", "ký", "phát biểu", "hướng dẫn", "tuyên truyền", "cho phép", "xác định",
    "tiếp tục", "đẩy mạnh", "định hướng", "đi", "nộp", "ông", "bà", "anh", "chị", "giai đoạn",
    "hiện", "hiện nay", "số lượng", "tổng số", "đồng bảo", "phục vụ", "góp phần", "bảo đảm", "đảm bảo",
))  # fmt: skip
# Nouns whose second word is a stop word on its own: "chữ ký số" is no "ký" (sign).
COMPOUND_NOUNS = normalized(("chữ ký", "người ký"))
# Date words end a unit ("12 nhiệm vụ | năm 2023") unless they are the unit ("3 năm liền").
DATE_WORDS = normalized(("ngày", "tháng", "năm", "quý"))
VERSION_ATOM = re.compile(r"\d+\.\d{1,2}")  # "4.0": Vietnamese thousands have three digits


def is_stop(words: list[Word], index: int) -> bool:
    """A stop word, alone or with the next word ("trở lên"), unless it ends a compound noun."""
    word = words[index].norm
    if index and f"{words[index - 1].norm} {word}" in COMPOUND_NOUNS:
        return False
    pair = f"{word} {words[index + 1].norm}" if index + 1 < len(words) else ""
    return word in STOP_WORDS or pair in STOP_WORDS


def overlaps(start: int, end: int, cores: list[Core]) -> bool:
    return any(start < core.end and core.start < end for core in cores)


def span(sentence: str, start: int, value_start: int, end: int, answer_type: str,
         entity_kind: str | None = None) -> SpanCandidate:  # fmt: skip
    return SpanCandidate(start, end, answer_type, entity_kind, value_start, sentence[start:end])

