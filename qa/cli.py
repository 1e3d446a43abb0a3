"""The `qa` command: build and inspect the index, search, serve."""

import argparse
import json
import os
import sys
from pathlib import Path

from qa.readers.neural.commands import add_reader_commands
from qa.settings import BUNDLED_MODEL_DIR, Settings


def stale_reasons(settings: Settings, corpus_dir: Path, index_dir: Path) -> list[str]:
    """Why the index at index_dir does not reflect corpus_dir and the settings."""
    from index.corpus import corpus_hash, read_corpus
    from index.store import IndexNotReady, manifest_problems, read_manifest, vector_store_of
    from index.vietnamese.tokens import TOKENIZER_SETTINGS

    try:
        manifest = read_manifest(index_dir)
    except IndexNotReady as error:
        return [str(error)]
    reasons = manifest_problems(manifest, settings.embed_model)
    if vector_store_of(manifest) != settings.vector_store:
        reasons.append(f"the index is in the {vector_store_of(manifest)} store, QA_VECTOR_STORE asks for "
                       f"{settings.vector_store}")
    if manifest.get("corpus_hash") != corpus_hash(read_corpus(corpus_dir)):
        reasons.append(f"{corpus_dir} changed since the index was built")
    if manifest.get("tokenizer") != TOKENIZER_SETTINGS:
        reasons.append("the lexical tokenizer changed")
    return reasons


def ensure_model(settings: Settings) -> None:
    """Prepare the bundled model if the settings point at it (a no-op when ready)."""
    if Path(settings.embed_model) == BUNDLED_MODEL_DIR:
        from index.bundled_model import ensure_bundled_model
        from index.onnx_encoder import export_query_encoder

        export_query_encoder(ensure_bundled_model(BUNDLED_MODEL_DIR))


def current_index(index_dir: Path, qdrant=None):
    """The index being replaced, if it loads: its vectors spare re-embedding unchanged texts."""
    from index.store import IndexNotReady, load_index

    try:
        return load_index(index_dir, qdrant=qdrant)
    except (IndexNotReady, OSError, ValueError, KeyError, RuntimeError):
        return None


def command_build(args, settings: Settings) -> int:
    from index.write_lock import index_write_lock

    corpus_dir, index_dir = args.corpus or settings.corpus_dir, args.out or settings.index_dir
    # One writer at a time: a server's workers may be changing this corpus and publishing builds.
    with index_write_lock(index_dir):
        return build_locked(args, settings, corpus_dir, index_dir)


def build_locked(args, settings: Settings, corpus_dir: Path, index_dir: Path) -> int:
    from index.build import build_index
    from index.embedder import SentenceEmbedder

    if args.if_stale:
        reasons = stale_reasons(settings, corpus_dir, index_dir)
        if not reasons:
            print(f"index at {index_dir} is up to date")
            return 0
        print("rebuilding: " + "; ".join(reasons))
    ensure_model(settings)
    embedder = SentenceEmbedder(settings.embed_model, batch_size=settings.embed_batch_size)
    qdrant = settings.qdrant_target()
    try:
        manifest = build_index(corpus_dir, index_dir, embedder, show_progress=True,
                               previous=current_index(index_dir, qdrant), qdrant=qdrant)
    finally:
        if qdrant is not None:
            qdrant.close()  # local mode admits one client per folder: `qa serve` opens its own next
    counts = manifest["counts"]
    print(f"built {index_dir}: {counts['documents']} documents, {counts['passages']} passages, "
          f"{manifest['dense_index']['type']} dense index, {manifest['build_seconds']} s")
    return 0


def command_status(args, settings: Settings) -> int:
    reasons = stale_reasons(settings, settings.corpus_dir, settings.index_dir)
    print("up to date" if not reasons else "stale: " + "; ".join(reasons))
    return 0 if not reasons else 1


def loaded_service(settings: Settings):
    """The service the settings describe, its index loaded."""
    from qa.service import QAService

    service = QAService(**settings.service_arguments())
    service.load()
    return service


