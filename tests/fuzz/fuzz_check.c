/*
 * libFuzzer target for hs_check, the response rules. An input is read as:
 *
 *   bytes 0-3   the status code (a 32-bit int, any value)
 *   byte  4     facts: bit 0-2 the method (none, GET, HEAD, CONNECT, POST,
 *               DELETE, "get", or the first response field's value, which
 *               when it is not a token makes the options invalid), bit 3
 *               content present, bit 4 content absent, bits 5-7 the version
 *   bytes 5-12  the ignore mask
 *   the rest    response fields, one per '\n'-ended line, name before the
 *               first ':'; after a line "\r" the request's fields (which
 *               makes the request known)
 *
 * Every byte may be anything, NUL included. The findings are checked against
 * the header's promises and a few rules restated here from their wording:
 * the array and field-by-field forms agree, findings come in rule order
 * from the code's own rules and never from an ignored one, a code outside
 * 100..599 has status-invalid alone, and the "X missing" rules fire exactly
 * when no field is named X (ASCII case ignored).
 *
 * The value rules are checked against readers written here a second time,
 * in another way, from the same ABNF (below, "oracles"): Date and
 * Retry-After's date are taken apart with sscanf and must print back to the
 * same bytes with the weekday of Sakamoto's method; Content-Length, Allow,
 * Upgrade and Content-Range are split and compared with strtoull; repeated
 * single fields are compared byte for byte, numbers without their leading
 * zeros (no hash, no key). Location and the
 * challenges are only bounded: a byte no URI holds makes a Location
 * invalid, a run of unreserved bytes and "/" is valid; a control byte makes
 * a challenge list invalid, a lone token is valid. And the findings stay
 * the same when the fields are fed in reverse order, when every field is
 * fed twice, and when white space is added around every value.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "httpstatus.h"

#define CHECK(cond)                                                                           \
    do {                                                                                      \
        if (!(cond)) {                                                                        \
            fprintf(stderr, "fuzz_check: invariant broken at line %d: %s\n", __LINE__, #cond); \
            abort();                                                                          \
        }                                                                                     \
    } while (0)

#define MAX_FIELDS 64
#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static bool same_folded(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    if (len != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        char w = word[i];
        if (w >= 'A' && w <= 'Z')
            w = (char)(w - 'A' + 'a');
        if (c != w)
            return false;
    }
    return true;
}

static bool has_field(const hs_header *h, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (same_folded(h[i].name, h[i].name_len, name))
            return true;
    return false;
}

static size_t rule_index(const char *id)
{
    size_t i = hs_rule_find(id, strlen(id));
    CHECK(i < hs_rule_count());
    return i;
}

/* Splits data into header lines; returns how many, up to MAX_FIELDS each. */
static void split(const uint8_t *data, size_t size, hs_header *resp, size_t *nresp, hs_header *req, size_t *nreq,
                  bool *request_given)
{
    size_t at = 0;
    bool in_request = false;
    *nresp = *nreq = 0;
    *request_given = false;
    while (at < size) {
        const char *line = (const char *)data + at;
        size_t len = 0;
        while (at + len < size && data[at + len] != '\n')
            len++;
        at += len + 1;
        if (len == 1 && line[0] == '\r') {
            in_request = *request_given = true;
            continue;
        }
        const char *colon = memchr(line, ':', len);
        size_t name_len = colon ? (size_t)(colon - line) : len;
        hs_header h = {line, name_len, colon ? colon + 1 : NULL, colon ? len - name_len - 1 : 0};
        if (in_request && *nreq < MAX_FIELDS)
            req[(*nreq)++] = h;
        else if (!in_request && *nresp < MAX_FIELDS)
            resp[(*nresp)++] = h;
    }
}

/* ---- the oracles of the value rules ------------------------------------------------ */

enum { VALID, INVALID, UNKNOWN };

static bool is_ows(char c) { return c == ' ' || c == '\t'; }

static void trim(const char **v, size_t *n)
{
    while (*n > 0 && is_ows((*v)[0])) {
        (*v)++;
        (*n)--;
    }
    while (*n > 0 && is_ows((*v)[*n - 1]))
        (*n)--;
}

static bool all_in(const char *v, size_t n, const char *set)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == '\0' || strchr(set, v[i]) == NULL)
            return false;
    return true;
}

#define DIGITS "0123456789"
#define TCHARS "!#$%&'*+-.^_`|~" DIGITS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

