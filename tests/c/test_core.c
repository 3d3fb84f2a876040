/*
 * The C core against the API: the set of codes, every row, every predicate
 * over -5..1000 and the int extremes, and the bad inputs of hs_find.
 * The expected sets below are written from the API specification and the IANA registry,
 * not read from the table, so a wrong row fails here.
 */
#include <limits.h>
#include <stdlib.h>

#include "harness.h"
#include "httpstatus.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The IANA HTTP Status Code Registry: 64 entries. */
static const int iana[] = {100, 101, 102, 103, 104, 200, 201, 202, 203, 204, 205, 206, 207,
                           208, 226, 300, 301, 302, 303, 304, 305, 306, 307, 308, 400, 401,
                           402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414,
                           415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431,
                           451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511};

static const struct {
    int code;
    const char *origin;
} unofficial[] = {{444, "nginx"}, {494, "nginx"}, {495, "nginx"}, {496, "nginx"},
                  {497, "nginx"}, {499, "nginx"}, {509, NULL},   {520, "Cloudflare"},
                  {521, "Cloudflare"}, {522, "Cloudflare"}, {523, "Cloudflare"},
                  {524, "Cloudflare"}, {525, "Cloudflare"}, {526, "Cloudflare"},
                  {527, "Cloudflare"}, {530, "Cloudflare"}, {598, NULL}, {599, NULL},
                  {460, "AWS Elastic Load Balancing"}, {463, "AWS Elastic Load Balancing"},
                  {464, "AWS Elastic Load Balancing"}, {561, "AWS Elastic Load Balancing"}};

static const int redirect[] = {301, 302, 303, 307, 308};
static const int preserves_method[] = {307, 308};
static const int cacheable[] = {200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 451, 501};
static const int empty_beyond_1xx[] = {204, 205, 304};
static const int retryable_official[] = {408, 421, 425, 429, 500, 502, 503, 504};
static const int retryable_required[] = {520, 521, 522, 523, 524, 598, 599};

static int in(int code, const int *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == code)
            return 1;
    return 0;
}
#define IN(code, set) in((code), (set), COUNT_OF(set))

static int is_upper_snake(const char *s)
{
    if (!*s || *s == '_')
        return 0;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

static int has_non_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 1;
    return 0;
}

static const hs_status *find(const char *s)
{
    return hs_find(s, strlen(s));
}

static void test_the_set(void)
{
    for (size_t i = 0; i < COUNT_OF(iana); i++) {
        const hs_status *s = hs_get(iana[i]);
        OK(s != NULL, "IANA code %d missing", iana[i]);
        if (s) {
            OK(s->official, "%d should be official", iana[i]);
            STR_EQ(s->origin, "IANA", "origin of an IANA code");
        }
    }
    for (size_t i = 0; i < COUNT_OF(unofficial); i++) {
        const hs_status *s = hs_get(unofficial[i].code);
        OK(s != NULL, "unofficial code %d missing", unofficial[i].code);
        if (s) {
            OK(!s->official, "%d should be unofficial", s->code);
            if (unofficial[i].origin)
                STR_EQ(s->origin, unofficial[i].origin, "origin");
        }
    }
    size_t official = 0;
    for (size_t i = 0; i < hs_count(); i++)
        official += hs_at(i)->official;
    SIZE_EQ(official, COUNT_OF(iana), "official rows");
    OK(hs_at(hs_count()) == NULL, "hs_at past the end");
    OK(hs_at((size_t)-1) == NULL, "hs_at(SIZE_MAX)");
}

