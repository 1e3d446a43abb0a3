"""Build time, latency, throughput and memory: `make bench` or `python -m eval.bench`.

1. Build time: a synthetic corpus of --build-passages passages (the seeds plus
   `eval.synthetic` recombinations) indexed with the real model, every passage and
   sentence embedded; the model's load is not counted.
2. Latency, one client: the real server (`qa serve`, current settings, the served index)
   is asked every gold question once (new questions), then again (repeated: what the
   service caches). The first pass's time per stage (retrieve, read: the reader, extract)
   comes from the server's request log.
3. Throughput: --clients concurrent clients for --seconds each, first with new questions
   (gold questions with a tag never used before, so no cache can answer them), then with
   the gold questions as they are (all repeats by then, so a cache answers them).
4. Memory: the server's peak resident set (VmHWM) after loading and after all runs.
5. With --scale N: an index of N passages under --work, its vectors composed from the real
   model's vectors of the seed sentences (`eval.composed_embedder`), so its build time is
   not a real-model build time; then 2-4 again on it, one load level, new questions.
6. Ingestion: the time to read a PDF (text layer, and scanned when Tesseract is installed),
   a DOCX and a web page into a document, per page (`eval.ingestion`); --ingestion-only
   runs just this part (under a minute).
7. Deployment: new-question throughput and latency at the first --clients level with 1 and 2
   workers (QA_WORKERS) and the memory of each (`eval.bench_workers`); the embedded store and
   Qdrant's local mode side by side, build time per 1,000 passages from vectors already
   embedded and one question's search, on the seed corpus and with --scale at N passages
   (`eval.bench_backends`); --deployment-only runs just this part.

Figures go to eval/reports/bench-<time>.json and are printed as Markdown tables
(`--table REPORT` prints them again).
"""

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

from eval.bench_backends import SCALE_QUESTIONS, compare_backends
from eval.bench_table import markdown_tables
from eval.bench_workers import measure_workers
from eval.composed_embedder import ComposedEmbedder
from eval.gold import DEFAULT_GOLD, load_gold
from eval.ingestion import measure_ingestion
from eval.latency import latency_summary, speedup, stage_summaries
from eval.load import new_questions, repeated_questions, run_clients
from eval.run import http_json
from eval.server import process_memory_kib, running_server
from eval.synthetic import seed_sentences, sentence_template, synthetic_documents

REPORTS = Path(__file__).with_name("reports")
WORK = Path("var/bench")


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def timed_asks(base: str, questions: list[str]) -> list[float]:
    latencies = []
    for question in questions:
        started = time.perf_counter()
        http_json(f"{base}/v1/ask", {"question": question, "top_k": 5})
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.resolve().rglob("*") if path.is_file())


def index_facts(index_dir: Path) -> dict:
    manifest = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))
    return {"path": str(index_dir), **manifest["counts"], "dense_index": manifest["dense_index"],
            "bytes": folder_bytes(index_dir)}


def write_corpus(folder: Path, seed_documents: list, passages: int) -> None:
    """The seed documents plus synthetic ones: `passages` passages in all."""
    from index.build import write_jsonl
    from index.chunking import chunk_document

    seed_passages = sum(len(chunk_document(d.id, d.text)) for d in seed_documents)
    synthetic = synthetic_documents(seed_sentences(seed_documents), max(0, passages - seed_passages))
    folder.mkdir(parents=True, exist_ok=True)
    write_jsonl(folder / "seeds.jsonl", (d.to_json() for d in seed_documents))
    write_jsonl(folder / "synthetic.jsonl", (d.to_json() for d in synthetic))


def timed_build(corpus: Path, index_dir: Path, embedder, label: str, vectors: str) -> dict:
    from index.build import build_index

    embedder.warm_up()  # the model's load is paid once per process, not per passage
    started = time.perf_counter()
    manifest = build_index(corpus, index_dir, embedder, show_progress=False)
    seconds = time.perf_counter() - started
    passages = manifest["counts"]["passages"]
    return {"label": label, "vectors": vectors, "passages": passages, "sentences": manifest["counts"]["sentences"],
            "seconds": round(seconds, 1), "seconds_per_1000_passages": round(seconds / passages * 1000, 2),
            "index_bytes": folder_bytes(index_dir)}


