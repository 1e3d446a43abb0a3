"""The words follow-up questions are made of, as data: how a turn says "and what about …",
how it points back ("tỉnh này", "nghị quyết đó"), and where a noun phrase ends.

Every entry is written with its diacritics; the resolver compares them folded when the
question was typed without any, and with their marks otherwise ("còn" is not "con" in
"Con số …").
"""

# Words that open a follow-up: "còn Bắc Ninh thì sao?", "vậy năm 2021?", "và bao nhiêu nhiệm vụ?".
LEAD_CUES = (("thế", "còn"), ("vậy", "còn"), ("vậy", "thì"), ("thế", "thì"), ("còn",), ("vậy",), ("thế",), ("và",))
# Phrases that close one: "… thì sao?", "… thì thế nào?", "… nữa?".
# Only with "thì": "… như thế nào?" alone asks a question of its own.
TRAIL_CUES = (("thì", "như", "thế", "nào"), ("thì", "thế", "nào"), ("thì", "ra", "sao"), ("thì", "sao"))
# Particles a chat question ends with, dropped before the cues are read.
TRAILING_PARTICLES = frozenset(("ạ", "à", "nhỉ", "nhé", "nha", "hả", "hở", "vậy", "thế", "nữa", "đi"))

# Words pointing back at something named in the last turn ("tỉnh này", "ở đó").
DEMONSTRATIVES = frozenset(("này", "đó", "đấy", "ấy", "kia", "trên"))
# "trong đó", "do đó", "khi đó": a demonstrative after these is a conjunction, not a reference.
NOT_REFERRING_BEFORE = frozenset(("trong", "do", "sau", "khi", "lúc", "từ", "như", "vì", "bởi", "theo", "ngoài",
                                  "trước", "với", "nay", "hiện", "hôm", "bây", "năm", "là", "cả", "gồm"))
# "ở đó", "tại đó": the place of the last turn, with no noun.
PLACE_PREPOSITIONS = frozenset(("ở", "tại"))
# Nouns whose referent is the conversation's province.
PLACE_NOUNS = (("địa", "phương"), ("thành", "phố"), ("tỉnh",), ("nơi",))
# Nouns that ask "who": their referent is the last answer to an "ai" question.
PERSON_NOUNS = (("đồng", "chí"), ("ông",), ("bà",), ("người",), ("anh",), ("chị",))
# Words before a noun that are not part of it: "các tổ này" refers to the "tổ".
DETERMINERS = frozenset(("các", "những", "mấy", "hai", "ba"))

# Where a noun phrase copied from the last question stops: verbs, prepositions and question words.
PHRASE_STOPS = frozenset("""
    là có được đạt xếp đứng chiếm gồm do cho với và đến từ theo bao nhiêu mấy nào gì ai đâu khi năm thì đã
    đang sẽ ban hành đề ra xác định thành lập làm hoàn thành cung cấp triển khai áp dụng phê duyệt tăng giảm
    trong ở tại của về qua trên hiện nay đặt
""".split())

# Words that name a national scope, swapped like a province: "còn cả nước thì sao?".
NATIONAL_SCOPES = (("cả", "nước"), ("toàn", "quốc"))

# Terms a question swaps for one another ("còn một phần thì sao?" after "… toàn trình?").
# Only pairs that share no word: those sharing one ("tài khoản cá nhân" / "tài khoản doanh
# nghiệp", "chính quyền số" / "kinh tế số") are matched by that word.
SIBLING_TERMS = (
    ("toàn trình", "một phần"),
    ("cấp tỉnh", "cấp huyện", "cấp xã"),
    ("thành thị", "nông thôn"),
    ("mục tiêu", "nhiệm vụ", "chỉ tiêu", "giải pháp"),
    ("cá nhân", "doanh nghiệp", "hộ kinh doanh", "tổ chức"),
)

# Nouns that need an owner ("mục tiêu" of what?): a short question made of one is elliptical.
RELATIONAL_NOUNS = (("mục", "tiêu"), ("tỷ", "lệ"), ("tỉ", "lệ"), ("tỷ", "trọng"), ("tỉ", "trọng"), ("kết", "quả"),
                    ("thời", "hạn"), ("số", "lượng"), ("tổng", "số"), ("kinh", "phí"), ("chỉ", "tiêu"))
# Verbs a question opens with when its subject is the last turn's: "đạt bao nhiêu phần trăm?".
SUBJECTLESS_OPENERS = frozenset(("đạt", "chiếm", "xếp", "đứng", "tăng", "giảm", "thuộc", "gồm"))
# Question words: a remainder holding one asks its own question, it does not swap a slot.
QUESTION_WORDS = frozenset(("bao", "nhiêu", "mấy", "nào", "gì", "ai", "đâu", "sao", "bn"))
# At most this many content words, and no province, year, code or name: a question leaning on the last.
SUBJECTLESS_WORDS = 2
RELATIONAL_SUBJECTLESS_WORDS = 5
# Longer remainders after "còn … thì sao" are questions of their own, not a swapped slot.
MAX_SWAP_WORDS = 10
