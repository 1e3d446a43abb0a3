"""Vietnamese text, shared by indexing and answering: Unicode and tone-mark normalisation,
lexical tokens (pyvi words and folded syllables), sentence boundaries, provinces, abbreviations."""
