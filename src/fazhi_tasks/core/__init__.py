"""The bottom room: the language table (every label, sentence and message in zh and en; ``Phrase``), the
errors, file helpers (whole-or-nothing writes), the shape every list-like result shares, the results'
rendering shortcuts. It imports nothing of the package above it.
"""
