/*
 * libFuzzer target for the C core. Every input is used four ways:
 *
 *   - as bytes for hs_find and hs_search (any length, any byte, NUL included);
 *   - its first 4 bytes as a 32-bit int for every int-taking function;
 *   - its next 8 bytes as a size_t for hs_at, hs_alias and hs_search's start;
 *   - as a NUL-terminated string for the lang of hs_description.
 *
 * Each answer is checked against the header's promises and against an oracle
 * written here from the header's words (a linear scan over hs_at with its own
 * normalisation), not just for crashes: a broken invariant prints what broke
 * and aborts, so libFuzzer saves the input.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "httpstatus.h"

#define CHECK(cond)                                                                    \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "fuzz_core: invariant broken at line %d: %s\n", __LINE__, #cond); \
            abort();                                                                   \
        }                                                                              \
    } while (0)

/* Longer than any name, alias or phrase of the table (checked at start-up),
 * and short enough that the core reads such an input in full: up to this many
 * bytes hs_find and hs_search must agree with the oracle exactly. The core
 * refuses longer inputs by their length alone (core/normalize.h), even ones
 * that fold to a name because they carry many apostrophes, so for them only a
 * hit is checked. */
#define EXACT_LEN 64

/* Bounds no sane table reaches; past them an alias list never ends. */
#define MAX_ALIASES 32
#define KEY_CAP 256

/* ---- the oracle -------------------------------------------------------- */

/* The header's matching rule: ASCII case ignored, ' ', '-' and '_' alike,
 * apostrophes and parentheses ignored, any other byte a miss. Writes the
 * folded form (NUL-terminated) and returns its length, or -1 on a miss or when
 * it does not fit in cap bytes. */
static long fold(const unsigned char *s, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = s[i];
        if (c == '\'' || c == '(' || c == ')')
            continue;
        if (c == ' ' || c == '-' || c == '_')
            c = '_';
        else if (c >= 'a' && c <= 'z')
            c = (unsigned char)(c - ('a' - 'A'));
        else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return -1;
        if (n + 1 >= cap)
            return -1;
        out[n++] = (char)c;
    }
    out[n] = '\0';
    return (long)n;
}

static long fold_string(const char *s, char *out)
{
    return fold((const unsigned char *)s, strlen(s), out, KEY_CAP);
}

/* Calls f(key of each name, phrase and alias of row) until f returns true. */
static int any_key_of(const hs_status *row, int (*f)(const char *key, const void *arg),
                      const void *arg)
{
    char key[KEY_CAP];
    const char *alias;
    if (fold_string(row->name, key) >= 0 && f(key, arg))
        return 1;
    if (fold_string(row->phrase, key) >= 0 && f(key, arg))
        return 1;
    for (size_t a = 0; (alias = hs_alias(row->code, a)) != NULL; a++)
        if (fold_string(alias, key) >= 0 && f(key, arg))
            return 1;
    return 0;
}


static int key_equals(const char *key, const void *wanted)
{
    return strcmp(key, (const char *)wanted) == 0;
}

static int key_contains(const char *key, const void *needle)
{
    return strstr(key, (const char *)needle) != NULL;
}

/* What hs_search looks in: every key of the row, and its origin too. */
static int row_matches_search(const hs_status *row, const char *needle)
{
    /* the origin: letters upper-cased, apostrophes and parentheses dropped,
     * any other byte that is no letter or digit a '_' */
    char origin[256];
    size_t n = 0;
    for (const char *o = row->origin; *o && n < sizeof origin - 1; o++) {
        char c = *o;
        if (c == '\'' || c == '(' || c == ')')
            continue;
        origin[n++] = isalnum((unsigned char)c) ? (char)toupper((unsigned char)c) : '_';
    }
    origin[n] = '\0';
    return any_key_of(row, key_contains, needle) || strstr(origin, (const char *)needle) != NULL;
}

/* What hs_find must answer for s[0..len), by a linear scan. */
/* The ends of s[0..*len) without ASCII white space (space, HT, LF, VT, FF,
 * CR): lookups ignore it around a query, never inside one. */
