/*
 * httpstatus: look up HTTP status codes from the command line.
 *
 *   httpstatus 404            one code
 *   httpstatus not_found      a name, alias or phrase
 *   httpstatus not found      words tried first as one phrase
 *   httpstatus 4xx            every known code of a class
 *   httpstatus teapot         a search over names, aliases, phrases and origins
 *   httpstatus --common       the codes most often met
 *   httpstatus --check FILE   the response rules over what `curl -si` printed
 *   httpstatus --rules        every response rule
 *
 * Exit status: 0 when every query found something, 1 when one found
 * nothing, 2 on a usage error or when the output could not be written. For
 * --check: 0 when no must or should rule fired, 1 when one did, 2 on a usage
 * error, input that is not an HTTP response, or output not written.
 *
 * hs_cli_main is also the Python package's `python -m httpstatus`, called in
 * a process that is not only this command, perhaps from several threads: it
 * keeps no static or global mutable state, uses no heap, never exits, and
 * has no limit on the number of queries (it walks argv again instead of
 * storing what it found). --check reads its input through one bounded
 * buffer on the stack and feeds each field to the core as it is parsed. What a status shows comes from the surface list,
 * core/httpstatus_surface.def, through the hs_field_* functions: a field or
 * predicate added there appears in --json and in the detail view unasked.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "httpstatus.h"

static const char usage[] =
    "usage: httpstatus [--lang en|ko] [--json] [--common] QUERY...\n"
    "       httpstatus [--lang en|ko] [--json] --common\n"
    "       httpstatus --check [--method M] [--ignore ID,...] [--lang en|ko] [--json] [FILE]\n"
    "       httpstatus --rules [--lang en|ko] [--json]\n"
    "       httpstatus --help | --version\n"
    "\n"
    "Look up HTTP status codes. A QUERY is a code (exactly three digits: 404),\n"
    "a class (4xx), a name, alias or phrase (not_found, \"Not Found\"), or a\n"
    "word to search for in names, aliases, phrases and origins (teapot, nginx).\n"
    "\n"
    "Two or more queries that are all words (ASCII letters, with ' or - after\n"
    "the first letter) are first tried as one phrase, joined with spaces:\n"
    "'httpstatus not found' is 404 alone. When the phrase names no status,\n"
    "each query is looked up on its own. Each status prints once, in the order\n"
    "first found: one status in detail, several one line each, an unofficial\n"
    "code with its origin.\n"
    "\n"
    "  --lang LANG  description and message language: en (default) or ko\n"
    "  --json       print a JSON array of the statuses found, every field of each\n"
    "  --common     only the codes most often met; alone, list them all\n"
    "  --help       print this help and exit\n"
    "  --version    print the version and exit\n"
    "\n"
    "--check reads HTTP responses as 'curl -si URL' or 'curl -sI URL' prints\n"
    "them, from FILE or standard input (FILE - too): interim 1xx responses, the\n"
    "final one and its content, and the responses of a redirect chain\n"
    "('curl -siL'). It prints one line per finding of the response rules:\n"
    "\n"
    "  405 must   allow-missing: A 405 response must carry Allow, ... (RFC 9110, ...)\n"
    "\n"
    "  --method M   the request's method (GET, HEAD, POST, ...), for the rules\n"
    "               that need it, such as content in a response to HEAD\n"
    "  --ignore ID  skip these rules (comma-separated ids; may be repeated)\n"
    "  --json       print one JSON array of findings: code, id, level, field,\n"
    "               message, reference\n"
    "--rules lists every rule: its id, level and reference.\n"
    "\n"
    "Exit status: 0 when every query found something, 1 when one found\n"
    "nothing, 2 on a usage error or when the output could not be written.\n"
    "With --check: 0 when no rule of level must or should fired, 1 when one\n"
    "did, 2 on a usage error, input that is not an HTTP response, or output\n"
    "that could not be written.\n";

/* hs_find takes no more than this many bytes. */
#define PHRASE_MAX 128

struct options {
    const char *lang;
    bool json;
    bool common;
    bool check;                /* --check: the queries are one FILE */
    bool rules;                /* --rules */
    const char *method;        /* --method, or NULL */
    bool ignore_given;         /* --ignore was given */
    unsigned long long ignore; /* bit per rule of every --ignore */
};

/* ---- the command line ---------------------------------------------- */

enum arg { ARG_END, ARG_QUERY, ARG_HELP, ARG_VERSION, ARG_BAD };

/* A place in argv; start at i = 0. */
struct cursor {
    int argc;
    char **argv;
    int i;
    bool options_done;
};

