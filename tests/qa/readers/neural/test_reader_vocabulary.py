from qa.readers.neural.vocabulary import alphabet, kept_ids, pruned_tokenizer_json

TOKENIZER = {
    "model": {"type": "Unigram", "unk_id": 3, "vocab": [["<s>", 0], ["<pad>", 0], ["</s>", 0], ["<unk>", 0],
                                                          ["▁xin", -1], ["▁chào", -2], ["▁", -3], ["ạ", -4],
                                                          ["漢", -5], ["<mask>", 0]]},
    "added_tokens": [{"id": 0, "content": "<s>"}, {"id": 9, "content": "<mask>"}],
    "post_processor": {"special_tokens": {"</s>": {"id": "</s>", "ids": [2], "tokens": ["</s>"]}}},
}


def test_the_alphabet_holds_every_toned_vowel_in_both_cases():
    letters = alphabet()
    assert {"ạ", "Ặ", "ữ", "Ỹ", "đ", "Đ", "7", "%"} <= letters and "漢" not in letters


def test_pruning_keeps_specials_first_used_pieces_and_the_alphabet():
    kept = kept_ids({5}, TOKENIZER)
    assert kept == [0, 1, 2, 3, 5, 6, 7, 9]  # "▁xin" unused and "漢" outside the alphabet go
    pruned = pruned_tokenizer_json(TOKENIZER, kept)
    assert [piece for piece, _ in pruned["model"]["vocab"]] == ["<s>", "<pad>", "</s>", "<unk>", "▁chào", "▁",
                                                                 "ạ", "<mask>"]
    assert pruned["model"]["unk_id"] == 3 and pruned["added_tokens"][1]["id"] == 7
    assert pruned["post_processor"]["special_tokens"]["</s>"]["ids"] == [2]
    assert TOKENIZER["model"]["vocab"][4] == ["▁xin", -1]  # the original is left as it was
