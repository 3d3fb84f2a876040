/*
 * Several threads doing every lookup and predicate at once, over every code
 * around 100..599 and every name, alias and phrase, each comparing against
 * answers computed on the main thread beforehand. The header promises that
 * every function is safe from any thread; this holds it to that, and under
 * ThreadSanitizer (the HS_TSAN build) also proves there is no data race.
 */
#define _POSIX_C_SOURCE 200809L

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>

#include "harness.h"
#include "httpstatus.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define THREADS 6
#define ROUNDS 8
#define MAX_ALIASES 8
#define FIRST_CODE (-10)
#define LAST_CODE 1010
#define EXTRA_CODES 4
#define CODES (LAST_CODE - FIRST_CODE + 1 + EXTRA_CODES)

static const int extra_codes[EXTRA_CODES] = {INT_MIN, INT_MIN + 1, INT_MAX - 1, INT_MAX};

static const char *const queries[] = {"timeout", "not", "error", "request", "too large",
                                      "ssl",     "found", "http", "zzz",    ""};

/* Everything one code answers, as one comparable value. */
typedef struct {
    const hs_status *row;
    const char *phrase, *en, *ko, *category;
    const char *aliases[MAX_ALIASES + 1];
    unsigned predicates;
} code_answer;

typedef struct {
    char text[96];
    size_t len;
    const hs_status *row;
} name_answer;

static int codes[CODES];
static code_answer code_answers[CODES];
static name_answer *names;
static size_t name_count, alias_count;
static size_t *search_answers; /* [query][start], start in 0..hs_count()+1 */

static unsigned predicates_of(int c)
{
    bool (*const all[])(int) = {hs_is_valid,        hs_is_known,         hs_is_official,
                                hs_is_informational, hs_is_success,      hs_is_redirection,
                                hs_is_client_error, hs_is_server_error,  hs_is_error,
                                hs_is_redirect,     hs_preserves_method, hs_is_cacheable,
                                hs_is_empty,        hs_is_retryable};
    unsigned bits = 0;
    for (size_t i = 0; i < COUNT_OF(all); i++)
        bits |= (unsigned)all[i](c) << i;
    return bits;
}

static void answer_code(int c, code_answer *a)
{
    memset(a, 0, sizeof *a);
    a->row = hs_get(c);
    a->phrase = hs_phrase(c);
    a->en = hs_description(c, "en");
    a->ko = hs_description(c, "ko");
    a->category = hs_category(c);
    for (size_t i = 0; i <= MAX_ALIASES; i++)
        if ((a->aliases[i] = hs_alias(c, i)) == NULL)
            break;
    a->predicates = predicates_of(c);
}

static int same_code_answer(const code_answer *x, const code_answer *y)
{
    if (x->row != y->row || x->phrase != y->phrase || x->en != y->en || x->ko != y->ko ||
        x->category != y->category || x->predicates != y->predicates)
        return 0;
    for (size_t i = 0; i <= MAX_ALIASES; i++)
        if (x->aliases[i] != y->aliases[i])
            return 0;
    return 1;
}

static void add_name(const char *text, size_t len)
{
    name_answer *n = &names[name_count++];
    memcpy(n->text, text, len);
    n->len = len;
    n->row = hs_find(n->text, n->len);
}

/* Every name, alias and phrase as written and in lower case with spaces,
 * every code as digits, and a few misses. */
static void collect_names(void)
{
    size_t rows = hs_count();
    names = calloc(rows * (3 + MAX_ALIASES) + CODES + 8, sizeof *names);
    OK(names != NULL, "calloc");
    if (!names)
        exit(1);
    for (size_t i = 0; i < rows; i++) {
        const hs_status *s = hs_at(i);
        char loose[96];
        size_t n = strlen(s->name);
        for (size_t k = 0; k < n; k++)
            loose[k] = s->name[k] == '_' ? ' ' : (char)(s->name[k] | 0x20);
        add_name(s->name, strlen(s->name));
        add_name(s->phrase, strlen(s->phrase));
        add_name(loose, n);
        const char *alias;
        for (size_t a = 0; (alias = hs_alias(s->code, a)) != NULL && a < MAX_ALIASES; a++) {
            add_name(alias, strlen(alias));
            alias_count++;
        }
    }
    for (int c = FIRST_CODE; c <= LAST_CODE; c++) {
        char digits[16];
        add_name(digits, (size_t)snprintf(digits, sizeof digits, "%d", c));
    }
    add_name("NOT_FOUND\0x", 11);
    add_name("404\0", 4);
    add_name("", 0);
    add_name("not  found", 10);
}

