"""A PNG of an evaluation run (rows as eval.run scores them): accuracy by kind and by style,
and the latency histogram."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no display on servers or in tests
import matplotlib.pyplot as plt  # noqa: E402


def accuracy_by(rows: list[dict], key: str) -> dict[str, float]:
    groups: dict[str, list[bool]] = {}
    for row in rows:
        groups.setdefault(str(row[key]), []).append(bool(row["correct"]))
    return {value: sum(flags) / len(flags) for value, flags in sorted(groups.items())}


def write_chart(rows: list[dict], path: Path) -> Path:
    """Accuracy bars (kinds, then styles; for unanswerable rows "correct" means abstained)
    beside a histogram of latencies."""
    kinds, styles = accuracy_by(rows, "kind"), accuracy_by(rows, "style")
    figure, (bars, histogram) = plt.subplots(1, 2, figsize=(12, 4.5))
    labels = [f"kind: {k}" for k in kinds] + [f"style: {s}" for s in styles]
    colours = ["tab:blue"] * len(kinds) + ["tab:orange"] * len(styles)
    bars.barh(labels, [*kinds.values(), *styles.values()], color=colours)
    bars.invert_yaxis()
    bars.set_xlim(0, 1)
    bars.set_xlabel("accuracy")
    bars.set_title(f"Accuracy by kind and style ({len(rows)} questions)")
    histogram.hist([row["latency_ms"] for row in rows], bins=30, color="tab:gray")
    histogram.set_xlabel("latency (ms)")
    histogram.set_ylabel("questions")
    histogram.set_title("Latency")
    figure.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="png", dpi=100)
    plt.close(figure)
    return path
