"""On PostgreSQL, refuse UPDATE and DELETE on the audit trail at the database too."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION plans_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER plans_auditevent_no_update_or_delete
    BEFORE UPDATE OR DELETE ON plans_auditevent
    FOR EACH ROW EXECUTE FUNCTION plans_auditevent_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS plans_auditevent_no_update_or_delete ON plans_auditevent;
DROP FUNCTION IF EXISTS plans_auditevent_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_review_history_and_workflow")]

    operations = [migrations.RunPython(forwards, backwards)]
