/*
 * The response rules and hs_check against the API: every rule fires on a
 * minimal response that breaks it and stays silent on the same response
 * fixed; ids, levels and order as the documentation's tables list them;
 * request rules only when the request is described; field names in any
 * case; the array and field-by-field forms agree; bad input is no finding.
 * The expectations are written from the documented rules, not read from
 * core/rules.def.
 */
#include <limits.h>
#include <stdlib.h>

#include "harness.h"
#include "httpstatus.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_FIELDS 8
#define DATE_VALUE "Sun, 06 Nov 1994 08:49:37 GMT"
#define D "Date: " DATE_VALUE /* a valid Date: date-invalid reads it */

/* The rules in documented order, with their levels. */
static const struct {
    const char *id, *level;
    bool request;
} documented[] = {
    {"status-invalid", "must", false},
    {"status-unregistered", "info", false},
    {"status-obsolete", "should", false},
    {"upgrade-missing", "must", false},
    {"www-authenticate-missing", "must", false},
    {"proxy-authenticate-missing", "must", false},
    {"allow-missing", "must", false},
    {"content-range-missing", "must", false},
    {"content-range-suggested", "should", false},
    {"location-missing", "should", false},
    {"location-suggested", "info", false},
    {"retry-after-suggested", "info", false},
    {"date-missing", "must", false},
    {"content-length-forbidden", "must", false},
    {"transfer-encoding-forbidden", "must", false},
    {"content-forbidden", "must", false},
    {"metadata-in-304", "should", false},
    {"informational-to-http10", "must", true},
    {"switching-over-http2", "must", true},
    {"upgrade-unrequested", "must", true},
    {"continue-unexpected", "info", true},
    {"created-by-safe-method", "should", true},
    {"partial-unrequested", "should", true},
    {"range-unrequested", "should", true},
    {"not-modified-unconditional", "should", true},
    {"precondition-unrequested", "should", true},
    {"expectation-unrequested", "should", true},
    {"method-in-allow", "should", true},
    {"negotiation-unrequested", "info", true},
    {"location-invalid", "must", false},
    {"location-undefined", "info", false},
    {"allow-invalid", "must", false},
    {"retry-after-invalid", "must", false},
    {"date-invalid", "must", false},
    {"content-length-invalid", "must", false},
    {"content-range-invalid", "must", false},
    {"content-range-unsatisfied-in-206", "must", false},
    {"content-range-undefined", "info", false},
    {"www-authenticate-invalid", "must", false},
    {"proxy-authenticate-invalid", "must", false},
    {"upgrade-invalid", "must", false},
    {"problem-invalid", "must", false},
    {"problem-status-mismatch", "must", false},
    {"problem-member-type", "should", false},
    {"problem-title-differs", "info", false},
};

/* A response or request written as "Name: value" strings. */
typedef struct {
    const char *lines[MAX_FIELDS + 1]; /* NULL-terminated */
} fields;

static size_t to_headers(const fields *f, hs_header *out)
{
    size_t n = 0;
    for (; n < MAX_FIELDS && f->lines[n] != NULL; n++) {
        const char *line = f->lines[n], *colon = strchr(line, ':');
        if (colon == NULL)
            abort(); /* a mistake in this file */
        const char *value = colon + 1;
        while (*value == ' ')
            value++;
        out[n] = (hs_header){line, (size_t)(colon - line), value, strlen(value)};
    }
    return n;
}

/* The findings' ids joined by spaces ("" for none). Checks on the way that
 * the array form and the field-by-field form agree, that cap bounds what
 * is written, and that every finding is in rule order. */
