/*
 * httpstatus --problem CODE [--detail TEXT] [--type URI] [--title TEXT]
 * [--instance URI] [--extension NAME=JSON]...: the problem details body
 * (RFC 9457) of a status, exactly as hs_problem_json writes it, and a
 * newline. cli.c read the options (internal.h); the core checks the
 * problem, and what it refuses is said here on one line of stderr: the
 * fault in the core's words, the option at fault, and the byte of its
 * argument where it stopped being valid (counted from 0, as --check counts
 * bytes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "httpstatus.h"
#include "internal.h"

/* How much of an argument a message shows. */
#define SHOWN 60

/* s (len bytes) as a message shows it, in single quotes: printable ASCII
 * as it is, but \\ and \' for a backslash and a quote; every other byte (a
 * control, UTF-8 or not) as \xNN; cut after SHOWN bytes with "...". */
static void show(FILE *f, const char *s, size_t len)
{
    putc('\'', f);
    for (size_t i = 0; i < len && i < SHOWN; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\'' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c >= 0x20 && c < 0x7f)
            putc(c, f);
        else
            fprintf(f, "\\x%02x", c);
    }
    fputs(len > SHOWN ? "...'" : "'", f);
}

/* --problem's CODE (ASCII digits, as cli.c checked) as a number; past 9999
 * it stays 10000, outside 100..599 like the number it stands for. */
static int code_of(const char *digits)
{
    int code = 0;
    for (; *digits != '\0' && code < 10000; digits++)
        code = code * 10 + (*digits - '0');
    return code < 10000 ? code : 10000;
}

/* Whether the fault is in an extension's name, so that its offset counts
 * from the start of NAME=JSON, rather than in its value. */
static bool fault_in_name(hs_problem_fault fault)
{
    return fault == HS_PROBLEM_BAD_NAME || fault == HS_PROBLEM_STANDARD_NAME || fault == HS_PROBLEM_DUPLICATE_NAME;
}

/* The one line that says why the core refused the problem. */
static void refused(const struct cli_options *opt, const hs_problem_extension *ext, const char *const *args,
                    const hs_problem_error *err)
{
    fputs("httpstatus: --problem", stderr);
    if (err->member == NULL) { /* the code's fault */
        putc(' ', stderr);
        fputs(opt->problem, stderr);
        fprintf(stderr, ": %s%s\n", err->message,
                err->fault == HS_PROBLEM_NO_TITLE ? " (give one with --title)" : "");
    } else if (err->extension != (size_t)-1) {
        const hs_problem_extension *e = &ext[err->extension];
        const char *arg = args[err->extension];
        fputs(": --extension ", stderr);
        show(stderr, arg, strlen(arg));
        fprintf(stderr, ": %s", err->message);
        if (err->fault == HS_PROBLEM_BAD_NAME || !fault_in_name(err->fault))
            fprintf(stderr, ", at byte %zu", (fault_in_name(err->fault) ? 0 : e->name_len + 1) + err->offset);
        putc('\n', stderr);
    } else {
        fprintf(stderr, ": --%.*s: %s, at byte %zu\n", (int)err->member_len, err->member, err->message,
                err->offset);
    }
}

int cli_problem(const struct cli_options *opt, int argc, char **argv)
{
    const size_t count = opt->extension_count;
    const char **args = NULL;
    hs_problem_extension *ext = NULL;
    char *body = NULL;
    int status = 2;
    hs_problem p = HS_PROBLEM_INIT;
    hs_problem_error err;
    const int code = code_of(opt->problem);

    if (count > 0) {
        args = malloc(count * sizeof *args);
        ext = malloc(count * sizeof *ext);
        if (args == NULL || ext == NULL) {
            fputs("httpstatus: --problem: out of memory\n", stderr);
            goto done;
        }
        cli_extensions(argc, argv, args, count);
        for (size_t i = 0; i < count; i++) {
            const char *eq = strchr(args[i], '='); /* cli.c saw one */
            ext[i].name = args[i];
            ext[i].name_len = (size_t)(eq - args[i]);
            ext[i].value = eq + 1;
            ext[i].value_len = strlen(eq + 1);
        }
        p.extensions = ext;
        p.extension_count = count;
    }
    if (opt->detail != NULL) {
        p.detail = opt->detail;
        p.detail_len = strlen(opt->detail);
    }
    if (opt->type != NULL) {
        p.type = opt->type;
        p.type_len = strlen(opt->type);
    }
    if (opt->title != NULL) {
        p.title = opt->title;
        p.title_len = strlen(opt->title);
    }
    if (opt->instance != NULL) {
        p.instance = opt->instance;
        p.instance_len = strlen(opt->instance);
    }

    if (!hs_problem_validate(code, &p, &err)) {
        refused(opt, ext, args, &err);
        goto done;
    }
    size_t len = hs_problem_json(NULL, 0, code, &p); /* valid: never 0, and it fits (argv did) */
    body = malloc(len + 1);
    if (body == NULL) {
        fputs("httpstatus: --problem: out of memory\n", stderr);
        goto done;
    }
    hs_problem_json(body, len + 1, code, &p);
    fwrite(body, 1, len, stdout);
    putc('\n', stdout);
    status = 0;
done:
    free(body);
    free(ext);
    free(args);
    return cli_finish_output(status);
}
