"""Reading: input files to tables of text, located to the cell.

The first step of the pipeline (read → check → assess → write → publish).
Nothing here interprets a figure; it finds the files of a unit × period,
decodes them, locates their headers and hands on text with file, sheet and
row, so that every later finding can point at the cell it concerns.
"""