static void test_every_row(void)
{
    int previous = 0;
    for (size_t i = 0; i < hs_count(); i++) {
        const hs_status *s = hs_at(i);
        char what[64];
        snprintf(what, sizeof what, "row %zu (%d)", i, s->code);
        OK(s->code > previous, "%s: rows must ascend", what);
        previous = s->code;
        OK(hs_get(s->code) == s, "%s: hs_get", what);
        OK(is_upper_snake(s->name), "%s: name %s", what, s->name);
        OK(s->phrase[0] && !has_non_ascii(s->phrase), "%s: phrase", what);
        OK(strlen(s->description) > 20 && !has_non_ascii(s->description), "%s: description", what);
        OK(has_non_ascii(s->description_ko), "%s: Korean description", what);
        OK(s->origin[0] && s->reference[0], "%s: origin and reference", what);
        OK(s->official == (strcmp(s->origin, "IANA") == 0), "%s: official iff IANA", what);
        if (s->official)
            OK(strncmp(s->reference, "RFC ", 4) == 0 || strncmp(s->reference, "draft-", 6) == 0,
               "%s: reference %s", what, s->reference);
        OK(find(s->name) == s, "%s: by name", what);
        OK(find(s->phrase) == s, "%s: by phrase", what);
        STR_EQ(hs_phrase(s->code), s->phrase, what);
        STR_EQ(hs_description(s->code, "en"), s->description, what);
        STR_EQ(hs_description(s->code, "ko"), s->description_ko, what);

        /* lower case, with spaces for underscores */
        char loose[80];
        size_t n = strlen(s->name);
        OK(n < sizeof loose, "%s: name length", what);
        for (size_t k = 0; k <= n && k < sizeof loose; k++)
            loose[k] = s->name[k] == '_' ? ' ' : (char)(s->name[k] | (s->name[k] >= 'A' ? 0x20 : 0));
        OK(find(loose) == s, "%s: by \"%s\"", what, loose);

        const char *alias;
        for (size_t a = 0; (alias = hs_alias(s->code, a)) != NULL; a++) {
            OK(is_upper_snake(alias) && strcmp(alias, s->name) != 0, "%s: alias %s", what, alias);
            OK(find(alias) == s, "%s: by alias %s", what, alias);
        }
    }
}

static void test_predicates(void)
{
    static const int extremes[] = {INT_MIN, INT_MIN + 1, -1000000, INT_MAX - 1, INT_MAX};
    for (int k = -5 - (int)COUNT_OF(extremes); k <= 1000; k++) {
        int c = k < -5 ? extremes[-6 - k] : k;
        int valid = c >= 100 && c <= 599;
        const hs_status *s = hs_get(c);
        char what[48];
        snprintf(what, sizeof what, "code %d", c);

        INT_EQ(hs_is_valid(c), valid, what);
        INT_EQ(hs_is_known(c), s != NULL, what);
        OK(!s || valid, "%s: known but invalid", what);
        INT_EQ(hs_is_official(c), IN(c, iana), what);
        INT_EQ(hs_is_informational(c), valid && c / 100 == 1, what);
        INT_EQ(hs_is_success(c), valid && c / 100 == 2, what);
        INT_EQ(hs_is_redirection(c), valid && c / 100 == 3, what);
        INT_EQ(hs_is_client_error(c), valid && c / 100 == 4, what);
        INT_EQ(hs_is_server_error(c), valid && c / 100 == 5, what);
        INT_EQ(hs_is_error(c), valid && c >= 400, what);
        INT_EQ(hs_is_redirect(c), IN(c, redirect), what);
        INT_EQ(hs_preserves_method(c), IN(c, preserves_method), what);
        INT_EQ(hs_is_cacheable(c), IN(c, cacheable), what);
        INT_EQ(hs_is_empty(c), (valid && c < 200) || IN(c, empty_beyond_1xx), what);
        if (IN(c, retryable_official) || IN(c, retryable_required))
            OK(hs_is_retryable(c), "%s should be retryable", what);
        if (hs_is_retryable(c))
            OK(IN(c, retryable_official) || (s && !s->official), "%s: retryable but not listed", what);

        static const char *const categories[] = {"informational", "success", "redirection",
                                                 "client_error", "server_error"};
        STR_EQ(hs_category(c), valid ? categories[c / 100 - 1] : NULL, what);
        if (!s) {
            STR_EQ(hs_phrase(c), NULL, what);
            STR_EQ(hs_description(c, "en"), NULL, what);
            OK(hs_alias(c, 0) == NULL, "%s: alias of an unknown code", what);
        }
    }
}

