"""Demo data for `manage.py seed_demo`: a believable night of Sleep Call, created idempotently."""
