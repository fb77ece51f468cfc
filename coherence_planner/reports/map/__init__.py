"""The coherence map on paper and as files: drawn with reportlab (fitted page,
tiled poster, the printed driver-diagram layout cut into pages) and written as SVG. It
imports the shared modules at the top of reports/ and never the book.
"""
