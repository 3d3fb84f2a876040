/*
 * The C core's answers to the questions of cases.txt, in the conformance
 * format defined at the top of compare.py. The C answers are the reference
 * the Python and Lua dumps are compared with.
 *
 *   conformance_dump_c CASES
 *
 * C has a pointer where the bindings have a status object: "get" answers
 * "object" for a row and its fields are the surface list's (hs_field_*),
 * read with hs_field_value, so a field or predicate added to the list is
 * asked with no edit here. C cannot
 * pass what the bindings refuse (other types, floats, integers beyond int,
 * strings with a NUL as lang), so it writes no bigint, badarg or lang_nul
 * section.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "httpstatus.h"

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "conformance_dump_c: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(2);
}

/* ---- the format ---------------------------------------------------------- */

/* Length of the well-formed UTF-8 sequence of a non-ASCII character at s
 * (RFC 3629), or 0. */
static size_t utf8_length(const unsigned char *s, size_t n)
{
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        len = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        len = 3, lo = s[0] == 0xE0 ? 0xA0 : 0x80, hi = s[0] == 0xED ? 0x9F : 0xBF;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        len = 4, lo = s[0] == 0xF0 ? 0x90 : 0x80, hi = s[0] == 0xF4 ? 0x8F : 0xBF;
    else
        return 0;
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

static void put_string(const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    putchar('"');
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        size_t len;
        if (c == '\\')
            fputs("\\\\", stdout);
        else if (c == '\t')
            fputs("\\t", stdout);
        else if (c == '\n')
            fputs("\\n", stdout);
        else if (c == '\r')
            fputs("\\r", stdout);
        else if (c < 0x20 || c == 0x7F)
            printf("\\x%02x", c);
        else if (c < 0x80)
            putchar(c);
        else if ((len = utf8_length(s + i, n - i)) != 0) {
            fwrite(s + i, 1, len, stdout);
            i += len;
            continue;
        } else
            printf("\\x%02x", c);
        i++;
    }
    putchar('"');
}

/* Starts a line: section, subject, question; the answer follows. */
static void ask(const char *section, const char *subject, const char *question)
{
    printf("%s\t%s\t%s\t", section, subject, question);
}

static void answer_text(const char *s)
{
    if (s == NULL)
        fputs("nil", stdout);
    else
        put_string(s, strlen(s));
    putchar('\n');
}

static void answer_bool(bool b) { puts(b ? "true" : "false"); }
static void answer_int(long long i) { printf("%lld\n", i); }
static void answer_token(const char *token) { puts(token); }

/* ---- cases.txt --------------------------------------------------------------- */

struct bytes {
    char *data;
    size_t len, size;
};

/* Appends n bytes and keeps a NUL after them; the buffer doubles, so that
 * building a megabyte from a million small parts stays linear. */
