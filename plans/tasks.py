"""Celery tasks of the plans app: none of its own yet.

Plan PDFs are rendered by the document pipeline's task (``documents.tasks.render_document``).
"""
