/*
 * httpstatus — one table of HTTP status codes (IANA registry plus widely
 * deployed unofficial codes), with O(1) lookups and predicates.
 *
 * The library keeps no heap memory and no mutable global state: every
 * function may be called from any thread at any time, and every pointer it
 * returns points into constant data that lives as long as the program.
 */
#ifndef HTTPSTATUS_H
#define HTTPSTATUS_H

#include <stdbool.h>
#include <stddef.h>

#define HS_VERSION_MAJOR 0
#define HS_VERSION_MINOR 1
#define HS_VERSION_PATCH 0
#define HS_VERSION_STRING "0.1.0"

#if defined(_WIN32) && defined(HS_SHARED_BUILD)
#define HS_API __declspec(dllexport)
#elif defined(__GNUC__)
#define HS_API __attribute__((visibility("default")))
#else
#define HS_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* One row of the table. Every string is non-NULL, ASCII except description_ko
 * (UTF-8), and lives for the whole program. */
typedef struct hs_status {
    int code;                   /* 100..599 */
    const char *name;           /* canonical UPPER_SNAKE name: "NOT_FOUND" */
    const char *phrase;         /* reason phrase: "Not Found" */
    const char *description;    /* one or two sentences in English */
    const char *description_ko; /* the same in Korean */
    const char *origin;         /* "IANA", or who uses the code: "nginx", ... */
    const char *reference;      /* "RFC 9110, Section 15.5.5", or vendor docs */
    const char *usage;          /* "common", "normal" or "rare" */
    const char *status_line;    /* "404 Not Found" */
    bool official;              /* in the IANA HTTP Status Code Registry */
} hs_status;

/* The row for a code, or NULL when the code is not in the table. O(1). */
HS_API const hs_status *hs_get(int code);

/* The row for a name, alias or phrase of len bytes (s need not be
 * NUL-terminated). Matching ignores ASCII case, treats ' ', '-' and '_' alike
 * and ignores apostrophes and parentheses; exactly three ASCII digits are a
 * code ("404"; "0404" and "40" are misses). A NUL or any other byte makes it
 * a miss, and so does an input of more than 128 bytes. NULL when nothing
 * matches. */
HS_API const hs_status *hs_find(const char *s, size_t len);

/* Substring search over names, aliases, phrases and origins, normalised as hs_find
 * does. Returns the index (for hs_at) of the first matching row at or after
 * start, or hs_count() when no further row matches. An empty query matches
 * nothing. */
HS_API size_t hs_search(const char *query, size_t len, size_t start);

/* The number of rows, and row i (ascending by code); NULL when i >= count. */
HS_API size_t hs_count(void);
HS_API const hs_status *hs_at(size_t i);

/* Alias i (0, 1, ...) of a code — older or vendor names that resolve to the
 * same row, such as "UNPROCESSABLE_ENTITY" for 422 — or NULL past the last. */
HS_API const char *hs_alias(int code, size_t i);

/* The reason phrase of a code, or NULL when it is not in the table. */
HS_API const char *hs_phrase(int code);

/* The description of a code in lang ("en" or "ko"); NULL for a code not in
 * the table, and NULL for any other lang (or a NULL lang). */
HS_API const char *hs_description(int code, const char *lang);

/* True when lang names a language that hs_description knows. */
HS_API bool hs_is_language(const char *lang);

/* "informational", "success", "redirection", "client_error" or
 * "server_error" for any code in 100..599, registered or not; NULL outside. */
HS_API const char *hs_category(int code);

/* Predicates, declared from httpstatus_surface.def: bool hs_is_valid(int),
 * hs_is_success, hs_is_retryable, ... (the list says what each is true for).
 * Every one answers false outside 100..599 (RFC 9110, Section 15); class
 * predicates answer by class for any code inside it. */
#define HS_PREDICATE(name, doc) HS_API bool hs_##name(int code);
#include "httpstatus_surface.def"

/* The surface as data, for bindings and tools that show every field without
 * naming them: the fields of a status object (httpstatus_surface.def) and
 * then every predicate as a boolean field, hs_field_count() in all. */
typedef enum hs_kind { HS_INTEGER, HS_BOOLEAN, HS_STRING, HS_STRINGS } hs_kind;

HS_API size_t hs_field_count(void);
/* The name of field i ("code", ..., "is_retryable"), or NULL past the end. */
HS_API const char *hs_field_name(size_t i);
/* What field i holds, in a few words; NULL past the end. */
HS_API const char *hs_field_doc(size_t i);
/* The kind of field i (HS_INTEGER for i past the end). */
HS_API hs_kind hs_field_kind(size_t i);
/* True when field i is a predicate (hs_predicate answers it for any code). */
HS_API bool hs_field_is_predicate(size_t i);
/* Predicate field i applied to any code; false when i is not a predicate. */
HS_API bool hs_predicate(size_t i, int code);

/* One value of a field of a row. */
typedef struct hs_value {
    hs_kind kind;
    long integer;       /* HS_INTEGER: the number; HS_BOOLEAN: 0 or 1 */
    const char *string; /* HS_STRING and HS_STRINGS: the string */
} hs_value;

/* Field i of code's row into *out. For HS_STRINGS, item j of the list (false
 * past its end); every other kind has one item, j == 0. description is the
 * English one. False, leaving *out alone, when code is not in the table, i is
 * past the end or j past the item's end. */
HS_API bool hs_field_value(int code, size_t i, size_t j, hs_value *out);

/* The id of response rule j (0, 1, ...) that can apply to a code, or NULL
 * past the last. */
HS_API const char *hs_rule_of(int code, size_t j);

/* The library's version, HS_VERSION_STRING at the time it was built. */
HS_API const char *hs_version(void);

#ifdef __cplusplus
}
#endif

#endif /* HTTPSTATUS_H */
