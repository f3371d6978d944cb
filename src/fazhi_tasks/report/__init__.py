"""Presentation: each result laid out as a ``Document`` (``views``; the model in ``document``), JSON
records, charts, ``present.render(result, fmt)``; the formats in ``renderers``, the Word 公文 layouts
in ``gongwen``.
"""