static bool is_token(const char *v, size_t n) { return n > 0 && all_in(v, n, TCHARS); }
static bool is_digits(const char *v, size_t n) { return n > 0 && all_in(v, n, DIGITS); }

/* A comma list of trimmed members, each accepted by member(); no empty member. */
static bool list_of(const char *v, size_t n, bool (*member)(const char *, size_t))
{
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && v[i] != ',')
            continue;
        const char *m = v + start;
        size_t len = i - start;
        trim(&m, &len);
        if (!member(m, len))
            return false;
        start = i + 1;
    }
    return true;
}

static bool is_protocol(const char *v, size_t n)
{
    const char *slash = memchr(v, '/', n);
    return slash == NULL ? is_token(v, n) : is_token(v, (size_t)(slash - v)) &&
                                                 is_token(slash + 1, n - (size_t)(slash - v) - 1);
}

/* IMF-fixdate: read with sscanf, then printed back; a real date with its weekday. */
static bool is_imf_fixdate(const char *v, size_t n)
{
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    static const int sakamoto[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    char text[30], month_name[4], printed[64];
    int d, y, h, mi, se, m = -1;
    static const int digit_at[] = {5, 6, 12, 13, 14, 15, 17, 18, 20, 21, 23, 24};
    if (n != 29)
        return false;
    for (size_t i = 0; i < COUNT_OF(digit_at); i++)
        if (!isdigit((unsigned char)v[digit_at[i]]))
            return false;
    memcpy(text, v, 29);
    text[29] = '\0';
    if (sscanf(text + 5, "%d %3s %d %d:%d:%d", &d, month_name, &y, &h, &mi, &se) != 6)
        return false;
    for (int i = 0; i < 12; i++)
        if (strcmp(month_name, months[i]) == 0)
            m = i;
    if (m < 0 || y < 1900 || y > 9999 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60 ||
        (se == 60 && (h != 23 || mi != 59)))
        return false;
    bool leap = y % 400 == 0 || (y % 4 == 0 && y % 100 != 0);
    if (d > lengths[m] + (m == 1 && leap))
        return false;
    int yy = m < 2 ? y - 1 : y;
    int weekday = (yy + yy / 4 - yy / 100 + yy / 400 + sakamoto[m] + d) % 7;
    snprintf(printed, sizeof printed, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[weekday], d, months[m], y, h, mi,
             se);
    return strcmp(printed, text) == 0;
}

/* A decimal as a number when it has at most 18 significant digits. */
static bool small_number(const char *v, size_t n, unsigned long long *out)
{
    char text[20];
    while (n > 1 && v[0] == '0') {
        v++;
        n--;
    }
    if (n > 18)
        return false;
    memcpy(text, v, n);
    text[n] = '\0';
    *out = strtoull(text, NULL, 10);
    return true;
}

/* Content-Range: VALID, INVALID, UNKNOWN (numbers too long to compare here),
 * and *unsatisfied for "bytes" SP "*" "/" digits. */
static int content_range(const char *v, size_t n, bool *unsatisfied)
{
    const char *sp = memchr(v, ' ', n);
    *unsatisfied = false;
    if (sp == NULL || !is_token(v, (size_t)(sp - v)) || sp + 1 == v + n)
        return INVALID;
    const char *rest = sp + 1;
    size_t len = n - (size_t)(rest - v);
    if (!same_folded(v, (size_t)(sp - v), "bytes"))
        return VALID;
    if (len >= 2 && rest[0] == '*' && rest[1] == '/') {
        *unsatisfied = is_digits(rest + 2, len - 2);
        return *unsatisfied ? VALID : INVALID;
    }
    const char *dash = memchr(rest, '-', len), *slash = memchr(rest, '/', len);
    if (dash == NULL || slash == NULL || slash < dash)
        return INVALID;
    const char *last = dash + 1, *length = slash + 1;
    size_t first_n = (size_t)(dash - rest), last_n = (size_t)(slash - last), length_n = len - (size_t)(length - rest);
    bool star = length_n == 1 && length[0] == '*';
    if (!is_digits(rest, first_n) || !is_digits(last, last_n) || !(star || is_digits(length, length_n)))
        return INVALID;
    unsigned long long a, b, c = 0;
    if (!small_number(rest, first_n, &a) || !small_number(last, last_n, &b) ||
        (!star && !small_number(length, length_n, &c)))
        return UNKNOWN;
    return b >= a && (star || c > b) ? VALID : INVALID;
}

/* Location: INVALID when a byte no URI-reference holds is there (or a "%"
 * without two hex digits), VALID for unreserved bytes and "/" alone. */
static int location(const char *v, size_t n)
{
#define UNRESERVED "-._~" DIGITS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for (size_t i = 0; i < n; i++) {
        if (v[i] == '%' && !(i + 2 < n && isxdigit((unsigned char)v[i + 1]) && isxdigit((unsigned char)v[i + 2])))
            return INVALID;
        if (v[i] == '\0' || (strchr(UNRESERVED, v[i]) == NULL && strchr(":/?#[]@!$&'()*+,;=%", v[i]) == NULL))
            return INVALID;
    }
    return all_in(v, n, "/" UNRESERVED) ? VALID : UNKNOWN;
}

