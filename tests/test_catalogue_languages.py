"""Every user-facing text, rendered with sample arguments, speaks one language: no Latin word of four letters
or more inside a Kyrgyz or Russian message.

Excepted: what stands in quotes («…», “…”, "…", `…`: codes, file names, field names, a font's name), tokens
that are code (``?year=2025``, ``application/json``, ``.xlsx``, ``{{%tr … %}}``) and a short fixed list of
product names. The arguments a message is filled with are English where they may be (a parser's reason, a
field's identifier, a key's role), so a message that pastes one in unquoted fails here: that is the class of
«Expecting value: line 1 column 32» inside a Kyrgyz sentence.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping

import pytest

from service.catalogue import TEXTS

# The brief's list, and JPEG beside PNG (a file type, as DOCX is); Kagaz is the service's own name.
PRODUCTS = {
    "excel",
    "libreoffice",
    "word",
    "docx",
    "xlsx",
    "csv",
    "json",
    "pdf",
    "utf",
    "jpeg",
    "http",
    "windows",
    "kagaz",
}
QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"|`[^`]*`")
LATIN_WORD = re.compile(r"[A-Za-z]{4,}")
CODE_MARKS = set("_./=?{}%[]@\\<>#") | set(string.digits)
# Arguments that may arrive in English or as identifiers: filled with such a sample, they must be quoted.
ENGLISH_SAMPLES = {
    "error": "Expecting value",
    "name": "dedline",
    "field": "approving_order.year",
    "kind": "PDF",  # a file type («PDF», «ZIP») or a relationship's kind, which those messages quote
    "target": "http://example.org/logo.png",
    "tag": "{{ m.deadline }}",
    "part": "word/document.xml",
    "known": "«number», «deadline»",  # as variables.py joins them
    "suggestion": "deadline",
    "block": "for",
    "end_tag": "{% endfor %}",
    "level": "tr",
    "what": "entries",
    "role": "editor",
    "have": "client",
    "font": "Sample Font",
    "replacement": "Other Font",
    "request_id": "abc123",
    "text": "some text",
}


# Arguments that are Kyrgyz or Russian by nature in some messages: an organization's name from the registry.
NATIVE_ARGUMENTS = {"reports_page_group": {"name": "Ош облустук соту"}}


class Samples(dict[str, object]):
    """Any argument a message names: an English sample where one may come, else a number."""

    def __missing__(self, key: str) -> object:
        return ENGLISH_SAMPLES.get(key, 7)


def catalogues() -> Iterator[tuple[str, str, Mapping[str, str]]]:
    for key, entry in TEXTS.items():
        yield "catalogue", key, entry


def entries() -> list[tuple[str, str, str, str]]:
    found = []
    for name, key, entry in catalogues():
        for language in ("ky", "ru"):
            if language in entry:
                found.append((f"{name}:{key}:{language}", entry[language], language, key))
    return found


def latin_words(text: str) -> list[str]:
    """The Latin words of four letters or more outside quotes, code tokens and product names."""
    words = []
    for token in QUOTED.sub(" ", text).split():
        token = token.strip(",;:!?()«»\"'—–…").rstrip(".")  # a leading dot stays: «.xlsm» is a file type
        if not token or CODE_MARKS & set(token):
            continue
        for piece in token.split("-"):  # JSON-объект, PDF'ке, Excel'де: a product and a suffix
            if piece.split("'")[0].casefold() not in PRODUCTS:
                words += LATIN_WORD.findall(piece)
    return words


def test_the_checker_itself() -> None:
    assert latin_words("JSON туура эмес: Expecting value (char 31)") == ["Expecting", "value", "char"]
    assert latin_words("«Times New Roman» PDF'ке, Excel'де LibreOffice (?year=2025) «{{ m.x }}»") == []
    assert latin_words("Шаблондо ката: unexpected") == ["unexpected"]


@pytest.mark.parametrize(("where", "text", "language", "key"), entries(), ids=[entry[0] for entry in entries()])
def test_no_latin_word_inside_a_kyrgyz_or_russian_message(where: str, text: str, language: str, key: str) -> None:
    rendered = string.Formatter().vformat(text, (), Samples(NATIVE_ARGUMENTS.get(key, {})))
    assert latin_words(rendered) == [], f"{where}: {rendered}"


def test_every_message_is_in_three_languages() -> None:
    missing = [f"{name}:{key}" for name, key, entry in catalogues() if not {"ky", "ru", "en"} <= set(entry)]
    assert missing == []


def test_every_message_renders_with_its_arguments() -> None:
    """A placeholder a language forgot (or misspelt) would fall back to English at run time."""
    for name, key, entry in catalogues():
        fields = {
            language: {field for _, field, _, _ in string.Formatter().parse(text) if field}
            for language, text in entry.items()
        }
        assert fields.get("ky") == fields.get("ru") or not fields.get("ky"), f"{name}:{key}: {fields}"


def test_the_models_checks_speak_the_message_language_too() -> None:
    """The models' own rules (an unknown status, a measure without its text, measures twice) in words too."""
    import json

    from conftest import SAMPLES
    from service import documents
    from service.errors import InputError

    report = json.loads((SAMPLES / "reports" / "2025" / "osh-city-court.json").read_text(encoding="utf-8"))
    report["measures"][0]["status"] = "бүттү"
    report["measures"][1]["done"] = None
    report["measures"].append(dict(report["measures"][2]))
    with pytest.raises(InputError) as refused:
        documents.load("progress-report", report)
    found = {
        problem.as_dict("ky")["message"]: latin_words(
            problem.as_dict("ky")["message"].replace("«", " ").replace("»", " ")
        )
        for problem in refused.value.problems
    }
    assert all(words == [] for words in found.values()), found
