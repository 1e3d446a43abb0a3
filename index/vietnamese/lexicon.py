"""Words of general Vietnamese that reading names and quantities relies on: place and
organisation words, titles, honorifics, surnames, and the function words that end a name or a
unit. Plain data, written as Vietnamese writes them; whoever compares words normalises them
(`index.vietnamese.text.normalize_for_matching`).

What belongs here is true of the language, not of one document: a word is listed because
Vietnamese uses it that way, never because one article or one question needed it.
"""

# Administrative units and other places; the capitalised words after one name it ("xã Hà Lâu").
PLACE_WORDS = ("xã", "huyện", "phường", "thị xã", "thị trấn", "tỉnh", "thành phố", "tp", "tx",
               "quận", "thôn", "khu phố", "chợ")  # fmt: skip
# Heads of an organisation's name that need the name after them: "Sở Kế hoạch và Đầu tư".
ORGANIZATION_HEADS = ("sở", "bộ", "ban", "ủy ban", "trung tâm", "tập đoàn", "công ty", "cục",
                      "tổng cục", "hội đồng", "hội", "văn phòng", "viện", "trường", "bệnh viện",
                      "ngân hàng", "phòng", "tổ")  # fmt: skip
# Organisations complete on their own, optionally followed by a place: "UBND tỉnh Quảng Ninh".
STANDALONE_ORGANIZATIONS = ("ubnd", "hđnd", "chính phủ", "thủ tướng chính phủ", "tỉnh ủy",
                            "thành ủy", "huyện ủy", "công an", "đoàn thanh niên", "huyện đoàn",
                            "tỉnh đoàn", "thành đoàn", "quốc hội", "viettel", "vnpt",
                            "mobifone", "fpt")  # fmt: skip
# Heads of named things: "Cổng dịch vụ công quốc gia", "Đề án Thành phố thông minh".
NAME_HEADS = ("cổng", "đề án", "chương trình", "hệ thống", "báo cáo", "bộ chỉ số", "chỉ số",
              "dự án")  # fmt: skip
# Titles of office; one right before a name makes it a person's.
TITLES = ("giám đốc", "phó giám đốc", "tổng giám đốc", "chủ tịch", "phó chủ tịch",
          "phó chủ tịch thường trực", "bí thư", "phó bí thư", "bộ trưởng", "thứ trưởng",
          "thủ tướng", "phó thủ tướng", "cục trưởng", "phó cục trưởng", "vụ trưởng",
          "trưởng ban", "phó trưởng ban", "trưởng phòng", "chánh văn phòng", "quản lý",
          "chủ nhiệm", "trưởng thôn")  # fmt: skip
HONORIFICS = ("ông", "bà", "anh", "chị", "đồng chí")
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
            "Hồ", "Ngô", "Dương", "Lý", "Cao", "Thái", "Đinh", "Trịnh", "Đoàn", "Lâm", "Mai", "Trương",
            "Tô", "Hà", "Chu", "Lương", "Đào", "Tạ", "Triệu", "Quách", "Kiều", "Lưu", "Vương")  # fmt: skip
# Capitalised abbreviations of common nouns, not names: "100% TTHC", "GRDP".
COMMON_ACRONYMS = ("TTHC", "CNTT", "GRDP", "THPT", "CBCCVC", "BHYT", "DN", "KCN", "DVC", "CĐS", "QR")

# Function words and frequent verbs: a unit ("3,4 triệu tài khoản | được …") or a name ends
# before them.
STOP_WORDS = (
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
    "hiện", "hiện nay", "số lượng", "tổng số", "phục vụ", "góp phần", "bảo đảm", "đảm bảo",
)  # fmt: skip
# Nouns whose second word is a stop word on its own: "chữ ký số" is no "ký" (sign).
COMPOUND_NOUNS = ("chữ ký", "người ký")
# Words of a date: they end a unit ("12 nhiệm vụ | năm 2023") unless they are the unit ("3 năm liền").
DATE_WORDS = ("ngày", "tháng", "năm", "quý")
