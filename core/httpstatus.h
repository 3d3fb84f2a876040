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
 * code ("404"; "0404" and "40" are misses). ASCII white space around it is
 * ignored (" 404\n", "Not Found "); inside a code it is not ("4 04"). A NUL
 * or any other byte makes it a miss, and so does an input of more than 128
 * bytes once trimmed. NULL when nothing matches. */
HS_API const hs_status *hs_find(const char *s, size_t len);

/* Substring search over names, aliases, phrases and origins, trimmed and
 * normalised as hs_find does. Returns the index (for hs_at) of the first matching row at or after
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

/* ---- response rules (core/rules.def) ---------------------------------
 *
 * What the RFCs require of a response with a given status: a 405 carries
 * Allow, a 204 carries no Content-Length, ... Each rule has a stable id
 * ("allow-missing"), a level, the field it concerns, a message in English and
 * Korean, and a reference. hs_check applies them to one response. */

/* Levels in ascending severity, so that a level is also a threshold:
 * HS_INFO (allowed but worth a look) < HS_SHOULD (a SHOULD or SHOULD NOT is
 * broken) < HS_MUST (a MUST or MUST NOT is broken). */
typedef enum hs_level { HS_INFO, HS_SHOULD, HS_MUST } hs_level;

/* "info", "should" or "must" (len bytes) into *out; false, leaving *out
 * alone, for anything else. */
HS_API bool hs_level_of(const char *s, size_t len, hs_level *out);

/* True when s (len bytes) is a method: a token of RFC 9110, Section 9.1
 * (one or more of the tchar of Section 5.6.2, case-sensitive). "", "GET "
 * and "G\0ET" are not. */
HS_API bool hs_is_method(const char *s, size_t len);

typedef struct hs_rule {
    const char *id;         /* "allow-missing" */
    const char *level;      /* "must", "should" or "info" */
    const char *field;      /* the field it concerns ("Allow"), or NULL */
    const char *message;    /* English */
    const char *message_ko; /* Korean (UTF-8) */
    const char *reference;  /* "RFC 9110, Section 15.5.6" */
    hs_level severity;      /* level as a number: HS_INFO < HS_SHOULD < HS_MUST */
    bool needs_request;     /* fires only when the caller describes the request */
} hs_rule;

/* The number of rules, and rule i in table order (NULL when i >= count). */
HS_API size_t hs_rule_count(void);
HS_API const hs_rule *hs_rule_at(size_t i);
/* The index of the rule with this id (len bytes, not NUL-terminated), or
 * hs_rule_count() when there is none. */
HS_API size_t hs_rule_find(const char *id, size_t len);
/* The message of rule i in lang ("en" or "ko"); NULL for another lang or i
 * past the end. */
HS_API const char *hs_rule_message(size_t i, const char *lang);
/* True when rule i can fire for a response with this code (with some
 * fields and some request); false for i past the end. status-invalid
 * applies only outside 100..599. */
HS_API bool hs_rule_applies(size_t i, int code);
/* The id of rule j (0, 1, ...) of those that can apply to a code, or NULL
 * past the last. */
HS_API const char *hs_rule_of(int code, size_t j);

/* One header field: name and value as bytes (not NUL-terminated). A NULL
 * value is a field whose value is not known: it is present, and no rule
 * reads its value. */
typedef struct hs_header {
    const char *name;
    size_t name_len;
    const char *value;
    size_t value_len;
} hs_header;

/* The protocol version of the request, for the two version rules. */
typedef enum hs_http_version { HS_VERSION_UNSET, HS_HTTP_1_0, HS_HTTP_1_1, HS_HTTP_2, HS_HTTP_3 } hs_http_version;

/* "1.0", "1.1", "2" or "3" (len bytes) as a version; HS_VERSION_UNSET for
 * anything else. */
HS_API hs_http_version hs_http_version_of(const char *s, size_t len);

/* Whether the response has content (bytes after the header section). */
typedef enum hs_content { HS_CONTENT_UNKNOWN, HS_CONTENT_NONE, HS_CONTENT_PRESENT } hs_content;

/* What the caller knows beyond the response's fields. All zero means
 * "nothing known, report everything": a rule that needs a fact that was not
 * given stays silent. HS_CHECK_OPTIONS_INIT initialises one to that in C and
 * C++ alike (C++ may also write `hs_check_options opt = {};`). */
typedef struct hs_check_options {
    const char *method;              /* the request method (a token, hs_is_method), or NULL */
    size_t method_len;
    bool request_fields_given;       /* the request's fields are known (perhaps none): */
    const hs_header *request_fields; /* request_field_count of them */
    size_t request_field_count;
    hs_content content;              /* whether the response has content */
    const char *content_data;        /* the content itself (content_size bytes), or NULL; when */
    size_t content_size;             /* given, it also sets content (empty is HS_CONTENT_NONE),
                                        and the problem-details rules read it */
    hs_http_version version;         /* of the request */
    unsigned long long ignore;       /* bit i set: rule i is skipped */
    hs_level level;                  /* the least level reported: HS_INFO (0) reports all */
} hs_check_options;

