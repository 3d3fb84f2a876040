/*
 * libFuzzer target for the httpstatus command (the sources of cli/, hs_cli_main).
 *
 * The input is a command line: the bytes up to the first NUL, split on '\n',
 * are argv[1..] (an empty line is an empty argument; an argument cannot hold
 * a NUL). The bytes after the first NUL are the "body": the HTTP responses
 * that `--check` reads. hs_cli_main runs with stdout and stderr captured in
 * temporary files and stdin on a temporary file holding the body, so
 * `--check` and `--check -` read the body from stdin; a FILE argument
 * "@BODY" becomes a path naming the same bytes (/proc/self/fd/N of that
 * file), so `--check @BODY` reads it as a FILE. Another FILE word is used
 * with every '/' turned into '_', so it names at most an entry of the
 * current directory ("." is a directory: a read error), never a device that
 * could block. What the tool prints is checked against what the usage text
 * and docs/reference.md promise:
 *
 *   - the exit status is 0, 1 or 2, and the one a model of the option
 *     grammar (written here from the usage text and cli.c's option handling)
 *     expects: 0 for --help and --version (whichever of them or a bad option
 *     comes first), 2 for a bad option (unknown, --lang not en or ko,
 *     --method not a token, --ignore naming no rule, a missing value), no
 *     query, --method or --ignore without --check, --check with --common,
 *     --rules or two FILEs, --rules with --common, --method, --ignore or a
 *     query; else 0 or 1 (0 for --rules);
 *   - --help prints the usage, --version "httpstatus X.Y.Z"; a usage error
 *     prints nothing on stdout and an "httpstatus: ..." message then
 *     "Try 'httpstatus --help'." on stderr;
 *
 * for a lookup:
 *   - with --json, stdout is one JSON array (checked by a strict RFC 8259
 *     parser below, UTF-8 included) of objects, each with a "code" of three
 *     digits naming a known status, no code twice, no key twice in an object;
 *   - without --json, one status prints in detail (its status line, then
 *     lines indented by two spaces) and several one line each, exactly
 *     "404 Not Found  (NOT_FOUND)" or, unofficial, with the origin; no code
 *     twice; with --common only common codes;
 *   - the same command with --json in front finds the same codes in the same
 *     order with the same exit status;
 *   - exit 1 exactly when stderr says "nothing ... matches", exit 0 with at
 *     least one status printed;
 *
 * for --check:
 *   - exit 2 is one line on stderr, "httpstatus: --check: ..."; when the body
 *     was the input, it says "[PATH: ]line N, byte M: ..." with M within the
 *     body and N the line of byte M; findings of the responses before the
 *     bad one may have been printed. Exit 0 or 1 writes nothing on stderr;
 *   - text: every stdout line is exactly "%03d %-6s ID: MESSAGE (REFERENCE)"
 *     for a rule ID of the core (hs_rule_find), its level, its message in
 *     the --lang asked for and its reference;
 *   - --json: stdout is one strict JSON array of objects with exactly the
 *     keys code, id, level, field, message, reference in that order: code
 *     an integer 0..999, id a rule of the core, level, message and reference
 *     that rule's, field null exactly when the rule names none;
 *   - unless exit 2, exit 1 exactly when a finding is of level must or
 *     should;
 *   - a finding is never of a rule --ignore named; its rule can apply to its
 *     code (status-invalid alone outside 100..599); a rule that needs the
 *     request fires only with --method or an HTTP/2 or HTTP/3 status line;
 *     the codes of the findings, in order, are codes of status lines of the
 *     body, in order; a body that does not start with "HTTP/" is exit 2 at
 *     line 1, byte 0, with no finding;
 *   - the same command with --json toggled (put in front, or every --json
 *     taken out) finds the same (code, id) in the same order, with the same
 *     exit status and stderr;
 *   - hs_cli_check_stream over fmemopen() of the body, with the options the
 *     model read, writes byte for byte what hs_cli_main wrote on stdout and
 *     stderr, with the same exit status;
 *
 * for --problem (with its own options only):
 *   - the core's verdict on the same problem (hs_problem_validate): when
 *     valid, exit 0, nothing on stderr, stdout exactly hs_problem_json's
 *     bytes and a newline; when refused, exit 2, nothing on stdout, one line
 *     on stderr naming the option at fault and ending with the core's
 *     message and, for a fault inside an argument, ", at byte N" (N counted
 *     in that argument);
 *
 * a problem rule's finding only for a body holding application/problem+json;
 *
 * for --rules:
 *   - exit 0; text: one line per rule of the core in table order, exactly
 *     "%-*s  %-6s  %s" (id padded to the longest, level, reference); --json:
 *     one array of objects with exactly the keys id, level, field, message,
 *     reference, codes, each the rule's, codes the codes of 100..599 the rule
 *     applies to (hs_rule_applies).
 *
 * Sanitizer reports go to the original stderr (__sanitizer_set_report_fd),
 * so a crash inside hs_cli_main is reported even while stderr is captured.
 */
#define _POSIX_C_SOURCE 200809L /* fmemopen, dprintf, mkstemp */

#include <sanitizer/common_interface_defs.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "httpstatus.h"

/* Where our own messages and the sanitizers' reports go: the stderr the
 * fuzzer started with, whatever fd 2 is at the moment. */
static int report_fd = 2;

#define CHECK(cond)                                                                              \
    do {                                                                                         \
        if (!(cond)) {                                                                           \
            dprintf(report_fd, "fuzz_cli: invariant broken at line %d: %s\n", __LINE__, #cond);  \
            dump_run();                                                                          \
            abort();                                                                             \
        }                                                                                        \
    } while (0)

#define MAX_ARGS 256

/* ---- one run of the tool, captured --------------------------------------- */

struct capture {
    char *data; /* NUL-terminated */
    size_t len, cap;
};

static int out_fd = -1, err_fd = -1;

/* The body: a temporary file (unlinked) on fd body_fd, which fd 0 shares;
 * body_path names it for --check @BODY. */
static int body_fd = -1;
static char body_path[64];
static const uint8_t *body;
static size_t body_size;

struct run {
    int argc;
    char **argv;
    int status;
    struct capture out, err;
};

/* The run being checked, for the message of a broken invariant. */
static const struct run *current;

static void dump_run(void)
{
    if (current == NULL)
        return;
    dprintf(report_fd, "fuzz_cli: argv:");
    for (int i = 0; i < current->argc; i++)
        dprintf(report_fd, " [%s]", current->argv[i]);
    dprintf(report_fd, "\nfuzz_cli: body %zu bytes: ", body_size);
    for (size_t i = 0; i < body_size && i < 600; i++) {
        unsigned char c = body[i];
        if (c >= 0x20 && c < 0x7f && c != '\\')
            dprintf(report_fd, "%c", c);
        else
            dprintf(report_fd, "\\x%02x", c);
    }
    dprintf(report_fd, "\nfuzz_cli: exit %d, stdout %zu bytes, stderr %zu bytes:\n%.2000s\n---\n%.2000s\n",
            current->status, current->out.len, current->err.len, current->out.data, current->err.data);
}

static void must(bool ok, const char *what)
{
    if (!ok) {
        dprintf(report_fd, "fuzz_cli: %s failed\n", what);
        abort();
    }
}

static int temp_fd(void)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/fuzz_cli.XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        perror("fuzz_cli: mkstemp");
        abort();
    }
    unlink(path);
    return fd;
}

