r"""One answer everywhere: puts the same questions to the C core, the Python
package and the Lua module (under Lua 5.4 and LuaJIT), and fails on any
difference between their answers.

    compare.py compare   ARGS   run the four dumpers, compare every answer
    compare.py surface   ARGS   the module-level names of Python and Lua
    compare.py self-test ARGS   alter real dumps; every alteration must fail
    compare.py files DIR        compare DIR/{c,python,lua5.4,luajit}.txt
ARGS name the dumpers and what they load (see main()); --save DIR keeps the
dumps of a run. Runs under any Python 3.8+; the Python dumper runs under
--python, against the package in --python-package and nothing else.

THE DUMP FORMAT
===============
The questions are in cases.txt, shared by the three dumpers (dump.c, dump.py,
dump.lua). A dump is UTF-8 text, one answer per line, every line exactly four
fields separated by one TAB:

    SECTION <TAB> SUBJECT <TAB> QUESTION <TAB> ANSWER

SUBJECT is a decimal integer, a constant name, an index into all() (from 1),
or a case's spelling copied verbatim from cases.txt (so it is the same text in
every dump). QUESTION names what was asked of the subject, e.g. `phrase` is
phrase(SUBJECT), `get.name` is get(SUBJECT).name, `description.ko` is
description(SUBJECT, "ko"). Lines come in the order the dumpers ask, which is
the same in every dumper.

ANSWER is one of
    "..."        a string, escaped as below
    nil          nothing: NULL in C, None in Python, nil in Lua
    true, false  a boolean (a Python int 1 or a Lua number is not one)
    -12, 404     an integer (a Lua 5.4 float prints as 404.0 and differs)
    object       a status object (C: a row pointer); its fields follow
    error        the call refused its argument the way docs/reference.md says:
                 Python: TypeError (whose message names the function, "get()")
                         or ValueError;
                 Lua:    an error whose message holds luaL's
                         "bad argument #N to 'FUNCTION'";
                 C:      for lang: hs_is_language(lang) is false; for check:
                         hs_check answers HS_CHECK_INVALID (or hs_level_of
                         refuses the level); for a problem: hs_problem_json
                         answers 0 and hs_problem_validate gives a fault.
    raised:"..." any other exception or error, with its message: never equal
                 to another language's answer, so it always fails.

A string is written between double quotes, byte by byte: `\` as `\\`, TAB as
`\t`, LF as `\n`, CR as `\r`, any other byte below 0x20 and 0x7F as `\xHH`
(lowercase hex); the bytes of a well-formed UTF-8 sequence of a non-ASCII
character (RFC 3629: shortest form, no surrogates, at most U+10FFFF) as they
are; any other byte as `\xHH`. A `"` inside is not escaped: the answer is a
whole field. Python strings are compared by their UTF-8 bytes (a lone
surrogate U+DC80..U+DCFF stands for the byte 0x80..0xFF, as Python's
surrogateescape has it). cases.txt spells its strings the same way, with `\"`
for a quote, and N*"..." for N repetitions.

SECTIONS, and which languages must write each (c, python, lua5.4, luajit)
-------------------------------------------------------------------------
Every section a language must write has to be there (a missing section
fails; nothing is skipped silently), and a section a language must not write
fails too. Within a section, every language's lines are compared with those
of the first language listed for it; a section of one language is recorded,
checked to be there and well-formed, and compared with nobody.

  version   all four   the library's version: C hs_version(), Python
                       __version__, Lua _VERSION.
  code      all four   for every integer -5..1000: get (object/nil), then
                       for an object every field (get.code, get.name, ...,
                       get.status_line: C formats "%d %s"; Lua tostring(obj))
                       and every predicate as a field, and
                       get.by_name_is_same (get(get(n).name) is get(n));
                       get.digits (get of the decimal string of n: the
                       code of the answer, or nil); phrase; category;
                       description (default lang); description.en;
                       description.ko; every predicate.
  int       all four   the same questions as `code`, for the `int` cases of
                       cases.txt that fit a 32-bit C int.
  bigint    python, lua5.4, luajit
                       the same, for the `int` cases that do not fit a C int
                       (C cannot pass them); Lua holds them as integers or, past
                       2^63, as integral floats, which Lua accepts as codes.
  constant  all four   every constant name, canonical and alias, sorted by
                       bytes: value, get.code, get.name (get of the name).
                       C lists hs_at(i)->name and hs_alias(code, j); Python
                       its module attributes that are Status members, with
                       Status.__members__ (a name in one and not the other,
                       or bound to another member, answers raised:"...");
                       Lua every key of the module with a number value.
  string    all four   get of each `string` case (C: hs_find(bytes, length)):
                       bytes (the input's length in bytes, so every dumper
                       built the same input), get, get.code, get.name.
                       Invalid UTF-8 is passed as bytes in C and Lua and as
                       the same string with lone surrogates in Python.
  lang      all four   description(404 / 299 / -1, lang) for each `lang` case
                       without a NUL byte.
  lang_nul  python, lua5.4, luajit
                       the same for `lang` cases with a NUL byte (a C string
                       ends at its NUL; C cannot pass them).
  badarg    python, lua5.4, luajit
                       every function given each `badarg` value (wrong types,
                       non-integral floats, NaN, infinities, ...): question
                       get, phrase, category, description, a predicate, or
                       description.lang (description(404, value)). nil for
                       description.lang is left out: Lua takes nil as "no
                       lang", the default, and Python's None is no default.
  all       all four   all(): count, then for each index: code, name, is_get
                       (the element is get(code)).
  check     all four   check() of each `check` case: count, then for each
                       finding N (in rule order) N.id, N.level, N.field,
                       N.message (in the case's lang), N.reference. With
                       --tool, every case the command line can express is
                       also written as an HTTP response and given to
                       `httpstatus --check --json` (with --method, --ignore,
                       --lang), whose findings and exit status must match C's.
            A check whose options every language refuses (a method that
                       is not a token, an unknown level) answers count error;
                       the command line must then exit 2 with a message.
  problem   all four   problem_json() of each `problem` case and of
                       `problem_every_code` (subject CODE detail=PARTS): json,
                       the body's bytes, then for a body written check: the
                       ids of the problem-details rules that check() gives
                       for it as the content of a response with its status
                       and Content-Type application/problem+json, joined by
                       ",". Python: problem_json() and problem().json() must
                       be those bytes, and problem() iterate its members in
                       their order there; Lua: hs.problem_json and hs.problem
                       must agree on refusing.
                       With --tool, `httpstatus --problem` (--extension for
                       each extension) must print C's bytes and a newline.
  problem_nolua   c, python   the same for `problem_nolua` cases.
  problem_object  python, lua5.4, luajit
                       for each problem written: input (the object the case
                       describes, built by the dumper: title the phrase or the
                       title given, status, the members and extensions given),
                       object (Python dict(problem(...)), Lua hs.problem(...)),
                       parsed (Python json.loads, Lua cjson.decode of the
                       bytes), each as one canonical JSON text (sorted keys,
                       compact, Python's json.dumps escaping). The three must
                       be equal within a dump, and every dump the same.
  problem_object_nolua  python   the same for `problem_nolua` cases.
  badproblem all four  the same question for a problem every language must
                       refuse; every answer must be error (a body fails even
                       where no other language is compared). With --tool:
                       exit 2, nothing on stdout, one line on stderr.
  badproblem_c     c   the same, for what only C (and the tool) can say.
  badproblem_nopy  c, lua5.4, luajit
  badproblem_nolua c, python
                       the same, for what Python, or Lua, cannot say.
  lua       lua5.4, luajit   NOT compared with C or Python: what only Lua
                       accepts (404.0, -0.0, 1e300: Lua's integral floats are
                       codes; description(404, nil) is the default lang).
  python    python     NOT compared at all, recorded: what only Python has
                       (404.0, -0.0 are TypeError; None, bytes; a high lone
                       surrogate that no byte stands for; a Status as code).

The surface check (compare.py surface) reads `surface NAME kind KIND` lines
from the Python and Lua dumpers run with --surface / `surface`. Python's
public names are dir(httpstatus) less names starting with "_", modules and
objects of typing or __future__; Lua's are every key of require "httpstatus".
KIND is function, constant (a Status member; a Lua integer), class, ... In
each language the names must be exactly the `function` and `predicate` names
of cases.txt (docs/reference.md's), as functions, plus every constant name of the C
table, as constants, plus the extras allow-listed in SURFACE_EXTRAS below.
"""