static const char *check_ids(int code, const fields *response, const hs_check_options *opt, char *buf, size_t size)
{
    hs_header h[MAX_FIELDS];
    size_t n = response != NULL ? to_headers(response, h) : 0;
    hs_finding out[64], fed[64], one[1];
    size_t found = hs_check(code, h, n, opt, out, COUNT_OF(out));

    hs_checker c;
    hs_checker_begin(&c, code, opt);
    for (size_t i = 0; i < n; i++)
        hs_checker_response(&c, h[i].name, h[i].name_len, h[i].value, h[i].value_len);
    SIZE_EQ(hs_checker_end(&c, fed, COUNT_OF(fed)), found, "hs_checker agrees with hs_check");
    SIZE_EQ(hs_check(code, h, n, opt, NULL, 0), found, "the count without an array");
    SIZE_EQ(hs_check(code, h, n, opt, one, 1), found, "the count with a one-item array");
    OK(found <= hs_rule_count(), "at most one finding per rule: %zu", found);

    buf[0] = '\0';
    for (size_t i = 0; i < found && i < COUNT_OF(out); i++) {
        OK(out[i].rule == fed[i].rule, "finding %zu: same rule both ways", i);
        OK(i == 0 || out[i - 1].rule < out[i].rule, "finding %zu in rule order", i);
        const hs_rule *r = hs_rule_at(out[i].rule);
        OK(r != NULL, "finding %zu names a rule", i);
        if (r == NULL)
            continue;
        if (buf[0] != '\0')
            strncat(buf, " ", size - strlen(buf) - 1);
        strncat(buf, r->id, size - strlen(buf) - 1);
    }
    return buf;
}

#define FIELDS(...) (&(fields){{__VA_ARGS__, NULL}})
#define NONE (&(fields){{NULL}})

static void expect(int code, const fields *response, const hs_check_options *opt, const char *want, int line)
{
    char buf[1024];
    const char *got = check_ids(code, response, opt, buf, sizeof buf);
    OK(strcmp(got, want) == 0, "line %d: %d: got \"%s\", want \"%s\"", line, code, got, want);
}
#define EXPECT(code, response, opt, want) expect((code), (response), (opt), (want), __LINE__)

static hs_check_options method(const char *m)
{
    hs_check_options o = {0};
    o.method = m;
    o.method_len = strlen(m);
    return o;
}

static hs_check_options requested(const fields *request)
{
    static hs_header h[MAX_FIELDS]; /* single-threaded test: one request at a time */
    hs_check_options o = {0};
    o.request_fields_given = true;
    o.request_fields = h;
    o.request_field_count = to_headers(request, h);
    return o;
}

static void test_the_list(void)
{
    SIZE_EQ(hs_rule_count(), COUNT_OF(documented), "the number of rules");
    for (size_t i = 0; i < COUNT_OF(documented) && i < hs_rule_count(); i++) {
        const hs_rule *r = hs_rule_at(i);
        STR_EQ(r->id, documented[i].id, "rule id, in documented order");
        STR_EQ(r->level, documented[i].level, r->id);
        INT_EQ(r->severity, strcmp(r->level, "must") == 0 ? HS_MUST : strcmp(r->level, "should") == 0 ? HS_SHOULD : HS_INFO,
               r->id);
        OK(r->needs_request == documented[i].request, "%s: needs_request", r->id);
        OK(r->message[0] != '\0' && r->message_ko[0] != '\0' && strncmp(r->reference, "RFC ", 4) == 0,
           "%s: messages and an RFC reference", r->id);
        STR_EQ(hs_rule_message(i, "en"), r->message, r->id);
        STR_EQ(hs_rule_message(i, "ko"), r->message_ko, r->id);
        SIZE_EQ(hs_rule_find(r->id, strlen(r->id)), i, r->id);
    }
    OK(hs_rule_at(hs_rule_count()) == NULL, "no rule past the end");
    OK(hs_rule_message(0, "de") == NULL && hs_rule_message(0, NULL) == NULL, "an unknown lang has no message");
    OK(hs_rule_message(hs_rule_count(), "en") == NULL, "no message past the end");
    SIZE_EQ(hs_rule_find("allow-missing\0x", 15), hs_rule_count(), "a NUL inside an id matches nothing");
    SIZE_EQ(hs_rule_find("ALLOW-MISSING", 13), hs_rule_count(), "ids are exact");
    SIZE_EQ(hs_rule_find(NULL, 3), hs_rule_count(), "NULL id");
    SIZE_EQ(hs_rule_find("allow-missin", 12), hs_rule_count(), "a prefix is no id");
}