def command_search(args, settings: Settings) -> int:
    retriever = loaded_service(settings).require_retriever()
    for rank, hit in enumerate(retriever.search(args.question, k=args.k, mode=args.mode), start=1):
        passage = hit.passage
        print(f"{rank}. [{hit.score:.3f}] {passage.id} [{passage.start}:{passage.end}]")
        print(f"   {passage.text}\n")
    return 0


def command_ask(args, settings: Settings) -> int:
    result = loaded_service(settings).require_answerer().ask(args.question, top_k=args.k)
    if result.answer is None:
        print(f"Không tìm thấy câu trả lời trong tài liệu (confidence {result.confidence:.2f}).")
    else:
        print(f"{result.answer}\n  type {result.answer_type}, confidence {result.confidence:.2f}")
    for citation in result.citations:
        print(f"  [{citation.doc_id} {citation.start}:{citation.end}] {citation.title}")
        print(f"  \u201c{citation.quote}\u201d")
    if result.answer is None and result.passages:
        print("Closest passages:")
        for hit in result.passages[:3]:
            print(f"  - {hit.passage.id}: {hit.passage.text[:160]}")
    return 0


def command_serve(args, settings: Settings) -> int:
    import uvicorn

    from qa.api.app import create_app

    # A change written just before a crash may not be indexed yet: the writer catches up before
    # serving. A replica (QA_WRITER_URL set) leaves that to the writer and follows its builds.
    if not settings.writer_url and stale_reasons(settings, settings.corpus_dir, settings.index_dir):
        command_build(argparse.Namespace(corpus=None, out=None, if_stale=True), settings)
    if settings.workers > 1 and not settings.redis_url:
        print(f"qa: {settings.workers} workers without QA_REDIS_URL: each keeps its own rate limits and "
              "cached answers, and feedback reaches only the worker that answered", file=sys.stderr)
    # The app logs each request as JSON (qa.api.observability); uvicorn's access log would repeat it.
    options = {"host": args.host, "port": args.port, "log_level": settings.log_level.lower(), "access_log": False}
    if settings.workers == 1:
        uvicorn.run(create_app(settings), **options)
    else:  # each worker process builds its app from the same environment
        uvicorn.run("qa.api.app:create_app", factory=True, workers=settings.workers, **options)
    return 0


def command_eval(args, settings: Settings) -> int:
    """Answers (and their retrieval) on a gold set, in process or against a running server."""
    from eval.gold import load_gold
    from eval.report import one_line, table, write_report
    from eval.run import ask_in_process, ask_over_http, document_text_over_http, run_gold, summarise

    if args.squad:
        return squad_eval(args, settings)
    if args.followups:
        return followups_eval(args, settings)
    questions = load_gold(args.gold)
    if args.url:
        rows = run_gold(ask_over_http(args.url), questions, document_text_over_http(args.url))
        results, source = {"server": summarise(rows)}, args.url
    else:
        from qa.answering import QuestionAnswerer
        from qa.readers.factory import READERS, make_reader, neural_engine

        service = loaded_service(settings.model_copy(update={"reader": "rules"}))
        documents = service.index.documents
        readers = READERS[::-1] if args.compare else (args.reader or settings.reader,)
        modes = ("bm25", "dense", "hybrid") if args.compare_modes else (args.mode,)
        engine = neural_engine("neural" if set(readers) - {"rules"} else "rules", settings.reader_dir)
        results = {}
        for kind in readers:
            reader = make_reader(kind, service.index.passages, engine, settings.min_confidence,
                                 settings.reading_budget())
            answerer = QuestionAnswerer(service.require_retriever(), reader, min_confidence=settings.min_confidence)
            answerer.warm_up()
            for mode in modes:
                service.retriever.forget_questions()  # each run's latency counts embedding the question
                rows = run_gold(ask_in_process(answerer, mode=mode), questions,
                                lambda doc_id: documents[doc_id].text if doc_id in documents else None)
                results[kind if len(modes) == 1 else f"{kind}/{mode}"] = summarise(rows)
        source = f"in process, index {settings.index_dir}"
    folder = write_report(results, rows, source)
    print(table(results))
    print(one_line(next(reversed(results.values()))))
    print(f"report: {folder}/report.md")
    return 0