static void test_names(void)
{
    static const struct {
        const char *text;
        int code;
    } cases[] = {
        /* the API's own examples and CPython 3.11's older names */
        {"not found", 404}, {"Not-Found", 404}, {"NOT_FOUND", 404}, {"im a teapot", 418},
        {"I'm a teapot", 418}, {"IM_A_TEAPOT", 418}, {"404", 404}, {"0404", 0}, {"40", 0}, {"4", 0}, {"040", 0},
        {"REQUEST_ENTITY_TOO_LARGE", 413}, {"REQUEST_URI_TOO_LONG", 414},
        {"REQUESTED_RANGE_NOT_SATISFIABLE", 416}, {"UNPROCESSABLE_ENTITY", 422},
        {"CONTENT_TOO_LARGE", 413}, {"uri too long", 414}, {"Range Not Satisfiable", 416},
        {"Unprocessable Content", 422}, {"non-authoritative information", 203},
        {"multi status", 207}, {"http version not supported", 505}, {"ok", 200},
        {"MOVED_TEMPORARILY", 302}, {"client closed request", 499},
        {"Gateway Time-out", 504}, {"GATEWAY_TIME_OUT", 504}, {"Request Time-out", 408},
        {"REQUEST_TIME_OUT", 408}, {"Request-URI Too Large", 414}, {"REQUEST_URI_TOO_LARGE", 414},
        {"Service Temporarily Unavailable", 503}, {"NOT_ALLOWED", 405}, {"Switch Proxy", 306},
        {"client closed connection", 460}, {"identity provider error", 561},
        /* ASCII white space around a query is ignored, as int(" 404 ") ignores it */
        {" not found", 404}, {"not found\n", 404}, {"Not Found ", 404}, {" 404\n", 404}, {"\t404\r\n", 404},
        {"\v\fIM_A_TEAPOT  ", 418},
        /* misses */
        {"", 0}, {"0404", 0}, {"not  found", 0}, {"4 04", 0}, {" 4 04 ", 0}, {" ", 0}, {" \n\t", 0},
        {"\xc2\xa0" "404", 0}, {"404\x85" "", 0}, {"notfound", 0}, {"+404", 0},
        {"-404", 0}, {"0x194", 0}, {"1e2", 0}, {"404.0", 0}, {"299", 0}, {"600", 0},
        {"99", 0}, {"0", 0}, {"99999999999999999999404", 0}, {"\xef\xbc\x94\xef\xbc\x90\xef\xbc\x94", 0},
        {"NOT_FOUND\xed\xa0\x80", 0}, {"n\xc3\xb6t found", 0}, {" 0404 ", 0}, {"not found\n.", 0},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        const hs_status *s = find(cases[i].text);
        OK(cases[i].code ? (s && s->code == cases[i].code) : s == NULL, "hs_find(\"%s\") -> %d",
           cases[i].text, s ? s->code : 0);
    }

    /* Not NUL-terminated: only len bytes count; a NUL inside never matches. */
    OK(hs_find("NOT_FOUNDXYZ", 9) == hs_get(404), "prefix of a longer buffer");
    OK(hs_find("NOT_FOUND\0x", 11) == NULL, "NUL inside");
    OK(hs_find("NOT_FOUND\0", 10) == NULL, "trailing NUL");
    OK(hs_find("404\0", 4) == NULL, "digits then NUL");
    OK(hs_find(NULL, 0) == NULL && hs_find(NULL, 5) == NULL, "NULL pointer");

    /* A megabyte is answered (and quickly: it is refused by its length). */
    size_t big = 1u << 20;
    char *mb = malloc(big);
    OK(mb != NULL, "malloc");
    if (mb) {
        memset(mb, 'A', big);
        OK(hs_find(mb, big) == NULL, "1 MB of letters");
        memset(mb, '0', big);
        memcpy(mb + big - 3, "404", 3);
        OK(hs_find(mb, big) == NULL, "1 MB of leading zeros then 404 (a code is three digits)");
        memset(mb, '9', big);
        OK(hs_find(mb, big) == NULL, "1 MB of nines");
        free(mb);
    }
}

static void test_search(void)
{
    size_t n = hs_count();
    size_t i = hs_search("teapot", 6, 0);
    OK(i < n && hs_at(i)->code == 418, "search teapot");
    OK(hs_search("teapot", 6, i + 1) == n, "teapot matches once");

    int saw_408 = 0, saw_504 = 0, matches = 0;
    for (i = hs_search("timeout", 7, 0); i < n; i = hs_search("timeout", 7, i + 1)) {
        matches++;
        saw_408 |= hs_at(i)->code == 408;
        saw_504 |= hs_at(i)->code == 504;
    }
    OK(saw_408 && saw_504 && matches >= 2, "search timeout");
    OK(hs_search("ENTITY", 6, 0) < n && hs_at(hs_search("ENTITY", 6, 0))->code == 413,
       "search reaches aliases");
    SIZE_EQ(hs_search("", 0, 0), n, "empty query");
    SIZE_EQ(hs_search(" \n", 2, 0), n, "a query of white space only");
    OK(hs_search(" teapot\n", 8, 0) == hs_search("teapot", 6, 0), "white space around a query is ignored");
    SIZE_EQ(hs_search(NULL, 3, 0), n, "NULL query");
    SIZE_EQ(hs_search("zzzz", 4, 0), n, "no match");
    SIZE_EQ(hs_search("found", 5, n + 10), n, "start past the end");
    SIZE_EQ(hs_search("found\0", 6, 0), n, "NUL in query");
}

