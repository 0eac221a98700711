"""Gazetteers and lexicons as data files (JSON), read with ``importlib.resources``."""
