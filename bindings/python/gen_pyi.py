"""Writes httpstatus/__init__.pyi, the package's type information, from the
table the built package reads from the C core. Run after the extension is
built (setup.py and CMake both do):

    python3 bindings/python/gen_pyi.py DIR

where DIR holds the built package (DIR/httpstatus/__core*.so). Every public
name of the runtime gets a declaration here, or the generator fails, so the
.pyi cannot fall behind the module.
"""

import sys
from pathlib import Path

# Names whose types are not "int -> bool"; the predicates are found from
# the members' bool fields.
SIGNATURES = {
    "get": "def get(x: Union[int, str]) -> Optional[Status]: ...",
    "phrase": "def phrase(code: int) -> Optional[str]: ...",
    "description": 'def description(code: int, lang: Optional[str] = "en") -> Optional[str]: ...',
    "search": "def search(word: str) -> List[Status]: ...",
    "phrases": "phrases: Mapping[int, str]",
    "category": "def category(code: int) -> Optional[_Category]: ...",
    "all": "def all() -> Tuple[Status, ...]: ...",
    "check": """\
@overload
def check(
    status: int,
    headers: _Headers = (),
    *,
    method: Optional[_Text] = None,
    request_headers: Optional[_Headers] = None,
    content: _Content = None,
    version: Optional[_Version] = None,
    ignore: Optional[_RuleIds] = (),
    level: Optional[_Level] = "info",
    lang: Optional[str] = "en",
) -> List[Finding]: ...
@overload
def check(
    response: _Response,
    *,
    headers: _Headers = ...,
    method: Optional[_Text] = ...,
    request_headers: Optional[_Headers] = ...,
    content: _Content = ...,
    version: Optional[_Version] = ...,
    ignore: Optional[_RuleIds] = (),
    level: Optional[_Level] = "info",
    lang: Optional[str] = "en",
) -> List[Finding]: ...""",
    "rules": 'def rules(lang: Optional[str] = "en") -> Tuple[Rule, ...]: ...',
    "problem": """\
def problem(
    code: int,
    /,
    detail: Optional[str] = None,
    *,
    type: Optional[str] = None,
    title: Optional[str] = None,
    instance: Optional[str] = None,
    **extensions: _ExtensionValue,
) -> Problem: ...""",
    "problem_json": """\
def problem_json(
    code: int,
    /,
    detail: Optional[str] = None,
    *,
    type: Optional[str] = None,
    title: Optional[str] = None,
    instance: Optional[str] = None,
    **extensions: _ExtensionValue,
) -> bytes: ...""",
    "Problem": """\
class Problem(Mapping[str, _MemberValue]):
    \"\"\"A problem details object (RFC 9457): read-only, its members in body order.\"\"\"
    def __new__(
        cls,
        code: int,
        /,
        detail: Optional[str] = None,
        *,
        type: Optional[str] = None,
        title: Optional[str] = None,
        instance: Optional[str] = None,
        **extensions: _ExtensionValue,
    ) -> Problem: ...
    @property
    def status(self) -> int: ...
    @property
    def content_type(self) -> Literal["application/problem+json"]: ...
    @property
    def headers(self) -> List[Tuple[str, str]]: ...
    def json(self) -> bytes: ...
    def __getitem__(self, key: str) -> _MemberValue: ...
    def __iter__(self) -> Iterator[str]: ...
    def __len__(self) -> int: ...""",
    "Finding": """\
class Finding(NamedTuple):
    id: _RuleId
    level: _Level
    field: Optional[str]
    message: str
    reference: str""",
    "ResponseRuleError": """\
class ResponseRuleError(Exception):
    findings: List[Finding]
    method: Optional[str]
    path: str
    status: int
    def __init__(self, findings: Iterable[Finding], method: Optional[str], path: str, status: int) -> None: ...""",
    "Rule": """\
class Rule(NamedTuple):
    id: _RuleId
    level: _Level
    field: Optional[str]
    message: str
    reference: str
    codes: Tuple[int, ...]""",
}

