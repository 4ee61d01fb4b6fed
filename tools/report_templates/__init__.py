"""The pieces ``tools/build_report_templates.py`` builds the progress report and the generalized report from.

One module per thing the two templates are made of, so that each stays short enough to read whole:

- ``page``: the A4 page, the type sizes and the body of ``document.xml``;
- ``tables``: the table column, the status words, and the table, header row and control paragraph builders;
- ``styles``: the named styles both templates carry (``styles.xml``);
- ``signature``: the signature block with its seal, the executor's lines and the issuance paragraph;
- ``progress_report`` and ``generalized_report``: each report's own columns, tables and body;
- ``widths``: the measurement that proves no column breaks a word.

The modules import ``wordml`` as a top-level module, as the builders do: the scripts run as
``python tools/<script>.py``, which puts ``tools/`` first on the import path.
"""
