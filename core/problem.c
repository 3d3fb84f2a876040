/*
 * httpstatus: hs_problem_json, the application/problem+json body of a
 * status (RFC 9457), written the same way for every language.
 *
 * The caller's strings are bytes and lengths; its extension values are JSON
 * text it encoded as it liked. Everything is validated while it is written,
 * and extension values are re-read and written canonically: compact,
 * escapes decoded then written the one way below, keys sorted. No heap, no
 * state: the output is the caller's buffer, and sorting is done by
 * selection over the caller's own text (an already sorted object, the
 * common case, costs one extra pass).
 */
#include "httpstatus.h"
#include "problem.h"

#include <stdint.h>
#include <string.h>

/* ---- output, snprintf-style ------------------------------------------------ */

typedef struct writer {
    char *buf;
    size_t room;          /* bytes of text buf can take (cap - 1, or 0) */
    size_t len;           /* bytes of text so far, written or not */
    hs_problem_error err; /* the first fault */
} writer;

static void put(writer *w, const char *s, size_t n)
{
    if (n > SIZE_MAX - 1 - w->len) { /* the body and its NUL would not fit in a size_t */
        if (w->err.fault == HS_PROBLEM_OK)
            w->err.fault = HS_PROBLEM_TOO_LONG;
        return;
    }
    if (w->len < w->room) {
        size_t k = w->room - w->len < n ? w->room - w->len : n;
        memcpy(w->buf + w->len, s, k);
    }
    w->len += n;
}

#define PUT_LITERAL(w, s) put((w), (s), sizeof(s) - 1)

static void put_byte(writer *w, char c)
{
    if (w->len < w->room)
        w->buf[w->len] = c;
    if (w->len < SIZE_MAX - 1)
        w->len++;
    else if (w->err.fault == HS_PROBLEM_OK)
        w->err.fault = HS_PROBLEM_TOO_LONG;
}

/* Records the first fault only: a later one is a consequence. */
static bool fail(writer *w, hs_problem_fault fault, size_t offset)
{
    if (w->err.fault == HS_PROBLEM_OK) {
        w->err.fault = fault;
        w->err.offset = offset;
    }
    return false;
}

/* ---- strings ------------------------------------------------------------------ */

/* Writes the escape of an ASCII byte that JSON text cannot hold as it is
 * (a control, '"' or '\'), or returns false for any other byte. */
static bool put_escape(writer *w, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    char e[6] = {'\\', 'u', '0', '0', 0, 0};
    switch (c) {
    case '"': PUT_LITERAL(w, "\\\""); return true;
    case '\\': PUT_LITERAL(w, "\\\\"); return true;
    case '\b': PUT_LITERAL(w, "\\b"); return true;
    case '\f': PUT_LITERAL(w, "\\f"); return true;
    case '\n': PUT_LITERAL(w, "\\n"); return true;
    case '\r': PUT_LITERAL(w, "\\r"); return true;
    case '\t': PUT_LITERAL(w, "\\t"); return true;
    default:
        if (c >= 0x20)
            return false;
        e[4] = hex[c >> 4];
        e[5] = hex[c & 15];
        put(w, e, sizeof e);
        return true;
    }
}

/* Bytes that are not written as they are: controls, '"', '\' and the
 * start of a multi-byte sequence (which is validated). */
static bool is_special(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
}

/* The caller's bytes (n of them) as a JSON string. */
static bool put_string(writer *w, const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t run = 0, i = 0;
    put_byte(w, '"');
    while (i < n) {
        unsigned char c = s[i];
        if (!is_special(c)) {
            i += hs_plain_run(s + i, n - i);
        } else if (c >= 0x80) {
            size_t k = hs_utf8_length(s + i, n - i);
            if (k == 0)
                return fail(w, HS_PROBLEM_BAD_UTF8, i);
            i += k;
        } else {
            put(w, text + run, i - run);
            put_escape(w, c);
            run = ++i;
        }
    }
    put(w, text + run, i - run);
    put_byte(w, '"');
    return true;
}

