"""Turn the raw seed captures into corpus documents: `python -m index.seed_import RAW_DIR OUT_FILE`.

The raw files stay in corpus/raw/ so that the clean text can always be checked
against, and regenerated from, what was captured.
"""

import argparse
import hashlib
import json
from pathlib import Path

from index.cleaning import clean_capture
from index.documents import Document
from index.vietnamese.provinces import main_provinces

# What a page names only in its images or its site chrome, noted by hand.
SOURCE_OVERRIDES = {"004_1f3292effb28319e": {"source": "TTXVN"}}


def seed_document(path: Path) -> Document:
    raw = path.read_text(encoding="utf-8")
    title, text, found = clean_capture(raw)
    metadata = {
        **found,
        **SOURCE_OVERRIDES.get(path.stem, {}),
        "provinces": main_provinces(title + "\n" + text),
        "raw_file": f"raw/{path.name}",
        "raw_sha256": hashlib.sha256(raw.encode("utf-8")).hexdigest(),
    }
    if "provinces" in metadata and metadata["provinces"]:
        metadata["province"] = metadata["provinces"][0]
    return Document(id=path.stem, title=title, text=text, metadata=metadata)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("raw_dir", type=Path)
    parser.add_argument("out_file", type=Path)
    args = parser.parse_args()
    documents = [seed_document(path) for path in sorted(args.raw_dir.glob("*.txt"))]
    lines = (json.dumps(document.to_json(), ensure_ascii=False) for document in documents)
    args.out_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(documents)} documents to {args.out_file}")


if __name__ == "__main__":
    main()
