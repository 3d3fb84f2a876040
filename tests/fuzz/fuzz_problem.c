/*
 * libFuzzer target for problem details (RFC 9457): the writer,
 * hs_problem_json, and the reader behind check's problem rules. An input
 * is read as:
 *
 *   byte  0     bit 0: 0 the writer, 1 the reader
 *   bytes 1-2   the status code, (little-endian 16 bits) % 700
 *   writer:
 *   byte  3     bits 0-3: detail, type, title, instance given; bits 4-6:
 *               the number of extensions
 *   the rest    the members given, then each extension's name and value,
 *               each a length byte and that many bytes (cut short at the end)
 *   reader:
 *   the rest    the content of a response with Content-Type
 *               application/problem+json
 *
 * Every byte may be anything. The writer's answer is checked against a
 * strict JSON parser written here: either 0 (and hs_problem_validate says
 * why) or one canonical JSON object (no white space, strings escaped the
 * one way, integers in their one form, nested keys ascending) whose members
 * are exactly those given, in their order, their values decoded back to the
 * bytes given; the same bytes at every call and with every cap; each
 * extension's canonical value, given back, writes the same body; and the
 * reader finds nothing wrong with it. The reader is checked against the
 * same parser, used leniently (any white space and escapes, repeated
 * names): the body is one JSON object exactly when it says so, and the
 * status, type and title facts match what the parser decodes (the status
 * compared through strtod, exact for the numbers it is asked about); the
 * options' content_data and hs_checker_content_data give the same findings.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "httpstatus.h"
#include "problem.h"

#define CHECK(cond)                                                                             \
    do {                                                                                        \
        if (!(cond)) {                                                                          \
            fprintf(stderr, "fuzz_problem: invariant broken at line %d: %s\n", __LINE__, #cond); \
            abort();                                                                            \
        }                                                                                       \
    } while (0)

/* ---- a strict JSON parser, written for this target ----------------------------- */

enum kind { K_NONE, K_STRING, K_INTEGER, K_NUMBER, K_OTHER };

typedef struct parser {
    const unsigned char *s;
    size_t n, at;
    bool canonical; /* the writer's form: no white space, one escape per byte, ascending keys */
    size_t max_depth, depth_seen;
    /* the top-level members (last occurrence) */
    struct member {
        const char *name;
        enum kind kind;
        char value[512]; /* a string's decoded bytes (cut at 512), or a number's text */
        size_t len;
        size_t start, end; /* the value's bytes in s */
    } members[5];
    /* the top-level keys in order, for the writer's checks */
    size_t keys, key_start[64], key_end[64], value_start[64], value_end[64];
} parser;

static const char *const standard[5] = {"type", "title", "status", "detail", "instance"};

static void ws(parser *p)
{
    if (p->canonical)
        return;
    while (p->at < p->n && (p->s[p->at] == ' ' || p->s[p->at] == '\t' || p->s[p->at] == '\n' || p->s[p->at] == '\r'))
        p->at++;
}

static int hex(unsigned char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static void append(unsigned char *out, size_t cap, size_t *len, unsigned long cp)
{
    unsigned char b[4];
    size_t k;
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        k = 1;
    } else if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | cp >> 6);
        b[1] = (unsigned char)(0x80 | (cp & 63));
        k = 2;
    } else if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | cp >> 12);
        b[1] = (unsigned char)(0x80 | (cp >> 6 & 63));
        b[2] = (unsigned char)(0x80 | (cp & 63));
        k = 3;
    } else {
        b[0] = (unsigned char)(0xF0 | cp >> 18);
        b[1] = (unsigned char)(0x80 | (cp >> 12 & 63));
        b[2] = (unsigned char)(0x80 | (cp >> 6 & 63));
        b[3] = (unsigned char)(0x80 | (cp & 63));
        k = 4;
    }
    for (size_t i = 0; i < k; i++, (*len)++)
        if (out != NULL && *len < cap)
            out[*len] = b[i];
}