static void append(struct bytes *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->size) {
        size_t size = b->size ? b->size : 64;
        while (size < b->len + n + 1)
            size *= 2;
        char *grown = realloc(b->data, size);
        if (grown == NULL)
            die("out of memory", NULL);
        b->data = grown;
        b->size = size;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* PARTS: one or more "..." or N*"...", concatenated. */
static struct bytes parse_parts(const char *p)
{
    struct bytes out = {NULL, 0, 0};
    struct bytes part = {NULL, 0, 0};
    const char *spelling = p;
    append(&out, "", 0);
    while (*p != '\0') {
        unsigned long count = 1;
        if (*p == ' ') {
            p++;
            continue;
        }
        if (*p >= '0' && *p <= '9') {
            char *end;
            count = strtoul(p, &end, 10);
            if (*end != '*')
                die("expected N*\"...\"", spelling);
            p = end + 1;
        }
        if (*p++ != '"')
            die("expected a quoted string", spelling);
        part.len = 0;
        append(&part, "", 0);
        while (*p != '"') {
            char c = *p++;
            if (c == '\0')
                die("unterminated string", spelling);
            if (c == '\\') {
                c = *p++;
                if (c == 't')
                    c = '\t';
                else if (c == 'n')
                    c = '\n';
                else if (c == 'r')
                    c = '\r';
                else if (c == 'x' && hex_digit(p[0]) >= 0 && hex_digit(p[1]) >= 0) {
                    c = (char)(hex_digit(p[0]) * 16 + hex_digit(p[1]));
                    p += 2;
                } else if (c != '\\' && c != '"')
                    die("unknown escape", spelling);
            }
            append(&part, &c, 1);
        }
        p++;
        while (count-- > 0)
            append(&out, part.data, part.len);
    }
    free(part.data);
    return out;
}

/* ---- the questions ------------------------------------------------------------- */

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The fields and the predicates are the surface list's (hs_field_*), in its
 * order: a line added to core/httpstatus_surface.def is asked here with no
 * edit. */
static int by_field_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Section field: every field in list order, and whether it is a predicate
 * (also a function of the module). Then no language can drop or add one. */
static void dump_fields(void)
{
    for (size_t i = 0; i < hs_field_count(); i++) {
        ask("field", hs_field_name(i), "kind");
        answer_text(hs_field_is_predicate(i) ? "predicate" : "field");
    }
}

/* Appends item to the ","-separated list in buf (used bytes so far in
 * *used); the dump stops if it would not fit. */
static void join(char *buf, size_t size, size_t *used, const char *item)
{
    int n = snprintf(buf + *used, size - *used, "%s%s", *used ? "," : "", item);
    if (n < 0 || (size_t)n >= size - *used)
        die("a list too long to dump", item);
    *used += (size_t)n;
}

/* Field i of a row; a list of strings as one string, its items joined by
 * ",". */
static void answer_field(const hs_status *s, size_t i)
{
    hs_value v;
    if (hs_field_kind(i) == HS_STRINGS) {
        char joined[1024] = "";
        size_t used = 0;
        for (size_t j = 0; hs_field_value(s->code, i, j, &v); j++)
            join(joined, sizeof joined, &used, v.string);
        answer_text(joined);
    } else if (!hs_field_value(s->code, i, 0, &v)) {
        die("no value for a field", hs_field_name(i));
    } else if (v.kind == HS_INTEGER) {
        answer_int((int)v.integer);
    } else if (v.kind == HS_BOOLEAN) {
        answer_bool(v.integer != 0);
    } else {
        answer_text(v.string);
    }
}

/* get.fields: the names of an object's fields, sorted, joined by ",". */
static void answer_field_names(void)
{
    const char *names[128];
    char joined[2048] = "";
    size_t count = hs_field_count(), used = 0;
    if (count > COUNT_OF(names))
        die("too many fields", NULL);
    for (size_t i = 0; i < count; i++)
        names[i] = hs_field_name(i);
    qsort(names, count, sizeof names[0], by_field_name);
    for (size_t i = 0; i < count; i++)
        join(joined, sizeof joined, &used, names[i]);
    answer_text(joined);
}

/* The questions of sections code and int. */
static void dump_code(const char *section, const char *subject, int code)
{
    char question[64];
    const hs_status *s = hs_get(code);

    ask(section, subject, "get");
    answer_token(s ? "object" : "nil");
    if (s != NULL) {
        ask(section, subject, "get.fields");
        answer_field_names();
        for (size_t i = 0; i < hs_field_count(); i++) {
            snprintf(question, sizeof question, "get.%s", hs_field_name(i));
            ask(section, subject, question);
            answer_field(s, i);
        }
        ask(section, subject, "get.by_name_is_same");
        answer_bool(hs_find(s->name, strlen(s->name)) == s);
    }
    ask(section, subject, "get.digits"); /* subject is the code in decimal */
    s = hs_find(subject, strlen(subject));
    if (s)
        answer_int(s->code);
    else
        answer_token("nil");
    ask(section, subject, "phrase");
    answer_text(hs_phrase(code));
    ask(section, subject, "category");
    answer_text(hs_category(code));
    ask(section, subject, "description");
    answer_text(hs_description(code, "en"));
    ask(section, subject, "description.en");
    answer_text(hs_description(code, "en"));
    ask(section, subject, "description.ko");
    answer_text(hs_description(code, "ko"));
    for (size_t i = 0; i < hs_field_count(); i++)
        if (hs_field_is_predicate(i)) {
            ask(section, subject, hs_field_name(i));
            answer_bool(hs_predicate(i, code));
        }
}

/* Section search: search(word) of each `search` case, as codes. */
static void dump_search(const char *spelling, struct bytes word)
{
    char question[32];
    size_t n = 0;
    for (size_t i = hs_search(word.data, word.len, 0); i < hs_count(); i = hs_search(word.data, word.len, i + 1))
        n++;
    ask("search", spelling, "count");
    answer_int((int)n);
    n = 0;
    for (size_t i = hs_search(word.data, word.len, 0); i < hs_count(); i = hs_search(word.data, word.len, i + 1)) {
        snprintf(question, sizeof question, "%zu", ++n);
        ask("search", spelling, question);
        answer_int(hs_at(i)->code);
    }
}

/* Section phrases: the mapping of every code to its phrase. */
static void dump_phrases(void)
{
    char subject[16];
    ask("phrases", "count", "length");
    answer_int((int)hs_count());
    for (size_t i = 0; i < hs_count(); i++) {
        snprintf(subject, sizeof subject, "%d", hs_at(i)->code);
        ask("phrases", subject, "phrase");
        answer_text(hs_at(i)->phrase);
    }
}

static void dump_string(const char *spelling, struct bytes input)
{
    const hs_status *s = hs_find(input.data, input.len);
    ask("string", spelling, "bytes");
    answer_int((long long)input.len);
    ask("string", spelling, "get");
    answer_token(s ? "object" : "nil");
    if (s) {
        ask("string", spelling, "get.code");
        answer_int(s->code);
        ask("string", spelling, "get.name");
        answer_text(s->name);
    }
}

/* description(code, lang): C's answer to a lang it does not know is NULL
 * with hs_is_language(lang) false, written as the token error. */
static void dump_lang(const char *spelling, struct bytes lang)
{
    static const int codes[] = {404, 299, -1};
    for (size_t i = 0; i < COUNT_OF(codes); i++) {
        char question[32];
        snprintf(question, sizeof question, "description(%d)", codes[i]);
        ask("lang", spelling, question);
        if (!hs_is_language(lang.data))
            answer_token("error");
        else
            answer_text(hs_description(codes[i], lang.data));
    }
}

struct name {
    const char *name;
    int code;
};

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct name *)a)->name, ((const struct name *)b)->name);
}

