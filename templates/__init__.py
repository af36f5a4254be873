"""Factbrief's built-in templates, shipped in the wheel as the package factbrief.templates."""
