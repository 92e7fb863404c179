"""Assessing: observations against targets, the same period last year, the plan and the communes.

Third step of the pipeline (read → check → assess → write → publish).
:func:`dxanalysis.assess.review.load_review` puts one review together.
"""
