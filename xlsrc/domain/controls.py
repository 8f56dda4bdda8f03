"""Text read from cells made safe for where it goes: a terminal, or a document.

A cell may hold control characters. Excel stores those it cannot put in XML as escapes
`_xHHHH_` (ECMA-376 Part 1, 22.9.2.19 ST_Xstring; `_x005F_` escapes a literal underscore):
python-calamine turns them back into the characters, openpyxl leaves the escape as text.

- `decoded`: the text Excel shows (escapes turned into their characters).
- `for_document`: text as shown (already decoded: decoding twice would turn a literal
  "_x0041_" into "A") without the characters a Word or Excel file cannot hold and a reader
  cannot see (C0 controls but tab and line feed, DEL, C1 controls, U+FFFE/U+FFFF).
- `for_terminal`: a line for a terminal or log: every control character (escape sequences
  that clear the screen or set the window title, bells, carriage returns that overwrite the
  line) and every bidirectional override (which reorders what follows) shown as Excel's
  escape `_xHHHH_`, so the clerk sees that something is there and nothing acts on the screen.

Limitations: openpyxl drops the "x005F_" of `_x005F_` as it reads shared strings, so text a
clerk typed as a literal "_x0041_" reaches `decoded` from openpyxl as the escape of "A".
Characters outside these sets (zero-width spaces, homoglyphs) pass unchanged.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Not in a document: C0 but tab, line feed and carriage return; DEL; C1; the non-characters.
_NOT_IN_DOCUMENT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Not on a terminal: every C0 but line feed and tab, DEL, C1, and the bidirectional
# embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
_NOT_ON_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def decoded(text: str) -> str:
    """The text Excel shows for `text` as stored: "_x0041_" → "A", "_x005F_x0041_" → "_x0041_"."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def for_document(text: str) -> str:
    """Shown text without the characters a document cannot hold (tab and line breaks kept)."""
    return _NOT_IN_DOCUMENT.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


def for_terminal(text: str) -> str:
    """`text` with each character that would act on a terminal shown as its escape `_xHHHH_`."""
    return _NOT_ON_TERMINAL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def as_stored(text: str) -> str:
    """`text` as a writer that stores strings unchanged (openpyxl) must be given it for Excel to
    show `text`: a literal "_x0041_" becomes "_x005F_x0041_"."""
    return _ESCAPE.sub(r"_x005F_x\1_", text)
