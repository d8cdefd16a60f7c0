"""Rutte on the Record: the archive engine.

A plain package that knows nothing of MkDocs: it parses event sources into a
model, assigns stable anchors, and renders pages and data as strings. The site
generator calls it through the thin adapters in `hooks/`.
"""
