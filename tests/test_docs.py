"""The developer documents in docs/ against the code they describe: they cannot drift apart."""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Iterable
from pathlib import Path

import pytest

from xlsrc.domain import rules as R

ROOT = Path(__file__).resolve().parent.parent
KEYS_DOC = ROOT / "docs" / "rules-keys.md"
TEXT = ROOT / "xlsrc" / "domain" / "text.py"

# A row of a key table: | `key` | type | required | default | allowed | effect |
_ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|(.*)\|\s*$")


def doc_rows(markdown: str) -> dict[str, list[list[str]]]:
    """Each key documented in a table row → the rows' other cells (several if listed twice)."""
    out: dict[str, list[list[str]]] = {}
    for line in markdown.splitlines():
        found = _ROW.match(line)
        if found:
            cells = [c.strip() for c in found.group(2).split("|")]
            out.setdefault(found.group(1), []).append(cells)
    return out


def drift(documented: Iterable[str], schema: Iterable[str]) -> tuple[list[str], list[str]]:
    """(keys the schema has and the document lacks, keys the document has and the schema lacks)."""
    doc, known = set(documented), set(schema)
    return sorted(known - doc), sorted(doc - known)


@pytest.fixture(scope="module")
def documented() -> dict[str, list[list[str]]]:
    return doc_rows(KEYS_DOC.read_text(encoding="utf-8"))


def test_the_keys_page_lists_every_key_of_the_schema_and_no_other(documented):
    undocumented, unknown = drift(documented, (k.path for k in R.keys()))
    assert not undocumented, f"keys in the schema missing from docs/rules-keys.md: {undocumented}"
    assert not unknown, f"keys in docs/rules-keys.md that the schema does not have: {unknown}"


def test_each_key_is_documented_once(documented):
    assert {k: len(v) for k, v in documented.items() if len(v) > 1} == {}


def test_required_column_is_the_schemas(documented):
    wrong = {
        k.path: (documented[k.path][0][1], k.required)
        for k in R.keys()
        if k.path in documented
        and documented[k.path][0][1].split()[0] != ("yes" if k.required else "no")
    }
    assert wrong == {}


def test_every_allowed_choice_is_documented(documented):
    """A key checked against a list of words ("final", "budget") names each word."""
    for key in R.keys():
        choices = re.findall(r"“([A-Za-z_]+)”", key.expected)
        if key.path in documented:
            allowed = documented[key.path][0][3]
            assert [c for c in choices if f'`"{c}"`' not in allowed] == [], key.path


def _toml(value: object) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value)


def test_defaults_are_the_codes(documented):
    """What an absent optional table or key gives is what the Rules dataclasses default to."""
    defaults = {
        "forms.required": R.DEFAULT_REQUIRED_FORMS,
        "rating.three_public_basis": R.RatingRules().three_public_basis,
        "rating.per_point": R.RatingRules().per_point,
        "rating.score_places": R.RatingRules().score_places,
        "review.late_points": R.ReviewRules().late_points,
        "report.publication_basis": R.Rules.__dataclass_fields__["publication_basis"].default,
    }
    assert R.ReviewRules().deadline is None
    assert documented["review.deadline"][0][2] == "none"
    for path, value in defaults.items():
        cell = documented[path][0][2]
        assert cell.startswith(f"`{_toml(value)}`"), (path, cell, value)


def test_keys_follow_the_schema_when_a_key_is_added(monkeypatch):
    """A key another change adds to a table of the schema is a key keys() yields (and so
    one the page must list): the walk reads the validators, not a list of its own."""
    before = {k.path for k in R.keys()}
    built = R._schema

    def schema() -> R.Validator:
        top = built()
        budget = dict(top.fields)["budget"][0]
        fields = {**budget.fields, "example_rate": R._share()}
        grown = {**top.fields, "budget": (R._table(fields), "")}
        return R._table(grown, optional=top.optional)

    monkeypatch.setattr(R, "_schema", schema)
    after = {k.path for k in R.keys()}
    assert after - before == {"budget.example_rate"}
    assert drift(before, after) == (["budget.example_rate"], [])
    assert R.rules_problems({}) != []  # the grown schema still checks


def _wrong_at(path: str) -> tuple[dict[str, object], str]:
    """A rules mapping holding nothing but a wrong value (None) at `path`, and the path the
    validator names it by: `grades[].min` is `grades[1].min`, `weights.<category>` `weights.X`."""
    parts = path.replace("<category>", "X").split(".")
    named = ".".join(parts).replace("[]", "[1]")
    value: object = None
    for part in reversed(parts):
        value = {part.removesuffix("[]"): [value] if part.endswith("[]") else value}
    assert isinstance(value, dict)
    return value, named


