"""Documents that can be checked and kept: issuance numbers, the number and QR code on the page, PDF/A with
the input inside, and PAdES signatures.

One module per noun: ``numbers`` (the format and its parsing), ``stamp`` (what a template shows: the number,
the QR code of the check address, or the draft mark), ``archive`` (PDF/A-3 attachments, deterministic
output), ``signing`` (pyHanko). The package never imports Flask and knows nothing of HTTP.
"""