static const unsigned char *trimmed(const unsigned char *s, size_t *len)
{
    while (*len > 0 && (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r'))) {
        s++;
        (*len)--;
    }
    while (*len > 0 && (s[*len - 1] == ' ' || (s[*len - 1] >= '\t' && s[*len - 1] <= '\r')))
        (*len)--;
    return s;
}

static const hs_status *oracle_find(const unsigned char *s, size_t len)
{
    s = trimmed(s, &len);
    if (len == 0)
        return NULL;
    size_t digits = 0;
    while (digits < len && s[digits] >= '0' && s[digits] <= '9')
        digits++;
    if (digits == len) { /* a code is exactly three digits: "0404" is none */
        if (len != 3)
            return NULL;
        int code = 0;
        for (size_t i = 0; i < len; i++)
            code = code * 10 + (s[i] - '0');
        for (size_t r = 0; r < hs_count(); r++)
            if (hs_at(r)->code == code)
                return hs_at(r);
        return NULL;
    }
    char key[KEY_CAP];
    if (fold(s, len, key, sizeof key) < 0)
        return NULL;
    for (size_t r = 0; r < hs_count(); r++)
        if (any_key_of(hs_at(r), key_equals, key))
            return hs_at(r);
    return NULL;
}

/* The index of row, or hs_count() when it is not a row of the table. */
static size_t index_of(const hs_status *row)
{
    size_t n = hs_count();
    for (size_t i = 0; i < n; i++)
        if (hs_at(i) == row)
            return i;
    return n;
}

/* ---- the checks -------------------------------------------------------- */

static void check_code(int c)
{
    int valid = c >= 100 && c <= 599;
    int hundreds = valid ? c / 100 : 0;
    const hs_status *row = hs_get(c);

    CHECK(hs_is_valid(c) == valid);
    CHECK((row != NULL) == hs_is_known(c));
    CHECK(!row || valid);
    if (row) {
        CHECK(row->code == c);
        CHECK(index_of(row) < hs_count());
    }

    /* class predicates: by class inside 100..599, false outside */
    CHECK(hs_is_informational(c) == (hundreds == 1));
    CHECK(hs_is_success(c) == (hundreds == 2));
    CHECK(hs_is_redirection(c) == (hundreds == 3));
    CHECK(hs_is_client_error(c) == (hundreds == 4));
    CHECK(hs_is_server_error(c) == (hundreds == 5));
    CHECK(hs_is_error(c) == (hundreds == 4 || hundreds == 5));

    static const char *const categories[] = {"informational", "success", "redirection",
                                             "client_error", "server_error"};
    const char *category = hs_category(c);
    CHECK((category == NULL) == !valid);
    CHECK(!category || strcmp(category, categories[hundreds - 1]) == 0);

    /* row predicates: only codes in the table, and consistent with each other */
    CHECK(hs_is_official(c) == (row != NULL && row->official));
    CHECK(!hs_is_redirect(c) || (row && hundreds == 3));
    CHECK(!hs_preserves_method(c) || hs_is_redirect(c));
    CHECK(!hs_is_cacheable(c) || row);
    CHECK(!hs_is_retryable(c) || (row && hs_is_error(c)));
    CHECK(!hs_is_empty(c) || hundreds == 1 || row);
    CHECK(!valid || hundreds != 1 || hs_is_empty(c));

    /* text lookups: the row's own strings, or NULL */
    CHECK(hs_phrase(c) == (row ? row->phrase : NULL));
    CHECK(hs_description(c, "en") == (row ? row->description : NULL));
    CHECK(hs_description(c, "ko") == (row ? row->description_ko : NULL));
    CHECK(hs_description(c, NULL) == NULL);
    CHECK(hs_description(c, "fr") == NULL);

    /* aliases: none for an unknown code; each one finds its row */
    size_t a = 0;
    const char *alias;
    for (; (alias = hs_alias(c, a)) != NULL; a++) {
        CHECK(row != NULL);
        CHECK(a < MAX_ALIASES);
        CHECK(hs_find(alias, strlen(alias)) == row);
        CHECK(strcmp(alias, row->name) != 0);
    }
    CHECK(hs_alias(c, a + 1) == NULL);
}

static void check_index(int c, size_t i)
{
    size_t n = hs_count();
    const hs_status *row = hs_at(i);
    CHECK((row != NULL) == (i < n));
    if (row) {
        CHECK(hs_get(row->code) == row);
        CHECK(i == 0 || hs_at(i - 1)->code < row->code);
    }

    /* alias i of c is alias i of c's row; past the list, NULL */
    const char *alias = hs_alias(c, i);
    if (alias) {
        CHECK(hs_get(c) != NULL);
        CHECK(hs_find(alias, strlen(alias)) == hs_get(c));
    }
}

static void check_find(const unsigned char *data, size_t size)
{
    const hs_status *got = hs_find((const char *)data, size);

    if (got) {
        CHECK(index_of(got) < hs_count());
        CHECK(hs_get(got->code) == got);
    }
    if (memchr(data, '\0', size))
        CHECK(got == NULL);

    const hs_status *want = oracle_find(data, size);
    size_t inner = size;
    (void)trimmed(data, &inner);
    if (inner <= EXACT_LEN)
        CHECK(got == want);
    else
        CHECK(got == NULL || got == want);

    /* Only len bytes count, and a NUL after a hit makes it a miss. */
    if (got) {
        unsigned char *longer = malloc(size + 1);
        CHECK(longer != NULL);
        memcpy(longer, data, size);
        longer[size] = '\0';
        CHECK(hs_find((const char *)longer, size) == got);
        CHECK(hs_find((const char *)longer, size + 1) == NULL);
        free(longer);
    }
}

static void check_search(const unsigned char *data, size_t size, size_t start)
{
    size_t n = hs_count();
    size_t got = hs_search((const char *)data, size, start);
    CHECK(got <= n);

    char needle[KEY_CAP];
    data = trimmed(data, &size);
    long folded = fold(data, size, needle, sizeof needle);
    if (folded <= 0) {
        /* rejected by the normalisation (a NUL, any other byte) or empty */
        CHECK(got == n);
        return;
    }
    if (size > EXACT_LEN) {
        if (got < n)
            CHECK(got >= start && row_matches_search(hs_at(got), needle));
        return;
    }
    size_t want = n;
    for (size_t i = start; i < n && want == n; i++)
        if (row_matches_search(hs_at(i), needle))
            want = i;
    CHECK(got == want);
}

static void check_language(const unsigned char *data, size_t size, int c)
{
    char *lang = malloc(size + 1);
    CHECK(lang != NULL);
    memcpy(lang, data, size);
    lang[size] = '\0';

    int en = strcmp(lang, "en") == 0, ko = strcmp(lang, "ko") == 0;
    const hs_status *row = hs_get(c);
    CHECK(hs_is_language(lang) == (en || ko));
    CHECK(hs_description(c, lang) == (!row ? NULL : en ? row->description : ko ? row->description_ko : NULL));
    free(lang);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* EXACT_LEN must stay above every key the oracle compares against. */
    char key[KEY_CAP];
    for (size_t i = 0; i < hs_count(); i++) {
        const hs_status *row = hs_at(i);
        const char *alias;
        CHECK(strlen(row->name) < EXACT_LEN && strlen(row->phrase) < EXACT_LEN);
        CHECK(fold_string(row->name, key) >= 0 && fold_string(row->phrase, key) >= 0);
        for (size_t a = 0; (alias = hs_alias(row->code, a)) != NULL; a++)
            CHECK(strlen(alias) < EXACT_LEN);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int32_t code = 0;
    uint64_t wide = 0;
    memcpy(&code, data, size < sizeof code ? size : sizeof code);
    if (size > sizeof code)
        memcpy(&wide, data + sizeof code, size - sizeof code < sizeof wide ? size - sizeof code : sizeof wide);

    /* Any 32-bit value, and the same folded into -200..823 so that codes near
     * and inside 100..599 come up often. */
    int near = (int)((uint32_t)code % 1024) - 200;
    size_t index = (size_t)wide;
    size_t near_index = (size_t)(wide % (hs_count() + 4));

    check_code(code);
    check_code(near);
    check_index(near, index);
    check_index(near, near_index);
    check_index(code, near_index);
    check_find(data, size);
    check_search(data, size, 0);
    check_search(data, size, near_index);
    check_search(data, size, index);
    check_language(data, size, near);
    return 0;
}
