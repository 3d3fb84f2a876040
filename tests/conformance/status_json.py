"""One JSON shape of a status everywhere: for every row of the table, Python's
Status.as_dict(), Lua's status table under Lua 5.4 and LuaJIT, and the
command line's --json object encode to the same bytes, keys sorted, compact,
UTF-8 as it is (Python's json.dumps(sort_keys=True, separators=(",", ":"),
ensure_ascii=False); dkjson with its keys in sorted order).

    status_json.py --python PY --python-package DIR --lua5.4 LUA --lua5.4-module DIR
                   --luajit LUAJIT --luajit-module DIR --tool HTTPSTATUS [--self-test]

The tool's objects are read by Python's json and written the same way, so its
values are compared, not its key order (which is the surface list's, as
as_dict()'s is; tests/python/test_as_dict.py compares that).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

PYTHON = """
import json, sys
sys.path.insert(0, sys.argv[1])
import httpstatus
for member in httpstatus.all():
    print(json.dumps(member.as_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False))
"""

LUA = """
local module_dir = arg[1]
package.path = module_dir .. "/?.lua;" .. module_dir .. "/?/init.lua;" .. package.path
package.cpath = module_dir .. "/?.so;" .. package.cpath
local hs = require "httpstatus"
local dkjson = require "dkjson"
for _, status in ipairs(hs.all()) do
    local keys = {}
    for key in pairs(status) do keys[#keys + 1] = key end
    table.sort(keys)
    io.write(dkjson.encode(status, {keyorder = keys}), "\\n")
end
"""


def environment():
    """Without what would make an interpreter load something other than
    the build under test."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith(("PYTHON", "LUA_INIT", "LUA_PATH", "LUA_CPATH"))}


def lines(command):
    out = subprocess.run(command, capture_output=True, env=environment(), timeout=120)
    if out.returncode != 0:
        raise SystemExit(f"status_json.py: {command[0]} failed (exit {out.returncode}):\n"
                         f"{out.stderr.decode('utf-8', 'replace')}")
    return out.stdout.decode("utf-8").splitlines()


def tool_lines(tool):
    objects = []
    for status_class in "12345":
        objects += json.loads("\n".join(lines([tool, "--json", f"{status_class}xx"])))
    return [json.dumps(o, sort_keys=True, separators=(",", ":"), ensure_ascii=False) for o in objects]


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", required=True)
    parser.add_argument("--python-package", required=True)
    parser.add_argument("--lua5.4", dest="lua54", required=True)
    parser.add_argument("--lua5.4-module", dest="lua54_module", required=True)
    parser.add_argument("--luajit", required=True)
    parser.add_argument("--luajit-module", required=True)
    parser.add_argument("--tool", required=True)
    parser.add_argument("--self-test", action="store_true",
                        help="also prove that a changed or missing row of each language would fail")
    args = parser.parse_args(argv)

    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(LUA)
        script.flush()
        encodings = {
            "python": lines([args.python, "-B", "-I", "-c", PYTHON, args.python_package]),
            "lua5.4": lines([args.lua54, script.name, args.lua54_module]),
            "luajit": lines([args.luajit, script.name, args.luajit_module]),
            "the command line": tool_lines(args.tool),
        }
    problems = compare(encodings)
    if args.self_test:
        # every language's last row, changed in one value, must be a difference
        for name in encodings:
            rows = encodings[name]
            changed = dict(encodings, **{name: rows[:-1] + [rows[-1].replace(":true", ":false", 1)]})
            if not compare(changed):
                problems.append(f"self-test: a changed row of {name} went unnoticed")
            shorter = dict(encodings, **{name: rows[:-1]})
            if not compare(shorter):
                problems.append(f"self-test: a missing row of {name} went unnoticed")
    if problems:
        print("\n".join(problems))
        print(f"FAIL: {len(problems)} problem(s)")
        return 1
    print(f"OK: {len(encodings['python'])} rows encode to the same bytes in Python, Lua 5.4, LuaJIT and "
          "the command line" + (", and a changed or missing row of any of them is noticed" if args.self_test else ""))
    return 0


def compare(encodings):
    """The differences between each encoding and Python's, as messages."""
    reference, problems = encodings["python"], []
    if len(reference) < 90:
        problems.append(f"python gave {len(reference)} rows, fewer than the table has")
    for name, rows in encodings.items():
        if len(rows) != len(reference):
            problems.append(f"{name} gave {len(rows)} rows, python {len(reference)}")
        for mine, theirs in zip(reference, rows):
            if mine != theirs:
                problems.append(f"{name} differs from python at code {json.loads(mine)['code']}:\n"
                                f"  python: {mine}\n  {name}: {theirs}")
                break
    return problems


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