/* A list of challenges: INVALID when empty or holding a control byte, VALID for a lone token. */
static int challenges(const char *v, size_t n)
{
    if (n == 0)
        return INVALID;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)v[i] < 0x20 && v[i] != '\t') || v[i] == 0x7f)
            return INVALID;
    return is_token(v, n) ? VALID : UNKNOWN;
}

/* What every value rule must do for these fields: 1 fire, 0 not, -1 unknown. */
struct expected {
    const char *id;
    int fires;
};

static int either(bool invalid, bool unknown) { return invalid ? 1 : unknown ? -1 : 0; }

/* The trimmed value of each response field named name (values NULL skipped). */
static size_t values_of(const hs_header *h, size_t n, const char *name, const char **v, size_t *len, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < cap; i++)
        if (h[i].value != NULL && same_folded(h[i].name, h[i].name_len, name)) {
            v[k] = h[i].value;
            len[k] = h[i].value_len;
            trim(&v[k], &len[k]);
            k++;
        }
    return k;
}

/* Whether two of the values differ (numbers: leading zeros aside; a date
 * never starts with one). */
static bool any_differ(const char **v, const size_t *len, size_t k, bool numbers)
{
    for (size_t i = 1; i < k; i++) {
        const char *a = v[0], *b = v[i];
        size_t an = len[0], bn = len[i];
        while (numbers && an > 1 && a[0] == '0') {
            a++;
            an--;
        }
        while (numbers && bn > 1 && b[0] == '0') {
            b++;
            bn--;
        }
        if (an != bn || memcmp(a, b, an) != 0)
            return true;
    }
    return false;
}

static void value_oracles(const hs_header *h, size_t n, int code, struct expected *e)
{
    const char *v[MAX_FIELDS];
    size_t len[MAX_FIELDS], k;
    bool bad, unknown, other;

    k = values_of(h, n, "location", v, len, MAX_FIELDS);
    bad = unknown = false;
    for (size_t i = 0; i < k; i++) {
        int r = location(v[i], len[i]);
        bad |= r == INVALID;
        unknown |= r == UNKNOWN;
    }
    e[0] = (struct expected){"location-invalid", either(bad || any_differ(v, len, k, false), unknown)};
    e[1] = (struct expected){"location-undefined", has_field(h, n, "Location") && code != 201 && code / 100 != 3};

    k = values_of(h, n, "allow", v, len, MAX_FIELDS);
    bool empty = false, listed = false;
    bad = false;
    for (size_t i = 0; i < k; i++) {
        bad |= len[i] > 0 && !list_of(v[i], len[i], is_token);
        empty |= len[i] == 0; /* no methods, beside a line that lists some: invalid */
        listed |= len[i] > 0;
    }
    e[2] = (struct expected){"allow-invalid", bad || (empty && listed)};

    k = values_of(h, n, "retry-after", v, len, MAX_FIELDS);
    bad = false;
    for (size_t i = 0; i < k; i++)
        bad |= !is_digits(v[i], len[i]) && !is_imf_fixdate(v[i], len[i]);
    e[3] = (struct expected){"retry-after-invalid", bad || any_differ(v, len, k, true)}; /* 120 is 0120 */

    k = values_of(h, n, "date", v, len, MAX_FIELDS);
    bad = false;
    for (size_t i = 0; i < k; i++)
        bad |= !is_imf_fixdate(v[i], len[i]);
    e[4] = (struct expected){"date-invalid", bad || any_differ(v, len, k, false)};

    k = values_of(h, n, "content-length", v, len, MAX_FIELDS);
    bad = false;
    for (size_t i = 0; i < k; i++)
        bad |= !is_digits(v[i], len[i]);
    e[5] = (struct expected){"content-length-invalid", bad || any_differ(v, len, k, true)};

    k = values_of(h, n, "content-range", v, len, MAX_FIELDS);
    bad = unknown = other = false;
    for (size_t i = 0; i < k; i++) {
        bool unsatisfied; /* other: a line is the unsatisfied form */
        int r = content_range(v[i], len[i], &unsatisfied);
        bad |= r == INVALID;
        unknown |= r == UNKNOWN;
        other |= unsatisfied;
    }
    e[6] = (struct expected){"content-range-invalid", either(bad || any_differ(v, len, k, false), unknown)};
    e[7] = (struct expected){"content-range-unsatisfied-in-206", other};
    e[8] = (struct expected){"content-range-undefined", has_field(h, n, "Content-Range") && code != 206 && code != 416};

    static const char *const auth[] = {"www-authenticate", "proxy-authenticate"};
    for (size_t f = 0; f < 2; f++) {
        k = values_of(h, n, auth[f], v, len, MAX_FIELDS);
        bad = unknown = false;
        for (size_t i = 0; i < k; i++) {
            int r = challenges(v[i], len[i]);
            bad |= r == INVALID;
            unknown |= r == UNKNOWN;
        }
        e[9 + f] = (struct expected){f == 0 ? "www-authenticate-invalid" : "proxy-authenticate-invalid",
                                     either(bad, unknown)};
    }

    k = values_of(h, n, "upgrade", v, len, MAX_FIELDS);
    bad = false;
    for (size_t i = 0; i < k; i++)
        bad |= !list_of(v[i], len[i], is_protocol);
    e[11] = (struct expected){"upgrade-invalid", bad};
}