import argparse
import collections
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile

from dump import is_parts, parse_parts, split_head  # the spelling of cases.txt, read as the dumpers read it

LANGUAGES = ("c", "python", "lua5.4", "luajit")
ALL = LANGUAGES
BINDINGS = ("python", "lua5.4", "luajit")
SECTIONS = {
    "version": ALL,
    "field": ALL,
    "code": ALL,
    "int": ALL,
    "bigint": BINDINGS,
    "constant": ALL,
    "string": ALL,
    "lang": ALL,
    "lang_nul": BINDINGS,
    "badarg": BINDINGS,
    "all": ALL,
    "search": ALL,
    "phrases": ALL,
    "check": ALL,
    "problem": ALL,
    "problem_nolua": ("c", "python"),
    "problem_object": BINDINGS,
    "problem_object_nolua": ("python",),
    "badproblem": ALL,
    "badproblem_c": ("c",),
    "badproblem_nopy": ("c", "lua5.4", "luajit"),
    "badproblem_nolua": ("c", "python"),
    "lua": ("lua5.4", "luajit"),
    "python": ("python",),
}

# Public names that only one language has, each with its reason.
SURFACE_EXTRAS = {
    "python": {
        "Status": "docs/reference.md: the IntEnum of every code, like http.HTTPStatus",
        "Finding": "the type of check()'s findings, for isinstance and annotations (Lua's are plain tables)",
        "Rule": "the type of rules()'s items, for isinstance and annotations (Lua's are plain tables)",
        "ResponseRuleError": "what check(response) and the WSGI/ASGI middleware raise with raise_on_finding=True "
                             "(Lua's httpstatus.ngx logs instead)",
        "Problem": "the type of problem()'s answer, a read-only mapping with .json() (Lua's is a plain table)",
    },
    "lua5.4": {
        "_VERSION": "Lua's convention for a module's version (Python's __version__ is a dunder)",
        "null": "JSON null in problem extensions (cjson.null, ngx.null); Python has None",
    },
    "luajit": {
        "_VERSION": "Lua's convention for a module's version (Python's __version__ is a dunder)",
        "null": "JSON null in problem extensions (cjson.null, ngx.null); Python has None",
    },
}

