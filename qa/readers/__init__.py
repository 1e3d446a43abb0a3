"""Readers: what reads the retrieved evidence for an answer. `base` holds the Reader protocol and
the data it exchanges with the pipeline (qa.answering); `rules` is the rule-based reader (the
default), `transformers_reader` one on a local question-answering model, `neural` the trained
reader."""
