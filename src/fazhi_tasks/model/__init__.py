"""The plan's values: tasks, stages, divisions, updates and statuses (``values``), the validated ``Plan``
with its graph, the working-day calendar and supplied holiday schedules, deadlines read from text,
statuses as of a day. Imports only ``core``.
"""
