/*
 * httpstatus QUERY...: the statuses the queries find, printed as a detail
 * view, a list or JSON; and --rules, the rule table. What a status shows
 * comes from the surface list, core/httpstatus_surface.def, through the
 * hs_field_* functions: a field or predicate added there appears in --json
 * and in the detail view unasked. There is no limit on the number of
 * queries: the queries are walked in argv again rather than stored.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "httpstatus.h"
#include "internal.h"

/* hs_find takes no more than this many bytes. */
#define PHRASE_MAX 128

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

/* q (len bytes) without the ASCII white space around it, as hs_find reads
 * a query: " 404\n" is 404, " 4xx " the class. */
static void trim(const char **q, size_t *len)
{
    static const char space[] = " \t\n\v\f\r";
    while (*len > 0 && memchr(space, (*q)[0], sizeof space - 1) != NULL)
        (*q)++, (*len)--;
    while (*len > 0 && memchr(space, (*q)[*len - 1], sizeof space - 1) != NULL)
        (*len)--;
}

static bool is_class(const char *q, size_t len)
{
    trim(&q, &len);
    return len == 3 && q[0] >= '1' && q[0] <= '5' && (q[1] == 'x' || q[1] == 'X') &&
           (q[2] == 'x' || q[2] == 'X');
}

/* The code a query names when it is exactly three ASCII digits (white space
 * around them aside), in 100..599; 0 otherwise. */
static int valid_code(const char *q, size_t len)
{
    trim(&q, &len);
    if (len != 3)
        return 0;
    for (size_t i = 0; i < 3; i++)
        if (q[i] < '0' || q[i] > '9')
            return 0;
    int code = (q[0] - '0') * 100 + (q[1] - '0') * 10 + (q[2] - '0');
    return hs_is_valid(code) ? code : 0;
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
        const char *t = q;
        size_t tlen = len;
        trim(&t, &tlen);
        m->how = CLASS;
        m->class_ = t[0] - '0';
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

/* The queries of a run: those of argv, or (none at all, with --common)
 * every row. */
struct run {
    struct cli_options opt;
    int argc;
    char **argv;
    bool every_row;
};

/* A walk over the queries of a run. Words (is_word) in a row are read as
 * the longest phrases they hold, from the left: of the words from here on,
 * the most that, joined with spaces, name a status (hs_find) are one query,
 * "not found" in "not found foo"; a word that begins no such phrase is a
 * query on its own, looked up or searched for ("foo"). */
struct walk {
    const struct run *run;
    struct cli_cursor cursor;
    bool done;
    char phrase[PHRASE_MAX + 1];
};

static void walk_start(struct walk *w, const struct run *r)
{
    w->run = r;
    w->cursor = (struct cli_cursor){r->argc, r->argv, 0, false};
    w->done = false;
}

/* The next query, or false after the last; q is NULL for every row. */
static bool walk_next(struct walk *w, const char **q, size_t *len)
{
    if (w->run->every_row) {
        if (w->done)
            return false;
        w->done = true;
        *q = NULL;
        *len = 0;
        return true;
    }
    const char *a = NULL, *b = NULL;
    if (!cli_next_query(&w->cursor, &a))
        return false;
    *q = a;
    *len = strlen(a);
    if (!is_word(a) || *len > PHRASE_MAX)
        return true;
    /* The words after a joined to it while they fit in what hs_find takes;
     * the longest join of two words or more that names a status. */
    struct cli_cursor after = w->cursor, best = w->cursor;
    size_t joined = *len, best_len = 0;
    memcpy(w->phrase, a, joined);
    while (cli_next_query(&after, &b) && is_word(b) && joined + 1 + strlen(b) <= PHRASE_MAX) {
        w->phrase[joined] = ' ';
        memcpy(w->phrase + joined + 1, b, strlen(b));
        joined += 1 + strlen(b);
        if (hs_find(w->phrase, joined) != NULL) {
            best = after;
            best_len = joined;
        }
    }
    if (best_len > 0) {
        w->phrase[best_len] = '\0';
        w->cursor = best;
        *q = w->phrase;
        *len = best_len;
    }
    return true;
}

static bool wanted(const struct run *r, const hs_status *s)
{
    return !r->opt.common || strcmp(s->usage, "common") == 0;
}

/* ---- output ---------------------------------------------------------- */

void cli_json_string(FILE *out, const char *s)
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
            cli_json_string(stdout, v->string);
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
        cli_json_string(stdout, hs_field_name(i));
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

/* ---- --rules ------------------------------------------------------------ */

/* Every rule, in table order: "allow-missing  must    RFC 9110, ..." one a
 * line, ids padded to the longest; or with --json an array of objects with
 * the rule's fields, its message in lang and the codes of 100..599 it can
 * apply to (none for status-invalid, which applies only outside). */
int cli_list_rules(const struct cli_options *opt)
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
        cli_json_string(stdout, rule->id);
        printf(", \"level\": ");
        cli_json_string(stdout, rule->level);
        printf(", \"field\": ");
        if (rule->field != NULL)
            cli_json_string(stdout, rule->field);
        else
            printf("null");
        printf(", \"message\": ");
        cli_json_string(stdout, hs_rule_message(i, opt->lang));
        printf(", \"reference\": ");
        cli_json_string(stdout, rule->reference);
        printf(", \"codes\": [");
        size_t codes = 0;
        for (int code = 100; code <= 599; code++)
            if (hs_rule_applies(i, code))
                printf(codes++ ? ", %d" : "%d", code);
        printf("]}");
    }
    if (opt->json)
        printf("]\n");
    return cli_finish_output(0);
}

int cli_lookup(const struct cli_options *opt, int argc, char **argv)
{
    struct run r;
    memset(&r, 0, sizeof r);
    r.opt = *opt;
    r.argc = argc;
    r.argv = argv;
    struct cli_cursor c = {argc, argv, 0, false};
    const char *first;
    r.every_row = !cli_next_query(&c, &first); /* --common alone */

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
            missed = 1;
            int code = q != NULL ? valid_code(q, len) : 0;
            if (code != 0 && hs_get(code) == NULL)
                fprintf(stderr,
                        "httpstatus: %d is a valid status code, but no registry or known server defines it: "
                        "its class is %dxx (%s), and a client that does not know it treats it as %s "
                        "(RFC 9110, Section 15)\n",
                        code, code / 100, hs_category(code), hs_get(code / 100 * 100)->status_line);
            else
                fprintf(stderr, "httpstatus: nothing %smatches '%s'\n", r.opt.common ? "common " : "",
                        q != NULL ? q : "");
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
    return cli_finish_output(missed ? 1 : 0);
}
