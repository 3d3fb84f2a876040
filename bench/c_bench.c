/*
 * C benchmark: hs_get and hs_find against baselines compiled into this same
 * binary, timed in the same run. Prints a table, or with --tsv one line per
 * operation: group, operation, baseline, ns/op, baseline ns/op, ratio,
 * target ratio, ok|MISS (a target ratio of 0 means "absolute target": see
 * the operation's name).
 *
 * Fairness: every function measured, ours and the baselines, is called
 * through the same non-inlined function pointer, as a caller of a library
 * would, over the same pseudo-random sequence of codes or names.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, strncasecmp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "httpstatus.h"

#define RUNS 7
#define CODES 4096

typedef const hs_status *(*by_code_fn)(int);
typedef const hs_status *(*by_name_fn)(const char *, size_t);

static const hs_status *plain_array[600];

/* Baseline 1: a plain array of 600 pointers, indexed after a bounds check. */
__attribute__((noinline)) static const hs_status *array_get(int code)
{
    return code >= 0 && code < 600 ? plain_array[code] : NULL;
}

/* Baseline 2: a switch over the same codes, expanded from the same table. */
__attribute__((noinline)) static const hs_status *switch_get(int code)
{
    switch (code) {
#define HS_STATUS(code, name, phrase, origin, reference, flags, en, ko) \
    case code:                                                          \
        return plain_array[code];
#include "codes.def"
    default:
        return NULL;
    }
}

/* Baseline for names: a linear, case-insensitive scan of names and aliases,
 * as a library without an index would do (it normalises nothing). */
__attribute__((noinline)) static const hs_status *linear_find(const char *s, size_t len)
{
    for (size_t i = 0; i < hs_count(); i++) {
        const hs_status *row = hs_at(i);
        if (strlen(row->name) == len && strncasecmp(row->name, s, len) == 0)
            return row;
        const char *alias;
        for (size_t a = 0; (alias = hs_alias(row->code, a)) != NULL; a++)
            if (strlen(alias) == len && strncasecmp(alias, s, len) == 0)
                return row;
    }
    return NULL;
}

static double now_ns(void);
static volatile size_t sink;

/* A realistic response head of ten fields, for hs_check. */
#define FIELD(n, v) {n, sizeof n - 1, v, sizeof v - 1}
static const hs_header response[10] = {
    FIELD("Server", "nginx/1.22.1"),
    FIELD("Date", "Fri, 04 Dec 2026 07:14:29 GMT"),
    FIELD("Content-Type", "text/html; charset=utf-8"),
    FIELD("Content-Length", "5120"),
    FIELD("Last-Modified", "Thu, 03 Dec 2026 11:00:00 GMT"),
    FIELD("Connection", "keep-alive"),
    FIELD("ETag", "\"6568a1b0-1400\""),
    FIELD("Cache-Control", "max-age=3600"),
    FIELD("Vary", "Accept-Encoding"),
    FIELD("Accept-Ranges", "bytes"),
};

/* A head of the same size that carries every field a value rule reads once
 * per response: hs_check parses Date, Content-Length, Content-Range,
 * Location and Retry-After, and hashes each for a repeat. */
static const hs_header valued[10] = {
    FIELD("Server", "nginx/1.22.1"),
    FIELD("Date", "Fri, 04 Dec 2026 07:14:29 GMT"),
    FIELD("Content-Type", "text/plain; charset=utf-8"),
    FIELD("Content-Length", "100"),
    FIELD("Content-Range", "bytes 0-99/5120"),
    FIELD("Location", "https://example.org/files/report-2026.txt?version=3"),
    FIELD("Retry-After", "120"),
    FIELD("ETag", "\"6568a1b0-1400\""),
    FIELD("Cache-Control", "max-age=3600"),
    FIELD("Accept-Ranges", "bytes"),
};

typedef size_t (*check_fn)(int, const hs_header *, size_t);

__attribute__((noinline)) static size_t our_check(int code, const hs_header *h, size_t n)
{
    hs_finding out[8];
    return hs_check(code, h, n, NULL, out, 8);
}

/* Baseline: the least a hand-written check does, one rule: is there a Date
 * (names compared ignoring case)? */
__attribute__((noinline)) static size_t date_only_check(int code, const hs_header *h, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (h[i].name_len == 4 && strncasecmp(h[i].name, "date", 4) == 0)
            return 0;
    return code >= 200 && code < 500;
}

