"""The Python package's answers to the questions of cases.txt, in the
conformance format defined at the top of compare.py.

    python3 -B -I dump.py PACKAGE_DIR CASES [--surface]

PACKAGE_DIR holds the httpstatus package under test (the CMake build's
bindings/python); nothing else named httpstatus is imported. --surface writes
the public module-level names instead.
"""

import json
import os
import sys
import types


def main(package_dir, cases_path, surface):
    sys.path.insert(0, package_dir)
    import httpstatus

    where = os.path.realpath(httpstatus.__file__)
    if not where.startswith(os.path.realpath(package_dir) + os.sep):
        sys.exit(f"dump.py: imported httpstatus from {where}, not from {package_dir}")
    out = []
    (dump_surface if surface else dump)(httpstatus, read_cases(cases_path), out)
    sys.stdout.buffer.write("".join(out).encode("utf-8"))


# ---- the format ------------------------------------------------------------------

def utf8_length(b, i):
    """Length of the well-formed UTF-8 sequence of a non-ASCII character at
    b[i] (RFC 3629), or 0."""
    c = b[i]
    lo, hi = 0x80, 0xBF
    if 0xC2 <= c <= 0xDF:
        n = 2
    elif 0xE0 <= c <= 0xEF:
        n = 3
        lo, hi = (0xA0 if c == 0xE0 else 0x80), (0x9F if c == 0xED else 0xBF)
    elif 0xF0 <= c <= 0xF4:
        n = 4
        lo, hi = (0x90 if c == 0xF0 else 0x80), (0x8F if c == 0xF4 else 0xBF)
    else:
        return 0
    if i + n > len(b) or not lo <= b[i + 1] <= hi or not all(0x80 <= x <= 0xBF for x in b[i + 2:i + n]):
        return 0
    return n


ESCAPES = {ord("\\"): "\\\\", ord("\t"): "\\t", ord("\n"): "\\n", ord("\r"): "\\r"}


def quote(text):
    """A string answer: its UTF-8 bytes (lone surrogates as surrogateescape
    has them, or as their own invalid UTF-8), escaped."""
    try:
        b = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        b = text.encode("utf-8", "surrogatepass")
    out = []
    i = 0
    while i < len(b):
        c = b[i]
        if c in ESCAPES:
            out.append(ESCAPES[c])
        elif c < 0x20 or c == 0x7F:
            out.append("\\x%02x" % c)
        elif c < 0x80:
            out.append(chr(c))
        else:
            n = utf8_length(b, i)
            if n:
                out.append(b[i:i + n].decode("utf-8"))
                i += n
                continue
            out.append("\\x%02x" % c)
        i += 1
    return '"' + "".join(out) + '"'


def answer(value, status_type):
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, status_type):
        return "object"
    if type(value) is int:
        return str(value)
    if isinstance(value, str):
        return quote(value)
    if type(value) is tuple and all(type(item) is str for item in value):
        return quote(",".join(value))  # aliases, rules
    return "raised:" + quote(f"an answer of type {type(value).__name__}: {value!r}")


def call(function_name, function, *args, status_type):
    """The answer of function(*args); TypeError naming the function and
    ValueError are the errors docs/reference.md asks for, anything else is not."""
    try:
        return answer(function(*args), status_type)
    except (TypeError, ValueError) as e:
        if isinstance(e, TypeError) and f"{function_name}()" not in str(e):
            return "raised:" + quote(f"TypeError not naming {function_name}(): {e}")
        return "error"
    except Exception as e:
        return "raised:" + quote(f"{type(e).__name__}: {e}")


# ---- cases.txt ----------------------------------------------------------------------

def read_cases(path):
    cases = []
    with open(path, "rb") as f:
        for line in f.read().decode("utf-8").split("\n")[:-1]:
            if any(ord(c) < 0x20 for c in line):
                sys.exit(f"dump.py: a control character in the cases (write it escaped): {line!r}")
            if line and not line.startswith("#"):
                kind, _, rest = line.partition(" ")
                cases.append((kind, rest))
    return cases