#define HS_CHECK_OPTIONS_INIT {NULL, 0, false, NULL, 0, HS_CONTENT_UNKNOWN, NULL, 0, HS_VERSION_UNSET, 0, HS_INFO}

/* What hs_check and hs_checker_end return when the options are not valid: a
 * method that is not a token, or a level, version or content outside its
 * enum. No rule is applied then. */
#define HS_CHECK_INVALID ((size_t)-1)

/* One finding: the rule that fired and the field it names (the rule's own
 * field, or for metadata-in-304 the one present; NULL when none). */
typedef struct hs_finding {
    size_t rule; /* index for hs_rule_at */
    const char *field;
} hs_finding;

/* Applies every rule to a response with this code and these fields.
 * Writes the findings at opt->level or above, in rule order, into out (at
 * most cap of them) and returns how many there are, which may exceed cap (at
 * most hs_rule_count()); HS_CHECK_INVALID when opt is not valid. opt NULL is
 * all zero. No heap, no state: linear in the number of fields. */
HS_API size_t hs_check(int code, const hs_header *fields, size_t count, const hs_check_options *opt,
                       hs_finding *out, size_t cap);

/* The same check fed one field at a time, for callers whose fields are not
 * in an array (a Lua table, a stream): begin, then any number of
 * hs_checker_response / hs_checker_request calls, then hs_checker_end.
 * opt is copied, except that method and content_data must stay valid until
 * the end; its request_fields array (if any) is fed at begin. The state lives in the
 * caller's hs_checker, which holds no pointer into the fields fed: a value is
 * judged as it is fed, and of the fields that must appear once (Location,
 * Retry-After, Date, Content-Length, Content-Range) it keeps a key of the
 * first value, to tell a later one that differs: the number or the instant
 * it names, or else its length and a 64-bit hash of its bytes. Equal values
 * give equal keys, so a hash collision could only hide such a finding. */
typedef struct hs_checker {
    int code;
    hs_check_options opt;
    unsigned long response; /* bit per field of interest, seen in the response */
    unsigned long request;  /* the same, in the request */
    bool invalid;           /* opt was not valid: hs_checker_end answers HS_CHECK_INVALID */
    unsigned long values;   /* bit per fact learnt from the response's values */
    unsigned long long first_key[5]; /* per field that must appear once: the key of its */
    size_t first_length[5];           /* first value, and its length or the kind of key */
    unsigned problem;       /* what the problem-details rules know: a problem+json Content-Type, facts read */
} hs_checker;

/* False when opt is not valid (see HS_CHECK_INVALID); the calls that follow
 * are still safe, and hs_checker_end then returns HS_CHECK_INVALID. */
HS_API bool hs_checker_begin(hs_checker *c, int code, const hs_check_options *opt);
HS_API void hs_checker_response(hs_checker *c, const char *name, size_t name_len, const char *value,
                                size_t value_len);
HS_API void hs_checker_request(hs_checker *c, const char *name, size_t name_len, const char *value,
                               size_t value_len);
/* Whether the response has content, learnt after its fields (a parser
 * knows it only once the header section has ended): any time before end.
 * Content given before (content_data) is forgotten. */
HS_API void hs_checker_content(hs_checker *c, hs_content content);
/* The content itself (size bytes), learnt after the fields, for the
 * problem-details rules: read at once and not kept (no pointer to data
 * stays in c), so a parser may pass its own buffer and reuse it. It sets
 * content as content_data does (size 0 is HS_CONTENT_NONE) and replaces
 * what the options or an earlier call said of the content; content longer
 * than HS_PROBLEM_CONTENT_MAX is present but not read (the problem rules
 * stay silent). data NULL with a size is a mistake: hs_checker_end then
 * returns HS_CHECK_INVALID. */
HS_API void hs_checker_content_data(hs_checker *c, const char *data, size_t size);
HS_API size_t hs_checker_end(const hs_checker *c, hs_finding *out, size_t cap);

/* ---- problem details (RFC 9457) ------------------------------------------
 *
 * hs_problem_json writes the application/problem+json body of a status:
 * {"title":"Not Found","status":404,"detail":"No user 42"}. The bytes are
 * the same in every language: compact JSON, UTF-8 as it is (U+2028 and
 * U+2029 too), '"' and '\' escaped, controls as \b \f \n \r \t or \u00xx
 * (lowercase hex), DEL and '/' as they are; members in the order type,
 * title, status, detail, instance, then the extensions sorted by the bytes
 * of their names (keys of nested objects likewise). */

/* An extension member: its name (name_len bytes: an ASCII letter, then
 * letters, digits or '_', three bytes or more, none of the five standard
 * names) and its value as JSON text (value_len bytes), encoded by the caller
 * in any valid way (any white space, any escapes): a string, an integer
 * (-2^53 < n < 2^53, no fraction or exponent; -0 is written 0), true,
 * false, null, or an array or object of these, nested at most
 * HS_PROBLEM_DEPTH deep, no key twice in one object. The writer validates
 * it and writes it canonically. */
