/*
 * What the parts of the httpstatus command share, and nothing outside cli/
 * uses: cli.c reads the command line and runs the rest; lookup.c finds
 * statuses for queries and prints them, and lists the rules; check_stream.c
 * reads responses for --check (its entry point, hs_cli_check_stream, is
 * public: cli.h); problem.c writes --problem's body. None of them keeps
 * mutable static or global state.
 */
#ifndef HS_CLI_INTERNAL_H
#define HS_CLI_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

#include "httpstatus.h"

/* What the options of a command line asked for. */
struct cli_options {
    const char *lang;
    bool lang_given;           /* --lang was given */
    bool json;
    bool common;
    bool check;                /* --check: the queries are one FILE */
    bool rules;                /* --rules */
    const char *method;        /* --method, or NULL */
    bool ignore_given;         /* --ignore was given */
    unsigned long long ignore; /* bit per rule of every --ignore */
    bool level_given;          /* --level was given: */
    hs_level level;            /* the least level shown */
    bool verbose;              /* --verbose, -v */
    const char *problem;       /* --problem CODE: the CODE (digits), or NULL */
    const char *detail;        /* --detail, --type, --title, --instance: each */
    const char *type;          /* the text given, or NULL */
    const char *title;
    const char *instance;
    const char *problem_option; /* the first of those or --extension given, or NULL */
    size_t extension_count;    /* --extension NAME=JSON options given */
    const char **extensions;   /* if not NULL, next_arg stores their arguments */
    size_t extension_cap;      /* here, up to this many */
};

/* A place in argv; start at i = 0. */
struct cli_cursor {
    int argc;
    char **argv;
    int i;
    bool options_done;
};

/* The next query after c (options and their values skipped, as the first
 * reading of the command line found them good); false after the last. */
bool cli_next_query(struct cli_cursor *c, const char **query);

/* The lookups: every query of argv (read with cli_next_query), found and
 * printed; the exit status, through cli_finish_output. */
int cli_lookup(const struct cli_options *opt, int argc, char **argv);

/* The NAME=JSON arguments of every --extension of argv, in order, into
 * values (at most cap); how many there are. */
size_t cli_extensions(int argc, char **argv, const char **values, size_t cap);

/* --problem: the body of the problem the options describe, and a newline,
 * on stdout; the exit status (2, with one line on stderr, when the core
 * refuses the problem). */
int cli_problem(const struct cli_options *opt, int argc, char **argv);

/* --rules: every response rule; the exit status. */
int cli_list_rules(const struct cli_options *opt);

/* s as a JSON string, quotes included. */
void cli_json_string(FILE *out, const char *s);

/* Every path of the command ends here: output that could not be written (a
 * full disk, a closed stdout, a closed pipe with SIGPIPE ignored) is exit 2
 * with one line saying why, never a claimed success. */
int cli_finish_output(int status);

#endif /* HS_CLI_INTERNAL_H */
