"""What a file holds, told from its first bytes rather than its name, and whether that is
what its extension promises: a PDF renamed .docx is refused before any parser sees it."""

from index.formats.base import UnreadableFile

# The format each accepted extension promises.
FORMAT_OF_SUFFIX = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".txt": "text", ".md": "text"}
DESCRIPTIONS = {
    "pdf": "a PDF", "zip": "a zip archive (such as a DOCX)", "ole": "an old Word/Office file (.doc, .xls)",
    "html": "an HTML page", "text": "plain text", "image": "an image", "binary": "binary data",
}
IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
SNIFFED_BYTES = 1024  # the PDF header may sit anywhere in the first 1,024 bytes


def sniff_format(content: bytes) -> str:
    """'pdf', 'zip', 'ole', 'image', 'html', 'text' or 'binary', from the content alone."""
    head = content[:SNIFFED_BYTES]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(ZIP_SIGNATURES):
        return "zip"
    if head.startswith(OLE_SIGNATURE):
        return "ole"
    if head.startswith(IMAGE_SIGNATURES):
        return "image"
    if b"\x00" in head:
        return "binary"
    start = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n").lower()
    if start.startswith(("<!doctype html", "<html")):
        return "html"
    return "text"


def looks_like_markup(content: bytes) -> bool:
    """An HTML fragment without <html>: some saved pages start at <body> or <article>."""
    head = content[:SNIFFED_BYTES * 4].decode("utf-8", errors="ignore").lower()
    return any(tag in head for tag in ("<body", "<article", "<div", "<p>", "<p ", "<head", "<meta"))


def checked_format(suffix: str, content: bytes) -> str:
    """The format to read the file as: the one its extension names, once the content agrees."""
    suffix = suffix.lower()
    if suffix == ".doc":
        raise UnreadableFile("old Word .doc files are not read: save it as .docx or PDF")
    expected = FORMAT_OF_SUFFIX.get(suffix)
    if expected is None:
        raise UnreadableFile("unsupported file type: upload a PDF, DOCX, HTML, TXT or MD file")
    found = sniff_format(content)
    agrees = (found == expected
              or (expected == "docx" and found == "zip")
              or (expected == "html" and found == "text" and looks_like_markup(content)))
    if not agrees:
        raise UnreadableFile(f"the file is named {suffix} but holds {DESCRIPTIONS[found]}")
    return expected
