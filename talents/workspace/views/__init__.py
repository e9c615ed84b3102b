"""The talent workspace, one module per page."""
