"""`python3 -m httpstatus ARGS` prints byte for byte what the C tool prints:
the same stdout, the same stderr, the same exit status. ctest passes the C
tool's path in HTTPSTATUS_CLI."""

import os
import pathlib
import subprocess
import sys

import pytest

import httpstatus

CLI = os.environ.get("HTTPSTATUS_CLI")
pytestmark = pytest.mark.skipif(not CLI, reason="HTTPSTATUS_CLI (the C tool's path) is not set")

ARGUMENTS = [
    [], ["404"], ["not_found"], ["Not Found"], ["REQUEST_ENTITY_TOO_LARGE"], ["413"], ["teapot"],
    ["4xx"], ["5XX"], ["1xx"], ["2Xx"], ["6xx"], ["0xx"], ["4xxx"], ["--lang", "ko", "404"],
    ["--lang=ko", "404"], ["--lang=en", "--lang", "ko", "418"], ["timeout"], ["200", "404"],
    ["404", "404"], ["--help"], ["-h"], ["--version"], ["--", "503"], ["--", "--help"],
    ["nonsense"], ["299"], ["404", "nonsense"], ["nonsense", "other"], [""], ["-"],
    ["--bogus", "404"], ["404", "--bogus"], ["--lang", "fr", "404"], ["404", "--lang"],
    ["--lang="], ["--lang", ""], ["--langko", "404"], ["-x"], ["--json"], ["--json", "404"],
    ["--json", "301", "308"], ["--json", "nonsense"], ["--json", "4xx", "nonsense"],
    ["--json", "--lang", "ko", "1xx", "2xx", "3xx", "4xx", "5xx"],
    ["--json", "1xx", "2xx", "3xx", "4xx", "5xx"], ["1xx", "2xx", "3xx", "4xx", "5xx"],
    ["error"], ["ssl"], ["im a teapot"], ["I'm a teapot"], ["unprocessable entity"],
    ["\uff14\uff10\uff14"], ["NOT FOUND"], ["not-found"], ["0404"], ["999999999999999999999"],
    [b"\xff\xfe"], [b"not\xa0found"], ["--lang", b"\xff", "404"], ["x" * 1000], ["a"] * 256,
    ["a"] * 257, ["not", "found", "foo"], ["too", "many", "requests", "not", "found"], [" 404 "], ["4 04"],
    ["199"], ["--json", "299", "404"], ["--help", "--bogus"], ["--bogus", "--help"], ["--version", "404"],
    list(httpstatus.Status.__members__), ["--lang", "ko", *httpstatus.Status.__members__],
    # --problem: the body, and each kind of refusal, arguments as bytes too
    ["--problem", "404"], ["--problem", "404", "--detail", 'q"\\\x01\u00e9\u2028'],
    ["--problem=403", "--type", "https://example.com/t", "--title", "T", "--instance", "/i",
     "--extension", "balance=30", "--extension", 'accounts=[ "/a/1", {"z":1,"a":null} ]'],
    ["--problem", "299"], ["--problem", "299", "--title", "Custom"], ["--problem", "99"],
    ["--problem", "404", "--detail", b"\xff"], ["--problem", "404", "--extension", "ab=1"],
    ["--problem", "404", "--extension", "code=1", "--extension", "code=2"],
    ["--problem", "404", "--extension", "x=[1,"], ["--problem", "404", "--extension", "abc=1.5"],
    ["--problem"], ["--problem", "abc"], ["--problem", "404", "--check"], ["--detail", "x", "404"],
] + [[str(s.code)] for s in httpstatus.all()]


def run(command, args, stdout=subprocess.PIPE):
    result = subprocess.run([*command, *args], stdin=subprocess.DEVNULL, stdout=stdout,
                            stderr=subprocess.PIPE, timeout=60)
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize("args", ARGUMENTS, ids=lambda a: ascii(a)[:60])
def test_same_output_and_status_as_the_c_tool(args):
    expected = run([CLI], args)
    assert run([sys.executable, "-m", "httpstatus"], args) == expected


@pytest.mark.parametrize("args", [["404"], ["--json", "4xx"], ["--help"], ["nonsense"]])
def test_same_when_stdout_cannot_be_written(args):
    with open("/dev/full", "wb") as full:
        status, _, stderr = run([CLI], args, stdout=full)
        assert run([sys.executable, "-m", "httpstatus"], args, stdout=full)[::2] == (status, stderr)


def test_the_comparison_sees_output():
    status, out, _ = run([sys.executable, "-m", "httpstatus"], ["--json", "5xx"])
    assert status == 0 and out.startswith(b"[{") and b'"code": 503' in out