/* ---- extension values: JSON text read and written canonically -------------- */

/* A JSON text being read: s[0..n), at the current position (the offset an
 * hs_problem_error reports). */
typedef struct text {
    const char *s;
    size_t n;
    size_t at;
} text;

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void skip_ws(text *t)
{
    while (t->at < t->n && is_ws(t->s[t->at]))
        t->at++;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The four hex digits at t->s[at..at+4) as a number, or -1. */
static long hex4(const text *t, size_t at)
{
    return hs_hex4(t->s, t->n, at);
}

/* Reads the \u escape at t->at (just past the 'u') and any low surrogate
 * that must follow it: the code point, or -1 after recording the fault. */
static long read_u_escape(writer *w, text *t)
{
    size_t start = t->at - 2; /* the backslash */
    long cp = hex4(t, t->at);
    hs_problem_fault fault = HS_PROBLEM_OK;
    if (cp < 0) {
        fault = HS_PROBLEM_BAD_JSON;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        fault = HS_PROBLEM_LONE_SURROGATE;
    } else if (cp >= 0xD800 && cp <= 0xDBFF) {
        long low = t->n - t->at >= 10 && t->s[t->at + 4] == '\\' && t->s[t->at + 5] == 'u' ? hex4(t, t->at + 6) : -1;
        if (low < 0xDC00 || low > 0xDFFF)
            fault = HS_PROBLEM_LONE_SURROGATE;
        else
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        t->at += 6;
    }
    if (fault != HS_PROBLEM_OK) {
        fail(w, fault, start);
        return -1;
    }
    t->at += 4;
    return cp;
}

/* The JSON string at t->at (its opening quote) written canonically; t->at
 * ends past its closing quote. w's output may be a writer with no room:
 * then the string is only validated. */
static bool json_string(writer *w, text *t)
{
    const unsigned char *s = (const unsigned char *)t->s;
    size_t run = ++t->at;
    put_byte(w, '"');
    for (;;) {
        if (t->at >= t->n)
            return fail(w, HS_PROBLEM_BAD_JSON, t->at);
        unsigned char c = s[t->at];
        if (c == '"') {
            put(w, t->s + run, t->at - run);
            t->at++;
            put_byte(w, '"');
            return true;
        }
        if (c < 0x20) /* a control must be escaped in JSON text */
            return fail(w, HS_PROBLEM_BAD_JSON, t->at);
        if (c < 0x80 && c != '\\') {
            t->at += hs_plain_run(s + t->at, t->n - t->at);
            continue;
        }
        if (c >= 0x80) {
            size_t k = hs_utf8_length(s + t->at, t->n - t->at);
            if (k == 0)
                return fail(w, HS_PROBLEM_BAD_UTF8, t->at);
            t->at += k;
            continue;
        }
        /* an escape: decoded, then written the canonical way */
        put(w, t->s + run, t->at - run);
        if (t->n - t->at < 2)
            return fail(w, HS_PROBLEM_BAD_JSON, t->at);
        char e = t->s[t->at + 1];
        t->at += 2;
        static const char plain[] = "\"\\/bfnrt", decoded[] = "\"\\/\b\f\n\r\t";
        const char *k = e != '\0' ? strchr(plain, e) : NULL;
        if (k != NULL) {
            char d = decoded[k - plain];
            if (!put_escape(w, (unsigned char)d))
                put_byte(w, d); /* '/' */
        } else if (e == 'u') {
            long cp = read_u_escape(w, t);
            if (cp < 0)
                return false;
            char bytes[4];
            if (cp >= 0x80 || !put_escape(w, (unsigned char)cp))
                put(w, bytes, hs_utf8_encode(cp, bytes));
        } else {
            return fail(w, HS_PROBLEM_BAD_JSON, t->at - 2);
        }
        run = t->at;
    }
}

/* A JSON number at t->at: only an integer of magnitude below 2^53, written
 * without a minus sign when it is zero. */
static bool json_number(writer *w, text *t)
{
    static const char max[] = "9007199254740991"; /* 2^53 - 1 */
    const size_t start = t->at;
    const char *s = t->s;
    bool negative = s[t->at] == '-';
    if (negative)
        t->at++;
    const size_t digits = t->at;
    if (t->at < t->n && s[t->at] == '0')
        t->at++;
    else if (t->at < t->n && s[t->at] >= '1' && s[t->at] <= '9')
        while (t->at < t->n && is_digit(s[t->at]))
            t->at++;
    else
        return fail(w, HS_PROBLEM_BAD_JSON, t->at);
    const size_t end = t->at;
    bool integer = true;
    if (t->at < t->n && s[t->at] == '.') {
        integer = false;
        t->at++;
        if (t->at >= t->n || !is_digit(s[t->at]))
            return fail(w, HS_PROBLEM_BAD_JSON, t->at);
        while (t->at < t->n && is_digit(s[t->at]))
            t->at++;
    }
    if (t->at < t->n && (s[t->at] == 'e' || s[t->at] == 'E')) {
        integer = false;
        t->at++;
        if (t->at < t->n && (s[t->at] == '+' || s[t->at] == '-'))
            t->at++;
        if (t->at >= t->n || !is_digit(s[t->at]))
            return fail(w, HS_PROBLEM_BAD_JSON, t->at);
        while (t->at < t->n && is_digit(s[t->at]))
            t->at++;
    }
    if (!integer)
        return fail(w, HS_PROBLEM_NOT_INTEGER, start);
    size_t len = end - digits;
    if (len > sizeof max - 1 || (len == sizeof max - 1 && memcmp(s + digits, max, len) > 0))
        return fail(w, HS_PROBLEM_TOO_LARGE, start);
    if (len == 1 && s[digits] == '0')
        put_byte(w, '0');
    else
        put(w, s + start, end - start);
    return true;
}

/* Moves t->at past the string there (at its opening quote). */
static bool skip_string(text *t)
{
    for (t->at++; t->at < t->n; t->at++) {
        if (t->s[t->at] == '"') {
            t->at++;
            return true;
        }
        if (t->s[t->at] == '\\' && ++t->at == t->n)
            return false;
    }
    return false;
}

/* Moves t->at past the value there, trusting it to be valid JSON: strings
 * are skipped whole, brackets counted. For a valid value it stops exactly
 * where the value ends; false when the text runs out first (or there is no
 * value). Linear, with no recursion. */
static bool skip_value(text *t)
{
    size_t depth = 0, start = t->at;
    while (t->at < t->n) {
        char c = t->s[t->at];
        if (c == '"') {
            if (!skip_string(t))
                return false;
        } else if (c == '[' || c == '{') {
            depth++;
            t->at++;
            continue;
        } else if (c == ']' || c == '}') {
            if (depth == 0)
                return t->at > start; /* the end of the enclosing container */
            depth--;
            t->at++;
        } else if (depth == 0 && (c == ',' || c == ':' || is_ws(c))) {
            return t->at > start;
        } else {
            t->at++;
            continue;
        }
        if (depth == 0)
            return true;
    }
    return depth == 0 && t->at > start;
}

/* One byte after another of a JSON string already validated (t->s at its
 * opening quote), escapes decoded: the bytes of its value, then -1. */
typedef struct decoder {
    text t;
    char pending[4];
    size_t npending, next;
} decoder;

static void decoder_init(decoder *d, const text *t, size_t quote)
{
    d->t = *t;
    d->t.at = quote + 1;
    d->npending = d->next = 0;
}

static int decoder_next(decoder *d)
{
    if (d->next < d->npending)
        return (unsigned char)d->pending[d->next++];
    text *t = &d->t;
    char c = t->s[t->at];
    if (c == '"')
        return -1;
    t->at++;
    if (c != '\\')
        return (unsigned char)c;
    char e = t->s[t->at++];
    switch (e) {
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'u': {
        long cp = hex4(t, t->at);
        t->at += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(t, t->at + 2) - 0xDC00);
            t->at += 6;
        }
        d->npending = hs_utf8_encode(cp, d->pending);
        d->next = 1;
        return (unsigned char)d->pending[0];
    }
    default: return (unsigned char)e; /* '"', '\' or '/' */
    }
}

