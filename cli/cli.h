/*
 * The httpstatus command, as a function: the C tool's main() and the Python
 * package's `python -m httpstatus` / `httpstatus` entry point both call it,
 * so the command exists once.
 */
#ifndef HS_CLI_H
#define HS_CLI_H

/* Runs the command with argv[1..argc) as its arguments, writing to stdout
 * and stderr; returns the exit status (0 found, 1 nothing found, 2 usage or
 * output error). */
int hs_cli_main(int argc, char **argv);

#endif /* HS_CLI_H */