def measure_serving(label: str, index_dir: Path, corpus_dir: Path, questions: list[str], clients: list[int],
                    mixes: tuple[str, ...], seconds: float, log: Path) -> dict:
    with running_server(log, index_dir, corpus_dir) as server:
        after_load = process_memory_kib(server.pid)
        say(f"{label}: server up, {len(questions)} questions x 2, one client")
        first = latency_summary(timed_asks(server.base_url, questions))
        # the first pass's stages, from the server's request log (repeats are answered from cache)
        stages = stage_summaries(log.read_text(encoding="utf-8").splitlines(), len(questions))
        repeated = latency_summary(timed_asks(server.base_url, questions))
        fresh = new_questions(questions)  # one tag counter for all levels: no tagged question repeats
        runs = []
        for count in clients:
            for mix in mixes:
                say(f"{label}: {count} clients, {mix} questions, {seconds:g} s")
                source = fresh if mix == "new" else repeated_questions(questions)
                runs.append({"mix": mix, **run_clients(server.base_url, source, count, seconds).summary()})
        after_runs = process_memory_kib(server.pid)
    return {"label": label, "index": index_facts(index_dir),
            "one_client": {"new_questions": first, "new_question_stages": stages, "repeated_questions": repeated,
                           "cache_speedup_p50": speedup(first["p50_ms"], repeated["p50_ms"])},
            "concurrent": runs, "memory_kib": {"after_load": after_load, "after_runs": after_runs}}


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--build-passages", type=int, default=2000,
                        help="passages of the corpus built with the real model (default 2000)")
    parser.add_argument("--scale", type=int, help="also build and serve an index of this many passages (e.g. 100000)")
    parser.add_argument("--clients", type=int, nargs="+", default=[8, 32], help="concurrent clients per level")
    parser.add_argument("--seconds", type=float, default=15.0, help="length of each load level (default 15)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 200 passages, 3 s levels")
    parser.add_argument("--work", type=Path, default=WORK, help="where benchmark corpora and indexes go")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark's corpora and indexes")
    parser.add_argument("--table", type=Path, metavar="REPORT", help="only print the tables of a past report")
    parser.add_argument("--ingestion-only", action="store_true", help="only time reading files into documents")
    parser.add_argument("--deployment-only", action="store_true",
                        help="only workers, memory per worker and the two vector stores (with --scale: at N too)")
    args = parser.parse_args(argv)
    if args.quick:
        args.build_passages, args.seconds = min(args.build_passages, 200), min(args.seconds, 3.0)
    if args.build_passages < 1 or (args.scale is not None and args.scale < 1):
        parser.error("--build-passages and --scale must be at least 1")
    return args


def measure_deployment(args: argparse.Namespace, corpus_dir: Path, index_dir: Path, model, questions: list[str],
                       dense_weight: float) -> dict:
    """Workers and their memory on the served index; both vector stores on the seed corpus."""
    say(f"workers: 1 and 2, {args.clients[0]} clients")
    workers = measure_workers(index_dir, corpus_dir, questions, args.clients[0], args.seconds, args.work, say=say)
    say("vector stores on the seed corpus: embedded and Qdrant local mode")
    model.warm_up()
    stores = compare_backends("seed corpus", corpus_dir, index_dir, args.work / "stores-seed", model, questions,
                              dense_weight)
    return {"workers": workers, "stores": {"seed": stores}}