/* The findings of a checker fed the fields in some order, some times over. */
static size_t fed_findings(int code, const hs_check_options *opt, const hs_header *h, size_t n, bool reversed,
                           int times, hs_finding *out)
{
    hs_checker c;
    hs_checker_begin(&c, code, opt);
    for (int t = 0; t < times; t++)
        for (size_t i = 0; i < n; i++) {
            const hs_header *f = &h[reversed ? n - 1 - i : i];
            hs_checker_response(&c, f->name, f->name_len, f->value, f->value_len);
        }
    return hs_checker_end(&c, out, 64);
}

static bool same_findings(const hs_finding *a, size_t an, const hs_finding *b, size_t bn)
{
    if (an != bn)
        return false;
    for (size_t i = 0; i < an; i++)
        if (a[i].rule != b[i].rule || a[i].field != b[i].field)
            return false;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 13)
        return 0;
    int32_t code;
    memcpy(&code, data, 4);
    uint8_t facts = data[4];
    unsigned long long ignore;
    memcpy(&ignore, data + 5, 8);

    hs_header resp[MAX_FIELDS], req[MAX_FIELDS];
    size_t nresp, nreq;
    bool request_given;
    split(data + 13, size - 13, resp, &nresp, req, &nreq, &request_given);

    static const char *const methods[] = {NULL, "GET", "HEAD", "CONNECT", "POST", "DELETE", "get", NULL};
    hs_check_options opt = {0};
    unsigned m = facts & 7u;
    if (m == 7 && nresp > 0 && resp[0].value != NULL) {
        opt.method = resp[0].value; /* any bytes as a method */
        opt.method_len = resp[0].value_len;
    } else if (methods[m] != NULL) {
        opt.method = methods[m];
        opt.method_len = strlen(methods[m]);
    }
    opt.content = (facts & 8) ? HS_CONTENT_PRESENT : (facts & 16) ? HS_CONTENT_NONE : HS_CONTENT_UNKNOWN;
    opt.version = (hs_http_version)((facts >> 5) % 5);
    opt.request_fields_given = request_given;
    opt.request_fields = req;
    opt.request_field_count = nreq;
    opt.ignore = ignore;

    hs_finding out[64], fed[64], few[2];
    if (opt.method != NULL && !hs_is_method(opt.method, opt.method_len)) {
        /* options that are not valid: no rule is applied, and both forms say so */
        hs_checker c;
        CHECK(hs_check(code, resp, nresp, &opt, out, 64) == HS_CHECK_INVALID);
        CHECK(!hs_checker_begin(&c, code, &opt));
        for (size_t i = 0; i < nresp; i++)
            hs_checker_response(&c, resp[i].name, resp[i].name_len, resp[i].value, resp[i].value_len);
        CHECK(hs_checker_end(&c, fed, 64) == HS_CHECK_INVALID);
        return 0;
    }
    size_t found = hs_check(code, resp, nresp, &opt, out, 64);
    CHECK(found <= hs_rule_count());
    CHECK(hs_check(code, resp, nresp, &opt, few, 2) == found);
    CHECK(hs_check(code, resp, nresp, &opt, NULL, 0) == found);

    hs_checker c;
    hs_checker_begin(&c, code, &opt);
    for (size_t i = 0; i < nresp; i++)
        hs_checker_response(&c, resp[i].name, resp[i].name_len, resp[i].value, resp[i].value_len);
    CHECK(hs_checker_end(&c, fed, 64) == found);

    for (size_t i = 0; i < found; i++) {
        CHECK(out[i].rule == fed[i].rule && out[i].field == fed[i].field);
        CHECK(i < 2 ? few[i].rule == out[i].rule : 1);
        CHECK(i == 0 || out[i - 1].rule < out[i].rule);
        CHECK(!(ignore >> out[i].rule & 1));
        CHECK(hs_rule_applies(out[i].rule, code));
        const hs_rule *r = hs_rule_at(out[i].rule);
        CHECK(r != NULL);
        CHECK(out[i].field == r->field || (r->field != NULL && out[i].field != NULL &&
                                           strncmp(out[i].field, "Content-", 8) == 0));
        bool listed = false;
        for (size_t j = 0; hs_rule_of(code, j) != NULL; j++)
            listed = listed || strcmp(hs_rule_of(code, j), r->id) == 0;
        CHECK(listed);
        if (r->needs_request)
            CHECK(opt.method != NULL || request_given || opt.version != HS_VERSION_UNSET);
    }

    /* Outside 100..599: status-invalid and nothing else. */
    if (code < 100 || code > 599)
        CHECK(found == !(ignore & 1) && (found == 0 || out[0].rule == rule_index("status-invalid")));

    /* The "missing" rules fire exactly when the field is absent. */
    static const struct {
        const char *id, *field;
    } missing[] = {{"www-authenticate-missing", "WWW-Authenticate"},
                   {"proxy-authenticate-missing", "Proxy-Authenticate"},
                   {"allow-missing", "Allow"},
                   {"content-range-suggested", "Content-Range"},
                   {"location-missing", "Location"},
                   {"retry-after-suggested", "Retry-After"},
                   {"date-missing", "Date"},
                   {"upgrade-missing", "Upgrade"}};
    for (size_t k = 0; k < sizeof missing / sizeof missing[0]; k++) {
        size_t rule = rule_index(missing[k].id);
        bool fired = false;
        for (size_t i = 0; i < found; i++)
            fired = fired || out[i].rule == rule;
        bool expected = hs_rule_applies(rule, code) && !(ignore >> rule & 1) &&
                        !has_field(resp, nresp, missing[k].field);
        CHECK(fired == expected);
    }

    /* The value rules, against the oracles. */
    struct expected values[12];
    value_oracles(resp, nresp, code, values);
    for (size_t k = 0; k < COUNT_OF(values); k++) {
        size_t rule = rule_index(values[k].id);
        bool fired = false;
        for (size_t i = 0; i < found; i++)
            fired = fired || out[i].rule == rule;
        if (!hs_rule_applies(rule, code) || (ignore >> rule & 1))
            CHECK(!fired);
        else if (values[k].fires >= 0)
            CHECK(fired == (values[k].fires == 1));
    }

    /* Order, repetition and the white space around values change nothing. */
    hs_finding again[64];
    CHECK(same_findings(out, found, again, fed_findings(code, &opt, resp, nresp, true, 1, again)));
    CHECK(same_findings(out, found, again, fed_findings(code, &opt, resp, nresp, false, 2, again)));
    char *padded = malloc(size * 2 + 4 * MAX_FIELDS + 1);
    hs_header wide[MAX_FIELDS];
    CHECK(padded != NULL);
    size_t used = 0;
    for (size_t i = 0; i < nresp; i++) {
        wide[i] = resp[i];
        if (resp[i].value == NULL)
            continue;
        char *p = padded + used;
        p[0] = ' ';
        p[1] = '\t';
        memcpy(p + 2, resp[i].value, resp[i].value_len);
        p[2 + resp[i].value_len] = '\t';
        p[3 + resp[i].value_len] = ' ';
        wide[i].value = p;
        wide[i].value_len = resp[i].value_len + 4;
        used += resp[i].value_len + 4;
    }
    CHECK(same_findings(out, found, again, hs_check(code, wide, nresp, &opt, again, 64)));
    free(padded);
    return 0;
}
