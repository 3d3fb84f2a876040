/*
 * The value rules, from the grammar each field's RFC gives (RFC 9110 and,
 * for Location, RFC 3986), not from core/values.c: for every rule, values
 * valid at the edges of the grammar and values invalid just past them;
 * fields that must appear once given twice, list fields over several lines;
 * the white space around a value; where location-undefined,
 * content-range-undefined and content-range-unsatisfied-in-206 apply; the
 * array form, the field-by-field form and the fields fed in reverse order
 * agreeing; a checker that keeps no pointer into what it was fed; and
 * values that are huge or odd (NUL bytes, a megabyte, non-ASCII).
 */
#include <stdlib.h>

#include "harness.h"
#include "httpstatus.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define DATE "Sun, 06 Nov 1994 08:49:37 GMT" /* RFC 9110's own example */

/* A literal and its length, NUL bytes inside included. */
#define V(s) s, sizeof s - 1

static hs_header field(const char *name, const char *value, size_t len)
{
    return (hs_header){name, strlen(name), value, len};
}

/* The ids of the findings, joined by spaces, into buf. The array form, the
 * checker fed in order and the checker fed in reverse order must agree. */
static const char *findings(int code, const hs_header *h, size_t n, const hs_check_options *opt, char *buf,
                            size_t size, int line)
{
    hs_finding out[64], fed[64], reversed[64];
    size_t found = hs_check(code, h, n, opt, out, COUNT_OF(out));
    hs_checker c;
    hs_checker_begin(&c, code, opt);
    for (size_t i = 0; i < n; i++)
        hs_checker_response(&c, h[i].name, h[i].name_len, h[i].value, h[i].value_len);
    size_t found_fed = hs_checker_end(&c, fed, COUNT_OF(fed));
    hs_checker_begin(&c, code, opt);
    for (size_t i = n; i-- > 0;)
        hs_checker_response(&c, h[i].name, h[i].name_len, h[i].value, h[i].value_len);
    size_t found_reversed = hs_checker_end(&c, reversed, COUNT_OF(reversed));
    OK(found_fed == found && found_reversed == found, "line %d: %zu findings, %zu fed, %zu fed in reverse", line,
       found, found_fed, found_reversed);
    buf[0] = '\0';
    for (size_t i = 0; i < found && i < COUNT_OF(out); i++) {
        OK(fed[i].rule == out[i].rule && reversed[i].rule == out[i].rule, "line %d: finding %zu the same three ways",
           line, i);
        if (buf[0] != '\0')
            strncat(buf, " ", size - strlen(buf) - 1);
        strncat(buf, hs_rule_at(out[i].rule)->id, size - strlen(buf) - 1);
    }
    return buf;
}

static void expect(int code, const hs_header *h, size_t n, const hs_check_options *opt, const char *want, int line)
{
    char buf[1024];
    const char *got = findings(code, h, n, opt, buf, sizeof buf, line);
    OK(strcmp(got, want) == 0, "line %d: %d: got \"%s\", want \"%s\"", line, code, got, want);
}

/* EXPECT(code, "ids", "Name", "value", "Name", "value", ...): string fields. */
#define EXPECT(code, want, ...)                                                                           \
    do {                                                                                                  \
        const char *lines_[] = {__VA_ARGS__};                                                             \
        hs_header h_[COUNT_OF(lines_) / 2];                                                               \
        for (size_t i_ = 0; i_ < COUNT_OF(h_); i_++)                                                      \
            h_[i_] = field(lines_[2 * i_], lines_[2 * i_ + 1], strlen(lines_[2 * i_ + 1]));               \
        expect((code), h_, COUNT_OF(h_), NULL, (want), __LINE__);                                         \
    } while (0)

/* One value of a field, valid or not by the grammar. */
typedef struct {
    const char *value;
    size_t len;
    bool valid;
} sample;

/* Each sample as the only line of its field in a response of this code
 * (with a valid Date besides, unless the field is Date): exactly the rule
 * fires for an invalid sample, nothing for a valid one. */
static void judge(int code, const char *name, const char *rule, const sample *samples, size_t count, int line)
{
    for (size_t i = 0; i < count; i++) {
        hs_header h[2] = {field(name, samples[i].value, samples[i].len), field("Date", V(DATE))};
        size_t n = strlen(name) == 4 && (name[0] | 0x20) == 'd' && (name[1] | 0x20) == 'a' && (name[2] | 0x20) == 't' &&
                           (name[3] | 0x20) == 'e'
                       ? 1
                       : 2;
        char buf[1024];
        const char *got = findings(code, h, n, NULL, buf, sizeof buf, line);
        const char *want = samples[i].valid ? "" : rule;
        OK(strcmp(got, want) == 0, "line %d: %d %s: \"%.*s\" (sample %zu): got \"%s\", want \"%s\"", line, code, name,
           (int)samples[i].len, samples[i].value, i, got, want);
    }
}
#define JUDGE(code, name, rule, samples) judge((code), (name), (rule), (samples), COUNT_OF(samples), __LINE__)

