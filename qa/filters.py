"""Which documents an answer may come from: equality on metadata, and a range of issue dates.

A filter value is either a value the document's metadata must hold (a list-valued field
holds it when one of its items is it) or an `IssuedBetween`, a range of `issued_date`s.
A document without an issue date is outside every range: a date filter asks for dated
documents.
"""

import datetime
from dataclasses import dataclass

from index.vietnamese.text import to_nfc

ISSUED_DATE = "issued_date"


@dataclass(frozen=True)
class IssuedBetween:
    """Issue dates from `after` to `before`, both included; either end may be open."""

    after: datetime.date | None = None
    before: datetime.date | None = None

    def holds(self, value: object) -> bool:
        try:
            issued = datetime.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            issued = None
        if issued is None:
            return False
        return (self.after is None or issued >= self.after) and (self.before is None or issued <= self.before)


def matches_filters(metadata: dict, filters: dict) -> bool:
    for key, wanted in filters.items():
        value = metadata.get(key)
        if isinstance(wanted, IssuedBetween):
            if not wanted.holds(value):
                return False
        elif value != wanted and not (isinstance(value, list) and wanted in value):
            return False
    return True


def document_filters(equal: dict | None, issued_after: datetime.date | None = None,
                     issued_before: datetime.date | None = None) -> dict | None:
    """The filters of a request: its equality filters (text in NFC, as documents are) and its dates."""
    filters = {key: to_nfc(value) if isinstance(value, str) else value for key, value in (equal or {}).items()}
    if issued_after or issued_before:
        if issued_after and issued_before and issued_after > issued_before:
            raise ValueError("issued_after is later than issued_before")
        if ISSUED_DATE in filters:
            raise ValueError("filter on issued_date or give issued_after/issued_before, not both")
        filters[ISSUED_DATE] = IssuedBetween(issued_after, issued_before)
    return filters or None


def parse_iso_date(value: str) -> datetime.date:
    """'2024-03-14' only: ISO's other forms (weeks, ordinal days) are not what a person means."""
    if not isinstance(value, str) or len(value) != 10:
        raise ValueError("must be a date as YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError("must be a date as YYYY-MM-DD") from None