static void dump_constants(void)
{
    struct name names[1024];
    size_t n = 0;
    for (size_t i = 0; i < hs_count(); i++) {
        const hs_status *s = hs_at(i);
        const char *alias;
        if (n == COUNT_OF(names))
            die("too many names", NULL);
        names[n++] = (struct name){s->name, s->code};
        for (size_t a = 0; (alias = hs_alias(s->code, a)) != NULL; a++) {
            if (n == COUNT_OF(names))
                die("too many names", NULL);
            names[n++] = (struct name){alias, s->code};
        }
    }
    qsort(names, n, sizeof names[0], by_name);
    for (size_t i = 0; i < n; i++) {
        const hs_status *s = hs_find(names[i].name, strlen(names[i].name));
        ask("constant", names[i].name, "value");
        answer_int(names[i].code);
        ask("constant", names[i].name, "get.code");
        if (s)
            answer_int(s->code);
        else
            answer_token("nil");
        ask("constant", names[i].name, "get.name");
        answer_text(s ? s->name : NULL);
    }
}

static void dump_all(void)
{
    char subject[32];
    ask("all", "count", "length");
    answer_int((long long)hs_count());
    for (size_t i = 0; i < hs_count(); i++) {
        const hs_status *s = hs_at(i);
        snprintf(subject, sizeof subject, "%zu", i + 1);
        ask("all", subject, "code");
        answer_int(s->code);
        ask("all", subject, "name");
        answer_text(s->name);
        ask("all", subject, "is_get");
        answer_bool(hs_get(s->code) == s);
    }
}

