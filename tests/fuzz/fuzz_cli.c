/*
 * libFuzzer target for the httpstatus command (cli/cli.c, hs_cli_main).
 *
 * The input is a command line: the bytes up to the first NUL, split on '\n',
 * are argv[1..] (an empty line is an empty argument; an argument cannot hold
 * a NUL). Bytes after the first NUL are the input's "body". hs_cli_main runs
 * with stdout and stderr captured in temporary files and stdin on /dev/null,
 * and what it prints is checked against what the usage text promises:
 *
 *   - the exit status is 0, 1 or 2, and the one a model of the option
 *     grammar (written here from the usage text) expects: 0 for --help and
 *     --version, 2 for a bad option or no query, else 0 or 1;
 *   - --help prints the usage, --version "httpstatus X.Y.Z"; exit 2 prints
 *     nothing on stdout and one "httpstatus: ..." message on stderr;
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
 *     least one status printed.
 *
 * The body is where `--check [FILE]` (an HTTP response to check, not in the
 * tool yet) will get its input: the plan is that the body is written to a
 * temporary file, an argument "@BODY" becomes that file's path, and stdin
 * reads the same file, so `--check` and `--check @BODY` both see it. Until
 * the tool has --check, the body is ignored, and stdin is /dev/null so that
 * nothing the tool might read can block the fuzzer.
 *
 * Sanitizer reports go to the original stderr (__sanitizer_set_report_fd),
 * so a crash inside hs_cli_main is reported even while stderr is captured.
 */
#define _POSIX_C_SOURCE 200809L

#include <fcntl.h>
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
    dprintf(report_fd, "\nfuzz_cli: exit %d, stdout %zu bytes, stderr %zu bytes:\n%.2000s\n---\n%.2000s\n",
            current->status, current->out.len, current->err.len, current->out.data, current->err.data);
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

static void must(bool ok, const char *what)
{
    if (!ok) {
        dprintf(report_fd, "fuzz_cli: %s failed\n", what);
        abort();
    }
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

/* Runs hs_cli_main(argc, argv) with fd 1 and fd 2 on the capture files. */
static void run_tool(struct run *r)
{
    must(fflush(stdout) == 0 && fflush(stderr) == 0, "fflush");
    must(ftruncate(out_fd, 0) == 0 && ftruncate(err_fd, 0) == 0, "ftruncate");
    must(lseek(out_fd, 0, SEEK_SET) == 0 && lseek(err_fd, 0, SEEK_SET) == 0, "lseek");
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

enum expect { EXPECT_HELP, EXPECT_VERSION, EXPECT_USAGE_ERROR, EXPECT_LOOKUP };

struct model {
    enum expect what;
    bool json, common;
    int queries;
};

/* The option grammar of the usage text, read left to right: options until
 * "--", "-" and anything not starting with '-' are queries, --lang takes the
 * next argument (or =LANG), en or ko; --help, --version and a bad option end
 * the reading. No query without --common is a usage error. */
static struct model model_of(int argc, char **argv)
{
    struct model m = {EXPECT_LOOKUP, false, false, 0};
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options_done || a[0] != '-' || a[1] == '\0') {
            m.queries++;
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
        } else if (strcmp(a, "--lang") == 0 || strncmp(a, "--lang=", 7) == 0) {
            const char *lang = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);
            if (lang == NULL || (strcmp(lang, "en") != 0 && strcmp(lang, "ko") != 0)) {
                m.what = EXPECT_USAGE_ERROR;
                return m;
            }
        } else {
            m.what = EXPECT_USAGE_ERROR;
            return m;
        }
    }
    if (m.queries == 0 && !m.common)
        m.what = EXPECT_USAGE_ERROR;
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

/* stderr of a lookup: one "httpstatus: nothing ... matches '...'" line per
 * query that found nothing, and nothing else. */
static size_t misses_in(const struct capture *err)
{
    size_t misses = 0;
    for (const char *line = err->data; *line;) {
        const char *nl = strchr(line, '\n');
        CHECK(nl != NULL);
        CHECK(strncmp(line, "httpstatus: nothing matches '", 29) == 0 ||
              strncmp(line, "httpstatus: nothing common matches '", 36) == 0);
        misses++;
        line = nl + 1;
    }
    return misses;
}

/* ---- the target ----------------------------------------------------------------- */

static struct run first, again;
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
    int null_fd = open("/dev/null", O_RDONLY);
    must(null_fd >= 0 && dup2(null_fd, 0) == 0, "stdin on /dev/null");
    close(null_fd);
    snprintf(version_line, sizeof version_line, "httpstatus %s\n", hs_version());
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* argv[1..]: the lines before the first NUL; the body after it is kept
     * for --check (see the top of the file). */
    const uint8_t *nul = memchr(data, '\0', size);
    size_t args_len = nul ? (size_t)(nul - data) : size;
    char *text = malloc(args_len + 1);
    char *argv[MAX_ARGS + 3];
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
    run_tool(&first);
    current = &first;

    CHECK(first.status == 0 || first.status == 1 || first.status == 2);
    int codes[1000], json_codes[1000];
    size_t n = 0, json_n = 0;
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
        CHECK(first.status == 0 || first.status == 1);
        size_t misses = misses_in(&first.err);
        CHECK((first.status == 1) == (misses > 0));
        CHECK(misses <= (size_t)m.queries + (m.queries == 0));
        if (m.json)
            check_json(&first.out, codes, &n);
        else
            check_text(&first.out, codes, &n);
        CHECK(first.status == 1 || n > 0);
        for (size_t i = 0; i < n; i++)
            CHECK(!m.common || strcmp(hs_get(codes[i])->usage, "common") == 0);
        if (!m.json) {
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
        break;
    }
    current = NULL;
    free(text);
    return 0;
}
