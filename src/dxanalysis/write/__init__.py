"""Writing the review: sentences, tables and charts, in Vietnamese or English.

Fourth step of the pipeline (read → check → assess → write → publish).
Every word comes from the message catalogs; every figure from the review.
"""