/* ---- Location = URI-reference (RFC 9110, 10.2.2; RFC 3986, 4.1) --------------------- */

static void test_location(void)
{
    static const sample locations[] = {
        /* valid: both forms of RFC 9110's examples, and the edges of RFC 3986 */
        {V("/People.html#tim"), true},
        {V("http://www.example.net/index.html"), true},
        {V(""), true},                   /* relative-ref with path-empty: the target itself */
        {V("?page=2"), true},            /* path-empty, then a query */
        {V("#top"), true},               /* only a fragment */
        {V("../up/"), true},             /* path-noscheme */
        {V("./a:b"), true},              /* a colon after the first segment */
        {V("a"), true},
        {V("/a%20b%2F%7e"), true},       /* pct-encoded, either case of hex */
        {V("/it's(1)*!$&=+,;@:~_-."), true}, /* sub-delims, ":" and "@" in a path */
        {V("/?q=a/b?c#f/g?h"), true},    /* "/" and "?" in query and fragment */
        {V("//example.org/p"), true},    /* network-path reference */
        {V("//"), true},                 /* an empty authority */
        {V("mailto:user@example.org"), true},
        {V("urn:isbn:0451450523"), true},
        {V("a+b-c.d:rest"), true},       /* scheme characters */
        {V("HTTPS://EXAMPLE.ORG/"), true},
        {V("file:///etc/hosts"), true},
        {V("http://user:pa%20ss@host:8080/p"), true},
        {V("http://host:/p"), true},     /* port = *DIGIT: may be empty */
        {V("http://127.0.0.1/"), true},
        {V("http://999.1.1.1/"), true},  /* not an IPv4address, but a reg-name */
        {V("http://[::1]:8080/"), true},
        {V("http://[::]/"), true},
        {V("http://[2001:db8::7]/c=GB?objectClass?one"), true},
        {V("http://[1:2:3:4:5:6:7:8]/"), true},
        {V("http://[1:2:3:4:5:6:7::]/"), true},
        {V("http://[::2:3:4:5:6:7:8]/"), true},
        {V("http://[::ffff:192.0.2.1]/"), true},
        {V("http://[1:2:3:4:5:6:1.2.3.4]/"), true},
        {V("http://[v7.fe80::a+en1]/"), true}, /* IPvFuture */
        {V("http://[V1F.x]/"), true},
        /* invalid just past them */
        {V("/a path"), false},           /* a space */
        {V("/a\tb"), false},
        {V("/a\x01"), false},            /* a control byte */
        {V("/a\x7f"), false},            /* DEL */
        {V("/caf\xc3\xa9"), false},      /* raw UTF-8: must be percent-encoded */
        {V("/a\0b"), false},             /* a NUL */
        {V("/a%2"), false},              /* pct-encoded cut short */
        {V("/a%zz"), false},
        {V("%"), false},
        {V("1a:b"), false},              /* no scheme starts with a digit; a path-noscheme has no ":" */
        {V(":x"), false},
        {V("/a#b#c"), false},            /* one "#" only */
        {V("/<a>"), false},
        {V("/a\"b"), false},
        {V("/a\\b"), false},
        {V("/a|b"), false},
        {V("/a^b"), false},
        {V("/a`b"), false},
        {V("/{a}"), false},
        {V("/a[b]"), false},             /* brackets only around an IP literal */
        {V("http://exa mple.org/"), false},
        {V("http://a@b@c/"), false},
        {V("http://host:80a/"), false},
        {V("http://[::1/"), false},
        {V("http://[::1]x/"), false},
        {V("http://[1:2:3:4:5:6:7:8:9]/"), false},
        {V("http://[1:2:3:4:5:6:7]/"), false}, /* seven groups need a "::" */
        {V("http://[1:2:3:4:5:6:7:8::]/"), false}, /* "::" stands for at least one group */
        {V("http://[::1::2]/"), false},
        {V("http://[:1]/"), false},
        {V("http://[1:]/"), false},
        {V("http://[12345::]/"), false},
        {V("http://[1.2.3.4]/"), false},  /* an IPv4address is not an IPv6address */
        {V("http://[::1.2.3.256]/"), false},
        {V("http://[::01.2.3.4]/"), false}, /* dec-octet has no leading zero */
        {V("http://[1.2.3.4::]/"), false}, /* the IPv4 part comes last */
        {V("http://[v.x]/"), false},      /* IPvFuture needs hex digits */
        {V("http://[v1.]/"), false},
        {V("http://[]/"), false},
    };
    JUDGE(302, "Location", "location-invalid", locations);
    JUDGE(201, "location", "location-invalid", locations);

    /* Must appear once: the same value twice is one Location, two differ. */
    EXPECT(302, "", "Date", DATE, "Location", "/a", "Location", "/a");
    EXPECT(302, "location-invalid", "Date", DATE, "Location", "/a", "LOCATION", "/b");
    EXPECT(302, "location-invalid", "Date", DATE, "Location", "/a", "Location", "/a ", "Location", "/a/");
    EXPECT(302, "", "Date", DATE, "Location", " /a", "Location", "/a\t"); /* white space is not the value */
    /* A comma is data in a URI: one line holding two references is one (odd) URI. */
    EXPECT(302, "", "Date", DATE, "Location", "/a,/b");

    /* location-undefined: only 201 and 3xx define it. */
    EXPECT(200, "location-undefined", "Date", DATE, "Location", "/a");
    EXPECT(404, "location-undefined", "Date", DATE, "Location", "/a");
    EXPECT(100, "location-undefined", "Location", "/a");
    EXPECT(503, "location-undefined", "Location", "/a", "Retry-After", "5");
    EXPECT(201, "", "Date", DATE, "Location", "/a");
    EXPECT(300, "", "Date", DATE, "Location", "/a");
    EXPECT(304, "", "Date", DATE, "Location", "/a");
    EXPECT(399, "status-unregistered", "Date", DATE, "Location", "/a"); /* any 3xx */
    EXPECT(200, "location-invalid location-undefined", "Date", DATE, "Location", "/a b");
    EXPECT(200, "", "Date", DATE, "Content-Location", "/a"); /* another field */
}

