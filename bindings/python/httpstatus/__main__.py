"""python3 -m httpstatus: the httpstatus command (cli/httpstatus.c).

It prints byte for byte what the C tool prints, with the same exit status,
and finds with the same C functions (hs_find, hs_search). Queries stay the
bytes the shell passed, so an argument that is not UTF-8 is echoed back as
it came.
"""

import os
import sys

from . import Status, _core, get

# cli/httpstatus.c's help, with 404's phrase from the table.
USAGE = b"""\
usage: httpstatus [--lang en|ko] [--json] QUERY...
       httpstatus --help | --version

Look up HTTP status codes. A QUERY is a code (404), a class (4xx), a
name, alias or phrase (not_found, "%s"), or a word to search
for in names and phrases (teapot).

  --lang LANG  description language: en (default) or ko
  --json       print a JSON array of the statuses found
  --help       print this help and exit
  --version    print the version and exit

Exit status: 0 when every query found something, 1 when one found
nothing, 2 on a usage error.
""" % _core.phrase(404).encode()

MAX_QUERIES = 256


class UsageError(Exception):
    pass


def is_class(query):
    return (len(query) == 3 and query[:1] in b"12345" and query[1:].lower() == b"xx")


def resolve(query):
    """The statuses one query finds, in the C tool's order."""
    if is_class(query):
        return [s for s in Status if s.code // 100 == query[0] - ord("0")]
    row = _core.find(query)
    if row is not None:
        return [get(row.code)]
    found = []
    i = _core.search(query, 0)
    while i < _core.count():
        found.append(get(_core.at(i).code))
        i = _core.search(query, i + 1)
    return found


def aliases(code):
    names, i = [], 0
    while (alias := _core.alias(code, i)) is not None:
        names.append(alias)
        i += 1
    return names


def json_string(text):
    out = ['"']
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif ord(c) < 0x20:
            out.append("\\u%04x" % ord(c))
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def json_bool(value):
    return "true" if value else "false"


def json_status(s, lang):
    return (
        f'{{"code": {s.code}, "name": {json_string(s.name)}, '
        f'"aliases": [{", ".join(json_string(a) for a in aliases(s.code))}], '
        f'"phrase": {json_string(s.phrase)}, '
        f'"description": {json_string(_core.description(s.code, lang))}, '
        f'"category": "{s.category}", "official": {json_bool(s.official)}, '
        f'"origin": {json_string(s.origin)}, "reference": {json_string(s.reference)}, '
        f'"is_redirect": {json_bool(s.is_redirect)}, '
        f'"preserves_method": {json_bool(s.preserves_method)}, '
        f'"is_cacheable": {json_bool(s.is_cacheable)}, '
        f'"is_empty": {json_bool(s.is_empty)}, "is_retryable": {json_bool(s.is_retryable)}}}'
    )


def text_status(s, lang):
    lines = [f"{s.code} {s.phrase}\n", f"  name         {s.name}\n"]
    names = aliases(s.code)
    if names:
        lines.append(f"  aliases      {', '.join(names)}\n")
    lines.append(f"  category     {s.category}\n")
    lines.append(f"  origin       {s.origin} ({'official' if s.official else 'unofficial'})\n")
    lines.append(f"  reference    {s.reference}\n")
    lines.append(f"  description  {_core.description(s.code, lang)}\n")
    return "".join(lines)


def parse(args):
    """(lang, json, queries) from the arguments, or the output of --help or
    --version as bytes; UsageError for anything else."""
    lang, as_json, queries, options_done = "en", False, [], False
    i = 0
    while i < len(args):
        a = args[i]
        if options_done or not a.startswith(b"-") or a == b"-":
            if len(queries) == MAX_QUERIES:
                raise UsageError(b"too many queries")
            queries.append(a)
        elif a == b"--":
            options_done = True
        elif a in (b"--help", b"-h"):
            return USAGE
        elif a == b"--version":
            return b"httpstatus %s\n" % _core.version().encode()
        elif a == b"--json":
            as_json = True
        elif a == b"--lang" or a.startswith(b"--lang="):
            if a.startswith(b"--lang="):
                value = a[7:]
            elif i + 1 < len(args):
                i += 1
                value = args[i]
            else:
                raise UsageError(b"--lang needs a language: en or ko")
            if not known_language(value):
                raise UsageError(b"unknown language (en or ko): " + value)
            lang = value.decode()
        else:
            raise UsageError(b"unknown option: " + a)
        i += 1
    if not queries:
        raise UsageError(b"no query given")
    return lang, as_json, queries


def known_language(value):
    try:
        return _core.is_language(value.decode())
    except ValueError:  # not UTF-8, or a NUL: no language of the table
        return False


def run(args):
    """The command on args (a list of bytes): (exit status, stdout bytes,
    stderr bytes, whether a failure to write stdout is an error). Like the C
    tool, every path checks that its output arrived."""
    try:
        parsed = parse(args)
    except UsageError as e:
        return 2, b"", b"httpstatus: %s\nTry 'httpstatus --help'.\n" % e.args[0], False
    if isinstance(parsed, bytes):
        return 0, parsed, b"", True
    lang, as_json, queries = parsed

    found, errors = [], []
    for q in queries:
        statuses = resolve(q)
        if not statuses:
            errors.append(b"httpstatus: nothing matches '%s'\n" % q)
        found.extend(statuses)

    if as_json:
        text = "[" + ",\n ".join(json_status(s, lang) for s in found) + "]\n"
    elif len(found) == 1:
        text = text_status(found[0], lang)
    else:
        text = "".join(f"{s.code} {s.phrase}  ({s.name})\n" for s in found)
    return (1 if errors else 0), text.encode("utf-8", "surrogateescape"), b"".join(errors), True


def main(argv=None):
    """The command line: argv without the program name (sys.argv[1:] by
    default), as str or bytes. Writes to stdout and stderr and returns the
    exit status."""
    args = [os.fsencode(a) for a in (sys.argv[1:] if argv is None else argv)]
    status, out, err, checked = run(args)
    sys.stderr.flush()
    sys.stderr.buffer.write(err)
    sys.stderr.buffer.flush()
    try:
        sys.stdout.flush()
        if out:  # even an empty write reaches the file, and /dev/full refuses it
            sys.stdout.buffer.write(out)
            sys.stdout.buffer.flush()
    except OSError as e:
        # Nothing more can reach stdout; spare the interpreter's final flush
        # the same error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        if checked:
            sys.stderr.buffer.write(b"httpstatus: stdout: %s\n" % os.strerror(e.errno).encode())
            sys.stderr.buffer.flush()
            return 2
    return status


if __name__ == "__main__":
    import signal

    # Like the C tool, die quietly when the reader of a pipe goes away.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