static void read_back(int fd, struct capture *c)
{
    off_t end = lseek(fd, 0, SEEK_END);
    must(end >= 0, "lseek");
    size_t size = (size_t)end;
    if (size + 1 > c->cap) {
        c->cap = size + 1 > 2 * c->cap ? size + 1 : 2 * c->cap;
        c->data = realloc(c->data, c->cap);
        must(c->data != NULL, "realloc");
    }
    size_t got = 0;
    while (got < size) {
        ssize_t n = pread(fd, c->data + got, size - got, (off_t)got);
        must(n > 0, "pread");
        got += (size_t)n;
    }
    c->data[size] = '\0';
    c->len = size;
}

/* The body file holds body[0..body_size). */
static void write_body(void)
{
    must(ftruncate(body_fd, 0) == 0, "ftruncate body");
    size_t done = 0;
    while (done < body_size) {
        ssize_t n = pwrite(body_fd, body + done, body_size - done, (off_t)done);
        must(n > 0, "pwrite body");
        done += (size_t)n;
    }
}

/* Runs hs_cli_main(argc, argv) with fd 1 and fd 2 on the capture files and
 * stdin at the start of the body. */
static void run_tool(struct run *r)
{
    must(fflush(stdout) == 0 && fflush(stderr) == 0, "fflush");
    must(ftruncate(out_fd, 0) == 0 && ftruncate(err_fd, 0) == 0, "ftruncate");
    must(lseek(out_fd, 0, SEEK_SET) == 0 && lseek(err_fd, 0, SEEK_SET) == 0, "lseek");
    /* stdin opened anew on the body: an fseek() would keep what the last
     * run left in stdin's buffer (glibc seeks within the buffer). */
    must(freopen(body_path, "rb", stdin) == stdin && fileno(stdin) == 0, "freopen stdin");
    int saved_out = dup(1), saved_err = dup(2);
    must(saved_out >= 0 && saved_err >= 0, "dup");
    must(dup2(out_fd, 1) == 1 && dup2(err_fd, 2) == 2, "dup2");

    r->status = hs_cli_main(r->argc, r->argv);

    fflush(stdout);
    fflush(stderr);
    clearerr(stdout);
    clearerr(stderr);
    must(dup2(saved_out, 1) == 1 && dup2(saved_err, 2) == 2, "dup2 back");
    close(saved_out);
    close(saved_err);
    read_back(out_fd, &r->out);
    read_back(err_fd, &r->err);
}

/* ---- what the usage text promises ------------------------------------------ */

enum expect { EXPECT_HELP, EXPECT_VERSION, EXPECT_USAGE_ERROR, EXPECT_LOOKUP, EXPECT_CHECK, EXPECT_RULES, EXPECT_PROBLEM };

struct model {
    enum expect what;
    bool json, common, check, rules, verbose;
    int queries;
    int first_query;           /* argv index of the first query (--check: FILE), 0 for none */
    const char *lang;          /* the last --lang: "en" or "ko" */
    bool lang_given;
    const char *method;        /* the last --method, or NULL */
    bool ignore_given;
    unsigned long long ignore; /* bit per rule index of every --ignore */
    bool level_given;
    hs_level level;            /* the last --level: the least level shown */
    /* --problem CODE and its options (each given once), --extension's
     * NAME=JSON arguments in order; problem_option: one of those options
     * was given. */
    const char *problem, *detail, *type, *title, *instance;
    bool problem_option;
    const char *extensions[MAX_ARGS];
    size_t extension_count;
};

static bool tchar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

/* The level named by the usage text's words info, should, must. */
static bool level_named(const char *s, hs_level *level)
{
    static const char *const names[] = {"info", "should", "must"};
    static const hs_level levels[] = {HS_INFO, HS_SHOULD, HS_MUST};
    for (size_t i = 0; i < 3; i++)
        if (strcmp(s, names[i]) == 0) {
            *level = levels[i];
            return true;
        }
    return false;
}

/* The standard method (RFC 9110, Section 9.3, and PATCH) that method is
 * in another case ("head" for HEAD), or NULL: the tool warns about it. */
static const char *case_variant(const char *method)
{
    static const char *const standard[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"};
    for (size_t i = 0; method != NULL && i < sizeof standard / sizeof standard[0]; i++) {
        size_t n = strlen(standard[i]);
        bool folded = strlen(method) == n;
        for (size_t k = 0; folded && k < n; k++)
            folded = (method[k] | 0x20) == (standard[i][k] | 0x20) && method[k] != '\0' &&
                     ((method[k] >= 'a' && method[k] <= 'z') || (method[k] >= 'A' && method[k] <= 'Z'));
        if (folded && strcmp(method, standard[i]) != 0)
            return standard[i];
    }
    return NULL;
}

/* The rule whose id is s[0..len), by a scan of the table; count when none. */
static size_t rule_named(const char *s, size_t len)
{
    for (size_t i = 0; i < hs_rule_count(); i++) {
        const char *id = hs_rule_at(i)->id;
        if (strlen(id) == len && memcmp(id, s, len) == 0)
            return i;
    }
    return hs_rule_count();
}

/* For --lang, --method, --ignore (name): whether a is it, alone (the value
 * is the next argument, NULL when there is none) or as name=VALUE. */
static bool takes_value(const char *a, const char *name, int *i, int argc, char **argv, const char **value)
{
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0 || (a[n] != '\0' && a[n] != '='))
        return false;
    *value = a[n] == '=' ? a + n + 1 : (*i + 1 < argc ? argv[++*i] : NULL);
    return true;
}

/* The option grammar of the usage text, read left to right: options until
 * "--", "-" and anything not starting with '-' are queries (--check: the
 * FILE); --lang, --method and --ignore take the next argument (or =VALUE);
 * --help, --version and a bad option end the reading. Then the combinations
 * cli.c refuses. */