def followups_eval(args, settings: Settings) -> int:
    """The follow-up conversations: every turn asked with the turns before it as its history."""
    from eval.followups import load_conversations, misses, run_conversations, summarise_conversations
    from eval.run import document_text_over_http, http_json
    from qa.followups import Turn, resolve_question

    conversations = load_conversations(args.followups)
    if args.url:
        base = args.url.rstrip("/")
        ask = lambda question, history: http_json(f"{base}/v1/ask", {"question": question,  # noqa: E731
                                                                   "history": history})
        document_text = document_text_over_http(args.url)
    else:
        service = loaded_service(settings.model_copy(update={"reader": args.reader or settings.reader}))
        answerer, documents = service.require_answerer(), service.index.documents

        def ask(question, history):
            resolved = resolve_question(question, [Turn(**turn) for turn in history])
            return {**answerer.ask(resolved).to_json(), "resolved_question": resolved}

        document_text = lambda doc_id: documents[doc_id].text if doc_id in documents else None  # noqa: E731
    rows = run_conversations(ask, conversations, document_text)
    print("\n".join(misses(rows)))
    print(json.dumps(summarise_conversations(rows), indent=2))
    return 0


def squad_eval(args, settings: Settings) -> int:
    """A SQuAD-style file: open corpus (its contexts indexed apart, in a temporary folder), or,
    with --paragraph, the neural reader given each question's own paragraph."""
    from eval.squad import markdown_table, run_squad
    from index.embedder import SentenceEmbedder
    from qa.readers.factory import READERS, make_reader, neural_engine

    if args.paragraph:
        from eval.paragraph import evaluate_paragraphs, load_rows

        summary, _ = evaluate_paragraphs(neural_engine("neural", settings.reader_dir), load_rows(args.squad, args.limit))
        print("\n".join(f"{key}: {value}" for key, value in summary.items()))
        return 0
    ensure_model(settings)
    embedder = SentenceEmbedder(settings.embed_model)
    kinds = READERS[::-1] if args.compare else (args.reader or settings.reader,)
    engine = neural_engine("neural" if set(kinds) - {"rules"} else "rules", settings.reader_dir)
    for kind in kinds:
        factory = lambda passages, kind=kind: make_reader(kind, passages, engine, settings.min_confidence,  # noqa: E731
                                                          settings.reading_budget())
        summary, report = run_squad(args.squad, embedder, limit=args.limit, dense_weight=settings.dense_weight,
                                    min_confidence=0.0 if args.answer_all else settings.min_confidence,
                                    reader_factory=factory)
        print(f"reader: {kind}" + (", answering every question" if args.answer_all else ""))
        print(markdown_table(summary))
        print(f"{summary['seconds']} s; report: {report}")
    return 0


def command_feedback_export(args, settings: Settings) -> int:
    """Feedback as candidate gold rows (eval/gold.jsonl's format) on stdout, for a person to review."""
    from qa.feedback.export import candidate_gold_rows
    from qa.feedback.store import FeedbackStore

    database = args.db or settings.feedback_db
    if not database.is_file():
        print(f"qa: no feedback yet: {database} does not exist", file=sys.stderr)
        return 1
    for row in candidate_gold_rows(FeedbackStore(database).rows(args.verdict, args.since)):
        print(json.dumps(row, ensure_ascii=False))
    return 0


