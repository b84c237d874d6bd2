"""The PDF pipeline shared by every app.

- ``pdf.html_to_pdf`` renders HTML to a tagged PDF, fetching only the app's own static files;
- ``registry`` holds one ``DocumentRenderer`` per kind of document (a plan, a risk register…);
- ``services`` queues and runs ``RenderJob``s (the Celery task is ``plans.tasks.render_document``).
"""