static void test_rules_of_codes(void)
{
    /* A row's rules: the ids of every rule that can apply to it. */
    /* the value rules apply wherever their field may appear: every code,
     * except location-undefined (not 201, 3xx), content-range-undefined (not
     * 206, 416) and content-range-unsatisfied-in-206 (206 only); the problem
     * rules apply to every code (problem-title-differs to those with a phrase) */
#define PROBLEM_RULES "problem-invalid", "problem-status-mismatch", "problem-member-type"
    const char *of405[] = {"allow-missing", "date-missing", "content-forbidden", "method-in-allow",
                           "location-invalid", "location-undefined", "allow-invalid", "retry-after-invalid",
                           "date-invalid", "content-length-invalid", "content-range-invalid",
                           "content-range-undefined", "www-authenticate-invalid", "proxy-authenticate-invalid",
                           "upgrade-invalid", PROBLEM_RULES, "problem-title-differs", NULL};
    for (size_t j = 0; j < COUNT_OF(of405); j++)
        STR_EQ(hs_rule_of(405, j), of405[j], "rules of 405");
    const char *of499[] = {"status-unregistered", "date-missing", "content-forbidden", "location-invalid",
                           "location-undefined", "allow-invalid", "retry-after-invalid", "date-invalid",
                           "content-length-invalid", "content-range-invalid", "content-range-undefined",
                           "www-authenticate-invalid", "proxy-authenticate-invalid", "upgrade-invalid",
                           PROBLEM_RULES, "problem-title-differs", NULL};
    for (size_t j = 0; j < COUNT_OF(of499); j++)
        STR_EQ(hs_rule_of(499, j), of499[j], "rules of 499 (nginx)");
    /* 470 is not in the table: no phrase for a problem's title to differ from */
    const char *of470[] = {"status-unregistered", "date-missing", "content-forbidden", "location-invalid",
                           "location-undefined", "allow-invalid", "retry-after-invalid", "date-invalid",
                           "content-length-invalid", "content-range-invalid", "content-range-undefined",
                           "www-authenticate-invalid", "proxy-authenticate-invalid", "upgrade-invalid",
                           PROBLEM_RULES, NULL};
    for (size_t j = 0; j < COUNT_OF(of470); j++)
        STR_EQ(hs_rule_of(470, j), of470[j], "rules of 470 (not in the table)");
    const char *of206[] = {"content-range-missing", "date-missing", "content-length-forbidden", /* 2xx to CONNECT */
                           "transfer-encoding-forbidden", "content-forbidden", "partial-unrequested",
                           "location-invalid", "location-undefined", "allow-invalid", "retry-after-invalid",
                           "date-invalid", "content-length-invalid", "content-range-invalid",
                           "content-range-unsatisfied-in-206", "www-authenticate-invalid",
                           "proxy-authenticate-invalid", "upgrade-invalid", PROBLEM_RULES, "problem-title-differs",
                           NULL};
    for (size_t j = 0; j < COUNT_OF(of206); j++)
        STR_EQ(hs_rule_of(206, j), of206[j], "rules of 206");
#undef PROBLEM_RULES
    STR_EQ(hs_rule_of(600, 0), "status-invalid", "600: outside 100..599");
    STR_EQ(hs_rule_of(600, 1), NULL, "600: nothing else");
    STR_EQ(hs_rule_of(INT_MIN, 0), "status-invalid", "INT_MIN");
    for (int code = 100; code <= 599; code++) {
        OK(!hs_rule_applies(0, code), "status-invalid never applies to %d", code);
        OK(hs_rule_applies(15, code), "content-forbidden (HEAD) applies to %d", code);
        OK(hs_rule_applies(12, code) == (code >= 200 && code <= 499), "date-missing and %d", code);
        OK(hs_rule_applies(1, code) == !hs_is_official(code), "status-unregistered and %d", code);
    }
    OK(!hs_rule_applies(hs_rule_count(), 404), "no rule past the end");
}

