"""Helpers shared by the tests of more than one app (fixtures stay in conftest.py files)."""