static struct model model_of(int argc, char **argv)
{
    struct model m;
    memset(&m, 0, sizeof m);
    m.what = EXPECT_LOOKUP;
    m.lang = "en";
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *value = NULL;
        if (options_done || a[0] != '-' || a[1] == '\0') {
            if (m.queries++ == 0)
                m.first_query = i;
        } else if (strcmp(a, "--") == 0) {
            options_done = true;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            m.what = EXPECT_HELP;
            return m;
        } else if (strcmp(a, "--version") == 0) {
            m.what = EXPECT_VERSION;
            return m;
        } else if (strcmp(a, "--json") == 0) {
            m.json = true;
        } else if (strcmp(a, "--common") == 0) {
            m.common = true;
        } else if (strcmp(a, "--check") == 0) {
            m.check = true;
        } else if (strcmp(a, "--rules") == 0) {
            m.rules = true;
        } else if (takes_value(a, "--lang", &i, argc, argv, &value)) {
            if (value == NULL || (strcmp(value, "en") != 0 && strcmp(value, "ko") != 0)) {
                m.what = EXPECT_USAGE_ERROR;
                return m;
            }
            m.lang = value;
            m.lang_given = true;
        } else if (takes_value(a, "--problem", &i, argc, argv, &value)) {
            /* CODE: ASCII digits, given once */
            if (value == NULL || *value == '\0' || strspn(value, "0123456789") != strlen(value) || m.problem) {
                m.what = EXPECT_USAGE_ERROR;
                return m;
            }
            m.problem = value;
        } else if (takes_value(a, "--detail", &i, argc, argv, &value) ||
                   takes_value(a, "--type", &i, argc, argv, &value) ||
                   takes_value(a, "--title", &i, argc, argv, &value) ||
                   takes_value(a, "--instance", &i, argc, argv, &value)) {
            const char **slot = strncmp(a, "--detail", 8) == 0 ? &m.detail
                                : strncmp(a, "--type", 6) == 0  ? &m.type
                                : strncmp(a, "--title", 7) == 0 ? &m.title
                                                                : &m.instance;
            if (value == NULL || *slot != NULL) { /* a text, given once */
                m.what = EXPECT_USAGE_ERROR;
                return m;
            }
            *slot = value;
            m.problem_option = true;
        } else if (takes_value(a, "--extension", &i, argc, argv, &value)) {
            if (value == NULL || strchr(value, '=') == NULL) { /* NAME=JSON */
                m.what = EXPECT_USAGE_ERROR;
                return m;
            }
            m.extensions[m.extension_count++] = value;
            m.problem_option = true;
        } else if (takes_value(a, "--method", &i, argc, argv, &value)) {
            bool token = value != NULL && *value != '\0';
            for (const char *p = value; token && *p; p++)
                token = tchar((unsigned char)*p);
            if (!token) {
                m.what = EXPECT_USAGE_ERROR;
                return m;
            }
            m.method = value;
        } else if (takes_value(a, "--ignore", &i, argc, argv, &value)) {
            if (value == NULL) {
                m.what = EXPECT_USAGE_ERROR;
                return m;
            }
            for (const char *s = value;;) { /* comma-separated ids, none empty */
                const char *comma = strchr(s, ',');
                size_t len = comma ? (size_t)(comma - s) : strlen(s);
                size_t rule = rule_named(s, len);
                if (rule == hs_rule_count()) {
                    m.what = EXPECT_USAGE_ERROR;
                    return m;
                }
                m.ignore |= 1ULL << rule;
                if (comma == NULL)
                    break;
                s = comma + 1;
            }
            m.ignore_given = true;
        } else if (takes_value(a, "--level", &i, argc, argv, &value)) {
            if (value == NULL || !level_named(value, &m.level)) {
                m.what = EXPECT_USAGE_ERROR;
                return m;
            }
            m.level_given = true;
        } else if (strcmp(a, "--verbose") == 0 || strcmp(a, "-v") == 0) {
            m.verbose = true;
        } else {
            m.what = EXPECT_USAGE_ERROR;
            return m;
        }
    }
    /* --method, --ignore, --level and --verbose are --check's; --problem
     * takes no query, no --check, --rules, --common, --json or --lang, and
     * its options need it. */
    bool check_options = m.method || m.ignore_given || m.level_given || m.verbose;
    if (m.problem != NULL) {
        bool alone = !m.check && !m.rules && !m.common && !m.json && !m.lang_given && m.queries == 0 && !check_options;
        m.what = alone ? EXPECT_PROBLEM : EXPECT_USAGE_ERROR;
    } else if (m.problem_option) {
        m.what = EXPECT_USAGE_ERROR;
    } else if (m.check || m.rules) {
        if ((m.check && m.rules) || m.common || (m.rules && (check_options || m.queries > 0)) || m.queries > 1)
            m.what = EXPECT_USAGE_ERROR;
        else
            m.what = m.check ? EXPECT_CHECK : EXPECT_RULES;
    } else if (check_options || (m.queries == 0 && !m.common)) {
        m.what = EXPECT_USAGE_ERROR;
    }
    return m;
}

/* ---- a strict JSON parser (RFC 8259) ---------------------------------------- */

struct json {
    const char *p, *end;
    int depth;
};

#define JSON_MAX_DEPTH 32
#define MAX_KEYS 128

static void skip_ws(struct json *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
        j->p++;
}

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* One UTF-8 sequence at s (no overlong forms, no surrogates, at most
 * U+10FFFF); its length, or 0 when invalid. */
static size_t utf8_len(const unsigned char *s, const unsigned char *end)
{
    unsigned char c = s[0];
    size_t n;
    unsigned int min, cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, min = 0x80, cp = c & 0x1Fu;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, min = 0x800, cp = c & 0x0Fu;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, min = 0x10000, cp = c & 0x07u;
    else
        return 0;
    if ((size_t)(end - s) < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

/* A string; [*start, *stop) is its raw content between the quotes. */
static bool json_string(struct json *j, const char **start, const char **stop)
{
    if (j->p >= j->end || *j->p != '"')
        return false;
    j->p++;
    *start = j->p;
    while (j->p < j->end) {
        unsigned char c = (unsigned char)*j->p;
        if (c == '"') {
            *stop = j->p++;
            return true;
        }
        if (c < 0x20)
            return false;
        if (c == '\\') {
            if (++j->p >= j->end)
                return false;
            char e = *j->p++;
            if (e == 'u') {
                for (int i = 0; i < 4; i++, j->p++)
                    if (j->p >= j->end || !is_hex(*j->p))
                        return false;
            } else if (!strchr("\"\\/bfnrt", e) || e == '\0') {
                return false;
            }
            continue;
        }
        size_t n = utf8_len((const unsigned char *)j->p, (const unsigned char *)j->end);
        if (n == 0)
            return false;
        j->p += n;
    }
    return false;
}

static bool json_digits(struct json *j)
{
    const char *s = j->p;
    while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
        j->p++;
    return j->p > s;
}

static bool json_number(struct json *j)
{
    if (j->p < j->end && *j->p == '-')
        j->p++;
    if (j->p < j->end && *j->p == '0')
        j->p++;
    else if (j->p >= j->end || *j->p < '1' || *j->p > '9' || !json_digits(j))
        return false;
    if (j->p < j->end && *j->p == '.') {
        j->p++;
        if (!json_digits(j))
            return false;
    }
    if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
        j->p++;
        if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
            j->p++;
        if (!json_digits(j))
            return false;
    }
    return true;
}

static bool json_literal(struct json *j, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n) != 0)
        return false;
    j->p += n;
    return true;
}

/* A status object's "code": its value, or -1 when absent or not 3 digits. */
struct object_info {
    int code;
};

static bool json_value(struct json *j, struct object_info *info);

static bool json_object(struct json *j, struct object_info *info)
{
    const char *keys[MAX_KEYS], *key_ends[MAX_KEYS];
    size_t nkeys = 0;
    j->p++; /* '{' */
    skip_ws(j);
    if (j->p < j->end && *j->p == '}') {
        j->p++;
        return true;
    }
    for (;;) {
        const char *k, *k_end;
        skip_ws(j);
        if (!json_string(j, &k, &k_end))
            return false;
        for (size_t i = 0; i < nkeys; i++)
            if (key_ends[i] - keys[i] == k_end - k && memcmp(keys[i], k, (size_t)(k_end - k)) == 0)
                return false; /* a key twice */
        if (nkeys == MAX_KEYS)
            return false;
        keys[nkeys] = k;
        key_ends[nkeys++] = k_end;
        skip_ws(j);
        if (j->p >= j->end || *j->p++ != ':')
            return false;
        skip_ws(j);
        const char *value = j->p;
        if (!json_value(j, NULL))
            return false;
        if (info && k_end - k == 4 && memcmp(k, "code", 4) == 0) {
            bool three = j->p - value == 3 && value[0] >= '1' && value[0] <= '9' && value[1] >= '0' &&
                         value[1] <= '9' && value[2] >= '0' && value[2] <= '9';
            info->code = three ? (value[0] - '0') * 100 + (value[1] - '0') * 10 + (value[2] - '0') : -1;
        }
        skip_ws(j);
        if (j->p >= j->end)
            return false;
        if (*j->p == '}') {
            j->p++;
            return true;
        }
        if (*j->p++ != ',')
            return false;
    }
}

static bool json_array(struct json *j)
{
    j->p++; /* '[' */
    skip_ws(j);
    if (j->p < j->end && *j->p == ']') {
        j->p++;
        return true;
    }
    for (;;) {
        skip_ws(j);
        if (!json_value(j, NULL))
            return false;
        skip_ws(j);
        if (j->p >= j->end)
            return false;
        if (*j->p == ']') {
            j->p++;
            return true;
        }
        if (*j->p++ != ',')
            return false;
    }
}

