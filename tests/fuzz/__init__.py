"""Fuzzing the readers with mutated copies of files the library writes itself (see ``runner.py``)."""
