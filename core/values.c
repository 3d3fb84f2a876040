/*
 * httpstatus: readers of the field values the value rules judge (values.h).
 * Each follows its ABNF production by production, as the comments quote
 * them: RFC 9110 (HTTP Semantics) for the fields and RFC 3986 for
 * URI-reference. A reader walks a cursor p towards end and answers whether
 * the whole value matched; nothing is copied and nothing is allocated.
 */
#include "values.h"

#include <string.h>

typedef const unsigned char *cursor;

/* ---- characters (RFC 5234 core rules, RFC 9110 Section 5.6, RFC 3986 2.2-2.3) ---- */

/* A set of ASCII bytes as two 64-bit masks, bytes 0-63 and 64-127, so a
 * test is a shift and no branch per member. L(c) is the bit of a byte below
 * 64, H(c) of one from 64 to 127. */
typedef struct {
    unsigned long long lo, hi;
} byte_set;
#define L(c) (1ULL << (c))
#define H(c) (1ULL << ((c) - 64))
#define DIGIT_LO 0x03ff000000000000ULL                                  /* "0".."9" */
#define ALPHA_HI ((0x3ffffffULL << ('A' - 64)) | (0x3ffffffULL << ('a' - 64))) /* "A".."Z", "a".."z" */
#define HEX_HI ((0x3fULL << ('A' - 64)) | (0x3fULL << ('a' - 64)))     /* "A".."F", "a".."f" */

static bool in(byte_set set, unsigned char c)
{
    return c < 64 ? (set.lo >> c & 1) != 0 : c < 128 && (set.hi >> (c - 64) & 1) != 0;
}

/* tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
 *         "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA */
static const byte_set tchar = {L('!') | L('#') | L('$') | L('%') | L('&') | L('\'') | L('*') | L('+') | L('-') |
                                   L('.') | DIGIT_LO,
                               H('^') | H('_') | H('`') | H('|') | H('~') | ALPHA_HI};
/* token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" */
static const byte_set token68_char = {L('-') | L('.') | L('+') | L('/') | DIGIT_LO, H('_') | H('~') | ALPHA_HI};
/* unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~" */
#define UNRESERVED_LO (L('-') | L('.') | DIGIT_LO)
#define UNRESERVED_HI (H('_') | H('~') | ALPHA_HI)
static const byte_set unreserved = {UNRESERVED_LO, UNRESERVED_HI};
/* sub-delims = "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "=" */
#define SUB_DELIMS_LO (L('!') | L('$') | L('&') | L('\'') | L('(') | L(')') | L('*') | L('+') | L(',') | L(';') | L('='))
static const byte_set scheme_char = {L('+') | L('-') | L('.') | DIGIT_LO, ALPHA_HI};
static const byte_set hex = {DIGIT_LO, HEX_HI};

static bool is_alpha(unsigned char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26;
}

static bool is_digit(unsigned char c)
{
    return (unsigned char)(c - '0') < 10;
}

static bool is_ows(unsigned char c)
{
    return c == ' ' || c == '\t';
}

static cursor skip_ows(cursor p, cursor end)
{
    while (p < end && is_ows(*p))
        p++;
    return p;
}

/* token = 1*tchar: the end of the token at p, or NULL when there is none. */
static cursor token(cursor p, cursor end)
{
    cursor start = p;
    while (p < end && in(tchar, *p))
        p++;
    return p > start ? p : NULL;
}

/* 1*DIGIT: the end of the digits at p, or NULL when there is none. */
static cursor digits(cursor p, cursor end)
{
    cursor start = p;
    while (p < end && is_digit(*p))
        p++;
    return p > start ? p : NULL;
}

/* quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE
 * qdtext        = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
 * quoted-pair   = "\" ( HTAB / SP / VCHAR / obs-text )
 * p is at the opening DQUOTE; the end of the string, or NULL. */