static void test_each_rule(void)
{
    const hs_check_options none = {0};
    hs_check_options o;

    /* the code itself */
    EXPECT(600, NONE, NULL, "status-invalid");
    EXPECT(99, FIELDS(D), NULL, "status-invalid");
    EXPECT(INT_MAX, NONE, &none, "status-invalid");
    o = method("HEAD");
    o.content = HS_CONTENT_PRESENT;
    o.ignore = 1; /* status-invalid ignored: nothing else fires either */
    EXPECT(-1, NONE, &o, "");
    EXPECT(499, FIELDS(D), NULL, "status-unregistered");
    EXPECT(299, FIELDS(D), NULL, "status-unregistered"); /* unknown: unregistered, dated */
    EXPECT(299, NONE, NULL, "status-unregistered date-missing");
    EXPECT(200, FIELDS(D), NULL, "");
    EXPECT(305, FIELDS(D, "Location: /p"), NULL, "status-obsolete");
    EXPECT(306, FIELDS(D), NULL, "status-obsolete");

    /* fields a response must or should carry */
    EXPECT(101, NONE, NULL, "upgrade-missing");
    EXPECT(101, FIELDS("Upgrade: websocket"), NULL, "");
    EXPECT(426, FIELDS(D), NULL, "upgrade-missing");
    EXPECT(426, FIELDS(D, "UPGRADE: h2c"), NULL, "");
    EXPECT(401, FIELDS(D), NULL, "www-authenticate-missing");
    EXPECT(401, FIELDS(D, "www-authenticate: Basic realm=\"r\""), NULL, "");
    EXPECT(407, FIELDS(D), NULL, "proxy-authenticate-missing");
    EXPECT(407, FIELDS(D, "Proxy-Authenticate: Basic"), NULL, "");
    EXPECT(405, FIELDS(D), NULL, "allow-missing");
    EXPECT(405, FIELDS(D, "Allow:"), NULL, ""); /* present though empty: allowed nothing */
    EXPECT(206, FIELDS(D), NULL, "content-range-missing");
    EXPECT(206, FIELDS(D, "Content-Range: bytes 0-9/100"), NULL, "");
    EXPECT(206, FIELDS(D, "Content-Type: Multipart/ByteRanges; boundary=THIS"), NULL, "");
    EXPECT(206, FIELDS(D, "Content-Type:  multipart/byteranges"), NULL, "");
    EXPECT(206, FIELDS(D, "Content-Type: multipart/byteranges2"), NULL, "content-range-missing");
    EXPECT(206, FIELDS(D, "Content-Type: text/plain"), NULL, "content-range-missing");
    EXPECT(416, FIELDS(D), NULL, "content-range-suggested");
    EXPECT(416, FIELDS(D, "Content-Range: bytes */100"), NULL, "");
    static const int redirects[] = {301, 302, 303, 307, 308};
    for (size_t i = 0; i < COUNT_OF(redirects); i++) {
        EXPECT(redirects[i], FIELDS(D), NULL, "location-missing");
        EXPECT(redirects[i], FIELDS(D, "Location: /there"), NULL, "");
    }
    EXPECT(201, FIELDS(D), NULL, "location-suggested");
    EXPECT(300, FIELDS(D), NULL, "location-suggested");
    EXPECT(201, FIELDS(D, "location: /new"), NULL, "");
    EXPECT(413, FIELDS(D), NULL, "retry-after-suggested");
    EXPECT(429, FIELDS(D), NULL, "retry-after-suggested");
    EXPECT(503, NONE, NULL, "retry-after-suggested"); /* 5xx: Date not required */
    EXPECT(503, FIELDS("Retry-After: 120"), NULL, "");
    EXPECT(404, NONE, NULL, "date-missing");
    EXPECT(302, FIELDS("Location: /"), NULL, "date-missing");
    EXPECT(100, NONE, NULL, "");  /* 1xx: Date is optional */
    EXPECT(500, NONE, NULL, "");  /* 5xx: Date is optional */
    EXPECT(404, FIELDS("DATE: Tue, 01 Dec 2026 10:00:00 GMT"), NULL, "");

    /* what a response must not carry */
    EXPECT(204, FIELDS(D, "Content-Length: 0"), NULL, "content-length-forbidden");
    EXPECT(103, FIELDS("content-length: 0"), NULL, "content-length-forbidden");
    EXPECT(200, FIELDS(D, "Content-Length: 0"), NULL, "");
    o = method("CONNECT");
    EXPECT(200, FIELDS(D, "Content-Length: 0"), &o, "content-length-forbidden");
    EXPECT(200, FIELDS(D), &o, "");
    EXPECT(404, FIELDS(D, "Content-Length: 0"), &o, ""); /* only a 2xx to CONNECT */
    o = method("connect"); /* methods are case-sensitive: not CONNECT */
    EXPECT(200, FIELDS(D, "Content-Length: 0"), &o, "");
    EXPECT(204, FIELDS(D, "Transfer-Encoding: chunked"), NULL, "transfer-encoding-forbidden");
    EXPECT(101, FIELDS("Upgrade: x", "Transfer-Encoding: chunked", "Content-Length: 1"), NULL,
           "content-length-forbidden transfer-encoding-forbidden");
    o = method("CONNECT");
    EXPECT(200, FIELDS(D, "Transfer-Encoding: chunked"), &o, "transfer-encoding-forbidden");
    EXPECT(200, FIELDS(D, "Transfer-Encoding: chunked"), NULL, "");

    hs_check_options with = {0}, without = {0};
    with.content = HS_CONTENT_PRESENT;
    without.content = HS_CONTENT_NONE;
    static const int empty[] = {100, 103, 204, 205, 304};
    for (size_t i = 0; i < COUNT_OF(empty); i++) {
        int code = empty[i];
        const char *also = code == 304 ? "date-missing content-forbidden" : code >= 200 ? "date-missing content-forbidden" : "content-forbidden";
        EXPECT(code, NONE, &with, also);
        EXPECT(code, FIELDS(D), &with, "content-forbidden");
        EXPECT(code, FIELDS(D), &without, "");
        EXPECT(code, FIELDS(D), NULL, ""); /* content unknown: silent */
    }
    EXPECT(200, FIELDS(D), &with, "");
    o = method("HEAD");
    o.content = HS_CONTENT_PRESENT;
    EXPECT(200, FIELDS(D, "Content-Length: 1234"), &o, "content-forbidden");
    EXPECT(500, NONE, &o, "content-forbidden");
    o.content = HS_CONTENT_NONE; /* a HEAD response may announce the GET's Content-Length */
    EXPECT(200, FIELDS(D, "Content-Length: 1234"), &o, "");

    EXPECT(304, FIELDS(D, "Content-Type: text/html"), NULL, "metadata-in-304");
    EXPECT(304, FIELDS(D, "Content-Encoding: gzip"), NULL, "metadata-in-304");
    EXPECT(304, FIELDS(D, "content-language: ko"), NULL, "metadata-in-304");
    EXPECT(304, FIELDS(D, "ETag: \"1\"", "Cache-Control: max-age=60", "Content-Length: 5"), NULL, "");
}

