"""Figures: matplotlib charts (alignment, cost against evidence, spend by
goal, indicators, the quadrant, the load heat map) turned into images, and the
money-flow diagram. They import the shared modules of reports/, never the book or the
map.
"""
