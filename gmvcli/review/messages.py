"""The words of `review` and `fit` come from the project's catalogue (gmvcli/messages/review.json)."""

from __future__ import annotations

from gmvcli.messages import text

__all__ = ["text"]