static int fail_usage(const char *message, const char *arg)
{
    fprintf(stderr, "httpstatus: %s%s\nTry 'httpstatus --help'.\n", message, arg);
    return 2;
}

/* For an option that takes a value (name is "--lang"): whether a is it,
 * alone (the value is the next argument, *value NULL when there is none)
 * or as name=VALUE. */
static bool option_value(struct cursor *c, const char *a, const char *name, const char **value)
{
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0 || (a[n] != '\0' && a[n] != '='))
        return false;
    *value = a[n] == '=' ? a + n + 1 : (c->i + 1 < c->argc ? c->argv[++c->i] : NULL);
    return true;
}

/* A token character (RFC 9110, Section 5.6.2): what methods and field
 * names are made of. */
static bool is_tchar(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           (ch != '\0' && strchr("!#$%&'*+-.^_`|~", ch) != NULL);
}

static bool is_token(const char *s)
{
    if (*s == '\0')
        return false;
    for (; *s; s++)
        if (!is_tchar((unsigned char)*s))
            return false;
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

/* Moves to the next query, applying every option on the way to *opt. The
 * first walk over argv reports a bad option (ARG_BAD, message written);
 * later walks meet the same options and only ever see queries and the end. */
static enum arg next_arg(struct cursor *c, struct options *opt, const char **query)
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
                fail_usage("--lang needs a language: en or ko", "");
                return ARG_BAD;
            }
            if (!hs_is_language(value)) {
                fail_usage("unknown language (en or ko): ", value);
                return ARG_BAD;
            }
            opt->lang = value;
        } else if (option_value(c, a, "--method", &value)) {
            if (value == NULL) {
                fail_usage("--method needs a method: GET, HEAD, POST, ...", "");
                return ARG_BAD;
            }
            if (!is_token(value)) {
                fail_usage("--method: not a method token: ", value);
                return ARG_BAD;
            }
            opt->method = value;
        } else if (option_value(c, a, "--ignore", &value)) {
            if (value == NULL) {
                fail_usage("--ignore needs rule ids ('httpstatus --rules' lists them)", "");
                return ARG_BAD;
            }
            if (!ignore_rules(value, &opt->ignore))
                return ARG_BAD;
            opt->ignore_given = true;
        } else {
            fail_usage("unknown option: ", a);
            return ARG_BAD;
        }
    }
    return ARG_END;
}

static bool is_letter(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* A word of a phrase typed unquoted: an ASCII letter, then letters,
 * apostrophes and hyphens ("not", "time-out", "I'm"). Codes, classes, names
 * with '_', anything quoted with a space and anything starting with '-' are
 * not words. */
static bool is_word(const char *q)
{
    if (!is_letter(q[0]))
        return false;
    for (q++; *q; q++)
        if (!is_letter(*q) && *q != '\'' && *q != '-')
            return false;
    return true;
}

/* ---- what the queries match ---------------------------------------- */

static bool is_class(const char *q, size_t len)
{
    return len == 3 && q[0] >= '1' && q[0] <= '5' && (q[1] == 'x' || q[1] == 'X') &&
           (q[2] == 'x' || q[2] == 'X');
}

/* The matches of one query, one at a time, as hs_at rows. */
struct matches {
    enum { ALL, CLASS, EXACT, SEARCH } how;
    const char *q;
    size_t len;
    size_t next; /* the row to look at next */
    int class_;  /* CLASS: 1..5 */
};

/* q == NULL is every row (--common alone). */
static void matches_start(struct matches *m, const char *q, size_t len)
{
    m->q = q;
    m->len = len;
    m->next = 0;
    m->class_ = 0;
    if (q == NULL) {
        m->how = ALL;
    } else if (is_class(q, len)) {
        m->how = CLASS;
        m->class_ = q[0] - '0';
    } else {
        const hs_status *exact = hs_find(q, len);
        if (exact != NULL) {
            m->how = EXACT;
            m->next = (size_t)(exact - hs_at(0)); /* rows are one array */
        } else {
            m->how = SEARCH;
            m->next = hs_search(q, len, 0);
        }
    }
}

static const hs_status *matches_next(struct matches *m)
{
    size_t row = m->next;
    switch (m->how) {
    case ALL:
        break;
    case CLASS:
        while (row < hs_count() && hs_at(row)->code / 100 != m->class_)
            row++;
        break;
    case EXACT:
        m->next = hs_count(); /* one match, then no more */
        return hs_at(row);
    case SEARCH:
        if (row < hs_count())
            m->next = hs_search(m->q, m->len, row + 1);
        return hs_at(row);
    }
    m->next = row + 1;
    return hs_at(row); /* NULL past the last row */
}

/* The queries of a run: the words joined as one phrase when that names a
 * status, else the queries of argv one by one, else (none at all, with
 * --common) every row. */
struct run {
    struct options opt;
    int argc;
    char **argv;
    bool phrase; /* the queries are the one phrase below */
    bool every_row;
    char joined[PHRASE_MAX + 1];
    size_t joined_len;
    const char *file; /* --check: the FILE, or NULL for standard input */
};

struct walk {
    const struct run *run;
    struct cursor cursor;
    bool done;
};

static void walk_start(struct walk *w, const struct run *r)
{
    w->run = r;
    w->cursor = (struct cursor){r->argc, r->argv, 0, false};
    w->done = false;
}

/* The next query, or false after the last; q is NULL for every row. */
static bool walk_next(struct walk *w, const char **q, size_t *len)
{
    if (w->run->phrase || w->run->every_row) {
        if (w->done)
            return false;
        w->done = true;
        *q = w->run->phrase ? w->run->joined : NULL;
        *len = w->run->joined_len;
        return true;
    }
    struct options ignored = w->run->opt;
    const char *a = NULL;
    if (next_arg(&w->cursor, &ignored, &a) != ARG_QUERY)
        return false;
    *q = a;
    *len = strlen(a);
    return true;
}

static bool wanted(const struct run *r, const hs_status *s)
{
    return !r->opt.common || strcmp(s->usage, "common") == 0;
}

/* ---- output ---------------------------------------------------------- */

static void json_string(FILE *out, const char *s)
{
    putc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            putc(c, out);
    }
    putc('"', out);
}

