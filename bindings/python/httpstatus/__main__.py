"""python3 -m httpstatus: the httpstatus command.

The command is C (cli/*.c), compiled into the extension; this runs that same
code in this process, so it prints byte for byte what the installed
`httpstatus` prints and exits with the same status. pip's `httpstatus`
command is main() below.
"""

import sys

from . import _core


def main(args=None):
    """Runs the httpstatus command with args (default: sys.argv[1:]) and
    returns its exit status. It writes to file descriptors 1 and 2 itself,
    after flushing sys.stdout and sys.stderr."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    return _core.main(sys.argv[1:] if args is None else list(args))


if __name__ == "__main__":
    sys.exit(main())