def test_keys_are_named_as_the_validator_names_them():
    """A wrong value at each key is reported under that key's documented path."""
    for key in R.keys():
        data, named = _wrong_at(key.path)
        problems = R.rules_problems(data)
        assert any(p.startswith(f"{named} ") for p in problems), (key.path, problems)


# -- documents cited by the code


_CITED = re.compile(r"(?<![\w./-])((?:\.\./)*(?:[\w-]+/)*[\w-]+\.md)\b")


def cited_documents() -> dict[str, list[str]]:
    """Each *.md a module or rules file of xlsrc names → the files naming it."""
    out: dict[str, list[str]] = {}
    sources = [*(ROOT / "xlsrc").rglob("*.py"), *(ROOT / "xlsrc").rglob("*.toml")]
    for path in sorted(sources):
        for name in set(_CITED.findall(path.read_text(encoding="utf-8"))):
            out.setdefault(name, []).append(str(path.relative_to(ROOT)))
    return out


def in_repository(name: str) -> bool:
    """A file of the repository: "../shared/RULES.md" is not, even where that file exists."""
    path = (ROOT / name).resolve()
    return path.is_relative_to(ROOT) and path.is_file()


def test_citations_are_found(tmp_path):
    cited = cited_documents()
    assert "docs/rules-keys.md" in cited
    assert "tests/data/audit_sources.md" in cited
    assert "xlsrc/rules/yueyang-2024.toml" in cited["docs/rules.md"]  # rules files cite too
    found = _CITED.findall("see RULES.md §1, ../shared/DESIGN.md and docs/rules.md §2; x.mdx")
    assert found == ["RULES.md", "../shared/DESIGN.md", "docs/rules.md"]
    assert in_repository("docs/rules.md") and in_repository("README.md")
    outside = tmp_path / "RULES.md"
    outside.write_text("# not ours\n", encoding="utf-8")
    assert not in_repository("RULES.md")
    assert not in_repository(os.path.relpath(outside, ROOT))


def test_every_document_the_code_cites_is_in_the_repository():
    missing = {name: where for name, where in cited_documents().items() if not in_repository(name)}
    assert missing == {}


# -- finding codes


_CODE = re.compile(r"^[A-Z]{1,2}\d{3}$")


def finding_codes(source: str) -> dict[str, list[str]]:
    """Code → the module-level constants that assign a (code, template) pair with it."""
    out: dict[str, list[str]] = {}
    for node in ast.parse(source).body:
        if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Tuple):
            continue
        items = node.value.elts
        if len(items) != 2 or not all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in items
        ):
            continue
        code = items[0].value
        if _CODE.match(code):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    out.setdefault(code, []).append(target.id)
    return out


def test_finding_codes_are_read():
    codes = finding_codes(TEXT.read_text(encoding="utf-8"))
    assert len(codes) > 60
    assert codes["E101"] == ["F_TARGET_MISSING"]
    assert {c[0] for c in codes} == {"E", "W", "I"}  # what findings.finding() knows


def test_a_repeated_code_is_seen():
    source = 'A = ("E101", "x")\nB = ("W201", "y")\nC = ("E101", "z")\nD = ("第一", "不是代码")\n'
    assert {k: v for k, v in finding_codes(source).items() if len(v) > 1} == {"E101": ["A", "C"]}


def test_finding_codes_are_unique():
    codes = finding_codes(TEXT.read_text(encoding="utf-8"))
    assert {code: names for code, names in codes.items() if len(names) > 1} == {}


# -- what the documents in docs/ name


DOCS = sorted((ROOT / "docs").glob("*.md"))
_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
_PATH = re.compile(r"`((?:xlsrc|tests|workbook|macros|bench)/[^`\s<>*]+)`")
_CODE_IN_TEXT = re.compile(r"\b([EWI]\d{3})\b")


def test_the_documents_are_there():
    assert {p.name for p in DOCS} >= {"README.md", "rules.md", "rules-keys.md", "architecture.md"}


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_links_and_paths_in_a_document_exist(doc):
    text = doc.read_text(encoding="utf-8")
    links = [link for link in _LINK.findall(text) if "://" not in link]
    assert [link for link in links if not (doc.parent / link).exists()] == []
    paths = _PATH.findall(text)
    assert [path for path in paths if not (ROOT / path).exists()] == []


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_finding_codes_a_document_names_exist(doc):
    codes = finding_codes(TEXT.read_text(encoding="utf-8"))
    named = set(_CODE_IN_TEXT.findall(doc.read_text(encoding="utf-8")))
    assert sorted(named - set(codes)) == []