def run_with(command, args, setup):
    """Runs command with stdout set up by setup() in the child; (status, stderr)."""
    result = subprocess.run([*command, *args], stdin=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=setup, timeout=60)
    return result.returncode, result.stderr


@pytest.mark.parametrize("args", [["404"], ["--json", "4xx"], ["--help"]])
def test_same_when_stdout_is_closed(args):
    def close_stdout():
        os.close(1)

    status, stderr = run_with([CLI], args, close_stdout)
    assert (status, stderr) == (2, b"httpstatus: stdout: Bad file descriptor\n")
    assert run_with([sys.executable, "-m", "httpstatus"], args, close_stdout) == (status, stderr)


@pytest.mark.parametrize("args", [["404"], ["--json", "1xx", "2xx", "3xx", "4xx", "5xx"]])
def test_same_on_a_pipe_with_no_reader_when_sigpipe_is_ignored(args):
    import signal

    def broken_pipe():
        read, write = os.pipe()
        os.close(read)
        os.dup2(write, 1)
        os.close(write)
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)

    status, stderr = run_with([CLI], args, broken_pipe)
    assert (status, stderr) == (2, b"httpstatus: stdout: Broken pipe\n")
    assert run_with([sys.executable, "-m", "httpstatus"], args, broken_pipe) == (status, stderr)


def run_on_nonblocking_pipe(command, args):
    """Runs command with stdout a non-blocking pipe that nobody reads until it
    has exited: past the pipe's capacity a write fails with EAGAIN instead of
    waiting. (status, stdout, stderr)."""
    import fcntl

    read, write = os.pipe()
    try:
        fcntl.fcntl(write, fcntl.F_SETFL, fcntl.fcntl(write, fcntl.F_GETFL) | os.O_NONBLOCK)
        capacity = fcntl.fcntl(write, 1032)  # F_GETPIPE_SZ
        result = subprocess.run([*command, *args], stdin=subprocess.DEVNULL, stdout=write,
                                stderr=subprocess.PIPE, timeout=60)
        os.close(write)
        write = -1
        chunks = []
        while chunk := os.read(read, 1 << 16):
            chunks.append(chunk)
        return result.returncode, b"".join(chunks), result.stderr, capacity
    finally:
        os.close(read)
        if write >= 0:
            os.close(write)


EVERY_CODE_IN_KOREAN = ["--json", "--lang", "ko", "1xx", "2xx", "3xx", "4xx", "5xx"]


@pytest.mark.parametrize("args", [EVERY_CODE_IN_KOREAN, ["404"], ["--help"], ["--version"]])
def test_same_on_a_nonblocking_pipe(args):
    status, out, stderr, capacity = run_on_nonblocking_pipe([CLI], args)
    full = run([CLI], args)[1]
    twin = run_on_nonblocking_pipe([sys.executable, "-m", "httpstatus"], args)
    if len(full) > capacity:  # what does not fit is a failed write: never a claimed success
        assert (status, stderr) == (2, b"httpstatus: stdout: Resource temporarily unavailable\n")
        assert len(out) < len(full) and full.startswith(out)
        # How much got through before the pipe filled depends on buffering.
        assert (twin[0], twin[2]) == (status, stderr) and full.startswith(twin[1])
    else:
        assert (status, out, stderr) == (0, full, b"")
        assert twin[:3] == (status, out, stderr)


def test_the_nonblocking_pipe_overflows_with_every_code():
    _, _, _, capacity = run_on_nonblocking_pipe([CLI], ["--version"])
    assert len(run([CLI], EVERY_CODE_IN_KOREAN)[1]) > capacity