static void test_request_rules(void)
{
    hs_check_options o = {0};

    o.version = HS_HTTP_1_0;
    EXPECT(100, NONE, &o, "informational-to-http10");
    EXPECT(103, NONE, &o, "informational-to-http10");
    EXPECT(200, FIELDS(D), &o, "");
    o.version = HS_HTTP_1_1;
    EXPECT(100, NONE, &o, "");
    o.version = HS_HTTP_2;
    EXPECT(101, FIELDS("Upgrade: h2c"), &o, "switching-over-http2");
    o.version = HS_HTTP_3;
    EXPECT(101, FIELDS("Upgrade: h2c"), &o, "switching-over-http2");
    EXPECT(103, NONE, &o, "");
    o.version = HS_HTTP_1_1;
    EXPECT(101, FIELDS("Upgrade: h2c"), &o, "");

    o = requested(NONE);
    EXPECT(101, FIELDS("Upgrade: websocket"), &o, "upgrade-unrequested");
    o = requested(FIELDS("upgrade: websocket", "Connection: upgrade"));
    EXPECT(101, FIELDS("Upgrade: websocket"), &o, "");
    EXPECT(101, FIELDS("Upgrade: websocket"), NULL, ""); /* request unknown */

    o = requested(FIELDS("Content-Length: 5"));
    EXPECT(100, NONE, &o, "continue-unexpected");
    o = requested(FIELDS("Expect: 100-Continue"));
    EXPECT(100, NONE, &o, "");
    o = requested(FIELDS("Expect: foo, 100-continue"));
    EXPECT(100, NONE, &o, "");
    o = requested(FIELDS("Expect: 100-continued"));
    EXPECT(100, NONE, &o, "continue-unexpected");

    static const char *const safe[] = {"GET", "HEAD", "OPTIONS", "TRACE"};
    for (size_t i = 0; i < COUNT_OF(safe); i++) {
        o = method(safe[i]);
        EXPECT(201, FIELDS(D, "Location: /n"), &o, "created-by-safe-method");
    }
    o = method("POST");
    EXPECT(201, FIELDS(D, "Location: /n"), &o, "");
    o = method("get");
    EXPECT(201, FIELDS(D, "Location: /n"), &o, "");

    o = requested(FIELDS("Accept: */*"));
    EXPECT(206, FIELDS(D, "Content-Range: bytes 0-1/2"), &o, "partial-unrequested");
    EXPECT(416, FIELDS(D, "Content-Range: bytes */2"), &o, "range-unrequested");
    o = requested(FIELDS("Range: bytes=0-1"));
    EXPECT(206, FIELDS(D, "Content-Range: bytes 0-1/2"), &o, "");
    EXPECT(416, FIELDS(D, "Content-Range: bytes */2"), &o, "");

    o = method("POST");
    EXPECT(304, FIELDS(D), &o, "not-modified-unconditional");
    o = method("GET");
    EXPECT(304, FIELDS(D), &o, ""); /* method alone: a GET may be conditional */
    o = requested(NONE);
    EXPECT(304, FIELDS(D), &o, "not-modified-unconditional");
    o = requested(FIELDS("If-None-Match: \"1\""));
    EXPECT(304, FIELDS(D), &o, "");
    o = requested(FIELDS("if-modified-since: Tue, 01 Dec 2026 10:00:00 GMT"));
    o.method = "HEAD";
    o.method_len = 4;
    EXPECT(304, FIELDS(D), &o, "");
    o = requested(FIELDS("If-Match: \"1\"")); /* not a condition a 304 answers */
    EXPECT(304, FIELDS(D), &o, "not-modified-unconditional");

    o = requested(FIELDS("Accept: */*"));
    EXPECT(412, FIELDS(D), &o, "precondition-unrequested");
    static const char *const conditions[] = {"If-Match: *", "If-None-Match: *", "If-Modified-Since: x",
                                             "If-Unmodified-Since: x", "If-Range: x"};
    for (size_t i = 0; i < COUNT_OF(conditions); i++) {
        o = requested(FIELDS(conditions[i]));
        EXPECT(412, FIELDS(D), &o, "");
    }

    o = requested(NONE);
    EXPECT(417, FIELDS(D), &o, "expectation-unrequested");
    o = requested(FIELDS("Expect: something"));
    EXPECT(417, FIELDS(D), &o, "");

    o = method("DELETE");
    EXPECT(405, FIELDS(D, "Allow: GET, DELETE"), &o, "method-in-allow");
    EXPECT(405, FIELDS(D, "Allow: GET", "Allow: HEAD,DELETE"), &o, "method-in-allow");
    EXPECT(405, FIELDS(D, "Allow: GET, HEAD"), &o, "");
    EXPECT(405, FIELDS(D, "Allow: GET, delete, DELETEX"), &o, "");
    EXPECT(405, FIELDS(D, "Allow: , ,DELETE ,"), &o, "method-in-allow allow-invalid"); /* empty members */
    EXPECT(405, FIELDS(D), &o, "allow-missing");

    o = requested(FIELDS("User-Agent: t"));
    EXPECT(406, FIELDS(D), &o, "negotiation-unrequested");
    static const char *const accepts[] = {"Accept: a/b", "Accept-Charset: utf-8", "Accept-Encoding: gzip",
                                          "ACCEPT-LANGUAGE: ko"};
    for (size_t i = 0; i < COUNT_OF(accepts); i++) {
        o = requested(FIELDS(accepts[i]));
        EXPECT(406, FIELDS(D), &o, "");
    }
    /* Request rules stay silent without the request. */
    EXPECT(406, FIELDS(D), NULL, "");
    EXPECT(412, FIELDS(D), NULL, "");
    EXPECT(417, FIELDS(D), NULL, "");
    EXPECT(206, FIELDS(D, "Content-Range: bytes 0-1/2"), NULL, "");
    EXPECT(100, NONE, NULL, "");
}

