/*
 * Problem details (RFC 9457) in the C core: the exact bytes hs_problem_json
 * writes (member order, escaping, canonical extension values, sorting), every
 * fault it refuses a problem for and how hs_problem_validate names it, the
 * snprintf contract; then check's reading of problem bodies through the four
 * problem rules, with the content given in the options and through
 * hs_checker_content_data, which must agree. The expected bytes are written
 * here from the documented rules, not produced by the code under test.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "httpstatus.h"

#define DATE "Tue, 15 Nov 1994 08:12:31 GMT" /* a valid Date: date-invalid stays silent */
#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define S(s) (s), (sizeof(s) - 1) /* a string literal and its length, NULs inside counted */

/* ---- the writer ----------------------------------------------------------------- */

static char out[1 << 17];

/* The body of a problem ("" when refused), checking on the way that the
 * length is the same with no buffer, that validate agrees, and that a
 * second call writes the same bytes. */
static const char *body(int code, const hs_problem *p, size_t *len)
{
    static char again[sizeof out];
    size_t n = hs_problem_json(out, sizeof out, code, p);
    OK(n < sizeof out, "the test buffer is large enough: %zu", n);
    SIZE_EQ(hs_problem_json(NULL, 0, code, p), n, "the length needed, with no buffer");
    OK(hs_problem_validate(code, p, NULL) == (n > 0), "validate agrees with hs_problem_json (%zu)", n);
    SIZE_EQ(hs_problem_json(again, sizeof again, code, p), n, "the same length twice");
    OK(memcmp(out, again, n + 1) == 0, "the same bytes twice");
    if (len != NULL)
        *len = n;
    return out;
}

static void expect_bytes(int code, const hs_problem *p, const char *want, size_t want_len, int line)
{
    size_t n;
    const char *got = body(code, p, &n);
    OK(n == want_len && memcmp(got, want, n) == 0, "line %d: got %zu bytes \"%s\", want %zu bytes \"%s\"", line, n,
       got, want_len, want);
}
#define EXPECT_BYTES(code, p, want) expect_bytes((code), (p), S(want), __LINE__)

static hs_problem detail(const char *s, size_t len)
{
    hs_problem p = HS_PROBLEM_INIT;
    p.detail = s;
    p.detail_len = len;
    return p;
}

static void test_the_examples(void)
{
    hs_problem p = detail(S("No user 42"));
    EXPECT_BYTES(404, &p, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"No user 42\"}");
    EXPECT_BYTES(404, NULL, "{\"title\":\"Not Found\",\"status\":404}");
    p = (hs_problem)HS_PROBLEM_INIT;
    EXPECT_BYTES(500, &p, "{\"title\":\"Internal Server Error\",\"status\":500}");

    /* every member, in RFC 9457's order whatever the struct's */
    p.instance = "/account/12345/msgs/abc";
    p.instance_len = strlen(p.instance);
    p.detail = "Your current balance is 30, but that costs 50.";
    p.detail_len = strlen(p.detail);
    p.title = "You do not have enough credit.";
    p.title_len = strlen(p.title);
    p.type = "https://example.com/probs/out-of-credit";
    p.type_len = strlen(p.type);
    EXPECT_BYTES(403, &p,
                 "{\"type\":\"https://example.com/probs/out-of-credit\",\"title\":\"You do not have enough credit.\","
                 "\"status\":403,\"detail\":\"Your current balance is 30, but that costs 50.\","
                 "\"instance\":\"/account/12345/msgs/abc\"}");

    /* a given empty string is written; a given about:blank too */
    p = (hs_problem)HS_PROBLEM_INIT;
    p.type = "about:blank";
    p.type_len = 11;
    p.detail = "";
    p.instance = "";
    EXPECT_BYTES(400, &p, "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"\",\"instance\":\"\"}");
    p = (hs_problem)HS_PROBLEM_INIT;
    p.title = "";
    p.type = "";
    EXPECT_BYTES(503, &p, "{\"type\":\"\",\"title\":\"\",\"status\":503}");
    /* a pointer with a zero length is the empty string; NULL with a length is absent */
    p = (hs_problem)HS_PROBLEM_INIT;
    p.detail_len = 99;
    p.instance = "x";
    p.instance_len = 0;
    EXPECT_BYTES(410, &p, "{\"title\":\"Gone\",\"status\":410,\"instance\":\"\"}");
}

static void test_every_code_of_the_table(void)
{
    char want[256];
    for (size_t i = 0; i < hs_count(); i++) {
        const hs_status *s = hs_at(i);
        int n = snprintf(want, sizeof want, "{\"title\":\"%s\",\"status\":%d}", s->phrase, s->code);
        expect_bytes(s->code, NULL, want, (size_t)n, __LINE__);
    }
    /* codes that are not in the table take an explicit title */
    hs_problem p = HS_PROBLEM_INIT;
    p.title = "Custom";
    p.title_len = 6;
    EXPECT_BYTES(299, &p, "{\"title\":\"Custom\",\"status\":299}");
    EXPECT_BYTES(100, &p, "{\"title\":\"Custom\",\"status\":100}");
    EXPECT_BYTES(599, &p, "{\"title\":\"Custom\",\"status\":599}");
    OK(hs_phrase(299) == NULL, "299 is not in the table");
}

static void test_escaping(void)
{
    /* every control: the short forms JSON has, else \u00xx in lowercase hex */
    static const char *const short_form[32] = {['\b'] = "\\b", ['\t'] = "\\t", ['\n'] = "\\n", ['\f'] = "\\f",
                                               ['\r'] = "\\r"};
    for (int c = 0; c < 32; c++) {
        char in[3] = {'<', (char)c, '>'}, want[64];
        int n;
        if (short_form[c] != NULL)
            n = snprintf(want, sizeof want, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"<%s>\"}",
                         short_form[c]);
        else
            n = snprintf(want, sizeof want, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"<\\u00%c%c>\"}",
                         "0123456789abcdef"[c >> 4], "0123456789abcdef"[c & 15]);
        hs_problem p = detail(in, 3);
        expect_bytes(404, &p, want, (size_t)n, __LINE__);
    }
    hs_problem p = detail(S("\"q\" back\\slash /path/ \x7f"));
    EXPECT_BYTES(404, &p, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"\\\"q\\\" back\\\\slash /path/ \x7f\"}");
    p = detail(S("a\0b"));
    EXPECT_BYTES(404, &p, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"a\\u0000b\"}");
    /* UTF-8 as it is: Latin, Hangul, an emoji, U+2028 and U+2029, the edges of each length */
    p = detail(S("caf\xc3\xa9 \xed\x95\x9c\xea\xb5\xad\xec\x96\xb4 \xf0\x9f\x98\x80 \xe2\x80\xa8\xe2\x80\xa9"));
    EXPECT_BYTES(404, &p,
                 "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"caf\xc3\xa9 \xed\x95\x9c\xea\xb5\xad\xec\x96\xb4 "
                 "\xf0\x9f\x98\x80 \xe2\x80\xa8\xe2\x80\xa9\"}");
    p = detail(S("\xc2\x80\xdf\xbf\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf"));
    EXPECT_BYTES(404, &p,
                 "{\"title\":\"Not Found\",\"status\":404,\"detail\":\""
                 "\xc2\x80\xdf\xbf\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\"}");
    /* the same rules in every member */
    p = (hs_problem)HS_PROBLEM_INIT;
    p.type = "t\"1";
    p.type_len = 3;
    p.title = "T\n";
    p.title_len = 2;
    p.instance = "/\xc3\xa9\\";
    p.instance_len = 4;
    EXPECT_BYTES(418, &p, "{\"type\":\"t\\\"1\",\"title\":\"T\\n\",\"status\":418,\"instance\":\"/\xc3\xa9\\\\\"}");
}

/* The fault of a problem, checking that hs_problem_json refuses it with 0
 * and "" in the buffer, and that the error names member (NULL: none),
 * extension and offset. */
