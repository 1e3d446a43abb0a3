"""Plain text and Markdown files: UTF-8, the first line a title unless the text has a better one."""

from index.formats.base import ExtractedText, UnreadableFile


def read_text(content: bytes, markdown: bool) -> ExtractedText:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableFile("the file is not UTF-8 text") from None
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    title = first.lstrip("#").strip() if markdown else first
    return ExtractedText(text, title=title, first_line_is_title=True)
