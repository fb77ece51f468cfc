"""The coherence map in the desktop app: scene, view, panel, alignment matrix and export.

The geometry comes from `domain.layout.geometry` and the look from `domain.layout.style`, the same ones
the SVG export draws, so the screen, the SVG and the PNG agree.
"""
