/*
 * httpstatus: the response rules of core/rules.def, and hs_check, which
 * applies them to one response. No heap, no mutable state: what a check
 * learns of the fields lives in the caller's hs_checker, as one bit per field
 * of interest and per fact about a value (core/values.c reads the values),
 * plus a hash of the first value of each field that must appear once, so a
 * check is linear in the size of the fields and keeps no pointer into them.
 */
#include "httpstatus.h"
#include "fields.h"
#include "problem.h"

#include <string.h>

#include "values.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the rules, expanded from rules.def ---------------------------------- */

enum {
#define HS_RULE(ident, id, level, field, request, reference, en, ko) RULE_##ident,
#include "rules.def"
    RULE_COUNT
};

/* hs_check_options.ignore has a bit per rule. */
typedef char rules_fit_in_the_ignore_mask[RULE_COUNT <= 64 ? 1 : -1];

#define LEVEL_NAME_MUST "must"
#define LEVEL_NAME_SHOULD "should"
#define LEVEL_NAME_INFO "info"

static const hs_rule rules[] = {
#define HS_RULE(ident, id, level, field, request, reference, en, ko) \
    {id, LEVEL_NAME_##level, field, en, ko, reference, HS_##level, (request) != 0},
#include "rules.def"
};

size_t hs_rule_count(void) { return COUNT_OF(rules); }
const hs_rule *hs_rule_at(size_t i) { return i < COUNT_OF(rules) ? &rules[i] : NULL; }

size_t hs_rule_find(const char *id, size_t len)
{
    for (size_t i = 0; id != NULL && i < COUNT_OF(rules); i++)
        if (strlen(rules[i].id) == len && memcmp(rules[i].id, id, len) == 0)
            return i;
    return COUNT_OF(rules);
}

const char *hs_rule_message(size_t i, const char *lang)
{
    if (i >= COUNT_OF(rules) || !hs_is_language(lang))
        return NULL;
    return lang[0] == 'k' ? rules[i].message_ko : rules[i].message;
}

#define RULE(ident) (1ULL << RULE_##ident)

/* The rules that can fire for a code, whatever the fields and the request,
 * one bit per rule: a check then looks only at these. */
static unsigned long long rules_for(int code)
{
    if (!hs_is_valid(code))
        return RULE(STATUS_INVALID);
    unsigned long long m = RULE(CONTENT_FORBIDDEN); /* any response to HEAD */
    if (!hs_is_official(code))
        m |= RULE(STATUS_UNREGISTERED);
    if (code < 300) /* 1xx, 204, and any 2xx to CONNECT */
        m |= RULE(CONTENT_LENGTH_FORBIDDEN) | RULE(TRANSFER_ENCODING_FORBIDDEN);
    if (code >= 200 && code <= 499)
        m |= RULE(DATE_MISSING);
    if (hs_is_informational(code))
        m |= RULE(INFORMATIONAL_TO_HTTP10);
    if (hs_is_redirect(code))
        m |= RULE(LOCATION_MISSING);
    /* the values: any field may appear on any status */
    m |= RULE(LOCATION_INVALID) | RULE(ALLOW_INVALID) | RULE(RETRY_AFTER_INVALID) | RULE(DATE_INVALID) |
         RULE(CONTENT_LENGTH_INVALID) | RULE(CONTENT_RANGE_INVALID) | RULE(WWW_AUTHENTICATE_INVALID) |
         RULE(PROXY_AUTHENTICATE_INVALID) | RULE(UPGRADE_INVALID);
    if (code != 201 && !hs_is_redirection(code))
        m |= RULE(LOCATION_UNDEFINED);
    if (code != 206 && code != 416)
        m |= RULE(CONTENT_RANGE_UNDEFINED);
    switch (code) {
    case 100: m |= RULE(CONTINUE_UNEXPECTED); break;
    case 101: m |= RULE(UPGRADE_MISSING) | RULE(SWITCHING_OVER_HTTP2) | RULE(UPGRADE_UNREQUESTED); break;
    case 201: m |= RULE(LOCATION_SUGGESTED) | RULE(CREATED_BY_SAFE_METHOD); break;
    case 206: m |= RULE(CONTENT_RANGE_MISSING) | RULE(PARTIAL_UNREQUESTED) | RULE(CONTENT_RANGE_UNSATISFIED_IN_206); break;
    case 300: m |= RULE(LOCATION_SUGGESTED); break;
    case 304: m |= RULE(METADATA_IN_304) | RULE(NOT_MODIFIED_UNCONDITIONAL); break;
    case 305:
    case 306: m |= RULE(STATUS_OBSOLETE); break;
    case 401: m |= RULE(WWW_AUTHENTICATE_MISSING); break;
    case 405: m |= RULE(ALLOW_MISSING) | RULE(METHOD_IN_ALLOW); break;
    case 406: m |= RULE(NEGOTIATION_UNREQUESTED); break;
    case 407: m |= RULE(PROXY_AUTHENTICATE_MISSING); break;
    case 412: m |= RULE(PRECONDITION_UNREQUESTED); break;
    case 413: m |= RULE(RETRY_AFTER_SUGGESTED); break;
    case 416: m |= RULE(CONTENT_RANGE_SUGGESTED) | RULE(RANGE_UNREQUESTED); break;
    case 417: m |= RULE(EXPECTATION_UNREQUESTED); break;
    case 426: m |= RULE(UPGRADE_MISSING); break;
    case 429: m |= RULE(RETRY_AFTER_SUGGESTED); break;
    case 503: m |= RULE(RETRY_AFTER_SUGGESTED); break;
    default: break;
    }
    /* a problem-details body (RFC 9457); a title is compared with the phrase */
    m |= RULE(PROBLEM_INVALID) | RULE(PROBLEM_STATUS_MISMATCH) | RULE(PROBLEM_MEMBER_TYPE);
    if (hs_phrase(code) != NULL)
        m |= RULE(PROBLEM_TITLE_DIFFERS);
    return m;
}

static bool rule_applies(size_t rule, int code)
{
    return (rules_for(code) >> rule & 1) != 0;
}

bool hs_rule_applies(size_t i, int code)
{
    return i < COUNT_OF(rules) && rule_applies(i, code);
}

const char *hs_rule_of(int code, size_t j)
{
    /* the code's rules worked out once, not once per rule: listing a code's
     * rules (j = 0, 1, ...) is what Python's Status does for every member */
    unsigned long long m = rules_for(code);
    for (size_t i = 0; i < COUNT_OF(rules); i++)
        if ((m >> i & 1) != 0 && j-- == 0)
            return rules[i].id;
    return NULL;
}

bool hs_level_of(const char *s, size_t len, hs_level *out)
{
    static const char *const names[] = {"info", "should", "must"};
    static const hs_level levels[] = {HS_INFO, HS_SHOULD, HS_MUST};
    for (size_t i = 0; s != NULL && i < COUNT_OF(names); i++)
        if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0) {
            *out = levels[i];
            return true;
        }
    return false;
}