/* A UTF-8 sequence at s[at..n): its code point and length, or 0. */
static size_t utf8(const unsigned char *s, size_t n, size_t at, unsigned long *cp)
{
    unsigned char c = s[at];
    size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (k == 0 || c > 0xF4 || n - at < k)
        return 0;
    unsigned long v = c & (0x3F >> (k - 1));
    for (size_t i = 1; i < k; i++) {
        if ((s[at + i] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (s[at + i] & 63);
    }
    static const unsigned long least[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < least[k] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return k;
}

/* A string; its decoded bytes into out (cap bytes kept, *len counts all). */
static bool string(parser *p, unsigned char *out, size_t cap, size_t *len)
{
    *len = 0;
    if (p->at >= p->n || p->s[p->at] != '"')
        return false;
    p->at++;
    while (p->at < p->n) {
        unsigned char c = p->s[p->at];
        unsigned long cp;
        if (c == '"') {
            p->at++;
            return true;
        }
        if (c < 0x20)
            return false;
        if (c == '\\') {
            if (p->n - p->at < 2)
                return false;
            unsigned char e = p->s[p->at + 1];
            const char *simple = strchr("\"\\/bfnrt", e);
            if (e != 'u' && (e == 0 || simple == NULL))
                return false;
            if (e != 'u') {
                if (p->canonical && e == '/')
                    return false; /* '/' is written as it is */
                append(out, cap, len, (unsigned long)"\"\\/\b\f\n\r\t"[simple - "\"\\/bfnrt"]);
                p->at += 2;
                continue;
            }
            if (p->n - p->at < 6)
                return false;
            int h[4];
            for (int i = 0; i < 4; i++)
                if ((h[i] = hex(p->s[p->at + 2 + (size_t)i])) < 0)
                    return false;
            cp = (unsigned long)(h[0] << 12 | h[1] << 8 | h[2] << 4 | h[3]);
            if (p->canonical) {
                /* only controls without a short form, in lowercase hex */
                static const char shorts[] = "\b\f\n\r\t";
                if (cp >= 0x20 || (cp != 0 && strchr(shorts, (int)cp) != NULL))
                    return false;
                for (int i = 0; i < 4; i++)
                    if (p->s[p->at + 2 + (size_t)i] >= 'A' && p->s[p->at + 2 + (size_t)i] <= 'F')
                        return false;
            }
            p->at += 6;
            if (cp >= 0xD800 && cp <= 0xDBFF && p->n - p->at >= 6 && p->s[p->at] == '\\' && p->s[p->at + 1] == 'u') {
                int l[4], ok = 1;
                for (int i = 0; i < 4; i++)
                    ok = ok && (l[i] = hex(p->s[p->at + 2 + (size_t)i])) >= 0;
                unsigned long low = ok ? (unsigned long)(l[0] << 12 | l[1] << 8 | l[2] << 4 | l[3]) : 0;
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    p->at += 6;
                }
            }
            append(out, cap, len, cp); /* a lone surrogate: as three bytes, matching nothing */
            continue;
        }
        if (c < 0x80) {
            append(out, cap, len, c);
            p->at++;
            continue;
        }
        size_t k = utf8(p->s, p->n, p->at, &cp);
        if (k == 0)
            return false;
        append(out, cap, len, cp);
        p->at += k;
    }
    return false;
}

static bool value(parser *p, size_t depth, enum kind *kind);

/* Compares two decoded keys by their bytes. */
static int compare(const unsigned char *a, size_t alen, const unsigned char *b, size_t blen)
{
    int c = memcmp(a, b, alen < blen ? alen : blen);
    return c != 0 ? c : (alen > blen) - (alen < blen);
}

/* The decoded bytes of the (valid) key at p->s[at] into buf: its length. */
static size_t decode_at(const parser *p, size_t at, unsigned char *buf, size_t cap)
{
    parser sub = *p;
    size_t len = 0;
    sub.at = at;
    string(&sub, buf, cap, &len);
    return len < cap ? len : cap;
}

static bool object(parser *p, size_t depth)
{
    /* keys are decoded into these only between two recursive calls */
    static unsigned char key[1 << 17], previous[1 << 17];
    size_t key_len, previous_at = 0, count = 0;
    p->at++;
    ws(p);
    if (p->at < p->n && p->s[p->at] == '}') {
        p->at++;
        return true;
    }
    for (;;) {
        ws(p);
        size_t key_start = p->at;
        if (!string(p, key, sizeof key, &key_len) || key_len > sizeof key)
            return false;
        size_t key_end = p->at;
        if (p->canonical && depth > 1 && count > 0) {
            size_t previous_len = decode_at(p, previous_at, previous, sizeof previous);
            if (compare(previous, previous_len, key, key_len) >= 0)
                return false; /* nested keys ascend, so none repeats */
        }
        previous_at = key_start;
        count++;
        ws(p);
        if (p->at >= p->n || p->s[p->at] != ':')
            return false;
        p->at++;
        ws(p);
        int member = -1;
        for (int i = 0; depth == 1 && i < 5; i++)
            if (strlen(standard[i]) == key_len && memcmp(standard[i], key, key_len) == 0)
                member = i;
        size_t start = p->at;
        enum kind kind;
        if (member >= 0 && p->at < p->n && p->s[p->at] == '"') {
            struct member *m = &p->members[member];
            if (!string(p, (unsigned char *)m->value, sizeof m->value, &m->len))
                return false;
            kind = K_STRING;
        } else if (!value(p, depth, &kind)) {
            return false;
        }
        if (depth == 1) {
            if (member >= 0) {
                struct member *m = &p->members[member];
                m->kind = kind;
                m->start = start;
                m->end = p->at;
                if (kind != K_STRING) {
                    m->len = p->at - start < sizeof m->value - 1 ? p->at - start : 0;
                    memcpy(m->value, p->s + start, m->len);
                    m->value[m->len] = '\0';
                }
            }
            if (p->keys < 64) {
                p->key_start[p->keys] = key_start;
                p->key_end[p->keys] = key_end;
                p->value_start[p->keys] = start;
                p->value_end[p->keys] = p->at;
            }
            p->keys++;
        }
        ws(p);
        if (p->at < p->n && p->s[p->at] == ',') {
            p->at++;
            continue;
        }
        if (p->at < p->n && p->s[p->at] == '}') {
            p->at++;
            return true;
        }
        return false;
    }
}

static bool number(parser *p, enum kind *kind)
{
    size_t start = p->at;
    if (p->s[p->at] == '-')
        p->at++;
    if (p->at >= p->n || p->s[p->at] < '0' || p->s[p->at] > '9')
        return false;
    if (p->s[p->at] == '0')
        p->at++;
    else
        while (p->at < p->n && p->s[p->at] >= '0' && p->s[p->at] <= '9')
            p->at++;
    *kind = K_INTEGER;
    if (p->at < p->n && p->s[p->at] == '.') {
        p->at++;
        if (p->at >= p->n || p->s[p->at] < '0' || p->s[p->at] > '9')
            return false;
        while (p->at < p->n && p->s[p->at] >= '0' && p->s[p->at] <= '9')
            p->at++;
        *kind = K_NUMBER;
    }
    if (p->at < p->n && (p->s[p->at] == 'e' || p->s[p->at] == 'E')) {
        p->at++;
        if (p->at < p->n && (p->s[p->at] == '+' || p->s[p->at] == '-'))
            p->at++;
        if (p->at >= p->n || p->s[p->at] < '0' || p->s[p->at] > '9')
            return false;
        while (p->at < p->n && p->s[p->at] >= '0' && p->s[p->at] <= '9')
            p->at++;
        *kind = K_NUMBER;
    }
    if (p->canonical) {
        /* an integer, |n| < 2^53, no minus zero */
        if (*kind != K_INTEGER)
            return false;
        char text[32];
        size_t len = p->at - start;
        if (len > 17)
            return false;
        memcpy(text, p->s + start, len);
        text[len] = '\0';
        long long v = strtoll(text, NULL, 10);
        if (v > 9007199254740991LL || v < -9007199254740991LL || strcmp(text, "-0") == 0)
            return false;
    }
    return true;
}

static bool value(parser *p, size_t depth, enum kind *kind)
{
    unsigned char scratch[1];
    size_t len;
    ws(p);
    if (p->at >= p->n)
        return false;
    *kind = K_OTHER;
    switch (p->s[p->at]) {
    case '{':
    case '[':
        if (depth + 1 > p->depth_seen)
            p->depth_seen = depth + 1;
        if (depth + 1 > p->max_depth)
            return false;
        if (p->s[p->at] == '{')
            return object(p, depth + 1);
        p->at++;
        ws(p);
        if (p->at < p->n && p->s[p->at] == ']') {
            p->at++;
            return true;
        }
        for (;;) {
            enum kind k;
            if (!value(p, depth + 1, &k))
                return false;
            ws(p);
            if (p->at < p->n && p->s[p->at] == ',') {
                p->at++;
                continue;
            }
            if (p->at < p->n && p->s[p->at] == ']') {
                p->at++;
                return true;
            }
            return false;
        }
    case '"': *kind = K_STRING; return string(p, scratch, 0, &len);
    case 't': p->at += 4; return p->at <= p->n && memcmp(p->s + p->at - 4, "true", 4) == 0;
    case 'f': p->at += 5; return p->at <= p->n && memcmp(p->s + p->at - 5, "false", 5) == 0;
    case 'n': p->at += 4; return p->at <= p->n && memcmp(p->s + p->at - 4, "null", 4) == 0;
    default: return (p->s[p->at] == '-' || (p->s[p->at] >= '0' && p->s[p->at] <= '9')) && number(p, kind);
    }
}

/* Parses s as one JSON object (the whole of it). */
static bool parse(parser *p, const void *s, size_t n, bool canonical, size_t max_depth)
{
    memset(p, 0, sizeof *p);
    p->s = s;
    p->n = n;
    p->canonical = canonical;
    p->max_depth = max_depth;
    for (int i = 0; i < 5; i++)
        p->members[i].name = standard[i];
    ws(p);
    if (p->at >= n || p->s[p->at] != '{')
        return false;
    p->depth_seen = 1;
    if (!object(p, 1))
        return false;
    ws(p);
    return p->at == n;
}

/* ---- the writer ------------------------------------------------------------------ */

static char out[1 << 17], again[1 << 17], third[1 << 17];

/* The next length-prefixed field of the input. */
static const char *field(const uint8_t **data, size_t *size, size_t *len)
{
    const char *s = (const char *)*data;
    if (*size == 0) {
        *len = 0;
        return s;
    }
    *len = (*data)[0];
    if (*len > *size - 1)
        *len = *size - 1;
    s = (const char *)*data + 1;
    *data += 1 + *len;
    *size -= 1 + *len;
    return s;
}

static bool same_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
    return alen == blen && memcmp(a, b, alen) == 0;
}

static void writer(int code, const uint8_t *data, size_t size)
{
    if (size < 1)
        return;
    uint8_t given = data[0];
    data++, size--;
    hs_problem p = HS_PROBLEM_INIT;
    const char **strings[4] = {&p.detail, &p.type, &p.title, &p.instance};
    size_t *lengths[4] = {&p.detail_len, &p.type_len, &p.title_len, &p.instance_len};
    for (int i = 0; i < 4; i++)
        if (given >> i & 1)
            *strings[i] = field(&data, &size, lengths[i]);
    hs_problem_extension ext[7];
    p.extension_count = (size_t)(given >> 4 & 7);
    p.extensions = ext;
    for (size_t i = 0; i < p.extension_count; i++) {
        ext[i].name = field(&data, &size, &ext[i].name_len);
        ext[i].value = field(&data, &size, &ext[i].value_len);
    }

    size_t n = hs_problem_json(out, sizeof out, code, &p);
    hs_problem_error err;
    bool valid = hs_problem_validate(code, &p, &err);
    CHECK(valid == (n > 0));
    CHECK(hs_problem_json(NULL, 0, code, &p) == n);
    CHECK(err.message != NULL && err.message == hs_problem_message(err.fault));
    if (code < 100 || code > 599)
        CHECK(err.fault == HS_PROBLEM_BAD_CODE);
    if (!valid) {
        CHECK(err.fault != HS_PROBLEM_OK && out[0] == '\0');
        if (err.extension != (size_t)-1)
            CHECK(err.extension < p.extension_count && err.member == ext[err.extension].name);
        return;
    }
    CHECK(err.fault == HS_PROBLEM_OK && n < sizeof out);
    /* the same bytes again, and under every cap a prefix of them */
    CHECK(hs_problem_json(again, sizeof again, code, &p) == n && memcmp(out, again, n + 1) == 0);
    size_t caps[] = {1, n / 2 + 1, n, n + 1};
    for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
        memset(again, '#', caps[i] + 1);
        CHECK(hs_problem_json(again, caps[i], code, &p) == n);
        size_t kept = caps[i] - 1 < n ? caps[i] - 1 : n;
        CHECK(memcmp(again, out, kept) == 0 && again[kept] == '\0' && again[caps[i]] == '#');
    }

    /* one canonical object, members as given, in their order */
    static parser q;
    CHECK(parse(&q, out, n, true, HS_PROBLEM_DEPTH + 1));
    const char *title = p.title != NULL ? p.title : hs_phrase(code);
    size_t title_len = p.title != NULL ? p.title_len : strlen(title);
    struct member *m = q.members;
    CHECK((p.type != NULL) == (m[0].kind == K_STRING) && (p.type == NULL || same_bytes(m[0].value, m[0].len, p.type, p.type_len) || p.type_len >= 512));
    CHECK(m[1].kind == K_STRING && (same_bytes(m[1].value, m[1].len, title, title_len) || title_len >= 512));
    char status[8];
    snprintf(status, sizeof status, "%d", code);
    CHECK(m[2].kind == K_INTEGER && strcmp(m[2].value, status) == 0);
    CHECK((p.detail != NULL) == (m[3].kind == K_STRING) && (p.detail == NULL || same_bytes(m[3].value, m[3].len, p.detail, p.detail_len) || p.detail_len >= 512));
    CHECK((p.instance != NULL) == (m[4].kind == K_STRING) && (p.instance == NULL || same_bytes(m[4].value, m[4].len, p.instance, p.instance_len) || p.instance_len >= 512));
    size_t standard_count = 2 + (p.type != NULL) + (p.detail != NULL) + (p.instance != NULL);
    CHECK(q.keys == standard_count + p.extension_count);
    static const int order[5] = {0, 1, 2, 3, 4};
    size_t k = 0;
    for (int i = 0; i < 5; i++)
        if (m[order[i]].kind != K_NONE) {
            const char *name = standard[order[i]];
            CHECK(same_bytes(out + q.key_start[k] + 1, q.key_end[k] - q.key_start[k] - 2, name, strlen(name)));
            k++;
        }
    /* then every extension's name once, ascending; its value the canonical one */
    hs_problem_extension back[7];
    for (size_t e = 0; e < p.extension_count; e++, k++) {
        const char *name = out + q.key_start[k] + 1;
        size_t len = q.key_end[k] - q.key_start[k] - 2;
        if (e > 0) {
            const char *before = out + q.key_start[k - 1] + 1;
            size_t before_len = q.key_end[k - 1] - q.key_start[k - 1] - 2;
            CHECK(compare((const unsigned char *)before, before_len, (const unsigned char *)name, len) < 0);
        }
        size_t found = p.extension_count;
        for (size_t j = 0; j < p.extension_count; j++)
            if (same_bytes(ext[j].name, ext[j].name_len, name, len))
                found = j;
        CHECK(found < p.extension_count);
        back[found] = ext[found];
        back[found].value = out + q.value_start[k];
        back[found].value_len = q.value_end[k] - q.value_start[k];
    }
    /* the canonical values, given back, write the same body */
    hs_problem r = p;
    r.extensions = back;
    CHECK(hs_problem_json(third, sizeof third, code, &r) == n && memcmp(third, out, n) == 0);

    /* and check reads nothing wrong in it */
    unsigned facts = hs_problem_read(out, n, code);
    const char *phrase = hs_phrase(code);
    bool blank = p.type == NULL || same_bytes(p.type, p.type_len, "about:blank", 11);
    bool differs = phrase != NULL && blank && !same_bytes(title, title_len, phrase, strlen(phrase));
    CHECK(facts == (HS_PF_READ | (differs ? HS_PF_TITLE_DIFFERS : 0u)));
}

