"""The lexicon is plain data of general Vietnamese: well-formed, without repeats."""

import pytest

from index.vietnamese import lexicon
from index.vietnamese.text import normalize_for_matching, to_nfc

TABLES = {name: value for name, value in vars(lexicon).items() if name.isupper()}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_each_table_is_nfc_text_without_repeats_or_stray_spaces(name):
    table = TABLES[name]
    assert table and all(isinstance(word, str) for word in table)
    assert all(word == to_nfc(word) == " ".join(word.split()) for word in table)
    assert len({normalize_for_matching(word) for word in table}) == len(table)


def test_words_a_name_is_made_of_are_capitalised_and_category_words_are_not():
    assert all(surname[0].isupper() for surname in lexicon.SURNAMES)
    assert all(acronym.isupper() for acronym in lexicon.COMMON_ACRONYMS)
    for table in (lexicon.PLACE_WORDS, lexicon.ORGANIZATION_HEADS, lexicon.NAME_HEADS, lexicon.TITLES,
                  lexicon.HONORIFICS, lexicon.STOP_WORDS):
        assert all(word == word.lower() for word in table)
