"""Pieces every lesson shares: the learner's saved progress and the self-check/poll widget."""