def command_model(args, settings: Settings) -> int:
    from index.bundled_model import ensure_bundled_model
    from index.onnx_encoder import export_query_encoder

    model_dir = ensure_bundled_model(BUNDLED_MODEL_DIR)
    encoder = export_query_encoder(model_dir)
    print(f"{model_dir} (question encoder: {encoder or 'PyTorch'})")
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="qa", description="Vietnamese question answering over a local corpus")
    commands = root.add_subparsers(dest="command", required=True)

    index = commands.add_parser("index", help="build or check the index").add_subparsers(dest="action", required=True)
    build = index.add_parser("build", help="build the index from a corpus folder")
    build.add_argument("--corpus", type=Path, help="corpus folder (default: QA_CORPUS_DIR)")
    build.add_argument("--out", type=Path, help="index path (default: QA_INDEX_DIR)")
    build.add_argument("--if-stale", action="store_true", help="build only when missing or out of date")
    build.set_defaults(handler=command_build)
    index.add_parser("status", help="say whether the index is up to date").set_defaults(handler=command_status)

    search = commands.add_parser("search", help="print the passages retrieved for a question")
    search.add_argument("question")
    search.add_argument("-k", type=int, default=5)
    search.add_argument("--mode", choices=("hybrid", "bm25", "dense"), default="hybrid")
    search.set_defaults(handler=command_search)

    ask = commands.add_parser("ask", help="answer a question with citations")
    ask.add_argument("question")
    ask.add_argument("-k", type=int, default=5, help="passages to retrieve")
    ask.set_defaults(handler=command_ask)

    serve = commands.add_parser("serve", help="serve the HTTP API")
    serve.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    serve.set_defaults(handler=command_serve)

    evaluate = commands.add_parser("eval", help="score answers and retrieval on a gold set")
    evaluate.add_argument("--gold", type=Path, default=Path("eval/gold.jsonl"))
    evaluate.add_argument("--url", help="evaluate a running server (http://HOST:PORT) instead of in process")
    evaluate.add_argument("--mode", choices=("hybrid", "bm25", "dense"), default="hybrid")
    evaluate.add_argument("--reader", choices=("hybrid", "neural", "rules"), help="default: QA_READER")
    evaluate.add_argument("--compare", action="store_true", help="run the rules, neural and hybrid readers side by side")
    evaluate.add_argument("--compare-modes", action="store_true",
                          help="run bm25, dense and hybrid retrieval side by side")
    evaluate.add_argument("--paragraph", action="store_true",
                          help="with --squad: the neural reader given each question's paragraph (no retrieval)")
    evaluate.add_argument("--squad", type=Path, help="evaluate on a SQuAD-style JSON Lines file instead, open corpus")
    evaluate.add_argument("--limit", type=int, help="with --squad: ask only the first N questions")
    evaluate.add_argument("--answer-all", action="store_true",
                          help="with --squad: never abstain, as published readers are scored on sets with no "
                               "unanswerable question (the reader still weighs its own opinions as it does)")
    evaluate.add_argument("--followups", type=Path, help="score the follow-up conversations of a file "
                                                         "(eval/followups.jsonl) instead")
    evaluate.set_defaults(handler=command_eval)

    feedback = commands.add_parser("feedback", help="feedback on answers").add_subparsers(dest="action", required=True)
    export = feedback.add_parser("export", help="print feedback as candidate gold rows (JSON Lines)")
    export.add_argument("--verdict", choices=("helpful", "wrong"), help="only this verdict")
    export.add_argument("--since", help="only feedback given since this ISO 8601 time")
    export.add_argument("--db", type=Path, help="feedback database (default: QA_FEEDBACK_DB)")
    export.set_defaults(handler=command_feedback_export)

    commands.add_parser("model", help="prepare the bundled embedding model").set_defaults(handler=command_model)
    add_reader_commands(commands)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    settings = Settings()
    try:
        return args.handler(args, settings)
    except Exception as error:  # noqa: BLE001 - the CLI's edge: a message, not a traceback
        from index.corpus import CorpusError
        from index.store import IndexNotReady

        if isinstance(error, (CorpusError, IndexNotReady, RuntimeError, ValueError)):
            print(f"qa: {error}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
