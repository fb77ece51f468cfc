"""Coherence Planner: keep a school district's programs and policies coherent with its
student-learning goals."""

__version__ = "0.1.0"
