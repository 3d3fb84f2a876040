/*
 * httpstatus: hs_problem_read, what check's problem-details rules (RFC 9457)
 * learn of a response's content: whether it is one JSON object (RFC 8259,
 * strictly: UTF-8, no byte order mark, nothing after the object) and what
 * its members type, title, status, detail and instance hold. Everything
 * else is validated and forgotten.
 *
 * One pass, no recursion and no heap: nesting is a bit per level (object
 * or array) on the stack, HS_PROBLEM_READ_DEPTH levels at most, and the
 * strings of interest are compared with what they are checked against
 * while they are read, escapes decoded. Where a name appears twice in the
 * top-level object the last one counts, as Python's json and cjson read it.
 */
#include "httpstatus.h"
#include "problem.h"

#include <stdbool.h>
#include <string.h>

/* The members the rules read, and the kinds of value they can hold. */
enum member { M_TYPE, M_TITLE, M_STATUS, M_DETAIL, M_INSTANCE, M_COUNT, M_NONE = M_COUNT };
enum kind { ABSENT, STRING, INTEGER, NUMBER, OTHER };

static const char *const member_names[M_COUNT] = {"type", "title", "status", "detail", "instance"};

typedef struct reader {
    const char *s;
    size_t n, at;
} reader;

static void skip_ws(reader *r)
{
    while (r->at < r->n && (r->s[r->at] == ' ' || r->s[r->at] == '\t' || r->s[r->at] == '\n' || r->s[r->at] == '\r'))
        r->at++;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* What the bytes of a string's value are compared with as they are
 * decoded: target (len bytes, or NULL for nothing), and the first bytes
 * kept for a key. */
typedef struct matcher {
    const char *target;
    size_t len;
    size_t seen;
    bool same;
    char head[8];
} matcher;

static void match(matcher *m, const char *bytes, size_t n)
{
    for (size_t i = 0; i < n; i++, m->seen++) {
        if (m->seen < sizeof m->head)
            m->head[m->seen] = bytes[i];
        if (m->seen >= m->len || m->target[m->seen] != bytes[i])
            m->same = false;
    }
}

/* The string at r->at (its opening quote), validated and fed to m; r->at
 * ends past its closing quote. A \u escape of a lone surrogate is valid
 * JSON text (RFC 8259, Section 8.2): it matches no target. */
static bool read_string(reader *r, matcher *m)
{
    static const char plain[] = "\"\\/bfnrt", decoded[] = "\"\\/\b\f\n\r\t";
    const unsigned char *s = (const unsigned char *)r->s;
    size_t run = ++r->at;
    for (;;) {
        if (r->at >= r->n)
            return false;
        unsigned char c = s[r->at];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            r->at += hs_plain_run(s + r->at, r->n - r->at);
            continue;
        }
        match(m, r->s + run, r->at - run);
        if (c == '"') {
            r->at++;
            m->same = m->same && m->seen == m->len;
            return true;
        }
        if (c < 0x20)
            return false;
        if (c >= 0x80) {
            size_t k = hs_utf8_length(s + r->at, r->n - r->at);
            if (k == 0)
                return false;
            match(m, r->s + r->at, k);
            r->at += k;
        } else { /* an escape */
            if (r->n - r->at < 2)
                return false;
            char e = r->s[r->at + 1];
            const char *k = e != '\0' ? strchr(plain, e) : NULL;
            r->at += 2;
            if (k != NULL) {
                match(m, &decoded[k - plain], 1);
            } else if (e == 'u') {
                long cp = hs_hex4(r->s, r->n, r->at);
                if (cp < 0)
                    return false;
                r->at += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF && r->n - r->at >= 6 && r->s[r->at] == '\\' &&
                    r->s[r->at + 1] == 'u') {
                    long low = hs_hex4(r->s, r->n, r->at + 2);
                    if (low >= 0xDC00 && low <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                        r->at += 6;
                    }
                }
                char bytes[4];
                match(m, bytes, hs_utf8_encode(cp, bytes));
            } else {
                return false;
            }
        }
        run = r->at;
    }
}

/* Whether the decimal number s[start..end) (valid JSON, int_end the end of
 * its integer part) equals code exactly: 404, 404.0, 4.04e2 and 40400e-2
 * do, 404.0000001 and 4.04e2000000000 do not. Both are written as
 * significant digits times a power of ten and compared digit for digit;
 * the exponent saturates, so no size of it can overflow into equality. */