/* ---- check: the response rules ----------------------------------------------- */

/* The next space-separated token of a case's head, NUL-terminated in
 * place; a space inside a quoted string does not end it. */
static char *next_token(char **cursor)
{
    char *s = *cursor;
    bool quoted = false;
    while (*s == ' ')
        s++;
    if (*s == '\0')
        return NULL;
    char *start = s;
    for (; *s != '\0' && (quoted || *s != ' '); s++) {
        if (quoted && *s == '\\' && s[1] != '\0')
            s++;
        else if (*s == '"')
            quoted = !quoted;
    }
    if (*s != '\0')
        *s++ = '\0';
    *cursor = s;
    return start;
}

/* An option's value is PARTS when it starts with a quote or N*"...". */
static bool is_parts(const char *value)
{
    size_t digits = strspn(value, "0123456789");
    return value[0] == '"' || (digits > 0 && value[digits] == '*');
}

/* An option's value as bytes: PARTS, or the text as written. */
static struct bytes option_value(const char *value)
{
    struct bytes b = {NULL, 0, 0};
    if (is_parts(value))
        return parse_parts(value);
    append(&b, value, strlen(value));
    return b;
}

/* A `check` case (the grammar is in cases.txt): CODE, options, then
 * " | Name: value" fields. Answers: count, then for each finding N its id,
 * level, field, message and reference. */
#define MAX_CHECK_FIELDS 32

static hs_header make_header(char *text)
{
    char *colon = strchr(text, ':');
    if (colon == NULL)
        die("a field without a colon in a check case", text);
    char *value = colon + 1;
    while (*value == ' ')
        value++;
    return (hs_header){text, (size_t)(colon - text), value, strlen(value)};
}

