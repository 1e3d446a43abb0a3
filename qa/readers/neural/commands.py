"""`qa reader train` and `qa reader export`: the command-line edge of the neural reader."""

import argparse
import logging
from pathlib import Path

from qa.readers.neural.bundle import BUNDLED_READER_DIR

# Weights are each file's share of rows per epoch, chosen for an epoch of about 13,000 windows of
# 160 tokens (about an hour on two AVX2 cores, within one working session): every Vietnamese
# human-written set, the long news contexts and the noisy or machine-translated no-answer sets at
# lower weight, a little English/TyDi. Each epoch draws its own rows (its own seed), so more epochs
# see more of the data. All but the regulations set are research-use only (see the data's README).
DEFAULT_MIX = [
    "viquad1.jsonl=0.2", "vinewsqa_part.jsonl=0.15", "viquad2_part.jsonl=0.3", "legal_alqac.jsonl=0.4",
    "uit_regulation_wiki.jsonl=0.2", "mailong25_person_qa.jsonl=0.1",
    "squad2_dev_impossible_vi_mt.jsonl=0.05", "squad2_en_part.jsonl=0.02", "tydiqa_goldp.jsonl=0.03",
]


def command_train(args, settings) -> int:
    from qa.readers.neural.training import TrainingPlan, train

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    plan = TrainingPlan(
        backbone=args.backbone, out_dir=args.out, mix=args.mix or DEFAULT_MIX, data_dir=args.data_dir,
        backup_dir=args.backup_dir, epochs=args.epochs, batch_size=args.batch_size,
        learning_rate=args.learning_rate, max_length=args.max_length, stride=args.stride,
        checkpoint_minutes=args.checkpoint_minutes, threads=args.threads, frozen_layers=args.frozen_layers,
        precision=args.precision, unaccented_rate=args.unaccented_share,
        validation_sources=args.validation_source, validation_size=args.validation_size)
    final = train(plan, resume=args.resume)
    print(f"trained reader: {final}")
    return 0


def command_export(args, settings) -> int:
    import json

    from index.corpus import read_corpus
    from qa.readers.neural.export import export_reader
    from qa.readers.neural.training_data import parse_mix, read_rows, validation_examples

    parts = parse_mix(args.mix or DEFAULT_MIX, args.data_dir)

    def texts():
        for part in parts:
            for row in read_rows(part.path):
                yield row["question"]
                yield row["context"]
        for document in read_corpus(args.corpus):
            yield document.title
            yield document.text

    check = [text for row in read_rows(args.unknown_check) for text in (row["question"], row["context"])] \
        if args.unknown_check else []
    validation = validation_examples(parts, set(args.validation_source), args.validation_size, seed=7)
    manifest = export_reader(args.backbone, args.weights, args.out, texts(), validation, check,
                             args.max_length, args.stride)
    print(json.dumps(manifest, indent=2, ensure_ascii=False))
    return 0


# For a machine that trains in minutes (an accelerator): every Vietnamese set whole, the noisy and
# machine-translated ones at half, a little more English/TyDi than on two cores.
PACK_MIX = [
    "viquad1.jsonl=1", "vinewsqa_part.jsonl=1", "viquad2_part.jsonl=1", "legal_alqac.jsonl=1",
    "uit_regulation_wiki.jsonl=1", "mailong25_person_qa.jsonl=0.5",
    "squad2_dev_impossible_vi_mt.jsonl=0.5", "squad2_en_part.jsonl=0.3", "tydiqa_goldp.jsonl=0.3",
]


def command_pack(args, settings) -> int:
    import json

    from qa.readers.neural.pack import build_pack
    from qa.readers.neural.training import TrainingPlan
    from qa.readers.neural.training_data import parse_mix

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    plan = TrainingPlan(backbone=args.backbone, out_dir=args.out, mix=args.mix or PACK_MIX, data_dir=args.data_dir,
                        max_length=args.max_length, stride=args.stride, unaccented_rate=args.unaccented_share,
                        validation_size=args.validation_size)
    config = build_pack(plan, parse_mix(plan.mix, plan.data_dir), args.weights, args.reader_dir, args.out,
                        args.epochs, training={"mix": plan.mix})
    print(json.dumps(config["windows"]))
    return 0