static void test_options_and_fields(void)
{
    hs_check_options o = {0};
    hs_finding out[4];

    /* ignore: a bit per rule */
    o.ignore = 1ULL << hs_rule_find("date-missing", 12);
    EXPECT(404, NONE, &o, "");
    EXPECT(405, NONE, &o, "allow-missing");
    o.ignore = ~0ULL;
    EXPECT(405, NONE, &o, "");

    /* metadata-in-304 names the field it found, first in its own order */
    hs_header ce[] = {{"Content-Language", 16, "ko", 2}, {"Content-Encoding", 16, "gzip", 4}};
    SIZE_EQ(hs_check(304, ce, 2, NULL, out, 4), 2, "304 with two metadata fields: date and one metadata finding");
    STR_EQ(out[1].field, "Content-Encoding", "the first of its fields that is present");
    hs_header te[] = {{"Date", 4, DATE_VALUE, sizeof DATE_VALUE - 1}};
    SIZE_EQ(hs_check(405, te, 1, NULL, out, 4), 1, "405");
    STR_EQ(out[0].field, "Allow", "allow-missing names Allow");
    SIZE_EQ(hs_check(600, NULL, 0, NULL, out, 4), 1, "600");
    STR_EQ(out[0].field, NULL, "status-invalid names no field");

    /* fields with no value pointer, NUL bytes, long names: no crash, only names matter */
    hs_header odd[] = {{"Date", 4, NULL, 0}, {"Allow\0x", 7, "GET", 3}, {NULL, 5, NULL, 0}, {"", 0, "", 0}};
    SIZE_EQ(hs_check(405, odd, 4, NULL, out, 4), 1, "a NUL in a name matches no field");
    o = (hs_check_options){0};
    o.method = NULL;
    o.method_len = 99; /* ignored without a method */
    SIZE_EQ(hs_check(405, odd, 1, &o, out, 4), 1, "method_len alone means nothing");
    SIZE_EQ(hs_check(404, NULL, 5, NULL, out, 4), 1, "NULL fields with a count: none read");

    /* content learnt after the fields, as a parser learns it */
    hs_checker c;
    hs_header dated = {"Date", 4, DATE_VALUE, sizeof DATE_VALUE - 1};
    hs_checker_begin(&c, 204, NULL);
    hs_checker_response(&c, dated.name, dated.name_len, dated.value, dated.value_len);
    SIZE_EQ(hs_checker_end(&c, out, 4), 0, "204, content unknown");
    hs_checker_content(&c, HS_CONTENT_PRESENT);
    SIZE_EQ(hs_checker_end(&c, out, 4), 1, "204, content present");
    STR_EQ(hs_rule_at(out[0].rule)->id, "content-forbidden", "content set after the fields");
    hs_checker_content(&c, HS_CONTENT_NONE);
    SIZE_EQ(hs_checker_end(&c, out, 4), 0, "204, no content");

    /* versions */
    OK(hs_http_version_of("1.0", 3) == HS_HTTP_1_0 && hs_http_version_of("1.1", 3) == HS_HTTP_1_1 &&
           hs_http_version_of("2", 1) == HS_HTTP_2 && hs_http_version_of("3", 1) == HS_HTTP_3,
       "the four versions");
    OK(hs_http_version_of("2.0", 3) == HS_VERSION_UNSET && hs_http_version_of("1.0", 2) == HS_VERSION_UNSET &&
           hs_http_version_of(NULL, 0) == HS_VERSION_UNSET && hs_http_version_of("HTTP/1.1", 8) == HS_VERSION_UNSET,
       "anything else is unset");
}

