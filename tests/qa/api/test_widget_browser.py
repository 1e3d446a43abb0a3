"""The chat widget in a real browser: Debian's Chromium driven by Playwright, against the
real service on the bundled corpus and model. `make test` installs Chromium first."""

import os
import shutil
import threading
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.conftest import free_port, serve_in_thread

pytestmark = [pytest.mark.slow, pytest.mark.browser]

SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"
# Headless on a machine with a closed network: no sandbox (root in CI), no background calls.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]
ANSWER_WAIT_MS = 30_000
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


def chromium_path() -> str:
    found = os.environ.get("QA_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("Chromium not found: `make browser` installs Debian's chromium package")
    return found


def portal_html(api: str, attributes: dict) -> str:
    """A host page with hostile CSS that embeds the widget with one tag."""
    extra = "".join(f' data-{escape(name)}="{escape(value)}"' for name, value in attributes.items())
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin</title>'
            f'<style>* {{ color: lime !important; font-size: 40px !important; }}</style></head>'
            f'<body><h1>Cổng thông tin</h1><script src="{api}/widget.js" data-api="{api}"{extra} async>'
            f'</script></body></html>')


def start_portal(api: str) -> tuple[str, ThreadingHTTPServer]:
    """A portal on its own origin; ?timeout=… becomes the tag's data-timeout. It runs on loopback
    like the API: Chromium refuses a public page's calls to a local address."""
    class Portal(BaseHTTPRequestHandler):
        def do_GET(self):
            body = portal_html(api, dict(parse_qsl(urlsplit(self.path).query))).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://localhost:{httpd.server_address[1]}", httpd


@pytest.fixture(scope="module")
def api_base() -> str:
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture(scope="module")
def portals(api_base):
    """(allowed, stranger): two portal origins; the API's allowlist names only the first."""
    (allowed, allowed_httpd), (stranger, stranger_httpd) = start_portal(api_base), start_portal(api_base)
    yield allowed, stranger
    allowed_httpd.shutdown()
    stranger_httpd.shutdown()


ADMIN_TOKEN = "widget-test-token"


@pytest.fixture(scope="module")
def server(real_index, bundled_model_dir, api_base, portals, tmp_path_factory):
    """The real app on a local port, in a thread."""
    from qa.api.app import create_app
    from qa.settings import Settings

    index, embedder = real_index
    settings = Settings(index_dir=index.path, embed_model=str(bundled_model_dir),
                        allowed_origins=[api_base, portals[0]], admin_token=ADMIN_TOKEN,
                        feedback_db=tmp_path_factory.mktemp("feedback") / "feedback.sqlite3")
    stop = serve_in_thread(create_app(settings, embedder=embedder),
                           int(api_base.rsplit(":", 1)[1]))
    yield api_base
    stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    opened = context.new_page()
    errors = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def open_widget(page):
    page.get_by_role("button", name="Mở trợ lý hỏi đáp").click()
    question_box = page.get_by_role("textbox", name="Câu hỏi của bạn")
    question_box.wait_for()
    return question_box


def ask(page, question: str):
    """Type a question, press Enter, and return the reply that appears for it."""
    replies = page.locator(".log > .message.bot:not(.welcome):not(.thinking), .log > .message.error")
    before = replies.count()
    question_box = page.get_by_role("textbox", name="Câu hỏi của bạn")
    question_box.fill(question)
    question_box.press("Enter")
    reply = replies.nth(before)
    reply.wait_for(timeout=ANSWER_WAIT_MS)
    return reply


def test_demo_page_answers_with_a_citation_that_opens_highlighted(server, page):
    page.goto(server + "/")
    assert "Cổng thông tin" in page.title()
    open_widget(page)
    reply = ask(page, "Quảng Ninh xếp thứ mấy về chỉ số DTI năm 2022?")

    assert "3" in reply.locator(".answer").inner_text()
    assert "Độ tin cậy" in reply.locator(".confidence").inner_text()
    card = reply.locator(".card").first
    highlighted = card.locator("mark").inner_text()
    assert highlighted in card.locator(".quote").inner_text()
    assert highlighted == reply.locator(".answer").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "widget-desktop.png")

    with page.context.expect_page() as opened:
        card.locator("a", has_text="Xem trong văn bản gốc").click()
    document = opened.value
    document.wait_for_load_state()
    assert "/documents/" in document.url and "start=" in document.url
    quote = document.locator("mark#trich-dan")
    assert highlighted in quote.inner_text()
    assert quote.inner_text() == card.locator(".quote").inner_text()
    assert quote.is_visible()
    box = quote.bounding_box()
    assert box and 0 <= box["y"] < DESKTOP["height"], "the quote is scrolled into view"
    document.screenshot(path=SCREENSHOTS / "document-view.png")


def test_unaccented_question_is_answered(server, page):
    page.goto(server + "/")
    open_widget(page)
    reply = ask(page, "ty le phu song 4G cua Quang Ninh la bao nhieu")
    assert "99,8%" in reply.locator(".answer").inner_text()


