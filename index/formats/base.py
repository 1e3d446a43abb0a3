"""What every format reader returns, and the errors a person uploading a file can act on."""

from dataclasses import dataclass, field

from index.documents import CorpusError

MAX_UNPACKED_BYTES = 50_000_000  # a .docx is a zip: refuse one that would unpack into a memory bomb


class UnreadableFile(CorpusError):
    """The file cannot be read as the document it claims to be; the message says why."""


class FileTooLarge(UnreadableFile):
    """The file unpacks or renders past a limit set to protect the service."""


@dataclass(frozen=True)
class ExtractedText:
    """A file's text as a reader found it, before cleaning.

    `title` is what the file itself calls its title (a page's headline), if anything;
    `metadata` what the file says about itself (a page's site and date, a PDF's page count).
    A plain text file's first line is its title only when nothing better turns up
    (`first_line_is_title`): an administrative header may start the file instead.
    """

    text: str
    title: str | None = None
    metadata: dict = field(default_factory=dict)
    first_line_is_title: bool = False