static void expect_fault(int code, const hs_problem *p, hs_problem_fault fault, const char *member, size_t extension,
                         size_t offset, int line)
{
    hs_problem_error e;
    char buf[64];
    memset(buf, 'x', sizeof buf);
    SIZE_EQ(hs_problem_json(buf, sizeof buf, code, p), 0, "refused");
    OK(buf[0] == '\0', "line %d: a refused problem leaves the empty string", line);
    SIZE_EQ(hs_problem_json(NULL, 0, code, p), 0, "refused, with no buffer");
    memset(&e, 0x55, sizeof e);
    OK(!hs_problem_validate(code, p, &e), "line %d: validate refuses", line);
    OK(e.fault == fault, "line %d: fault %d, want %d (%s)", line, (int)e.fault, (int)fault, e.message);
    OK(e.message != NULL && e.message == hs_problem_message(fault), "line %d: the fault's message", line);
    if (member == NULL)
        OK(e.member == NULL && e.member_len == 0, "line %d: no member named, got %.*s", line, (int)e.member_len,
           e.member != NULL ? e.member : "");
    else
        OK(e.member != NULL && e.member_len == strlen(member) && memcmp(e.member, member, e.member_len) == 0,
           "line %d: member %.*s, want %s", line, e.member != NULL ? (int)e.member_len : 6,
           e.member != NULL ? e.member : "(null)", member);
    OK(e.extension == extension, "line %d: extension %zu, want %zu", line, e.extension, extension);
    OK(e.offset == offset, "line %d: offset %zu, want %zu", line, e.offset, offset);
}
#define NO_EXT ((size_t)-1)
#define EXPECT_FAULT(code, p, fault, member, extension, offset) \
    expect_fault((code), (p), (fault), (member), (extension), (offset), __LINE__)

static void test_faults_of_the_standard_members(void)
{
    EXPECT_FAULT(99, NULL, HS_PROBLEM_BAD_CODE, NULL, NO_EXT, 0);
    EXPECT_FAULT(600, NULL, HS_PROBLEM_BAD_CODE, NULL, NO_EXT, 0);
    EXPECT_FAULT(-1, NULL, HS_PROBLEM_BAD_CODE, NULL, NO_EXT, 0);
    EXPECT_FAULT(INT_MIN, NULL, HS_PROBLEM_BAD_CODE, NULL, NO_EXT, 0);
    EXPECT_FAULT(INT_MAX, NULL, HS_PROBLEM_BAD_CODE, NULL, NO_EXT, 0);
    hs_problem p = detail(S("x"));
    EXPECT_FAULT(299, &p, HS_PROBLEM_NO_TITLE, NULL, NO_EXT, 0);
    p.title = "OK";
    p.title_len = 2;
    OK(hs_problem_validate(299, &p, NULL), "an explicit title makes 299 writable");
    EXPECT_FAULT(1000, &p, HS_PROBLEM_BAD_CODE, NULL, NO_EXT, 0); /* a title does not make a code valid */

    /* not UTF-8, in each member, at the byte where it stops being UTF-8 */
    static const struct {
        const char *s;
        size_t len, at;
    } bad[] = {
        {S("ab\xff"), 2},           {S("\x80"), 0},         {S("\xc0\x80"), 0},   {S("\xc1\xbf"), 0},
        {S("x\xe0\x80\x80"), 1},    {S("\xed\xa0\x80"), 0}, {S("\xed\xbf\xbf"), 0}, {S("\xf0\x80\x80\x80"), 0},
        {S("\xf4\x90\x80\x80"), 0}, {S("\xf5\x80\x80\x80"), 0}, {S("\xe2\x82"), 0},   {S("ok\xe2\x82x"), 2},
        {S("\xf0\x9f\x98"), 0},     {S("\xc3\xa9\xc3"), 2}, {S("\xfe"), 0},         {S("a\xc3\x28"), 1},
    };
    for (size_t i = 0; i < COUNT_OF(bad); i++) {
        const char *members[] = {"detail", "type", "title", "instance"};
        for (size_t m = 0; m < COUNT_OF(members); m++) {
            p = (hs_problem)HS_PROBLEM_INIT;
            const char **field = m == 0 ? &p.detail : m == 1 ? &p.type : m == 2 ? &p.title : &p.instance;
            size_t *len = m == 0 ? &p.detail_len : m == 1 ? &p.type_len : m == 2 ? &p.title_len : &p.instance_len;
            *field = bad[i].s;
            *len = bad[i].len;
            expect_fault(404, &p, HS_PROBLEM_BAD_UTF8, members[m], NO_EXT, bad[i].at, __LINE__);
        }
    }
}

static hs_problem with_extensions(const hs_problem_extension *e, size_t count)
{
    hs_problem p = HS_PROBLEM_INIT;
    p.extensions = e;
    p.extension_count = count;
    return p;
}

/* One extension named "ext" holding the JSON text v. */
static hs_problem one_value(hs_problem_extension *slot, const char *v, size_t len)
{
    *slot = (hs_problem_extension){"ext", 3, v, len};
    return with_extensions(slot, 1);
}

#define HEAD "{\"title\":\"Bad Request\",\"status\":400"

/* The canonical form of one extension value. */
static void expect_value(const char *v, size_t len, const char *want, size_t want_len, int line)
{
    hs_problem_extension e;
    hs_problem p = one_value(&e, v, len);
    char full[4096];
    int n = snprintf(full, sizeof full, HEAD ",\"ext\":%.*s}", (int)want_len, want);
    expect_bytes(400, &p, full, (size_t)n, line);
}
#define EXPECT_VALUE(v, want) expect_value(S(v), S(want), __LINE__)

