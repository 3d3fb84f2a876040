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

static bool is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static bool is_hex(unsigned char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
 *         "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA */
static bool is_tchar(unsigned char c)
{
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~': return true;
    default: return is_alpha(c) || is_digit(c);
    }
}

/* token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" */
static bool is_token68_char(unsigned char c)
{
    return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
}

/* unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~" */
static bool is_unreserved(unsigned char c)
{
    return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/* sub-delims = "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "=" */
static bool is_sub_delim(unsigned char c)
{
    switch (c) {
    case '!': case '$': case '&': case '\'': case '(': case ')':
    case '*': case '+': case ',': case ';': case '=': return true;
    default: return false;
    }
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
    while (p < end && is_tchar(*p))
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
    while (p < end && is_token68_char(*p))
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
    return end - p >= 3 && is_hex(p[1]) && is_hex(p[2]) ? p + 3 : NULL;
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
    while (p < end) {
        unsigned char c = *p;
        if (is_unreserved(c) || is_sub_delim(c) || (c == ':' && (extra & PART_COLON)) ||
            (c == '@' && (extra & PART_AT)) || (c == '/' && (extra & PART_SLASH)) ||
            (c == '?' && (extra & PART_QUESTION)))
            p++;
        else if (c == '%') {
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
        while (q < end && is_hex(*q) && q - p < 5)
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
        while (q < end && is_hex(*q))
            q++;
        if (q == p + 1 || q == end || *q != '.' || q + 1 == end)
            return false;
        for (q++; q < end; q++)
            if (!(is_unreserved(*q) || is_sub_delim(*q) || *q == ':'))
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
        while (q < end && (is_alpha(*q) || is_digit(*q) || *q == '+' || *q == '-' || *q == '.'))
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

/* The index of the three bytes at p in names ("Jan" "Feb" ...), or -1:
 * day-name and month are case-sensitive (%s"..."). */
static int name_index(cursor p, const char *names, int count)
{
    for (int i = 0; i < count; i++)
        if (memcmp(p, names + 3 * i, 3) == 0)
            return i;
    return -1;
}

static bool is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* The weekday of a Gregorian date, 0 for Monday: the days since 1 March of
 * year 0 (so February, with its leap day, comes last), counted by whole
 * 400-year cycles of 146097 days, then by 365 days a year and the leap days
 * before it. 1 March 0000 was a Wednesday. */
static int weekday(int year, int month, int day)
{
    if (month <= 2)
        year--;
    int m = (month + 9) % 12; /* March 0 .. February 11 */
    long days = 365L * year + year / 4 - year / 100 + year / 400 + (153 * m + 2) / 5 + day - 1;
    return (int)((days + 2) % 7);
}

/* IMF-fixdate  = day-name "," SP date1 SP time-of-day SP GMT
 *   date1       = day SP month SP year        ; 2DIGIT, 3 letters, 4DIGIT
 *   time-of-day = hour ":" minute ":" second  ; 2DIGIT each
 *   GMT         = %s"GMT"
 * 29 bytes: "Sun, 06 Nov 1994 08:49:37 GMT". */
bool hs_value_is_imf_fixdate(const char *s, size_t len)
{
    static const char pattern[] = "xxx, 00 xxx 0000 00:00:00 GMT"; /* x: a letter of a name, 0: a digit */
    static const char days[] = "MonTueWedThuFriSatSun";
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    static const unsigned char month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    cursor p = (cursor)s;
    if (len != sizeof pattern - 1)
        return false;
    for (size_t i = 0; i < len; i++) {
        char want = pattern[i];
        if (want == '0' ? !is_digit(p[i]) : want != 'x' && p[i] != want)
            return false;
    }
    int day_name = name_index(p, days, 7), month = name_index(p + 8, months, 12) + 1;
    int day = two_digits(p + 5), year = two_digits(p + 12) * 100 + two_digits(p + 14);
    int hour = two_digits(p + 17), minute = two_digits(p + 20), second = two_digits(p + 23);
    if (day_name < 0 || month < 1 || year < 1900 || hour > 23 || minute > 59)
        return false;
    if (second > 60 || (second == 60 && (hour != 23 || minute != 59)))
        return false;
    int length = month_days[month - 1] + (month == 2 && is_leap(year));
    return day >= 1 && day <= length && weekday(year, month, day) == day_name;
}

bool hs_value_is_digits(const char *s, size_t len)
{
    cursor p = (cursor)s;
    return digits(p, p + len) == p + len;
}

bool hs_value_is_retry_after(const char *s, size_t len)
{
    return hs_value_is_digits(s, len) || hs_value_is_imf_fixdate(s, len);
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
    memcpy(&w, s, len);
    h = (h ^ w) * 0x94d049bb133111ebULL;
    h ^= h >> 29;
    h = (h + k) * 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 32);
}