def parse_parts(spelling):
    """PARTS as bytes: one or more "..." or N*"...", concatenated."""
    out = bytearray()
    i = 0
    while i < len(spelling):
        if spelling[i] == " ":
            i += 1
            continue
        count = 1
        if spelling[i].isdigit():
            star = spelling.index("*", i)
            count = int(spelling[i:star])
            i = star + 1
        if spelling[i] != '"':
            sys.exit(f"dump.py: expected a quoted string: {spelling}")
        i += 1
        part = bytearray()
        while spelling[i] != '"':
            c = spelling[i]
            i += 1
            if c == "\\":
                c = spelling[i]
                i += 1
                if c == "x":
                    part.append(int(spelling[i:i + 2], 16))
                    i += 2
                    continue
                c = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\", '"': '"'}[c]
            part += c.encode("utf-8")
        i += 1
        out += part * count
    return bytes(out)


def as_str(b):
    """What a Python user holds for these bytes: a str, invalid bytes as
    lone surrogates (PEP 383)."""
    return b.decode("utf-8", "surrogateescape")


BADARG_VALUES = {
    "nil": None,
    "true": True,
    "false": False,
    "table": [404],
    "function": lambda: 404,
    "object": object(),
}


def badarg_value(label):
    if label in BADARG_VALUES:
        return BADARG_VALUES[label]
    if label.startswith('"'):
        return as_str(parse_parts(label))
    value = float(label)  # nan, inf, -inf, 404.5, ...
    if value.is_integer():
        sys.exit(f"dump.py: badarg {label} is an integral number, which Lua takes as a code")
    return value


# ---- the questions ----------------------------------------------------------------------

