"""Checking: text to typed observations, and every problem to a finding.

Second step of the pipeline (read → check → assess → write → publish):
numbers, ratios and targets are parsed, indicators matched to the catalog,
the dossier register aggregated, and each observation checked against the
observation model before anything is assessed or written.
"""
