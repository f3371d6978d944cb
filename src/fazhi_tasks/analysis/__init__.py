"""What the plan and its progress say: the graph (phased order, findings, critical path), shortfalls,
the rectification list, the forecast, the weekly report, the city rollup, indicator coverage, the
progress series. Results are data; it never imports ``io``, ``report`` or ``cli``.
"""
