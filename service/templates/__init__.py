"""Template editors' tools: the registry of versions, validation of a candidate DOCX, previews, comparisons.

``registry`` owns the files and the index (I/O); ``package``, ``tags`` (the tags of a DOCX and their
places), ``variables``, ``page_checks`` (the test render's PDF pages) and ``validation`` are the pure checks,
whose ``findings`` make a validation report; ``editing`` puts them together over an engine for the API,
the page and the CLI.
"""
