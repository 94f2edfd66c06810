"""Addons: one folder per addon (manifest.yaml, models, views, security, data, Python hooks)."""
