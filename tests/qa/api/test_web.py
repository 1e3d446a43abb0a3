"""The pages and files browsers load: demo portal, widget, document view."""

import pytest

from qa.settings import Settings
from qa.api.routes.web import highlighted_document_html


@pytest.fixture
def client(fake_client):
    return fake_client


def test_demo_page_embeds_the_widget_with_one_script_tag(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.text.count("<script") == 1 and 'src="/widget.js"' in response.text
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_widget_script_and_styles_are_served(client):
    script = client.get("/widget.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert "attachShadow" in script.text and ".innerHTML =" not in script.text
    for name in ("widget.css", "document.css", "document.js", "portal.css"):
        assert client.get(f"/static/{name}").status_code == 200
    assert client.get("/static/../settings.py").status_code == 404
    assert client.get("/static/demo.html").status_code == 404


def test_document_page_highlights_the_cited_range(client):
    text = client.get("/v1/documents/qn").json()["text"]
    start = text.index("99,8%")
    response = client.get("/documents/qn", params={"start": start, "end": start + 5})
    assert response.status_code == 200
    assert '<mark id="trich-dan" tabindex="-1">99,8%</mark>' in response.text
    assert "Hạ tầng số Quảng Ninh" in response.text


def test_document_page_without_a_range_shows_the_whole_text(client):
    response = client.get("/documents/qn")
    assert response.status_code == 200 and "<mark" not in response.text


OUTSIDE = "invalid start/end: need 0 <= start < end <= 98"  # the "qn" document is 98 characters long


@pytest.mark.parametrize("params, detail", [
    ({"start": 5}, "invalid start/end: give both or neither"),
    ({"start": 10, "end": 5}, OUTSIDE),
    ({"start": -1, "end": 5}, OUTSIDE),
    ({"start": 0, "end": 10_000}, OUTSIDE),
    ({"start": "a", "end": 5}, "invalid start: Input should be a valid integer, unable to parse string as an integer"),
])
def test_document_page_refuses_a_bad_range(client, params, detail):
    response = client.get("/documents/qn", params=params)
    assert response.status_code == 422
    assert response.json() == {"detail": detail}


def test_document_page_404_for_an_unknown_document(client):
    response = client.get("/documents/khong-co")
    assert response.status_code == 404 and response.json() == {"detail": "document not found"}


def test_document_text_is_escaped_never_markup():
    html = highlighted_document_html("<b>tiêu đề</b>", "a <script>alert(1)</script> b & c", {"source": "<i>x</i>"},
                                     2, 27)
    assert "<script>alert" not in html and "<b>tiêu" not in html and "<i>x" not in html
    assert '<mark id="trich-dan" tabindex="-1">&lt;script&gt;alert(1)&lt;/script&gt;</mark>' in html
    assert "b &amp; c" in html


@pytest.mark.parametrize("written, origins", [
    ("https://a.gov.vn, https://b.gov.vn/", ["https://a.gov.vn", "https://b.gov.vn"]),
    ('["https://a.gov.vn"]', ["https://a.gov.vn"]),
])
def test_allowed_origins_read_as_a_list_or_comma_separated(monkeypatch, written, origins):
    monkeypatch.setenv("QA_ALLOWED_ORIGINS", written)
    assert Settings().allowed_origins == origins