static cursor quoted_string(cursor p, cursor end)
{
    for (p++; p < end; p++) {
        unsigned char c = *p;
        if (c == '"')
            return p + 1;
        if (c == '\\') {
            if (++p == end || !(*p == '\t' || (*p >= 0x20 && *p != 0x7f)))
                return NULL;
        } else if (!(c == '\t' || (c >= 0x20 && c != 0x7f))) {
            return NULL; /* a control byte (qdtext excludes only them, DQUOTE and "\") */
        }
    }
    return NULL; /* no closing DQUOTE */
}

/* ---- lists (RFC 9110, Section 5.6.1) -------------------------------------------- */

/* 1#element as a sender must write it: element *( OWS "," OWS element ),
 * so no member is empty (Section 5.6.1.1). element(p, end) returns the end of
 * one element at p, or NULL. */
static bool is_list(cursor p, cursor end, cursor (*element)(cursor, cursor))
{
    for (;;) {
        if ((p = element(p, end)) == NULL)
            return false;
        p = skip_ows(p, end);
        if (p == end)
            return true;
        if (*p != ',')
            return false;
        p = skip_ows(p + 1, end);
    }
}

/* protocol = protocol-name ["/" protocol-version]; both are tokens */
static cursor protocol(cursor p, cursor end)
{
    if ((p = token(p, end)) != NULL && p < end && *p == '/')
        p = token(p + 1, end);
    return p;
}

bool hs_value_is_methods(const char *s, size_t len)
{
    cursor p = (cursor)s;
    return len == 0 || is_list(p, p + len, token); /* Allow = #method, method = token */
}

bool hs_value_is_protocols(const char *s, size_t len)
{
    cursor p = (cursor)s;
    return is_list(p, p + len, protocol);
}

/* ---- challenges (RFC 9110, Section 11.3) ------------------------------------------ */

/* auth-param = token BWS "=" BWS ( token / quoted-string ): the end of the
 * parameter at p, or NULL when p does not start one. */
static cursor auth_param(cursor p, cursor end)
{
    if ((p = token(p, end)) == NULL)
        return NULL;
    p = skip_ows(p, end);
    if (p == end || *p != '=')
        return NULL;
    p = skip_ows(p + 1, end);
    if (p < end && *p == '"')
        return quoted_string(p, end);
    return token(p, end);
}

/* token68, followed by the end of its challenge (OWS, then "," or the end);
 * the end of the token68, or NULL. */
static cursor token68(cursor p, cursor end)
{
    cursor start = p;
    while (p < end && in(token68_char, *p))
        p++;
    if (p == start)
        return NULL;
    while (p < end && *p == '=')
        p++;
    cursor after = skip_ows(p, end);
    return after == end || *after == ',' ? p : NULL;
}

/* challenge *( OWS "," OWS challenge ), where
 *   challenge = auth-scheme [ 1*SP ( token68 / [ auth-param *( OWS "," OWS auth-param ) ] ) ]
 * Both lists use commas, so what follows a comma is read by its shape: a
 * token, then BWS and "=", is one more auth-param of the current challenge;
 * any other token begins the next challenge (a token68 never begins with
 * "="). No member may be empty, and the value must start with a scheme. */
bool hs_value_is_challenges(const char *s, size_t len)
{
    cursor p = (cursor)s, end = p + len;
    bool params_allowed = false; /* the current challenge has auth-params: a comma may add one */
    for (;;) {
        cursor param = params_allowed ? auth_param(p, end) : NULL;
        if (param != NULL) {
            p = param;
        } else {
            /* auth-scheme = token */
            if ((p = token(p, end)) == NULL)
                return false;
            params_allowed = false;
            if (p < end && *p == ' ') {
                cursor body = p;
                while (body < end && *body == ' ')
                    body++; /* 1*SP: spaces only */
                cursor q;
                if (body < end && *body == ',') {
                    p = body; /* "scheme SP": an empty auth-param list, then the next challenge */
                } else if (body < end && (q = auth_param(body, end)) != NULL) {
                    p = q;
                    params_allowed = true;
                } else if (body < end && (q = token68(body, end)) != NULL) {
                    p = q;
                } else if (body < end) {
                    return false;
                } else {
                    p = body;
                }
            }
        }
        p = skip_ows(p, end);
        if (p == end)
            return true;
        if (*p != ',')
            return false;
        p = skip_ows(p + 1, end);
        if (p == end || *p == ',')
            return false; /* an empty member */
    }
}