static void dump_check(const char *spelling)
{
    char copy[4096];
    hs_header response[MAX_CHECK_FIELDS], request[MAX_CHECK_FIELDS];
    size_t nresponse = 0, nrequest = 0;
    hs_check_options opt = {0};
    const char *lang = "en";
    struct bytes method = {NULL, 0, 0}, content = {NULL, 0, 0};
    bool bad_level = false;

    if (strlen(spelling) >= sizeof copy)
        die("a check case too long", spelling);
    strcpy(copy, spelling);
    char *fields = strstr(copy, " | ");
    if (fields != NULL) {
        *fields = '\0';
        for (char *f = fields + 3; f != NULL;) {
            char *next = strstr(f, " | ");
            if (next != NULL) {
                *next = '\0';
                next += 3;
            }
            if (nresponse == MAX_CHECK_FIELDS)
                die("too many fields in a check case", spelling);
            response[nresponse++] = make_header(f);
            f = next;
        }
    }
    char *cursor = copy;
    char *token = next_token(&cursor);
    char *end;
    long code = token ? strtol(token, &end, 10) : 0;
    if (token == NULL || *end != '\0' || code < INT_MIN || code > INT_MAX)
        die("a check case starts with its code", spelling);
    opt.request_fields = request;
    while ((token = next_token(&cursor)) != NULL) {
        char *value = strchr(token, '=');
        if (value == NULL)
            die("an option is key=value", token);
        *value++ = '\0';
        if (strcmp(token, "method") == 0) {
            free(method.data);
            method = option_value(value);
            opt.method = method.data;
            opt.method_len = method.len;
        } else if (strcmp(token, "content") == 0 && is_parts(value)) {
            free(content.data);
            content = parse_parts(value);
            opt.content_data = content.data;
            opt.content_size = content.len;
        } else if (strcmp(token, "content") == 0) {
            opt.content = strcmp(value, "yes") == 0 ? HS_CONTENT_PRESENT : HS_CONTENT_NONE;
        } else if (strcmp(token, "level") == 0) {
            struct bytes level = option_value(value);
            if (!hs_level_of(level.data, level.len, &opt.level))
                bad_level = true;
            free(level.data);
        } else if (strcmp(token, "version") == 0) {
            opt.version = hs_http_version_of(value, strlen(value));
        } else if (strcmp(token, "lang") == 0) {
            lang = value;
        } else if (strcmp(token, "ignore") == 0) {
            for (char *id = value; *id;) {
                size_t len = strcspn(id, ",");
                size_t rule = hs_rule_find(id, len);
                if (rule == hs_rule_count())
                    die("an unknown rule in ignore", id);
                opt.ignore |= 1ULL << rule;
                id += len + (id[len] == ',');
            }
        } else if (strcmp(token, "request") == 0) {
            opt.request_fields_given = true;
            if (*value != '\0') {
                if (nrequest == MAX_CHECK_FIELDS)
                    die("too many request fields in a check case", spelling);
                request[nrequest++] = make_header(value);
            }
        } else {
            die("an unknown option in a check case", token);
        }
    }
    opt.request_field_count = nrequest;

    hs_finding found[64];
    /* An unknown level cannot be put in the options: C's refusal is
     * hs_level_of's false, as an unknown lang is hs_is_language's. */
    size_t n = bad_level ? HS_CHECK_INVALID
                         : hs_check((int)code, response, nresponse, &opt, found, COUNT_OF(found));
    free(method.data);
    free(content.data);
    ask("check", spelling, "count");
    if (n == HS_CHECK_INVALID) {
        answer_token("error");
        return;
    }
    answer_int((long long)n);
    for (size_t i = 0; i < n; i++) {
        const hs_rule *r = hs_rule_at(found[i].rule);
        char question[32];
        const char *answers[][2] = {{"id", r->id},
                                    {"level", r->level},
                                    {"field", found[i].field},
                                    {"message", hs_rule_message(found[i].rule, lang)},
                                    {"reference", r->reference}};
        for (size_t a = 0; a < COUNT_OF(answers); a++) {
            snprintf(question, sizeof question, "%zu.%s", i + 1, answers[a][0]);
            ask("check", spelling, question);
            answer_text(answers[a][1]);
        }
    }
}

/* ---- problem details -------------------------------------------------------- */

/* check: the body read back by check() as the content of a response with
 * its status and Content-Type application/problem+json: the ids of the
 * problem-details rules that fire, joined by ",". */
static void answer_problem_check(const char *section, const char *spelling, int code, const char *body, size_t n)
{
    static const char content_type[] = "application/problem+json";
    hs_header field = {"Content-Type", 12, content_type, sizeof content_type - 1};
    hs_check_options opt = {0};
    hs_finding found[64];
    char ids[512] = "";
    size_t used = 0;
    opt.content_data = body;
    opt.content_size = n;
    size_t count = hs_check(code, &field, 1, &opt, found, COUNT_OF(found));
    if (count == HS_CHECK_INVALID || count > COUNT_OF(found))
        die("check of a problem body", spelling);
    for (size_t i = 0; i < count; i++) {
        const char *id = hs_rule_at(found[i].rule)->id;
        if (strncmp(id, "problem-", 8) == 0)
            join(ids, sizeof ids, &used, id);
    }
    ask(section, spelling, "check");
    answer_text(ids);
}

/* A `problem` case (the grammar is in cases.txt): CODE, members as
 * member=PARTS, then " | name: JSON" extensions, the JSON text passed as it
 * is. Answers json: the body, or error when hs_problem_json refuses it (and
 * hs_problem_validate must say the same), then check for a body written. */
#define MAX_EXTENSIONS 32

