"""Lesson content that is built from data (questions whose answers come from the tables)."""