/* Compares two validated JSON strings of t (at their opening quotes) by the
 * bytes of their values: <0, 0 or >0. */
static int compare_keys(const text *t, size_t a, size_t b)
{
    decoder x, y;
    decoder_init(&x, t, a);
    decoder_init(&y, t, b);
    for (;;) {
        int p = decoder_next(&x), q = decoder_next(&y);
        if (p != q)
            return p < q ? -1 : 1;
        if (p < 0)
            return 0;
    }
}

static bool json_value(writer *w, text *t, unsigned depth);

/* One member (t->at at its key): key written, ':', value written; t->at
 * ends past the value. */
static bool json_member(writer *w, text *t, unsigned depth)
{
    if (!json_string(w, t))
        return false;
    skip_ws(t);
    t->at++; /* ':', as the first pass saw */
    put_byte(w, ':');
    skip_ws(t);
    return json_value(w, t, depth);
}

/* The object at t->at ('{'), its members sorted by key. A first pass
 * validates the keys and the punctuation, skips the values and learns
 * whether the keys already ascend; then the members are written in their
 * order, or picked by selection: the least key above the last written,
 * k passes for k members. Each value is validated when it is written, once. */
static bool json_object(writer *w, text *t, unsigned depth)
{
    const size_t open = t->at;
    size_t count = 0, previous = 0, end;
    bool ascending = true;

    if (depth > HS_PROBLEM_DEPTH)
        return fail(w, HS_PROBLEM_TOO_DEEP, t->at);
    t->at++;
    skip_ws(t);
    if (t->at < t->n && t->s[t->at] == '}') {
        t->at++;
        PUT_LITERAL(w, "{}");
        return true;
    }
    for (;;) { /* the first pass */
        skip_ws(t);
        if (t->at >= t->n || t->s[t->at] != '"')
            return fail(w, HS_PROBLEM_BAD_JSON, t->at);
        size_t key = t->at;
        writer check = {0}; /* room 0: validates, writes nothing */
        if (!json_string(&check, t))
            return fail(w, check.err.fault, check.err.offset);
        if (count > 0) {
            int order = compare_keys(t, previous, key);
            if (order == 0)
                return fail(w, HS_PROBLEM_DUPLICATE_KEY, key);
            ascending = ascending && order < 0;
        }
        previous = key;
        count++;
        skip_ws(t);
        if (t->at >= t->n || t->s[t->at] != ':')
            return fail(w, HS_PROBLEM_BAD_JSON, t->at);
        t->at++;
        skip_ws(t);
        if (!skip_value(t))
            return fail(w, HS_PROBLEM_BAD_JSON, t->at);
        skip_ws(t);
        if (t->at < t->n && t->s[t->at] == ',') {
            t->at++;
            continue;
        }
        if (t->at < t->n && t->s[t->at] == '}')
            break;
        return fail(w, HS_PROBLEM_BAD_JSON, t->at);
    }
    end = t->at + 1;

    put_byte(w, '{');
    if (ascending) {
        t->at = open + 1;
        for (size_t i = 0; i < count; i++) {
            if (i > 0)
                put_byte(w, ',');
            skip_ws(t);
            if (!json_member(w, t, depth))
                return false;
            skip_ws(t);
            if (t->at >= t->n || t->s[t->at] != (i + 1 < count ? ',' : '}')) /* a value that ended early */
                return fail(w, HS_PROBLEM_BAD_JSON, t->at);
            t->at++;
        }
    } else {
        size_t last = 0;
        for (size_t i = 0; i < count; i++) {
            size_t best = 0, best_end = 0, twice = 0;
            t->at = open + 1;
            for (size_t j = 0; j < count; j++) {
                skip_ws(t);
                size_t key = t->at;
                skip_string(t); /* valid: the first pass said so */
                skip_ws(t);
                t->at++;
                skip_ws(t);
                skip_value(t);
                if (i == 0 || compare_keys(t, key, last) > 0) {
                    int order = best_end == 0 ? -1 : compare_keys(t, key, best);
                    if (order < 0) {
                        best = key;
                        best_end = t->at;
                        twice = 0;
                    } else if (order == 0) {
                        twice = key;
                    }
                }
                skip_ws(t);
                t->at++; /* ',' or '}' */
            }
            if (twice != 0)
                return fail(w, HS_PROBLEM_DUPLICATE_KEY, twice);
            if (i > 0)
                put_byte(w, ',');
            t->at = best;
            if (!json_member(w, t, depth))
                return false;
            if (t->at != best_end) /* a value that ended early */
                return fail(w, HS_PROBLEM_BAD_JSON, t->at);
            last = best;
        }
    }
    put_byte(w, '}');
    t->at = end;
    return true;
}

