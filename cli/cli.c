/*
 * httpstatus: look up HTTP status codes from the command line.
 *
 *   httpstatus 404            one code
 *   httpstatus not_found      a name, alias or phrase
 *   httpstatus not found      words read as the longest phrases they hold
 *   httpstatus 4xx            every known code of a class
 *   httpstatus teapot         a search over names, aliases, phrases and origins
 *   httpstatus --common       the codes most often met
 *   httpstatus --check FILE   the response rules over what `curl -si` printed
 *   httpstatus --rules        every response rule
 *   httpstatus --problem 404  the problem details body (RFC 9457) of a status
 *
 * Exit status: 0 when every query found something, 1 when one found
 * nothing, 2 on a usage error or when the output could not be written. For
 * --check: 0 when no must or should rule fired, 1 when one did, 2 on a usage
 * error, input that is not an HTTP response, or output not written. For
 * --problem: 0 with the body written, 2 when the problem cannot be made.
 *
 * hs_cli_main is also the Python package's `python -m httpstatus`, called in
 * a process that is not only this command, perhaps from several threads: it
 * keeps no static or global mutable state and never exits; the heap holds
 * only --problem's body and --check's copy of a problem-details content
 * (one buffer of 64 KiB a run), freed before it returns.
 * This file reads the command line and hands over: lookups and --rules to
 * lookup.c, --check to check_stream.c, --problem to problem.c (internal.h
 * between them).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "httpstatus.h"
#include "internal.h"

static const char usage[] =
    "usage: httpstatus [--lang en|ko] [--json] [--common] QUERY...\n"
    "       httpstatus [--lang en|ko] [--json] --common\n"
    "       httpstatus --check [--method M] [--ignore ID,...] [--level L] [--verbose]\n"
    "                          [--lang en|ko] [--json] [FILE]\n"
    "       httpstatus --rules [--lang en|ko] [--json]\n"
    "       httpstatus --problem CODE [--detail TEXT] [--type URI] [--title TEXT]\n"
    "                                 [--instance URI] [--extension NAME=JSON]...\n"
    "       httpstatus --help | --version\n"
    "\n"
    "Look up HTTP status codes. A QUERY is a code (exactly three digits: 404),\n"
    "a class (4xx), a name, alias or phrase (not_found, \"Not Found\"), or a\n"
    "word to search for in names, aliases, phrases and origins (teapot, nginx);\n"
    "white space around it is not part of it. A valid code that is not in the\n"
    "table (299) is said to be so, with its class.\n"
    "\n"
    "Words in a row (ASCII letters, with ' or - after the first letter) are\n"
    "read as the longest phrases they hold, from the left: 'httpstatus not\n"
    "found foo' is 404 and then 'foo' alone, looked up or searched for. Each\n"
    "status prints once, in the order first found: one status in detail,\n"
    "several one line each, an unofficial code with its origin.\n"
    "\n"
    "  --lang LANG  description and message language: en (default) or ko\n"
    "  --json       print a JSON array of the statuses found, every field of each\n"
    "  --common     only the codes most often met; alone, list them all\n"
    "  --help       print this help and exit\n"
    "  --version    print the version and exit\n"
    "\n"
    "--check reads HTTP responses as 'curl -si URL...' or 'curl -sI URL...'\n"
    "prints them, from FILE or standard input (FILE - too): any number of\n"
    "responses, interim 1xx ones, the final ones and their content, redirect\n"
    "chains ('curl -siL') and h2c upgrades. A status line starts the next\n"
    "response right after the header section, right after the content's\n"
    "Content-Length bytes, at the start of a line, or anywhere when it ends\n"
    "with CRLF as curl prints it. It prints one line per finding of the\n"
    "response rules, each response's as soon as they are known:\n"
    "\n"
    "  405 must   allow-missing: A 405 response must carry Allow, ... (RFC 9110, ...)\n"
    "\n"
    "  --method M     the request's method (GET, HEAD, POST, ...; case-sensitive),\n"
    "                 for the rules that need it, such as content after HEAD\n"
    "  --ignore ID    skip these rules (comma-separated ids; may be repeated)\n"
    "  --level L      only findings of level L and above: info (default), should\n"
    "                 or must\n"
    "  -v, --verbose  each response's status line and number of findings on\n"
    "                 standard error\n"
    "  --json         print one JSON array of findings: response (1 for the\n"
    "                 first), code, id, level, field, message, reference\n"
    "--rules lists every rule: its id, level and reference.\n"
    "\n"
    "--problem prints the problem details body (RFC 9457, application/problem+json)\n"
    "of a status and a newline: {\"title\":\"Not Found\",\"status\":404}. Its title is\n"
    "the status's phrase; a code that is not in the table needs --title.\n"
    "\n"
    "  --detail TEXT         what went wrong this time, for a person\n"
    "  --type URI            what kind of problem it is\n"
    "  --title TEXT          instead of the phrase\n"
    "  --instance URI        this occurrence of the problem\n"
    "  --extension NAME=JSON another member, its value as JSON text: a string,\n"
    "                        an integer, true, false, null, or an array or object\n"
    "                        of these (--extension 'balance=30'); may be repeated\n"
    "A text that is not UTF-8, a bad extension name or value, or a name given\n"
    "twice is exit 2 with a message saying where.\n"
    "\n"
    "Exit status: 0 when every query found something, 1 when one found\n"
    "nothing, 2 on a usage error or when the output could not be written.\n"
    "With --check: 0 when no finding of level must or should was printed, 1\n"
    "when one was, 2 on a usage error, input that is not an HTTP response, or\n"
    "output that could not be written. With --problem: 0 when the body was\n"
    "printed, 2 otherwise.\n";

/* ---- the command line ---------------------------------------------- */