/* tchar, RFC 9110, Section 5.6.2: "!#$%&'*+-.^_`|~", digits and letters. */
static bool is_tchar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

bool hs_is_method(const char *s, size_t len)
{
    if (s == NULL || len == 0)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!is_tchar((unsigned char)s[i]))
            return false;
    return true;
}

hs_http_version hs_http_version_of(const char *s, size_t len)
{
    static const char *const names[] = {"1.0", "1.1", "2", "3"};
    static const hs_http_version versions[] = {HS_HTTP_1_0, HS_HTTP_1_1, HS_HTTP_2, HS_HTTP_3};
    for (size_t i = 0; s != NULL && i < COUNT_OF(names); i++)
        if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0)
            return versions[i];
    return HS_VERSION_UNSET;
}

/* ---- fields ------------------------------------------------------------------- */

/* The fields any rule reads, response or request, shortest first (the
 * lookup by length below relies on that order); a field's bit is 1 << its
 * index here. A is passed through to X. */
#define KNOWN_FIELDS(X, A)                                                                        \
    X(DATE, "date", A) X(ALLOW, "allow", A) X(RANGE, "range", A) X(EXPECT, "expect", A)           \
    X(ACCEPT, "accept", A) X(UPGRADE, "upgrade", A) X(LOCATION, "location", A)                   \
    X(IF_MATCH, "if-match", A) X(IF_RANGE, "if-range", A) X(RETRY_AFTER, "retry-after", A)        \
    X(CONTENT_TYPE, "content-type", A) X(CONTENT_RANGE, "content-range", A)                      \
    X(IF_NONE_MATCH, "if-none-match", A) X(CONTENT_LENGTH, "content-length", A)                  \
    X(ACCEPT_CHARSET, "accept-charset", A) X(ACCEPT_ENCODING, "accept-encoding", A)              \
    X(ACCEPT_LANGUAGE, "accept-language", A) X(WWW_AUTHENTICATE, "www-authenticate", A)          \
    X(CONTENT_ENCODING, "content-encoding", A) X(CONTENT_LANGUAGE, "content-language", A)        \
    X(TRANSFER_ENCODING, "transfer-encoding", A) X(IF_MODIFIED_SINCE, "if-modified-since", A)    \
    X(PROXY_AUTHENTICATE, "proxy-authenticate", A) X(IF_UNMODIFIED_SINCE, "if-unmodified-since", A)