/* ---- Allow = #method (RFC 9110, 10.2.1) ----------------------------------------------- */

static void test_allow(void)
{
    static const sample allows[] = {
        {V(""), true},                   /* no methods: the resource allows none */
        {V("GET"), true},
        {V("GET, HEAD, PUT"), true},     /* RFC 9110's example */
        {V("GET,HEAD"), true},
        {V("GET \t,\t HEAD"), true},     /* OWS around the comma */
        {V("M-SEARCH, get, X!#$%&'*+.^_`|~9"), true}, /* any token, any case */
        {V("GET POST"), false},          /* no comma */
        {V("GET,"), false},              /* an empty member */
        {V(",GET"), false},
        {V(","), false},
        {V("GET,,HEAD"), false},
        {V("GET, , HEAD"), false},
        {V("GET;HEAD"), false},
        {V("GET/1.1"), false},
        {V("G(ET"), false},
        {V("\"GET\""), false},
        {V("G\xc3\x89T"), false},        /* non-ASCII */
        {V("GET\0"), false},
    };
    JUDGE(405, "Allow", "allow-invalid", allows);
    JUDGE(200, "Allow", "allow-invalid", allows); /* on any status */

    /* A list over several lines: each line is a list of its own. */
    EXPECT(405, "", "Date", DATE, "Allow", "GET, HEAD", "allow", "POST");
    EXPECT(405, "allow-invalid", "Date", DATE, "Allow", "GET, HEAD", "Allow", "POST PUT");
    EXPECT(405, "", "Date", DATE, "Allow", "", "Allow", " ");
    /* an empty Allow (no method) beside one listing methods: joined, "GET, " has an empty member */
    EXPECT(405, "allow-invalid", "Date", DATE, "Allow", "GET", "Allow", "");
    EXPECT(405, "allow-invalid", "Date", DATE, "Allow", "", "Allow", "GET");
}

/* ---- Retry-After = HTTP-date / delay-seconds (RFC 9110, 10.2.3) ---------------------- */