static bool json_array(writer *w, text *t, unsigned depth)
{
    if (depth > HS_PROBLEM_DEPTH)
        return fail(w, HS_PROBLEM_TOO_DEEP, t->at);
    t->at++;
    put_byte(w, '[');
    skip_ws(t);
    if (t->at < t->n && t->s[t->at] == ']') {
        t->at++;
        put_byte(w, ']');
        return true;
    }
    for (;;) {
        skip_ws(t);
        if (!json_value(w, t, depth))
            return false;
        skip_ws(t);
        if (t->at < t->n && t->s[t->at] == ',') {
            t->at++;
            put_byte(w, ',');
            continue;
        }
        if (t->at < t->n && t->s[t->at] == ']') {
            t->at++;
            put_byte(w, ']');
            return true;
        }
        return fail(w, HS_PROBLEM_BAD_JSON, t->at);
    }
}

static bool json_literal(writer *w, text *t, const char *word, size_t len)
{
    if (t->n - t->at < len || memcmp(t->s + t->at, word, len) != 0)
        return fail(w, HS_PROBLEM_BAD_JSON, t->at);
    t->at += len;
    put(w, word, len);
    return true;
}

/* The value at t->at (no white space before it), inside depth containers. */
static bool json_value(writer *w, text *t, unsigned depth)
{
    if (t->at >= t->n)
        return fail(w, HS_PROBLEM_BAD_JSON, t->at);
    switch (t->s[t->at]) {
    case '"': return json_string(w, t);
    case '{': return json_object(w, t, depth + 1);
    case '[': return json_array(w, t, depth + 1);
    case 't': return json_literal(w, t, "true", 4);
    case 'f': return json_literal(w, t, "false", 5);
    case 'n': return json_literal(w, t, "null", 4);
    default:
        if (t->s[t->at] == '-' || is_digit(t->s[t->at]))
            return json_number(w, t);
        return fail(w, HS_PROBLEM_BAD_JSON, t->at);
    }
}

