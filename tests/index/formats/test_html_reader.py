"""Web pages: the article alone, with its headline, date and site; furniture gone."""

import pytest

from eval.sample_documents import NEWS_HEADLINE, NEWS_PARAGRAPHS, PAGE_FURNITURE, menu_page, news_page
from index.formats import UnreadableFile
from index.formats.html_reader import read_html


@pytest.mark.parametrize("semantic", [True, False], ids=["article-element", "div-layout"])
def test_only_the_article_is_kept(semantic):
    page = read_html(news_page(semantic=semantic))
    assert page.text == "\n\n".join(NEWS_PARAGRAPHS)
    for furniture in PAGE_FURNITURE + ("Minh Anh", "Đang online", "Facebook", "Văn bản chỉ đạo"):
        assert furniture not in page.text


def test_the_page_gives_its_headline_date_and_site():
    page = read_html(news_page())
    assert page.title == NEWS_HEADLINE
    assert page.metadata == {"title": NEWS_HEADLINE, "issued_date": "2024-01-15",
                             "source": "Cổng thông tin điện tử huyện Yên Phong"}


def test_without_page_metadata_the_date_printed_on_the_page_is_used():
    page = read_html(news_page(semantic=False, page_metadata=False))
    assert page.metadata == {"title": NEWS_HEADLINE, "issued_date": "2024-01-15"}


@pytest.mark.parametrize("content", [menu_page(), "<html><body><p>Ngắn.</p></body></html>".encode(),
                                     b"<html><body></body></html>", b"<html><body><div><<<</div>"])
def test_a_page_without_article_text_is_refused(content):
    with pytest.raises(UnreadableFile, match="^the page has no article text$"):
        read_html(content)