def test_unanswerable_question_abstains_politely_and_offers_passages(server, page):
    page.goto(server + "/")
    open_widget(page)
    reply = ask(page, "Giá vàng hôm nay bao nhiêu?")
    assert "chưa tìm thấy câu trả lời" in reply.inner_text()
    assert reply.locator(".answer").count() == 0
    assert reply.locator(".card").count() >= 1, "the closest passages are offered"


def test_phone_width_panel_fits_the_screen(server, browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="vi-VN")
    page = context.new_page()
    page.goto(server + "/")
    open_widget(page)
    reply = ask(page, "Bắc Ninh đặt mục tiêu kinh tế số chiếm bao nhiêu phần trăm GRDP vào năm 2030?")
    assert reply.locator(".answer").count() == 1
    panel = page.locator("#vqa-panel").bounding_box()
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= PHONE["width"]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"], "nothing overflows sideways"
    page.screenshot(path=SCREENSHOTS / "widget-phone.png")
    context.close()


def test_keyboard_enter_sends_escape_closes_and_focus_returns(server, page):
    page.goto(server + "/")
    launcher = page.get_by_role("button", name="Mở trợ lý hỏi đáp")
    assert launcher.get_attribute("aria-expanded") == "false"
    launcher.focus()
    page.keyboard.press("Enter")
    question_box = page.get_by_role("textbox", name="Câu hỏi của bạn")
    question_box.wait_for()
    assert question_box.evaluate("el => el.getRootNode().activeElement === el"), "the question box has focus"
    page.keyboard.type("TTHC là gì?")
    page.keyboard.press("Escape")
    assert page.locator("#vqa-panel").is_hidden()
    assert launcher.evaluate("el => el.getRootNode().activeElement === el"), "focus returns to the button"
    assert page.get_by_role("dialog").count() == 0


def test_conversation_survives_navigation_within_the_session(server, page):
    page.goto(server + "/")
    open_widget(page)
    ask(page, "ty le phu song 4G cua Quang Ninh la bao nhieu")
    page.get_by_role("link", name="Chuyển đổi số").first.click()
    page.goto(server + "/?trang=2")
    assert page.locator("#vqa-panel").is_visible(), "the panel stays open"
    assert "99,8%" in page.locator(".log").inner_text()


def test_widget_on_another_origin_is_isolated_and_calls_the_api(server, portals, page):
    page.goto(portals[0] + "/")
    question_box = open_widget(page)
    reply = ask(page, "Quảng Ninh xếp thứ mấy về chỉ số DTI năm 2022?")
    assert reply.locator(".answer").count() == 1
    # The host page's `* { color: lime; font-size: 40px }` does not reach into the panel.
    style = question_box.evaluate("el => [getComputedStyle(el).color, getComputedStyle(el).fontSize]")
    assert style[0] != "rgb(0, 255, 0)" and style[1] != "40px"


def test_origin_outside_the_allowlist_is_refused_and_told_so(server, portals, page):
    page.goto(portals[1] + "/")
    open_widget(page)
    reply = ask(page, "Quảng Ninh xếp thứ mấy về chỉ số DTI năm 2022?")
    assert "Không kết nối được máy chủ" in reply.inner_text()


def test_slow_api_gets_a_timeout_message(server, portals, page):
    stalled = []
    page.route(f"{server}/v1/ask", lambda route: stalled.append(route))  # never answered
    page.goto(portals[0] + "/?timeout=1500")
    open_widget(page)
    reply = ask(page, "Quảng Ninh xếp thứ mấy về chỉ số DTI năm 2022?")
    assert "phản hồi quá lâu" in reply.inner_text()


def test_unreachable_api_gets_a_clear_message(server, page):
    page.route(f"{server}/v1/ask", lambda route: route.abort("connectionrefused"))
    page.goto(server + "/")
    open_widget(page)
    reply = ask(page, "Quảng Ninh xếp thứ mấy về chỉ số DTI năm 2022?")
    assert "Không kết nối được máy chủ" in reply.inner_text()


def test_document_text_is_shown_as_text_never_as_markup(server, page):
    page.route(f"{server}/v1/ask", lambda route: route.fulfill(status=200, content_type="application/json", json={
        "answer": "<img src=x onerror=alert(1)>", "confidence": 0.9, "answer_type": "text",
        "citations": [{"doc_id": "x", "title": "<b>tiêu đề</b>", "passage_id": "x#0", "start": 0, "end": 40,
                       "quote": "<script>window.hacked = 1</script><img src=x onerror=alert(1)>"}],
        "passages": [], "answer_start": 34, "answer_end": 62}))
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server + "/")
    open_widget(page)
    reply = ask(page, "câu hỏi bất kỳ")
    assert reply.locator(".answer").inner_text() == "<img src=x onerror=alert(1)>"
    assert reply.locator("img, script, b").count() == 0
    assert "<b>tiêu đề</b>" in reply.locator(".card-title").inner_text()
    assert not dialogs and not page.evaluate("window.hacked")