static void dump_problem(const char *section, const char *spelling)
{
    static const char *const member_names[] = {"detail", "type", "title", "instance"};
    char copy[4096];
    hs_problem_extension extensions[MAX_EXTENSIONS];
    struct bytes members[COUNT_OF(member_names)];
    bool given[COUNT_OF(member_names)] = {false};
    hs_problem p = HS_PROBLEM_INIT;

    if (strlen(spelling) >= sizeof copy)
        die("a problem case too long", spelling);
    strcpy(copy, spelling);
    char *rest = strstr(copy, " | ");
    if (rest != NULL) {
        *rest = '\0';
        for (char *e = rest + 3; e != NULL;) {
            char *next = strstr(e, " | ");
            if (next != NULL) {
                *next = '\0';
                next += 3;
            }
            char *colon = strchr(e, ':');
            if (colon == NULL)
                die("an extension without a colon in a problem case", e);
            if (p.extension_count == MAX_EXTENSIONS)
                die("too many extensions in a problem case", spelling);
            char *value = colon + 1;
            while (*value == ' ')
                value++;
            extensions[p.extension_count++] = (hs_problem_extension){e, (size_t)(colon - e), value, strlen(value)};
            e = next;
        }
        p.extensions = extensions;
    }
    char *cursor = copy;
    char *token = next_token(&cursor);
    char *end;
    long code = token ? strtol(token, &end, 10) : 0;
    if (token == NULL || *end != '\0' || code < INT_MIN || code > INT_MAX)
        die("a problem case starts with its code", spelling);
    while ((token = next_token(&cursor)) != NULL) {
        char *value = strchr(token, '=');
        size_t m = 0;
        if (value == NULL || !is_parts(value + 1))
            die("a member is member=\"...\"", token);
        *value++ = '\0';
        while (m < COUNT_OF(member_names) && strcmp(token, member_names[m]) != 0)
            m++;
        if (m == COUNT_OF(member_names) || given[m])
            die("an unknown or repeated member in a problem case", token);
        members[m] = parse_parts(value);
        given[m] = true;
    }
    const char **texts[] = {&p.detail, &p.type, &p.title, &p.instance};
    size_t *lengths[] = {&p.detail_len, &p.type_len, &p.title_len, &p.instance_len};
    for (size_t m = 0; m < COUNT_OF(member_names); m++)
        if (given[m]) {
            *texts[m] = members[m].data;
            *lengths[m] = members[m].len;
        }

    char small[1];
    hs_problem_error err;
    size_t n = hs_problem_json(small, sizeof small, (int)code, &p);
    bool valid = hs_problem_validate((int)code, &p, &err);
    ask(section, spelling, "json");
    if (valid != (n != 0)) {
        fputs("raised:", stdout);
        answer_text(valid ? "hs_problem_validate accepts what hs_problem_json refuses"
                          : "hs_problem_json writes what hs_problem_validate refuses");
    } else if (n == 0) {
        if (err.fault == HS_PROBLEM_OK || hs_problem_message(err.fault) == NULL) {
            fputs("raised:", stdout);
            answer_text("hs_problem_validate refuses with no fault");
        } else
            answer_token("error");
    } else {
        char *body = malloc(n + 1);
        if (body == NULL)
            die("out of memory", NULL);
        if (hs_problem_json(body, n + 1, (int)code, &p) != n || body[n] != '\0') {
            fputs("raised:", stdout);
            answer_text("hs_problem_json gives another length with room for the body");
        } else {
            put_string(body, n);
            putchar('\n');
            answer_problem_check(section, spelling, (int)code, body, n);
        }
        free(body);
    }
    for (size_t m = 0; m < COUNT_OF(member_names); m++)
        if (given[m])
            free(members[m].data);
}

/* problem_every_code PARTS: a `problem` case with this detail for each code
 * of the table, spelt as one: CODE detail=PARTS. */
static void dump_problem_every_code(const char *detail)
{
    char subject[4096];
    for (size_t i = 0; i < hs_count(); i++) {
        int n = snprintf(subject, sizeof subject, "%d detail=%s", hs_at(i)->code, detail);
        if (n < 0 || (size_t)n >= sizeof subject)
            die("a problem_every_code case too long", detail);
        dump_problem("problem", subject);
    }
}

/* ---- main ------------------------------------------------------------------------ */