# The shapes check() takes. A str is an iterable of str, so ignore is a
# union of containers that leaves str out: ignore="date-missing" is an error.
CHECK_TYPES = """\
_Text = Union[str, bytes]
_Pair = Union[Tuple[_Text, _Text], List[str], List[bytes]]

class _Fields(Protocol):
    \"\"\"A mapping, or anything with items() (http.client.HTTPMessage).\"\"\"
    def items(self) -> Iterable[Tuple[_Text, _Text]]: ...

_Headers = Union[_Fields, Iterable[_Pair]]
_RuleIds = Union[List[str], Tuple[str, ...], AbstractSet[str], Iterator[str]]
_Version = Literal["1.0", "1.1", "2", "3"]
_Content = Union[bool, bytes, bytearray, memoryview, str, None]

class _HasStatusCode(Protocol):
    \"\"\"requests, httpx, Starlette, Werkzeug/Flask and Django responses.\"\"\"
    @property
    def status_code(self) -> int: ...

class _HasStatus(Protocol):
    \"\"\"urllib3, http.client and urllib responses, urllib.error.HTTPError.\"\"\"
    @property
    def status(self) -> int: ...

_Response = Union[_HasStatusCode, _HasStatus]

# What problem() takes as an extension value, and what a Problem holds.
_ExtensionValue = Union[str, int, None, List["_ExtensionValue"], Tuple["_ExtensionValue", ...],
                        Dict[str, "_ExtensionValue"]]
_MemberValue = Union[str, int, None, List["_MemberValue"], Dict[str, "_MemberValue"]]
"""


def render(httpstatus):
    Status = httpstatus.Status
    sample = next(iter(Status))
    fields = {name: type(value) for name, value in vars(sample).items() if not name.startswith("_")}
    categories = dict.fromkeys(member.category for member in Status)
    rules = httpstatus.rules()

    def field_type(name, sequence="Tuple[str, ...]"):
        if name == "category":
            return "_Category"
        if fields[name] is tuple:
            return sequence
        return fields[name].__name__

    out = [
        "# Generated by bindings/python/gen_pyi.py from the table of the C core; do not edit.",
        "from enum import IntEnum",
        "from typing import (AbstractSet, Dict, Final, Iterable, Iterator, List, Literal, Mapping, NamedTuple, Optional,",
        "                    Protocol, Tuple, TypedDict, Union, overload)",
        "",
        "__version__: str",
        "_Category = Literal[%s]" % ", ".join(repr(c) for c in categories),
        "_Level = Literal[%s]" % ", ".join(repr(level) for level in dict.fromkeys(r.level for r in rules)),
        "_RuleId = Literal[%s]" % ", ".join(repr(r.id) for r in rules),
        CHECK_TYPES,
        "class _StatusDict(TypedDict):",
        '    """What Status.as_dict() gives: every field, lists as lists."""',
    ]
    out += [f"    {name}: {field_type(name, 'List[str]')}" for name in fields]
    out += ["", "class Status(IntEnum):"]
    for name, member in Status.__members__.items():
        out.append(f"    {name} = {member.value}")
    for name in fields:
        out += ["    @property", f"    def {name}(self) -> {field_type(name)}: ..."]
    out.append("    def as_dict(self) -> _StatusDict: ...")
    out.append("")
    for name in Status.__members__:
        out.append(f"{name}: Final = Status.{name}")
    out.append("")

    public = sorted(n for n in dir(httpstatus) if not n.startswith("_"))  # dir() makes Status too
    for name in public:
        if name == "Status" or name in Status.__members__:
            continue
        if name in SIGNATURES:
            out.append(SIGNATURES[name])
        elif fields.get(name) is bool and callable(getattr(httpstatus, name)):
            out.append(f"def {name}(code: int) -> bool: ...")
        else:
            raise SystemExit(f"gen_pyi.py: no type for httpstatus.{name}; add it to SIGNATURES")
    out.append("__all__ = [")
    out += [f"    {name!r}," for name in httpstatus.__all__]
    out.append("]")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: gen_pyi.py DIR")
    root = Path(sys.argv[1]).resolve()
    sys.path.insert(0, str(root))
    import httpstatus

    package = Path(httpstatus.__file__).resolve().parent
    if package != root / "httpstatus":
        raise SystemExit(f"gen_pyi.py: imported {package}, not the package built in {root}")
    (package / "__init__.pyi").write_text(render(httpstatus))


if __name__ == "__main__":
    main()
