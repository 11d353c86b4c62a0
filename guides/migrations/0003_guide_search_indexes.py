"""PostgreSQL search support: pg_trgm, a GIN index on the search vectors and a
trigram GIN index on the plain titles. Every operation is a no-op on SQLite."""

from django.db import migrations


class PostgresOnly(migrations.RunSQL):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("relocation", "0002_guides_translation_status_moveplan")]

    operations = [
        PostgresOnly(
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            reverse_sql=migrations.RunSQL.noop,
        ),
        PostgresOnly(
            "CREATE INDEX IF NOT EXISTS reloc_gtrans_vector_gin "
            "ON relocation_guidetranslation USING gin (search_vector)",
            reverse_sql="DROP INDEX IF EXISTS reloc_gtrans_vector_gin",
        ),
        PostgresOnly(
            "CREATE INDEX IF NOT EXISTS reloc_gtrans_title_trgm "
            "ON relocation_guidetranslation USING gin (plain_title gin_trgm_ops)",
            reverse_sql="DROP INDEX IF EXISTS reloc_gtrans_title_trgm",
        ),
    ]