/* ---- the problem -------------------------------------------------------------- */

static const char *const standard_names[] = {"type", "title", "status", "detail", "instance"};

static bool is_alpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* An extension's name: 0, or the fault (offset at *at). */
static hs_problem_fault check_name(const hs_problem_extension *e, size_t *at)
{
    *at = 0;
    if (e->name_len < 3 || !is_alpha(e->name[0]))
        return HS_PROBLEM_BAD_NAME;
    for (size_t i = 1; i < e->name_len; i++)
        if (!is_alpha(e->name[i]) && !is_digit(e->name[i]) && e->name[i] != '_') {
            *at = i;
            return HS_PROBLEM_BAD_NAME;
        }
    for (size_t i = 0; i < sizeof standard_names / sizeof standard_names[0]; i++)
        if (strlen(standard_names[i]) == e->name_len && memcmp(standard_names[i], e->name, e->name_len) == 0)
            return HS_PROBLEM_STANDARD_NAME;
    return HS_PROBLEM_OK;
}

static int compare_names(const hs_problem_extension *a, const hs_problem_extension *b)
{
    size_t n = a->name_len < b->name_len ? a->name_len : b->name_len;
    int order = memcmp(a->name, b->name, n);
    return order != 0 ? order : (a->name_len > b->name_len) - (a->name_len < b->name_len);
}