def dump(hs, cases, out):
    status = hs.Status
    # The fields are a member's own public attributes, in their order; the
    # predicates are those that are also module functions. The surface list
    # (core/httpstatus_surface.def) decides both; nothing here names one.
    fields = [name for name in vars(status(404)) if not name.startswith("_")]
    predicates = [name for name in fields
                  if type(getattr(status(404), name)) is bool and callable(getattr(hs, name, None))]

    def line(section, subject, question, text):
        out.append(f"{section}\t{subject}\t{question}\t{text}\n")

    def ask(name, *args):
        return call(name, getattr(hs, name), *args, status_type=status)

    def dump_code(section, subject, code):
        got = hs.get(code)
        line(section, subject, "get", ask("get", code))
        if isinstance(got, status):
            line(section, subject, "get.fields",
                 answer(",".join(sorted(n for n in vars(got) if not n.startswith("_"))), status))
            for field in fields:
                line(section, subject, "get." + field, call(field, lambda: getattr(got, field), status_type=status))
            line(section, subject, "get.by_name_is_same", answer(hs.get(got.name) is got, status))
        digits = hs.get(subject)  # the code in decimal
        line(section, subject, "get.digits", answer(digits.code if isinstance(digits, status) else digits, status))
        line(section, subject, "phrase", ask("phrase", code))
        line(section, subject, "category", ask("category", code))
        line(section, subject, "description", ask("description", code))
        line(section, subject, "description.en", ask("description", code, "en"))
        line(section, subject, "description.ko", ask("description", code, "ko"))
        for predicate in predicates:
            line(section, subject, predicate, ask(predicate, code))

    line("version", "library", "version", answer(hs.__version__, status))
    for name in fields:
        line("field", name, "kind", quote("predicate" if name in predicates else "field"))
    for code in range(-5, 1001):
        dump_code("code", str(code), code)

    badargs = []
    for kind, rest in cases:
        if kind in ("function", "value"):
            continue
        if kind == "search":
            word = as_str(parse_parts(rest))
            try:
                found = hs.search(word)
            except Exception as e:
                line("search", rest, "count", "raised:" + quote(f"{type(e).__name__}: {e}"))
                continue
            if type(found) is not list:
                line("search", rest, "count", "raised:" + quote(f"search() gave a {type(found).__name__}"))
                continue
            line("search", rest, "count", answer(len(found), status))
            for i, s in enumerate(found, 1):
                line("search", rest, str(i), answer(s.code, status) if isinstance(s, status) else answer(s, status))
            continue
        if kind == "string":
            text = as_str(parse_parts(rest))
            line("string", rest, "bytes", str(len(text.encode("utf-8", "surrogateescape"))))
            line("string", rest, "get", ask("get", text))
            got = hs.get(text)
            if isinstance(got, status):
                line("string", rest, "get.code", answer(got.code, status))
                line("string", rest, "get.name", answer(got.name, status))
        elif kind == "lang":
            raw = parse_parts(rest)
            for code in (404, 299, -1):
                line("lang" if b"\0" not in raw else "lang_nul", rest, f"description({code})",
                     ask("description", code, as_str(raw)))
        elif kind == "int":
            value = int(rest)
            dump_code("int" if -2**31 <= value < 2**31 else "bigint", rest, value)
        elif kind == "check":
            dump_check(hs, rest, line, status)
        elif kind == "badarg":
            badargs.append((rest, badarg_value(rest)))
        elif kind == "problem_every_code":
            for s in hs.all():
                dump_problem(hs, "problem", f"{s.code} detail={rest}", line)
        elif kind in ("problem", "problem_nolua", "badproblem", "badproblem_nolua"):
            dump_problem(hs, kind, rest, line)
        elif kind in ("badproblem_c", "badproblem_nopy"):
            pass  # what Python cannot say: one keyword twice, a key twice, a keyword parameter as extension
        else:
            sys.exit(f"dump.py: unknown case {kind} {rest}")

    for label, value in badargs:
        for name in ["get", "phrase", "category", "description"] + predicates:
            line("badarg", label, name, ask(name, value))
        if value is not None:  # Lua's nil is "no lang": see the lua section
            line("badarg", label, "description.lang", ask("description", 404, value))

    dump_constants(hs, line)

    everything = hs.all()
    line("all", "count", "length", answer(len(everything), status))
    for i, s in enumerate(everything, 1):
        line("all", str(i), "code", answer(s.code, status))
        line("all", str(i), "name", answer(s.name, status))
        line("all", str(i), "is_get", answer(hs.get(s.code) is s, status))

    phrases = hs.phrases
    line("phrases", "count", "length", answer(len(phrases), status))
    for code in sorted(phrases):
        line("phrases", str(code), "phrase", answer(phrases[code], status))

    # Recorded, compared with nobody: what only Python refuses or has.
    only = [
        ("404.0", "get", lambda: hs.get(404.0)),
        ("404.0", "phrase", lambda: hs.phrase(404.0)),
        ("404.0", "is_valid", lambda: hs.is_valid(404.0)),
        ("-0.0", "get", lambda: hs.get(-0.0)),
        ("1e300", "is_valid", lambda: hs.is_valid(1e300)),
        ("None", "description.lang", lambda: hs.description(404, None)),
        ('b"404"', "get", lambda: hs.get(b"404")),
        ('b"404"', "phrase", lambda: hs.phrase(b"404")),
        ('"\\ud800"', "get", lambda: hs.get("\ud800")),
        ('"NOT_FOUND\\ud800"', "get", lambda: hs.get("NOT_FOUND\ud800")),
        ("get(404)", "phrase", lambda: hs.phrase(hs.get(404))),
        ("get(404)", "get.code", lambda: hs.get(hs.get(404)).code),
        ("10**1000", "is_valid", lambda: hs.is_valid(10**1000)),
    ]
    for subject, question, function in only:
        line("python", subject, question, call(question.split(".")[0], function, status_type=status))


def split_head(head):
    """The space-separated tokens of a case's head; a space inside a quoted
    string does not end one."""
    tokens, token, quoted, i = [], "", False, 0
    while i < len(head):
        c = head[i]
        if quoted and c == "\\" and i + 1 < len(head):
            token += head[i:i + 2]
            i += 2
            continue
        if c == '"':
            quoted = not quoted
        if c == " " and not quoted:
            if token:
                tokens.append(token)
            token = ""
        else:
            token += c
        i += 1
    if token:
        tokens.append(token)
    return tokens