static bool is_field(size_t i, const char *name)
{
    return strcmp(hs_field_name(i), name) == 0;
}

/* Item j of field i; description in lang rather than English. */
static bool field_value(const hs_status *s, size_t i, size_t j, const char *lang, hs_value *v)
{
    if (!hs_field_value(s->code, i, j, v))
        return false;
    if (is_field(i, "description"))
        v->string = hs_description(s->code, lang);
    return true;
}

/* One value: as JSON, or as text for the detail view. */
static void print_value(const hs_value *v, bool json)
{
    switch (v->kind) {
    case HS_INTEGER: printf("%ld", v->integer); break;
    case HS_BOOLEAN: printf(v->integer ? "true" : "false"); break;
    case HS_STRING:
    case HS_STRINGS:
        if (json)
            json_string(stdout, v->string);
        else
            printf("%s", v->string);
        break;
    }
}

/* Every item of field i, between ", "; false (nothing printed) for an
 * empty list. */
static bool print_items(const hs_status *s, size_t i, const char *lang, bool json)
{
    hs_value v;
    if (!field_value(s, i, 0, lang, &v))
        return false;
    print_value(&v, json);
    for (size_t j = 1; hs_field_kind(i) == HS_STRINGS && field_value(s, i, j, lang, &v); j++) {
        printf(", ");
        print_value(&v, json);
    }
    return true;
}

/* Every field of the list, in its order, predicates last. */
static void json_status(const hs_status *s, const char *lang)
{
    putchar('{');
    for (size_t i = 0; i < hs_field_count(); i++) {
        bool list = hs_field_kind(i) == HS_STRINGS;
        printf(i ? ", " : "");
        json_string(stdout, hs_field_name(i));
        printf(list ? ": [" : ": ");
        print_items(s, i, lang, true);
        printf(list ? "]" : "");
    }
    putchar('}');
}

/* One status in detail: the status line, then a line per field of the list
 * (an empty list, such as no aliases, is no line), then the predicates true
 * for it, then the description. The code, phrase and status line are the
 * first line; official is said on the origin line. */
static void detail_status(const hs_status *s, const char *lang)
{
    printf("%s\n", s->status_line);
    for (size_t i = 0; i < hs_field_count(); i++) {
        hs_value v;
        if (hs_field_is_predicate(i) || is_field(i, "code") || is_field(i, "phrase") ||
            is_field(i, "status_line") || is_field(i, "official") || is_field(i, "description") ||
            !field_value(s, i, 0, lang, &v))
            continue;
        printf("  %-12s ", hs_field_name(i));
        print_items(s, i, lang, false);
        if (is_field(i, "origin"))
            printf(" (%s)", s->official ? "official" : "unofficial");
        putchar('\n');
    }
    size_t true_count = 0;
    for (size_t i = 0; i < hs_field_count(); i++)
        if (hs_predicate(i, s->code))
            printf(true_count++ ? ", %s" : "  true         %s", hs_field_name(i));
    if (true_count)
        putchar('\n');
    printf("  %-12s %s\n", "description", hs_description(s->code, lang));
}

/* One status of several: 404 Not Found  (NOT_FOUND), and for an unofficial
 * code its origin: 499 Client Closed Request  (CLIENT_CLOSED_REQUEST, nginx). */