static void compute_answers(void)
{
    for (int c = FIRST_CODE; c <= LAST_CODE; c++)
        codes[c - FIRST_CODE] = c;
    for (size_t i = 0; i < EXTRA_CODES; i++)
        codes[LAST_CODE - FIRST_CODE + 1 + i] = extra_codes[i];
    for (size_t i = 0; i < CODES; i++)
        answer_code(codes[i], &code_answers[i]);

    collect_names();

    size_t starts = hs_count() + 2;
    search_answers = malloc(COUNT_OF(queries) * starts * sizeof *search_answers);
    OK(search_answers != NULL, "malloc");
    if (!search_answers)
        exit(1);
    for (size_t q = 0; q < COUNT_OF(queries); q++)
        for (size_t start = 0; start < starts; start++)
            search_answers[q * starts + start] = hs_search(queries[q], strlen(queries[q]), start);
}

/* The answers the threads compare against must be the right ones, or the
 * comparison proves nothing. */
static void check_answers(void)
{
    size_t known = 0, found = 0;
    for (size_t i = 0; i < CODES; i++) {
        known += code_answers[i].row != NULL;
        if (code_answers[i].row)
            OK(code_answers[i].row->code == codes[i], "hs_get(%d)", codes[i]);
    }
    SIZE_EQ(known, hs_count(), "codes known");
    for (size_t i = 0; i < name_count; i++)
        found += names[i].row != NULL;
    /* every name, phrase, loose name and alias, and every known code's digits */
    SIZE_EQ(found, 4 * hs_count() + alias_count, "names found");
    OK(names[0].row == hs_at(0), "first row by name");
    OK(search_answers[0] < hs_count(), "\"%s\" matches something", queries[0]);
}

typedef struct {
    pthread_t thread;
    int id;
    pthread_barrier_t *start;
    size_t lookups, mismatches;
    char first_mismatch[160];
} worker;

static void mismatch(worker *w, const char *what, const char *detail)
{
    if (w->mismatches++ == 0)
        snprintf(w->first_mismatch, sizeof w->first_mismatch, "%s %s", what, detail);
}

static void *run_worker(void *arg)
{
    worker *w = arg;
    size_t starts = hs_count() + 2;
    pthread_barrier_wait(w->start);
    for (int round = 0; round < ROUNDS; round++) {
        /* Each thread starts somewhere else and odd ones walk backwards, so
         * different threads hit the same rows at the same time, and not. */
        size_t offset = (size_t)w->id * 97 + (size_t)round * 13;
        for (size_t k = 0; k < CODES; k++) {
            size_t i = (w->id % 2 ? CODES - 1 - k : k + offset) % CODES;
            code_answer got;
            answer_code(codes[i], &got);
            w->lookups++;
            if (!same_code_answer(&got, &code_answers[i])) {
                char detail[16];
                snprintf(detail, sizeof detail, "%d", codes[i]);
                mismatch(w, "code", detail);
            }
        }
        for (size_t k = 0; k < name_count; k++) {
            const name_answer *n = &names[(w->id % 2 ? name_count - 1 - k : k + offset) % name_count];
            w->lookups++;
            if (hs_find(n->text, n->len) != n->row)
                mismatch(w, "hs_find", n->text);
        }
        for (size_t q = 0; q < COUNT_OF(queries); q++) {
            size_t qi = (q + (size_t)w->id) % COUNT_OF(queries);
            for (size_t start = 0; start < starts; start += 1 + (size_t)round) {
                w->lookups++;
                if (hs_search(queries[qi], strlen(queries[qi]), start) != search_answers[qi * starts + start])
                    mismatch(w, "hs_search", queries[qi]);
            }
        }
    }
    return NULL;
}

int main(void)
{
    compute_answers();
    check_answers();

    worker workers[THREADS];
    pthread_barrier_t start;
    OK(pthread_barrier_init(&start, NULL, THREADS) == 0, "barrier");
    for (int t = 0; t < THREADS; t++) {
        workers[t] = (worker){.id = t, .start = &start};
        if (pthread_create(&workers[t].thread, NULL, run_worker, &workers[t]) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            return 1;
        }
    }
    size_t lookups = 0;
    for (int t = 0; t < THREADS; t++) {
        pthread_join(workers[t].thread, NULL);
        lookups += workers[t].lookups;
        OK(workers[t].mismatches == 0, "thread %d: %zu answers differ, first: %s", t,
           workers[t].mismatches, workers[t].first_mismatch);
    }
    pthread_barrier_destroy(&start);
    OK(lookups > 0, "threads ran");
    printf("test_threads: %d threads, %zu lookups\n", THREADS, lookups);
    free(names);
    free(search_answers);
    return harness_report("test_threads");
}