def command_unpack(args, settings) -> int:
    from qa.readers.neural.pack import checkpoint_from_shards

    merged = checkpoint_from_shards(args.shards, args.out)
    print(f"{merged} trained tensors written to {args.out}: export it with `qa reader export --weights {args.out}`")
    return 0


def domain_readings(settings, gold_files: list[Path]) -> tuple[list[float], list[bool]]:
    """(margin, right?) of the answer the neural reader gives each of the gold files' questions:
    its best span over the evidence retrieval hands it, read as the service reads it (the
    hybrid believes or doubts that one span); an unanswerable question's span is wrong."""
    from eval.gold import load_gold
    from eval.scoring import is_correct
    from qa.answering import QuestionAnswerer
    from qa.cli import loaded_service
    from qa.readers.factory import neural_engine
    from qa.readers.neural.calibration import margin
    from qa.readers.neural.reader import NeuralReader, trimmed

    service = loaded_service(settings.model_copy(update={"reader": "rules"}))
    reader = NeuralReader(neural_engine("neural", settings.reader_dir), settings.reading_budget(),
                          believed_at=settings.min_confidence)
    answerer = QuestionAnswerer(service.require_retriever())
    margins, right = [], []
    for path in gold_files:
        for gold in load_gold(path):
            question = answerer.retriever.analyse(gold.question)  # as the service reads it
            vector = answerer.retriever.query_vector(question)
            hits = answerer.readable(question, answerer.retriever.search(question, k=answerer.candidate_passages,
                                                                         vector=vector))
            read = [reading for _, reading in reader.readings(question, answerer.evidence(question, hits, vector))]
            if read:
                best = max(read, key=margin)
                margins.append(margin(best))
                right.append(gold.answerable and is_correct(trimmed(best.text, 0)[0], gold.answers))
    return margins, right


def command_calibrate(args, settings) -> int:
    import json

    from index.durable import fsync_path
    from qa.readers.neural.bundle import MANIFEST
    from qa.readers.neural.calibration import fit_calibration

    margins, right = domain_readings(settings, args.gold)
    fitted = fit_calibration(margins, right)
    path = settings.reader_dir / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["calibration"] = {"slope": fitted.slope, "bias": fitted.bias,
                               "fitted_on": [str(p) for p in args.gold], "questions": len(margins),
                               "right": sum(right)}
    partial = path.with_suffix(".json.partial")
    partial.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    fsync_path(partial)
    partial.replace(path)
    fsync_path(path.parent)
    print(json.dumps(manifest["calibration"], indent=2, ensure_ascii=False))
    return 0