HERE = os.path.dirname(os.path.abspath(__file__))


class Failure(Exception):
    pass


# ---- running the dumpers --------------------------------------------------

def clean_environment():
    """The environment minus what would make an interpreter load something
    else than the build under test."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith(("PYTHON", "LUA_INIT", "LUA_PATH", "LUA_CPATH"))}


def dumper_commands(args, surface=False):
    if surface:
        return {
            "python": [args.python, "-B", "-I", os.path.join(HERE, "dump.py"),
                       args.python_package, args.cases, "--surface"],
            "lua5.4": [args.lua54, os.path.join(HERE, "dump.lua"), args.lua54_module, args.cases, "surface"],
            "luajit": [args.luajit, os.path.join(HERE, "dump.lua"), args.luajit_module, args.cases, "surface"],
        }
    return {
        "c": [args.c, args.cases],
        "python": [args.python, "-B", "-I", os.path.join(HERE, "dump.py"), args.python_package, args.cases],
        "lua5.4": [args.lua54, os.path.join(HERE, "dump.lua"), args.lua54_module, args.cases],
        "luajit": [args.luajit, os.path.join(HERE, "dump.lua"), args.luajit_module, args.cases],
    }


def run_dumpers(commands):
    """Runs the dumpers side by side; their stdout as text, by language."""
    env = clean_environment()
    running = {}
    for language, command in commands.items():
        if not os.path.exists(command[0]):
            raise Failure(f"{language} dumper: {command[0]} does not exist (is it built/installed?)")
        running[language] = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                             stdin=subprocess.DEVNULL, env=env)
    dumps = {}
    for language, process in running.items():
        out, err = process.communicate()
        if process.returncode != 0:
            raise Failure(f"{language} dumper failed (exit {process.returncode}): "
                          f"{' '.join(commands[language])}\n{err.decode('utf-8', 'replace')}")
        if err:
            sys.stderr.write(f"{language} dumper wrote to stderr:\n{err.decode('utf-8', 'replace')}")
        try:
            dumps[language] = out.decode("utf-8")
        except UnicodeDecodeError as e:
            raise Failure(f"{language} dumper wrote invalid UTF-8: {e}") from None
    return dumps


def save(dumps, directory):
    os.makedirs(directory, exist_ok=True)
    for language, text in dumps.items():
        with open(os.path.join(directory, language + ".txt"), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


def load(directory):
    dumps = {}
    for language in LANGUAGES:
        with open(os.path.join(directory, language + ".txt"), encoding="utf-8", newline="\n") as f:
            dumps[language] = f.read()
    return dumps


# ---- comparing -------------------------------------------------------------

def sections_of(language, text):
    """{section: [(line number, line)]}, and the problems of form found."""
    sections = collections.OrderedDict()
    problems = []
    if text and not text.endswith("\n"):
        problems.append(f"{language}: the dump does not end with a newline (cut short?)")
    for number, line in enumerate(text.split("\n")[:-1] if text else [], 1):
        fields = line.split("\t")
        if len(fields) != 4 or not all(fields[:3]) or fields[3] == "":
            problems.append(f"{language} line {number}: not SECTION<TAB>SUBJECT<TAB>QUESTION<TAB>ANSWER: {line!r}")
            continue
        sections.setdefault(fields[0], []).append((number, line))
    for section in sections:
        if section not in SECTIONS:
            problems.append(f"{language}: unknown section {section!r}")
        elif language not in SECTIONS[section]:
            problems.append(f"{language}: writes section {section!r}, which only "
                            f"{', '.join(SECTIONS[section])} may write")
    for section, languages in SECTIONS.items():
        if language in languages and section not in sections:
            problems.append(f"{language}: section {section!r} is missing (it is compared between "
                            f"{', '.join(languages)}; nothing is skipped)")
    return sections, problems


def first_difference(ref, ref_lines, other, other_lines, section):
    """A report of where two sections part, or None when they are equal."""
    a = [line for _, line in ref_lines]
    b = [line for _, line in other_lines]
    if a == b:
        return None
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    # The first hunk from there on, within a window so that a dump that
    # differs everywhere costs no quadratic matching.
    window = 3000
    matcher = difflib.SequenceMatcher(None, a[start:start + window], b[start:start + window], autojunk=False)
    tag, i1, i2, j1, j2 = next(op for op in matcher.get_opcodes() if op[0] != "equal")
    only_ref = sum((collections.Counter(a) - collections.Counter(b)).values())
    only_other = sum((collections.Counter(b) - collections.Counter(a)).values())
    width = max(len(ref), len(other))
    out = [f"DIFFERENCE {ref} vs {other} in section {section!r}: {only_ref} line(s) of {ref} "
           f"not in {other}, {only_other} line(s) of {other} not in {ref}; the first:"]
    limit = 8
    for language, lines, lo, hi in ((ref, ref_lines, start + i1, start + i2),
                                    (other, other_lines, start + j1, start + j2)):
        if lo == hi:
            near = lines[lo][0] if lo < len(lines) else (lines[-1][0] + 1 if lines else 1)
            out.append(f"  {language:<{width}} (nothing, before its line {near})")
        for number, line in lines[lo:min(hi, lo + limit)]:
            out.append(f"  {language:<{width}} line {number}: {line}")
        if hi - lo > limit:
            out.append(f"  {language:<{width}} ... and {hi - lo - limit} more")
    return "\n".join(out)


def problem_answers(language, sections):
    """What holds within one dump for problem details: a problem every
    language must refuse is refused (answer error, no body), and the object
    a binding builds, the bytes parsed back and the object the case
    describes are one object."""
    problems = []
    for section, lines in sections.items():
        if section.startswith("badproblem"):
            for number, line in lines:
                if line.split("\t")[3] != "error":
                    problems.append(f"{language} line {number}: a problem every language must refuse "
                                    f"was not refused: {line}")
        elif section.startswith("problem_object"):
            by_subject = collections.OrderedDict()
            for number, line in lines:
                _, subject, question, value = line.split("\t")
                by_subject.setdefault(subject, []).append((number, question, value))
            for subject, answers in by_subject.items():
                questions = [question for _, question, _ in answers]
                if questions != ["input", "object", "parsed"]:
                    problems.append(f"{language}: {section} {subject}: asked {questions}, "
                                    f"not input, object, parsed")
                elif len({value for _, _, value in answers}) != 1:
                    problems.append(f"{language} line {answers[0][0]}: {section} {subject}: the object the case "
                                    f"describes, the object built and the bytes parsed back differ:\n" +
                                    "\n".join(f"  {question:<6} {value}" for _, question, value in answers))
    return problems


def compare(dumps):
    """Every problem found in dumps ({language: text}), as report texts."""
    problems = []
    parsed = {}
    for language in LANGUAGES:
        if language not in dumps:
            problems.append(f"{language}: no dump")
            continue
        parsed[language], form = sections_of(language, dumps[language])
        problems.extend(form)
        problems.extend(problem_answers(language, parsed[language]))
    for section, languages in SECTIONS.items():
        ref = languages[0]
        if ref not in parsed or section not in parsed[ref]:
            continue
        for other in languages[1:]:
            if other in parsed and section in parsed[other]:
                report = first_difference(ref, parsed[ref][section], other, parsed[other][section], section)
                if report:
                    problems.append(report)
    return problems


# ---- the command line's findings ------------------------------------------------

def tool_case(spelling):
    """The response, the tool's arguments and the code of a `check` case,
    or None when the command line cannot express it (a request, a version
    other than 2 or 3, a code that is not three digits, a NUL in an
    option)."""
    head, *fields = spelling.split(" | ")
    code, *options = split_head(head)
    args, version, content, given = [], None, b"", False
    for option in options:
        key, _, value = option.partition("=")
        value = parse_parts(value) if is_parts(value) else value.encode()
        if key == "request" or (key == "version" and value not in (b"2", b"3")) or b"\0" in value:
            return None
        if key == "version":
            version = value.decode()
        elif key == "content" and is_parts(option.partition("=")[2]):
            content, given = value, True
        elif key == "content":
            content = b"x" if value == b"yes" else b""
            if value == b"yes" and any(f.lower().startswith("content-type: application/problem+json")
                                       for f in fields):
                return None  # the tool reads "x" as the problem body, which check() was not given
        else:  # method, ignore, level, lang: options of the tool too
            args += [b"--" + key.encode(), value]
    if not (code.isdigit() and len(code) == 3):
        return None
    if given and content and f"Content-Length: {len(content)}" not in fields:
        raise Failure(f"the check case {spelling!r} gives {len(content)} bytes of content without "
                      f"Content-Length: {len(content)}, which the command line needs to read them")
    status = f"HTTP/{version} {code}" if version else f"HTTP/1.1 {code} Reason"
    head = "".join(f"{f.partition(':')[0]}:{f.partition(':')[2]}\r\n" for f in fields)
    response = f"{status}\r\n{head}\r\n".encode() + content
    return response, args, int(code)


def compare_tool(tool, cases_path, c_dump):
    """Every `check` case the command line can express, run through
    `httpstatus --check --json`, against the C core's findings."""
    c_lines = collections.defaultdict(list)
    for line in c_dump.split("\n"):
        fields = line.split("\t")
        if fields[0] == "check":
            c_lines[fields[1]].append((fields[2], fields[3]))
    problems, compared = [], 0
    for spelling in read_cases(cases_path)["check"]:
        case = tool_case(spelling)
        if case is None:
            continue
        response, args, code = case
        run = subprocess.run([tool, "--check", "--json", *args], input=response, capture_output=True)
        compared += 1
        if c_lines[spelling] == [("count", "error")]:  # options every language refuses
            if run.returncode != 2 or run.stdout or not run.stderr:
                problems.append(f"tool: {spelling}: C refuses the options; the tool must exit 2 with a message "
                                f"on stderr and nothing on stdout, not exit {run.returncode}, "
                                f"stdout {run.stdout[:200]!r}, stderr {run.stderr[:200]!r}")
            continue
        try:
            findings = json.loads(run.stdout.decode("utf-8"))
        except ValueError:
            problems.append(f"tool: {spelling}: no JSON (exit {run.returncode}): {run.stderr.decode(errors='replace')}")
            continue
        expected_exit = 1 if any(f["level"] in ("must", "should") for f in findings) else 0
        got = [("count", str(len(findings)))]
        for i, finding in enumerate(findings, 1):
            if finding.get("code") != code:
                problems.append(f"tool: {spelling}: finding {i} has code {finding.get('code')!r}")
            for question in ("id", "level", "field", "message", "reference"):
                value = finding.get(question)
                got.append((f"{i}.{question}", "nil" if value is None else '"' + value + '"'))
        if got != c_lines[spelling]:
            problems.append(f"tool: {spelling}: findings differ from C's\n  c:    {c_lines[spelling]}\n  tool: {got}")
        elif run.returncode != expected_exit:
            problems.append(f"tool: {spelling}: exit {run.returncode}, want {expected_exit}")
    if compared == 0:
        problems.append("tool: no check case was expressible on the command line")
    return problems, compared