static void blame(writer *w, const char *member, size_t len, size_t extension)
{
    w->err.member = member;
    w->err.member_len = len;
    w->err.extension = extension;
}

/* One extension: ,"name": and its value. */
static bool put_extension(writer *w, const hs_problem_extension *e, size_t index)
{
    text t = {e->value, e->value_len, 0};
    put_byte(w, ',');
    put_byte(w, '"');
    put(w, e->name, e->name_len);
    PUT_LITERAL(w, "\":");
    skip_ws(&t);
    if (json_value(w, &t, 0)) {
        skip_ws(&t);
        if (t.at == t.n)
            return true;
        fail(w, HS_PROBLEM_BAD_JSON, t.at);
    }
    blame(w, e->name, e->name_len, index);
    return false;
}

/* The extensions, checked and written in the order of their names. */
static bool put_extensions(writer *w, const hs_problem_extension *e, size_t count)
{
    bool ascending = true;
    for (size_t i = 0; i < count; i++) {
        size_t at;
        if (e[i].name == NULL || e[i].value == NULL) {
            blame(w, e[i].name, e[i].name != NULL ? e[i].name_len : 0, i);
            return fail(w, HS_PROBLEM_BAD_ARGUMENT, 0);
        }
        hs_problem_fault fault = check_name(&e[i], &at);
        if (fault != HS_PROBLEM_OK) {
            blame(w, e[i].name, e[i].name_len, i);
            return fail(w, fault, at);
        }
        if (i > 0) {
            int order = compare_names(&e[i - 1], &e[i]);
            if (order == 0) {
                blame(w, e[i].name, e[i].name_len, i);
                return fail(w, HS_PROBLEM_DUPLICATE_NAME, 0);
            }
            ascending = ascending && order < 0;
        }
    }
    if (ascending) {
        for (size_t i = 0; i < count; i++)
            if (!put_extension(w, &e[i], i))
                return false;
        return true;
    }
    const hs_problem_extension *last = NULL;
    for (size_t i = 0; i < count; i++) { /* selection: the least name above the last */
        size_t best = count, twice = count;
        for (size_t j = 0; j < count; j++) {
            if (last != NULL && compare_names(&e[j], last) <= 0)
                continue;
            int order = best == count ? -1 : compare_names(&e[j], &e[best]);
            if (order < 0) {
                best = j;
                twice = count;
            } else if (order == 0) {
                twice = j;
            }
        }
        if (twice != count) {
            blame(w, e[twice].name, e[twice].name_len, twice);
            return fail(w, HS_PROBLEM_DUPLICATE_NAME, 0);
        }
        if (!put_extension(w, &e[best], best))
            return false;
        last = &e[best];
    }
    return true;
}

/* A standard member: ,"name":"value" (the comma unless first). */
static bool put_member(writer *w, const char *prefix, size_t prefix_len, const char *name, const char *value,
                       size_t len)
{
    put(w, prefix, prefix_len);
    if (put_string(w, value, len))
        return true;
    blame(w, name, strlen(name), (size_t)-1);
    return false;
}

#define PUT_MEMBER(w, prefix, name, value, len) put_member((w), (prefix), sizeof(prefix) - 1, (name), (value), (len))

