"""Real-looking Vietnamese documents as files, made on the spot: an administrative plan as a
PDF with a text layer, a decision as a DOCX, a notice as a scanned PDF (an image of the page),
and a district portal's news page as HTML. The tests read them back and the benchmark
times reading them, so both see the same layouts: two-column headers, first-line indents,
running headers, page numbers, tables, signature blocks, menus and "Đọc nhiều" lists.

PDFs are written with reportlab and pages drawn with Pillow, in the DejaVu fonts matplotlib
ships (so no system font is needed); DOCX files with python-docx.
"""

import io
import re
from dataclasses import dataclass
from pathlib import Path

import matplotlib

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
SERIF, SERIF_BOLD, SERIF_ITALIC = (FONT_DIR / name for name in
                                   ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf"))
SANS = FONT_DIR / "DejaVuSans.ttf"
ROMAN_HEADING = re.compile(r"^[IVX]+\. ")
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


@dataclass(frozen=True)
class AdministrativeDocument:
    issuer_lines: tuple[str, ...]
    number: str  # "Số: 125/KH-UBND"
    place_date: str  # "Bảo Thắng, ngày 14 tháng 3 năm 2024"
    heading: str  # "KẾ HOẠCH"
    subject: str
    paragraphs: tuple[str, ...]  # "I. …" headings and "- …" items are paragraphs too
    recipients: tuple[str, ...]
    roles: tuple[str, ...]  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    signer: str
    table: tuple[tuple[str, ...], ...] = ()  # a data table after the paragraphs, first row its head


LONG_PARAGRAPH = (
    "Thực hiện Nghị quyết số 09-NQ/TU ngày 05/02/2022 của Ban Chấp hành Đảng bộ tỉnh Lào Cai về chuyển đổi số "
    "đến năm 2025, định hướng đến năm 2030, Ủy ban nhân dân huyện Bảo Thắng ban hành Kế hoạch triển khai mô hình "
    "chuyển đổi số cấp xã năm 2024 nhằm đưa các nền tảng số phục vụ người dân, doanh nghiệp và chính quyền cơ sở "
    "đến từng thôn, tổ dân phố, với sự tham gia của Tổ công nghệ số cộng đồng, đoàn viên thanh niên và các doanh "
    "nghiệp viễn thông trên địa bàn, bảo đảm mỗi hộ gia đình có ít nhất một thành viên biết sử dụng các dịch vụ "
    "công trực tuyến, thanh toán không dùng tiền mặt và các ứng dụng số thiết yếu trong đời sống hằng ngày.")

PLAN = AdministrativeDocument(
    issuer_lines=("ỦY BAN NHÂN DÂN", "HUYỆN BẢO THẮNG"),
    number="Số: 125/KH-UBND",
    place_date="Bảo Thắng, ngày 14 tháng 3 năm 2024",
    heading="KẾ HOẠCH",
    subject="Triển khai mô hình chuyển đổi số cấp xã năm 2024",
    paragraphs=(
        LONG_PARAGRAPH,
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Đến hết năm 2024, 100% xã, thị trấn trên địa bàn huyện Bảo Thắng có Tổ công nghệ số cộng đồng hoạt động "
        "hiệu quả; tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận và giải quyết trực tuyến đạt từ 80% trở lên.",
        "II. NHIỆM VỤ VÀ GIẢI PHÁP",
        "- Rà soát, kiện toàn Tổ công nghệ số cộng đồng tại các thôn, tổ dân phố trước ngày 30/4/2024.",
        "- Tổ chức tập huấn kỹ năng số cho cán bộ, công chức cấp xã và thành viên Tổ công nghệ số cộng đồng.",
        LONG_PARAGRAPH.replace("Thực hiện", "Tiếp tục thực hiện", 1),
        "Các xã, thị trấn chủ động bố trí địa điểm, trang thiết bị và nhân lực cho Tổ công nghệ số cộng đồng; "
        "hướng dẫn người dân cài đặt, sử dụng ứng dụng định danh điện tử, thanh toán trực tuyến và phản ánh kiến "
        "nghị qua Cổng dịch vụ công; định kỳ hằng quý tổng hợp khó khăn, vướng mắc, đề xuất giải pháp tháo gỡ và "
        "gửi báo cáo về Phòng Văn hóa và Thông tin huyện để tổng hợp, báo cáo Ủy ban nhân dân huyện theo quy định.",
        "III. KINH PHÍ THỰC HIỆN",
        "Kinh phí thực hiện Kế hoạch là 2,5 tỷ đồng từ ngân sách huyện năm 2024 và các nguồn huy động hợp pháp khác "
        "theo quy định của pháp luật.",
        "IV. TỔ CHỨC THỰC HIỆN",
        "Phòng Văn hóa và Thông tin huyện chủ trì, phối hợp với Ủy ban nhân dân các xã, thị trấn theo dõi, đôn đốc "
        "và tổng hợp kết quả thực hiện Kế hoạch, báo cáo Ủy ban nhân dân huyện trước ngày 15/12/2024.",
        LONG_PARAGRAPH.replace("Thực hiện", "Để thực hiện", 1),
    ),
    recipients=("Nơi nhận:", "- UBND tỉnh (b/c);", "- Sở Thông tin và Truyền thông;", "- Lưu: VT, VHTT."),
    roles=("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    signer="Nguyễn Văn An",
)

DECISION = AdministrativeDocument(
    issuer_lines=("UBND TỈNH LÀO CAI", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
    number="Số: 46/QĐ-STTTT",
    place_date="Lào Cai, ngày 05 tháng 01 năm 2024",
    heading="QUYẾT ĐỊNH",
    subject="Về việc phê duyệt danh mục dịch vụ công trực tuyến toàn trình năm 2024",
    paragraphs=(
        "GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH LÀO CAI",
        "Căn cứ Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ quy định về việc cung cấp thông tin và "
        "dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng;",
        "Theo đề nghị của Chánh Văn phòng Sở.",
        "QUYẾT ĐỊNH:",
        "Điều 1. Phê duyệt danh mục gồm 312 dịch vụ công trực tuyến toàn trình thuộc thẩm quyền giải quyết của "
        "Sở Thông tin và Truyền thông tỉnh Lào Cai năm 2024.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    ),
    recipients=("Nơi nhận:", "- Như Điều 2;", "- Lưu: VT, VP."),
    roles=("GIÁM ĐỐC",),
    signer="Trần Thị Hoa",
    table=(("STT", "Lĩnh vực", "Số dịch vụ", "Ghi chú"),
           ("1", "Báo chí", "45", "Toàn trình"),
           ("2", "Xuất bản, in và phát hành", "120", "Toàn trình")),
)

NOTICE = AdministrativeDocument(
    issuer_lines=("ỦY BAN NHÂN DÂN", "XÃ PHONG NIÊN"),
    number="Số: 27/TB-UBND",
    place_date="Phong Niên, ngày 8 tháng 11 năm 2023",
    heading="THÔNG BÁO",
    subject="Lịch tiếp công dân tháng 12 năm 2023",
    paragraphs=("Chủ tịch Ủy ban nhân dân xã tiếp công dân vào sáng thứ Năm hằng tuần tại trụ sở xã.",),
    recipients=(), roles=("CHỦ TỊCH",), signer="Phạm Đức Thành",
)


def pdf_document(document: AdministrativeDocument, running_header: str = "Kế hoạch số 125/KH-UBND") -> bytes:
    """An A4 PDF as a word processor prints one: the header as a borderless two-column table,
    justified paragraphs with a first-line indent, the page number at the top of pages after
    the first and a running footer on every page."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    for name, path in (("Serif", SERIF), ("Serif-Bold", SERIF_BOLD), ("Serif-Italic", SERIF_ITALIC)):
        pdfmetrics.registerFont(TTFont(name, str(path)))
    body = ParagraphStyle("body", fontName="Serif", fontSize=12, leading=16, alignment=TA_JUSTIFY,
                          firstLineIndent=1 * cm, spaceAfter=6)
    plain = ParagraphStyle("plain", parent=body, firstLineIndent=0)
    center = ParagraphStyle("center", fontName="Serif-Bold", fontSize=11, leading=14, alignment=TA_CENTER)
    italic = ParagraphStyle("italic", parent=center, fontName="Serif-Italic")
    heading = ParagraphStyle("heading", parent=center, fontSize=13, leading=17)

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont("Serif", 10)
        if doc.page > 1:
            canvas.drawCentredString(A4[0] / 2, A4[1] - 1.2 * cm, str(doc.page))
        canvas.drawCentredString(A4[0] / 2, 1 * cm, running_header)
        canvas.restoreState()

    story = [Table([[Paragraph("<br/>".join(document.issuer_lines), center), Paragraph("<br/>".join(MOTTO), center)],
                    [Paragraph(document.number, ParagraphStyle("number", parent=center, fontName="Serif")),
                     Paragraph(document.place_date, italic)]], colWidths=[6.5 * cm, 10 * cm]),
             Spacer(1, 12), Paragraph(document.heading, heading), Paragraph(document.subject, heading), Spacer(1, 12)]
    for text in document.paragraphs:
        story.append(Paragraph(text, plain if text.startswith("- ") or ROMAN_HEADING.match(text) else body))
    if document.table:
        story.append(Table([list(row) for row in document.table]))
    story += [Spacer(1, 12), Table([[Paragraph("<br/>".join(document.recipients), plain),
                                     Paragraph("<br/>".join(document.roles) + "<br/><br/><br/>" + document.signer,
                                               center)]], colWidths=[7 * cm, 9.5 * cm])]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=3 * cm, rightMargin=2 * cm, topMargin=2 * cm,
                      bottomMargin=2 * cm).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return out.getvalue()


def blank_pdf() -> bytes:
    """A one-page PDF with no text on it: an upload that must be refused."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.showPage()
    page.save()
    return out.getvalue()

def docx_document(document: AdministrativeDocument, footer: str = "Sở Thông tin và Truyền thông tỉnh Lào Cai") -> bytes:
    """A DOCX as offices write them: header and signature block in borderless two-column tables,
    line breaks inside a cell, a data table, and a page footer (furniture, not text)."""
    import docx

    word = docx.Document()
    word.sections[0].footer.paragraphs[0].text = footer

    def fill(cell, lines):
        paragraph = cell.paragraphs[0]
        for number, line in enumerate(lines):
            run = paragraph.add_run(line)
            if number < len(lines) - 1:
                run.add_break()

    header = word.add_table(rows=2, cols=2)
    fill(header.cell(0, 0), document.issuer_lines)
    fill(header.cell(0, 1), MOTTO)
    fill(header.cell(1, 0), [document.number])
    fill(header.cell(1, 1), [document.place_date])
    word.add_paragraph(document.heading)
    word.add_paragraph(document.subject)
    for text in document.paragraphs:
        word.add_paragraph(text)
    if document.table:
        table = word.add_table(rows=len(document.table), cols=len(document.table[0]))
        for row, values in zip(table.rows, document.table):
            for cell, value in zip(row.cells, values):
                cell.text = value
    signature = word.add_table(rows=1, cols=2)
    fill(signature.cell(0, 0), document.recipients or [""])
    fill(signature.cell(0, 1), [*document.roles, "", document.signer])
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def scanned_pdf(document: AdministrativeDocument, dpi: int = 200) -> bytes:
    """The document as a scanner gives it: one image a page, no text layer."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = int(8.27 * dpi), int(11.69 * dpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    size = int(12 / 72 * dpi)
    font, bold = ImageFont.truetype(str(SERIF), size), ImageFont.truetype(str(SERIF_BOLD), size)
    margin, y = int(0.8 * dpi), int(0.8 * dpi)

    def centred(text, x_center, y_at, face):
        draw.text((x_center - draw.textlength(text, font=face) / 2, y_at), text, font=face, fill=0)

    left_center, right_center = int(2.0 * dpi), int(5.6 * dpi)  # the header's two columns, as printed
    for line in document.issuer_lines:
        centred(line, left_center, y, bold)
        y += int(size * 1.5)
    y_motto = int(0.8 * dpi)
    for line in MOTTO:
        centred(line, right_center, y_motto, bold)
        y_motto += int(size * 1.5)
    y = max(y, y_motto) + size
    centred(document.number, left_center, y, font)
    centred(document.place_date, right_center, y, font)
    y += size * 4
    for line in (document.heading, document.subject):
        centred(line, width / 2, y, bold)
        y += int(size * 1.6)
    y += size
    for text in document.paragraphs:
        draw.text((margin, y), text, font=font, fill=0)
        y += int(size * 1.8)
    y += size * 2
    for line in [*document.roles, "", "", document.signer]:
        centred(line, right_center, y, bold)
        y += int(size * 1.5)
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=dpi)
    return out.getvalue()


NEWS_HEADLINE = "Huyện Yên Phong lắp đặt 68 camera giám sát an ninh trật tự"
NEWS_PARAGRAPHS = (
    "Năm 2023, huyện Yên Phong đã lắp đặt 68 camera giám sát an ninh trật tự tại các nút giao thông và khu dân cư, "
    "kết nối về Trung tâm điều hành thông minh của huyện.",
    "Theo Phòng Văn hóa và Thông tin huyện, hệ thống camera giúp lực lượng công an phát hiện và xử lý kịp thời "
    "các vi phạm trật tự an toàn giao thông, góp phần xây dựng đô thị thông minh.",
    "Trong năm 2024, huyện tiếp tục đầu tư thêm 40 camera tại các xã còn lại, phấn đấu đến năm 2025 phủ kín toàn "
    "bộ các tuyến đường chính trên địa bàn.",
)
PAGE_FURNITURE = ("Trang chủ", "Giới thiệu chung", "Tin tức - Sự kiện", "Chào mừng kỷ niệm 94 năm Ngày thành lập",
                  "Đọc nhiều", "Bắc Ninh tổ chức hội nghị tổng kết công tác năm 2023", "Tin liên quan",
                  "Cơ quan chủ quản", "Ghi rõ nguồn")


def news_page(paragraphs: tuple[str, ...] = NEWS_PARAGRAPHS, headline: str = NEWS_HEADLINE,
              semantic: bool = True, page_metadata: bool = True) -> bytes:
    """A district portal's article page: menu, ticker, sidebar lists, related links and footer
    around the article, in an <article> (`semantic`) or a <div class="article-content"> as older
    portals have it; `page_metadata` adds the Open Graph site name and publication time."""
    menu = "".join(f'<li><a href="/m{n}">{name}</a></li>' for n, name in enumerate(
        ("Trang chủ", "Giới thiệu chung", "Tin tức - Sự kiện", "Văn bản chỉ đạo", "Thủ tục hành chính",
         "Hỏi đáp", "Liên hệ")))
    most_read = "".join(f'<li><a href="/r{n}">{title}</a></li>' for n, title in enumerate(
        ("Bắc Ninh tổ chức hội nghị tổng kết công tác năm 2023", "Yên Phong ra quân làm đường giao thông nông thôn",
         "Thị trấn Chờ đón nhận danh hiệu văn minh đô thị", "Hội nghị triển khai nhiệm vụ chuyển đổi số năm 2024")))
    related = "".join(f'<li><a href="/t{n}">{title}</a> <span>(12/01/2024)</span></li>' for n, title in enumerate(
        ("Huyện Yên Phong đẩy mạnh thanh toán không dùng tiền mặt", "Yên Phong: Tập huấn kỹ năng số cho cán bộ xã")))
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    opening, closing = ('<article class="news-detail">', "</article>") if semantic else (
        '<div class="news-detail article-content">', "</div>")
    meta = f"""<meta property="og:site_name" content="Cổng thông tin điện tử huyện Yên Phong">
<meta property="og:title" content="{headline}">
<meta property="article:published_time" content="2024-01-15T08:30:00+07:00">""" if page_metadata else ""
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{headline} - Cổng thông tin điện tử huyện Yên Phong</title>
{meta}
</head><body>
<div id="header"><div class="logo">Cổng thông tin điện tử huyện Yên Phong</div>
<div class="menu"><ul>{menu}</ul></div>
<div class="ticker">Chào mừng kỷ niệm 94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2024)</div></div>
<div id="content"><div class="col-left">
<div class="breadcrumb"><a href="/">Trang chủ</a> / <a href="/tin-tuc">Tin tức - Sự kiện</a></div>
{opening}<h1 class="title">{headline}</h1>
<div class="date">15/01/2024 08:30</div>
{body}
<div class="author">Minh Anh</div>{closing}
<div class="share">Chia sẻ: <a href="#">Facebook</a> <a href="#">Zalo</a> <a href="#">In bài viết</a></div>
<div class="related"><h3>Tin liên quan</h3><ul>{related}</ul></div></div>
<div class="col-right"><div class="box"><h3>Đọc nhiều</h3><ul>{most_read}</ul></div>
<div class="box"><h3>Thống kê truy cập</h3><p>Đang online: 125</p><p>Tổng lượt truy cập: 1.254.321</p></div></div></div>
<div id="footer"><p>Cơ quan chủ quản: Ủy ban nhân dân huyện Yên Phong, tỉnh Bắc Ninh.</p>
<p>Ghi rõ nguồn "Cổng thông tin điện tử huyện Yên Phong" khi phát hành lại thông tin từ website này.</p></div>
</body></html>""".encode("utf-8")


def menu_page() -> bytes:
    """A portal page that is all furniture: a menu and lists of links, no article."""
    links = "".join(f'<li><a href="/t{n}">Tin số {n} về hoạt động của huyện</a></li>' for n in range(30))
    return f"""<!DOCTYPE html><html><head><title>Tin tức</title></head><body>
<div class="menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/tin">Tin tức</a></li></ul></div>
<div class="list"><ul>{links}</ul></div><div id="footer">Cổng thông tin điện tử</div></body></html>""".encode()
