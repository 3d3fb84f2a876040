/*
 * Internal: what check's problem-details rules learn of a body, read by
 * hs_problem_read (core/problem_read.c) for core/check.c. Not installed.
 */
#ifndef HS_PROBLEM_H
#define HS_PROBLEM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The facts, one bit each. HS_PF_READ says the body was read and the bits
 * after it hold; without it the rules stay silent. */
#define HS_PF_READ 0x01u          /* the body was read (within the size and depth limits) */
#define HS_PF_INVALID 0x02u       /* it is not one JSON object: nothing below is set */
#define HS_PF_MISMATCH 0x04u      /* its status is a number other than the code */
#define HS_PF_MEMBER_TYPE 0x08u   /* a standard member of the wrong type */
#define HS_PF_TITLE_DIFFERS 0x10u /* no type (or about:blank), a string title other than the phrase */

/* The length of the UTF-8 sequence at s (n > 0 bytes left, s[0] >= 0x80),
 * or 0 when it is not a valid one (Unicode, Table 3-7: no overlong forms,
 * no surrogates, nothing past U+10FFFF). */
static inline size_t hs_utf8_length(const unsigned char *s, size_t n)
{
    unsigned char c = s[0], lo = 0x80, hi = 0xBF; /* lo..hi: the range of the second byte */
    size_t len;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

/* A code point (up to 0x10FFFF; a lone surrogate too, as three bytes) in
 * UTF-8 into out: its length. */
static inline size_t hs_utf8_encode(long cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The four hex digits at s[at..at+4) (n bytes in all) as a number, or -1. */
static inline long hs_hex4(const char *s, size_t n, size_t at)
{
    long v = 0;
    if (at > n || n - at < 4)
        return -1;
    for (size_t i = 0; i < 4; i++) {
        char c = s[at + i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* How many bytes at the start of s[0..n) a JSON string holds as they are
 * in every form this project writes or reads: printable ASCII other than
 * '"' and '\'. Eight bytes at a time while none of them is another byte
 * (a control, a quote, a backslash or one with the high bit set), then one
 * at a time. */
static inline size_t hs_plain_run(const unsigned char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    size_t i = 0;
    for (; n - i >= 8; i += 8) {
        uint64_t x, quote, backslash;
        memcpy(&x, s + i, 8);
        quote = x ^ (ones * '"');
        backslash = x ^ (ones * '\\');
        /* the high bit of a byte below 0x20, of a zero byte of quote or of
         * backslash (each test exact as to whether some byte matches), or
         * of x itself */
        if ((((x - ones * 0x20) & ~x) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | x) & high)
            break;
    }
    while (i < n && s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"' && s[i] != '\\')
        i++;
    return i;
}

/* The facts of the body s[0..n) of a response with this code (the title is
 * compared with hs_phrase(code), when there is one). 0 when n is 0 or more
 * than HS_PROBLEM_CONTENT_MAX, or the body nests deeper than
 * HS_PROBLEM_READ_DEPTH: not judged. Linear in n, no heap, no state. */
unsigned hs_problem_read(const char *s, size_t n, int code);

#endif