# --check reads a response from standard input or a FILE: the same C code
# behind `python -m httpstatus`, so the same bytes out and the same status.
CHECK_INPUTS = [
    b"HTTP/1.1 405 Method Not Allowed\r\n\r\n",
    b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\nx",
    b"HTTP/1.1 301 Moved Permanently\nLocation: /a\nDate: Tue, 15 Apr 2025 10:00:00 GMT\n\nHTTP/2 200 \n\nbody",
    b"HTTP/1.1 200 OK\r\nDate: Tue, 15 Apr 2025 10:00:00 GMT\r\n\r\n",
    b"HTTP/1.1 503 Service Unavailable\r\n\r\n",
    b"",
    b"\x00\xff junk",
    b"HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
    b"HTTP/1.1 OK\r\n\r\n",
    # several responses, as curl -si URL1 URL2 prints them: content without a
    # final newline, then the next status line
    b"HTTP/1.1 201 Created\r\nDate: Tue, 15 Apr 2025 10:00:00 GMT\r\nContent-Length: 2\r\n\r\n{}HTTP/1.1 405 Method Not Allowed\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nDate: Tue, 15 Apr 2025 10:00:00 GMT\r\nTransfer-Encoding: chunked\r\n\r\nabcHTTP/2 204 \r\ncontent-length: 0\r\n\r\n",
    (pathlib.Path(__file__).parent.parent / "cli" / "fixtures" / "h2c-416.txt").read_bytes(),
    b"HTTP/1.1 302 Found\r\nDate: x\r\n\r\nHTTP/1.1 200 OK\r\nbad\r\n\r\n",
    # a problem+json body whose status differs, read to its end, then a 405
    b"HTTP/1.1 404 Not Found\r\nDate: Tue, 15 Apr 2025 10:00:00 GMT\r\nContent-Type: application/problem+json\r\n"
    b"Content-Length: 14\r\n\r\n{\"status\":410}HTTP/1.1 405 Method Not Allowed\r\n\r\n",
]
CHECK_ARGS = [[], ["--json", "--lang", "ko"], ["--method", "HEAD", "--ignore", "date-missing"],
              ["-v", "--level", "should"], ["--verbose", "--json", "--method", "head"]]


def run_input(command, args, data):
    result = subprocess.run([*command, *args], input=data, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, timeout=60)
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize("args", CHECK_ARGS, ids=lambda a: " ".join(a) or "plain")
@pytest.mark.parametrize("data", CHECK_INPUTS, ids=lambda d: ascii(d)[:40])
def test_check_from_standard_input_as_the_c_tool(data, args):
    expected = run_input([CLI], ["--check", *args], data)
    assert run_input([sys.executable, "-m", "httpstatus"], ["--check", *args], data) == expected


@pytest.mark.parametrize("data", CHECK_INPUTS, ids=lambda d: ascii(d)[:40])
def test_check_from_a_file_and_dash_as_the_c_tool(tmp_path, data):
    path = tmp_path / "response.txt"
    path.write_bytes(data)
    expected = run_input([CLI], ["--check", str(path)], b"")
    assert run_input([sys.executable, "-m", "httpstatus"], ["--check", str(path)], b"") == expected
    # "-" is standard input, and the output names no file there
    assert run_input([sys.executable, "-m", "httpstatus"], ["--check", "-"], data) == \
        run_input([CLI], ["--check"], data)


def test_check_outputs_are_what_they_claim():
    status, out, err = run_input([sys.executable, "-m", "httpstatus"], ["--check"], CHECK_INPUTS[0])
    assert status == 1 and err == b""
    assert out.startswith(b"405 must   allow-missing: A 405 response must carry Allow")
    status, out, err = run_input([sys.executable, "-m", "httpstatus"], ["--check", "--json"], CHECK_INPUTS[2])
    import json
    assert status == 1 and [(f["code"], f["id"]) for f in json.loads(out)] == [(200, "date-missing")]
    status, out, err = run_input([sys.executable, "-m", "httpstatus"], ["--check"], b"")
    assert (status, out) == (2, b"") and err == b"httpstatus: --check: line 1, byte 0: no status line: the input is empty\n"
    # -v writes on standard error, from the same C code
    status, out, err = run_input([sys.executable, "-m", "httpstatus"], ["--check", "-v", "--json"], CHECK_INPUTS[9])
    assert status == 1 and [(f["response"], f["code"], f["id"]) for f in json.loads(out)] == \
        [(1, 201, "location-suggested"), (2, 405, "allow-missing"), (2, 405, "date-missing")]
    assert err == (b"httpstatus: --check: response 1, line 1: 1 finding: HTTP/1.1 201 Created\n"
                   b"httpstatus: --check: response 2, line 5: 2 findings: HTTP/1.1 405 Method Not Allowed\n")


@pytest.mark.parametrize("args", [["--check", "--ignore", "no-such-rule"], ["--check", "/no/such/file"],
                                  ["--rules"], ["--rules", "--json", "--lang", "ko"], ["--method", "GET", "404"],
                                  ["--check", "--method", ""], ["--check", "--method", "GET "],
                                  ["--check", "--level", "warn"], ["--rules", "-v"]])
def test_check_usage_and_rules_as_the_c_tool(args):
    assert run_input([sys.executable, "-m", "httpstatus"], args, b"") == run_input([CLI], args, b"")