static bool json_value(struct json *j, struct object_info *info)
{
    if (j->p >= j->end)
        return false;
    const char *s, *e;
    bool ok;
    switch (*j->p) {
    case '{':
    case '[':
        if (++j->depth > JSON_MAX_DEPTH)
            return false;
        ok = *j->p == '{' ? json_object(j, info) : json_array(j);
        j->depth--;
        return ok;
    case '"': return json_string(j, &s, &e);
    case 't': return json_literal(j, "true");
    case 'f': return json_literal(j, "false");
    case 'n': return json_literal(j, "null");
    default: return json_number(j);
    }
}

/* stdout with --json: one array of status objects and a newline. Their codes
 * go to codes[], *n of them. */
static void check_json(const struct capture *out, int *codes, size_t *n)
{
    struct json j = {out->data, out->data + out->len, 0};
    *n = 0;
    CHECK(out->len >= 3 && out->data[0] == '[' && out->data[out->len - 1] == '\n');
    j.end--; /* the newline */
    j.p++;
    skip_ws(&j);
    if (j.p < j.end && *j.p == ']') {
        j.p++;
    } else {
        for (;;) {
            skip_ws(&j);
            CHECK(j.p < j.end && *j.p == '{');
            struct object_info info = {-1};
            j.depth = 1;
            CHECK(json_value(&j, &info));
            CHECK(info.code >= 100 && info.code <= 599);
            CHECK(hs_get(info.code) != NULL);
            for (size_t i = 0; i < *n; i++)
                CHECK(codes[i] != info.code);
            CHECK(*n < 1000);
            codes[(*n)++] = info.code;
            skip_ws(&j);
            CHECK(j.p < j.end);
            if (*j.p == ']') {
                j.p++;
                break;
            }
            CHECK(*j.p++ == ',');
        }
    }
    CHECK(j.p == j.end); /* nothing after the array */
}

/* ---- the text views ---------------------------------------------------------- */

static int code_at(const char *line)
{
    if (!(line[0] >= '1' && line[0] <= '5' && line[1] >= '0' && line[1] <= '9' && line[2] >= '0' &&
          line[2] <= '9' && line[3] == ' '))
        return -1;
    return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
}

static bool line_is(const char *line, size_t len, const char *want)
{
    return strlen(want) == len && memcmp(line, want, len) == 0;
}

/* stdout without --json: one status in detail, or several one line each. */
static void check_text(const struct capture *out, int *codes, size_t *n)
{
    *n = 0;
    if (out->len == 0)
        return;
    CHECK(out->data[out->len - 1] == '\n');
    const char *second = strchr(out->data, '\n') + 1;
    bool detail = *second == ' ';
    char want[512];
    for (const char *line = out->data; *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = (size_t)(nl - line);
        if (detail && line != out->data) {
            CHECK(len > 2 && line[0] == ' ' && line[1] == ' ' && line[2] != ' ');
        } else {
            int code = code_at(line);
            CHECK(code > 0);
            const hs_status *s = hs_get(code);
            CHECK(s != NULL);
            if (detail)
                snprintf(want, sizeof want, "%s", s->status_line);
            else if (s->official)
                snprintf(want, sizeof want, "%d %s  (%s)", s->code, s->phrase, s->name);
            else
                snprintf(want, sizeof want, "%d %s  (%s, %s)", s->code, s->phrase, s->name, s->origin);
            CHECK(line_is(line, len, want));
            for (size_t i = 0; i < *n; i++)
                CHECK(codes[i] != code);
            CHECK(*n < 1000);
            codes[(*n)++] = code;
        }
        line = nl + 1;
    }
    CHECK(detail == (*n == 1)); /* one status in detail, several one line each */
}

/* stderr of a lookup: one line per query that found nothing, and nothing
 * else: "httpstatus: nothing ... matches '...'", or for a valid code that
 * is not in the table what is known of it (its class, and the x00 code a
 * client takes it for, RFC 9110, Section 15). */
static size_t misses_in(const struct capture *err)
{
    static char want[512];
    size_t misses = 0;
    for (const char *line = err->data; *line;) {
        const char *nl = strchr(line, '\n');
        int code = 0;
        CHECK(nl != NULL);
        if (sscanf(line, "httpstatus: %d is a valid status code", &code) == 1) {
            CHECK(code >= 100 && code <= 599 && hs_get(code) == NULL);
            snprintf(want, sizeof want,
                     "httpstatus: %d is a valid status code, but no registry or known server defines it: its "
                     "class is %dxx (%s), and a client that does not know it treats it as %s (RFC 9110, Section 15)",
                     code, code / 100, hs_category(code), hs_get(code / 100 * 100)->status_line);
            CHECK(line_is(line, (size_t)(nl - line), want));
        } else {
            CHECK(strncmp(line, "httpstatus: nothing matches '", 29) == 0 ||
                  strncmp(line, "httpstatus: nothing common matches '", 36) == 0);
        }
        misses++;
        line = nl + 1;
    }
    return misses;
}

/* ---- --check: findings ---------------------------------------------------------- */

struct finding {
    int code;
    size_t rule;
    unsigned long response; /* --json's "response"; 0 in text */
};

struct findings {
    struct finding *at;
    size_t n, cap;
};

static void add_finding(struct findings *f, int code, size_t rule, unsigned long response)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 64;
        f->at = realloc(f->at, f->cap * sizeof *f->at);
        must(f->at != NULL, "realloc");
    }
    f->at[f->n++] = (struct finding){code, rule, response};
}

static size_t put_utf8(unsigned long cp, char *out)
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

static unsigned long hex4(const char *p)
{
    unsigned long v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v = v * 16 + (unsigned long)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
}

/* The string at j->p (in a text json_value accepted), its escapes decoded
 * into buf (NUL-terminated, *len bytes before it, which may hold NULs). */
static void json_get_string(struct json *j, char *buf, size_t cap, size_t *len)
{
    const char *s, *e;
    CHECK(json_string(j, &s, &e));
    size_t n = 0;
    for (const char *p = s; p < e;) {
        char tmp[4];
        size_t k = 1;
        if (*p != '\\') {
            tmp[0] = *p++;
        } else {
            p++;
            char c = *p++;
            switch (c) {
            case 'b': tmp[0] = '\b'; break;
            case 'f': tmp[0] = '\f'; break;
            case 'n': tmp[0] = '\n'; break;
            case 'r': tmp[0] = '\r'; break;
            case 't': tmp[0] = '\t'; break;
            case 'u': {
                unsigned long cp = hex4(p);
                p += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF && e - p >= 6 && p[0] == '\\' && p[1] == 'u') {
                    unsigned long lo = hex4(p + 2);
                    if (lo >= 0xDC00 && lo <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        p += 6;
                    }
                }
                k = put_utf8(cp, tmp);
                break;
            }
            default: tmp[0] = c; break; /* " \ / */
            }
        }
        CHECK(n + k < cap);
        memcpy(buf + n, tmp, k);
        n += k;
    }
    buf[n] = '\0';
    *len = n;
}

static bool same(const char *got, size_t len, const char *want)
{
    return want != NULL && strlen(want) == len && memcmp(got, want, len) == 0;
}

/* In a checked text: the key of the next member (skipping white space), which
 * must be want; j->p is then at its value. */
static void json_expect_key(struct json *j, const char *want)
{
    char key[64];
    size_t len;
    skip_ws(j);
    json_get_string(j, key, sizeof key, &len);
    CHECK(same(key, len, want));
    skip_ws(j);
    CHECK(*j->p++ == ':');
    skip_ws(j);
}

/* After a value: the next non-blank byte, consumed, which must be one of
 * what (",}" or ",]"); returns it. */
static char json_after(struct json *j, const char *what)
{
    skip_ws(j);
    CHECK(j->p < j->end && strchr(what, *j->p) != NULL);
    return *j->p++;
}