/* The lines of a file, each NUL-terminated in place; *count of them. */
static char **read_lines(const char *path, size_t *count)
{
    FILE *f = fopen(path, "rb");
    struct bytes b = {NULL, 0, 0};
    char buffer[4096], **lines = NULL;
    size_t n;
    if (f == NULL)
        die("cannot open", path);
    append(&b, "", 0);
    while ((n = fread(buffer, 1, sizeof buffer, f)) > 0)
        append(&b, buffer, n);
    fclose(f);
    if (b.len == 0 || b.data[b.len - 1] != '\n')
        die("the file must end with a newline", path);
    *count = 0;
    for (char *line = b.data; line < b.data + b.len;) {
        char *end = strchr(line, '\n');
        *end = '\0';
        for (const char *c = line; *c; c++)
            if ((unsigned char)*c < 0x20)
                die("a control character in the cases (write it escaped)", line);
        lines = realloc(lines, (*count + 1) * sizeof *lines);
        if (lines == NULL)
            die("out of memory", NULL);
        lines[(*count)++] = line;
        line = end + 1;
    }
    return lines; /* lines[0] is b.data, freed with the lines */
}

static bool starts(const char *line, const char *kind)
{
    return strncmp(line, kind, strlen(kind)) == 0;
}

int main(int argc, char **argv)
{
    static char out_buffer[1 << 16];
    size_t count;
    if (argc != 2)
        die("usage: conformance_dump_c CASES", NULL);
    setvbuf(stdout, out_buffer, _IOFBF, sizeof out_buffer);
    char **lines = read_lines(argv[1], &count);

    ask("version", "library", "version");
    answer_text(hs_version());
    dump_fields();
    for (int code = -5; code <= 1000; code++) {
        char subject[16];
        snprintf(subject, sizeof subject, "%d", code);
        dump_code("code", subject, code);
    }

    /* Then the cases, in order. */
    for (size_t i = 0; i < count; i++) {
        const char *line = lines[i];
        if (line[0] == '\0' || line[0] == '#' || starts(line, "function ") || starts(line, "value ")
            || starts(line, "badarg "))
            continue; /* function, value: for the surface check; badarg: no such value in C */
        if (starts(line, "string ")) {
            struct bytes input = parse_parts(line + 7);
            dump_string(line + 7, input);
            free(input.data);
        } else if (starts(line, "search ")) {
            struct bytes word = parse_parts(line + 7);
            dump_search(line + 7, word);
            free(word.data);
        } else if (starts(line, "lang ")) {
            struct bytes lang = parse_parts(line + 5);
            if (memchr(lang.data, '\0', lang.len) == NULL) /* else lang_nul: not in C */
                dump_lang(line + 5, lang);
            free(lang.data);
        } else if (starts(line, "check ")) {
            dump_check(line + 6);
        } else if (starts(line, "problem_every_code ")) {
            dump_problem_every_code(line + 19);
        } else if (starts(line, "problem ") || starts(line, "problem_nolua ") || starts(line, "badproblem ")
                   || starts(line, "badproblem_c ") || starts(line, "badproblem_nopy ")
                   || starts(line, "badproblem_nolua ")) {
            char section[32];
            size_t kind = strcspn(line, " ");
            memcpy(section, line, kind);
            section[kind] = '\0';
            dump_problem(section, line + kind + 1);
        } else if (starts(line, "int ")) {
            char *end;
            errno = 0;
            long long value = strtoll(line + 4, &end, 10);
            if (*end != '\0' || end == line + 4)
                die("not an integer", line);
            if (errno == 0 && value >= INT_MIN && value <= INT_MAX) /* else bigint: not in C */
                dump_code("int", line + 4, (int)value);
        } else
            die("unknown case", line);
    }
    dump_constants();
    dump_all();
    dump_phrases();
    free(lines[0]);
    free(lines);
    if (fflush(stdout) != 0 || ferror(stdout))
        die("cannot write the dump", NULL);
    return 0;
}
