"""The one place where text becomes XML: every element text and attribute value that xlbokslut writes as a
string goes through ``xml_text`` or ``xml_attr``, and text handed to lxml through ``xml_chars``."""
from __future__ import annotations

import re

# what XML 1.0 cannot hold: C0 controls but tab/newline/return, lone surrogates, U+FFFE and U+FFFF
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;",
                       "\r": "&#13;"})


def xml_chars(text: str) -> str:
    """``text`` without what XML cannot hold: a surrogate pair becomes its character, a lone surrogate �, a
    control character is dropped."""
    if not NOT_XML.search(text):
        return text
    if _SURROGATE.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return NOT_XML.sub("", text)


def xml_text(text: str) -> str:
    """Element text: only characters XML holds, ``&``, ``<`` and ``>`` escaped, a carriage return kept (a parser
    reads a literal one as a line feed)."""
    return xml_chars(text).translate(_TEXT)


def xml_attr(text: str) -> str:
    """An attribute value with its quotes; tabs and line breaks kept as character references."""
    return '"' + xml_chars(text).translate(_ATTR) + '"'

