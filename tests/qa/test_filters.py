"""Filters on document metadata: equality, list membership and ranges of issue dates."""

import datetime

import pytest

from qa.filters import IssuedBetween, document_filters, matches_filters, parse_iso_date

MARCH_14 = {"doc_type": "Kế hoạch", "issued_date": "2024-03-14", "provinces": ["Lào Cai"]}


def test_a_range_includes_both_ends_and_either_may_be_open():
    assert IssuedBetween(datetime.date(2024, 3, 14), datetime.date(2024, 3, 14)).holds("2024-03-14")
    assert IssuedBetween(after=datetime.date(2024, 1, 1)).holds("2024-03-14")
    assert not IssuedBetween(before=datetime.date(2023, 12, 31)).holds("2024-03-14")
    assert not IssuedBetween(after=datetime.date(2024, 3, 15)).holds("2024-03-14")


@pytest.mark.parametrize("value", [None, "", "14/3/2024", 20240314, "2024-02-30"])
def test_documents_without_a_usable_issue_date_are_outside_every_range(value):
    assert not IssuedBetween(after=datetime.date(2000, 1, 1)).holds(value)


def test_equality_and_dates_combine():
    filters = document_filters({"doc_type": "Kế hoạch", "provinces": "Lào Cai"},
                               datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    assert matches_filters(MARCH_14, filters)
    assert not matches_filters({**MARCH_14, "issued_date": "2023-12-31"}, filters)
    assert not matches_filters({**MARCH_14, "doc_type": "Quyết định"}, filters)
    assert not matches_filters({"doc_type": "Kế hoạch", "provinces": ["Lào Cai"]}, filters)  # undated


def test_filter_text_is_compared_in_nfc():
    decomposed = "Ke\u0302\u0301 hoa\u0323ch"  # "Kế hoạch" typed with combining marks
    assert matches_filters(MARCH_14, document_filters({"doc_type": decomposed}))


def test_no_filters_is_none_and_inconsistent_ones_are_refused():
    assert document_filters(None) is None and document_filters({}) is None
    with pytest.raises(ValueError, match="issued_after is later than issued_before"):
        document_filters(None, datetime.date(2024, 2, 1), datetime.date(2024, 1, 1))
    with pytest.raises(ValueError, match="not both"):
        document_filters({"issued_date": "2024-03-14"}, datetime.date(2024, 1, 1))


@pytest.mark.parametrize("text", ["14/03/2024", "2024-3-14", "2024-W11", "20240314", "2024-02-30"])
def test_only_plain_iso_dates_parse(text):
    with pytest.raises(ValueError, match="must be a date as YYYY-MM-DD"):
        parse_iso_date(text)
    assert parse_iso_date("2024-03-14") == datetime.date(2024, 3, 14)
