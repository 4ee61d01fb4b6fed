"""The reporting cycle of measure 11: who reports to whom, what has come in, what is late, and the summaries.

One noun a module, pure where it can be (no Flask anywhere; the clock and the database at the edges):

- ``tree``       who controls whom: the organizations' parents checked, children, groups (pure)
- ``schedule``   due dates of a year in Asia/Bishkek time, and the injectable clock (pure but for ``now``)
- ``status``     a year's state per organization and the totals, from the submissions (pure)
- ``access``     who may read and submit which organization's reports (pure)
- ``exports``    the status table as rows, CSV and XLSX in the person's language (pure)
- ``register``   the submitted reports, every version, in the shared database (SQLAlchemy)
- ``cycle``      ``ReportingCycle``: submit, read, status, summaries; what the API, pages and CLI call

The generalized report's regional and year-over-year parts are in ``service.documents.summaries``.
"""
