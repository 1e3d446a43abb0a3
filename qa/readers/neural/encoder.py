"""The reader's network in plain PyTorch: an XLM-R encoder with a span head.

Its parameter names are those of `transformers`' XLMRobertaForQuestionAnswering, so weights move
between the two unchanged. It exists for training on a machine that has PyTorch and nothing else
(an accelerator machine with no package registry): there, no `transformers` version can differ
from the one the service was exported with. `tests/readers/test_encoder.py` checks both give the
same logits.
"""

import torch
from torch import nn
from torch.nn import functional


class SelfAttention(nn.Module):
    def __init__(self, hidden: int, heads: int, dropout: float):
        super().__init__()
        self.heads, self.dropout = heads, dropout
        self.query, self.key, self.value = (nn.Linear(hidden, hidden) for _ in range(3))

    def forward(self, x: torch.Tensor, keys: torch.Tensor) -> torch.Tensor:
        batch, length, hidden = x.shape

        def split(t):
            return t.view(batch, length, self.heads, hidden // self.heads).transpose(1, 2)

        out = functional.scaled_dot_product_attention(
            split(self.query(x)), split(self.key(x)), split(self.value(x)), attn_mask=keys,
            dropout_p=self.dropout if self.training else 0.0)
        return out.transpose(1, 2).reshape(batch, length, hidden)


class DenseNorm(nn.Module):
    """Projection, dropout, residual, layer norm: BERT's post-norm sublayer output."""

    def __init__(self, inner: int, hidden: int, dropout: float, eps: float):
        super().__init__()
        self.dense = nn.Linear(inner, hidden)
        self.LayerNorm = nn.LayerNorm(hidden, eps=eps)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, residual: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(self.dropout(self.dense(x)) + residual)


class Attention(nn.Module):
    def __init__(self, config: dict):
        super().__init__()
        hidden = config["hidden_size"]
        self.self = SelfAttention(hidden, config["num_attention_heads"], config["attention_probs_dropout_prob"])
        self.output = DenseNorm(hidden, hidden, config["hidden_dropout_prob"], config["layer_norm_eps"])

    def forward(self, x, keys):
        return self.output(self.self(x, keys), x)


class Intermediate(nn.Module):
    def __init__(self, hidden: int, inner: int):
        super().__init__()
        self.dense = nn.Linear(hidden, inner)

    def forward(self, x):
        return functional.gelu(self.dense(x))


class Layer(nn.Module):
    def __init__(self, config: dict):
        super().__init__()
        hidden, inner = config["hidden_size"], config["intermediate_size"]
        self.attention = Attention(config)
        self.intermediate = Intermediate(hidden, inner)
        self.output = DenseNorm(inner, hidden, config["hidden_dropout_prob"], config["layer_norm_eps"])

    def forward(self, x, keys):
        attended = self.attention(x, keys)
        return self.output(self.intermediate(attended), attended)


class Encoder(nn.Module):
    def __init__(self, config: dict):
        super().__init__()
        self.layer = nn.ModuleList(Layer(config) for _ in range(config["num_hidden_layers"]))


class Embeddings(nn.Module):
    def __init__(self, config: dict):
        super().__init__()
        hidden = config["hidden_size"]
        self.pad_id = config["pad_token_id"]
        self.word_embeddings = nn.Embedding(config["vocab_size"], hidden, padding_idx=self.pad_id)
        self.position_embeddings = nn.Embedding(config["max_position_embeddings"], hidden, padding_idx=self.pad_id)
        self.token_type_embeddings = nn.Embedding(config["type_vocab_size"], hidden)
        self.LayerNorm = nn.LayerNorm(hidden, eps=config["layer_norm_eps"])
        self.dropout = nn.Dropout(config["hidden_dropout_prob"])

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        # XLM-R counts positions from pad_id + 1 and gives padding the pad position
        mask = (input_ids != self.pad_id).long()
        positions = torch.cumsum(mask, dim=1) * mask + self.pad_id
        x = (self.word_embeddings(input_ids) + self.position_embeddings(positions)
             + self.token_type_embeddings.weight[0])
        return self.dropout(self.LayerNorm(x))


class Backbone(nn.Module):
    def __init__(self, config: dict):
        super().__init__()
        self.embeddings = Embeddings(config)
        self.encoder = Encoder(config)

    def forward(self, input_ids, attention_mask):
        x = self.embeddings(input_ids, attention_mask)
        keys = attention_mask[:, None, None, :].bool()  # every head attends to the unpadded tokens only
        for layer in self.encoder.layer:
            x = layer(x, keys)
        return x


class SpanReader(nn.Module):
    """Start and end logits per token; parameter names as transformers' XLMRobertaForQuestionAnswering."""

    def __init__(self, config: dict):
        super().__init__()
        self.roberta = Backbone(config)
        self.qa_outputs = nn.Linear(config["hidden_size"], 2)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        logits = self.qa_outputs(self.roberta(input_ids, attention_mask))
        return logits[..., 0], logits[..., 1]