static void test_retry_after(void)
{
    static const sample retries[] = {
        {V("0"), true},
        {V("120"), true},
        {V("007"), true},
        {V("99999999999999999999999999"), true}, /* 1*DIGIT: no bound */
        {V("Fri, 31 Dec 1999 23:59:59 GMT"), true}, /* RFC 9110's example */
        {V("Sat, 05 Dec 2026 10:00:00 GMT"), true},
        {V("5s"), false},
        {V("-1"), false},
        {V("+5"), false},
        {V("1.5"), false},
        {V("1 2"), false},
        {V("0x10"), false},
        {V(""), false},
        {V("120, 120"), false},
        {V("Sat, 5 Dec 2026 10:00:00 +0000"), false},
        {V("Sat, 05 Dec 2026 10:00:00 +0000"), false},
        {V("Saturday, 05-Dec-26 10:00:00 GMT"), false}, /* obsolete RFC 850 form: not to be sent */
        {V("Sat Dec  5 10:00:00 2026"), false},          /* obsolete asctime form */
        {V("Fri, 05 Dec 2026 10:00:00 GMT"), false},     /* 5 December 2026 is a Saturday */
        {V("\xd9\xa1\xd9\xa2"), false},                  /* Arabic-Indic digits */
    };
    JUDGE(503, "Retry-After", "retry-after-invalid", retries);
    JUDGE(304, "Retry-After", "retry-after-invalid", retries);

    EXPECT(503, "", "Retry-After", "120", "Retry-After", "120");
    EXPECT(503, "", "Retry-After", "120", "Retry-After", "0120"); /* the same number of seconds */
    EXPECT(503, "retry-after-invalid", "Retry-After", "120", "Retry-After", "60");
    EXPECT(503, "retry-after-invalid", "Retry-After", "120", "Retry-After", "Sat, 05 Dec 2026 10:00:00 GMT");
    EXPECT(503, "", "Retry-After", "Sat, 05 Dec 2026 10:00:00 GMT", "Retry-After", "Sat, 05 Dec 2026 10:00:00 GMT");
    EXPECT(503, "retry-after-invalid", "Retry-After", "Sat, 05 Dec 2026 10:00:00 GMT", "Retry-After",
           "Sat, 05 Dec 2026 10:00:01 GMT");
    EXPECT(429, "retry-after-invalid", "Date", DATE, "Retry-After", "120", "Retry-After", DATE);
}

/* ---- Date = IMF-fixdate, as a sender must write it (RFC 9110, 5.6.7 and 6.6.1) -------- */

static void test_date(void)
{
    static const sample dates[] = {
        {V(DATE), true},
        {V("Tue, 15 Nov 1994 08:12:31 GMT"), true},     /* RFC 9110's Date example */
        {V("Thu, 29 Feb 2024 00:00:00 GMT"), true},     /* a leap day */
        {V("Tue, 29 Feb 2000 12:00:00 GMT"), true},     /* 2000 is a leap year */
        {V("Wed, 31 Dec 2025 23:59:60 GMT"), true},     /* a leap second */
        {V("Mon, 01 Jan 1900 00:00:00 GMT"), true},     /* the first year RFC 5322 allows */
        {V("Fri, 31 Dec 9999 23:59:59 GMT"), true},     /* the last a 4DIGIT year reaches */
        {V("Sat, 28 Feb 2026 23:59:59 GMT"), true},
        {V("Sat, 05 Dec 2026 06:00:00 UTC"), false},    /* GMT, literally */
        {V("Sat, 05 Dec 2026 06:00:00 gmt"), false},
        {V("Sat, 5 Dec 2026 06:00:00 GMT"), false},     /* day = 2DIGIT */
        {V("sat, 05 Dec 2026 06:00:00 GMT"), false},    /* names are case-sensitive */
        {V("Sat, 05 DEC 2026 06:00:00 GMT"), false},
        {V("Sat, 05 dec 2026 06:00:00 GMT"), false},
        {V("Fri, 05 Dec 2026 06:00:00 GMT"), false},    /* the wrong weekday (RFC 5322, 3.3) */
        {V("Sat, 05 Dec 2026 6:00:00 GMT"), false},
        {V("Sat, 05 Dec 2026 24:00:00 GMT"), false},
        {V("Sat, 05 Dec 2026 23:60:00 GMT"), false},
        {V("Sat, 05 Dec 2026 12:00:60 GMT"), false},    /* a leap second only at 23:59:60 */
        {V("Sat, 05 Dec 2026 23:59:61 GMT"), false},
        {V("Thu, 31 Apr 2026 12:00:00 GMT"), false},    /* April has 30 days */
        {V("Sun, 29 Feb 2025 12:00:00 GMT"), false},    /* 2025 is not a leap year */
        {V("Thu, 29 Feb 1900 12:00:00 GMT"), false},    /* nor is 1900 */
        {V("Sat, 00 Dec 2026 06:00:00 GMT"), false},
        {V("Sat, 32 Dec 2026 06:00:00 GMT"), false},
        {V("Sun, 31 Dec 1899 23:59:59 GMT"), false},    /* before 1900 */
        {V("Sat, 05 Dec 26 06:00:00 GMT"), false},
        {V("Sat,  05 Dec 2026 06:00:00 GMT"), false},   /* no white space beyond the grammar's */
        {V("Sat, 05 Dec 2026 06:00:00 GMT GMT"), false},
        {V("Sat,05 Dec 2026 06:00:00 GMT"), false},
        {V("Sunday, 06-Nov-94 08:49:37 GMT"), false},   /* obsolete forms */
        {V("Sun Nov  6 08:49:37 1994"), false},
        {V("2026-12-05T06:00:00Z"), false},
        {V("1733378400"), false},
        {V("x"), false},
        {V(""), false},
        {V("Sat, 05 Dec 2026 06:00\0:00 GMT"), false},
        {V(DATE ", " DATE), false},                       /* two dates joined in one line */
    };
    JUDGE(200, "Date", "date-invalid", dates);
    JUDGE(500, "DATE", "date-invalid", dates);

    EXPECT(200, "", "Date", DATE, "Date", DATE);
    EXPECT(200, "", "Date", DATE, "Date", "  " DATE "\t");
    EXPECT(200, "date-invalid", "Date", DATE, "Date", "Tue, 15 Nov 1994 08:12:31 GMT");
    /* one second apart, in every field of the date */
    EXPECT(200, "date-invalid", "Date", "Wed, 31 Dec 2025 23:59:59 GMT", "Date", "Wed, 31 Dec 2025 23:59:60 GMT");
    EXPECT(200, "date-invalid", "Date", "Wed, 31 Dec 2025 23:59:60 GMT", "Date", "Thu, 01 Jan 2026 00:00:00 GMT");
    EXPECT(200, "date-invalid", "Date", "Sun, 06 Nov 1994 08:49:37 GMT", "Date", "Sun, 06 Nov 1994 08:50:37 GMT");
    EXPECT(200, "date-invalid", "Date", "Sun, 06 Nov 1994 08:49:37 GMT", "Date", "Sun, 06 Nov 1994 09:49:37 GMT");
    EXPECT(200, "date-invalid", "Date", "Sun, 06 Nov 1994 08:49:37 GMT", "Date", "Mon, 06 Nov 1995 08:49:37 GMT");
}