def is_parts(value):
    """An option's value is PARTS when it starts with a quote or N*"..."."""
    digits = len(value) - len(value.lstrip("0123456789"))
    return value.startswith('"') or (digits > 0 and value[digits:digits + 1] == "*")


def option_value(value):
    """An option's value as a str: PARTS, or the text as written."""
    return as_str(parse_parts(value)) if is_parts(value) else value


def parse_check(spelling):
    """A `check` case (grammar in cases.txt) as check()'s arguments."""
    head, *fields = spelling.split(" | ")
    code, *options = split_head(head)
    kwargs, request = {}, None

    def pair(text):
        name, _, value = text.partition(":")
        return name, value.lstrip(" ")

    for option in options:
        key, _, value = option.partition("=")
        if key == "method":
            kwargs["method"] = option_value(value)
        elif key == "content" and is_parts(value):
            kwargs["content"] = parse_parts(value)
        elif key == "content":
            kwargs["content"] = value == "yes"
        elif key in ("version", "lang", "level"):
            kwargs[key] = option_value(value)
        elif key == "ignore":
            kwargs["ignore"] = value.split(",")
        elif key == "request":
            request = request or []
            if value:
                request.append(pair(value))
        else:
            sys.exit(f"dump.py: unknown option in a check case: {option}")
    if request is not None:
        kwargs["request_headers"] = request
    return int(code), [pair(f) for f in fields], kwargs


def dump_check(hs, spelling, line, status):
    code, headers, kwargs = parse_check(spelling)
    try:
        findings = hs.check(code, headers, **kwargs)
    except (TypeError, ValueError) as e:  # refused, as docs/reference.md says
        if isinstance(e, TypeError) and "check()" not in str(e):
            line("check", spelling, "count", "raised:" + quote(f"TypeError not naming check(): {e}"))
        else:
            line("check", spelling, "count", "error")
        return
    except Exception as e:
        line("check", spelling, "count", "raised:" + quote(f"{type(e).__name__}: {e}"))
        return
    line("check", spelling, "count", answer(len(findings), status))
    for i, finding in enumerate(findings, 1):
        for question in ("id", "level", "field", "message", "reference"):
            line("check", spelling, f"{i}.{question}", answer(getattr(finding, question), status))


def parse_problem(spelling):
    """A `problem` case (grammar in cases.txt): the code, the members given
    (str), and the extensions as (name, JSON text)."""
    head, *extensions = spelling.split(" | ")
    code, *members = split_head(head)
    given = {}
    for member in members:
        key, _, value = member.partition("=")
        given[key] = as_str(parse_parts(value))
    return int(code), given, [(e.partition(":")[0], e.partition(":")[2].lstrip(" ")) for e in extensions]


def canonical(value):
    """An object as one JSON text with sorted keys, to compare objects."""
    return quote(json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False))