enum arg { ARG_END, ARG_QUERY, ARG_HELP, ARG_VERSION, ARG_BAD };

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
/* A usage error: one line saying what is wrong, then where to look; 2. */
static int fail_usage(const char *format, ...)
{
    va_list args;
    fputs("httpstatus: ", stderr);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputs("\nTry 'httpstatus --help'.\n", stderr);
    return 2;
}

/* For an option that takes a value (name is "--lang"): whether a is it,
 * alone (the value is the next argument, *value NULL when there is none)
 * or as name=VALUE. */
static bool option_value(struct cli_cursor *c, const char *a, const char *name, const char **value)
{
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0 || (a[n] != '\0' && a[n] != '='))
        return false;
    *value = a[n] == '=' ? a + n + 1 : (c->i + 1 < c->argc ? c->argv[++c->i] : NULL);
    return true;
}

/* The rule ids of one --ignore (comma-separated) into *mask; false, with
 * the message written, at an id that names no rule. */
static bool ignore_rules(const char *list, unsigned long long *mask)
{
    for (const char *s = list;;) {
        const char *comma = strchr(s, ',');
        size_t len = comma != NULL ? (size_t)(comma - s) : strlen(s);
        size_t rule = hs_rule_find(s, len);
        if (rule >= hs_rule_count()) {
            fprintf(stderr, "httpstatus: unknown rule id for --ignore: '%.*s' ('httpstatus --rules' lists them)\n"
                            "Try 'httpstatus --help'.\n",
                    (int)(len < 200 ? len : 200), s);
            return false;
        }
        *mask |= 1ULL << rule;
        if (comma == NULL)
            return true;
        s = comma + 1;
    }
}

/* --detail, --type, --title or --instance: whether a is one of them; then
 * *value is its text, or NULL after a usage error (no text, or given
 * twice). */
static bool problem_member(struct cli_cursor *c, const char *a, struct cli_options *opt, const char **value)
{
    static const char *const names[] = {"--detail", "--type", "--title", "--instance"};
    const char **slots[] = {&opt->detail, &opt->type, &opt->title, &opt->instance};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!option_value(c, a, names[i], value))
            continue;
        if (*value == NULL)
            fail_usage("%s needs a value (it may be empty: %s '')", names[i], names[i]);
        else if (*slots[i] != NULL)
            fail_usage("%s given twice", names[i]);
        if (*value == NULL || *slots[i] != NULL) {
            *value = NULL;
            return true;
        }
        *slots[i] = *value;
        if (opt->problem_option == NULL)
            opt->problem_option = names[i];
        return true;
    }
    return false;
}

/* Moves to the next query, applying every option on the way to *opt. The
 * first walk over argv reports a bad option (ARG_BAD, message written);
 * later walks meet the same options and only ever see queries and the end. */
