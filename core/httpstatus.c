/*
 * httpstatus: the table of core/codes.def expanded into constant arrays,
 * and the lookups over them. No heap, no mutable state, no locale.
 */
#include "httpstatus.h"

#include <string.h>

#include "normalize.h"

/* The flags codes.def may use, private to this file. */
enum {
    OFFICIAL = 1 << 0,
    REDIRECT = 1 << 1,
    PRESERVES_METHOD = 1 << 2,
    CACHEABLE = 1 << 3,
    EMPTY = 1 << 4,
    RETRYABLE = 1 << 5,
    COMMON = 1 << 6, /* usage "common"; with neither this nor RARE, "normal" */
    RARE = 1 << 7
};

#define USAGE_OF(flags) (((flags) & COMMON) ? "common" : ((flags) & RARE) ? "rare" : "normal")

static const hs_status rows[] = {
#define HS_STATUS(code, name, phrase, origin, reference, flags, en, ko) \
    {code, #name, phrase, en, ko, origin, reference, USAGE_OF(flags), #code " " phrase, ((flags) & OFFICIAL) != 0},
#include "codes.def"
};

static const unsigned char row_flags[] = {
#define HS_STATUS(code, name, phrase, origin, reference, flags, en, ko) (flags),
#include "codes.def"
};

enum {
#define HS_STATUS(code, name, phrase, origin, reference, flags, en, ko) ROW_##name,
#include "codes.def"
    ROW_COUNT
};

/* The index of row_by_code must fit its element type. */
typedef char row_count_fits_in_a_byte[ROW_COUNT < 255 ? 1 : -1];

/* For each code 100..599, its row's index plus one; 0 where there is none.
 * This makes hs_get one bounds check and one load. */
static const unsigned char row_by_code[500] = {
#define HS_STATUS(code, name, phrase, origin, reference, flags, en, ko) [(code) - 100] = ROW_##name + 1,
#include "codes.def"
};

static const struct {
    int code;
    const char *name;
} aliases[] = {
#define HS_ALIAS(code, name) {code, #name},
#include "codes.def"
};

struct hs_name {
    const char *key;
    int code;
};
#include "names.inc"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Row index of a code, or -1. */
static int row_of(int code)
{
    if (code < 100 || code > 599)
        return -1;
    return (int)row_by_code[code - 100] - 1;
}

const hs_status *hs_get(int code)
{
    int row = row_of(code);
    return row < 0 ? NULL : &rows[row];
}

size_t hs_count(void)
{
    return COUNT_OF(rows);
}

const hs_status *hs_at(size_t i)
{
    return i < COUNT_OF(rows) ? &rows[i] : NULL;
}

const char *hs_alias(int code, size_t i)
{
    for (size_t a = 0; a < COUNT_OF(aliases); a++)
        if (aliases[a].code == code && i-- == 0)
            return aliases[a].name;
    return NULL;
}

const hs_status *hs_find(const char *s, size_t len)
{
    char key[HS_KEY_MAX + 1];

    if (s == NULL)
        return NULL;
    hs_trim(&s, &len);
    if (len == 0)
        return NULL;

    size_t digits = 0;
    while (digits < len && s[digits] >= '0' && s[digits] <= '9')
        digits++;
    if (digits == len) /* a code is exactly three digits: "0404" is none */
        return len == 3 ? hs_get((s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0')) : NULL;

    if (hs_normalize(s, len, key) == (size_t)-1)
        return NULL;
    size_t lo = 0, hi = COUNT_OF(hs_names);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(key, hs_names[mid].key);
        if (cmp == 0)
            return hs_get(hs_names[mid].code);
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

static bool key_contains(const char *text, const char *needle)
{
    char key[HS_KEY_MAX + 1];
    return hs_normalize(text, strlen(text), key) != (size_t)-1 && strstr(key, needle) != NULL;
}

/* Origins are prose ("Qualys SSL Labs; overloaded API services"), longer
 * than any name and with punctuation the name normalisation refuses: fold
 * them as hs_normalize folds letters, with every other byte a separator. */
static bool origin_contains(const char *origin, const char *needle)
{
    char key[256];
    size_t n = 0;
    for (; *origin != '\0' && n < sizeof key - 1; origin++) {
        unsigned char c = (unsigned char)*origin;
        if (c >= 'a' && c <= 'z')
            c = (unsigned char)(c - 'a' + 'A');
        else if (c == '\'' || c == '(' || c == ')')
            continue;
        else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            c = '_';
        key[n++] = (char)c;
    }
    key[n] = '\0';
    return strstr(key, needle) != NULL;
}

size_t hs_search(const char *query, size_t len, size_t start)
{
    char needle[HS_KEY_MAX + 1];

    if (query == NULL)
        return COUNT_OF(rows);
    hs_trim(&query, &len);
    if (hs_normalize(query, len, needle) == (size_t)-1 || needle[0] == '\0')
        return COUNT_OF(rows);
    for (size_t i = start; i < COUNT_OF(rows); i++) {
        const hs_status *s = &rows[i];
        if (key_contains(s->name, needle) || key_contains(s->phrase, needle) ||
            origin_contains(s->origin, needle))
            return i;
        const char *alias;
        for (size_t a = 0; (alias = hs_alias(s->code, a)) != NULL; a++)
            if (key_contains(alias, needle))
                return i;
    }
    return COUNT_OF(rows);
}

const char *hs_phrase(int code)
{
    int row = row_of(code);
    return row < 0 ? NULL : rows[row].phrase;
}

bool hs_is_language(const char *lang)
{
    return lang != NULL && (strcmp(lang, "en") == 0 || strcmp(lang, "ko") == 0);
}

const char *hs_description(int code, const char *lang)
{
    int row = row_of(code);
    if (row < 0 || !hs_is_language(lang))
        return NULL;
    return lang[0] == 'k' ? rows[row].description_ko : rows[row].description;
}

const char *hs_category(int code)
{
    static const char *const names[] = {"informational", "success", "redirection", "client_error",
                                        "server_error"};
    return hs_is_valid(code) ? names[code / 100 - 1] : NULL;
}

static bool has_flag(int code, unsigned flag)
{
    int row = row_of(code);
    return row >= 0 && (row_flags[row] & flag) != 0;
}

bool hs_is_valid(int code) { return code >= 100 && code <= 599; }
bool hs_is_known(int code) { return row_of(code) >= 0; }
bool hs_is_official(int code) { return has_flag(code, OFFICIAL); }
bool hs_is_informational(int code) { return code >= 100 && code <= 199; }
bool hs_is_success(int code) { return code >= 200 && code <= 299; }
bool hs_is_redirection(int code) { return code >= 300 && code <= 399; }
bool hs_is_client_error(int code) { return code >= 400 && code <= 499; }
bool hs_is_server_error(int code) { return code >= 500 && code <= 599; }
bool hs_is_error(int code) { return code >= 400 && code <= 599; }
bool hs_is_redirect(int code) { return has_flag(code, REDIRECT); }
bool hs_preserves_method(int code) { return has_flag(code, PRESERVES_METHOD); }
bool hs_is_cacheable(int code) { return has_flag(code, CACHEABLE); }
bool hs_is_empty(int code) { return hs_is_informational(code) || has_flag(code, EMPTY); }
bool hs_is_retryable(int code) { return has_flag(code, RETRYABLE); }

/* ---- the surface as data (httpstatus_surface.def) ------------------- */

enum {
#define HS_FIELD(name, kind, doc) FIELD_##name,
#include "httpstatus_surface.def"
    FIELD_PREDICATES /* the first predicate's field index */
};

static const struct {
    const char *name;
    const char *doc;
    hs_kind kind;
    bool (*predicate)(int code);
} fields[] = {
#define HS_FIELD(name, kind, doc) {#name, doc, HS_##kind, NULL},
#define HS_PREDICATE(name, doc) {#name, doc, HS_BOOLEAN, hs_##name},
#include "httpstatus_surface.def"
};

size_t hs_field_count(void) { return COUNT_OF(fields); }
const char *hs_field_name(size_t i) { return i < COUNT_OF(fields) ? fields[i].name : NULL; }
const char *hs_field_doc(size_t i) { return i < COUNT_OF(fields) ? fields[i].doc : NULL; }
hs_kind hs_field_kind(size_t i) { return i < COUNT_OF(fields) ? fields[i].kind : HS_INTEGER; }
bool hs_field_is_predicate(size_t i) { return i < COUNT_OF(fields) && fields[i].predicate != NULL; }

bool hs_predicate(size_t i, int code)
{
    return hs_field_is_predicate(i) && fields[i].predicate(code);
}

/* Where each field's value comes from: one case per HS_FIELD line. */
static bool field_value(const hs_status *s, size_t i, size_t j, hs_value *v)
{
    switch (i) {
    case FIELD_code: v->integer = s->code; return true;
    case FIELD_name: v->string = s->name; return true;
    case FIELD_aliases: return (v->string = hs_alias(s->code, j)) != NULL;
    case FIELD_phrase: v->string = s->phrase; return true;
    case FIELD_description: v->string = s->description; return true;
    case FIELD_category: v->string = hs_category(s->code); return true;
    case FIELD_official: v->integer = s->official; return true;
    case FIELD_origin: v->string = s->origin; return true;
    case FIELD_reference: v->string = s->reference; return true;
    case FIELD_usage: v->string = s->usage; return true;
    case FIELD_status_line: v->string = s->status_line; return true;
    case FIELD_rules: return (v->string = hs_rule_of(s->code, j)) != NULL;
    default: v->integer = fields[i].predicate(s->code); return true;
    }
}

bool hs_field_value(int code, size_t i, size_t j, hs_value *out)
{
    const hs_status *s = hs_get(code);
    hs_value v = {HS_INTEGER, 0, NULL};
    if (s == NULL || out == NULL || i >= COUNT_OF(fields) || (fields[i].kind != HS_STRINGS && j != 0))
        return false;
    v.kind = fields[i].kind;
    if (!field_value(s, i, j, &v))
        return false;
    *out = v;
    return true;
}

const char *hs_version(void)
{
    return HS_VERSION_STRING;
}