/* level: the least level reported (info, the default, reports all). */
static void test_level(void)
{
    hs_check_options o = HS_CHECK_OPTIONS_INIT;
    hs_level l = HS_MUST;

    /* 503 without Retry-After is info; 301 without Location should; 405 without Allow must */
    EXPECT(503, FIELDS(D), &o, "retry-after-suggested");
    o.level = HS_SHOULD;
    EXPECT(503, FIELDS(D), &o, "");
    EXPECT(301, FIELDS(D), &o, "location-missing");
    EXPECT(306, NONE, &o, "status-obsolete date-missing");
    o.level = HS_MUST;
    EXPECT(301, FIELDS(D), &o, "");
    EXPECT(306, NONE, &o, "date-missing");
    EXPECT(405, NONE, &o, "allow-missing date-missing");
    EXPECT(999, NONE, &o, "status-invalid");
    o.level = HS_INFO;
    EXPECT(599, NONE, &o, "status-unregistered");
    OK(HS_INFO < HS_SHOULD && HS_SHOULD < HS_MUST, "levels ascend in severity");

    OK(hs_level_of("info", 4, &l) && l == HS_INFO, "info");
    OK(hs_level_of("should", 6, &l) && l == HS_SHOULD, "should");
    OK(hs_level_of("must", 4, &l) && l == HS_MUST, "must");
    l = HS_SHOULD;
    OK(!hs_level_of("MUST", 4, &l) && !hs_level_of("must ", 5, &l) && !hs_level_of("mus", 3, &l) &&
           !hs_level_of("must\0", 5, &l) && !hs_level_of("", 0, &l) && !hs_level_of(NULL, 4, &l) &&
           !hs_level_of("warning", 7, &l),
       "anything else is no level");
    OK(l == HS_SHOULD, "a refused level leaves *out alone");
}