/* A string member that must equal want. */
static void json_expect_string(struct json *j, const char *key, const char *want)
{
    static char buf[8192];
    size_t len;
    json_expect_key(j, key);
    json_get_string(j, buf, sizeof buf, &len);
    CHECK(same(buf, len, want));
}

/* A non-negative integer of at most 3 digits, no leading zero. */
static int json_small_int(struct json *j)
{
    const char *s = j->p;
    CHECK(json_number(j));
    size_t n = (size_t)(j->p - s);
    CHECK(n >= 1 && n <= 3 && (n == 1 || s[0] != '0'));
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        CHECK(s[i] >= '0' && s[i] <= '9');
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* The field of a finding or rule (j->p at its value): null exactly when the
 * rule names none; a finding of metadata-in-304 names the Content-* field
 * present. */
static void json_expect_field(struct json *j, size_t rule, bool finding)
{
    const hs_rule *r = hs_rule_at(rule);
    json_expect_key(j, "field");
    if (*j->p == 'n') {
        CHECK(json_literal(j, "null"));
        CHECK(r->field == NULL);
        return;
    }
    char buf[256];
    size_t len;
    json_get_string(j, buf, sizeof buf, &len);
    CHECK(r->field != NULL);
    CHECK(same(buf, len, r->field) ||
          (finding && strcmp(r->id, "metadata-in-304") == 0 &&
           (same(buf, len, "Content-Encoding") || same(buf, len, "Content-Language"))));
}

/* stdout as a whole is one JSON array that the strict parser accepts, then a
 * newline; j is left just after its '['. */
static void json_start(const struct capture *out, struct json *j)
{
    CHECK(out->len >= 3 && out->data[0] == '[' && out->data[out->len - 2] == ']' &&
          out->data[out->len - 1] == '\n');
    *j = (struct json){out->data, out->data + out->len - 1, 0};
    CHECK(json_value(j, NULL) && j->p == j->end);
    *j = (struct json){out->data + 1, out->data + out->len - 1, 0};
}

/* --check --json: one array of findings, into f. */
static void check_findings_json(const struct capture *out, const char *lang, struct findings *f)
{
    struct json j;
    f->n = 0;
    json_start(out, &j);
    skip_ws(&j);
    if (*j.p == ']')
        return;
    do {
        skip_ws(&j);
        CHECK(*j.p++ == '{');
        json_expect_key(&j, "response");
        const char *digits = j.p;
        CHECK(json_number(&j) && digits[0] >= '1' && digits[0] <= '9' && j.p - digits <= 9);
        unsigned long response = 0;
        for (const char *p = digits; p < j.p; p++) {
            CHECK(*p >= '0' && *p <= '9');
            response = response * 10 + (unsigned long)(*p - '0');
        }
        CHECK(json_after(&j, ",") == ',');
        json_expect_key(&j, "code");
        int code = json_small_int(&j);
        CHECK(json_after(&j, ",") == ',');
        char id[128];
        size_t len;
        json_expect_key(&j, "id");
        json_get_string(&j, id, sizeof id, &len);
        size_t rule = hs_rule_find(id, len);
        CHECK(rule < hs_rule_count());
        const hs_rule *r = hs_rule_at(rule);
        CHECK(json_after(&j, ",") == ',');
        json_expect_string(&j, "level", r->level);
        CHECK(json_after(&j, ",") == ',');
        json_expect_field(&j, rule, true);
        CHECK(json_after(&j, ",") == ',');
        json_expect_string(&j, "message", hs_rule_message(rule, lang));
        CHECK(json_after(&j, ",") == ',');
        json_expect_string(&j, "reference", r->reference);
        CHECK(json_after(&j, "}") == '}');
        add_finding(f, code, rule, response);
    } while (json_after(&j, ",]") == ',');
}

/* --check, text: a line per finding, exactly as cli.c and docs/reference.md
 * write it, into f. */
static void check_findings_text(const struct capture *out, const char *lang, struct findings *f)
{
    static char want[8192];
    f->n = 0;
    if (out->len == 0)
        return;
    CHECK(out->data[out->len - 1] == '\n');
    for (const char *line = out->data; *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = (size_t)(nl - line);
        /* CCC LEVEL ID: ... */
        CHECK(len > 6 && line[0] >= '0' && line[0] <= '9' && line[1] >= '0' && line[1] <= '9' &&
              line[2] >= '0' && line[2] <= '9' && line[3] == ' ');
        int code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
        const char *id = line + 4;
        while (id < nl && *id != ' ')
            id++; /* the level */
        while (id < nl && *id == ' ')
            id++;
        const char *colon = memchr(id, ':', (size_t)(nl - id));
        CHECK(colon != NULL);
        for (const char *p = id; p < colon; p++)
            CHECK((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-');
        size_t rule = hs_rule_find(id, (size_t)(colon - id));
        CHECK(rule < hs_rule_count());
        const hs_rule *r = hs_rule_at(rule);
        CHECK(strcmp(r->level, "must") == 0 || strcmp(r->level, "should") == 0 || strcmp(r->level, "info") == 0);
        int n = snprintf(want, sizeof want, "%03d %-6s %s: %s (%s)", code, r->level, r->id,
                         hs_rule_message(rule, lang), r->reference);
        CHECK(n > 0 && (size_t)n < sizeof want);
        CHECK(line_is(line, len, want));
        CHECK(strncmp(r->reference, "RFC ", 4) == 0);
        add_finding(f, code, rule, 0);
        line = nl + 1;
    }
}

/* A status line the tool may have read in the body: "HTTP/1.x NNN",
 * "HTTP/2 NNN" or "HTTP/3 NNN" at offset at, its line, and its code. */
struct status_at {
    size_t at;
    unsigned long line;
    int code;
};

/* Every place in the body, at the start of a line or not, where "HTTP/"
 * begins such a status line: a response the tool reads starts at one. */
static size_t status_lines(struct status_at **found)
{
    static struct status_at *at;
    static size_t cap;
    size_t n = 0;
    unsigned long line = 1;
    for (size_t i = 0; i < body_size; i++) {
        if (body[i] == '\n')
            line++;
        if (body_size - i < 10 || memcmp(body + i, "HTTP/", 5) != 0)
            continue;
        size_t d;
        if (body[i + 5] == '1' && body[i + 6] == '.' && body[i + 7] >= '0' && body[i + 7] <= '9')
            d = i + 9;
        else if (body[i + 5] == '2' || body[i + 5] == '3')
            d = i + 7;
        else
            continue;
        if (body[d - 1] != ' ' || d + 3 > body_size)
            continue;
        if (!(body[d] >= '0' && body[d] <= '9' && body[d + 1] >= '0' && body[d + 1] <= '9' && body[d + 2] >= '0' &&
              body[d + 2] <= '9'))
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            at = realloc(at, cap * sizeof *at);
            must(at != NULL, "realloc");
        }
        at[n++] = (struct status_at){i, line, (body[d] - '0') * 100 + (body[d + 1] - '0') * 10 + (body[d + 2] - '0')};
    }
    *found = at;
    return n;
}

/* Whether the body holds "application/problem+json" in any case: a
 * problem rule fires only for a response whose Content-Type says so. */
static bool body_says_problem_json(void)
{
    static const char type[] = "application/problem+json";
    const size_t n = sizeof type - 1;
    for (size_t i = 0; i + n <= body_size; i++) {
        size_t k = 0;
        while (k < n && (body[i + k] | (body[i + k] >= 'A' && body[i + k] <= 'Z' ? 0x20 : 0)) == type[k])
            k++;
        if (k == n)
            return true;
    }
    return false;
}

/* A --verbose line: one response read. */
struct read_response {
    unsigned long line;    /* of its status line */
    unsigned long count;   /* findings written for it */
    int code;
};

/* What any --check run must show. from_body: the body was its input (stdin,
 * or @BODY named path); else the FILE was another path. */
static void check_check(const struct run *r, const struct model *m, bool from_body, const char *path,
                        struct findings *f)
{
    static struct read_response *read;
    static size_t read_cap;
    static char want[8192];
    CHECK(r->status == 0 || r->status == 1 || r->status == 2);
    if (m->json && !(r->status == 2 && r->out.len == 0 && !from_body))
        check_findings_json(&r->out, m->lang, f);
    else
        check_findings_text(&r->out, m->lang, f);

    /* stderr: for a standard method in another case, the warning (which a
     * FILE that could not be opened comes before); with --verbose a line
     * per response read; for exit 2, one line saying where the input
     * stopped; nothing else. */
    const char *line = r->err.data;
    const char *standard = case_variant(m->method);
    if (standard != NULL) {
        int n = snprintf(want, sizeof want,
                         "httpstatus: warning: --method %s is not %s: methods are case-sensitive (RFC 9110, "
                         "Section 9.1), and the rules read it as written\n",
                         m->method, standard);
        CHECK(n > 0 && (size_t)n < sizeof want);
        if (strncmp(line, want, (size_t)n) == 0)
            line += n;
        else
            CHECK(!from_body && r->status == 2);
    }
    char prefix[4300];
    int plen = snprintf(prefix, sizeof prefix, "httpstatus: --check: %s%sresponse ", path != NULL ? path : "",
                        path != NULL ? ": " : "");
    CHECK(plen > 0 && (size_t)plen < sizeof prefix);
    size_t nread = 0, written = 0;
    struct status_at *lines;
    size_t nlines = status_lines(&lines), next_line = 0;
    while (*line != '\0' && strncmp(line, prefix, (size_t)plen) == 0) {
        const char *nl = strchr(line, '\n');
        CHECK(m->verbose && from_body && nl != NULL);
        unsigned long number = 0, at_line = 0, count = 0;
        int used = 0;
        CHECK(sscanf(line + plen, "%lu, line %lu: %lu finding%n", &number, &at_line, &count, &used) == 3 && used > 0);
        const char *rest = line + plen + used;
        CHECK(strncmp(rest, count == 1 ? ": " : "s: ", count == 1 ? 2 : 3) == 0);
        const char *status = rest + (count == 1 ? 2 : 3);
        CHECK(number == nread + 1);
        /* The status line shown, whole or its first 200 bytes and "...":
         * one of the body's, at the line said, after the one before. */
        size_t shown = (size_t)(nl - status);
        if (shown == 203 && memcmp(nl - 3, "...", 3) == 0)
            shown = 200;
        CHECK(shown >= 10 && shown <= 200);
        while (next_line < nlines && !(lines[next_line].line == at_line && lines[next_line].at + shown <= body_size &&
                                       memcmp(body + lines[next_line].at, status, shown) == 0))
            next_line++;
        CHECK(next_line < nlines);
        if (nread == read_cap) {
            read_cap = read_cap ? 2 * read_cap : 64;
            read = realloc(read, read_cap * sizeof *read);
            must(read != NULL, "realloc");
        }
        read[nread++] = (struct read_response){at_line, count, lines[next_line++].code};
        written += count;
        line = nl + 1;
    }
    if (r->status != 2) {
        CHECK(*line == '\0');
    } else {
        CHECK(strncmp(line, "httpstatus: --check: ", 21) == 0);
        CHECK(strlen(line) > 22 && strchr(line, '\n') == r->err.data + r->err.len - 1);
        if (from_body) {
            const char *where = line + 21;
            if (path != NULL) {
                size_t n = strlen(path);
                CHECK(strncmp(where, path, n) == 0 && strncmp(where + n, ": ", 2) == 0);
                where += n + 2;
            }
            unsigned long at_line = 0;
            unsigned long long byte = 0;
            int used = 0;
            CHECK(sscanf(where, "line %lu, byte %llu: %n", &at_line, &byte, &used) == 2 && used > 0);
            CHECK(where[used] != '\0' && where[used] != '\n');
            CHECK(byte <= body_size);
            unsigned long lines_before = 1;
            for (size_t i = 0; i < byte; i++)
                lines_before += body[i] == '\n';
            CHECK(at_line == lines_before);
            if (body_size < 5 || memcmp(body, "HTTP/", 5) != 0)
                CHECK(at_line == 1 && byte == 0);
            if (body_size == 0)
                CHECK(strcmp(where + used, "no status line: the input is empty\n") == 0);
        } else {
            CHECK(f->n == 0);
        }
    }
    if (!from_body || body_size < 5 || memcmp(body, "HTTP/", 5) != 0)
        CHECK(r->status == 2 && f->n == 0);
    if (m->verbose && from_body) {
        /* Every finding is of a response read, and counted on its line. */
        CHECK(written == f->n);
        if (r->status != 2)
            CHECK(nread >= 1);
    }

    /* The findings themselves. */
    bool broken = false;
    /* A rule that needs the request fires with --method, or for the
     * version an HTTP/2 or HTTP/3 status line gives. */
    bool request_known = m->method != NULL;
    for (size_t i = 0; i < nlines; i++)
        request_known = request_known || body[lines[i].at + 5] == '2' || body[lines[i].at + 5] == '3';
    size_t at = 0, of_response = 0, response = 0;
    unsigned long last_response = 0;
    for (size_t i = 0; i < f->n; i++) {
        int code = f->at[i].code;
        size_t rule = f->at[i].rule;
        const hs_rule *rl = hs_rule_at(rule);
        broken = broken || rl->severity != HS_INFO;
        CHECK((m->ignore & (1ULL << rule)) == 0);
        CHECK(rl->severity >= m->level);
        /* The problem rules read a content only under that media type. */
        CHECK(strncmp(rl->id, "problem-", 8) != 0 || body_says_problem_json());
        if (code < 100 || code > 599)
            CHECK(strcmp(rl->id, "status-invalid") == 0);
        else
            CHECK(hs_rule_applies(rule, code));
        CHECK(!rl->needs_request || request_known);
        /* --json: the responses in order, each finding's code its response's. */
        if (m->json) {
            CHECK(f->at[i].response >= last_response && f->at[i].response >= 1);
            last_response = f->at[i].response;
        }
        /* With --verbose, each finding belongs to the response whose line
         * counted it: its code, and (--json) its number. */
        if (m->verbose && from_body) {
            while (response < nread && of_response == read[response].count)
                response++, of_response = 0;
            CHECK(response < nread);
            of_response++;
            CHECK(read[response].code == code);
            CHECK(!m->json || f->at[i].response == response + 1);
        }
        /* A response's findings are one run of its code; the runs are
         * status lines of the body, in order. */
        if (i == 0 || f->at[i - 1].code != code || (m->json && f->at[i - 1].response != f->at[i].response)) {
            while (at < nlines && lines[at].code != code)
                at++;
            CHECK(at < nlines);
            at++;
        }
    }
    if (r->status != 2)
        CHECK((r->status == 1) == broken);
}

static void same_findings(const struct findings *a, const struct findings *b)
{
    CHECK(a->n == b->n);
    for (size_t i = 0; i < a->n; i++)
        CHECK(a->at[i].code == b->at[i].code && a->at[i].rule == b->at[i].rule);
}

/* hs_cli_check_stream over fmemopen() of the body, with the options the model
 * read: what hs_cli_main wrote, byte for byte. */
static FILE *direct_out, *direct_err;
static struct run direct;

static void check_direct(const struct run *r, const struct model *m, const char *name)
{
    void *copy = malloc(body_size + 1);
    must(copy != NULL, "malloc");
    if (body_size > 0)
        memcpy(copy, body, body_size);
    /* glibc before 2.22 refuses size 0; an empty body is /dev/null. */
    FILE *in = body_size > 0 ? fmemopen(copy, body_size, "r") : fopen("/dev/null", "rb");
    must(in != NULL, "fmemopen");
    FILE *outs[2] = {direct_out, direct_err};
    for (int i = 0; i < 2; i++) {
        must(fflush(outs[i]) == 0 && ftruncate(fileno(outs[i]), 0) == 0, "truncate tmpfile");
        rewind(outs[i]);
    }
    hs_cli_check_options opt;
    memset(&opt, 0, sizeof opt);
    opt.method = m->method;
    opt.ignore = m->ignore;
    opt.lang = strcmp(m->lang, "en") == 0 ? NULL : m->lang; /* NULL is en */
    opt.json = m->json;
    opt.level = m->level;
    opt.verbose = m->verbose;
    direct.argc = r->argc;
    direct.argv = r->argv;
    direct.status = hs_cli_check_stream(in, name, direct_out, direct_err, &opt);
    fclose(in);
    free(copy);
    must(fflush(direct_out) == 0 && fflush(direct_err) == 0, "fflush tmpfile");
    read_back(fileno(direct_out), &direct.out);
    read_back(fileno(direct_err), &direct.err);
    current = &direct;
    CHECK(direct.status == r->status);
    CHECK(direct.out.len == r->out.len && memcmp(direct.out.data, r->out.data, r->out.len) == 0);
    CHECK(direct.err.len == r->err.len && memcmp(direct.err.data, r->err.data, r->err.len) == 0);
}

/* ---- --rules --------------------------------------------------------------------- */

static void check_rules(const struct run *r, const struct model *m)
{
    CHECK(r->status == 0 && r->err.len == 0);
    size_t count = hs_rule_count();
    if (!m->json) {
        static char want[1024];
        int width = 0;
        for (size_t i = 0; i < count; i++)
            width = (int)strlen(hs_rule_at(i)->id) > width ? (int)strlen(hs_rule_at(i)->id) : width;
        const char *line = r->out.data;
        for (size_t i = 0; i < count; i++) {
            const hs_rule *rl = hs_rule_at(i);
            const char *nl = strchr(line, '\n');
            CHECK(nl != NULL);
            snprintf(want, sizeof want, "%-*s  %-6s  %s", width, rl->id, rl->level, rl->reference);
            CHECK(line_is(line, (size_t)(nl - line), want));
            line = nl + 1;
        }
        CHECK(*line == '\0');
        return;
    }
    struct json j;
    json_start(&r->out, &j);
    for (size_t i = 0; i < count; i++) {
        const hs_rule *rl = hs_rule_at(i);
        if (i > 0)
            CHECK(json_after(&j, ",") == ',');
        skip_ws(&j);
        CHECK(*j.p++ == '{');
        json_expect_string(&j, "id", rl->id);
        CHECK(json_after(&j, ",") == ',');
        json_expect_string(&j, "level", rl->level);
        CHECK(json_after(&j, ",") == ',');
        json_expect_field(&j, i, false);
        CHECK(json_after(&j, ",") == ',');
        json_expect_string(&j, "message", hs_rule_message(i, m->lang));
        CHECK(json_after(&j, ",") == ',');
        json_expect_string(&j, "reference", rl->reference);
        CHECK(json_after(&j, ",") == ',');
        json_expect_key(&j, "codes");
        CHECK(*j.p++ == '[');
        int code = 99;
        skip_ws(&j);
        if (*j.p == ']') {
            j.p++;
        } else {
            do {
                skip_ws(&j);
                int next = json_small_int(&j);
                CHECK(next > code && next <= 599);
                while (++code < next)
                    CHECK(!hs_rule_applies(i, code)); /* a code left out */
                CHECK(hs_rule_applies(i, code));
            } while (json_after(&j, ",]") == ',');
        }
        while (++code <= 599)
            CHECK(!hs_rule_applies(i, code));
        CHECK(json_after(&j, "}") == '}');
    }
    CHECK(json_after(&j, "]") == ']');
    CHECK(j.p == j.end);
}

/* ---- --problem ------------------------------------------------------------------- */

/* What --problem must give: the core's verdict on the problem the model
 * read (CODE as a number, 10000 standing for any past 9999; each
 * --extension split at its first '='). Valid: exit 0, stdout exactly
 * hs_problem_json's bytes and a newline, stderr empty. Refused: exit 2,
 * nothing on stdout, one line on stderr naming the option at fault (the
 * code, a member, or the --extension) with the core's message, and for a
 * fault within an argument the byte where it is, counted in the argument. */
static void check_problem(const struct run *r, const struct model *m)
{
    static hs_problem_extension ext[MAX_ARGS];
    static char want[512];
    int code = 0;
    for (const char *d = m->problem; *d != '\0' && code < 10000; d++)
        code = code * 10 + (*d - '0');
    code = code < 10000 ? code : 10000;
    hs_problem p = HS_PROBLEM_INIT;
    const char *const *texts[] = {&m->detail, &m->type, &m->title, &m->instance};
    const char **ptrs[] = {&p.detail, &p.type, &p.title, &p.instance};
    size_t *lens[] = {&p.detail_len, &p.type_len, &p.title_len, &p.instance_len};
    for (size_t i = 0; i < 4; i++)
        if (*texts[i] != NULL) {
            *ptrs[i] = *texts[i];
            *lens[i] = strlen(*texts[i]);
        }
    for (size_t i = 0; i < m->extension_count; i++) {
        const char *eq = strchr(m->extensions[i], '=');
        ext[i] = (hs_problem_extension){m->extensions[i], (size_t)(eq - m->extensions[i]), eq + 1, strlen(eq + 1)};
    }
    p.extensions = m->extension_count > 0 ? ext : NULL;
    p.extension_count = m->extension_count;
    hs_problem_error err;
    if (hs_problem_validate(code, &p, &err)) {
        size_t len = hs_problem_json(NULL, 0, code, &p);
        char *body = malloc(len + 1);
        must(body != NULL, "malloc");
        CHECK(len > 0 && hs_problem_json(body, len + 1, code, &p) == len);
        CHECK(r->status == 0 && r->err.len == 0);
        CHECK(r->out.len == len + 1 && memcmp(r->out.data, body, len) == 0 && r->out.data[len] == '\n');
        free(body);
        return;
    }
    CHECK(r->status == 2 && r->out.len == 0);
    CHECK(r->err.len > 0 && strchr(r->err.data, '\n') == r->err.data + r->err.len - 1);
    CHECK(strstr(r->err.data, err.message) != NULL);
    size_t at = (size_t)-1; /* the byte a message must name, if any */
    if (err.member == NULL) {
        snprintf(want, sizeof want, "httpstatus: --problem %s: ", m->problem);
        CHECK(err.fault == HS_PROBLEM_BAD_CODE || err.fault == HS_PROBLEM_NO_TITLE);
    } else if (err.extension != (size_t)-1) {
        snprintf(want, sizeof want, "httpstatus: --problem: --extension '");
        CHECK(err.extension < m->extension_count);
        bool in_name = err.fault == HS_PROBLEM_BAD_NAME || err.fault == HS_PROBLEM_STANDARD_NAME ||
                       err.fault == HS_PROBLEM_DUPLICATE_NAME;
        if (err.fault == HS_PROBLEM_BAD_NAME)
            at = err.offset;
        else if (!in_name)
            at = ext[err.extension].name_len + 1 + err.offset;
        if (at != (size_t)-1)
            CHECK(at <= strlen(m->extensions[err.extension]));
    } else {
        snprintf(want, sizeof want, "httpstatus: --problem: --%.*s: ", (int)err.member_len, err.member);
        at = err.offset;
    }
    CHECK(strncmp(r->err.data, want, strlen(want)) == 0);
    /* It ends with the core's message, where the fault is, and a newline. */
    if (at != (size_t)-1)
        snprintf(want, sizeof want, "%s, at byte %zu\n", err.message, at);
    else
        snprintf(want, sizeof want, "%s%s\n", err.message,
                 err.fault == HS_PROBLEM_NO_TITLE ? " (give one with --title)" : "");
    CHECK(r->err.len >= strlen(want) && strcmp(r->err.data + r->err.len - strlen(want), want) == 0);
}

/* ---- the target ----------------------------------------------------------------- */

static struct run first, again;
static struct findings first_found, again_found;
static char version_line[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    report_fd = dup(2);
    must(report_fd >= 0, "dup");
    __sanitizer_set_report_fd((void *)(intptr_t)report_fd);
    out_fd = temp_fd();
    err_fd = temp_fd();
    /* The body file, unlinked; stdin is opened on it for each run. */
    body_fd = temp_fd();
    snprintf(body_path, sizeof body_path, "/proc/self/fd/%d", body_fd);
    must(access(body_path, R_OK) == 0, "access /proc/self/fd/N (is /proc mounted?)");
    direct_out = tmpfile();
    direct_err = tmpfile();
    must(direct_out != NULL && direct_err != NULL, "tmpfile");
    snprintf(version_line, sizeof version_line, "httpstatus %s\n", hs_version());
    return 0;
}

/* --check FILE: "@BODY" is the body's path; another word has each '/' made
 * '_' (into buf), so that it names nothing outside the current directory. */
static char *file_word(char *word, char *buf, size_t cap)
{
    if (strcmp(word, "@BODY") == 0)
        return body_path;
    if (strchr(word, '/') == NULL)
        return word;
    snprintf(buf, cap, "%s", word);
    for (char *p = buf; *p; p++)
        if (*p == '/')
            *p = '_';
    return buf;
}

static void check_lookup(const struct model *m, char **argv, int argc)
{
    int codes[1000], json_codes[1000];
    size_t n = 0, json_n = 0;
    CHECK(first.status == 0 || first.status == 1);
    size_t misses = misses_in(&first.err);
    CHECK((first.status == 1) == (misses > 0));
    CHECK(misses <= (size_t)m->queries + (m->queries == 0));
    if (m->json)
        check_json(&first.out, codes, &n);
    else
        check_text(&first.out, codes, &n);
    CHECK(first.status == 1 || n > 0);
    for (size_t i = 0; i < n; i++)
        CHECK(!m->common || strcmp(hs_get(codes[i])->usage, "common") == 0);
    if (!m->json) {
        /* The same command with --json in front: the same statuses. */
        argv[1] = "--json";
        again.argc = argc;
        again.argv = argv;
        run_tool(&again);
        current = &again;
        CHECK(again.status == first.status);
        CHECK(strcmp(again.err.data, first.err.data) == 0);
        check_json(&again.out, json_codes, &json_n);
        CHECK(json_n == n);
        for (size_t i = 0; i < n; i++)
            CHECK(json_codes[i] == codes[i]);
    }
}

static void check_check_run(const struct model *m, char **argv, int argc)
{
    const char *file = m->first_query ? first.argv[m->first_query] : NULL;
    bool from_stdin = file == NULL || strcmp(file, "-") == 0;
    bool from_body = from_stdin || file == body_path;
    const char *name = from_stdin ? NULL : file;
    check_check(&first, m, from_body, name, &first_found);

    /* The same with --json toggled: in front (argv[1]), or every --json flag
     * taken out (the model's reading finds them again). */
    char *toggled[MAX_ARGS + 3];
    struct model mt = *m;
    mt.json = !m->json;
    if (!m->json) {
        argv[1] = "--json";
        again.argc = argc;
        again.argv = argv;
    } else {
        int n = 0;
        bool options_done = false;
        toggled[n++] = first.argv[0];
        for (int i = 1; i < first.argc; i++) {
            char *a = first.argv[i];
            /* Skip the values of --lang, --method, --ignore, so that one of
             * them spelt "--json" stays. */
            if (!options_done && (strcmp(a, "--lang") == 0 || strcmp(a, "--method") == 0 ||
                                  strcmp(a, "--ignore") == 0) && i + 1 < first.argc) {
                toggled[n++] = a;
                toggled[n++] = first.argv[++i];
                continue;
            }
            if (!options_done && strcmp(a, "--") == 0)
                options_done = true;
            if (options_done || strcmp(a, "--json") != 0)
                toggled[n++] = a;
        }
        toggled[n] = NULL;
        again.argc = n;
        again.argv = toggled;
    }
    run_tool(&again);
    current = &again;
    CHECK(again.status == first.status);
    CHECK(again.err.len == first.err.len && strcmp(again.err.data, first.err.data) == 0);
    check_check(&again, &mt, from_body, name, &again_found);
    same_findings(&first_found, &again_found);

    if (from_body)
        check_direct(&first, m, name);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* argv[1..]: the lines before the first NUL; the body after it is what
     * --check reads (see the top of the file). */
    const uint8_t *nul = memchr(data, '\0', size);
    size_t args_len = nul ? (size_t)(nul - data) : size;
    body = nul ? nul + 1 : data + size;
    body_size = nul ? size - args_len - 1 : 0;
    char *text = malloc(args_len + 1);
    char *argv[MAX_ARGS + 3];
    char file_buf[4096];
    must(text != NULL, "malloc");
    memcpy(text, data, args_len);
    text[args_len] = '\0';
    /* argv[1..] is the first run's argv (argv[1] its program name); the
     * second run, with --json in front, is argv[0..] with argv[1] = "--json". */
    int argc = 0;
    argv[argc++] = "httpstatus";
    argv[argc++] = "httpstatus";
    for (char *p = text; argc < MAX_ARGS + 2;) {
        argv[argc++] = p;
        char *nl = strchr(p, '\n');
        if (nl == NULL)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    if (args_len == 0)
        argc--; /* an empty input is no argument at all */
    argv[argc] = NULL;

    first.argc = argc - 1;
    first.argv = argv + 1;
    struct model m = model_of(first.argc, first.argv);
    if (m.what == EXPECT_CHECK && m.first_query > 0 && strcmp(first.argv[m.first_query], "-") != 0)
        first.argv[m.first_query] = file_word(first.argv[m.first_query], file_buf, sizeof file_buf);
    write_body();
    run_tool(&first);
    current = &first;

    CHECK(first.status == 0 || first.status == 1 || first.status == 2);
    switch (m.what) {
    case EXPECT_HELP:
        CHECK(first.status == 0 && first.err.len == 0);
        CHECK(strncmp(first.out.data, "usage: httpstatus ", 18) == 0);
        break;
    case EXPECT_VERSION:
        CHECK(first.status == 0 && first.err.len == 0);
        CHECK(strcmp(first.out.data, version_line) == 0);
        break;
    case EXPECT_USAGE_ERROR:
        CHECK(first.status == 2 && first.out.len == 0);
        CHECK(strncmp(first.err.data, "httpstatus: ", 12) == 0);
        CHECK(strstr(first.err.data, "\nTry 'httpstatus --help'.\n") != NULL);
        break;
    case EXPECT_LOOKUP:
        check_lookup(&m, argv, argc);
        break;
    case EXPECT_CHECK:
        check_check_run(&m, argv, argc);
        break;
    case EXPECT_RULES:
        check_rules(&first, &m);
        break;
    case EXPECT_PROBLEM:
        check_problem(&first, &m);
        break;
    }
    current = NULL;
    free(text);
    return 0;
}