def dump_problem(hs, section, spelling, line):
    """problem_json() and problem() of one case: the bytes (json), and for a
    problem that is written, in section problem_object, the object the case
    describes (input), dict(problem(...)) (object) and json.loads of the
    bytes (parsed). Refused: TypeError or ValueError from both."""
    code, given, extensions = parse_problem(spelling)
    values = {name: json.loads(text) for name, text in extensions}
    if len(values) != len(extensions):
        sys.exit(f"dump.py: one extension name twice in a problem case: {spelling}")
    args = (code, given["detail"]) if "detail" in given else (code,)
    kwargs = {k: v for k, v in given.items() if k != "detail"}
    if set(kwargs) & set(values):
        sys.exit(f"dump.py: an extension named like a keyword parameter: {spelling}")
    kwargs.update(values)
    outcomes = []
    for function in (lambda: hs.problem_json(*args, **kwargs), lambda: hs.problem(*args, **kwargs)):
        try:
            outcomes.append(("value", function()))
        except (TypeError, ValueError) as e:
            outcomes.append(("error", e))
        except Exception as e:
            outcomes.append(("raised", f"{type(e).__name__}: {e}"))
    (kind, body), (problem_kind, problem) = outcomes
    if kind == "raised" or problem_kind == "raised":
        line(section, spelling, "json", "raised:" + quote(str(body if kind == "raised" else problem)))
        return
    if kind != problem_kind:
        line(section, spelling, "json", "raised:" + quote(f"problem_json() gives {kind}, problem() {problem_kind}"))
        return
    if kind == "error":
        line(section, spelling, "json", "error")
        return
    if type(body) is not bytes:
        line(section, spelling, "json", "raised:" + quote(f"problem_json() gave a {type(body).__name__}"))
        return
    if problem.json() != body:
        line(section, spelling, "json", "raised:" + quote(f"problem().json() is {problem.json()!r}, "
                                                          f"problem_json() {body!r}"))
        return
    line(section, spelling, "json", quote(body.decode("utf-8", "surrogateescape")))
    try:
        findings = hs.check(code, [("Content-Type", "application/problem+json")], content=body)
        line(section, spelling, "check", quote(",".join(f.id for f in findings if f.id.startswith("problem-"))))
    except Exception as e:
        line(section, spelling, "check", "raised:" + quote(f"{type(e).__name__}: {e}"))
    order = []
    json.loads(body, object_pairs_hook=lambda pairs: order.append([k for k, _ in pairs]) or dict(pairs))
    expected = {"title": given.get("title", hs.phrase(code)), "status": code}
    expected.update((k, v) for k, v in given.items() if k != "title")
    expected.update(values)
    objects = section.replace("problem", "problem_object")
    line(objects, spelling, "input", canonical(expected))
    if list(problem) != order[-1]:
        line(objects, spelling, "object", "raised:" + quote(f"problem() iterates {list(problem)}, the bytes hold {order[-1]}"))
    else:
        line(objects, spelling, "object", canonical(dict(problem)))
    try:
        line(objects, spelling, "parsed", canonical(json.loads(body)))
    except ValueError as e:
        line(objects, spelling, "parsed", "raised:" + quote(f"json.loads: {e}"))


def dump_constants(hs, line):
    """Module attributes that are Status members, and Status.__members__:
    each name in both, bound to the same member."""
    status = hs.Status
    module = {n: v for n, v in vars(hs).items() if isinstance(v, status)}
    members = dict(status.__members__)
    for name in sorted(set(module) | set(members)):
        if name not in module or name not in members or module[name] is not members[name]:
            value = "raised:" + quote(f"module attribute {module.get(name)!r}, Status member {members.get(name)!r}")
        else:
            value = answer(int(module[name]), status)
        line("constant", name, "value", value)
        got = hs.get(name)
        line("constant", name, "get.code", answer(got.code if isinstance(got, status) else got, status))
        line("constant", name, "get.name", answer(got.name if isinstance(got, status) else got, status))


def dump_surface(hs, cases, out):
    """Public module-level names: no dunders or private names, no modules,
    nothing from typing or __future__."""
    for name in sorted(dir(hs)):
        value = getattr(hs, name)
        if name.startswith("_") or isinstance(value, types.ModuleType):
            continue
        if getattr(value, "__module__", None) in ("typing", "typing_extensions") \
                or type(value).__module__ in ("typing", "__future__"):
            continue
        if type(value) is hs.Status:
            kind = "constant"
        elif isinstance(value, type):
            kind = "class"
        elif callable(value):
            kind = "function"
        else:
            kind = type(value).__name__
        out.append(f"surface\t{name}\tkind\t{kind}\n")


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4) or sys.argv[3:] not in ([], ["--surface"]):
        sys.exit("usage: dump.py PACKAGE_DIR CASES [--surface]")
    main(sys.argv[1], sys.argv[2], len(sys.argv) == 4)
