"""Web pages: the article alone, found by trafilatura's main-content extraction.

Portal pages wrap an article in menus, tickers, "Đọc nhiều" and "Tin liên quan" lists and
footers. trafilatura scores the page's blocks (text and link density, position, markup)
rather than following tag rules written for one site, and reads the page's own
metadata: headline, publication date, site name.
"""

import datetime

import trafilatura

from index.formats.base import ExtractedText, UnreadableFile

MIN_ARTICLE_LETTERS = 40  # less than a sentence: the page is a menu, a list of links or a stub
NO_ARTICLE = "the page has no article text"


def iso_date(value: str | None) -> str | None:
    try:
        return datetime.date.fromisoformat(value).isoformat() if value else None
    except ValueError:
        return None


def read_html(content: bytes) -> ExtractedText:
    try:
        found = trafilatura.bare_extraction(content, with_metadata=True, include_comments=False,
                                            include_tables=True, include_images=False, include_links=False,
                                            favor_precision=True, deduplicate=False)
    except Exception:  # malformed markup can fail anywhere in lxml or trafilatura
        raise UnreadableFile(NO_ARTICLE) from None
    text = (found.text or "") if found else ""
    if sum(character.isalpha() for character in text) < MIN_ARTICLE_LETTERS:
        raise UnreadableFile(NO_ARTICLE)
    title = (found.title or "").strip() or None
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if title and lines and lines[0] == title and len(lines) > 1:
        lines = lines[1:]  # the headline is the title, not the first paragraph
    metadata = {"title": title, "issued_date": iso_date(found.date), "source": found.sitename or found.hostname}
    return ExtractedText("\n\n".join(lines), title=title,
                         metadata={key: value for key, value in metadata.items() if value})
