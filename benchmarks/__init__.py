"""Benchmarks: synthetic district generators and timing scripts (numbers go in the README)."""