#define LONGEST_FIELD 19

enum {
#define X(ident, name, a) F_##ident,
    KNOWN_FIELDS(X, 0)
#undef X
    /* facts about values, after the names */
    F_BYTERANGES,     /* response Content-Type is multipart/byteranges */
    F_ALLOWS_METHOD,  /* response Allow lists the request's method */
    F_EXPECT_CONTINUE /* request Expect holds 100-continue */
};
typedef char fields_fit_in_a_long[F_EXPECT_CONTINUE < 32 ? 1 : -1];

#define BIT(f) (1UL << (f))

static const struct {
    const char *name; /* lowercase */
    size_t len;
} known_fields[] = {
#define X(ident, name, a) {name, sizeof name - 1},
    KNOWN_FIELDS(X, 0)
#undef X
};

const char *hs_known_field(size_t i)
{
    return i < COUNT_OF(known_fields) ? known_fields[i].name : NULL;
}

/* first_of_length[n]: the index of the first known field of n bytes or
 * more (the number of shorter ones), so a name is compared only with the
 * fields of its own length. */
#define SHORTER(ident, name, n) +(sizeof name - 1 < (n))
#define FIRST_OF_LENGTH(n) (0 KNOWN_FIELDS(SHORTER, n))
static const unsigned char first_of_length[LONGEST_FIELD + 2] = {
    FIRST_OF_LENGTH(0),  FIRST_OF_LENGTH(1),  FIRST_OF_LENGTH(2),  FIRST_OF_LENGTH(3),  FIRST_OF_LENGTH(4),
    FIRST_OF_LENGTH(5),  FIRST_OF_LENGTH(6),  FIRST_OF_LENGTH(7),  FIRST_OF_LENGTH(8),  FIRST_OF_LENGTH(9),
    FIRST_OF_LENGTH(10), FIRST_OF_LENGTH(11), FIRST_OF_LENGTH(12), FIRST_OF_LENGTH(13), FIRST_OF_LENGTH(14),
    FIRST_OF_LENGTH(15), FIRST_OF_LENGTH(16), FIRST_OF_LENGTH(17), FIRST_OF_LENGTH(18), FIRST_OF_LENGTH(19),
    FIRST_OF_LENGTH(20)};

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* s (len bytes) equals lowercase ASCII word, ignoring ASCII case. */
static bool equals_folded(const char *s, size_t len, const char *word, size_t word_len)
{
    if (len != word_len)
        return false;
    for (size_t i = 0; i < len; i++)
        if (lower((unsigned char)s[i]) != (unsigned char)word[i])
            return false;
    return true;
}

