/*
 * httpstatus: look up HTTP status codes from the command line.
 *
 *   httpstatus 404            one code
 *   httpstatus not_found      a name, alias or phrase
 *   httpstatus 4xx            every known code of a class
 *   httpstatus teapot         a search over names, aliases and phrases
 *
 * Exit status: 0 when every query found something, 1 when one found
 * nothing, 2 on a usage error. The Python package's `python -m httpstatus`
 * prints exactly the same; tests hold the two to that.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "httpstatus.h"

static const char usage[] =
    "usage: httpstatus [--lang en|ko] [--json] QUERY...\n"
    "       httpstatus --help | --version\n"
    "\n"
    "Look up HTTP status codes. A QUERY is a code (404), a class (4xx), a\n"
    "name, alias or phrase (not_found, \"Not Found\"), or a word to search\n"
    "for in names and phrases (teapot).\n"
    "\n"
    "  --lang LANG  description language: en (default) or ko\n"
    "  --json       print a JSON array of the statuses found\n"
    "  --help       print this help and exit\n"
    "  --version    print the version and exit\n"
    "\n"
    "Exit status: 0 when every query found something, 1 when one found\n"
    "nothing, 2 on a usage error.\n";

struct options {
    const char *lang;
    int json;
};

/* Results of one query, as indexes for hs_at. */
struct results {
    size_t rows[600];
    size_t count;
};

static int is_class(const char *q)
{
    return strlen(q) == 3 && q[0] >= '1' && q[0] <= '5' && (q[1] == 'x' || q[1] == 'X') &&
           (q[2] == 'x' || q[2] == 'X');
}

static void resolve(const char *q, struct results *r)
{
    size_t len = strlen(q);
    r->count = 0;
    if (is_class(q)) {
        for (size_t i = 0; i < hs_count(); i++)
            if (hs_at(i)->code / 100 == q[0] - '0')
                r->rows[r->count++] = i;
        return;
    }
    const hs_status *exact = hs_find(q, len);
    if (exact != NULL) {
        r->rows[r->count++] = (size_t)(exact - hs_at(0)); /* rows are one array */
        return;
    }
    for (size_t i = hs_search(q, len, 0); i < hs_count(); i = hs_search(q, len, i + 1))
        r->rows[r->count++] = i;
}

static void json_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static void json_status(const hs_status *s, const char *lang)
{
    printf("{\"code\": %d, \"name\": ", s->code);
    json_string(s->name);
    printf(", \"aliases\": [");
    const char *alias;
    for (size_t a = 0; (alias = hs_alias(s->code, a)) != NULL; a++) {
        printf(a ? ", " : "");
        json_string(alias);
    }
    printf("], \"phrase\": ");
    json_string(s->phrase);
    printf(", \"description\": ");
    json_string(hs_description(s->code, lang));
    printf(", \"category\": \"%s\", \"official\": %s, \"origin\": ", hs_category(s->code),
           s->official ? "true" : "false");
    json_string(s->origin);
    printf(", \"reference\": ");
    json_string(s->reference);
    printf(", \"is_redirect\": %s, \"preserves_method\": %s, \"is_cacheable\": %s, "
           "\"is_empty\": %s, \"is_retryable\": %s}",
           hs_is_redirect(s->code) ? "true" : "false",
           hs_preserves_method(s->code) ? "true" : "false",
           hs_is_cacheable(s->code) ? "true" : "false", hs_is_empty(s->code) ? "true" : "false",
           hs_is_retryable(s->code) ? "true" : "false");
}

static void text_status(const hs_status *s, const char *lang)
{
    printf("%d %s\n", s->code, s->phrase);
    printf("  name         %s\n", s->name);
    const char *alias;
    for (size_t a = 0; (alias = hs_alias(s->code, a)) != NULL; a++)
        printf(a ? ", %s" : "  aliases      %s", alias);
    if (hs_alias(s->code, 0) != NULL)
        printf("\n");
    printf("  category     %s\n", hs_category(s->code));
    printf("  origin       %s (%s)\n", s->origin, s->official ? "official" : "unofficial");
    printf("  reference    %s\n", s->reference);
    printf("  description  %s\n", hs_description(s->code, lang));
}

/* Every path ends here: output that could not be written (a full disk, a
 * closed stdout, a closed pipe with SIGPIPE ignored) is exit 2 with one
 * line saying why, never a claimed success. */
static int finish_output(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("httpstatus: stdout");
        clearerr(stdout);
        return 2;
    }
    return status;
}

static int fail_usage(const char *message, const char *arg)
{
    fprintf(stderr, "httpstatus: %s%s\nTry 'httpstatus --help'.\n", message, arg);
    return 2;
}

int hs_cli_main(int argc, char **argv)
{
    struct options opt = {"en", 0};
    const char *queries[256];
    int nqueries = 0, options_done = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options_done || a[0] != '-' || a[1] == '\0') {
            if (nqueries == (int)(sizeof queries / sizeof queries[0]))
                return fail_usage("too many queries", "");
            queries[nqueries++] = a;
        } else if (strcmp(a, "--") == 0) {
            options_done = 1;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            return finish_output(0);
        } else if (strcmp(a, "--version") == 0) {
            printf("httpstatus %s\n", hs_version());
            return finish_output(0);
        } else if (strcmp(a, "--json") == 0) {
            opt.json = 1;
        } else if (strcmp(a, "--lang") == 0 || strncmp(a, "--lang=", 7) == 0) {
            const char *lang = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);
            if (lang == NULL)
                return fail_usage("--lang needs a language: en or ko", "");
            if (!hs_is_language(lang))
                return fail_usage("unknown language (en or ko): ", lang);
            opt.lang = lang;
        } else {
            return fail_usage("unknown option: ", a);
        }
    }
    if (nqueries == 0)
        return fail_usage("no query given", "");

    static struct results found[256];
    int missed = 0;
    size_t total = 0;
    for (int q = 0; q < nqueries; q++) {
        resolve(queries[q], &found[q]);
        total += found[q].count;
        if (found[q].count == 0) {
            fprintf(stderr, "httpstatus: nothing matches '%s'\n", queries[q]);
            missed = 1;
        }
    }

    size_t printed = 0;
    if (opt.json)
        printf("[");
    for (int q = 0; q < nqueries; q++) {
        for (size_t i = 0; i < found[q].count; i++, printed++) {
            const hs_status *s = hs_at(found[q].rows[i]);
            if (opt.json) {
                printf(printed ? ",\n " : "");
                json_status(s, opt.lang);
            } else if (total == 1) {
                text_status(s, opt.lang);
            } else {
                printf("%d %s  (%s)\n", s->code, s->phrase, s->name);
            }
        }
    }
    if (opt.json)
        printf("]\n");
    return finish_output(missed ? 1 : 0);
}