def add_reader_commands(commands) -> None:
    reader = commands.add_parser("reader", help="train or export the neural reader")
    actions = reader.add_subparsers(dest="action", required=True)
    train = actions.add_parser("train", help="fine-tune the bundled encoder as an extractive reader",
                               formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    train.add_argument("--data-dir", type=Path, required=True, help="folder of the training JSON Lines files")
    train.add_argument("--mix", nargs="+", metavar="FILE[=WEIGHT]",
                       help=f"training files and their share of rows per epoch (default: {' '.join(DEFAULT_MIX)})")
    train.add_argument("--backbone", type=Path, default=Path("models/multilingual-e5-small"))
    train.add_argument("--out", type=Path, default=Path("var/reader-training"))
    train.add_argument("--backup-dir", type=Path, help="also copy each checkpoint here (outside the work tree)")
    train.add_argument("--resume", action="store_true", help="continue from the last checkpoint")
    train.add_argument("--epochs", type=int, default=3)
    train.add_argument("--batch-size", type=int, default=16)
    train.add_argument("--learning-rate", type=float, default=1e-4)
    train.add_argument("--max-length", type=int, default=160, help="tokens per window")
    train.add_argument("--stride", type=int, default=48, help="tokens shared by consecutive windows")
    train.add_argument("--frozen-layers", type=int, default=4, help="lowest encoder layers left untrained")
    train.add_argument("--precision", choices=("auto", "fp32", "bf16"), default="auto",
                       help="auto: bf16 autocast only where the CPU has bf16 instructions")
    train.add_argument("--unaccented-share", type=float, default=0.15,
                       help="share of questions typed without diacritics, as many people type them")
    train.add_argument("--checkpoint-minutes", type=float, default=10.0)
    train.add_argument("--threads", type=int, default=2)
    train.add_argument("--validation-source", nargs="+", default=["viquad1.dev"],
                       help="sources held out of training and scored at each checkpoint")
    train.add_argument("--validation-size", type=int, default=200)
    train.set_defaults(handler=command_train)

    export = actions.add_parser("export", help="prune, export to int8 ONNX and check the trained reader",
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    export.add_argument("--data-dir", type=Path, required=True, help="folder of the training JSON Lines files")
    export.add_argument("--mix", nargs="+", metavar="FILE[=WEIGHT]", help="files whose tokens the reader keeps")
    export.add_argument("--weights", type=Path, default=Path("var/reader-training/model"),
                        help="trained model folder, or a training checkpoint.pt")
    export.add_argument("--backbone", type=Path, default=Path("models/multilingual-e5-small"))
    export.add_argument("--corpus", type=Path, default=Path("corpus"), help="corpus whose tokens the reader keeps")
    export.add_argument("--out", type=Path, default=BUNDLED_READER_DIR)
    export.add_argument("--unknown-check", type=Path, help="JSON Lines QA file whose <unk> share is reported")
    export.add_argument("--validation-source", nargs="+", default=["viquad1.dev"])
    export.add_argument("--validation-size", type=int, default=300)
    # The service reads in windows of the length the reader was trained on: on 300 validation
    # questions (third epoch, int8) 160-token windows read at F1 0.651, 256 at 0.627, 384 at 0.600.
    export.add_argument("--max-length", type=int, default=160, help="tokens per window the service reads")
    export.add_argument("--stride", type=int, default=48, help="tokens shared by consecutive windows")
    export.set_defaults(handler=command_export)

    pack = actions.add_parser("pack", help="pack weights and tokenized windows for training on another machine",
                              formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    pack.add_argument("--data-dir", type=Path, required=True, help="folder of the training JSON Lines files")
    pack.add_argument("--mix", nargs="+", metavar="FILE[=WEIGHT]",
                      help=f"training files and their share of rows per epoch (default: {' '.join(PACK_MIX)})")
    pack.add_argument("--weights", type=Path, required=True, help="training checkpoint.pt to start from")
    pack.add_argument("--backbone", type=Path, default=Path("models/multilingual-e5-small"))
    pack.add_argument("--reader-dir", type=Path, default=BUNDLED_READER_DIR,
                      help="reader whose pruned tokenizer cuts the windows")
    pack.add_argument("--out", type=Path, default=Path("var/reader-pack"))
    pack.add_argument("--epochs", type=int, default=2, help="draws of the mix, one per epoch")
    pack.add_argument("--max-length", type=int, default=160)
    pack.add_argument("--stride", type=int, default=48)
    pack.add_argument("--unaccented-share", type=float, default=0.15)
    pack.add_argument("--validation-size", type=int, default=300)
    pack.set_defaults(handler=command_pack)

    unpack = actions.add_parser("unpack", help="merge trained shards from a packed run into a checkpoint",
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    unpack.add_argument("shards", type=Path, help="folder of the trained-*.pt shards")
    unpack.add_argument("--out", type=Path, default=Path("var/reader-training/packed-checkpoint.pt"))
    unpack.set_defaults(handler=command_unpack)

    calibrate = actions.add_parser("calibrate", help="fit the reader's probability on the service's own questions",
                                   formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    calibrate.add_argument("--gold", type=Path, nargs="+", default=[Path("eval/dev.jsonl"), Path("eval/gold.jsonl")],
                           help="gold files to fit on (never the held-out set)")
    calibrate.set_defaults(handler=command_calibrate)
