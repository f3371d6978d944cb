"""The renderer registry and one module per format: text and Markdown, HTML, Excel, JSON, Word
tables, the weekly page's charts.
"""