/* ---- Content-Length = 1*DIGIT (RFC 9110, 8.6; RFC 9112, 6.3) ------------------------- */

static void test_content_length(void)
{
    static const sample lengths[] = {
        {V("0"), true},
        {V("3495"), true},
        {V("007"), true},
        {V("123456789012345678901234567890"), true}, /* no bound on the digits */
        {V(""), false},
        {V("-1"), false},
        {V("+1"), false},
        {V("1.0"), false},
        {V("42, 42"), false},            /* a list: recipients may repair it, a sender must not send it */
        {V("42,42"), false},
        {V("4 2"), false},
        {V("0x10"), false},
        {V("1e3"), false},
        {V("\xef\xbc\x94\xef\xbc\x92"), false}, /* fullwidth digits */
    };
    JUDGE(200, "Content-Length", "content-length-invalid", lengths);

    EXPECT(200, "", "Date", DATE, "Content-Length", "42", "content-length", "42");
    EXPECT(200, "", "Date", DATE, "Content-Length", "42", "Content-Length", "042"); /* the same number */
    EXPECT(200, "", "Date", DATE, "Content-Length", "0", "Content-Length", "000");
    EXPECT(200, "content-length-invalid", "Date", DATE, "Content-Length", "42", "Content-Length", "43");
    EXPECT(200, "content-length-invalid", "Date", DATE, "Content-Length", "42", "Content-Length", "420");
    /* past 19 digits too */
    EXPECT(200, "", "Date", DATE, "Content-Length", "123456789012345678901234567890", "Content-Length",
           "000123456789012345678901234567890");
    EXPECT(200, "content-length-invalid", "Date", DATE, "Content-Length", "123456789012345678901234567890",
           "Content-Length", "123456789012345678901234567891");
    EXPECT(200, "content-length-invalid", "Date", DATE, "Content-Length", "9999999999999999999", "Content-Length",
           "10000000000000000000"); /* 19 digits, then 20 */
    EXPECT(204, "content-length-forbidden content-length-invalid", "Date", DATE, "Content-Length", "x");
}

/* ---- Content-Range (RFC 9110, 14.4 and 15.3.7.1) --------------------------------------- */

