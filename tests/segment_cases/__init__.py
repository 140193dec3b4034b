"""Shared helpers and data for the segmenter tests (test_segment_*.py)."""