static void test_extension_values(void)
{
    /* every type */
    EXPECT_VALUE("\"text\"", "\"text\"");
    EXPECT_VALUE("42", "42");
    EXPECT_VALUE("-7", "-7");
    EXPECT_VALUE("0", "0");
    EXPECT_VALUE("-0", "0"); /* integer zero has one form */
    EXPECT_VALUE("9007199254740991", "9007199254740991");
    EXPECT_VALUE("-9007199254740991", "-9007199254740991");
    EXPECT_VALUE("true", "true");
    EXPECT_VALUE("false", "false");
    EXPECT_VALUE("null", "null");
    EXPECT_VALUE("[]", "[]");
    EXPECT_VALUE("{}", "{}");
    EXPECT_VALUE("[1,\"a\",true,false,null,[],{},[[]],{\"k\":{}}]", "[1,\"a\",true,false,null,[],{},[[]],{\"k\":{}}]");
    /* white space anywhere JSON allows it goes */
    EXPECT_VALUE(" \t\r\n[ 1 ,\n\t2 , { \"a\" : [ ] , \"b\" :\r\n null } ] \n", "[1,2,{\"a\":[],\"b\":null}]");
    EXPECT_VALUE(" { } ", "{}");
    EXPECT_VALUE("[ ]", "[]");
    /* escapes decoded, then written the one way */
    EXPECT_VALUE("\"\\u0041\\/\\u00e9\\u00E9\\ud83d\\ude00\\u2028\\u2029\\u007f\"",
                 "\"A/\xc3\xa9\xc3\xa9\xf0\x9f\x98\x80\xe2\x80\xa8\xe2\x80\xa9\x7f\"");
    EXPECT_VALUE("\"\\u000a\\u0009\\u0008\\u000C\\u000d\\u0000\\u001F\\u001b\"", "\"\\n\\t\\b\\f\\r\\u0000\\u001f\\u001b\"");
    EXPECT_VALUE("\"\\\"\\\\\\b\\f\\n\\r\\t\\/\"", "\"\\\"\\\\\\b\\f\\n\\r\\t/\"");
    EXPECT_VALUE("\"\\u0022\\u005c\"", "\"\\\"\\\\\"");
    EXPECT_VALUE("\"caf\xc3\xa9 \xe2\x80\xa8 \xf0\x9f\x98\x80\"", "\"caf\xc3\xa9 \xe2\x80\xa8 \xf0\x9f\x98\x80\"");
    EXPECT_VALUE("\"\x7f/\"", "\"\x7f/\"");
    /* keys: sorted by the bytes of their values, escapes decoded first */
    EXPECT_VALUE("{\"b\":1,\"a\":2}", "{\"a\":2,\"b\":1}");
    EXPECT_VALUE("{\"\\u0062\":1,\"a\":2}", "{\"a\":2,\"b\":1}");
    EXPECT_VALUE("{\"a\":1,\"B\":2,\"_\":3,\"aa\":4,\"\":5,\"A\":6}",
                 "{\"\":5,\"A\":6,\"B\":2,\"_\":3,\"a\":1,\"aa\":4}");
    EXPECT_VALUE("{\"\xc3\xa9\":1,\"z\":2,\"\\u00e8\":3}", "{\"z\":2,\"\xc3\xa8\":3,\"\xc3\xa9\":1}");
    EXPECT_VALUE("{\"\xef\xbd\x81\":1,\"\xf0\x9f\x98\x80\":2}", "{\"\xef\xbd\x81\":1,\"\xf0\x9f\x98\x80\":2}");
    EXPECT_VALUE("{\"a\\u0000b\":1,\"a\":2}", "{\"a\":2,\"a\\u0000b\":1}");
    /* keys of every escape, sorted by their decoded bytes and written canonically */
    EXPECT_VALUE("{\"a\":0,\"\\ud83d\\ude00\":7,\"\\/\":8,\"\\\"\":6,\"\\r\":5,\"\\f\":4,\"\\t\":3,\"\\b\":2,"
                 "\"\\n\":1}",
                 "{\"\\b\":2,\"\\t\":3,\"\\n\":1,\"\\f\":4,\"\\r\":5,\"\\\"\":6,\"/\":8,\"a\":0,\"\xf0\x9f\x98\x80\":7}");
    /* nested objects sorted at every level, arrays kept in their order */
    EXPECT_VALUE("{\"z\":[{\"y\":1,\"x\":[3,2,1]},{\"q\":{\"b\":0,\"a\":0}}],\"a\":{\"d\":{\"c\":{\"b\":{\"a\":1,\"A\":2}}}}}",
                 "{\"a\":{\"d\":{\"c\":{\"b\":{\"A\":2,\"a\":1}}}},\"z\":[{\"x\":[3,2,1],\"y\":1},{\"q\":{\"a\":0,\"b\":0}}]}");
    /* strings inside values that look like JSON punctuation are strings */
    EXPECT_VALUE("{\"b\":\"}],{[\\\"\",\"a\":\"\\\\\"}", "{\"a\":\"\\\\\",\"b\":\"}],{[\\\"\"}");

    /* the canonical form is a fixed point */
    const char *canonical = "{\"a\":[1,\"\\u0001\xc3\xa9\",{\"b\":null}],\"c\":false}";
    expect_value(canonical, strlen(canonical), canonical, strlen(canonical), __LINE__);

    /* 32 levels deep is allowed, in arrays, objects or both */
    char deep[512];
    size_t n = 0;
    for (int i = 0; i < HS_PROBLEM_DEPTH; i++)
        deep[n++] = '[';
    for (int i = 0; i < HS_PROBLEM_DEPTH; i++)
        deep[n++] = ']';
    expect_value(deep, n, deep, n, __LINE__);
    n = 0;
    for (int i = 0; i < HS_PROBLEM_DEPTH; i++)
        n += (size_t)snprintf(deep + n, sizeof deep - n, i % 2 ? "[" : "{\"k\":");
    deep[n++] = '1';
    for (int i = HS_PROBLEM_DEPTH - 1; i >= 0; i--)
        deep[n++] = i % 2 ? ']' : '}';
    expect_value(deep, n, deep, n, __LINE__);
}

static void test_extension_order_and_names(void)
{
    /* extensions sorted by the bytes of their names, whatever order given */
    hs_problem_extension e[] = {{"zeta", 4, "1", 1},    {"Alpha", 5, "2", 1}, {"alpha", 5, "3", 1},
                                {"al_x", 4, "4", 1},    {"alp", 3, "5", 1},   {"a99", 3, "6", 1},
                                {"Status", 6, "7", 1},  {"TYPE", 4, "8", 1}};
    hs_problem p = with_extensions(e, COUNT_OF(e));
    p.detail = "d";
    p.detail_len = 1;
    EXPECT_BYTES(400, &p,
                 HEAD ",\"detail\":\"d\",\"Alpha\":2,\"Status\":7,\"TYPE\":8,\"a99\":6,\"al_x\":4,\"alp\":5,"
                      "\"alpha\":3,\"zeta\":1}");
    /* already sorted: the same bytes */
    hs_problem_extension sorted[] = {{"Alpha", 5, "2", 1},  {"Status", 6, "7", 1}, {"TYPE", 4, "8", 1},
                                     {"a99", 3, "6", 1},    {"al_x", 4, "4", 1},   {"alp", 3, "5", 1},
                                     {"alpha", 5, "3", 1},  {"zeta", 4, "1", 1}};
    p.extensions = sorted;
    EXPECT_BYTES(400, &p,
                 HEAD ",\"detail\":\"d\",\"Alpha\":2,\"Status\":7,\"TYPE\":8,\"a99\":6,\"al_x\":4,\"alp\":5,"
                      "\"alpha\":3,\"zeta\":1}");
    /* a name need not be NUL-terminated: its length counts */
    hs_problem_extension cut[] = {{"lengthy", 3, "true", 4}};
    p = with_extensions(cut, 1);
    EXPECT_BYTES(400, &p, HEAD ",\"len\":true}");
    /* no extensions: NULL or an array with a count of 0 */
    p = with_extensions(e, 0);
    EXPECT_BYTES(400, &p, HEAD "}");
}

static void test_faults_of_extensions(void)
{
    hs_problem_extension e[4];
    hs_problem p;

    /* names */
    static const struct {
        const char *name;
        size_t len, at;
        hs_problem_fault fault;
    } names[] = {
        {S("ab"), 0, HS_PROBLEM_BAD_NAME},     {S(""), 0, HS_PROBLEM_BAD_NAME},
        {S("1abc"), 0, HS_PROBLEM_BAD_NAME},   {S("_abc"), 0, HS_PROBLEM_BAD_NAME},
        {S("ab-c"), 2, HS_PROBLEM_BAD_NAME},   {S("ab c"), 2, HS_PROBLEM_BAD_NAME},
        {S("abc\xc3\xa9"), 3, HS_PROBLEM_BAD_NAME}, {S("ab\0c"), 2, HS_PROBLEM_BAD_NAME},
        {S("\xc3\xa9t\xc3\xa9"), 0, HS_PROBLEM_BAD_NAME}, {S("abc."), 3, HS_PROBLEM_BAD_NAME},
        {S("type"), 0, HS_PROBLEM_STANDARD_NAME},   {S("title"), 0, HS_PROBLEM_STANDARD_NAME},
        {S("status"), 0, HS_PROBLEM_STANDARD_NAME}, {S("detail"), 0, HS_PROBLEM_STANDARD_NAME},
        {S("instance"), 0, HS_PROBLEM_STANDARD_NAME},
    };
    for (size_t i = 0; i < COUNT_OF(names); i++) {
        e[0] = (hs_problem_extension){"good", 4, "1", 1};
        e[1] = (hs_problem_extension){names[i].name, names[i].len, "1", 1};
        p = with_extensions(e, 2);
        /* the member named is the name as given, bytes and length */
        hs_problem_error err;
        OK(!hs_problem_validate(400, &p, &err) && err.fault == names[i].fault && err.extension == 1 &&
               err.member == names[i].name && err.member_len == names[i].len && err.offset == names[i].at,
           "name %zu: fault %d at %zu", i, (int)err.fault, err.offset);
        SIZE_EQ(hs_problem_json(out, sizeof out, 400, &p), 0, "a bad name is refused");
    }

    /* two extensions of one name, next to each other or not */
    e[0] = (hs_problem_extension){"abc", 3, "1", 1};
    e[1] = (hs_problem_extension){"abc", 3, "2", 1};
    p = with_extensions(e, 2);
    EXPECT_FAULT(400, &p, HS_PROBLEM_DUPLICATE_NAME, "abc", 1, 0);
    e[0] = (hs_problem_extension){"zzz", 3, "1", 1};
    e[1] = (hs_problem_extension){"abc", 3, "2", 1};
    e[2] = (hs_problem_extension){"zzz", 3, "3", 1};
    p = with_extensions(e, 3);
    EXPECT_FAULT(400, &p, HS_PROBLEM_DUPLICATE_NAME, "zzz", 2, 0);
    /* a bad value where the extensions are sorted by selection */
    e[0] = (hs_problem_extension){"zzz", 3, "1", 1};
    e[1] = (hs_problem_extension){"aaa", 3, "1.5", 3};
    p = with_extensions(e, 2);
    EXPECT_FAULT(400, &p, HS_PROBLEM_NOT_INTEGER, "aaa", 1, 0);
        e[1] = (hs_problem_extension){"zzzz", 3, "2", 1}; /* "zzz" by its length */
    p = with_extensions(e, 2);
    EXPECT_FAULT(400, &p, HS_PROBLEM_DUPLICATE_NAME, "zzz", 1, 0);

    /* NULL pointers */
    p = with_extensions(NULL, 1);
    EXPECT_FAULT(400, &p, HS_PROBLEM_BAD_ARGUMENT, NULL, NO_EXT, 0);
    e[0] = (hs_problem_extension){NULL, 3, "1", 1};
    p = with_extensions(e, 1);
    EXPECT_FAULT(400, &p, HS_PROBLEM_BAD_ARGUMENT, NULL, 0, 0);
    e[0] = (hs_problem_extension){"abc", 3, NULL, 1};
    EXPECT_FAULT(400, &p, HS_PROBLEM_BAD_ARGUMENT, "abc", 0, 0);
}

