"""What the API (``service.api``) and the staff pages (``service.web``) share at the HTTP edge.

Neither owns it, so that neither imports the other: reading a request body, answering with a file, reading
a batch's inputs from a request, and the app's engine. The domain packages know nothing of it.
"""