static void test_languages(void)
{
    OK(hs_is_language("en") && hs_is_language("ko"), "en and ko");
    OK(!hs_is_language(NULL) && !hs_is_language("") && !hs_is_language("EN") &&
           !hs_is_language("fr") && !hs_is_language("eng"),
       "other languages");
    STR_EQ(hs_description(404, "fr"), NULL, "bad lang");
    STR_EQ(hs_description(404, NULL), NULL, "NULL lang");
    STR_EQ(hs_description(404, "english"), NULL, "bad lang");
    STR_EQ(hs_phrase(413), "Content Too Large", "RFC 9110 phrase");
    STR_EQ(hs_phrase(422), "Unprocessable Content", "RFC 9110 phrase");
    STR_EQ(hs_get(404)->reference, "RFC 9110, Section 15.5.5", "reference");
    STR_EQ(hs_version(), HS_VERSION_STRING, "version");
}

static void test_issue_12(void)
{
    static const int common[] = {200, 201, 204, 301, 304, 401, 403, 404, 405, 503};
    static const int rare[] = {102, 207, 305, 306, 402, 421, 423, 424, 510};
    for (size_t i = 0; i < hs_count(); i++) {
        const hs_status *s = hs_at(i);
        const char *want = IN(s->code, common) ? "common" : IN(s->code, rare) ? "rare" : "normal";
        STR_EQ(s->usage, want, "usage");
    }
    STR_EQ(hs_get(404)->usage, "common", "404 usage");
    STR_EQ(hs_get(102)->usage, "rare", "102 usage");
    STR_EQ(hs_get(418)->usage, "normal", "418 usage");
    OK(hs_is_retryable(421), "421 retryable");
    OK(!hs_is_retryable(460), "460 is a client abort, not retryable");
    STR_EQ(hs_phrase(418), "I'm a Teapot", "418 keeps its phrase");
    STR_EQ(hs_get(104)->reference,
           "draft-ietf-httpbis-resumable-upload-05 (temporary registration 2024-11-13, extended "
           "2025-09-15, expires 2026-11-13)",
           "104 reference");
    OK(hs_get(104)->official, "104 official");
    OK(strstr(hs_get(104)->description, "2026-11-13") && strstr(hs_get(104)->description, "Upload-Offset"),
       "104 description");
    OK(strstr(hs_get(104)->description_ko, "2026-11-13") != NULL, "104 Korean description");
    static const int aws[] = {460, 463, 464, 561};
    for (size_t i = 0; i < COUNT_OF(aws); i++) {
        const hs_status *s = hs_get(aws[i]);
        OK(s && !s->official, "AWS %d unofficial", aws[i]);
        if (s) {
            STR_EQ(s->origin, "AWS Elastic Load Balancing", "AWS origin");
            STR_EQ(s->reference, "AWS Application Load Balancer troubleshooting documentation", "AWS reference");
        }
    }
    OK(strcmp(hs_get(561)->name, "UNAUTHORIZED") != 0, "561 name");
    OK(strstr(hs_get(529)->origin, "Qualys") && strstr(hs_get(529)->description, "Anthropic"), "529");
    OK(strstr(hs_get(509)->origin, "cPanel") && strstr(hs_get(509)->origin, "never"), "509 origin");
    OK(strstr(hs_get(102)->description, "RFC 4918") != NULL, "102 description");
    OK(strstr(hs_get(306)->description, "individual") != NULL, "306 description");
}

int main(void)
{
    test_the_set();
    test_every_row();
    test_predicates();
    test_names();
    test_search();
    test_languages();
    test_issue_12();
    return harness_report("test_core");
}