static void expect_value_fault(const char *v, size_t len, hs_problem_fault fault, size_t at, int line)
{
    hs_problem_extension e[2] = {{"first", 5, "1", 1}, {"value", 5, v, len}};
    hs_problem p = with_extensions(e, 2);
    expect_fault(400, &p, fault, "value", 1, at, line);
}
#define EXPECT_VALUE_FAULT(v, fault, at) expect_value_fault(S(v), (fault), (at), __LINE__)

static void test_faults_of_values(void)
{
    /* not one JSON value */
    EXPECT_VALUE_FAULT("", HS_PROBLEM_BAD_JSON, 0);
    EXPECT_VALUE_FAULT("  ", HS_PROBLEM_BAD_JSON, 2);
    EXPECT_VALUE_FAULT("tru", HS_PROBLEM_BAD_JSON, 0);
    EXPECT_VALUE_FAULT("True", HS_PROBLEM_BAD_JSON, 0);
    EXPECT_VALUE_FAULT("nulll", HS_PROBLEM_BAD_JSON, 4);
    EXPECT_VALUE_FAULT("NaN", HS_PROBLEM_BAD_JSON, 0);
    EXPECT_VALUE_FAULT("Infinity", HS_PROBLEM_BAD_JSON, 0);
    EXPECT_VALUE_FAULT("-Infinity", HS_PROBLEM_BAD_JSON, 1);
    EXPECT_VALUE_FAULT("'x'", HS_PROBLEM_BAD_JSON, 0);
    EXPECT_VALUE_FAULT("\"open", HS_PROBLEM_BAD_JSON, 5);
    EXPECT_VALUE_FAULT("\"a\tb\"", HS_PROBLEM_BAD_JSON, 2); /* a raw control */
    EXPECT_VALUE_FAULT("\"a\0b\"", HS_PROBLEM_BAD_JSON, 2);
    EXPECT_VALUE_FAULT("\"\\x\"", HS_PROBLEM_BAD_JSON, 1);
    EXPECT_VALUE_FAULT("\"\\u12\"", HS_PROBLEM_BAD_JSON, 1);
    EXPECT_VALUE_FAULT("\"\\u12g4\"", HS_PROBLEM_BAD_JSON, 1);
    EXPECT_VALUE_FAULT("\"\\", HS_PROBLEM_BAD_JSON, 1);
    EXPECT_VALUE_FAULT("01", HS_PROBLEM_BAD_JSON, 1);
    EXPECT_VALUE_FAULT("+1", HS_PROBLEM_BAD_JSON, 0);
    EXPECT_VALUE_FAULT(".5", HS_PROBLEM_BAD_JSON, 0);
    EXPECT_VALUE_FAULT("1.", HS_PROBLEM_BAD_JSON, 2);
    EXPECT_VALUE_FAULT("1e", HS_PROBLEM_BAD_JSON, 2);
    EXPECT_VALUE_FAULT("-", HS_PROBLEM_BAD_JSON, 1);
    EXPECT_VALUE_FAULT("- 1", HS_PROBLEM_BAD_JSON, 1);
    EXPECT_VALUE_FAULT("1 2", HS_PROBLEM_BAD_JSON, 2);
    EXPECT_VALUE_FAULT("\"a\" \"b\"", HS_PROBLEM_BAD_JSON, 4);
    EXPECT_VALUE_FAULT("[", HS_PROBLEM_BAD_JSON, 1);
    EXPECT_VALUE_FAULT("[1,]", HS_PROBLEM_BAD_JSON, 3);
    EXPECT_VALUE_FAULT("[1 2]", HS_PROBLEM_BAD_JSON, 3);
    EXPECT_VALUE_FAULT("[1]]", HS_PROBLEM_BAD_JSON, 3);
    EXPECT_VALUE_FAULT("[1}", HS_PROBLEM_BAD_JSON, 2);
    EXPECT_VALUE_FAULT("{", HS_PROBLEM_BAD_JSON, 1);
    EXPECT_VALUE_FAULT("{}}", HS_PROBLEM_BAD_JSON, 2);
    EXPECT_VALUE_FAULT("{,}", HS_PROBLEM_BAD_JSON, 1);
    EXPECT_VALUE_FAULT("{\"a\"}", HS_PROBLEM_BAD_JSON, 4);
    EXPECT_VALUE_FAULT("{\"a\":}", HS_PROBLEM_BAD_JSON, 5);
    EXPECT_VALUE_FAULT("{\"a\":1,}", HS_PROBLEM_BAD_JSON, 7);
    EXPECT_VALUE_FAULT("{\"a\":1]", HS_PROBLEM_BAD_JSON, 6);
    EXPECT_VALUE_FAULT("{a:1}", HS_PROBLEM_BAD_JSON, 1);
    EXPECT_VALUE_FAULT("{\"a\" 1}", HS_PROBLEM_BAD_JSON, 5);
    EXPECT_VALUE_FAULT("{\"a\":1 \"b\":2}", HS_PROBLEM_BAD_JSON, 7);
    /* a value that runs to the end of the text inside an object */
    EXPECT_VALUE_FAULT("{\"a\":\"open", HS_PROBLEM_BAD_JSON, 10);
    EXPECT_VALUE_FAULT("{\"a\":\"x\\", HS_PROBLEM_BAD_JSON, 8);
    EXPECT_VALUE_FAULT("{\"a\":[1,2", HS_PROBLEM_BAD_JSON, 9);
    /* a value that ends early, where the keys ascend and where they are sorted */
    EXPECT_VALUE_FAULT("{\"a\":1x,\"b\":2}", HS_PROBLEM_BAD_JSON, 6);
    EXPECT_VALUE_FAULT("{\"b\":1x,\"a\":2}", HS_PROBLEM_BAD_JSON, 6);
    EXPECT_VALUE_FAULT("{\"b\":truex,\"a\":2}", HS_PROBLEM_BAD_JSON, 9);
    EXPECT_VALUE_FAULT("{\"b\":[1,2 3],\"a\":2}", HS_PROBLEM_BAD_JSON, 10);
    EXPECT_VALUE_FAULT("{\"a\":[1,2 3],\"b\":2}", HS_PROBLEM_BAD_JSON, 10);
    EXPECT_VALUE_FAULT("{\"b\":{\"y\":1,\"x\":02},\"a\":2}", HS_PROBLEM_BAD_JSON, 17);

    /* strings that are not UTF-8, in a value or a key */
    EXPECT_VALUE_FAULT("\"\xff\"", HS_PROBLEM_BAD_UTF8, 1);
    EXPECT_VALUE_FAULT("[\"ok\",\"\xed\xa0\x80\"]", HS_PROBLEM_BAD_UTF8, 7);
    EXPECT_VALUE_FAULT("{\"\xc3\":1}", HS_PROBLEM_BAD_UTF8, 2);
    EXPECT_VALUE_FAULT("{\"b\":1,\"\xc0\xaf\":1}", HS_PROBLEM_BAD_UTF8, 8);

    /* escapes of half a surrogate pair */
    EXPECT_VALUE_FAULT("\"\\ud800\"", HS_PROBLEM_LONE_SURROGATE, 1);
    EXPECT_VALUE_FAULT("\"ab\\uDFFF\"", HS_PROBLEM_LONE_SURROGATE, 3);
    EXPECT_VALUE_FAULT("\"\\ud800\\u0041\"", HS_PROBLEM_LONE_SURROGATE, 1);
    EXPECT_VALUE_FAULT("\"\\ud800x\"", HS_PROBLEM_LONE_SURROGATE, 1);
    EXPECT_VALUE_FAULT("\"\\ud800\\ud800\"", HS_PROBLEM_LONE_SURROGATE, 1);
    EXPECT_VALUE_FAULT("\"\\udc00\\ud800\"", HS_PROBLEM_LONE_SURROGATE, 1);
    EXPECT_VALUE_FAULT("{\"\\ud800\":1}", HS_PROBLEM_LONE_SURROGATE, 2);

    /* numbers that are not integers, or too large */
    EXPECT_VALUE_FAULT("1.0", HS_PROBLEM_NOT_INTEGER, 0);
    EXPECT_VALUE_FAULT("[1e2]", HS_PROBLEM_NOT_INTEGER, 1);
    EXPECT_VALUE_FAULT("1E+2", HS_PROBLEM_NOT_INTEGER, 0);
    EXPECT_VALUE_FAULT("-0.0", HS_PROBLEM_NOT_INTEGER, 0);
    EXPECT_VALUE_FAULT("0.5", HS_PROBLEM_NOT_INTEGER, 0);
    EXPECT_VALUE_FAULT("9007199254740992", HS_PROBLEM_TOO_LARGE, 0);
    EXPECT_VALUE_FAULT("-9007199254740992", HS_PROBLEM_TOO_LARGE, 0);
    EXPECT_VALUE_FAULT("{\"n\":18446744073709551616}", HS_PROBLEM_TOO_LARGE, 5);
    EXPECT_VALUE_FAULT("99999999999999999999999999999999", HS_PROBLEM_TOO_LARGE, 0);

    /* one level too deep */
    char deep[512];
    size_t n = 0;
    for (int i = 0; i <= HS_PROBLEM_DEPTH; i++)
        deep[n++] = '[';
    for (int i = 0; i <= HS_PROBLEM_DEPTH; i++)
        deep[n++] = ']';
    expect_value_fault(deep, n, HS_PROBLEM_TOO_DEEP, HS_PROBLEM_DEPTH, __LINE__);
    n = 0;
    for (int i = 0; i <= HS_PROBLEM_DEPTH; i++)
        n += (size_t)snprintf(deep + n, sizeof deep - n, "{\"k\":");
    deep[n++] = '0';
    for (int i = 0; i <= HS_PROBLEM_DEPTH; i++)
        deep[n++] = '}';
    expect_value_fault(deep, n, HS_PROBLEM_TOO_DEEP, 5 * HS_PROBLEM_DEPTH, __LINE__);

    /* a key twice in one object, next to each other or not, escaped or not */
    EXPECT_VALUE_FAULT("{\"a\":1,\"a\":2}", HS_PROBLEM_DUPLICATE_KEY, 7);
    EXPECT_VALUE_FAULT("{\"b\":1,\"a\":2,\"b\":3}", HS_PROBLEM_DUPLICATE_KEY, 13);
    EXPECT_VALUE_FAULT("{\"a\":1,\"b\":2,\"\\u0061\":3}", HS_PROBLEM_DUPLICATE_KEY, 13);
    EXPECT_VALUE_FAULT("{\"\xc3\xa9\":1,\"\\u00e9\":2}", HS_PROBLEM_DUPLICATE_KEY, 8);
    EXPECT_VALUE_FAULT("[{\"x\":{\"k\":1,\"k\":1}}]", HS_PROBLEM_DUPLICATE_KEY, 13);
    /* the same key in two objects is no duplicate */
    EXPECT_VALUE("[{\"a\":1},{\"a\":1}]", "[{\"a\":1},{\"a\":1}]");
}

