"""Render the validated catalogue into page bodies and data files, independent of MkDocs."""