def test_a_three_turn_conversation_answers_the_follow_ups_for_the_right_province(server, page):
    page.goto(server + "/")
    open_widget(page)
    first = ask(page, "Quảng Ninh xếp thứ mấy về DTI năm 2022?")
    assert "3" in first.locator(".answer").inner_text()
    assert first.locator(".resolved").count() == 0, "a question that stands alone is shown as it is"

    second = ask(page, "còn Bắc Ninh thì sao?")
    assert second.locator(".resolved").inner_text() == "Đã hiểu câu hỏi là: Bắc Ninh xếp thứ mấy về DTI năm 2022?"
    assert "7" in second.locator(".answer").inner_text()
    assert "Bắc Ninh" in second.locator(".card .quote").first.inner_text()

    third = ask(page, "năm 2021 thì sao?")
    assert third.locator(".resolved").inner_text() == "Đã hiểu câu hỏi là: Bắc Ninh xếp thứ mấy về DTI năm 2021?"
    assert "4" in third.locator(".answer").inner_text()
    # The follow-up as typed, then the question as understood, in view for the screenshot.
    page.locator(".log > .message.user").last.evaluate(
        "el => { el.parentElement.scrollTop = el.offsetTop - el.parentElement.offsetTop - 8; }")
    page.screenshot(path=SCREENSHOTS / "widget-conversation.png")

    page.goto(server + "/?trang=2")  # the history lives in the session: a follow-up still resolves
    fourth = ask(page, "còn Quảng Ninh thì sao?")
    assert "Quảng Ninh xếp thứ mấy về DTI năm 2021" in fourth.locator(".resolved").inner_text()


def admin_feedback(server) -> list[dict]:
    import json
    import urllib.request

    call = urllib.request.Request(f"{server}/v1/feedback", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    with urllib.request.urlopen(call, timeout=30) as response:
        return json.loads(response.read())["feedback"]


def test_feedback_is_sent_from_under_an_answer(server, page):
    page.goto(server + "/")
    open_widget(page)
    reply = ask(page, "Tỷ lệ phủ sóng 4G của Quảng Ninh là bao nhiêu?")
    reply.get_by_role("button", name="Chưa đúng").click()
    correction = reply.get_by_role("textbox", name="Câu trả lời đúng hoặc góp ý của bạn (không bắt buộc)")
    assert correction.evaluate("el => el.getRootNode().activeElement === el"), "the field takes the focus"
    correction.fill("Theo bài báo là 99,8%, đúng rồi nhưng thiếu nguồn thứ hai")
    reply.get_by_role("button", name="Gửi góp ý").scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "widget-feedback.png")
    reply.get_by_role("button", name="Gửi góp ý").click()
    reply.get_by_text("Cảm ơn bạn đã góp ý!").wait_for(timeout=ANSWER_WAIT_MS)
    rows = admin_feedback(server)
    row = next(r for r in rows if r["correction"] == "Theo bài báo là 99,8%, đúng rồi nhưng thiếu nguồn thứ hai")
    assert row["verdict"] == "wrong" and row["question"] == "Tỷ lệ phủ sóng 4G của Quảng Ninh là bao nhiêu?"
    assert row["answer"] == reply.locator(".answer").inner_text()

    other = ask(page, "Quảng Ninh xếp thứ mấy về DTI năm 2022?")
    other.get_by_role("button", name="Hữu ích").click()
    other.get_by_text("Cảm ơn bạn đã góp ý!").wait_for(timeout=ANSWER_WAIT_MS)
    page.reload()  # what was sent is remembered with the conversation
    assert page.locator(".feedback-note").count() == 2
    assert page.get_by_role("button", name="Hữu ích").count() == 0
    assert {"helpful", "wrong"} <= {r["verdict"] for r in admin_feedback(server)}


def test_an_older_server_without_history_still_answers(server, page):
    """A server that refuses `history` (422) is asked again without it; one that ignores it
    returns no resolved_question or request_id, and the widget simply shows the answer."""
    import json

    bodies = []

    def older_server(route):
        body = json.loads(route.request.post_data or "{}")
        bodies.append(body)
        if "history" in body:
            route.fulfill(status=422, content_type="application/json", json={"detail": "invalid request"})
        else:
            route.fulfill(status=200, content_type="application/json", json={
                "answer": "thứ 7", "confidence": 0.9, "answer_type": "number", "citations": [], "passages": [],
                "answer_start": None, "answer_end": None})

    page.route(f"{server}/v1/ask", older_server)
    page.goto(server + "/")
    open_widget(page)
    ask(page, "Bắc Ninh xếp thứ mấy về DTI năm 2022?")
    reply = ask(page, "còn Quảng Ninh thì sao?")
    assert reply.locator(".answer").inner_text() == "thứ 7"
    assert reply.locator(".resolved").count() == 0 and reply.locator(".feedback").count() == 0
    assert [("history" in body) for body in bodies] == [False, True, False]