/* ---- URI-reference (RFC 3986) ----------------------------------------------------- */

/* pct-encoded = "%" HEXDIG HEXDIG: the end of it at p (a "%"), or NULL. */
static cursor pct_encoded(cursor p, cursor end)
{
    return end - p >= 3 && in(hex, p[1]) && in(hex, p[2]) ? p + 3 : NULL;
}

/* The characters a URI part may hold besides unreserved, pct-encoded and
 * sub-delims: pchar adds ":" and "@", path "/", query and fragment "/" and
 * "?", userinfo ":", IPvFuture ":". */
#define PART_COLON 1u
#define PART_AT 2u
#define PART_SLASH 4u
#define PART_QUESTION 8u
#define PCHAR (PART_COLON | PART_AT)

/* *( unreserved / pct-encoded / sub-delims / what `extra` allows ): the end
 * of the run at p (which may be p), or NULL at a bad pct-encoded. */
static cursor uri_chars(cursor p, cursor end, unsigned extra)
{
    const byte_set allowed = {UNRESERVED_LO | SUB_DELIMS_LO | ((extra & PART_COLON) ? L(':') : 0) |
                                  ((extra & PART_SLASH) ? L('/') : 0) | ((extra & PART_QUESTION) ? L('?') : 0),
                              UNRESERVED_HI | ((extra & PART_AT) ? H('@') : 0)};
    while (p < end) {
        if (in(allowed, *p))
            p++;
        else if (*p == '%') {
            if ((p = pct_encoded(p, end)) == NULL)
                return NULL;
        } else
            break;
    }
    return p;
}

/* dec-octet = DIGIT / %x31-39 DIGIT / "1" 2DIGIT / "2" %x30-34 DIGIT / "25" %x30-35
 * IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet */
static bool is_ipv4(cursor p, cursor end)
{
    for (int octet = 0; octet < 4; octet++) {
        if (octet > 0 && (p == end || *p++ != '.'))
            return false;
        unsigned value = 0, n = 0;
        cursor start = p;
        while (p < end && is_digit(*p) && n < 4) {
            value = value * 10 + (unsigned)(*p++ - '0');
            n++;
        }
        if (n == 0 || n > 3 || value > 255 || (n > 1 && *start == '0'))
            return false;
    }
    return p == end;
}

/* IPv6address (RFC 3986, Section 3.2.2): eight h16 (1*4HEXDIG) separated by
 * ":", the last two of which may be an IPv4address; or fewer, with one "::"
 * standing for one or more zero groups. Counted rather than matched
 * alternative by alternative: with "::" at most seven groups are written,
 * without it exactly eight. */
static bool is_ipv6(cursor p, cursor end)
{
    unsigned groups = 0;
    bool gap = false;
    if (p < end && *p == ':') {
        if (end - p < 2 || p[1] != ':')
            return false; /* a lone ":" at the start */
        gap = true;
        p += 2;
    }
    while (p < end) {
        cursor q = p;
        while (q < end && in(hex, *q) && q - p < 5)
            q++;
        if (q < end && *q == '.') {
            if (!is_ipv4(p, end)) /* ls32 as an IPv4address: the last piece */
                return false;
            groups += 2;
            break;
        }
        if (q == p || q - p > 4)
            return false;
        groups++;
        p = q;
        if (p == end)
            break;
        if (*p++ != ':' || p == end)
            return false; /* not a separator, or a trailing lone ":" */
        if (*p == ':') {
            if (gap)
                return false; /* a second "::" */
            gap = true;
            p++;
        }
        if (groups > 8)
            return false;
    }
    return gap ? groups <= 7 : groups == 8;
}

/* IP-literal = "[" ( IPv6address / IPvFuture ) "]" without its brackets;
 * IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" ) */
