/* A minimal test harness: each check prints the failing line and counts it;
 * main returns non-zero when any check failed. */
#ifndef HS_TEST_HARNESS_H
#define HS_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_checks, harness_failures;

#define OK(cond, ...)                                                         \
    do {                                                                      \
        harness_checks++;                                                     \
        if (!(cond)) {                                                        \
            harness_failures++;                                               \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                     \
            fputc('\n', stderr);                                              \
        }                                                                     \
    } while (0)

#define INT_EQ(got, want, what)                                               \
    do {                                                                      \
        long long got_ = (got), want_ = (want);                               \
        OK(got_ == want_, "%s: got %lld, want %lld", (what), got_, want_);    \
    } while (0)

/* For sizes and counts (size_t): compared and printed unsigned, so no
 * value is converted to a signed type on the way. */
#define SIZE_EQ(got, want, what)                                              \
    do {                                                                      \
        size_t got_ = (got), want_ = (want);                                  \
        OK(got_ == want_, "%s: got %zu, want %zu", (what), got_, want_);      \
    } while (0)

#define STR_EQ(got, want, what)                                               \
    do {                                                                      \
        const char *got_ = (got), *want_ = (want);                            \
        OK((got_ == NULL && want_ == NULL) ||                                 \
               (got_ != NULL && want_ != NULL && strcmp(got_, want_) == 0),   \
           "%s: got \"%s\", want \"%s\"", (what), got_ ? got_ : "(null)",    \
           want_ ? want_ : "(null)");                                         \
    } while (0)

static int harness_report(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, harness_checks, harness_failures);
    return harness_failures == 0 ? 0 : 1;
}

#endif