static bool write_problem(writer *w, int code, const hs_problem *p)
{
    static const hs_problem none = HS_PROBLEM_INIT;
    if (p == NULL)
        p = &none;
    blame(w, NULL, 0, (size_t)-1);
    if (code < 100 || code > 599)
        return fail(w, HS_PROBLEM_BAD_CODE, 0);
    const char *title = p->title;
    size_t title_len = p->title_len;
    if (title == NULL) {
        title = hs_phrase(code);
        if (title == NULL)
            return fail(w, HS_PROBLEM_NO_TITLE, 0);
        title_len = strlen(title);
    }
    if (p->extensions == NULL && p->extension_count > 0)
        return fail(w, HS_PROBLEM_BAD_ARGUMENT, 0);

    char status[] = ",\"status\":000";
    status[sizeof status - 4] = (char)('0' + code / 100);
    status[sizeof status - 3] = (char)('0' + code / 10 % 10);
    status[sizeof status - 2] = (char)('0' + code % 10);

    put_byte(w, '{');
    if (p->type != NULL && !PUT_MEMBER(w, "\"type\":", "type", p->type, p->type_len))
        return false;
    if (p->type != NULL)
        put_byte(w, ',');
    if (!PUT_MEMBER(w, "\"title\":", "title", title, title_len))
        return false;
    put(w, status, sizeof status - 1);
    if (p->detail != NULL && !PUT_MEMBER(w, ",\"detail\":", "detail", p->detail, p->detail_len))
        return false;
    if (p->instance != NULL && !PUT_MEMBER(w, ",\"instance\":", "instance", p->instance, p->instance_len))
        return false;
    if (p->extension_count > 0 && !put_extensions(w, p->extensions, p->extension_count))
        return false;
    put_byte(w, '}');
    return w->err.fault == HS_PROBLEM_OK; /* TOO_LONG is found on the way */
}

static const char *const messages[] = {
    [HS_PROBLEM_OK] = "no fault",
    [HS_PROBLEM_BAD_CODE] = "the status code is outside 100..599",
    [HS_PROBLEM_NO_TITLE] = "the status code is not in the table, so the problem needs a title",
    [HS_PROBLEM_BAD_ARGUMENT] = "a NULL pointer where an extension or its name or value was expected",
    [HS_PROBLEM_BAD_UTF8] = "not valid UTF-8",
    [HS_PROBLEM_BAD_NAME] = "an extension name is an ASCII letter, then ASCII letters, digits or '_', "
                            "three characters or more",
    [HS_PROBLEM_STANDARD_NAME] = "an extension cannot take the name of a standard member "
                                 "(type, title, status, detail, instance)",
    [HS_PROBLEM_DUPLICATE_NAME] = "two extensions have this name",
    [HS_PROBLEM_BAD_JSON] = "not one JSON value",
    [HS_PROBLEM_LONE_SURROGATE] = "a \\u escape of half a surrogate pair, which no UTF-8 can say",
    [HS_PROBLEM_NOT_INTEGER] = "a number with a fraction or an exponent: only integers are allowed",
    [HS_PROBLEM_TOO_LARGE] = "an integer outside -(2^53-1)..2^53-1",
    [HS_PROBLEM_TOO_DEEP] = "arrays and objects nested more than 32 deep",
    [HS_PROBLEM_DUPLICATE_KEY] = "an object with the same key twice",
    [HS_PROBLEM_TOO_LONG] = "the body would be longer than a size_t can count",
};
typedef char messages_cover_the_enum[sizeof messages / sizeof messages[0] == HS_PROBLEM_TOO_LONG + 1 ? 1 : -1];
typedef char depth_in_the_message[HS_PROBLEM_DEPTH == 32 ? 1 : -1];

const char *hs_problem_message(hs_problem_fault fault)
{
    return (unsigned)fault < sizeof messages / sizeof messages[0] ? messages[fault] : NULL;
}

bool hs_problem_validate(int code, const hs_problem *p, hs_problem_error *err)
{
    writer w;
    memset(&w, 0, sizeof w);
    bool ok = write_problem(&w, code, p);
    if (ok)
        blame(&w, NULL, 0, (size_t)-1);
    w.err.message = messages[w.err.fault];
    if (err != NULL)
        *err = w.err;
    return ok;
}

size_t hs_problem_json(char *buf, size_t cap, int code, const hs_problem *p)
{
    writer w;
    memset(&w, 0, sizeof w);
    w.buf = buf;
    w.room = buf != NULL && cap > 0 ? cap - 1 : 0;
    bool ok = write_problem(&w, code, p);
    if (buf != NULL && cap > 0)
        buf[ok && w.len < cap ? w.len : ok ? cap - 1 : 0] = '\0';
    return ok ? w.len : 0;
}
