/*
 * The httpstatus command, as a function: the C tool's main() and the Python
 * package's `python -m httpstatus` / `httpstatus` entry point both call it,
 * so the command exists once.
 */
#ifndef HS_CLI_H
#define HS_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "httpstatus.h"

/* Runs the command with argv[1..argc) as its arguments, writing to stdout
 * and stderr; returns the exit status (0 found, 1 nothing found, 2 usage or
 * output error; for --check: 0 clean, 1 a must or should finding, 2 usage,
 * input or output error). */
int hs_cli_main(int argc, char **argv);

/* What `httpstatus --check` was asked for, beyond the input. All zero is no
 * method, no rule ignored, every level, English, text output, quiet. */
typedef struct hs_cli_check_options {
    const char *method;        /* the request method (a token: hs_is_method), or NULL */
    unsigned long long ignore; /* bit i set: rule i (hs_rule_at) is skipped */
    const char *lang;          /* "en" or "ko" for messages; NULL (or another) is "en" */
    bool json;                 /* one JSON array instead of a line per finding */
    hs_level level;            /* the least level written (HS_INFO: all) */
    bool verbose;              /* each response's status line and number of findings on err */
} hs_cli_check_options;

/* `httpstatus --check` over one stream (in, out and err non-NULL; opt NULL
 * is all zero): reads the responses in `in` (what `curl -si` or `curl -sI`
 * prints, any number of them) and writes their findings to `out`, as the
 * tool does, each response's as soon as they are known, flushed. When the
 * input is not an HTTP response, or cannot be read, writes one line to
 * `err` saying where it stopped (naming the input `name`; NULL for standard
 * input) and returns 2; so it does, before reading, for a method that is
 * not a token or a level outside hs_level. A standard method in another
 * case ("head") is taken as written, with a warning on `err`. Otherwise 1
 * when a must or should finding was written, else 0. A write to `out` that
 * fails stops the reading and returns 2 without a message: the caller, which
 * knows what `out` is, reports it (hs_cli_main does, for stdout). Reads
 * through a bounded buffer (64 KiB a field line, 1 MiB a header section, on
 * the stack); the content of a response whose Content-Type is
 * application/problem+json is kept, up to HS_PROBLEM_CONTENT_MAX bytes, in
 * one buffer from the heap (allocated at the first such response, freed
 * before it returns), read by the problem rules when the content ends, and
 * that response's findings are written then. Keeps no state between calls
 * and may run in several threads at once on different streams. A fuzz
 * target can hand it bytes through fmemopen(). */
int hs_cli_check_stream(FILE *in, const char *name, FILE *out, FILE *err, const hs_cli_check_options *opt);

#endif /* HS_CLI_H */