static bool is_ip_literal(cursor p, cursor end)
{
    if (p < end && (*p == 'v' || *p == 'V')) {
        cursor q = p + 1;
        while (q < end && in(hex, *q))
            q++;
        if (q == p + 1 || q == end || *q != '.' || q + 1 == end)
            return false;
        for (q++; q < end; q++)
            if (!(in(unreserved, *q) || *q == ':' || (*q < 64 && (SUB_DELIMS_LO >> *q & 1))))
                return false;
        return true;
    }
    return is_ipv6(p, end);
}

/* authority = [ userinfo "@" ] host [ ":" port ], ending at the first "/",
 * "?" or "#" (or the end):
 *   userinfo = *( unreserved / pct-encoded / sub-delims / ":" )
 *   host     = IP-literal / IPv4address / reg-name
 *   reg-name = *( unreserved / pct-encoded / sub-delims )
 *   port     = *DIGIT
 * (an IPv4address is also a reg-name, so reg-name covers both). The end of
 * the authority, or NULL. */
static cursor authority(cursor p, cursor end)
{
    cursor stop = p;
    while (stop < end && *stop != '/' && *stop != '?' && *stop != '#')
        stop++;
    cursor at = memchr(p, '@', (size_t)(stop - p));
    if (at != NULL) {
        if (uri_chars(p, at, PART_COLON) != at)
            return NULL;
        p = at + 1;
    }
    if (p < stop && *p == '[') {
        cursor close = memchr(p, ']', (size_t)(stop - p));
        if (close == NULL || !is_ip_literal(p + 1, close))
            return NULL;
        p = close + 1;
    } else if ((p = uri_chars(p, stop, 0)) == NULL) {
        return NULL;
    }
    if (p < stop && *p == ':')
        while (++p < stop && is_digit(*p))
            continue; /* port = *DIGIT */
    return p == stop ? stop : NULL;
}

/* URI-reference = URI / relative-ref
 *   URI           = scheme ":" hier-part [ "?" query ] [ "#" fragment ]
 *   relative-ref  = relative-part [ "?" query ] [ "#" fragment ]
 *   hier-part     = "//" authority path-abempty / path-absolute / path-rootless / path-empty
 *   relative-part = "//" authority path-abempty / path-absolute / path-noscheme / path-empty
 *   scheme        = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
 *   query = fragment = *( pchar / "/" / "?" )
 * Every path form is *( pchar / "/" ) once "//" has been taken for an
 * authority, except that path-noscheme's first segment has no ":" (else
 * "a:b" would read as a scheme). */
bool hs_value_is_uri_reference(const char *s, size_t len)
{
    cursor p = (cursor)s, end = p + len, q = p;
    bool scheme = false;
    if (q < end && is_alpha(*q)) {
        while (q < end && in(scheme_char, *q))
            q++;
        if (q < end && *q == ':') {
            scheme = true;
            p = q + 1;
        }
    }
    if (end - p >= 2 && p[0] == '/' && p[1] == '/') {
        if ((p = authority(p + 2, end)) == NULL)
            return false;
    } else if (!scheme) {
        for (q = p; q < end && *q != '/' && *q != '?' && *q != '#'; q++)
            if (*q == ':')
                return false; /* path-noscheme: no ":" in the first segment */
    }
    if ((p = uri_chars(p, end, PCHAR | PART_SLASH)) == NULL)
        return false;
    if (p < end && *p == '?' && (p = uri_chars(p + 1, end, PCHAR | PART_SLASH | PART_QUESTION)) == NULL)
        return false;
    if (p < end && *p == '#' && (p = uri_chars(p + 1, end, PCHAR | PART_SLASH | PART_QUESTION)) == NULL)
        return false;
    return p == end;
}

/* ---- dates (RFC 9110, Section 5.6.7) ------------------------------------------------ */

/* The two digits at p as a number (p[0] and p[1] are digits). */
static int two_digits(cursor p)
{
    return (p[0] - '0') * 10 + (p[1] - '0');
}

/* The three bytes at p as one number; N3 is a name's. */
static unsigned long three(cursor p)
{
    return (unsigned long)p[0] << 16 | (unsigned long)p[1] << 8 | p[2];
}
#define N3(a, b, c) ((unsigned long)(a) << 16 | (unsigned long)(b) << 8 | (unsigned long)(c))

