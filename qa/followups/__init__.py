"""Follow-up questions: rewritten from the conversation's last turn before they are answered."""

from qa.followups.resolver import Turn, resolve_question

__all__ = ["Turn", "resolve_question"]
