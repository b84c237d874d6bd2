"""The PDF pipeline shared by every app (the lowest layer above the project package).

- ``pdf.html_to_pdf`` renders HTML to a tagged PDF, fetching only the app's own static files;
- ``registry`` holds one ``DocumentRenderer`` per kind of document (a plan, a risk register…),
  filled by each app's ``AppConfig.ready()``;
- ``services`` queues and runs ``RenderJob``s (the Celery task is ``documents.tasks.render_document``);
- ``storage`` keeps finished files in private storage, served only through permission-checked views.
"""