static void test_the_snprintf_contract(void)
{
    hs_problem p = detail(S("No user 42"));
    const char *whole = "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"No user 42\"}";
    const size_t len = strlen(whole);
    char buf[128];

    memset(buf, '#', sizeof buf);
    SIZE_EQ(hs_problem_json(buf, 0, 404, &p), len, "cap 0: the length needed");
    OK(buf[0] == '#', "cap 0 writes nothing");
    SIZE_EQ(hs_problem_json(NULL, 0, 404, &p), len, "cap 0 with no buffer");
    SIZE_EQ(hs_problem_json(NULL, 10, 404, &p), len, "no buffer, whatever the cap");
    for (size_t cap = 1; cap <= len + 2; cap++) {
        memset(buf, '#', sizeof buf);
        SIZE_EQ(hs_problem_json(buf, cap, 404, &p), len, "any cap: the whole length");
        size_t kept = cap - 1 < len ? cap - 1 : len;
        OK(memcmp(buf, whole, kept) == 0 && buf[kept] == '\0', "cap %zu: the first %zu bytes and a NUL", cap, kept);
        OK(buf[kept + 1] == '#' || kept + 1 >= cap, "cap %zu: nothing written past cap", cap);
        for (size_t i = cap; i < sizeof buf; i++)
            if (buf[i] != '#') {
                OK(false, "cap %zu: byte %zu written", cap, i);
                break;
            }
    }
    /* a refused problem: 0, and "" in any buffer with room */
    memset(buf, '#', sizeof buf);
    SIZE_EQ(hs_problem_json(buf, 1, 600, &p), 0, "refused");
    OK(buf[0] == '\0' && buf[1] == '#', "cap 1: the empty string");
    memset(buf, '#', sizeof buf);
    SIZE_EQ(hs_problem_json(buf, 0, 600, &p), 0, "refused, cap 0");
    OK(buf[0] == '#', "cap 0: nothing written");
    /* a fault found after some bytes were written still leaves "" */
    hs_problem_extension e = {"late", 4, "[1,2,3,1.5]", 11};
    hs_problem q = with_extensions(&e, 1);
    memset(buf, '#', sizeof buf);
    SIZE_EQ(hs_problem_json(buf, sizeof buf, 400, &q), 0, "refused late");
    OK(buf[0] == '\0', "refused late: the empty string");
}

static void test_messages_and_large_inputs(void)
{
    for (int f = HS_PROBLEM_OK; f <= HS_PROBLEM_TOO_LONG; f++)
        OK(hs_problem_message((hs_problem_fault)f) != NULL && hs_problem_message((hs_problem_fault)f)[0] != '\0',
           "a message for fault %d", f);
    OK(hs_problem_message((hs_problem_fault)(HS_PROBLEM_TOO_LONG + 1)) == NULL, "none past the enum");
    OK(hs_problem_message((hs_problem_fault)-1) == NULL, "none before it");
    hs_problem_error e;
    OK(hs_problem_validate(404, NULL, &e) && e.fault == HS_PROBLEM_OK && e.member == NULL && e.extension == NO_EXT,
       "a valid problem: no fault, nothing named");

    /* 300 extensions in reverse order, and an object of 300 keys in reverse */
    static hs_problem_extension many[300];
    static char names[300][8], value[300 * 12 + 2];
    size_t n = 0;
    value[n++] = '{';
    for (int i = 0; i < 300; i++) {
        snprintf(names[i], sizeof names[i], "k%03d", 299 - i);
        many[i] = (hs_problem_extension){names[i], 4, "0", 1};
        n += (size_t)snprintf(value + n, sizeof value - n, "%s\"k%03d\":%d", i ? "," : "", 299 - i, i);
    }
    value[n++] = '}';
    hs_problem p = with_extensions(many, 300);
    size_t len;
    const char *got = body(400, &p, &len);
    const char *start = HEAD ",\"k000\":0,\"k001\":0,", *end = ",\"k298\":0,\"k299\":0}";
    OK(len > strlen(end) && strncmp(got, start, strlen(start)) == 0 && strcmp(got + len - strlen(end), end) == 0,
       "300 extensions sorted");
    hs_problem_extension one = {"big", 3, value, n};
    p = with_extensions(&one, 1);
    got = body(400, &p, &len);
    OK(len > 0 && strstr(got, "{\"k000\":299,\"k001\":298,") != NULL && strstr(got, "\"k299\":0}}") != NULL,
       "an object of 300 keys sorted");

    /* a long detail: every byte accounted for */
    static char big[60000], want[90200]; /* each 4 bytes become 6 */
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = "ab\"\n"[i % 4];
    p = detail(big, sizeof big);
    body(404, &p, &len);
    size_t w = (size_t)snprintf(want, sizeof want, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"");
    for (size_t i = 0; i < sizeof big; i += 4) {
        memcpy(want + w, "ab\\\"\\n", 6);
        w += 6;
    }
    memcpy(want + w, "\"}", 2);
    w += 2;
    OK(len == w && memcmp(out, want, w) == 0, "60000 bytes of detail: %zu, want %zu", len, w);
}