/* day-name, case-sensitive (%s"Mon" ...): 0 for Monday .. 6 for Sunday, or -1. */
static int day_name_at(cursor p)
{
    switch (three(p)) {
    case N3('M', 'o', 'n'): return 0;
    case N3('T', 'u', 'e'): return 1;
    case N3('W', 'e', 'd'): return 2;
    case N3('T', 'h', 'u'): return 3;
    case N3('F', 'r', 'i'): return 4;
    case N3('S', 'a', 't'): return 5;
    case N3('S', 'u', 'n'): return 6;
    default: return -1;
    }
}

/* month, case-sensitive (%s"Jan" ...): 1 to 12, or 0. */
static int month_at(cursor p)
{
    switch (three(p)) {
    case N3('J', 'a', 'n'): return 1;
    case N3('F', 'e', 'b'): return 2;
    case N3('M', 'a', 'r'): return 3;
    case N3('A', 'p', 'r'): return 4;
    case N3('M', 'a', 'y'): return 5;
    case N3('J', 'u', 'n'): return 6;
    case N3('J', 'u', 'l'): return 7;
    case N3('A', 'u', 'g'): return 8;
    case N3('S', 'e', 'p'): return 9;
    case N3('O', 'c', 't'): return 10;
    case N3('N', 'o', 'v'): return 11;
    case N3('D', 'e', 'c'): return 12;
    default: return 0;
    }
}

static bool is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* The days from 1 March of year 0 to a Gregorian date from 1900 on:
 * counted from March (so that February, with its leap day, comes last),
 * 365 a year plus the leap days before it, then the days of the months
 * before (March 0 .. February 11) and of this one. Unsigned: the year is
 * positive, and unsigned division by a constant is the cheaper. */
static unsigned long days_from_0000_03_01(unsigned year, unsigned month, unsigned day)
{
    if (month <= 2)
        year--;
    unsigned m = month <= 2 ? month + 9 : month - 3;
    return 365UL * year + year / 4 - year / 100 + year / 400 + (153 * m + 2) / 5 + day - 1;
}

/* IMF-fixdate  = day-name "," SP date1 SP time-of-day SP GMT
 *   date1       = day SP month SP year        ; 2DIGIT, 3 letters, 4DIGIT
 *   time-of-day = hour ":" minute ":" second  ; 2DIGIT each
 *   GMT         = %s"GMT"
 * 29 bytes: "Sun, 06 Nov 1994 08:49:37 GMT". */
bool hs_value_imf_fixdate(const char *s, size_t len, unsigned long long *instant)
{
    static const unsigned char month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    static const unsigned char digit_at[] = {5, 6, 12, 13, 14, 15, 17, 18, 20, 21, 23, 24};
    cursor p = (cursor)s;
    /* "Sun, 06 Nov 1994 08:49:37 GMT": 29 bytes, the separators in place */
    if (len != 29 || p[3] != ',' || p[4] != ' ' || p[7] != ' ' || p[11] != ' ' || p[16] != ' ' || p[19] != ':' ||
        p[22] != ':' || p[25] != ' ' || three(p + 26) != N3('G', 'M', 'T'))
        return false;
    for (size_t i = 0; i < sizeof digit_at; i++)
        if (!is_digit(p[digit_at[i]]))
            return false;
    int day_name = day_name_at(p), month = month_at(p + 8);
    int day = two_digits(p + 5), year = two_digits(p + 12) * 100 + two_digits(p + 14);
    int hour = two_digits(p + 17), minute = two_digits(p + 20), second = two_digits(p + 23);
    if (day_name < 0 || month < 1 || year < 1900 || hour > 23 || minute > 59)
        return false;
    if (second > 60 || (second == 60 && (hour != 23 || minute != 59)))
        return false;
    if (day < 1 || day > month_days[month - 1] + (month == 2 && is_leap(year)))
        return false;
    unsigned long days = days_from_0000_03_01((unsigned)year, (unsigned)month, (unsigned)day);
    if ((int)((days + 2) % 7) != day_name) /* 1 March 0000 was a Wednesday */
        return false;
    *instant = ((days * 24 + (unsigned)hour) * 60 + (unsigned)minute) * 61 + (unsigned)second;
    return true;
}

