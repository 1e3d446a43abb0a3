"""Pruning the reader's vocabulary to the tokens Vietnamese and English text needs.

The backbone's XLM-R vocabulary has 250,002 pieces for a hundred languages; its embedding matrix
is two thirds of the model. Kept: every piece the training data and the corpus use, and every
single character of the Vietnamese and English alphabets, digits and common punctuation (with and
without the word-start mark), so any Vietnamese or English text still segments, into smaller
pieces at worst, instead of falling back to <unk>. The Unigram segmenter simply chooses among the
pieces that are left.
"""

import copy
import string
import unicodedata
from collections.abc import Iterable

WORD_START = "\u2581"
SPECIAL_IDS = (0, 1, 2, 3)  # <s> <pad> </s> <unk>: kept first, so their ids do not change
VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền, sắc, hỏi, ngã, nặng
PUNCTUATION = string.punctuation + "“”‘’–—…«»°±×÷§€£¥₫%‰·•"


def alphabet() -> set[str]:
    """Every Vietnamese letter in both cases with every tone, the English letters, digits, punctuation."""
    letters = {unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES}
    letters |= set(string.ascii_lowercase) | {"đ"}
    letters |= {c.upper() for c in letters}
    return letters | set(string.digits) | set(PUNCTUATION)


def used_token_ids(tokenizer, texts: Iterable[str], batch: int = 2000) -> set[int]:
    used: set[int] = set()
    chunk: list[str] = []
    for text in texts:
        chunk.append(text)
        if len(chunk) == batch:
            used.update(i for ids in tokenizer(chunk, add_special_tokens=False)["input_ids"] for i in ids)
            chunk = []
    if chunk:
        used.update(i for ids in tokenizer(chunk, add_special_tokens=False)["input_ids"] for i in ids)
    return used


def alphabet_token_ids(vocab: list[list]) -> set[int]:
    index = {piece: number for number, (piece, _) in enumerate(vocab)}
    pieces = {WORD_START} | {p for c in alphabet() for p in (c, WORD_START + c)}
    return {index[p] for p in pieces if p in index}


def kept_ids(used: set[int], tokenizer_json: dict) -> list[int]:
    """The ids to keep, special tokens first, then in the original order (frequent pieces first)."""
    vocab = tokenizer_json["model"]["vocab"]
    added = {token["id"] for token in tokenizer_json.get("added_tokens", [])}
    wanted = used | alphabet_token_ids(vocab) | added
    rest = sorted(i for i in wanted if i not in SPECIAL_IDS)
    return list(SPECIAL_IDS) + rest


def pruned_tokenizer_json(tokenizer_json: dict, kept: list[int]) -> dict:
    """The tokenizer with only the kept pieces, ids renumbered in kept order."""
    pruned = copy.deepcopy(tokenizer_json)
    vocab = tokenizer_json["model"]["vocab"]
    new_id = {old: new for new, old in enumerate(kept)}
    pruned["model"]["vocab"] = [vocab[old] for old in kept]
    pruned["model"]["unk_id"] = new_id[tokenizer_json["model"]["unk_id"]]
    for token in pruned.get("added_tokens", []):
        token["id"] = new_id[token["id"]]
    for special in (pruned.get("post_processor") or {}).get("special_tokens", {}).values():
        special["ids"] = [new_id[i] for i in special["ids"]]
    return pruned


def unknown_share(tokenizer, texts: list[str]) -> float:
    """Share of tokens that fall back to <unk>."""
    ids = [i for row in tokenizer(texts, add_special_tokens=False)["input_ids"] for i in row]
    return sum(1 for i in ids if i == tokenizer.unk_token_id) / max(1, len(ids))