/* ---- the reader: the four rules ---------------------------------------------- */

/* The ids of the findings for a response with Date, this Content-Type (or
 * none) and this content, space-separated. The three ways to give the
 * content must agree: the options' content_data to hs_check, the same to
 * hs_checker, and hs_checker_content_data after the fields from a copy
 * that is overwritten before the end (nothing of it may be kept). */
static const char *problem_ids(int code, const char *type, const char *content, size_t size, char *buf,
                               size_t bufsize)
{
    hs_header h[2] = {{"Date", 4, "Tue, 15 Nov 1994 08:12:31 GMT", 29}, {"Content-Type", 12, type, 0}};
    size_t nh = type != NULL ? 2 : 1;
    if (type != NULL)
        h[1].value_len = strlen(type);
    hs_check_options o = HS_CHECK_OPTIONS_INIT;
    o.content_data = content;
    o.content_size = size;
    hs_finding a[64], b[64], c[64];
    size_t na = hs_check(code, h, nh, &o, a, 64);

    hs_checker k;
    hs_checker_begin(&k, code, &o);
    for (size_t i = 0; i < nh; i++)
        hs_checker_response(&k, h[i].name, h[i].name_len, h[i].value, h[i].value_len);
    size_t nb = hs_checker_end(&k, b, 64);

    char *copy = malloc(size + 1);
    memcpy(copy, content, size);
    hs_checker_begin(&k, code, NULL);
    for (size_t i = 0; i < nh; i++)
        hs_checker_response(&k, h[i].name, h[i].name_len, h[i].value, h[i].value_len);
    hs_checker_content_data(&k, copy, size);
    memset(copy, '!', size);
    free(copy);
    size_t nc = hs_checker_end(&k, c, 64);

    OK(na == nb && na == nc, "%d: the three ways agree on the count: %zu %zu %zu", code, na, nb, nc);
    buf[0] = '\0';
    for (size_t i = 0; i < na && i < 64; i++) {
        OK(a[i].rule == b[i].rule && (i >= nc || a[i].rule == c[i].rule), "%d: finding %zu agrees", code, i);
        const hs_rule *r = hs_rule_at(a[i].rule);
        if (buf[0] != '\0')
            strncat(buf, " ", bufsize - strlen(buf) - 1);
        strncat(buf, r->id, bufsize - strlen(buf) - 1);
    }
    return buf;
}

#define PJ "application/problem+json"

static void expect_ids(int code, const char *type, const char *content, size_t size, const char *want, int line)
{
    char buf[512];
    const char *got = problem_ids(code, type, content, size, buf, sizeof buf);
    OK(strcmp(got, want) == 0, "line %d: %d %.60s: got \"%s\", want \"%s\"", line, code, content, got, want);
}
#define EXPECT_IDS(code, content, want) expect_ids((code), PJ, S(content), (want), __LINE__)

static void test_the_rule_rows(void)
{
    static const struct {
        const char *id, *level, *reference;
    } want[] = {
        {"problem-invalid", "must", "RFC 9457, Section 3"},
        {"problem-status-mismatch", "must", "RFC 9457, Section 3.1.2"},
        {"problem-member-type", "should", "RFC 9457, Section 3.1"},
        {"problem-title-differs", "info", "RFC 9457, Section 4.2.1"},
    };
    size_t first = hs_rule_count() - COUNT_OF(want);
    for (size_t i = 0; i < COUNT_OF(want); i++) {
        const hs_rule *r = hs_rule_at(first + i);
        STR_EQ(r->id, want[i].id, "the problem rules come last, in this order");
        STR_EQ(r->level, want[i].level, r->id);
        STR_EQ(r->reference, want[i].reference, r->id);
        OK(r->field == NULL && !r->needs_request, "%s: no field, no request", r->id);
    }
    /* they apply to every valid code; the title one to codes with a phrase */
    for (int code = 100; code <= 599; code++)
        for (size_t i = 0; i < COUNT_OF(want); i++)
            OK(hs_rule_applies(first + i, code) == (i < 3 || hs_phrase(code) != NULL), "%s applies to %d",
               want[i].id, code);
    for (size_t i = 0; i < COUNT_OF(want); i++)
        OK(!hs_rule_applies(first + i, 600) && !hs_rule_applies(first + i, 99), "%s: not outside 100..599",
           want[i].id);
}

static void test_valid_bodies(void)
{
    /* what the writer writes, for every code of the table, passes */
    for (size_t i = 0; i < hs_count(); i++) {
        hs_problem p = detail(S("d\xc3\xa9tail \"quoted\"\n"));
        hs_problem_extension e = {"extra", 5, "{\"z\":[1,{\"b\":null}],\"a\":\"\\u00e9\"}", 0};
        e.value_len = strlen(e.value);
        p.extensions = &e;
        p.extension_count = 1;
        p.instance = "/x";
        p.instance_len = 2;
        int code = hs_at(i)->code;
        size_t len = hs_problem_json(out, sizeof out, code, &p);
        char buf[512];
        const char *got = problem_ids(code, PJ, out, len, buf, sizeof buf);
        OK(strstr(got, "problem-") == NULL, "%d: the writer's body breaks no problem rule: %s", code, got);
    }
    EXPECT_IDS(404, "{}", "");
    EXPECT_IDS(404, " \t\r\n{ \"title\" : \"Not Found\" , \"status\" : 404 }\n ", "");
    EXPECT_IDS(404, "{\"type\":\"https://example.com/x\",\"title\":\"Anything\",\"status\":404}", "");
    EXPECT_IDS(404, "{\"detail\":\"\",\"instance\":\"\",\"x\":[1,2.5e10,-0,true,false,null,{\"a\":{}}]}", "");
    /* members nested deeper are not the problem's */
    EXPECT_IDS(404, "{\"a\":{\"status\":500,\"title\":1},\"b\":[{\"type\":false}]}", "");
    /* a lone surrogate escape is valid JSON text (RFC 8259, Section 8.2) */
    EXPECT_IDS(404, "{\"x\":\"\\ud800\",\"title\":\"Not Found\"}", "");
    /* UTF-8 of every length, escapes of every kind */
    EXPECT_IDS(404, "{\"detail\":\"\xc3\xa9\xe2\x80\xa8\xf0\x9f\x98\x80\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\uD83D\\uDE00\"}",
               "");
    /* empty content is no content: the rules stay silent */
    expect_ids(404, PJ, "", 0, "", __LINE__);
}

static void test_not_one_object(void)
{
    static const char *const bodies[] = {
        "[]", "\"x\"", "404", "null", "true", " ", "\n", "{} x", "{}{}", "{},", "{", "}", "{\"a\"}", "{\"a\":}",
        "{\"a\":1,}", "{,}", "{\"a\" 1}", "{'a':1}", "{a:1}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}",
        "{\"a\":-}", "{\"a\":+1}", "{\"a\":1e}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":tru}", "{\"a\":nul}",
        "{\"a\":[1,]}", "{\"a\":[1}", "{\"a\":{]}", "{\"a\":\"open}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
        "{\"a\":\"\\u123g\"}", "{\"a\":\"\\", "{\"a\":1 /* no comments */}", "{\"a\":1}\x00", "{\"a\":\"\x01\"}",
        "{\"a\":\"tab\there\"}", "\xef\xbb\xbf{}", "{\"a\":\"\xff\"}", "{\"a\":\"\xc0\xaf\"}",
        "{\"a\":\"\xed\xa0\x80\"}", "{\"a\":\"\xf4\x90\x80\x80\"}", "{\"\xe2\x82\":1}", "{\"a\":1}\xc2\xa0",
        "\xc2\xa0{}", "{\"a\":[[[[]]]}", "{\"a\":true false}",
    };
    for (size_t i = 0; i < COUNT_OF(bodies); i++) {
        size_t len = strlen(bodies[i]) + (strcmp(bodies[i], "{\"a\":1}") == 0); /* the NUL case */
        expect_ids(404, PJ, bodies[i], len, "problem-invalid", __LINE__);
    }
    /* invalid whatever else the body says: nothing but problem-invalid */
    EXPECT_IDS(404, "{\"status\":500,\"title\":1,", "problem-invalid");
    EXPECT_IDS(404, "{\"status\":500}\n\n{}", "problem-invalid");
}