bool hs_value_digits(const char *s, size_t len, unsigned long long *number)
{
    cursor p = (cursor)s;
    if (digits(p, p + len) != p + len)
        return false;
    while (len > 1 && *s == '0') {
        s++;
        len--;
    }
    if (len > 19)
        *number = hs_value_hash(s, len);
    else
        for (*number = 0; len > 0; len--)
            *number = *number * 10 + (unsigned)(*s++ - '0');
    return true;
}

/* ---- Content-Range (RFC 9110, Section 14.4) ------------------------------------------- */

/* Compares two decimal numbers of any length: <0, 0, >0. */
static int compare_decimal(cursor a, cursor a_end, cursor b, cursor b_end)
{
    while (a_end - a > 1 && *a == '0')
        a++;
    while (b_end - b > 1 && *b == '0')
        b++;
    if (a_end - a != b_end - b)
        return a_end - a < b_end - b ? -1 : 1;
    return memcmp(a, b, (size_t)(a_end - a));
}

/* Content-Range     = range-unit SP ( range-resp / unsatisfied-range )
 * range-unit        = token                        ; "bytes", any case (14.1)
 * range-resp        = incl-range "/" ( complete-length / "*" )
 * incl-range        = first-pos "-" last-pos       ; 1*DIGIT each
 * unsatisfied-range = "*" "/" complete-length      ; complete-length = 1*DIGIT
 * and invalid when last-pos < first-pos or complete-length <= last-pos. */
hs_range_form hs_value_content_range(const char *s, size_t len)
{
    cursor p = (cursor)s, end = p + len, unit = p;
    if ((p = token(p, end)) == NULL || p == end || *p != ' ')
        return HS_RANGE_INVALID;
    static const char bytes[] = "bytes";
    bool is_bytes = p - unit == sizeof bytes - 1;
    for (size_t i = 0; is_bytes && i < sizeof bytes - 1; i++)
        is_bytes = (unit[i] | 0x20) == bytes[i];
    p++;
    if (!is_bytes)
        return p < end ? HS_RANGE_OTHER_UNIT : HS_RANGE_INVALID;
    if (end - p >= 2 && p[0] == '*' && p[1] == '/')
        return digits(p + 2, end) == end ? HS_RANGE_UNSATISFIED : HS_RANGE_INVALID;
    cursor first = p, first_end, last, last_end, length, length_end;
    if ((first_end = digits(first, end)) == NULL || first_end == end || *first_end != '-')
        return HS_RANGE_INVALID;
    last = first_end + 1;
    if ((last_end = digits(last, end)) == NULL || last_end == end || *last_end != '/')
        return HS_RANGE_INVALID;
    if (compare_decimal(last, last_end, first, first_end) < 0)
        return HS_RANGE_INVALID;
    length = last_end + 1;
    if (end - length == 1 && *length == '*')
        return HS_RANGE_SATISFIED;
    if ((length_end = digits(length, end)) != end)
        return HS_RANGE_INVALID;
    return compare_decimal(length, length_end, last, last_end) > 0 ? HS_RANGE_SATISFIED : HS_RANGE_INVALID;
}

/* ---- hash ---------------------------------------------------------------------------- */

/* Eight bytes at a time, each word multiplied in and the result stirred;
 * the length goes in first, so values that differ only by trailing zero
 * bytes still differ. The finaliser is splitmix64's. */
unsigned long long hs_value_hash(const char *s, size_t len)
{
    const unsigned long long k = 0x9e3779b97f4a7c15ULL;
    unsigned long long h = (unsigned long long)len * k, w;
    for (; len >= 8; s += 8, len -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 31;
    }
    w = 0;
    for (size_t i = 0; i < len; i++) /* the last 0 to 7 bytes */
        w |= (unsigned long long)(unsigned char)s[i] << (8 * i);
    h = (h ^ w) * 0x94d049bb133111ebULL;
    h ^= h >> 29;
    h = (h + k) * 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 32);
}