def unquote(answer):
    """The bytes of a string answer of a dump (the inverse of its escaping)."""
    if len(answer) < 2 or answer[0] != '"' or answer[-1] != '"':
        raise Failure(f"not a string answer: {answer!r}")
    text, out, i = answer[1:-1], bytearray(), 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            e = text[i + 1]
            if e == "x":
                out.append(int(text[i + 2:i + 4], 16))
                i += 4
                continue
            out += {"\\": b"\\", "t": b"\t", "n": b"\n", "r": b"\r"}[e]
            i += 2
            continue
        out += c.encode("utf-8")
        i += 1
    return bytes(out)


def problem_args(spelling):
    """The tool's arguments for a problem case (grammar in cases.txt), or
    None when a string holds a NUL, which no argument can."""
    head, *extensions = spelling.split(" | ")
    code, *members = split_head(head)
    args = [b"--problem", code.encode()]
    for member in members:
        key, _, value = member.partition("=")
        value = parse_parts(value)
        if b"\0" in value:
            return None
        args += [b"--" + key.encode(), value]
    for extension in extensions:
        name, _, value = extension.partition(":")
        args += [b"--extension", (name + "=" + value.lstrip(" ")).encode()]
    return args


def compare_tool_problems(tool, c_dump):
    """Every problem case of the C dump that the command line can express,
    given to `httpstatus --problem`: C's bytes and a newline, or for a
    problem C refuses exit 2, one line on stderr and nothing on stdout."""
    problems, compared = [], 0
    for line in c_dump.split("\n"):
        fields = line.split("\t")
        if not (fields[0].startswith("problem") or fields[0].startswith("badproblem")) \
                or fields[0].startswith("problem_object") or fields[2] != "json":
            continue
        args = problem_args(fields[1])
        if args is None:
            continue
        run = subprocess.run([tool, *args], capture_output=True, stdin=subprocess.DEVNULL)
        compared += 1
        if fields[3] == "error":
            # One line saying what is wrong; a usage error may add where to find help.
            lines = run.stderr.split(b"\n")
            if run.returncode != 2 or run.stdout or lines[-1] != b"" or not lines[0].startswith(b"httpstatus: ") \
                    or lines[1:-1] not in ([], [b"Try 'httpstatus --help'."]):
                problems.append(f"tool: {fields[0]} {fields[1]}: C refuses it; the tool must exit 2 with one line on "
                                f"stderr and nothing on stdout, not exit {run.returncode}, "
                                f"stdout {run.stdout[:200]!r}, stderr {run.stderr[:300]!r}")
        elif run.returncode != 0 or run.stdout != unquote(fields[3]) + b"\n" or run.stderr:
            problems.append(f"tool: {fields[0]} {fields[1]}: exit {run.returncode}, stderr {run.stderr[:300]!r}\n"
                            f"  c:    {unquote(fields[3])[:300]!r} and a newline\n  tool: {run.stdout[:300]!r}")
    if compared == 0:
        problems.append("tool: no problem case was expressible on the command line")
    return problems, compared