static void test_status(void)
{
    /* an integer equal to the code, or written with a fraction or exponent */
    EXPECT_IDS(404, "{\"status\":404}", "");
    static const char *const same[] = {"404.0", "404.000", "4.04e2", "4.04E2", "4.04e+2", "40400e-2", "0.404e3",
                                       "404e0", "404E-0", "0.0000404e7", "40.4e1"};
    char body[256];
    for (size_t i = 0; i < COUNT_OF(same); i++) {
        int n = snprintf(body, sizeof body, "{\"status\":%s}", same[i]);
        expect_ids(404, PJ, body, (size_t)n, "problem-member-type", __LINE__);
    }
    EXPECT_IDS(500, "{\"status\":5e2}", "problem-member-type");
    EXPECT_IDS(500, "{\"status\":0.5E3}", "problem-member-type");
    EXPECT_IDS(100, "{\"status\":1e2}", "content-forbidden problem-member-type"); /* a 1xx has no content */
    EXPECT_IDS(410, "{\"status\":4.1e2}", "problem-member-type");
    /* any other number differs */
    static const char *const other[] = {"500", "405", "40", "4040", "0", "-0", "-404", "404.5", "404.0000001",
                                        "4.04e3", "4.04", "4e2", "4.041e2", "1e400", "4.04e200000000000000000000",
                                        "4.04e-99999999999999999999", "0.0", "-4.04e2", "40400e-3"};
    for (size_t i = 0; i < COUNT_OF(other); i++) {
        int n = snprintf(body, sizeof body, "{\"title\":\"Not Found\",\"status\":%s}", other[i]);
        bool integer = strpbrk(other[i], ".eE") == NULL;
        expect_ids(404, PJ, body, (size_t)n,
                   integer ? "problem-status-mismatch" : "problem-status-mismatch problem-member-type", __LINE__);
    }
    /* digits past what any double holds */
    static char longer[HS_PROBLEM_CONTENT_MAX];
    size_t n = (size_t)snprintf(longer, sizeof longer, "{\"status\":404.");
    while (n < 60000)
        longer[n++] = '0';
    memcpy(longer + n, "}", 1);
    expect_ids(404, PJ, longer, n + 1, "problem-member-type", __LINE__);
    memcpy(longer + n, "1}", 2);
    expect_ids(404, PJ, longer, n + 2, "problem-status-mismatch problem-member-type", __LINE__);
    n = (size_t)snprintf(longer, sizeof longer, "{\"status\":0.");
    while (n < 60000)
        longer[n++] = '0';
    n += (size_t)snprintf(longer + n, sizeof longer - n, "404e59991}");
    expect_ids(404, PJ, longer, n, "problem-member-type", __LINE__);
    /* not a number: only the type */
    EXPECT_IDS(404, "{\"status\":\"404\"}", "problem-member-type");
    EXPECT_IDS(404, "{\"status\":null}", "problem-member-type");
    EXPECT_IDS(404, "{\"status\":[404]}", "problem-member-type");
    EXPECT_IDS(404, "{\"status\":{\"code\":404}}", "problem-member-type");
    EXPECT_IDS(404, "{\"status\":true}", "problem-member-type");
    /* the last of a repeated name counts */
    EXPECT_IDS(404, "{\"status\":500,\"status\":404}", "");
    EXPECT_IDS(404, "{\"status\":404,\"status\":500}", "problem-status-mismatch");
    EXPECT_IDS(404, "{\"status\":\"x\",\"status\":404}", "");
    EXPECT_IDS(404, "{\"status\":404,\"st\\u0061tus\":\"x\"}", "problem-member-type");
    /* and a key is compared by its value: "status " or "Status" is another member */
    EXPECT_IDS(404, "{\"Status\":500,\"status \":500,\"stat\":500}", "");
}

static void test_member_types_and_title(void)
{
    EXPECT_IDS(404, "{\"type\":1}", "problem-member-type");
    EXPECT_IDS(404, "{\"title\":true}", "problem-member-type");
    EXPECT_IDS(404, "{\"detail\":[\"x\"]}", "problem-member-type");
    EXPECT_IDS(404, "{\"instance\":{}}", "problem-member-type");
    EXPECT_IDS(404, "{\"detail\":null}", "problem-member-type");
    EXPECT_IDS(404, "{\"detail\":1,\"detail\":\"fixed\"}", "");
    EXPECT_IDS(404, "{\"detail\":\"x\",\"detail\":1}", "problem-member-type");

    /* the title against the phrase, with no type or about:blank */
    EXPECT_IDS(404, "{\"title\":\"Not Found\"}", "");
    EXPECT_IDS(404, "{\"title\":\"Nicht gefunden\"}", "problem-title-differs");
    EXPECT_IDS(404, "{\"title\":\"not found\"}", "problem-title-differs");
    EXPECT_IDS(404, "{\"title\":\"Not Found \"}", "problem-title-differs");
    EXPECT_IDS(404, "{\"title\":\"Not Foun\"}", "problem-title-differs");
    EXPECT_IDS(404, "{\"title\":\"\"}", "problem-title-differs");
    EXPECT_IDS(404, "{\"title\":\"Not\\u0020Found\"}", "");
    EXPECT_IDS(404, "{\"title\":\"Not Found\\u0000\"}", "problem-title-differs");
    EXPECT_IDS(404, "{\"type\":\"about:blank\",\"title\":\"Introuvable\"}", "problem-title-differs");
    EXPECT_IDS(404, "{\"type\":\"about:\\u0062lank\",\"title\":\"Introuvable\"}", "problem-title-differs");
    EXPECT_IDS(404, "{\"type\":\"https://example.com/probs/x\",\"title\":\"Introuvable\"}", "");
    EXPECT_IDS(404, "{\"type\":\"about:blank#x\",\"title\":\"Introuvable\"}", "");
    EXPECT_IDS(404, "{\"type\":\"ABOUT:BLANK\",\"title\":\"Introuvable\"}", "");
    EXPECT_IDS(404, "{\"type\":\"\",\"title\":\"Introuvable\"}", "");
    EXPECT_IDS(404, "{\"title\":\"Introuvable\",\"type\":\"https://x\",\"type\":\"about:blank\"}",
               "problem-title-differs");
    EXPECT_IDS(418, "{\"title\":\"I'm a Teapot\",\"status\":418}", "");
    /* a title that is no string is only the type's finding; a type that is no string hides the title */
    EXPECT_IDS(404, "{\"title\":404}", "problem-member-type");
    EXPECT_IDS(404, "{\"type\":null,\"title\":\"Introuvable\"}", "problem-member-type");
    /* a code not in the table has no phrase to compare with */
    EXPECT_IDS(299, "{\"title\":\"Whatever\",\"status\":299}", "status-unregistered");
    EXPECT_IDS(299, "{\"title\":\"Whatever\",\"status\":200}", "status-unregistered problem-status-mismatch");
    /* several at once, in rule order */
    EXPECT_IDS(404, "{\"title\":\"Oops\",\"status\":400,\"detail\":7}",
               "problem-status-mismatch problem-member-type problem-title-differs");
    EXPECT_IDS(204, "{\"status\":200}", "content-forbidden problem-status-mismatch");
}