/* Methods are tokens; options that are not valid are refused whole. */
static void test_invalid_options(void)
{
    static const struct {
        const char *s;
        size_t len;
        bool ok;
    } methods[] = {
        {"GET", 3, true},      {"get", 3, true},        {"M-SEARCH", 8, true}, {"X!#$%&'*+-.^_`|~9", 17, true},
        {"", 0, false},        {"GET ", 4, false},      {" GET", 4, false},    {"G\0ET", 4, false},
        {"GET\r\n", 5, false}, {"G(ET", 4, false},      {"G/ET", 4, false},    {"\xc3\x89T", 3, false},
        {"G\"T", 3, false},    {"G,T", 3, false},       {"G:T", 3, false},     {"\x7f", 1, false},
    };
    for (size_t i = 0; i < COUNT_OF(methods); i++)
        OK(hs_is_method(methods[i].s, methods[i].len) == methods[i].ok, "hs_is_method(method %zu)", i);
    OK(!hs_is_method(NULL, 3), "NULL is no method");

    hs_finding out[4];
    hs_header date = {"Date", 4, DATE_VALUE, sizeof DATE_VALUE - 1};
    for (size_t i = 0; i < COUNT_OF(methods); i++) {
        hs_check_options o = HS_CHECK_OPTIONS_INIT;
        hs_checker c;
        o.method = methods[i].s;
        o.method_len = methods[i].len;
        size_t want = methods[i].ok ? 1 : HS_CHECK_INVALID; /* allow-missing */
        OK(hs_check(405, &date, 1, &o, out, 4) == want, "hs_check with method %zu", i);
        OK(hs_checker_begin(&c, 405, &o) == methods[i].ok, "hs_checker_begin with method %zu", i);
        hs_checker_response(&c, date.name, date.name_len, date.value, date.value_len);
        OK(hs_checker_end(&c, out, 4) == want, "hs_checker_end with method %zu", i);
    }

    hs_check_options o = HS_CHECK_OPTIONS_INIT;
    o.level = (hs_level)3;
    SIZE_EQ(hs_check(404, NULL, 0, &o, out, 4), HS_CHECK_INVALID, "a level outside the enum");
    o = (hs_check_options)HS_CHECK_OPTIONS_INIT;
    o.version = (hs_http_version)9;
    SIZE_EQ(hs_check(404, NULL, 0, &o, out, 4), HS_CHECK_INVALID, "a version outside the enum");
    o = (hs_check_options)HS_CHECK_OPTIONS_INIT;
    o.content = (hs_content)-1;
    SIZE_EQ(hs_check(404, NULL, 0, &o, out, 4), HS_CHECK_INVALID, "content outside the enum");
    hs_checker c;
    OK(hs_checker_begin(&c, 204, NULL), "no options are valid options");
    hs_checker_content(&c, (hs_content)7);
    SIZE_EQ(hs_checker_end(&c, out, 4), HS_CHECK_INVALID, "content outside the enum, set late");

    /* content_data: the content itself sets content; empty is none */
    o = (hs_check_options)HS_CHECK_OPTIONS_INIT;
    o.content_data = "x";
    o.content_size = 1;
    EXPECT(204, FIELDS(D), &o, "content-forbidden");
    o.content = HS_CONTENT_NONE; /* the data wins */
    EXPECT(204, FIELDS(D), &o, "content-forbidden");
    o.content_size = 0;
    o.content = HS_CONTENT_PRESENT;
    EXPECT(204, FIELDS(D), &o, "");
    o.content_data = NULL;
    o.content_size = 5; /* no data: the size means nothing */
    EXPECT(204, FIELDS(D), &o, "content-forbidden");
}

int main(void)
{
    test_the_list();
    test_rules_of_codes();
    test_each_rule();
    test_request_rules();
    test_options_and_fields();
    test_level();
    test_invalid_options();
    return harness_report("test_rules");
}
