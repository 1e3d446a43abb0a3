import json

import pytest

from index.corpus import CorpusError, corpus_hash, read_corpus


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_jsonl_txt_and_md_and_skips_subfolders(tmp_path):
    write(tmp_path / "a.jsonl", json.dumps({"id": "qn-1", "title": "Hạ tầng số",
                                             "text": "Quảng Ninh có 100% dân số được phủ sóng 4G.",
                                             "metadata": {"province": "Quảng Ninh"}}, ensure_ascii=False) + "\n")
    write(tmp_path / "b.txt", "Bắc Ninh\n\nTỉnh Bắc Ninh đứng thứ 6/63 về DTI.\n")
    write(tmp_path / "c.md", "# Xã hội số\n\nGần 200 hội nghị đã được tổ chức.\n")
    write(tmp_path / "README.md", "# Corpus\n\nHow to add documents.")
    (tmp_path / "raw").mkdir()
    write(tmp_path / "raw" / "ignored.txt", "Không đọc\nnội dung thô")
    documents = read_corpus(tmp_path)
    assert [d.id for d in documents] == ["qn-1", "b", "c"]
    assert documents[0].metadata == {"province": "Quảng Ninh"}
    assert (documents[1].title, documents[1].text) == ("Bắc Ninh", "Tỉnh Bắc Ninh đứng thứ 6/63 về DTI.")
    assert documents[2].title == "Xã hội số"


def test_text_is_nfc_with_clean_whitespace(tmp_path):
    write(tmp_path / "a.jsonl", json.dumps({"id": "x", "title": "t", "text": "Hoa\u0300  đạt\u00a099,8%"}) + "\n")
    assert read_corpus(tmp_path)[0].text == "Hoà đạt 99,8%"


@pytest.mark.parametrize("line, message", [
    ('{"id": "", "text": "x"}', "'id' must be a non-empty string"),
    ('{"id": "a", "text": "  "}', "'text' must be a non-empty string"),
    ('{"id": "a", "text": "x", "metadata": 3}', "'metadata' must be an object"),
    ('not json', "not valid JSON"),
    ('[1, 2]', "each line must be a JSON object"),
])
def test_bad_jsonl_lines_name_file_and_line(tmp_path, line, message):
    write(tmp_path / "bad.jsonl", '{"id": "ok", "text": "x"}\n' + line + "\n")
    with pytest.raises(CorpusError, match=r"bad\.jsonl:2: " + message.replace("(", r"\(")):
        read_corpus(tmp_path)


def test_duplicate_ids_and_empty_folder_are_errors(tmp_path):
    with pytest.raises(CorpusError, match=r"no documents \(\.jsonl, \.pdf, \.docx, \.html, \.htm, \.txt, \.md\)"):
        read_corpus(tmp_path)
    write(tmp_path / "a.jsonl", '{"id": "same", "text": "x"}\n{"id": "same", "text": "y"}\n')
    with pytest.raises(CorpusError, match="duplicate document id 'same'"):
        read_corpus(tmp_path)
    with pytest.raises(CorpusError, match="corpus directory not found"):
        read_corpus(tmp_path / "missing")


def test_corpus_hash_changes_with_content(tmp_path):
    write(tmp_path / "a.txt", "Tiêu đề\nNội dung một.")
    first = corpus_hash(read_corpus(tmp_path))
    write(tmp_path / "a.txt", "Tiêu đề\nNội dung hai.")
    assert corpus_hash(read_corpus(tmp_path)) != first
