"""Which document a file is, and in which language its sheets are named: decided from the file alone.

A clerk who chooses the action plan and uploads the report's workbook would otherwise get every one of the
plan's complaints about a file that is perfectly good; ``recognize`` lets the reader say the one true thing
instead. A file that fits no layout, or two equally, is not guessed about: it is read as chosen.
"""

from __future__ import annotations

from service.spreadsheets import csvfiles
from service.spreadsheets.files import Book, Grid
from service.spreadsheets.layouts import LAYOUTS, FormSheet, Layout, TableSheet, normalize


def book_for(grid: Grid, layout: Layout) -> Book:
    """The layout's sheets found in the file, by their Kyrgyz name, whichever language the file uses."""
    if grid.records is not None:
        return csvfiles.split(grid.records, layout)
    book: Book = {}
    for spec in layout.sheets():
        for name in spec.names:
            sheet = grid.sheets.get(normalize(name))
            if sheet is not None:
                book.setdefault(normalize(spec.name), sheet)
    return book


def fit(book: Book, layout: Layout) -> int:
    """How much of ``layout`` the file has: its sheets, its form's labels, its tables' headers."""
    score = 0
    for spec in layout.sheets():
        sheet = book.get(normalize(spec.name))
        if sheet is None or not sheet.rows:
            continue
        if isinstance(spec, TableSheet):
            header = {normalize(value) for value in sheet.rows[0][1] if value is not None}
            score += sum(1 for column in spec.columns if any(normalize(x) in header for x in column.labels))
        else:
            labels = {normalize(values[0]) for _, values in sheet.rows if values}
            score += sum(1 for item in spec.fields if any(normalize(x) in labels for x in item.labels))
    return score


def recognize(books: dict[str, Book]) -> str | None:
    """The document whose layout the file fits best, if one fits clearly better than every other."""
    scores = sorted(((fit(book, LAYOUTS[name]), name) for name, book in books.items()), reverse=True)
    if not scores or scores[0][0] == 0 or (len(scores) > 1 and scores[0][0] == scores[1][0]):
        return None
    return scores[0][1]


def language(book: Book, layout: Layout) -> str:
    """``ru`` when the file's sheet names and labels are more Russian than Kyrgyz, else ``ky``."""
    votes = {"ky": 0, "ru": 0}
    for spec in layout.sheets():
        sheet = book.get(normalize(spec.name))
        if sheet is None:
            continue
        fields = spec.columns if isinstance(spec, TableSheet) else spec.fields
        cells = {normalize(sheet.name)}
        if isinstance(spec, TableSheet):
            cells |= {normalize(value) for value in (sheet.rows[0][1] if sheet.rows else ()) if value is not None}
        else:
            cells |= {normalize(values[0]) for _, values in sheet.rows if values}
        for item in (spec, *fields):
            ky = normalize(item.name if isinstance(item, FormSheet | TableSheet) else item.label)
            ru = normalize(item.ru)
            if ky != ru:
                votes["ky"] += ky in cells
                votes["ru"] += bool(ru) and ru in cells
    return "ru" if votes["ru"] > votes["ky"] else "ky"
