"""Rendering the model to HTML strings. No I/O: callers decide where output goes."""
