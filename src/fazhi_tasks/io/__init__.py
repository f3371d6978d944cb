"""Files in and out: plan files (the TOML/JSON document shape; sheets in ``sheets``), progress files,
holiday-schedule files, report settings, the bundled sample, bytes given for a file, a city's plans
folder.
"""