static void test_content_range(void)
{
    static const sample ranges[] = {
        {V("bytes 0-0/1"), true},
        {V("bytes 42-1233/1234"), true}, /* RFC 9110's examples */
        {V("bytes 42-1233/*"), true},
        {V("bytes 0-499/1234"), true},
        {V("bytes 734-1233/1234"), true},
        {V("Bytes 0-0/1"), true},        /* range units ignore case */
        {V("BYTES 5-5/6"), true},
        {V("bytes 00-01/02"), true},     /* leading zeros: 0-1/2 */
        {V("bytes 0-18446744073709551616/18446744073709551617"), true}, /* past 64 bits */
        {V("items 0-9/10"), true},       /* another unit: not judged */
        {V("pages any thing at all"), true},
        {V("0-99/100"), false},          /* no unit */
        {V("bytes 0-99/50"), false},     /* complete-length <= last-pos */
        {V("bytes 0-99/99"), false},
        {V("bytes 0-18446744073709551617/18446744073709551617"), false},
        {V("bytes 5-4/10"), false},      /* last-pos < first-pos */
        {V("bytes 10-9/*"), false},
        {V("bytes 0-99"), false},
        {V("bytes 0-99/"), false},
        {V("bytes=0-99/100"), false},
        {V("bytes  0-99/100"), false},   /* one SP */
        {V("bytes\t0-99/100"), false},
        {V("bytes -5/10"), false},
        {V("bytes 0-/10"), false},
        {V("bytes */*"), false},
        {V("bytes *"), false},
        {V("bytes */"), false},
        {V("bytes"), false},
        {V("items"), false},             /* a unit, then nothing */
        {V("bytes 0-99/1e3"), false},
        {V("bytes 0-99/100, bytes 100-199/200"), false},
        {V("bytes 0-99/100 "), true},    /* trailing white space is not the value */
        {V(""), false},
    };
    JUDGE(206, "Content-Range", "content-range-invalid", ranges);

    /* The unsatisfied form: valid grammar, for a 416 (or a 206's byte ranges, never). */
    static const sample unsatisfied[] = {
        {V("bytes */1234"), true}, {V("bytes */0"), true}, {V("bytes */01"), true},
    };
    static const sample in_206[] = {{V("bytes */1234"), false}, {V("bytes 0-0/1234"), true}};
    JUDGE(416, "Content-Range", "content-range-invalid", unsatisfied);
    JUDGE(206, "Content-Range", "content-range-unsatisfied-in-206", in_206);
    EXPECT(206, "content-range-unsatisfied-in-206", "Date", DATE, "Content-Range", "BYTES */1234");
    EXPECT(206, "content-range-invalid", "Date", DATE, "Content-Range", "bytes */x");
    EXPECT(206, "", "Date", DATE, "Content-Range", "items */3"); /* another unit: not judged */

    /* content-range-undefined: only 206 and 416 give it a meaning. */
    EXPECT(200, "content-range-undefined", "Date", DATE, "Content-Range", "bytes 0-0/1");
    EXPECT(416, "", "Date", DATE, "Content-Range", "bytes */1");
    EXPECT(500, "content-range-undefined", "Content-Range", "bytes */1");
    EXPECT(200, "content-range-invalid content-range-undefined", "Date", DATE, "Content-Range", "0-0/1");
    EXPECT(206, "", "Date", DATE, "Content-Type", "multipart/byteranges; boundary=B");

    /* Must appear once. */
    EXPECT(206, "", "Date", DATE, "Content-Range", "bytes 0-0/1", "Content-Range", "bytes 0-0/1");
    EXPECT(206, "content-range-invalid", "Date", DATE, "Content-Range", "bytes 0-0/1", "Content-Range",
           "bytes 0-0/2");
}

/* ---- WWW-Authenticate and Proxy-Authenticate = #challenge (RFC 9110, 11.3) -------------- */