/* The index of a field name in known_fields, or -1. */
static int known_field(const char *name, size_t len)
{
    if (len > LONGEST_FIELD)
        return -1;
    for (size_t f = first_of_length[len]; f < first_of_length[len + 1]; f++)
        if (equals_folded(name, len, known_fields[f].name, len))
            return (int)f;
    return -1;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* Walks a comma-separated list: the next member, trimmed of white space, at
 * *member (*member_len bytes); false when the list is used up. Empty
 * members (",,") are skipped, as RFC 9110, Section 5.6.1 asks. */
static bool next_member(const char **s, const char *end, const char **member, size_t *member_len)
{
    while (*s < end) {
        const char *start = *s, *stop;
        while (*s < end && **s != ',')
            (*s)++;
        stop = *s;
        if (*s < end)
            (*s)++; /* the comma */
        while (start < stop && is_space(*start))
            start++;
        while (stop > start && is_space(stop[-1]))
            stop--;
        if (stop > start) {
            *member = start;
            *member_len = (size_t)(stop - start);
            return true;
        }
    }
    return false;
}

/* The media type of a Content-Type value is type/subtype (case-insensitive),
 * before any parameters. */
static bool is_media_type(const char *value, size_t len, const char *type, size_t type_len)
{
    const char *end = value + len;
    while (value < end && is_space(*value))
        value++;
    size_t n = 0;
    while (value + n < end && value[n] != ';' && !is_space(value[n]))
        n++;
    return equals_folded(value, n, type, type_len);
}

static bool is_byteranges(const char *value, size_t len)
{
    static const char type[] = "multipart/byteranges";
    return is_media_type(value, len, type, sizeof type - 1);
}

static bool list_has(const char *value, size_t len, const char *word, size_t word_len, bool fold_case)
{
    const char *member;
    size_t member_len;
    for (const char *s = value; next_member(&s, value + len, &member, &member_len);) {
        if (fold_case) {
            size_t n = 0; /* an expectation may have parameters: 100-continue;x=y */
            while (n < member_len && member[n] != ';' && member[n] != '=' && !is_space(member[n]))
                n++;
            if (equals_folded(member, n, word, word_len))
                return true;
        } else if (member_len == word_len && memcmp(member, word, word_len) == 0) {
            return true;
        }
    }
    return false;
}

/* ---- values ------------------------------------------------------------------- */

/* Facts about the response's values, a bit each in hs_checker.values. */
enum {
    V_LOCATION_BAD,           /* a Location line is not a URI-reference, or two differ */
    V_ALLOW_BAD,              /* an Allow line is not a list of methods */
    V_ALLOW_EMPTY,            /* an Allow line is empty (no methods) */
    V_ALLOW_LISTS,            /* an Allow line is not empty */
    V_RETRY_AFTER_BAD,        /* a Retry-After line is neither seconds nor an IMF-fixdate, or two differ */
    V_DATE_BAD,               /* a Date line is not an IMF-fixdate, or two differ */
    V_CONTENT_LENGTH_BAD,     /* a Content-Length line is not digits, or two differ */
    V_CONTENT_RANGE_BAD,      /* a Content-Range line is not its grammar, or two differ */
    V_RANGE_UNSATISFIED,      /* a Content-Range line is bytes, an asterisk, a length */
    V_WWW_AUTHENTICATE_BAD,   /* a WWW-Authenticate line is not a list of challenges */
    V_PROXY_AUTHENTICATE_BAD, /* a Proxy-Authenticate line is not a list of challenges */
    V_UPGRADE_BAD,            /* an Upgrade line is not a list of protocols */
    V_FIRST_SEEN              /* + SINGLE_x: the first value of field x is kept */
};

/* The fields that must appear once, an index each into hs_checker.first_*. */
enum { SINGLE_LOCATION, SINGLE_RETRY_AFTER, SINGLE_DATE, SINGLE_CONTENT_LENGTH, SINGLE_CONTENT_RANGE, SINGLE_COUNT };
typedef char singles_fit[SINGLE_COUNT == COUNT_OF(((hs_checker *)0)->first_key) ? 1 : -1];
typedef char values_fit_in_a_long[V_FIRST_SEEN + SINGLE_COUNT <= 32 ? 1 : -1];

#define VALUE(v) (1UL << (v))

/* Whether a value rule can be reported: the code is valid (every value rule
 * but three applies to every valid code, and those three read no value),
 * and neither ignore nor level drops it. Values nobody will hear about are
 * not read. */
static bool reported(const hs_checker *c, size_t rule)
{
    return c->code >= 100 && c->code <= 599 && !(c->opt.ignore >> rule & 1) && rules[rule].severity >= c->opt.level;
}

/* What hs_checker.first_length holds besides a length: the key of the
 * first value is not a hash of its bytes but a number (digits) or an instant
 * (a date), exact. */
#define KEY_NUMBER ((size_t)-1)
#define KEY_INSTANT ((size_t)-2)

/* A field that must appear once: true when this value (its key, and its
 * length or what the key is) differs from the first one fed, which is kept
 * and never differs. */
static bool differs(hs_checker *c, int single, unsigned long long key, size_t length)
{
    if (!(c->values & VALUE(V_FIRST_SEEN + single))) {
        c->values |= VALUE(V_FIRST_SEEN + single);
        c->first_key[single] = key;
        c->first_length[single] = length;
        return false;
    }
    return c->first_length[single] != length || c->first_key[single] != key;
}

/* The same for a value kept as a hash of its bytes. */
static bool differs_hashed(hs_checker *c, int single, const char *value, size_t len)
{
    return differs(c, single, hs_value_hash(value, len), len);
}

/* Reads the value of one response field line of field f, if a value rule
 * judges it. Each line is judged alone: a list field may be split over
 * lines, each a list of its own (a challenge split across two lines is
 * not: the second line starts with a parameter). */
static void judge_value(hs_checker *c, int f, const char *v, size_t len)
{
    /* RFC 9110, Section 5.5: the white space around a value is not part of it */
    while (len > 0 && is_space(v[0])) {
        v++;
        len--;
    }
    while (len > 0 && is_space(v[len - 1]))
        len--;
    unsigned long bad = 0;
    unsigned long long key;
    switch (f) {
    case F_LOCATION:
        if (reported(c, RULE_LOCATION_INVALID) &&
            (!hs_value_is_uri_reference(v, len) || differs_hashed(c, SINGLE_LOCATION, v, len)))
            bad = VALUE(V_LOCATION_BAD);
        break;
    case F_ALLOW:
        if (reported(c, RULE_ALLOW_INVALID))
            bad = VALUE(len == 0 ? V_ALLOW_EMPTY : V_ALLOW_LISTS) |
                  (hs_value_is_methods(v, len) ? 0 : VALUE(V_ALLOW_BAD));
        break;
    case F_RETRY_AFTER: /* delay-seconds or an IMF-fixdate, compared as what they mean */
        if (!reported(c, RULE_RETRY_AFTER_INVALID))
            break;
        if (hs_value_digits(v, len, &key) ? differs(c, SINGLE_RETRY_AFTER, key, KEY_NUMBER)
            : hs_value_imf_fixdate(v, len, &key) ? differs(c, SINGLE_RETRY_AFTER, key, KEY_INSTANT)
                                                 : true)
            bad = VALUE(V_RETRY_AFTER_BAD);
        break;
    case F_DATE:
        if (reported(c, RULE_DATE_INVALID) &&
            (!hs_value_imf_fixdate(v, len, &key) || differs(c, SINGLE_DATE, key, KEY_INSTANT)))
            bad = VALUE(V_DATE_BAD);
        break;
    case F_CONTENT_LENGTH: /* lines differ when their numbers do: 42 is 042 */
        if (reported(c, RULE_CONTENT_LENGTH_INVALID) &&
            (!hs_value_digits(v, len, &key) || differs(c, SINGLE_CONTENT_LENGTH, key, KEY_NUMBER)))
            bad = VALUE(V_CONTENT_LENGTH_BAD);
        break;
    case F_CONTENT_RANGE: {
        bool judged = reported(c, RULE_CONTENT_RANGE_INVALID);
        if (!judged && !(c->code == 206 && reported(c, RULE_CONTENT_RANGE_UNSATISFIED_IN_206)))
            break;
        hs_range_form form = hs_value_content_range(v, len);
        if (form == HS_RANGE_UNSATISFIED)
            bad = VALUE(V_RANGE_UNSATISFIED);
        if (judged && (form == HS_RANGE_INVALID || differs_hashed(c, SINGLE_CONTENT_RANGE, v, len)))
            bad |= VALUE(V_CONTENT_RANGE_BAD);
        break;
    }
    case F_WWW_AUTHENTICATE:
        if (reported(c, RULE_WWW_AUTHENTICATE_INVALID) && !hs_value_is_challenges(v, len))
            bad = VALUE(V_WWW_AUTHENTICATE_BAD);
        break;
    case F_PROXY_AUTHENTICATE:
        if (reported(c, RULE_PROXY_AUTHENTICATE_INVALID) && !hs_value_is_challenges(v, len))
            bad = VALUE(V_PROXY_AUTHENTICATE_BAD);
        break;
    case F_UPGRADE:
        if (reported(c, RULE_UPGRADE_INVALID) && !hs_value_is_protocols(v, len))
            bad = VALUE(V_UPGRADE_BAD);
        break;
    default: break;
    }
    c->values |= bad;
}

/* Whether the options can be applied: every enum within its values, and a
 * method that is a token. */
static bool options_valid(const hs_check_options *o)
{
    return (o->method == NULL || hs_is_method(o->method, o->method_len)) &&
           (o->content == HS_CONTENT_UNKNOWN || o->content == HS_CONTENT_NONE || o->content == HS_CONTENT_PRESENT) &&
           (o->version == HS_VERSION_UNSET || o->version == HS_HTTP_1_0 || o->version == HS_HTTP_1_1 ||
            o->version == HS_HTTP_2 || o->version == HS_HTTP_3) &&
           (o->level == HS_INFO || o->level == HS_SHOULD || o->level == HS_MUST);
}

bool hs_checker_begin(hs_checker *c, int code, const hs_check_options *opt)
{
    static const hs_check_options none;
    c->code = code;
    c->opt = opt != NULL ? *opt : none;
    if (c->opt.method == NULL)
        c->opt.method_len = 0;
    if (c->opt.content_data != NULL)
        c->opt.content = c->opt.content_size > 0 ? HS_CONTENT_PRESENT : HS_CONTENT_NONE;
    else
        c->opt.content_size = 0;
    c->response = 0;
    c->request = 0;
    c->values = 0;
    c->problem = 0;
    c->invalid = !options_valid(&c->opt);
    for (size_t i = 0; c->opt.request_fields != NULL && i < c->opt.request_field_count; i++) {
        const hs_header *h = &c->opt.request_fields[i];
        hs_checker_request(c, h->name, h->name_len, h->value, h->value_len);
    }
    c->opt.request_fields = NULL; /* fed: the state keeps no pointer to them */
    c->opt.request_field_count = 0;
    return !c->invalid;
}

/* hs_checker.problem: HS_PF_* (problem.h), the facts of the content when
 * read, and this bit: a Content-Type of application/problem+json. */
#define PROBLEM_MEDIA 0x100u
static const char problem_json[] = "application/problem+json";

void hs_checker_response(hs_checker *c, const char *name, size_t name_len, const char *value, size_t value_len)
{
    int f = name == NULL ? -1 : known_field(name, name_len);
    if (f < 0)
        return;
    c->response |= BIT(f);
    if (value == NULL)
        return;
    if (f == F_CONTENT_TYPE && is_media_type(value, value_len, problem_json, sizeof problem_json - 1))
        c->problem |= PROBLEM_MEDIA;
    if (f == F_CONTENT_TYPE && is_byteranges(value, value_len))
        c->response |= BIT(F_BYTERANGES);
    else if (f == F_ALLOW && c->opt.method != NULL &&
             list_has(value, value_len, c->opt.method, c->opt.method_len, false))
        c->response |= BIT(F_ALLOWS_METHOD);
    judge_value(c, f, value, value_len);
}

void hs_checker_request(hs_checker *c, const char *name, size_t name_len, const char *value, size_t value_len)
{
    static const char continue_[] = "100-continue";
    int f = name == NULL ? -1 : known_field(name, name_len);
    if (f < 0)
        return;
    c->request |= BIT(f);
    if (f == F_EXPECT && value != NULL && list_has(value, value_len, continue_, sizeof continue_ - 1, true))
        c->request |= BIT(F_EXPECT_CONTINUE);
}

void hs_checker_content(hs_checker *c, hs_content content)
{
    c->opt.content = content;
    c->opt.content_data = NULL; /* only whether there is content is known now */
    c->opt.content_size = 0;
    c->problem &= PROBLEM_MEDIA;
    if (content != HS_CONTENT_UNKNOWN && content != HS_CONTENT_NONE && content != HS_CONTENT_PRESENT)
        c->invalid = true;
}

void hs_checker_content_data(hs_checker *c, const char *data, size_t size)
{
    c->opt.content = size > 0 ? HS_CONTENT_PRESENT : HS_CONTENT_NONE;
    c->opt.content_data = NULL; /* read now, not kept */
    c->opt.content_size = 0;
    c->problem = (c->problem & PROBLEM_MEDIA) | (data != NULL ? hs_problem_read(data, size, c->code) : 0);
    if (data == NULL && size > 0)
        c->invalid = true;
}

/* ---- the conditions ---------------------------------------------------------- */

static bool method_is(const hs_checker *c, const char *m)
{
    size_t len = strlen(m);
    return c->opt.method != NULL && c->opt.method_len == len && memcmp(c->opt.method, m, len) == 0;
}

/* Whether the content read for a problem+json response says fact. */
static bool problem_says(const hs_checker *c, unsigned fact)
{
    return (c->problem & (PROBLEM_MEDIA | HS_PF_READ)) == (PROBLEM_MEDIA | HS_PF_READ) && (c->problem & fact) != 0;
}

/* Whether rule fires for the response in c, given that it applies to the
 * code (rule_applies). *field is the field a finding names. */
static bool rule_fires(const hs_checker *c, size_t rule, const char **field)
{
    const int code = c->code;
    const unsigned long has = c->response, asked = c->request, values = c->values;
    const bool requested = c->opt.request_fields_given;
    const bool content = c->opt.content == HS_CONTENT_PRESENT;
    const bool no_content = code < 200 || code == 204 || code == 205 || code == 304;

    *field = rules[rule].field;
    switch (rule) {
    case RULE_STATUS_INVALID:
    case RULE_STATUS_UNREGISTERED:
    case RULE_STATUS_OBSOLETE: return true;
    case RULE_UPGRADE_MISSING: return !(has & BIT(F_UPGRADE));
    case RULE_WWW_AUTHENTICATE_MISSING: return !(has & BIT(F_WWW_AUTHENTICATE));
    case RULE_PROXY_AUTHENTICATE_MISSING: return !(has & BIT(F_PROXY_AUTHENTICATE));
    case RULE_ALLOW_MISSING: return !(has & BIT(F_ALLOW));
    case RULE_CONTENT_RANGE_MISSING: return !(has & (BIT(F_CONTENT_RANGE) | BIT(F_BYTERANGES)));
    case RULE_CONTENT_RANGE_SUGGESTED: return !(has & BIT(F_CONTENT_RANGE));
    case RULE_LOCATION_MISSING:
    case RULE_LOCATION_SUGGESTED: return !(has & BIT(F_LOCATION));
    case RULE_RETRY_AFTER_SUGGESTED: return !(has & BIT(F_RETRY_AFTER));
    case RULE_DATE_MISSING: return !(has & BIT(F_DATE));
    case RULE_CONTENT_LENGTH_FORBIDDEN:
        return (has & BIT(F_CONTENT_LENGTH)) && (code < 200 || code == 204 || method_is(c, "CONNECT"));
    case RULE_TRANSFER_ENCODING_FORBIDDEN:
        return (has & BIT(F_TRANSFER_ENCODING)) && (code < 200 || code == 204 || method_is(c, "CONNECT"));
    case RULE_CONTENT_FORBIDDEN: return content && (no_content || method_is(c, "HEAD"));
    case RULE_METADATA_IN_304:
        *field = (has & BIT(F_CONTENT_TYPE))       ? "Content-Type"
                 : (has & BIT(F_CONTENT_ENCODING)) ? "Content-Encoding"
                                                   : "Content-Language";
        return (has & (BIT(F_CONTENT_TYPE) | BIT(F_CONTENT_ENCODING) | BIT(F_CONTENT_LANGUAGE))) != 0;
    case RULE_INFORMATIONAL_TO_HTTP10: return c->opt.version == HS_HTTP_1_0;
    case RULE_SWITCHING_OVER_HTTP2: return c->opt.version == HS_HTTP_2 || c->opt.version == HS_HTTP_3;
    case RULE_UPGRADE_UNREQUESTED: return requested && !(asked & BIT(F_UPGRADE));
    case RULE_CONTINUE_UNEXPECTED: return requested && !(asked & BIT(F_EXPECT_CONTINUE));
    case RULE_CREATED_BY_SAFE_METHOD:
        return method_is(c, "GET") || method_is(c, "HEAD") || method_is(c, "OPTIONS") || method_is(c, "TRACE");
    case RULE_PARTIAL_UNREQUESTED:
    case RULE_RANGE_UNREQUESTED: return requested && !(asked & BIT(F_RANGE));
    case RULE_NOT_MODIFIED_UNCONDITIONAL:
        return (c->opt.method != NULL && !method_is(c, "GET") && !method_is(c, "HEAD")) ||
               (requested && !(asked & (BIT(F_IF_NONE_MATCH) | BIT(F_IF_MODIFIED_SINCE))));
    case RULE_PRECONDITION_UNREQUESTED:
        return requested && !(asked & (BIT(F_IF_MATCH) | BIT(F_IF_NONE_MATCH) | BIT(F_IF_MODIFIED_SINCE) |
                                       BIT(F_IF_UNMODIFIED_SINCE) | BIT(F_IF_RANGE)));
    case RULE_EXPECTATION_UNREQUESTED: return requested && !(asked & BIT(F_EXPECT));
    case RULE_METHOD_IN_ALLOW: return (has & BIT(F_ALLOWS_METHOD)) != 0;
    case RULE_NEGOTIATION_UNREQUESTED:
        return requested && !(asked & (BIT(F_ACCEPT) | BIT(F_ACCEPT_CHARSET) | BIT(F_ACCEPT_ENCODING) |
                                       BIT(F_ACCEPT_LANGUAGE)));
    case RULE_LOCATION_INVALID: return (values & VALUE(V_LOCATION_BAD)) != 0;
    case RULE_LOCATION_UNDEFINED: return (has & BIT(F_LOCATION)) != 0;
    case RULE_ALLOW_INVALID:
        return (values & VALUE(V_ALLOW_BAD)) ||
               (values & (VALUE(V_ALLOW_EMPTY) | VALUE(V_ALLOW_LISTS))) == (VALUE(V_ALLOW_EMPTY) | VALUE(V_ALLOW_LISTS));
    case RULE_RETRY_AFTER_INVALID: return (values & VALUE(V_RETRY_AFTER_BAD)) != 0;
    case RULE_DATE_INVALID: return (values & VALUE(V_DATE_BAD)) != 0;
    case RULE_CONTENT_LENGTH_INVALID: return (values & VALUE(V_CONTENT_LENGTH_BAD)) != 0;
    case RULE_CONTENT_RANGE_INVALID: return (values & VALUE(V_CONTENT_RANGE_BAD)) != 0;
    case RULE_CONTENT_RANGE_UNSATISFIED_IN_206: return (values & VALUE(V_RANGE_UNSATISFIED)) != 0;
    case RULE_CONTENT_RANGE_UNDEFINED: return (has & BIT(F_CONTENT_RANGE)) != 0;
    case RULE_WWW_AUTHENTICATE_INVALID: return (values & VALUE(V_WWW_AUTHENTICATE_BAD)) != 0;
    case RULE_PROXY_AUTHENTICATE_INVALID: return (values & VALUE(V_PROXY_AUTHENTICATE_BAD)) != 0;
    case RULE_UPGRADE_INVALID: return (values & VALUE(V_UPGRADE_BAD)) != 0;
    case RULE_PROBLEM_INVALID: return problem_says(c, HS_PF_INVALID);
    case RULE_PROBLEM_STATUS_MISMATCH: return problem_says(c, HS_PF_MISMATCH);
    case RULE_PROBLEM_MEMBER_TYPE: return problem_says(c, HS_PF_MEMBER_TYPE);
    case RULE_PROBLEM_TITLE_DIFFERS: return problem_says(c, HS_PF_TITLE_DIFFERS);
    default: return false;
    }
}

/* The index of the lowest set bit of m (m != 0). */
static size_t lowest_bit(unsigned long long m)
{
#if defined(__GNUC__)
    return (size_t)__builtin_ctzll(m);
#else
    size_t i = 0;
    for (; !(m & 1); m >>= 1)
        i++;
    return i;
#endif
}

/* The value rules of fields the response does not carry: they cannot fire,
 * so the check does not ask (most responses carry few of these fields). */
static unsigned long long value_rules_of_absent_fields(unsigned long has)
{
    static const struct {
        unsigned char field;
        unsigned long long rules;
    } of[] = {
        {F_LOCATION, RULE(LOCATION_INVALID) | RULE(LOCATION_UNDEFINED)},
        {F_ALLOW, RULE(ALLOW_INVALID)},
        {F_RETRY_AFTER, RULE(RETRY_AFTER_INVALID)},
        {F_DATE, RULE(DATE_INVALID)},
        {F_CONTENT_LENGTH, RULE(CONTENT_LENGTH_INVALID)},
        {F_CONTENT_RANGE,
         RULE(CONTENT_RANGE_INVALID) | RULE(CONTENT_RANGE_UNSATISFIED_IN_206) | RULE(CONTENT_RANGE_UNDEFINED)},
        {F_WWW_AUTHENTICATE, RULE(WWW_AUTHENTICATE_INVALID)},
        {F_PROXY_AUTHENTICATE, RULE(PROXY_AUTHENTICATE_INVALID)},
        {F_UPGRADE, RULE(UPGRADE_INVALID)},
    };
    unsigned long long absent = 0;
    for (size_t i = 0; i < COUNT_OF(of); i++)
        if (!(has & BIT(of[i].field)))
            absent |= of[i].rules;
    return absent;
}
#define PROBLEM_RULES \
    (RULE(PROBLEM_INVALID) | RULE(PROBLEM_STATUS_MISMATCH) | RULE(PROBLEM_MEMBER_TYPE) | RULE(PROBLEM_TITLE_DIFFERS))

size_t hs_checker_end(const hs_checker *c, hs_finding *out, size_t cap)
{
    size_t found = 0;
    if (c->invalid)
        return HS_CHECK_INVALID;
    unsigned long long candidates =
        rules_for(c->code) & ~c->opt.ignore & ~value_rules_of_absent_fields(c->response);
    hs_checker read; /* the options' content_data is read here, only for a problem+json response */
    if ((candidates & PROBLEM_RULES) && (c->problem & PROBLEM_MEDIA) && c->opt.content_data != NULL) {
        read = *c;
        read.problem |= hs_problem_read(c->opt.content_data, c->opt.content_size, c->code);
        c = &read;
    }
    for (; candidates != 0; candidates &= candidates - 1) { /* each set bit, lowest first */
        const size_t rule = lowest_bit(candidates);
        const char *field;
        if (rules[rule].severity < c->opt.level || !rule_fires(c, rule, &field))
            continue;
        if (out != NULL && found < cap) {
            out[found].rule = rule;
            out[found].field = field;
        }
        found++;
    }
    return found;
}

size_t hs_check(int code, const hs_header *fields, size_t count, const hs_check_options *opt, hs_finding *out,
                size_t cap)
{
    hs_checker c;
    hs_checker_begin(&c, code, opt);
    for (size_t i = 0; fields != NULL && i < count; i++)
        hs_checker_response(&c, fields[i].name, fields[i].name_len, fields[i].value, fields[i].value_len);
    return hs_checker_end(&c, out, cap);
}