static void list_status(const hs_status *s)
{
    if (s->official)
        printf("%d %s  (%s)\n", s->code, s->phrase, s->name);
    else
        printf("%d %s  (%s, %s)\n", s->code, s->phrase, s->name, s->origin);
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

/* ---- --rules ------------------------------------------------------------ */

/* Every rule, in table order: "allow-missing  must    RFC 9110, ..." one a
 * line, ids padded to the longest; or with --json an array of objects with
 * the rule's fields, its message in lang and the codes of 100..599 it can
 * apply to (none for status-invalid, which applies only outside). */
static int list_rules(const struct options *opt)
{
    size_t width = 0;
    for (size_t i = 0; i < hs_rule_count(); i++) {
        size_t len = strlen(hs_rule_at(i)->id);
        width = len > width ? len : width;
    }
    if (opt->json)
        putchar('[');
    for (size_t i = 0; i < hs_rule_count(); i++) {
        const hs_rule *rule = hs_rule_at(i);
        if (!opt->json) {
            printf("%-*s  %-6s  %s\n", (int)width, rule->id, rule->level, rule->reference);
            continue;
        }
        printf(i ? ",\n {\"id\": " : "{\"id\": ");
        json_string(stdout, rule->id);
        printf(", \"level\": ");
        json_string(stdout, rule->level);
        printf(", \"field\": ");
        if (rule->field != NULL)
            json_string(stdout, rule->field);
        else
            printf("null");
        printf(", \"message\": ");
        json_string(stdout, hs_rule_message(i, opt->lang));
        printf(", \"reference\": ");
        json_string(stdout, rule->reference);
        printf(", \"codes\": [");
        size_t codes = 0;
        for (int code = 100; code <= 599; code++)
            if (hs_rule_applies(i, code))
                printf(codes++ ? ", %d" : "%d", code);
        printf("]}");
    }
    if (opt->json)
        printf("]\n");
    return finish_output(0);
}

/* ---- --check: the responses of a stream ---------------------------------- */

/* A field line (folded lines joined with one space) or a status line, not
 * counting its line end; and a header section, from the first byte of the
 * status line to the end of the blank line. */
#define CHECK_LINE_MAX 65536
#define CHECK_HEAD_MAX 1048576

/* The input, and where in it the reading is. */
struct input {
    FILE *file;
    FILE *err;
    const char *name;          /* NULL for standard input */
    unsigned long long offset; /* bytes read so far */
    unsigned long line;        /* the line of the next byte, from 1 */
    int read_errno;            /* nonzero once a read has failed */
};

static void note_read_error(struct input *in, int saved_errno)
{
    if (ferror(in->file) && in->read_errno == 0)
        in->read_errno = saved_errno != 0 ? saved_errno : EIO;
}

static int next_byte(struct input *in)
{
    int c = getc(in->file);
    if (c == EOF) {
        note_read_error(in, errno);
        return EOF;
    }
    in->offset++;
    if (c == '\n')
        in->line++;
    return c;
}

/* The next byte, left unread. */
static int peek_byte(struct input *in)
{
    int c = getc(in->file);
    if (c == EOF)
        note_read_error(in, errno);
    else
        ungetc(c, in->file);
    return c;
}

enum line_end { END_LF, END_EOF, END_LONG };

/* One line into buf: *len bytes before its LF, a CR just before the LF
 * dropped. END_EOF: the input ended (or a read failed) after *len bytes
 * and no LF; END_LONG: the line holds more than cap bytes (cap stored). */
static enum line_end read_line(struct input *in, char *buf, size_t cap, size_t *len)
{
    size_t n = 0;
    for (;;) {
        int c = next_byte(in);
        if (c == EOF) {
            *len = n;
            return END_EOF;
        }
        if (c == '\n') {
            *len = n > 0 && buf[n - 1] == '\r' ? n - 1 : n;
            return END_LF;
        }
        if (n == cap) {
            *len = n;
            return END_LONG;
        }
        buf[n++] = (char)c;
    }
}

/* Reads to the end of the input without keeping it: the content of the
 * last response, or what follows a 101. */
static void drain(struct input *in, char *buf, size_t cap)
{
    size_t n;
    while ((n = fread(buf, 1, cap, in->file)) > 0)
        in->offset += n;
    note_read_error(in, errno);
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
/* Where the input stopped being HTTP: one line on err; the exit status 2. */
static int bad_input(const struct input *in, unsigned long line, unsigned long long byte, const char *format, ...)
{
    va_list args;
    fprintf(in->err, "httpstatus: --check: %s%sline %lu, byte %llu: ", in->name != NULL ? in->name : "",
            in->name != NULL ? ": " : "", line, byte);
    va_start(args, format);
    vfprintf(in->err, format, args);
    va_end(args);
    putc('\n', in->err);
    return 2;
}

static int read_failed(const struct input *in)
{
    fprintf(in->err, "httpstatus: --check: %s: %s\n", in->name != NULL ? in->name : "standard input",
            strerror(in->read_errno));
    return 2;
}

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static bool is_ows(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* A byte no line of a header section may hold: a control byte other than
 * HTAB (a CR here is not before the LF), or DEL. */
static bool is_control(char ch)
{
    unsigned char c = (unsigned char)ch;
    return (c < 0x20 && c != '\t') || c == 0x7f;
}

static const char no_status_line[] = "no status line (expected \"HTTP/1.1 200 OK\")";

/* The status line s (len bytes): NULL with the code and version, or why it
 * is not one, *at the index of the byte where it stops making sense.
 * HTTP/1.x lines say nothing of the version the rules read (HTTP/1.0 is the
 * server's version, not necessarily the request's); HTTP/2 and HTTP/3 say
 * the exchange was over that version. */
static const char *parse_status_line(const char *s, size_t len, int *code, hs_http_version *version, size_t *at)
{
    size_t i;
    *at = 0;
    if (len < 5 || memcmp(s, "HTTP/", 5) != 0)
        return no_status_line;
    for (i = 0; i < len; i++)
        if (s[i] == '\0') {
            *at = i;
            return "NUL byte in the header section";
        }
    if (len >= 8 && s[5] == '1' && s[6] == '.' && is_digit(s[7])) {
        *version = HS_VERSION_UNSET;
        i = 8;
    } else if (len >= 6 && (s[5] == '2' || s[5] == '3') && (len == 6 || s[6] == ' ')) {
        *version = s[5] == '2' ? HS_HTTP_2 : HS_HTTP_3;
        i = 6;
    } else {
        *at = 5;
        return "unknown HTTP version in the status line (HTTP/1.0, HTTP/1.1, HTTP/2 or HTTP/3)";
    }
    *at = i;
    if (i == len)
        return "a status line with no code";
    if (s[i] != ' ')
        return "no space after the HTTP version in the status line";
    *at = ++i;
    size_t digits = 0;
    while (i + digits < len && is_digit(s[i + digits]))
        digits++;
    if (digits == 0)
        return "a status line with no code";
    if (digits != 3)
        return "the status code is not three digits";
    *code = (s[i] - '0') * 100 + (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
    *at = i += 3;
    if (i < len && s[i] != ' ')
        return "no space after the status code";
    for (; i < len; i++)
        if (is_control(s[i])) {
            *at = i;
            return "control byte in the reason phrase";
        }
    return NULL;
}

/* The reading of a stream, one response after another. */
struct stream {
    struct input in;
    FILE *out;
    const hs_cli_check_options *opt;
    char buf[CHECK_LINE_MAX + 2]; /* a line, and its CR */
    size_t len;                   /* the line in buf */
    enum line_end end;            /* how that line ended */
    unsigned long line;           /* its line number */
    unsigned long long start;     /* and the offset of its first byte */
    size_t printed;               /* findings written */
    bool broken;                  /* a must or should finding was written */
};

enum { RESPONSE_NEXT = -1, RESPONSE_LAST = 0 };

/* A byte of a header line (s->buf + from, len bytes, starting at offset
 * start of line `line`) that no header line may hold: 2 after the message,
 * else 0. */
static int bad_bytes(const struct stream *s, size_t from, size_t len, unsigned long line, unsigned long long start)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s->buf[from + i];
        if (c == '\0')
            return bad_input(&s->in, line, start + i, "NUL byte in the header section");
        if (c == '\r')
            return bad_input(&s->in, line, start + i, "a CR not followed by LF");
        if (is_control((char)c))
            return bad_input(&s->in, line, start + i, "control byte 0x%02x in a field line", c);
    }
    return 0;
}

/* Reads one physical line of a header section into s->buf + from: 0, or 2
 * after the message (the input failed or ended, the line or the section is
 * too long, a byte no header line holds). *len is its length. */
static int read_head_line(struct stream *s, size_t from, size_t *len, unsigned long long head_start)
{
    unsigned long line = s->in.line;
    unsigned long long start = s->in.offset;
    enum line_end end = read_line(&s->in, s->buf + from, CHECK_LINE_MAX + 1 - from, len);
    if (s->in.read_errno != 0)
        return read_failed(&s->in);
    if (s->in.offset - head_start > CHECK_HEAD_MAX)
        return bad_input(&s->in, line, start, "header section longer than %d bytes", CHECK_HEAD_MAX);
    if (end == END_LONG || from + *len > CHECK_LINE_MAX)
        return bad_input(&s->in, line, start, "field line longer than %d bytes%s", CHECK_LINE_MAX,
                         from > 0 ? " (its continuation lines joined)" : "");
    if (end == END_EOF)
        return bad_input(&s->in, s->in.line, s->in.offset, "input ended inside the header section");
    return bad_bytes(s, from, *len, line, start);
}

/* Feeds one field line (s->len bytes in s->buf, starting at line, start)
 * to the checker: 0, or 2 after the message. */
static int field_line(struct stream *s, hs_checker *c, unsigned long line, unsigned long long start)
{
    const char *name = s->buf, *colon = memchr(s->buf, ':', s->len);
    if (colon == NULL)
        return bad_input(&s->in, line, start, "field line without a colon");
    size_t name_len = (size_t)(colon - name);
    if (name_len == 0)
        return bad_input(&s->in, line, start, "field line with no name before the colon");
    for (size_t i = 0; i < name_len; i++) {
        if (is_ows(name[i]))
            return bad_input(&s->in, line, start + i, "white space in a field name or before its colon");
        if (!is_tchar((unsigned char)name[i]))
            return bad_input(&s->in, line, start + i, "byte 0x%02x in a field name (not a token character)",
                             (unsigned char)name[i]);
    }
    const char *value = colon + 1, *end = s->buf + s->len;
    while (value < end && is_ows(*value))
        value++;
    while (end > value && is_ows(end[-1]))
        end--;
    hs_checker_response(c, name, name_len, value, (size_t)(end - value));
    return 0;
}

/* The findings of one response, written as text lines or JSON objects. */
static void write_findings(struct stream *s, const hs_checker *c)
{
    hs_finding found[64]; /* hs_rule_count() is at most 64: one ignore bit each */
    size_t n = hs_checker_end(c, found, sizeof found / sizeof found[0]);
    const char *lang = hs_is_language(s->opt->lang) ? s->opt->lang : "en";
    for (size_t k = 0; k < n && k < sizeof found / sizeof found[0]; k++) {
        const hs_rule *rule = hs_rule_at(found[k].rule);
        const char *message = hs_rule_message(found[k].rule, lang);
        if (rule->severity != HS_INFO)
            s->broken = true;
        if (!s->opt->json) {
            fprintf(s->out, "%03d %-6s %s: %s (%s)\n", c->code, rule->level, rule->id, message, rule->reference);
        } else {
            fprintf(s->out, "%s{\"code\": %d, \"id\": ", s->printed ? ",\n " : "", c->code);
            json_string(s->out, rule->id);
            fputs(", \"level\": ", s->out);
            json_string(s->out, rule->level);
            fputs(", \"field\": ", s->out);
            if (found[k].field != NULL)
                json_string(s->out, found[k].field);
            else
                fputs("null", s->out);
            fputs(", \"message\": ", s->out);
            json_string(s->out, message);
            fputs(", \"reference\": ", s->out);
            json_string(s->out, rule->reference);
            putc('}', s->out);
        }
        s->printed++;
    }
}

/* One response, whose status line is in s->buf: its fields are fed to the
 * core as they are read, then what follows the header section says whether
 * it has content. RESPONSE_NEXT when another response follows (its status
 * line read into s->buf), RESPONSE_LAST at the end of the input, 2 after a
 * message. */
static int check_response(struct stream *s)
{
    int code = 0;
    hs_http_version version = HS_VERSION_UNSET;
    size_t at;
    const unsigned long long head_start = s->start;
    const bool http = s->len >= 5 && memcmp(s->buf, "HTTP/", 5) == 0;
    if (s->end == END_EOF && s->len == 0)
        return bad_input(&s->in, s->line, s->start, "no status line: the input is empty");
    if (s->end == END_LONG && http)
        return bad_input(&s->in, s->line, s->start, "status line longer than %d bytes", CHECK_LINE_MAX);
    const char *why = parse_status_line(s->buf, s->len, &code, &version, &at);
    if (why == NULL && s->len > CHECK_LINE_MAX)
        return bad_input(&s->in, s->line, s->start, "status line longer than %d bytes", CHECK_LINE_MAX);
    if (why != NULL)
        return bad_input(&s->in, s->line, s->start + at, "%s", why);
    if (s->end == END_EOF)
        return bad_input(&s->in, s->in.line, s->in.offset, "input ended inside the header section");

    hs_check_options opt;
    memset(&opt, 0, sizeof opt);
    opt.method = s->opt->method;
    opt.method_len = opt.method != NULL ? strlen(opt.method) : 0;
    opt.ignore = s->opt->ignore;
    opt.version = version;
    hs_checker c;
    hs_checker_begin(&c, code, &opt);

    int first = peek_byte(&s->in);
    if (first == ' ' || first == '\t')
        return bad_input(&s->in, s->in.line, s->in.offset, "white space before the first field line");
    for (;;) {
        unsigned long line = s->in.line;
        unsigned long long start = s->in.offset;
        int status = read_head_line(s, 0, &s->len, head_start);
        if (status != 0)
            return status;
        if (s->len == 0)
            break; /* the blank line: the end of the header section */
        /* Obsolete line folding (RFC 9112, Section 5.2): a line starting
         * with white space continues the field line, joined with one SP. */
        int next;
        while ((next = peek_byte(&s->in)) == ' ' || next == '\t') {
            size_t more, skip = 0;
            if ((status = read_head_line(s, s->len + 1, &more, head_start)) != 0)
                return status;
            char *cont = s->buf + s->len + 1;
            while (skip < more && is_ows(cont[skip]))
                skip++;
            s->buf[s->len] = ' ';
            memmove(cont, cont + skip, more - skip);
            s->len += 1 + more - skip;
        }
        if (s->in.read_errno != 0)
            return read_failed(&s->in);
        if ((status = field_line(s, &c, line, start)) != 0)
            return status;
    }

    /* After the header section: nothing (the end), the next response's
     * status line (after an interim 1xx, or in a chain of redirects), or
     * content, which runs to the end of the input. After a 101 the
     * connection speaks another protocol: what follows is not content. */
    int result;
    hs_checker_content(&c, HS_CONTENT_NONE);
    if (code == 101) {
        drain(&s->in, s->buf, sizeof s->buf);
        result = RESPONSE_LAST;
    } else {
        int next_code;
        hs_http_version next_version;
        s->line = s->in.line;
        s->start = s->in.offset;
        s->end = read_line(&s->in, s->buf, CHECK_LINE_MAX + 1, &s->len);
        if (s->end == END_EOF && s->len == 0) {
            result = RESPONSE_LAST;
        } else if (s->end == END_LF && parse_status_line(s->buf, s->len, &next_code, &next_version, &at) == NULL) {
            result = RESPONSE_NEXT;
        } else {
            hs_checker_content(&c, HS_CONTENT_PRESENT);
            drain(&s->in, s->buf, sizeof s->buf);
            result = RESPONSE_LAST;
        }
    }
    if (s->in.read_errno != 0)
        return read_failed(&s->in);
    write_findings(s, &c);
    return result;
}

int hs_cli_check_stream(FILE *in, const char *name, FILE *out, FILE *err, const hs_cli_check_options *opt)
{
    static const hs_cli_check_options defaults; /* const: no mutable state */
    struct stream s;
    memset(&s.in, 0, sizeof s.in);
    s.in.file = in;
    s.in.err = err;
    s.in.name = name;
    s.in.line = 1;
    s.out = out;
    s.opt = opt != NULL ? opt : &defaults;
    s.printed = 0;
    s.broken = false;

    int result = RESPONSE_NEXT;
    if (s.opt->json)
        putc('[', out);
    for (bool first = true; result == RESPONSE_NEXT && !ferror(out); first = false) {
        /* The first status line; the response before reads the others. */
        if (first) {
            s.line = s.in.line;
            s.start = s.in.offset;
            s.end = read_line(&s.in, s.buf, CHECK_LINE_MAX + 1, &s.len);
            if (s.in.read_errno != 0) {
                result = read_failed(&s.in);
                break;
            }
        }
        result = check_response(&s);
    }
    if (s.opt->json)
        fputs("]\n", out);
    if (ferror(out))
        return 2;
    return result == 2 ? 2 : s.broken ? 1 : 0;
}

/* --check FILE (or standard input, for none or "-"). */
static int run_check(const struct options *opt, const char *path)
{
    hs_cli_check_options check;
    check.method = opt->method;
    check.ignore = opt->ignore;
    check.lang = opt->lang;
    check.json = opt->json;
    if (path == NULL || strcmp(path, "-") == 0) {
        clearerr(stdin); /* a second run in the same process reads on */
        return finish_output(hs_cli_check_stream(stdin, NULL, stdout, stderr, &check));
    }
    FILE *in = fopen(path, "rb");
    if (in == NULL) {
        fprintf(stderr, "httpstatus: --check: %s: %s\n", path, strerror(errno));
        return finish_output(2);
    }
    int status = hs_cli_check_stream(in, path, stdout, stderr, &check);
    fclose(in);
    return finish_output(status);
}

/* ---- the command ------------------------------------------------------ */

/* Reads the command line into *r; -1 to go on, else the exit status. */
static int parse(struct run *r)
{
    struct cursor c = {r->argc, r->argv, 0, false};
    const char *q = NULL, *first = NULL, *second = NULL;
    size_t nqueries = 0, len = 0;
    bool words = true;
    for (;;) {
        switch (next_arg(&c, &r->opt, &q)) {
        case ARG_END:
            if (r->opt.check || r->opt.rules) {
                const char *mode = r->opt.check ? "--check" : "--rules";
                if (r->opt.check && r->opt.rules)
                    return fail_usage("--check and --rules cannot be combined", "");
                if (r->opt.common)
                    return fail_usage("--common cannot be combined with ", mode);
                if (r->opt.rules && (r->opt.method != NULL || r->opt.ignore_given))
                    return fail_usage("--method and --ignore are for --check, not --rules", "");
                if (r->opt.rules && first != NULL)
                    return fail_usage("--rules takes no query: ", first);
                if (second != NULL)
                    return fail_usage("--check reads one FILE; one argument too many: ", second);
                r->file = first;
                return -1;
            }
            if (r->opt.method != NULL)
                return fail_usage("--method is for --check", "");
            if (r->opt.ignore_given)
                return fail_usage("--ignore is for --check", "");
            if (nqueries == 0 && !r->opt.common)
                return fail_usage("no query given", "");
            r->every_row = nqueries == 0;
            if (nqueries >= 2 && words && len <= PHRASE_MAX && hs_find(r->joined, len) != NULL) {
                r->phrase = true;
                r->joined_len = len;
            }
            return -1;
        case ARG_QUERY:
            /* The words so far joined with spaces, len bytes, written while
             * they fit in what hs_find takes. */
            words = words && is_word(q);
            if (words) {
                size_t qlen = strlen(q), at = nqueries ? len + 1 : 0;
                if (at + qlen <= PHRASE_MAX) {
                    if (nqueries)
                        r->joined[len] = ' ';
                    memcpy(r->joined + at, q, qlen);
                    r->joined[at + qlen] = '\0';
                }
                len = at + qlen;
            }
            if (nqueries == 0)
                first = q;
            else if (nqueries == 1)
                second = q;
            nqueries++;
            break;
        case ARG_HELP:
            fputs(usage, stdout);
            return finish_output(0);
        case ARG_VERSION:
            printf("httpstatus %s\n", hs_version());
            return finish_output(0);
        case ARG_BAD:
            return 2;
        }
    }
}

int hs_cli_main(int argc, char **argv)
{
    struct run r;
    memset(&r, 0, sizeof r);
    r.opt.lang = "en";
    r.argc = argc;
    r.argv = argv;
    int status = parse(&r);
    if (status >= 0)
        return status;
    if (r.opt.rules)
        return list_rules(&r.opt);
    if (r.opt.check)
        return run_check(&r.opt, r.file);

    /* First walk: how many statuses there are (one prints in detail), and
     * which queries match nothing. A status is counted, and later printed,
     * where it is first found. */
    bool seen[1000] = {false}; /* by code: codes are 100..599 */
    size_t total = 0;
    int missed = 0;
    struct walk w;
    const char *q;
    size_t len;
    for (walk_start(&w, &r); walk_next(&w, &q, &len);) {
        struct matches m;
        size_t found = 0;
        const hs_status *s;
        for (matches_start(&m, q, len); (s = matches_next(&m)) != NULL;) {
            if (!wanted(&r, s))
                continue;
            found++;
            if (!seen[s->code]) {
                seen[s->code] = true;
                total++;
            }
        }
        if (found == 0) {
            fprintf(stderr, "httpstatus: nothing %smatches '%s'\n", r.opt.common ? "common " : "",
                    q != NULL ? q : "");
            missed = 1;
        }
    }

    /* Second walk: print each status where it was first found. */
    memset(seen, 0, sizeof seen);
    size_t printed = 0;
    if (r.opt.json)
        printf("[");
    for (walk_start(&w, &r); walk_next(&w, &q, &len);) {
        struct matches m;
        const hs_status *s;
        for (matches_start(&m, q, len); (s = matches_next(&m)) != NULL;) {
            if (!wanted(&r, s) || seen[s->code])
                continue;
            seen[s->code] = true;
            if (r.opt.json) {
                printf(printed ? ",\n " : "");
                json_status(s, r.opt.lang);
            } else if (total == 1) {
                detail_status(s, r.opt.lang);
            } else {
                list_status(s);
            }
            printed++;
        }
    }
    if (r.opt.json)
        printf("]\n");
    return finish_output(missed ? 1 : 0);
}
