"""Feedback on answers: what was answered (kept by request id), the verdicts people give, stored
durably, and their export as candidate gold rows."""
