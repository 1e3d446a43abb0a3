"""The document: the unit a user adds, cites and reads back."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """A document's clean text is the one every citation offset refers to."""

    id: str
    title: str
    text: str
    metadata: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "text": self.text, "metadata": self.metadata}
