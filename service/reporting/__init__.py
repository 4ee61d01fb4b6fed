"""The reporting cycle of measure 11: who reports to whom, what has come in, what is late, and the summaries.

One noun a module, pure where it can be (no Flask, no files, no clock read inside):

- ``tree``       who controls whom: the organizations' parents checked, children, groups (pure)
- ``schedule``   due dates of a year in Asia/Bishkek time, and the injectable clock (pure but for ``now``)
- ``status``     a year's state per organization and the totals, from the submissions (pure)
- ``summaries``  the regional summary's group, late reporters and year-over-year counts (pure)
"""
