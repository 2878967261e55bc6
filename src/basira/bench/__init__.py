"""Benchmarks: the full pipeline against named baselines, on a generated corpus (see ``corpus``)."""
