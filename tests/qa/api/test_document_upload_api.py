"""Uploading documents as people have them (PDF, DOCX, web pages), their metadata as filters,
bad files refused with nothing written, and answers cited from each format end to end."""

import io
import json
import zipfile

import pytest
from fastapi.testclient import TestClient

from eval.sample_documents import NEWS_HEADLINE, blank_pdf, menu_page
from index.build import build_index
from index.embedder import HashingEmbedder
from qa.api.app import create_app
from qa.settings import Settings

TOKEN = "quan-tri-bi-mat-du-dai-2026"
ADMIN = {"Authorization": f"Bearer {TOKEN}"}
SMALL_CORPUS = [
    {"id": "qn", "title": "Hạ tầng số Quảng Ninh",
     "text": "Theo thống kê, tỷ lệ phủ sóng 4G tại Quảng Ninh đạt 99,8%.", "metadata": {"province": "Quảng Ninh"}},
    {"id": "bn", "title": "Kinh tế số Bắc Ninh",
     "text": "Năm 2022, Bắc Ninh xếp thứ 6/63 tỉnh, thành phố về Chỉ số chuyển đổi số DTI.",
     "metadata": {"province": "Bắc Ninh"}},
]


def start_client(folder, embedder, **settings) -> TestClient:
    corpus = folder / "corpus"
    corpus.mkdir()
    (corpus / "docs.jsonl").write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in SMALL_CORPUS),
                                       encoding="utf-8")
    build_index(corpus, folder / "index", embedder, show_progress=False)
    return TestClient(create_app(Settings(index_dir=folder / "index", corpus_dir=corpus, embed_model="hashing-fake",
                                          admin_token=TOKEN, rate_limit_per_minute=0, **settings), embedder=embedder))


def upload(client, name: str, content: bytes, **data):
    return client.post("/v1/documents", headers=ADMIN, files={"file": (name, content)}, data=data)


@pytest.fixture(scope="module")
def service_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("service")


@pytest.fixture(scope="module")
def client(service_folder):
    """A service for uploads that are refused or change nothing others look at (the rules reader: quick to start)."""
    with start_client(service_folder, HashingEmbedder(), reader="rules") as client:
        yield client


@pytest.fixture(scope="module")
def uploaded(tmp_path_factory, plan_pdf, decision_docx, news_html):
    """A service holding the small corpus plus a plan (PDF), a decision (DOCX) and a news page (HTML)."""
    with start_client(tmp_path_factory.mktemp("uploads"), HashingEmbedder()) as client:
        for name, content in (("ke-hoach-125.pdf", plan_pdf), ("Quyết định 46.docx", decision_docx),
                              ("camera-yen-phong.html", news_html)):
            response = upload(client, name, content)
            assert response.status_code == 201, response.text
        yield client


def test_each_format_is_stored_with_its_title_and_metadata(uploaded):
    plan = uploaded.get("/v1/documents/ke-hoach-125").json()
    assert plan["title"] == "Kế hoạch Triển khai mô hình chuyển đổi số cấp xã năm 2024"
    assert {key: plan["metadata"][key] for key in ("doc_code", "issued_date", "doc_type", "issuer", "signer")} == {
        "doc_code": "125/KH-UBND", "issued_date": "2024-03-14", "doc_type": "Kế hoạch",
        "issuer": "Ủy ban nhân dân huyện Bảo Thắng", "signer": "Nguyễn Văn An"}
    decision = uploaded.get("/v1/documents/quyet-dinh-46").json()  # the id made from the file's name
    assert decision["metadata"]["doc_code"] == "46/QĐ-STTTT" and decision["metadata"]["province"] == "Lào Cai"
    news = uploaded.get("/v1/documents/camera-yen-phong").json()
    assert news["title"] == NEWS_HEADLINE
    assert {key: news["metadata"][key] for key in ("title", "issued_date", "source")} == {
        "title": NEWS_HEADLINE, "issued_date": "2024-01-15", "source": "Cổng thông tin điện tử huyện Yên Phong"}
    assert "Đọc nhiều" not in news["text"] and "Trang chủ" not in news["text"]


def test_the_uploaders_title_and_metadata_win(client, decision_docx):
    response = upload(client, "qd.docx", decision_docx, id="qd-46", title="Danh mục dịch vụ công 2024",
                      metadata=json.dumps({"issuer": "Sở TT&TT Lào Cai", "issued_date": "2024-01-06"}))
    assert response.status_code == 201, response.text
    document = client.get("/v1/documents/qd-46").json()
    assert document["title"] == "Danh mục dịch vụ công 2024"
    assert document["metadata"]["issuer"] == "Sở TT&TT Lào Cai" and document["metadata"]["issued_date"] == "2024-01-06"
    assert document["metadata"]["doc_code"] == "46/QĐ-STTTT"