static double time_check(check_fn f, long iterations, int code, const hs_header *fields)
{
    double t0 = now_ns();
    size_t found = 0;
    for (long i = 0; i < iterations; i++)
        found += f(code + (int)(i & 1), fields, 10);
    sink = found;
    return (now_ns() - t0) / (double)iterations;
}

/* A problem-details body for a 404 with a 40-byte detail. */
static const char detail40[] = "No user 42 exists in the accounts table.";
typedef char detail_is_40_bytes[sizeof detail40 - 1 == 40 ? 1 : -1];
typedef size_t (*problem_fn)(char *, size_t, int, const char *, size_t);

__attribute__((noinline)) static size_t our_problem(char *buf, size_t cap, int code, const char *detail, size_t len)
{
    hs_problem p = HS_PROBLEM_INIT;
    p.detail = detail;
    p.detail_len = len;
    return hs_problem_json(buf, cap, code, &p);
}

/* Baseline: the same bytes from one snprintf, which neither escapes nor
 * validates anything (the detail here needs neither). */
__attribute__((noinline)) static size_t snprintf_problem(char *buf, size_t cap, int code, const char *detail,
                                                         size_t len)
{
    int n = snprintf(buf, cap, "{\"title\":\"%s\",\"status\":%d,\"detail\":\"%.*s\"}", hs_phrase(code), code,
                     (int)len, detail);
    return n < 0 ? 0 : (size_t)n;
}

static double time_problem(problem_fn f, long iterations)
{
    char buf[256];
    double t0 = now_ns();
    size_t total = 0;
    for (long i = 0; i < iterations; i++)
        total += f(buf, sizeof buf, 404, detail40, sizeof detail40 - 1);
    sink = total + (size_t)buf[0];
    return (now_ns() - t0) / (double)iterations;
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v)
{
    qsort(v, RUNS, sizeof v[0], cmp_double);
    return v[RUNS / 2];
}

static int codes[CODES];

static double time_by_code(by_code_fn f, long iterations)
{
    double t0 = now_ns();
    size_t found = 0;
    for (long i = 0; i < iterations; i++)
        found += f(codes[i & (CODES - 1)]) != NULL;
    sink = found;
    return (now_ns() - t0) / (double)iterations;
}

static const char *names[512];
static size_t name_lens[512];
static size_t name_count;

static double time_by_name(by_name_fn f, long iterations)
{
    double t0 = now_ns();
    size_t found = 0;
    for (long i = 0; i < iterations; i++) {
        size_t k = (size_t)i % name_count;
        found += f(names[k], name_lens[k]) != NULL;
    }
    sink = found;
    return (now_ns() - t0) / (double)iterations;
}

static int tsv;

/* One row: ok when the ratio is within target (0: no ratio target) and ns
 * is below limit_ns (0: no absolute target; the operation's name states it). */
static int report(const char *op, const char *baseline, double ns, double base_ns, double target, double limit_ns)
{
    double ratio = ns / base_ns;
    int ok = (target > 0 ? ratio <= target : 1) && (limit_ns > 0 ? ns < limit_ns : 1);
    if (tsv)
        printf("c\t%s\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%s\n", op, baseline, ns, base_ns, ratio, target,
               ok ? "ok" : "MISS");
    else
    {
        char goal[32] = "";
        if (target > 0)
            snprintf(goal, sizeof goal, "<= %.2fx", target);
        printf("%-34s %-26s %9.2f %9.2f %7.2fx %-9s %s\n", op, baseline, ns, base_ns, ratio, goal,
               ok ? "ok" : "MISS");
    }
    return ok;
}