def print_verdict(problems, dumps):
    if problems:
        print("\n\n".join(problems))
        print(f"\nFAIL: {len(problems)} problem(s). The same question must get the same answer in "
              "every language; see the format at the top of tests/conformance/compare.py.")
        return 1
    counts = ", ".join(f"{language} {dumps[language].count(chr(10))}" for language in LANGUAGES)
    print(f"OK: every answer agrees (lines per dump: {counts}).")
    return 0


# ---- the surface ------------------------------------------------------------

def read_cases(path):
    cases = collections.defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                kind, _, rest = line.partition(" ")
                cases[kind].append(rest)
    return cases


def check_surface(args):
    cases = read_cases(args.cases)
    c_dump = run_dumpers({"c": dumper_commands(args)["c"]})["c"]
    constants = {line.split("\t")[1] for line in dump_lines(c_dump) if line.startswith("constant\t")}
    # The predicates are the C surface list's (section field).
    predicates = {line.split("\t")[1] for line in dump_lines(c_dump)
                  if line.startswith("field\t") and line.endswith('\t"predicate"')}
    functions = set(cases["function"]) | predicates
    values = set(cases["value"])
    if not constants or not predicates or not functions:
        return [f"surface: nothing to expect ({len(functions)} functions, {len(constants)} constants)"]
    expected = functions | constants | values
    problems = []
    surfaces = run_dumpers(dumper_commands(args, surface=True))
    seen = {}
    for language, text in surfaces.items():
        kinds = {}
        for line in dump_lines(text):
            section, name, question, kind = line.split("\t")
            if section != "surface" or question != "kind":
                problems.append(f"{language}: not a surface line: {line!r}")
            kinds[name] = kind
        seen[language] = kinds
        extras = SURFACE_EXTRAS.get(language, {})
        names = set(kinds) - set(extras)
        for name in sorted(expected - names):
            what = ("API function" if name in functions else "API value" if name in values
                    else "constant of the C table")
            problems.append(f"{language}: the {what} {name} is missing")
        for name in sorted(names - expected):
            problems.append(f"{language}: public name {name} ({kinds[name]}) is neither in docs/reference.md "
                            f"nor in the C table nor allow-listed in SURFACE_EXTRAS")
        for name in sorted(set(extras) - set(kinds)):
            problems.append(f"{language}: allow-listed extra {name} does not exist (stale allow-list)")
        for name in sorted(names & functions):
            if kinds[name] != "function":
                problems.append(f"{language}: {name} should be a function, is {kinds[name]}")
        for name in sorted(names & constants):
            if kinds[name] != "constant":
                problems.append(f"{language}: {name} should be an integer constant, is {kinds[name]}")
        for name in sorted(names & values):
            if kinds[name] in ("function", "constant"):
                problems.append(f"{language}: {name} should be a value (a mapping or table), is {kinds[name]}")
    if not problems:
        py = set(seen["python"]) - set(SURFACE_EXTRAS["python"])
        print(f"OK: Python, Lua 5.4 and LuaJIT export the same {len(py)} names: "
              f"{len(functions)} functions, {len(values)} values and {len(constants)} constants "
              f"(+ allowed extras: {', '.join(f'{l} {n}' for l in SURFACE_EXTRAS for n in SURFACE_EXTRAS[l])}).")
    return problems


