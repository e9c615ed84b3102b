"""PostgreSQL backstop: two slot-holding bookings of one talent never overlap.

Written as SQL guarded by the vendor so SQLite (the laptop default) migrates too; there the
service's lock-and-check alone keeps bookings apart.
"""

from django.db import migrations

CONSTRAINT = "booking_no_overlap_per_talent"

CREATE = f"""
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE bookings_booking ADD CONSTRAINT {CONSTRAINT}
    EXCLUDE USING gist (talent_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
    WHERE (status IN ('awaiting_payment', 'payment_submitted', 'confirmed'));
"""
DROP = f"ALTER TABLE bookings_booking DROP CONSTRAINT IF EXISTS {CONSTRAINT};"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("bookings", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
