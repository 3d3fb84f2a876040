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
    bool official;              /* in the IANA HTTP Status Code Registry */
} hs_status;

/* The row for a code, or NULL when the code is not in the table. O(1). */
HS_API const hs_status *hs_get(int code);

/* The row for a name, alias or phrase of len bytes (s need not be
 * NUL-terminated). Matching ignores ASCII case, treats ' ', '-' and '_' alike
 * and ignores apostrophes and parentheses; a string of ASCII digits is a code.
 * A NUL or any other byte makes it a miss, and so does an input of more than
 * 128 bytes that is not all digits. NULL when nothing matches. */
HS_API const hs_status *hs_find(const char *s, size_t len);

/* Substring search over names, aliases and phrases, normalised as hs_find
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

/* Predicates. Every one answers false outside 100..599 (RFC 9110, Section 15);
 * class predicates answer by class for any code inside it. */
HS_API bool hs_is_valid(int code);          /* 100..599 */
HS_API bool hs_is_known(int code);          /* in the table */
HS_API bool hs_is_official(int code);       /* in the IANA registry */
HS_API bool hs_is_informational(int code);  /* 1xx */
HS_API bool hs_is_success(int code);        /* 2xx */
HS_API bool hs_is_redirection(int code);    /* 3xx */
HS_API bool hs_is_client_error(int code);   /* 4xx */
HS_API bool hs_is_server_error(int code);   /* 5xx */
HS_API bool hs_is_error(int code);          /* 4xx or 5xx */
/* 301, 302, 303, 307, 308: the response sends a Location to follow. */
HS_API bool hs_is_redirect(int code);
/* 307, 308: the client must repeat the request with the same method. */
HS_API bool hs_preserves_method(int code);
/* Cacheable by default (heuristically), RFC 9110, Section 15.1. */
HS_API bool hs_is_cacheable(int code);
/* The response never carries content: every 1xx, 204, 205, 304. */
HS_API bool hs_is_empty(int code);
/* A repeat of the same request may succeed (the failure is transient). */
HS_API bool hs_is_retryable(int code);

/* The library's version, HS_VERSION_STRING at the time it was built. */
HS_API const char *hs_version(void);

#ifdef __cplusplus
}
#endif

#endif /* HTTPSTATUS_H */
