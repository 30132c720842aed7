"""The search index, built once from data at build time (never by re-parsing rendered HTML)."""