static bool number_equals(const char *s, size_t start, size_t int_end, size_t end, int code)
{
    if (code <= 0 || s[start] == '-')
        return false; /* a code is positive; -0 is 0 */
    /* the digits of the number, the fraction's after the integer's */
    size_t frac = int_end < end && s[int_end] == '.' ? int_end + 1 : int_end, frac_end = frac;
    while (frac_end < end && is_digit(s[frac_end]))
        frac_end++;
    long long exponent = 0;
    if (frac_end < end) { /* e or E */
        size_t i = frac_end + 1;
        bool negative = s[i] == '-';
        if (s[i] == '-' || s[i] == '+')
            i++;
        for (; i < end; i++)
            if (exponent < 1000000000LL)
                exponent = exponent * 10 + (s[i] - '0');
        if (negative)
            exponent = -exponent;
    }
    /* first and last non-zero digit, counted over both parts */
    size_t total = (int_end - start) + (frac_end - frac), first = total, last = 0;
    for (size_t k = 0; k < total; k++) {
        char d = k < int_end - start ? s[start + k] : s[frac + k - (int_end - start)];
        if (d != '0') {
            if (first == total)
                first = k;
            last = k;
        }
    }
    if (first == total)
        return false; /* zero */
    if (last - first >= 3)
        return false; /* four or more significant digits: no code has them */
    /* value = digits[first..last] * 10^(exponent - fraction digits + trailing zeros) */
    long long power = exponent - (long long)(frac_end - frac) + (long long)(total - 1 - last);
    char digits[3];
    size_t ndigits = 0;
    for (size_t k = first; k <= last; k++)
        digits[ndigits++] = k < int_end - start ? s[start + k] : s[frac + k - (int_end - start)];
    /* the code the same way */
    char code_digits[12];
    size_t ncode = 0;
    long long code_power = 0;
    int v = code;
    while (v % 10 == 0) {
        v /= 10;
        code_power++;
    }
    for (int x = v; x > 0; x /= 10)
        ncode++;
    for (size_t k = ncode; k > 0; k--, v /= 10)
        code_digits[k - 1] = (char)('0' + v % 10);
    return power == code_power && ndigits == ncode && memcmp(digits, code_digits, ndigits) == 0;
}

/* The number at r->at, validated (RFC 8259, Section 6); *integer when it
 * has neither fraction nor exponent, *equal when code is not 0 and its
 * value is the code. */
static bool read_number(reader *r, int code, bool *integer, bool *equal)
{
    const size_t start = r->at;
    const char *s = r->s;
    if (s[r->at] == '-')
        r->at++;
    if (r->at < r->n && s[r->at] == '0')
        r->at++;
    else if (r->at < r->n && s[r->at] >= '1' && s[r->at] <= '9')
        while (r->at < r->n && is_digit(s[r->at]))
            r->at++;
    else
        return false;
    const size_t int_end = r->at;
    if (r->at < r->n && s[r->at] == '.') {
        r->at++;
        if (r->at >= r->n || !is_digit(s[r->at]))
            return false;
        while (r->at < r->n && is_digit(s[r->at]))
            r->at++;
    }
    if (r->at < r->n && (s[r->at] == 'e' || s[r->at] == 'E')) {
        r->at++;
        if (r->at < r->n && (s[r->at] == '+' || s[r->at] == '-'))
            r->at++;
        if (r->at >= r->n || !is_digit(s[r->at]))
            return false;
        while (r->at < r->n && is_digit(s[r->at]))
            r->at++;
    }
    *integer = r->at == int_end;
    *equal = code != 0 && number_equals(s, start, int_end, r->at, code);
    return true;
}

static bool read_literal(reader *r, const char *word, size_t len)
{
    if (r->n - r->at < len || memcmp(r->s + r->at, word, len) != 0)
        return false;
    r->at += len;
    return true;
}

/* Which standard member a key (its matcher) names, or M_NONE. */
static int member_of(const matcher *key)
{
    for (int i = 0; i < M_COUNT; i++)
        if (strlen(member_names[i]) == key->seen && memcmp(member_names[i], key->head, key->seen) == 0)
            return i;
    return M_NONE;
}

