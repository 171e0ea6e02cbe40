"""Evaluation and benchmarks: dev tooling that sits above the factory (`advisor eval`, `advisor bench`)."""