static void test_when_they_read(void)
{
    const char *bad = "{\"status\":500";
    size_t len = strlen(bad);
    /* only a problem+json Content-Type, in any case, with parameters */
    static const char *const yes[] = {PJ, "Application/Problem+JSON", "application/problem+json; charset=utf-8",
                                      " application/problem+json ", "application/problem+json;x=y"};
    for (size_t i = 0; i < COUNT_OF(yes); i++)
        expect_ids(404, yes[i], bad, len, "problem-invalid", __LINE__);
    static const char *const no[] = {"application/json", "application/problem+xml", "application/problem+json2",
                                     "application/problem", "text/plain", "application/problem+ json", ""};
    for (size_t i = 0; i < COUNT_OF(no); i++)
        expect_ids(404, no[i], bad, len, "", __LINE__);
    expect_ids(404, NULL, bad, len, "", __LINE__);

    /* the content itself must be given: content=present alone is not enough */
    hs_header h[2] = {{"Date", 4, DATE, sizeof DATE - 1}, {"Content-Type", 12, PJ, strlen(PJ)}};
    hs_check_options o = HS_CHECK_OPTIONS_INIT;
    hs_finding f[64];
    o.content = HS_CONTENT_PRESENT;
    SIZE_EQ(hs_check(404, h, 2, &o, f, 64), 0, "content present, not given: silent");

    /* a second Content-Type field that is problem+json counts too */
    hs_header two[3] = {{"Date", 4, DATE, sizeof DATE - 1}, {"Content-Type", 12, "text/plain", 10},
                      {"content-type", 12, PJ, 24}};
    o = (hs_check_options)HS_CHECK_OPTIONS_INIT;
    o.content_data = bad;
    o.content_size = len;
    SIZE_EQ(hs_check(404, two, 3, &o, f, 64), 1, "problem+json in any Content-Type field");

    /* ignored or below the level: the rules are silent (and the body unread) */
    o.ignore = 1ULL << hs_rule_find(S("problem-invalid"));
    SIZE_EQ(hs_check(404, h, 2, &o, f, 64), 0, "problem-invalid ignored");
    o.ignore = 0;
    o.level = HS_MUST;
    o.content_data = "{\"title\":\"x\",\"status\":404.0}";
    o.content_size = strlen(o.content_data);
    SIZE_EQ(hs_check(404, h, 2, &o, f, 64), 0, "member-type (should) and title (info) below must");
    o.level = HS_SHOULD;
    SIZE_EQ(hs_check(404, h, 2, &o, f, 64), 1, "member-type at should");

    /* a code outside 100..599 gets status-invalid alone */
    expect_ids(600, PJ, bad, len, "status-invalid", __LINE__);
    expect_ids(99, PJ, "{\"status\":99}", 13, "status-invalid", __LINE__);
}

static void test_limits(void)
{
    /* HS_PROBLEM_CONTENT_MAX bytes are read; one more and the rules are silent */
    static char big[HS_PROBLEM_CONTENT_MAX + 2];
    size_t n = (size_t)snprintf(big, sizeof big, "{\"status\":500,\"detail\":\"");
    while (n < HS_PROBLEM_CONTENT_MAX - 2)
        big[n++] = 'x';
    memcpy(big + n, "\"}", 2);
    n += 2;
    SIZE_EQ(n, HS_PROBLEM_CONTENT_MAX, "the body fills the limit");
    expect_ids(404, PJ, big, n, "problem-status-mismatch", __LINE__);
    memmove(big + 1, big, n);
    big[0] = ' ';
    expect_ids(404, PJ, big, n + 1, "", __LINE__);

    /* HS_PROBLEM_READ_DEPTH levels are read (the object is the first);
     * deeper, the rules are silent */
    static char deep[3 * HS_PROBLEM_READ_DEPTH + 64];
    for (int extra = 0; extra <= 1; extra++) {
        size_t levels = HS_PROBLEM_READ_DEPTH - 1 + (size_t)extra; /* arrays inside the object */
        n = (size_t)snprintf(deep, sizeof deep, "{\"status\":500,\"a\":");
        for (size_t i = 0; i < levels; i++)
            deep[n++] = '[';
        for (size_t i = 0; i < levels; i++)
            deep[n++] = ']';
        deep[n++] = '}';
        expect_ids(404, PJ, deep, n, extra ? "" : "problem-status-mismatch", __LINE__);
    }
    /* deep objects too */
    n = (size_t)snprintf(deep, sizeof deep, "{\"title\":1,\"a\":");
    for (size_t i = 0; i < HS_PROBLEM_READ_DEPTH / 2; i++)
        n += (size_t)snprintf(deep + n, sizeof deep - n, "{\"k\":");
    deep[n++] = '1';
    for (size_t i = 0; i < HS_PROBLEM_READ_DEPTH / 2; i++)
        deep[n++] = '}';
    deep[n++] = '}';
    expect_ids(404, PJ, deep, n, "problem-member-type", __LINE__);
}

static void test_the_streaming_call(void)
{
    hs_checker c;
    hs_finding f[64];
    const char *type = PJ;

    /* it replaces what the options said, and hs_checker_content forgets it */
    hs_check_options o = HS_CHECK_OPTIONS_INIT;
    o.content_data = "{\"status\":404}";
    o.content_size = 14;
    hs_checker_begin(&c, 404, &o);
    hs_checker_response(&c, "Date", 4, DATE, sizeof DATE - 1);
    hs_checker_response(&c, "Content-Type", 12, type, strlen(type));
    SIZE_EQ(hs_checker_end(&c, f, 64), 0, "the options' content: fine");
    hs_checker_content_data(&c, "{\"status\":500}", 14);
    SIZE_EQ(hs_checker_end(&c, f, 64), 1, "the streamed content replaces it");
    STR_EQ(hs_rule_at(f[0].rule)->id, "problem-status-mismatch", "read from the call");
    hs_checker_content(&c, HS_CONTENT_PRESENT);
    SIZE_EQ(hs_checker_end(&c, f, 64), 0, "hs_checker_content forgets the content read");

    /* it sets content, as content_data does */
    hs_checker_begin(&c, 204, NULL);
    hs_checker_response(&c, "Date", 4, DATE, sizeof DATE - 1);
    hs_checker_content_data(&c, "x", 1);
    SIZE_EQ(hs_checker_end(&c, f, 64), 1, "204 with content");
    STR_EQ(hs_rule_at(f[0].rule)->id, "content-forbidden", "content set by the call");
    hs_checker_content_data(&c, "", 0);
    SIZE_EQ(hs_checker_end(&c, f, 64), 0, "empty: no content");
    hs_checker_content_data(&c, NULL, 0);
    SIZE_EQ(hs_checker_end(&c, f, 64), 0, "NULL and 0: no content");
    hs_checker_content_data(&c, NULL, 5);
    SIZE_EQ(hs_checker_end(&c, f, 64), HS_CHECK_INVALID, "NULL with a size is a mistake");

    /* content past the limit is present (content-forbidden) but not read */
    static char longer[HS_PROBLEM_CONTENT_MAX + 1];
    memset(longer, '[', sizeof longer);
    hs_checker_begin(&c, 204, NULL);
    hs_checker_response(&c, "Content-Type", 12, type, strlen(type));
    hs_checker_content_data(&c, longer, sizeof longer);
    SIZE_EQ(hs_checker_end(&c, f, 64), 2, "204 with a long body: date-missing, content-forbidden");
    STR_EQ(hs_rule_at(f[1].rule)->id, "content-forbidden", "and no problem rule");

    /* a Content-Type fed after the content still counts: the facts were read at once */
    hs_checker_begin(&c, 404, NULL);
    hs_checker_response(&c, "Date", 4, DATE, sizeof DATE - 1);
    hs_checker_content_data(&c, "[]", 2);
    hs_checker_response(&c, "Content-Type", 12, type, strlen(type));
    SIZE_EQ(hs_checker_end(&c, f, 64), 1, "a late Content-Type");
    STR_EQ(hs_rule_at(f[0].rule)->id, "problem-invalid", "a late Content-Type");
}

int main(void)
{
    test_the_examples();
    test_every_code_of_the_table();
    test_escaping();
    test_faults_of_the_standard_members();
    test_extension_values();
    test_extension_order_and_names();
    test_faults_of_extensions();
    test_faults_of_values();
    test_the_snprintf_contract();
    test_messages_and_large_inputs();
    test_the_rule_rows();
    test_valid_bodies();
    test_not_one_object();
    test_status();
    test_member_types_and_title();
    test_when_they_read();
    test_limits();
    test_the_streaming_call();
    return harness_report("test_problem");
}