static enum arg next_arg(struct cli_cursor *c, struct cli_options *opt, const char **query)
{
    while (++c->i < c->argc) {
        const char *a = c->argv[c->i], *value = NULL;
        if (c->options_done || a[0] != '-' || a[1] == '\0') {
            *query = a;
            return ARG_QUERY;
        } else if (strcmp(a, "--") == 0) {
            c->options_done = true;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            return ARG_HELP;
        } else if (strcmp(a, "--version") == 0) {
            return ARG_VERSION;
        } else if (strcmp(a, "--json") == 0) {
            opt->json = true;
        } else if (strcmp(a, "--common") == 0) {
            opt->common = true;
        } else if (strcmp(a, "--check") == 0) {
            opt->check = true;
        } else if (strcmp(a, "--rules") == 0) {
            opt->rules = true;
        } else if (option_value(c, a, "--lang", &value)) {
            if (value == NULL) {
                fail_usage("--lang needs a language: en or ko");
                return ARG_BAD;
            }
            if (!hs_is_language(value)) {
                fail_usage("unknown language (en or ko): %s", value);
                return ARG_BAD;
            }
            opt->lang = value;
            opt->lang_given = true;
        } else if (option_value(c, a, "--method", &value)) {
            if (value == NULL) {
                fail_usage("--method needs a method: GET, HEAD, POST, ...");
                return ARG_BAD;
            }
            if (!hs_is_method(value, strlen(value))) {
                fail_usage("--method: not a method: '%s' (a method is a token, such as GET: letters, digits "
                           "and !#$%%&'*+-.^_`|~, no spaces)",
                           value);
                return ARG_BAD;
            }
            opt->method = value;
        } else if (option_value(c, a, "--ignore", &value)) {
            if (value == NULL) {
                fail_usage("--ignore needs rule ids ('httpstatus --rules' lists them)");
                return ARG_BAD;
            }
            if (!ignore_rules(value, &opt->ignore))
                return ARG_BAD;
            opt->ignore_given = true;
        } else if (option_value(c, a, "--level", &value)) {
            if (value == NULL) {
                fail_usage("--level needs a level: info, should or must");
                return ARG_BAD;
            }
            if (!hs_level_of(value, strlen(value), &opt->level)) {
                fail_usage("unknown level (info, should or must): %s", value);
                return ARG_BAD;
            }
            opt->level_given = true;
        } else if (strcmp(a, "--verbose") == 0 || strcmp(a, "-v") == 0) {
            opt->verbose = true;
        } else if (option_value(c, a, "--problem", &value)) {
            if (value == NULL || value[0] == '\0' || strspn(value, "0123456789") != strlen(value)) {
                fail_usage("--problem needs a status code (digits, such as 404)%s%s%s", value != NULL ? ": '" : "",
                           value != NULL ? value : "", value != NULL ? "'" : "");
                return ARG_BAD;
            }
            if (opt->problem != NULL) {
                fail_usage("--problem given twice");
                return ARG_BAD;
            }
            opt->problem = value;
        } else if (problem_member(c, a, opt, &value)) {
            if (value == NULL)
                return ARG_BAD;
        } else if (option_value(c, a, "--extension", &value)) {
            if (value == NULL || strchr(value, '=') == NULL) {
                fail_usage("--extension needs NAME=JSON (a member and its value as JSON: --extension "
                           "balance=30, --extension 'accounts=[\"/account/1\"]')");
                return ARG_BAD;
            }
            if (opt->extensions != NULL && opt->extension_count < opt->extension_cap)
                opt->extensions[opt->extension_count] = value;
            opt->extension_count++;
            if (opt->problem_option == NULL)
                opt->problem_option = "--extension";
        } else {
            fail_usage("unknown option: %s", a);
            return ARG_BAD;
        }
    }
    return ARG_END;
}

/* The next query: next_arg with the options applied to a copy, as the
 * first reading of the command line found them good. */
bool cli_next_query(struct cli_cursor *c, const char **query)
{
    struct cli_options ignored;
    memset(&ignored, 0, sizeof ignored);
    return next_arg(c, &ignored, query) == ARG_QUERY;
}

size_t cli_extensions(int argc, char **argv, const char **values, size_t cap)
{
    struct cli_cursor c = {argc, argv, 0, false};
    struct cli_options opt;
    const char *query;
    memset(&opt, 0, sizeof opt);
    opt.extensions = values;
    opt.extension_cap = cap;
    while (next_arg(&c, &opt, &query) != ARG_END)
        ;
    return opt.extension_count;
}

