"""What treaties oblige: treaty texts, clause codes, and the Article 6 engine."""

from widgets.treaty.article6 import Verdict, article6_verdict, article6_verdicts

__all__ = ["Verdict", "article6_verdict", "article6_verdicts"]
