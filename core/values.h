/*
 * Internal: the readers of the field values that the value rules judge
 * (core/values.c), for core/check.c. Each is written from its RFC's ABNF,
 * takes one field line's value already trimmed of the white space around it
 * (RFC 9110, Section 5.5), reads it once from left to right, and keeps
 * nothing: no heap, no state, linear in the value's length. A value may hold
 * any byte, NUL included.
 */
#ifndef HS_VALUES_H
#define HS_VALUES_H

#include <stdbool.h>
#include <stddef.h>

/* Allow = #method (RFC 9110, Section 10.2.1): methods (tokens) separated by
 * OWS "," OWS, no empty member (Section 5.6.1.1). "" is valid: no methods. */
bool hs_value_is_methods(const char *s, size_t len);

/* Upgrade = #protocol (Section 7.8), protocol = token ["/" token], at least
 * one protocol. */
bool hs_value_is_protocols(const char *s, size_t len);

/* WWW-Authenticate and Proxy-Authenticate = #challenge (Sections 11.3,
 * 11.6.1, 11.7.1): challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ],
 * at least one challenge, and the value must begin with one (an auth-param
 * first belongs to a challenge on another line). */
bool hs_value_is_challenges(const char *s, size_t len);

/* Location = URI-reference (RFC 3986, Section 4.1), IPv6 and IPvFuture
 * literals included. "" is the empty relative reference, valid. */
bool hs_value_is_uri_reference(const char *s, size_t len);

/* IMF-fixdate (RFC 9110, Section 5.6.7) that names a real instant: day 1 to
 * the month's length, hour 00-23, minute 00-59, second 00-59 or 60 at
 * 23:59:60 (a leap second), year 1900 or later, and the day-name the
 * weekday of that date (RFC 5322, Section 3.3). Then *instant is the date as
 * a number, one for each valid value (a leap second its own), so that two
 * dates are the same exactly when their numbers are. */
bool hs_value_imf_fixdate(const char *s, size_t len, unsigned long long *instant);

/* 1*DIGIT: Content-Length (Section 8.6) and delay-seconds (Section 10.2.3).
 * Then *number is its value when it has at most 19 digits after its leading
 * zeros, else the hash of those digits: 42 and 042 give the same number. */
bool hs_value_digits(const char *s, size_t len, unsigned long long *number);

/* What a Content-Range value is (Section 14.4). */
typedef enum hs_range_form {
    HS_RANGE_INVALID,     /* not the grammar, or last-pos < first-pos, or complete-length <= last-pos */
    HS_RANGE_SATISFIED,   /* "bytes FIRST-LAST/LENGTH", or an asterisk for LENGTH */
    HS_RANGE_UNSATISFIED, /* "bytes" SP "*" "/" LENGTH: no range, the length alone */
    HS_RANGE_OTHER_UNIT   /* another range unit, a space, then anything: not judged */
} hs_range_form;
hs_range_form hs_value_content_range(const char *s, size_t len);

/* A 64-bit hash of s, to tell whether two values of a field that must
 * appear once differ without keeping a pointer to the first. Equal values
 * always hash equal; two different values collide with a chance of about
 * 2^-64 (or by design: the hash is not cryptographic), which can only hide
 * a finding, never make one. */
unsigned long long hs_value_hash(const char *s, size_t len);

#endif /* HS_VALUES_H */
