"""The coherence map in the desktop app: scene, view, panel, alignment matrix and export.

The geometry comes from `domain.layout` and the look from `domain.map_style`, the same ones
the SVG export draws, so the screen, the SVG and the PNG agree.
"""