/* The facts, from what the last occurrence of each member held. */
static unsigned facts(const enum kind kinds[M_COUNT], const bool equal[M_COUNT], const char *phrase)
{
    unsigned f = HS_PF_READ;
    if ((kinds[M_STATUS] == INTEGER || kinds[M_STATUS] == NUMBER) && !equal[M_STATUS])
        f |= HS_PF_MISMATCH;
    for (int i = 0; i < M_COUNT; i++)
        if (kinds[i] != ABSENT && kinds[i] != (i == M_STATUS ? INTEGER : STRING))
            f |= HS_PF_MEMBER_TYPE;
    if (phrase != NULL && (kinds[M_TYPE] == ABSENT || (kinds[M_TYPE] == STRING && equal[M_TYPE])) &&
        kinds[M_TITLE] == STRING && !equal[M_TITLE])
        f |= HS_PF_TITLE_DIFFERS;
    return f;
}

#define INVALID (HS_PF_READ | HS_PF_INVALID)

unsigned hs_problem_read(const char *s, size_t n, int code)
{
    static const char blank[] = "about:blank";
    enum { VALUE, KEY, AFTER } state = VALUE;
    unsigned char objects[HS_PROBLEM_READ_DEPTH / 8] = {0}; /* bit per level: an object (1) or an array */
    size_t depth = 0;
    enum kind kinds[M_COUNT] = {ABSENT, ABSENT, ABSENT, ABSENT, ABSENT};
    bool equal[M_COUNT] = {false, false, false, false, false};
    int member = M_NONE; /* the member whose value comes next */
    const char *phrase = hs_phrase(code);
    reader r = {s, n, 0};

    if (s == NULL || n == 0 || n > HS_PROBLEM_CONTENT_MAX)
        return 0;
    skip_ws(&r);
    if (r.at >= n || s[r.at] != '{')
        return INVALID; /* a byte order mark too (RFC 8259, Section 8.1) */
    for (;;) {
        skip_ws(&r);
        if (r.at >= n && !(state == AFTER && depth == 0))
            return INVALID;
        if (state == VALUE) {
            enum kind kind = OTHER;
            bool same = false, integer = false;
            char c = s[r.at];
            if (c == '{' || c == '[') {
                if (depth == HS_PROBLEM_READ_DEPTH)
                    return 0; /* too deep to judge */
                if (c == '{')
                    objects[depth / 8] = (unsigned char)(objects[depth / 8] | 1u << depth % 8);
                else
                    objects[depth / 8] = (unsigned char)(objects[depth / 8] & ~(1u << depth % 8));
                depth++;
                r.at++;
                skip_ws(&r);
                if (r.at < n && s[r.at] == (c == '{' ? '}' : ']')) {
                    r.at++;
                    depth--;
                    state = AFTER;
                } else {
                    state = c == '{' ? KEY : VALUE;
                }
            } else if (c == '"') {
                matcher m = {member == M_TITLE ? phrase : member == M_TYPE ? blank : NULL, 0, 0, true, {0}};
                m.len = m.target != NULL ? strlen(m.target) : 0;
                if (m.target == NULL)
                    m.same = false;
                if (!read_string(&r, &m))
                    return INVALID;
                kind = STRING;
                same = m.same;
                state = AFTER;
            } else if (c == '-' || is_digit(c)) {
                if (!read_number(&r, member == M_STATUS ? code : 0, &integer, &same))
                    return INVALID;
                kind = integer ? INTEGER : NUMBER;
                state = AFTER;
            } else if (read_literal(&r, "true", 4) || read_literal(&r, "false", 5) || read_literal(&r, "null", 4)) {
                state = AFTER;
            } else {
                return INVALID;
            }
            if (member != M_NONE) {
                kinds[member] = kind;
                equal[member] = same;
                member = M_NONE;
            }
        } else if (state == KEY) {
            matcher key = {NULL, 0, 0, false, {0}};
            if (s[r.at] != '"' || !read_string(&r, &key))
                return INVALID;
            skip_ws(&r);
            if (r.at >= n || s[r.at] != ':')
                return INVALID;
            r.at++;
            member = depth == 1 ? member_of(&key) : M_NONE;
            state = VALUE;
        } else { /* AFTER a value: the end, a comma or a closing bracket */
            if (depth == 0)
                return r.at == n ? facts(kinds, equal, phrase) : INVALID;
            bool object = (objects[(depth - 1) / 8] >> (depth - 1) % 8 & 1) != 0;
            char c = s[r.at++];
            if (c == ',')
                state = object ? KEY : VALUE;
            else if (c == (object ? '}' : ']'))
                depth--;
            else
                return INVALID;
        }
    }
}
