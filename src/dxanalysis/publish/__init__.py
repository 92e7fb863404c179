"""Publishing: running the report notebook, exporting the page, batches, the index and PDF.

Last step of the pipeline (read → check → assess → write → publish).
"""
