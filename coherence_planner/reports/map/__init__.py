"""The coherence map on paper and as files: drawn with reportlab (the printed
driver-diagram layout on pages, or cut into a tiled poster) and written as SVG. It
imports the shared modules at the top of reports/ and never the book.
"""