/* ---- the reader -------------------------------------------------------------------- */

static void reader(int code, const uint8_t *data, size_t size)
{
    static const char type[] = "application/problem+json";
    hs_header h[2] = {{"Date", 4, "x", 1}, {"Content-Type", 12, type, sizeof type - 1}};
    hs_check_options o = HS_CHECK_OPTIONS_INIT;
    o.content_data = (const char *)data;
    o.content_size = size;
    hs_finding a[64], b[64];
    size_t na = hs_check(code, h, 2, &o, a, 64);

    /* the streaming call, from a copy of exactly the content (ASan sees any
     * read past it), freed before the end */
    char *copy = malloc(size > 0 ? size : 1);
    CHECK(copy != NULL);
    memcpy(copy, data, size);
    hs_checker c;
    hs_checker_begin(&c, code, NULL);
    hs_checker_response(&c, h[0].name, h[0].name_len, h[0].value, h[0].value_len);
    hs_checker_response(&c, h[1].name, h[1].name_len, h[1].value, h[1].value_len);
    hs_checker_content_data(&c, copy, size);
    free(copy);
    size_t nb = hs_checker_end(&c, b, 64);
    CHECK(na == nb);
    for (size_t i = 0; i < na; i++)
        CHECK(a[i].rule == b[i].rule && a[i].field == b[i].field);

    unsigned facts = hs_problem_read((const char *)data, size, code);
    if (code < 100 || code > 599 || size == 0 || size > HS_PROBLEM_CONTENT_MAX) {
        CHECK(size > 0 && size <= HS_PROBLEM_CONTENT_MAX ? 1 : facts == 0);
        return;
    }
    /* the findings are the facts */
    static const char *const ids[] = {"problem-invalid", "problem-status-mismatch", "problem-member-type",
                                      "problem-title-differs"};
    static const unsigned bits[] = {HS_PF_INVALID, HS_PF_MISMATCH, HS_PF_MEMBER_TYPE, HS_PF_TITLE_DIFFERS};
    for (size_t i = 0; i < 4; i++) {
        size_t rule = hs_rule_find(ids[i], strlen(ids[i]));
        bool fired = false;
        for (size_t j = 0; j < na; j++)
            fired = fired || a[j].rule == rule;
        CHECK(fired == ((facts & HS_PF_READ) && (facts & bits[i])));
    }

    static parser p;
    bool object = parse(&p, data, size, false, HS_PROBLEM_READ_DEPTH);
    if (p.depth_seen > HS_PROBLEM_READ_DEPTH) {
        CHECK(facts == 0 || facts == (HS_PF_READ | HS_PF_INVALID)); /* an error may come first */
        return;
    }
    if (!object) {
        CHECK(facts == (HS_PF_READ | HS_PF_INVALID));
        return;
    }
    CHECK((facts & (HS_PF_READ | HS_PF_INVALID)) == HS_PF_READ);
    struct member *m = p.members;
    bool wrong_type = false;
    for (int i = 0; i < 5; i++)
        wrong_type = wrong_type || (m[i].kind != K_NONE && m[i].kind != (i == 2 ? K_INTEGER : K_STRING));
    CHECK(((facts & HS_PF_MEMBER_TYPE) != 0) == wrong_type);
    const char *phrase = hs_phrase(code);
    bool blank = m[0].kind == K_NONE || (m[0].kind == K_STRING && same_bytes(m[0].value, m[0].len, "about:blank", 11));
    if (m[1].kind == K_STRING && m[1].len < sizeof m[1].value) {
        bool differs = phrase != NULL && blank && !same_bytes(m[1].value, m[1].len, phrase, strlen(phrase));
        CHECK(((facts & HS_PF_TITLE_DIFFERS) != 0) == differs);
    } else if (m[1].kind != K_STRING) {
        CHECK(!(facts & HS_PF_TITLE_DIFFERS));
    }
    if (m[2].kind != K_INTEGER && m[2].kind != K_NUMBER) {
        CHECK(!(facts & HS_PF_MISMATCH));
    } else if (m[2].len > 0) {
        /* strtod is exact enough here: with 15 significant digits or fewer
         * a value that is not the code is at least 1e-12 away from it, and
         * no double that far from a code rounds to it */
        size_t digits = 0;
        bool exponent = false;
        for (size_t i = 0; i < m[2].len; i++) {
            digits += !exponent && m[2].value[i] >= '0' && m[2].value[i] <= '9';
            exponent = exponent || m[2].value[i] == 'e' || m[2].value[i] == 'E';
        }
        const char *e = strpbrk(m[2].value, "eE");
        long power = e != NULL ? strtol(e + 1, NULL, 10) : 0;
        if (digits <= 15 && power > -300 && power < 300)
            CHECK(((facts & HS_PF_MISMATCH) != 0) == (strtod(m[2].value, NULL) != (double)code));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    int code = (data[1] | data[2] << 8) % 700;
    if (data[0] & 1)
        reader(code, data + 3, size - 3);
    else
        writer(code, data + 3, size - 3);
    return 0;
}
