"""eval.chart writes a PNG."""

from eval.chart import accuracy_by, write_chart

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ROWS = [
    {"kind": "figure", "style": "accented", "correct": True, "answerable": True, "latency_ms": 31.0},
    {"kind": "figure", "style": "unaccented", "correct": False, "answerable": True, "latency_ms": 40.5},
    {"kind": "date", "style": "abbrev", "correct": True, "answerable": True, "latency_ms": 28.2},
    {"kind": "unanswerable", "style": "colloquial", "correct": True, "answerable": False, "latency_ms": 35.9},
]


def test_accuracy_by_groups_rows():
    assert accuracy_by(ROWS, "kind") == {"date": 1.0, "figure": 0.5, "unanswerable": 1.0}


def test_write_chart_writes_a_png(tmp_path):
    path = write_chart(ROWS, tmp_path / "charts" / "run.png")
    data = path.read_bytes()
    assert path == tmp_path / "charts" / "run.png"
    assert len(data) > 1000
    assert data.startswith(PNG_SIGNATURE)
