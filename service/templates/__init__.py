"""Template editors' tools: the registry of versions, validation of a candidate DOCX, previews, comparisons.

``registry`` owns the files and the index (I/O); ``package``, ``places``, ``variables``, ``layout`` and
``validation`` are the pure checks; ``editing`` puts them together over an engine for the API, the page
and the CLI.
"""