typedef struct hs_problem_extension {
    const char *name;
    size_t name_len;
    const char *value;
    size_t value_len;
} hs_problem_extension;

/* The members a caller gives, each as bytes and a length (not
 * NUL-terminated, so a NUL in a detail is written \u0000). A NULL pointer
 * is an absent member (its length is not read); a given empty string is
 * written. title NULL is the status's phrase. extensions: extension_count
 * of them (NULL with a count of 0). HS_PROBLEM_INIT is all absent. */
typedef struct hs_problem {
    const char *detail;
    size_t detail_len;
    const char *type;
    size_t type_len;
    const char *title;
    size_t title_len;
    const char *instance;
    size_t instance_len;
    const hs_problem_extension *extensions;
    size_t extension_count;
} hs_problem;

#define HS_PROBLEM_INIT {NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0}

/* How deep an extension value may nest arrays and objects ([[1]] is 2). */
#define HS_PROBLEM_DEPTH 32

/* Writes the body of a problem with this code into buf, snprintf-style: at
 * most cap bytes, NUL-terminated when cap > 0 (so the whole body when the
 * return value is less than cap), and returns its length. 0 when the
 * problem cannot be written (a body is never empty), buf then holding ""
 * when cap > 0: a code outside 100..599, a code not in the table without a
 * title, a string that is not valid UTF-8, an extension that breaks the
 * rules above, two extensions of one name (hs_problem_validate says which
 * and why). p NULL is HS_PROBLEM_INIT. No heap; linear in the size of the
 * members, except that an object (the extensions too) that is not already
 * sorted is sorted by selection: O(k * n) for k members in n bytes. */
HS_API size_t hs_problem_json(char *buf, size_t cap, int code, const hs_problem *p);

/* Why hs_problem_json refuses a problem. */
typedef enum hs_problem_fault {
    HS_PROBLEM_OK,             /* nothing: it writes the body */
    HS_PROBLEM_BAD_CODE,       /* the code is outside 100..599 */
    HS_PROBLEM_NO_TITLE,       /* the code is not in the table and no title is given */
    HS_PROBLEM_BAD_ARGUMENT,   /* extensions NULL with a count, or an extension's name or value NULL */
    HS_PROBLEM_BAD_UTF8,       /* a string (a member, or one in an extension value) is not valid UTF-8 */
    HS_PROBLEM_BAD_NAME,       /* an extension name is not a letter, then letters, digits or '_', 3+ */
    HS_PROBLEM_STANDARD_NAME,  /* an extension is named type, title, status, detail or instance */
    HS_PROBLEM_DUPLICATE_NAME, /* two extensions have the same name */
    HS_PROBLEM_BAD_JSON,       /* an extension value is not one JSON value (RFC 8259) */
    HS_PROBLEM_LONE_SURROGATE, /* a \u escape of half a surrogate pair: no UTF-8 can say it */
    HS_PROBLEM_NOT_INTEGER,    /* a number with a fraction or an exponent */
    HS_PROBLEM_TOO_LARGE,      /* an integer of 2^53 or more, or -2^53 or less */
    HS_PROBLEM_TOO_DEEP,       /* arrays and objects nested deeper than HS_PROBLEM_DEPTH */
    HS_PROBLEM_DUPLICATE_KEY,  /* an object in an extension value has a key twice */
    HS_PROBLEM_TOO_LONG        /* the body would not fit in a size_t */
} hs_problem_fault;

/* Where and why, for a binding's error message: the member at fault is
 * member (member_len bytes: "detail", "type", "title", "instance", the
 * extension's name as given, or NULL when the fault is the code's or the
 * arguments'), extension its index in p->extensions (or (size_t)-1), offset
 * the byte of that member's string, name or value where it stopped being
 * valid, message a short English text naming the fault. */
typedef struct hs_problem_error {
    hs_problem_fault fault;
    const char *message;
    const char *member;
    size_t member_len;
    size_t extension;
    size_t offset;
} hs_problem_error;

/* True when hs_problem_json writes the problem; false, with *err (if not
 * NULL) saying why, when it returns 0. Checks exactly what it checks. */
HS_API bool hs_problem_validate(int code, const hs_problem *p, hs_problem_error *err);

/* The English text of a fault ("not valid UTF-8"); NULL outside the enum. */
HS_API const char *hs_problem_message(hs_problem_fault fault);

/* check reads a problem-details body (Content-Type application/problem+json)
 * of at most this many bytes; for longer content the problem rules stay
 * silent. Objects and arrays nested deeper than HS_PROBLEM_READ_DEPTH
 * likewise leave them silent. */
#define HS_PROBLEM_CONTENT_MAX 65536
#define HS_PROBLEM_READ_DEPTH 1024

/* The library's version, HS_VERSION_STRING at the time it was built. */
HS_API const char *hs_version(void);

#ifdef __cplusplus
}
#endif

#endif /* HTTPSTATUS_H */