int cli_finish_output(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("httpstatus: stdout");
        clearerr(stdout);
        return 2;
    }
    return status;
}

/* --check FILE (or standard input, for none or "-"). */
static int run_check(const struct cli_options *opt, const char *path)
{
    hs_cli_check_options check;
    check.method = opt->method;
    check.ignore = opt->ignore;
    check.lang = opt->lang;
    check.json = opt->json;
    check.level = opt->level;
    check.verbose = opt->verbose;
    if (path == NULL || strcmp(path, "-") == 0) {
        clearerr(stdin); /* a second run in the same process reads on */
        return cli_finish_output(hs_cli_check_stream(stdin, NULL, stdout, stderr, &check));
    }
    FILE *in = fopen(path, "rb");
    if (in == NULL) {
        fprintf(stderr, "httpstatus: --check: %s: %s\n", path, strerror(errno));
        return cli_finish_output(2);
    }
    int status = hs_cli_check_stream(in, path, stdout, stderr, &check);
    fclose(in);
    return cli_finish_output(status);
}

/* ---- the command ------------------------------------------------------ */

/* The command line read: the options, and --check's FILE. */
struct command {
    struct cli_options opt;
    const char *file; /* --check: the FILE, or NULL for standard input */
};

/* Reads the command line into *cmd; -1 to go on, else the exit status. */
static int parse(int argc, char **argv, struct command *cmd)
{
    struct cli_cursor c = {argc, argv, 0, false};
    struct cli_options *opt = &cmd->opt;
    const char *q = NULL, *first = NULL, *second = NULL;
    size_t nqueries = 0;
    for (;;) {
        switch (next_arg(&c, opt, &q)) {
        case ARG_END:
            if (opt->problem != NULL) {
                const char *what = opt->check       ? "--check"
                                   : opt->rules     ? "--rules"
                                   : opt->common    ? "--common"
                                   : opt->json      ? "--json (the body is JSON)"
                                   : opt->lang_given ? "--lang (the title is the English phrase; --title "
                                                       "gives another)"
                                                     : NULL;
                if (what != NULL)
                    return fail_usage("--problem cannot be combined with %s", what);
                if (first != NULL)
                    return fail_usage("--problem takes no query: %s", first);
            } else if (opt->problem_option != NULL) {
                return fail_usage("%s is for --problem", opt->problem_option);
            }
            if (opt->check || opt->rules) {
                const char *mode = opt->check ? "--check" : "--rules";
                if (opt->check && opt->rules)
                    return fail_usage("--check and --rules cannot be combined");
                if (opt->common)
                    return fail_usage("--common cannot be combined with %s", mode);
            }
            if (!opt->check) {
                const char *what = opt->method != NULL ? "--method"
                                   : opt->ignore_given ? "--ignore"
                                   : opt->level_given  ? "--level"
                                   : opt->verbose      ? "--verbose"
                                                       : NULL;
                if (what != NULL)
                    return fail_usage("%s is for --check%s", what, opt->rules ? ", not --rules" : "");
            }
            if (opt->rules && first != NULL)
                return fail_usage("--rules takes no query: %s", first);
            if (opt->check && second != NULL)
                return fail_usage("--check reads one FILE; one argument too many: %s", second);
            if (!opt->check && !opt->rules && opt->problem == NULL && nqueries == 0 && !opt->common)
                return fail_usage("no query given");
            cmd->file = first;
            return -1;
        case ARG_QUERY:
            if (nqueries == 0)
                first = q;
            else if (nqueries == 1)
                second = q;
            nqueries++;
            break;
        case ARG_HELP:
            fputs(usage, stdout);
            return cli_finish_output(0);
        case ARG_VERSION:
            printf("httpstatus %s\n", hs_version());
            return cli_finish_output(0);
        case ARG_BAD:
            return 2;
        }
    }
}

int hs_cli_main(int argc, char **argv)
{
    struct command cmd;
    memset(&cmd, 0, sizeof cmd);
    cmd.opt.lang = "en";
    int status = parse(argc, argv, &cmd);
    if (status >= 0)
        return status;
    if (cmd.opt.rules)
        return cli_list_rules(&cmd.opt);
    if (cmd.opt.check)
        return run_check(&cmd.opt, cmd.file);
    if (cmd.opt.problem != NULL)
        return cli_problem(&cmd.opt, argc, argv);
    return cli_lookup(&cmd.opt, argc, argv);
}