# ---- proof that a difference fails --------------------------------------------

def dump_lines(text):
    """The lines of a dump: split at LF only (str.splitlines would also split
    inside an answer holding U+2028, U+2029 or other Unicode line breaks)."""
    return text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")


def self_test(args):
    """Alters real dumps one way at a time, as a broken binding would, and
    requires `compare.py files` to fail and to name the pair and the line."""
    dumps = run_dumpers(dumper_commands(args))
    problems = compare(dumps)
    if problems:
        return ["self-test: the real dumps already differ, so a deliberate change proves nothing; "
                "the test `conformance` shows what differs:\n" + problems[0]]

    def one_line(language, prefix):
        found = [line for line in dump_lines(dumps[language]) if line.startswith(prefix)]
        if len(found) != 1:
            raise Failure(f"self-test: expected one line starting {prefix!r} in the {language} dump, "
                          f"found {len(found)}")
        return found[0]

    def replace(language, old, new):
        """The dumps with one whole line of one language replaced by new
        (which ends with a newline)."""
        altered = dict(dumps)
        altered[language] = dumps[language].replace("\n" + old + "\n", "\n" + new, 1)
        if altered[language] == dumps[language]:
            raise Failure(f"self-test: could not alter {old!r} in the {language} dump")
        return altered

    phrase = one_line("python", "code\t404\tphrase\t")
    predicate = one_line("lua5.4", "code\t503\tis_retryable\t")
    flipped = predicate.rsplit("\t", 1)[0] + "\t" + ("false" if predicate.endswith("true") else "true")
    # An alias: a constant whose get.name is another name.
    aliases = [line.split("\t")[1] for line in dump_lines(dumps["luajit"])
               if line.startswith("constant\t") and "\tget.name\t" in line
               and line.split("\t")[3] != '"%s"' % line.split("\t")[1]]
    if not aliases:
        raise Failure("self-test: the luajit dump lists no alias")
    alias = aliases[0]
    alias_lines = "".join(line + "\n" for line in dump_lines(dumps["luajit"])
                          if line.startswith(f"constant\t{alias}\t"))
    value = one_line("python", f"constant\t{aliases[-1]}\tvalue\t")
    bad = one_line("luajit", "badarg\tnil\tget\t")
    # Problem details: one byte of a body, a refusal, an object.
    body = one_line("lua5.4", 'problem\t404 detail="No user 42"\tjson\t')
    changed_body = body.replace('"detail":"No user 42"', '"detail":"No user 43"')
    refusal = one_line("python", "badproblem\t404 | status: 404\tjson\t")
    written = refusal.replace("\terror", '\t"{\"title\":\"Not Found\",\"status\":404}"')
    nested = [line for line in dump_lines(dumps["luajit"])
              if line.startswith("problem_object\t404 | nested: ") and "\tobject\t" in line]
    if len(nested) != 1:
        raise Failure(f"self-test: expected one object line of the nested problem in the luajit dump, found {len(nested)}")
    built = nested[0]
    changed_built = built.replace('"z":null', '"z":false')

    cases = [
        # (what, altered dumps, texts the report must contain)
        ("one phrase changed in Python", replace("python", phrase, phrase[:-1] + 'X"\n'),
         ["c vs python", "section 'code'", phrase, phrase[:-1] + 'X"']),
        ("one predicate flipped in Lua 5.4", replace("lua5.4", predicate, flipped + "\n"),
         ["c vs lua5.4", "section 'code'", predicate, flipped]),
        ("one alias dropped in LuaJIT", dict(dumps, luajit=dumps["luajit"].replace("\n" + alias_lines, "\n", 1)),
         ["c vs luajit", "section 'constant'", f"constant\t{alias}\tvalue"]),
        ("one alias bound to another code in Python",
         replace("python", value, value.rsplit("\t", 1)[0] + "\t" + str(int(value.rsplit("\t", 1)[1]) + 1) + "\n"),
         ["c vs python", "section 'constant'", value]),
        ("one bad argument accepted in LuaJIT", replace("luajit", bad, bad.replace("\terror", "\tnil") + "\n"),
         ["python vs luajit", "section 'badarg'", bad]),
        ("one byte of a problem body changed in Lua 5.4", replace("lua5.4", body, changed_body + "\n"),
         ["c vs lua5.4", "section 'problem'", body, changed_body]),
        ("a body written in Python for a problem every language refuses", replace("python", refusal, written + "\n"),
         ["c vs python", "section 'badproblem'", "was not refused", written]),
        ("the object LuaJIT builds differs from its bytes parsed back", replace("luajit", built, changed_built + "\n"),
         ["python vs luajit", "section 'problem_object'", "differ", changed_built]),
        ("a whole section missing from Lua 5.4",
         dict(dumps, **{"lua5.4": "".join(l + "\n" for l in dump_lines(dumps["lua5.4"])
                                          if not l.startswith("bigint\t"))}),
         ["lua5.4: section 'bigint' is missing"]),
    ]
    problems = []
    with tempfile.TemporaryDirectory(prefix="hs-conformance-") as tmp:
        save(dumps, tmp)
        result = subprocess.run([sys.executable, "-B", os.path.abspath(__file__), "files", tmp],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
        if result.returncode != 0:
            problems.append(f"self-test: the unaltered dumps fail through `files`:\n{result.stdout}")
        for what, altered, expected in cases:
            shutil.rmtree(tmp)
            save(altered, tmp)
            result = subprocess.run([sys.executable, "-B", os.path.abspath(__file__), "files", tmp],
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
            missing = [text for text in expected if text not in result.stdout]
            if result.returncode == 0 or missing:
                problems.append(f"self-test: {what}: exit {result.returncode}, report lacks {missing!r}:\n"
                                f"{result.stdout}")
            else:
                print(f"detected: {what}\n" + "\n".join("    " + l for l in result.stdout.splitlines()[:3]))
    if args.tool:
        # The command line against C: one byte of a body, and a refusal, altered in the C dump.
        c_body = one_line("c", 'problem\t404 detail="No user 42"\tjson\t')
        c_refusal = one_line("c", "badproblem\t404 | status: 404\tjson\t")
        for what, old, new, expected in [
                ("the tool's body differs from C's by one byte", c_body,
                 c_body.replace('"detail":"No user 42"', '"detail":"No user 4X"'), 'tool: problem 404 detail="No user 42"'),
                ("the tool refuses what C writes", c_refusal,
                 c_refusal.replace("\terror", '\t"{\"title\":\"Not Found\",\"status\":404}"'),
                 "tool: badproblem 404 | status: 404"),
        ]:
            tool_problems, _ = compare_tool_problems(args.tool, replace("c", old, new + "\n")["c"])
            if len(tool_problems) != 1 or expected not in tool_problems[0]:
                problems.append(f"self-test: {what}: want one report naming {expected!r}, got {tool_problems!r}")
            else:
                print(f"detected: {what}\n    " + tool_problems[0].splitlines()[0])
    return problems


# ---- command line ------------------------------------------------------------

def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    for mode in ("compare", "surface", "self-test"):
        p = sub.add_parser(mode)
        p.add_argument("--cases", required=True, help="cases.txt")
        p.add_argument("--c", required=True, help="the C dumper (dump.c built)")
        p.add_argument("--python", required=True, help="the Python interpreter of the package")
        p.add_argument("--python-package", required=True, help="directory holding the httpstatus package")
        p.add_argument("--lua5.4", dest="lua54", required=True, help="the lua5.4 interpreter")
        p.add_argument("--lua5.4-module", dest="lua54_module", required=True,
                       help="directory holding httpstatus/init.lua and httpstatus/core.so for Lua 5.4")
        p.add_argument("--luajit", required=True, help="the luajit interpreter")
        p.add_argument("--luajit-module", required=True, help="the same for LuaJIT")
        p.add_argument("--save", metavar="DIR", help="write each dump to DIR/LANGUAGE.txt")
        p.add_argument("--tool", help="the httpstatus command: its --check answers the check cases too")
    files = sub.add_parser("files")
    files.add_argument("directory")
    args = parser.parse_args(argv)

    try:
        if args.mode == "files":
            dumps = load(args.directory)
            return print_verdict(compare(dumps), dumps)
        if args.mode == "compare":
            dumps = run_dumpers(dumper_commands(args))
            if args.save:
                save(dumps, args.save)
            problems = compare(dumps)
            if args.tool and "c" in dumps:
                tool_problems, compared = compare_tool(args.tool, args.cases, dumps["c"])
                problems += tool_problems
                print(f"the command line answered {compared} check cases")
                tool_problems, compared = compare_tool_problems(args.tool, dumps["c"])
                problems += tool_problems
                print(f"the command line answered {compared} problem cases")
            return print_verdict(problems, dumps)
        problems = check_surface(args) if args.mode == "surface" else self_test(args)
    except Failure as e:
        problems = [str(e)]
    if problems:
        print("\n".join(problems))
        print(f"\nFAIL: {len(problems)} problem(s).")
        return 1
    if args.mode == "self-test":
        print("OK: every deliberate difference made the comparison fail, naming the pair and the line.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