@pytest.mark.parametrize("metadata, detail", [
    ("[1, 2]", "invalid request: 'metadata' must be a JSON object"),
    ("{not json", "invalid request: 'metadata' must be a JSON object"),
    ('{"issued_date": "14/3/2024"}', "invalid document: 'metadata.issued_date' must be a date as YYYY-MM-DD"),
])
def test_bad_uploader_metadata_is_a_422(client, decision_docx, metadata, detail):
    response = upload(client, "qd.docx", decision_docx, metadata=metadata)
    assert response.status_code == 422 and response.json() == {"detail": detail}


def encrypted_pdf() -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, encrypt=pdfencrypt.StandardEncryption("mat-khau", "chu-so-huu"))
    page.drawString(100, 700, "Bao cao")
    page.save()
    return out.getvalue()


def docx_bomb(decision_docx: bytes) -> bytes:
    """A real DOCX plus 60 MB of zeros, which deflate to about 60 KB."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(decision_docx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            bomb.writestr(item, source.read(item))
        bomb.writestr("word/media/zeros.bin", bytes(60_000_000))
    return out.getvalue()


BAD_FILES = {
    "damaged PDF": (lambda files: ("bc.pdf", files["pdf"][:4000]), 422,
                    "invalid document: the PDF is damaged and cannot be read"),
    "encrypted PDF": (lambda files: ("bc.pdf", encrypted_pdf()), 422,
                      "invalid document: the PDF is encrypted: upload it without a password"),
    "DOCX not a zip": (lambda files: ("qd.docx", "Quyết định số 46".encode()), 422,
                       "invalid document: the file is named .docx but holds plain text"),
    "DOCX bomb": (lambda files: ("qd.docx", docx_bomb(files["docx"])), 413,
                  "invalid document: the DOCX unpacks to more than 50,000,000 bytes"),
    "page without article": (lambda files: ("tin.html", menu_page()), 422,
                             "invalid document: the page has no article text"),
    "PDF named .docx": (lambda files: ("kh.docx", files["pdf"]), 422,
                        "invalid document: the file is named .docx but holds a PDF"),
    "empty file": (lambda files: ("trong.txt", b""), 422, "invalid document: the file is empty"),
    "PDF without text": (lambda files: ("trang.pdf", blank_pdf()), 422,
                         "invalid document: the document has no text"),
    "unsupported type": (lambda files: ("kh.odt", b"PK\x03\x04"), 422,
                         "invalid document: unsupported file type: upload a PDF, DOCX, HTML, TXT or MD file"),
}


def corpus_state(folder) -> dict:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_get_a_short_4xx_and_nothing_is_written(client, service_folder, plan_pdf, decision_docx, case):
    build, status, detail = BAD_FILES[case]
    before, counts = corpus_state(service_folder / "corpus"), client.get("/healthz").json()["index"]["counts"]
    response = upload(client, *build({"pdf": plan_pdf, "docx": decision_docx}))
    assert response.status_code == status
    assert response.json() == {"detail": detail}
    assert corpus_state(service_folder / "corpus") == before  # no temporary file left behind either
    assert client.get("/healthz").json()["index"]["counts"] == counts


def test_a_scan_without_ocr_installed_is_a_422_that_says_what_to_install(client, scanned_notice_pdf, monkeypatch):
    monkeypatch.setattr("index.formats.ocr.vietnamese_ocr_available", lambda command="tesseract": False)
    response = upload(client, "thong-bao.pdf", scanned_notice_pdf)
    assert response.status_code == 422
    assert response.json() == {"detail": "invalid document: the PDF has scanned pages and OCR is not installed: "
                                         "install tesseract-ocr and tesseract-ocr-vie (make does)"}


@pytest.mark.slow
@pytest.mark.ocr
def test_a_scanned_pdf_is_uploaded_through_ocr(client, scanned_notice_pdf, vietnamese_ocr):
    response = upload(client, "thong-bao-27.pdf", scanned_notice_pdf)
    assert response.status_code == 201, response.text
    document = client.get("/v1/documents/thong-bao-27").json()
    assert document["title"] == "Thông báo Lịch tiếp công dân tháng 12 năm 2023"
    assert document["metadata"]["doc_code"] == "27/TB-UBND" and document["metadata"]["ocr_pages"] == 1


def search_ids(client, **params) -> set[str]:
    response = client.get("/v1/search", params={"q": "chuyển đổi số dịch vụ công camera", "k": 20, **params})
    assert response.status_code == 200, response.text
    return {passage["doc_id"] for passage in response.json()["passages"]}


def test_metadata_and_issue_dates_filter_search(uploaded):
    assert search_ids(uploaded, filters=json.dumps({"doc_type": "Kế hoạch"})) == {"ke-hoach-125"}
    assert search_ids(uploaded, filters=json.dumps({"issuer": "Sở Thông tin và Truyền thông"})) == {"quyet-dinh-46"}
    # Undated documents (the small corpus) are left out of any date filter.
    assert search_ids(uploaded, issued_after="2024-01-10") == {"ke-hoach-125", "camera-yen-phong"}
    assert search_ids(uploaded, issued_before="2024-01-10") == {"quyet-dinh-46"}
    assert search_ids(uploaded, issued_after="2024-01-05", issued_before="2024-01-15") == {
        "quyet-dinh-46", "camera-yen-phong"}
    assert search_ids(uploaded, issued_after="2024-03-15") == set()


def test_metadata_and_issue_dates_filter_answers(uploaded):
    question = {"question": "Kinh phí thực hiện kế hoạch là bao nhiêu?", "filters": {"doc_type": "Kế hoạch"},
                "issued_after": "2024-03-01", "issued_before": "2024-03-31"}
    body = uploaded.post("/v1/ask", json=question).json()
    assert {passage["doc_id"] for passage in body["passages"]} == {"ke-hoach-125"}
    body = uploaded.post("/v1/ask", json={**question, "issued_after": "2024-04-01", "issued_before": None}).json()
    assert body["answer"] is None and body["passages"] == []


@pytest.mark.parametrize("params, detail", [
    ({"issued_after": "14/03/2024"}, "invalid issued_after: must be a date as YYYY-MM-DD"),
    ({"issued_before": "2024-02-30"}, "invalid issued_before: must be a date as YYYY-MM-DD"),
    ({"issued_after": "2024-03-01", "issued_before": "2024-01-01"},
     "invalid filters: issued_after is later than issued_before"),
    ({"filters": "{bad"}, "invalid filters: not valid JSON"),
    ({"filters": '{"doc_type": ["Kế hoạch"]}'}, "invalid filters: give a JSON object of strings, numbers or booleans"),
])
def test_bad_search_filters_are_a_422(uploaded, params, detail):
    response = uploaded.get("/v1/search", params={"q": "kế hoạch", **params})
    assert response.status_code == 422 and response.json() == {"detail": detail}


@pytest.mark.parametrize("fields, detail", [
    ({"issued_after": "2024/03/01"}, "invalid issued_after: Value error, must be a date as YYYY-MM-DD"),
    ({"issued_before": 20240301}, "invalid issued_before: Value error, must be a date as YYYY-MM-DD"),
    ({"issued_after": "2024-03-01", "issued_before": "2024-01-01"},
     "invalid filters: issued_after is later than issued_before"),
    ({"issued_after": "2024-03-01", "filters": {"issued_date": "2024-03-14"}},
     "invalid filters: filter on issued_date or give issued_after/issued_before, not both"),
])
def test_bad_ask_dates_are_a_422(uploaded, fields, detail):
    response = uploaded.post("/v1/ask", json={"question": "Kinh phí là bao nhiêu?", **fields})
    assert response.status_code == 422 and response.json() == {"detail": detail}


@pytest.mark.parametrize("question, doc_id, answer", [
    ("Kinh phí thực hiện Kế hoạch chuyển đổi số cấp xã của huyện Bảo Thắng là bao nhiêu?", "ke-hoach-125",
     "2,5 tỷ đồng"),
    ("Sở Thông tin và Truyền thông tỉnh Lào Cai phê duyệt danh mục gồm bao nhiêu dịch vụ công trực tuyến toàn trình?",
     "quyet-dinh-46", "312"),
    ("Năm 2023 huyện Yên Phong đã lắp đặt bao nhiêu camera giám sát an ninh trật tự?", "camera-yen-phong", "68"),
], ids=["pdf", "docx", "html"])
def test_questions_are_answered_from_each_format_with_a_citation_that_checks(uploaded, question, doc_id, answer):
    body = uploaded.post("/v1/ask", json={"question": question}).json()
    assert body["answer"] is not None and answer in body["answer"], body
    citation = body["citations"][0]
    assert citation["doc_id"] == doc_id
    text = uploaded.get(f"/v1/documents/{doc_id}").json()["text"]
    assert text[citation["start"]:citation["end"]] == citation["quote"]
    assert text[body["answer_start"]:body["answer_end"]] == body["answer"]
    assert body["answer"] in citation["quote"]
