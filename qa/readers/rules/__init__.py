"""The rule-based reader (`RulesReader`): typed spans in one sentence (spans, entities,
span_parts), scored by the keywords around them (clauses, scoring, fits, slots), the best
chosen (choosing) and its confidence (confidence)."""
