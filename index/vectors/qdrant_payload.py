"""What a passage point carries besides its vectors, and a request's document filters as a Qdrant
filter on it. Pure functions; only `qdrant_client.models` is imported.

    {"passage_id", "doc_id", "text", "metadata": {... the document's ...},
     "issued_day": 20240314 or absent, "terms": {"words": [...], "folded": [...]}}

`terms` are the passage's distinct tokens per lexical view: counting the points holding a term
gives its document frequency exactly, as the embedded index's BM25 arrays do, and stays right
after any update. `issued_day` is `metadata.issued_date` as an integer, read as the answer
pipeline reads it, so a date range is an integer range on an indexed field.
"""

import datetime
import re

from qdrant_client import models

ISSUED_DATE = "issued_date"
# Payload fields given an index: the filters people use (README "Filters") and the lookups the
# store makes. Other metadata keys still filter, by a scan of the matching points.
KEYWORD_FIELDS = ("doc_id", "metadata.province", "metadata.provinces", "metadata.doc_type",
                  "metadata.doc_code", "metadata.issuer", "metadata.signer", "metadata.source",
                  "terms.words", "terms.folded")
INTEGER_FIELDS = ("issued_day",)
# A metadata key usable in a payload path; others fall back to filtering by point ids.
PLAIN_KEY = re.compile(r"[A-Za-z0-9_]+")


def issued_day(metadata: dict) -> int | None:
    value = metadata.get(ISSUED_DATE)
    try:
        day = datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return day.year * 10_000 + day.month * 100 + day.day if day else None


def passage_payload(passage, metadata: dict, terms: dict[str, list[str]]) -> dict:
    payload = {"passage_id": passage.id, "doc_id": passage.doc_id, "text": passage.text, "metadata": metadata,
               "terms": {view: sorted(set(tokens)) for view, tokens in terms.items()}}
    if (day := issued_day(metadata)) is not None:
        payload["issued_day"] = day
    return payload


def day_number(day: datetime.date | None) -> int | None:
    return None if day is None else day.year * 10_000 + day.month * 100 + day.day


def payload_filter(filters: dict) -> models.Filter | None:
    """The filters as `qa.filters.matches_filters` applies them (equality, a list holding the
    value, a range of issue dates with `after`/`before`), or None when one cannot be said on the
    payload (an odd key, a value that is not a string, integer or boolean)."""
    conditions = []
    for key, wanted in filters.items():
        if hasattr(wanted, "after") and hasattr(wanted, "before"):
            conditions.append(models.FieldCondition(key="issued_day", range=models.Range(
                gte=day_number(wanted.after), lte=day_number(wanted.before))))
        elif PLAIN_KEY.fullmatch(key) and isinstance(wanted, (str, int, bool)):
            conditions.append(models.FieldCondition(key=f"metadata.{key}", match=models.MatchValue(value=wanted)))
        else:
            return None
    return models.Filter(must=conditions)


def rows_filter(point_ids: list[str]) -> models.Filter:
    return models.Filter(must=[models.HasIdCondition(has_id=point_ids)])