def run(args: argparse.Namespace, corpus_dir: Path, index_dir: Path, embed_model: str, batch_size: int,
        dense_weight: float) -> dict:
    """The seed corpus and served index, and the model, are the service's (its settings, read in main)."""
    from index.corpus import read_corpus
    from index.embedder import SentenceEmbedder

    questions = [q.question for q in load_gold(args.gold)]
    seed_documents = read_corpus(corpus_dir)
    model = SentenceEmbedder(embed_model, batch_size=batch_size)
    if args.deployment_only:
        # The long part first: a busy machine is likelier to have calmed down for the servers.
        scaled = None
        if args.scale:
            scaled = scale_index(args, model, seed_documents, questions, dense_weight, serve=False)[2]
        deployment = measure_deployment(args, corpus_dir, index_dir, model, questions, dense_weight)
        if scaled:
            deployment["stores"]["scale"] = scaled
        return {"deployment": deployment}
    builds, serving = {}, {}

    real = args.work / f"real-{args.build_passages}"
    write_corpus(real / "corpus", seed_documents, args.build_passages)
    say(f"building {args.build_passages} passages with the real model (minutes)")
    builds["real"] = timed_build(real / "corpus", real / "index", model, "synthetic, real model",
                                 "real model, every passage and sentence")
    serving["seed"] = measure_serving("seed index", index_dir, corpus_dir, questions, args.clients,
                                      ("new", "repeated"), args.seconds, args.work / "serve-seed.log")
    if not args.keep:
        shutil.rmtree(real, ignore_errors=True)
    deployment = measure_deployment(args, corpus_dir, index_dir, model, questions, dense_weight)
    if args.scale:
        builds["composed"], serving["scale"], deployment["stores"]["scale"] = scale_index(
            args, model, seed_documents, questions, dense_weight)
    say("reading PDF, DOCX and HTML files into documents")
    return {"builds": builds, "serving": serving, "deployment": deployment,
            "ingestion": measure_ingestion(1 if args.quick else 3)}


def scale_index(args: argparse.Namespace, model, seed_documents: list, questions: list[str], dense_weight: float,
                serve: bool = True) -> tuple:
    """Build --scale passages, serve them (one load level, the first of --clients, new questions)
    unless not `serve`, and compare both vector stores on them: (build, serving, stores)."""
    scaled = args.work / f"scale-{args.scale}"
    write_corpus(scaled / "corpus", seed_documents, args.scale)
    composed = ComposedEmbedder(model, sentence_template)
    say(f"building {args.scale} passages with composed vectors (minutes)")
    build = timed_build(scaled / "corpus", scaled / "index", composed, "synthetic, composed vectors",
                        "composed from the real model's vectors of the seed sentences")
    build["sentences_embedded_by_model"] = composed.sentences_embedded
    serving = measure_serving("synthetic", scaled / "index", scaled / "corpus", questions, args.clients[:1],
                              ("new",), args.seconds, args.work / f"serve-{args.scale}.log") if serve else None
    say(f"vector stores at {args.scale} passages: embedded and Qdrant local mode")
    stores = compare_backends("synthetic", scaled / "corpus", scaled / "index", args.work / f"stores-{args.scale}",
                              composed, questions[:SCALE_QUESTIONS], dense_weight)
    if not args.keep:
        shutil.rmtree(scaled, ignore_errors=True)
    return build, serving, stores


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    if args.table:
        print(markdown_tables(json.loads(args.table.read_text(encoding="utf-8"))))
        return 0
    from qa.settings import Settings  # this program's edge: the served settings, as `qa serve` reads them

    settings = Settings()
    started, load_before = time.perf_counter(), os.getloadavg()
    if args.ingestion_only:
        figures = {"ingestion": measure_ingestion(1 if args.quick else 3)}
    else:
        figures = run(args, settings.corpus_dir, settings.index_dir, settings.embed_model, settings.embed_batch_size,
                      settings.dense_weight)
    result = {
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                    "load_average_before": [round(x, 2) for x in load_before],
                    "load_average_after": [round(x, 2) for x in os.getloadavg()]},
        "settings": {"build_passages": args.build_passages, "scale": args.scale, "clients": args.clients,
                     "seconds_per_level": args.seconds, "top_k": 5,
                     "mixes": {"new": "gold questions, each with a tag never used before: no cache can answer",
                               "repeated": "gold questions verbatim, all asked before: what a cache answers"},
                     "composed_build": "the composed index's build time is for composed vectors, "
                                       "not real-model embeddings of every passage"},
        **figures,
        "run_seconds": round(time.perf_counter() - started, 1),
    }
    REPORTS.mkdir(exist_ok=True)
    out = REPORTS / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(markdown_tables(result))
    print(f"\n{result['run_seconds']:.0f} s in all; figures in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