static const sample challenges[] = {
    {V("Basic"), true},
    {V("Basic realm=\"simple\""), true},
    /* RFC 9110's example, two challenges and a quoted-pair */
    {V("Basic realm=\"simple\", Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\""), true},
    {V("Newauth realm=\"apps\",\ttype=1,title=\"a, b\""), true}, /* a comma inside quotes */
    {V("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, "
       "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""),
     true},
    {V("Negotiate"), true},
    {V("Negotiate YIIBzgYGKwYBBQUCoII+Bw/jCCAb6gMDAu=="), true}, /* token68 with "+", "/" and "=" */
    {V("Negotiate abc="), true},     /* a token68 ending in "=", not a parameter */
    {V("Basic realm="), true},       /* the same: the token68 "realm=" */
    {V("Bearer realm=\"example\", error=\"invalid_token\", error_description=\"The access token expired\""), true},
    {V("Basic realm=\"a\\\\b\""), true}, /* an escaped backslash */
    {V("Basic realm=\"\""), true},   /* an empty quoted-string */
    {V("Basic realm=\"caf\xc3\xa9\""), true}, /* obs-text inside quotes */
    {V("Basic realm=simple"), true}, /* a token as the value */
    {V("Newauth realm = \"x\""), true}, /* BWS around "=" */
    {V("Basic, Bearer"), true},      /* two challenges without parameters */
    {V("Basic ,Bearer realm=\"x\""), true},
    {V("Negotiate abc, Basic realm=\"x\""), true},
    {V("realm=\"simple\""), false},  /* no auth-scheme */
    {V("=x"), false},
    {V(""), false},                  /* no challenge at all */
    {V(", Basic"), false},           /* empty members */
    {V("Basic,"), false},
    {V("Basic realm=\"x\",, Bearer"), false},
    {V("Basic realm=\"x\", , Bearer"), false},
    {V("Basic realm=\"x"), false},   /* no closing quote */
    {V("Basic realm=\"x\\"), false},
    {V("Basic realm=\"x\" charset=y"), false}, /* parameters need a comma */
    {V("Basic\trealm=\"x\""), false}, /* 1*SP: a space, not a tab */
    {V("Negotiate abc==, realm=\"x\""), false}, /* nothing follows a token68 in its challenge */
    {V("Negotiate a=b=c"), false},
    {V("Basic realm=\"x\"="), false},
    {V("Basic realm=\"a\x01b\""), false}, /* a control byte inside quotes */
    {V("Basic realm=\"a\x7f\""), false},
    {V("Basic realm=\"a\"\x7f"), false},
    {V("Bas(ic"), false},
    {V("N\xc3\xa9gociate"), false},
    {V("Basic realm=\"a\0\""), false},
    {V("Basic realm=<x>"), false},
};

static void test_challenges(void)
{
    JUDGE(401, "WWW-Authenticate", "www-authenticate-invalid", challenges);
    JUDGE(200, "www-authenticate", "www-authenticate-invalid", challenges);
    JUDGE(407, "Proxy-Authenticate", "proxy-authenticate-invalid", challenges);

    /* Several lines: each a list of challenges. A challenge split between two
     * lines is not: the second line starts with a parameter. */
    EXPECT(401, "", "Date", DATE, "WWW-Authenticate", "Basic realm=\"a\"", "WWW-Authenticate", "Bearer");
    EXPECT(401, "www-authenticate-invalid", "Date", DATE, "WWW-Authenticate", "Newauth realm=\"apps\"",
           "WWW-Authenticate", "type=1");
    EXPECT(401, "www-authenticate-invalid", "Date", DATE, "WWW-Authenticate", "Basic", "WWW-Authenticate", "");
    EXPECT(407, "proxy-authenticate-invalid", "Date", DATE, "Proxy-Authenticate", "Basic realm=\"p\"",
           "Proxy-Authenticate", "realm=\"q\"");
    /* the two fields are judged apart */
    EXPECT(407, "www-authenticate-invalid", "Date", DATE, "Proxy-Authenticate", "Basic", "WWW-Authenticate", "x=y");
}

/* ---- Upgrade = #protocol (RFC 9110, 7.8) ----------------------------------------------- */

static void test_upgrade(void)
{
    static const sample upgrades[] = {
        {V("websocket"), true},
        {V("HTTP/2.0"), true},
        {V("h2c"), true},
        {V("websocket, IRC/6.9, RTA/x11"), true}, /* RFC 9110's example */
        {V("HTTP/2.0,SHTTP/1.3 ,\tIRC/6.9"), true},
        {V(""), false},                  /* no protocol */
        {V("websocket/"), false},
        {V("/1.1"), false},
        {V("a/b/c"), false},
        {V("web socket"), false},
        {V("websocket,"), false},
        {V(",websocket"), false},
        {V("websocket;q=1"), false},
        {V("HTTP/2.0 websocket"), false},
        {V("\"websocket\""), false},
        {V("w\xc3\xa9"), false},
    };
    JUDGE(426, "Upgrade", "upgrade-invalid", upgrades);
    JUDGE(200, "Upgrade", "upgrade-invalid", upgrades);
    EXPECT(101, "", "Upgrade", "websocket", "Upgrade", "h2c");
    EXPECT(101, "upgrade-invalid", "Upgrade", "websocket", "Upgrade", "h2c,");
}

/* ---- the checker, the options, odd and huge values ------------------------------------ */

static void test_checker(void)
{
    hs_finding out[8];
    hs_checker c;

    /* No pointer kept: the buffer fed is rewritten between lines. */
    char buf[32];
    hs_checker_begin(&c, 302, NULL);
    hs_checker_response(&c, "Date", 4, DATE, strlen(DATE));
    strcpy(buf, "/first");
    hs_checker_response(&c, "Location", 8, buf, strlen(buf));
    strcpy(buf, "/first");
    hs_checker_response(&c, "Location", 8, buf, strlen(buf));
    SIZE_EQ(hs_checker_end(&c, out, 8), 0, "the same Location twice, from one rewritten buffer");
    strcpy(buf, "/other");
    hs_checker_response(&c, "Location", 8, buf, strlen(buf));
    memset(buf, 'x', sizeof buf);
    SIZE_EQ(hs_checker_end(&c, out, 8), 1, "a different Location after it");
    STR_EQ(hs_rule_at(out[0].rule)->id, "location-invalid", "the finding");
    STR_EQ(out[0].field, "Location", "its field");

    /* A value that is not known (NULL) is present and judged by nothing. */
    hs_header unknown[] = {{"Date", 4, NULL, 0}, {"Location", 8, NULL, 5}, {"Content-Length", 14, NULL, 0}};
    SIZE_EQ(hs_check(302, unknown, COUNT_OF(unknown), NULL, out, 8), 0, "NULL values: present, not judged");
    SIZE_EQ(hs_check(200, unknown, 2, NULL, out, 8), 1, "NULL Location on a 200: only location-undefined");
    STR_EQ(hs_rule_at(out[0].rule)->id, "location-undefined", "the finding");

    /* ignore and level skip value rules like any other. */
    hs_check_options o = HS_CHECK_OPTIONS_INIT;
    hs_header bad[] = {{"Date", 4, "x", 1}, {"Location", 8, "/a b", 4}};
    o.ignore = 1ULL << hs_rule_find("date-invalid", 12);
    expect(200, bad, 2, &o, "location-invalid location-undefined", __LINE__);
    o.level = HS_MUST;
    expect(200, bad, 2, &o, "location-invalid", __LINE__);
    o.ignore |= 1ULL << hs_rule_find("location-invalid", 16);
    expect(200, bad, 2, &o, "", __LINE__);

    /* A code outside 100..599: status-invalid alone, whatever the values. */
    expect(600, bad, 2, NULL, "status-invalid", __LINE__);

    /* Field names in any case; a NUL in a name matches no field. */
    EXPECT(200, "date-invalid", "dAtE", "x");
    hs_header nul_name[] = {{"Date\0", 5, "x", 1}};
    expect(200, nul_name, 1, NULL, "date-missing", __LINE__);
}

static void test_huge_values(void)
{
    const size_t mb = 1u << 20;
    char *big = malloc(mb + 64);
    OK(big != NULL, "a megabyte");
    if (big == NULL)
        return;
    hs_header h[2] = {field("Date", V(DATE)), field("Location", big, mb)};

    memset(big, 'a', mb);
    big[0] = '/';
    expect(302, h, 2, NULL, "", __LINE__);
    big[mb - 1] = ' '; /* white space at the end is not the value */
    expect(302, h, 2, NULL, "", __LINE__);
    big[mb / 3] = ' ';
    expect(302, h, 2, NULL, "location-invalid", __LINE__);
    big[mb / 3] = 'a';
    big[mb - 1] = '\0';
    expect(302, h, 2, NULL, "location-invalid", __LINE__);
    big[mb - 1] = 'a';
    big[mb / 2] = '\xff';
    expect(302, h, 2, NULL, "location-invalid", __LINE__);

    /* a megabyte of methods, and of parameters after one scheme */
    size_t len = mb / 5 * 5;
    for (size_t i = 0; i < len; i += 5)
        memcpy(big + i, "GET, ", 5);
    h[1] = field("Allow", big, len - 2);
    expect(405, h, 2, NULL, "", __LINE__);
    h[1] = field("Allow", big, len); /* ends with a comma (and a space): an empty member */
    expect(405, h, 2, NULL, "allow-invalid", __LINE__);
    memcpy(big, "Newauth ", 8);
    len = 8 + (mb - 8) / 8 * 8;
    for (size_t i = 8; i < len; i += 8)
        memcpy(big + i, "ab=\"c\", ", 8);
    len -= 2;
    h[1] = field("WWW-Authenticate", big, len);
    expect(401, h, 2, NULL, "", __LINE__);
    h[1] = field("WWW-Authenticate", big, len - 1); /* an unclosed quoted-string at the very end */
    expect(401, h, 2, NULL, "www-authenticate-invalid", __LINE__);
    memset(big, '7', mb);
    h[1] = field("Content-Length", big, mb);
    expect(200, h, 2, NULL, "", __LINE__);
    h[1] = field("Retry-After", big, mb);
    expect(503, h, 2, NULL, "", __LINE__);
    memcpy(big, "bytes 0-", 8);
    big[mb / 2] = '/';
    h[1] = field("Content-Range", big, mb); /* bytes 0-777...7/777...7, the length longer */
    expect(206, h, 2, NULL, "", __LINE__);
    big[mb / 2] = '7';
    big[mb - 100] = '/'; /* now the length is shorter than last-pos */
    expect(206, h, 2, NULL, "content-range-invalid", __LINE__);
    memset(big, '\0', mb);
    h[1] = field("Date", big, mb);
    expect(200, h, 2, NULL, "date-invalid", __LINE__);
    free(big);
}

int main(void)
{
    test_location();
    test_allow();
    test_retry_after();
    test_date();
    test_content_length();
    test_content_range();
    test_challenges();
    test_upgrade();
    test_checker();
    test_huge_values();
    return harness_report("test_values");
}