int main(int argc, char **argv)
{
    tsv = argc > 1 && strcmp(argv[1], "--tsv") == 0;
    for (size_t i = 0; i < hs_count(); i++)
        plain_array[hs_at(i)->code] = hs_at(i);

    /* Codes: mostly known ones, some unknown but valid, some out of range. */
    unsigned seed = 12345;
    for (int i = 0; i < CODES; i++) {
        seed = seed * 1103515245u + 12345u;
        unsigned r = (seed >> 8) % 100;
        codes[i] = r < 80 ? hs_at((seed >> 4) % hs_count())->code
                          : r < 95 ? 100 + (int)((seed >> 4) % 500) : (int)((seed >> 4) % 2000) - 500;
    }
    /* Names: every canonical name and alias, then as many misses. */
    for (size_t i = 0; i < hs_count(); i++) {
        names[name_count++] = hs_at(i)->name;
        const char *alias;
        for (size_t a = 0; (alias = hs_alias(hs_at(i)->code, a)) != NULL; a++)
            names[name_count++] = alias;
    }
    static const char *const misses[] = {"NOT_FOUNDX", "TEAPOT", "", "GONE_", "OKAY",
                                         "SERVICE_UNAVAILABLE_", "ZZZ", "not  found", "4040",
                                         "INTERNAL_ERROR", "BAD", "X-Y-Z"};
    size_t hits = name_count;
    for (size_t i = 0; i < hits && name_count < 512; i++)
        names[name_count++] = misses[i % (sizeof misses / sizeof misses[0])];
    for (size_t i = 0; i < name_count; i++)
        name_lens[i] = strlen(names[i]);

    const long code_iters = 20000000, name_iters = 2000000;
    const long check_iters = 2000000, problem_iters = 2000000;
    double get[RUNS], arr[RUNS], sw[RUNS], find[RUNS], lin[RUNS], chk[RUNS], date[RUNS], val[RUNS], vdate[RUNS];
    double prob[RUNS], snp[RUNS];

    /* the two bodies are the same bytes, or the comparison means nothing */
    char ours[256], theirs[256];
    size_t n_ours = our_problem(ours, sizeof ours, 404, detail40, sizeof detail40 - 1);
    if (n_ours == 0 || n_ours != snprintf_problem(theirs, sizeof theirs, 404, detail40, sizeof detail40 - 1) ||
        strcmp(ours, theirs) != 0) {
        fprintf(stderr, "c_bench: hs_problem_json and the snprintf baseline write different bodies\n");
        return 1;
    }
    for (int r = 0; r < RUNS; r++) {
        get[r] = time_by_code(hs_get, code_iters);
        arr[r] = time_by_code(array_get, code_iters);
        sw[r] = time_by_code(switch_get, code_iters);
        find[r] = time_by_name(hs_find, name_iters);
        lin[r] = time_by_name(linear_find, name_iters / 10);
        chk[r] = time_check(our_check, check_iters, 200, response);
        date[r] = time_check(date_only_check, check_iters, 200, response);
        val[r] = time_check(our_check, check_iters, 206, valued); /* 206 and 207 */
        vdate[r] = time_check(date_only_check, check_iters, 206, valued);
        prob[r] = time_problem(our_problem, problem_iters);
        snp[r] = time_problem(snprintf_problem, problem_iters);
    }
    double c = median(chk), d = median(date), v = median(val), vd = median(vdate), pj = median(prob), ps = median(snp);
    double g = median(get), a = median(arr), s = median(sw), f = median(find), l = median(lin);

    if (!tsv) {
        printf("C: median of %d runs; %ld lookups by code, %ld by name per run\n", RUNS, code_iters,
               name_iters);
        printf("%-34s %-26s %9s %9s %8s\n", "operation", "baseline", "ns/op", "base ns", "ratio");
    }
    int ok = 1;
    ok &= report("hs_get(code)", "plain array index", g, a, 1.5, 0);
    ok &= report("hs_get(code)", "switch over the codes", g, s, 0, 0);
    ok &= report("hs_find(name|alias|miss) < 100 ns", "linear strncasecmp scan", f, l, 0, 100.0);
    ok &= report("hs_check(200|201, 10 fields) < 150 ns", "Date test alone (strncasecmp)", c, d, 0, 150.0);
    ok &= report("hs_check(206|207, 10 fields, 5 values) <= 200 ns", "Date test alone (strncasecmp)", v, vd, 0,
                 200.0001);
    ok &= report("hs_problem_json(404, 40 B) < 150 ns", "one snprintf, no escaping", pj, ps, 0, 150.0);
    if (pj >= 150.0) {
        fprintf(stderr, "hs_problem_json: %.1f ns/op, target < 150\n", pj);
        ok = 0;
    }
    if (c >= 150.0) {
        fprintf(stderr, "hs_check: %.1f ns/op, target < 150\n", c);
        ok = 0;
    }
    if (v > 200.0) {
        fprintf(stderr, "hs_check with five values read: %.1f ns/op, target <= 200\n", v);
        ok = 0;
    }
    if (f >= 100.0) {
        fprintf(stderr, "hs_find: %.1f ns/op, target < 100\n", f);
        ok = 0;
    }
    return ok ? 0 : 1;
}
