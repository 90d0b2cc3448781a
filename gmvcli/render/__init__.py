"""Renderers: results in, text out. One module per format; none of them computes a number."""
