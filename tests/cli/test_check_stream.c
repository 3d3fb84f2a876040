/*
 * hs_cli_check_stream (cli/cli.h) called by a C host, as cli.h documents
 * it: NULL options, options it refuses before reading (a method that is not
 * a token, a level outside hs_level), the warning for a standard method in
 * another case, --verbose's lines naming the input, an input that fails to
 * be read at each place the reading can be (one line naming it, the
 * findings of the responses before it written), and output that cannot be
 * written (2, and no message: the caller knows what `out` is). The input is
 * a glibc fopencookie() stream that gives some bytes and then fails, which
 * no file or pipe does on demand.
 */
#define _GNU_SOURCE /* fopencookie, open_memstream */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "../c/harness.h"
#include "cli.h"
#include "httpstatus.h"

/* An input: its bytes, then the end or (fail) a read error, EIO. With
 * stops, each read ends at the next of them (offsets into data, ascending),
 * and the read that starts at stops[k] notes in seen[k] how many bytes the
 * output held then: what was written before the tool read on. */
#define STOPS 4
struct script {
    const char *data;
    size_t len, at;
    bool fail;
    size_t stops[STOPS], nstops;
    const size_t *out_len;
    size_t seen[STOPS];
};

static ssize_t script_read(void *cookie, char *buf, size_t size)
{
    struct script *s = cookie;
    size_t end = s->len;
    for (size_t k = 0; k < s->nstops; k++) {
        if (s->at == s->stops[k] && s->out_len != NULL)
            s->seen[k] = *s->out_len;
        if (s->stops[k] > s->at && s->stops[k] < end) {
            end = s->stops[k];
            break;
        }
    }
    if (s->at == s->len) {
        if (!s->fail)
            return 0;
        errno = EIO;
        return -1;
    }
    size_t n = end - s->at < size ? end - s->at : size;
    memcpy(buf, s->data + s->at, n);
    s->at += n;
    return (ssize_t)n;
}

struct result {
    int status;
    char *out, *err;
    size_t out_len, err_len;
};

/* hs_cli_check_stream over data (then a read error when fail), with out and
 * err captured. */
static struct result run(const char *data, bool fail, const char *name, const hs_cli_check_options *opt)
{
    struct script script = {data, strlen(data), 0, fail, {0}, 0, NULL, {0}};
    cookie_io_functions_t io = {script_read, NULL, NULL, NULL};
    struct result r;
    memset(&r, 0, sizeof r);
    FILE *in = fopencookie(&script, "r", io);
    FILE *out = open_memstream(&r.out, &r.out_len), *err = open_memstream(&r.err, &r.err_len);
    if (in == NULL || out == NULL || err == NULL) {
        perror("test_check_stream: fopencookie/open_memstream");
        exit(2);
    }
    r.status = hs_cli_check_stream(in, name, out, err, opt);
    fclose(in);
    fclose(out);
    fclose(err);
    return r;
}

static void done(struct result *r)
{
    free(r->out);
    free(r->err);
}

#define ALLOW_MISSING                                                                                           \
    "405 must   allow-missing: A 405 response must carry Allow, listing the methods the resource does support. " \
    "(RFC 9110, Section 15.5.6)\n"
#define DATE "Tue, 15 Nov 1994 08:12:31 GMT" /* a valid Date: date-invalid stays silent */
#define DATE_MISSING                                                                                            \
    "405 must   date-missing: An origin server with a clock must send Date in every 2xx, 3xx and 4xx response. " \
    "(RFC 9110, Section 6.6.1)\n"

static void test_options(void)
{
    /* NULL options: no method, no rule ignored, every level, English. */
    struct result r = run("HTTP/1.1 405 Method Not Allowed\r\n\r\n", false, NULL, NULL);
    INT_EQ(r.status, 1, "NULL options: status");
    STR_EQ(r.out, ALLOW_MISSING DATE_MISSING, "NULL options: out");
    STR_EQ(r.err, "", "NULL options: err");
    done(&r);

    /* A language the core does not know is English. */
    hs_cli_check_options opt;
    memset(&opt, 0, sizeof opt);
    opt.lang = "fr";
    r = run("HTTP/1.1 405 Method Not Allowed\r\n\r\n", false, NULL, &opt);
    STR_EQ(r.out, ALLOW_MISSING DATE_MISSING, "lang fr: out");
    done(&r);

    /* Refused before anything is read or written. */
    static const char *const not_methods[] = {"", "GET ", " GET", "G,ET", "G\tET"};
    for (size_t i = 0; i < sizeof not_methods / sizeof not_methods[0]; i++) {
        char want[128];
        memset(&opt, 0, sizeof opt);
        opt.method = not_methods[i];
        opt.json = true;
        r = run("HTTP/1.1 405 Method Not Allowed\r\n\r\n", false, NULL, &opt);
        snprintf(want, sizeof want, "httpstatus: --check: not a method (a token such as GET): '%s'\n", not_methods[i]);
        INT_EQ(r.status, 2, not_methods[i]);
        STR_EQ(r.out, "", not_methods[i]);
        STR_EQ(r.err, want, not_methods[i]);
        done(&r);
    }
    memset(&opt, 0, sizeof opt);
    opt.level = (hs_level)7;
    r = run("HTTP/1.1 405 Method Not Allowed\r\n\r\n", false, NULL, &opt);
    INT_EQ(r.status, 2, "level 7: status");
    STR_EQ(r.out, "", "level 7: out");
    STR_EQ(r.err, "httpstatus: --check: unknown level 7 (HS_INFO, HS_SHOULD or HS_MUST)\n", "level 7: err");
    done(&r);

    /* A standard method in another case: a warning, and no rule about HEAD. */
    memset(&opt, 0, sizeof opt);
    opt.method = "Head";
    r = run("HTTP/1.1 200 OK\r\nDate: " DATE "\r\n\r\ncontent", false, NULL, &opt);
    INT_EQ(r.status, 0, "Head: status");
    STR_EQ(r.out, "", "Head: out");
    STR_EQ(r.err,
           "httpstatus: warning: --method Head is not HEAD: methods are case-sensitive (RFC 9110, Section 9.1), and "
           "the rules read it as written\n",
           "Head: err");
    done(&r);

    /* --level and --verbose, the input named. */
    memset(&opt, 0, sizeof opt);
    opt.level = HS_MUST;
    opt.verbose = true;
    r = run("HTTP/1.1 503 Busy\r\n\r\nHTTP/1.1 405 X\r\nDate: " DATE "\r\n\r\n", false, "r.txt", &opt);
    INT_EQ(r.status, 1, "verbose: status");
    STR_EQ(r.out, ALLOW_MISSING, "verbose: out");
    STR_EQ(r.err,
           "httpstatus: --check: r.txt: response 1, line 1: 0 findings: HTTP/1.1 503 Busy\n"
           "httpstatus: --check: r.txt: response 2, line 3: 1 finding: HTTP/1.1 405 X\n",
           "verbose: err");
    done(&r);
}

/* An input that fails to be read: one line naming it, exit 2, the findings
 * of what was read before written. */
static void read_fails(const char *data, const char *want_out, const char *what)
{
    hs_cli_check_options opt;
    memset(&opt, 0, sizeof opt);
    struct result r = run(data, true, NULL, &opt);
    INT_EQ(r.status, 2, what);
    STR_EQ(r.out, want_out, what);
    STR_EQ(r.err, "httpstatus: --check: standard input: Input/output error\n", what);
    done(&r);
    r = run(data, true, "saved.txt", &opt);
    STR_EQ(r.err, "httpstatus: --check: saved.txt: Input/output error\n", what);
    done(&r);
}

static void test_read_errors(void)
{
    read_fails("", "", "at once");
    read_fails("HTTP/1.1 40", "", "in the status line");
    read_fails("HTTP/1.1 405 X\r\nAllow: GE", "", "in a field line");
    read_fails("HTTP/1.1 405 X\r\nAllow: GET\r\n", "", "after a field line");
    read_fails("HTTP/1.1 405 X\r\nAllow: GET,\r\n  HE", "", "in a folded line");
    read_fails("HTTP/1.1 405 X\r\n\r\nsome content", ALLOW_MISSING DATE_MISSING, "in the content");
    read_fails("HTTP/1.1 405 X\r\n\r\nHTTP/1.1 20", ALLOW_MISSING DATE_MISSING, "in a second status line");
    read_fails("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\x81\x05hel", "",
               "in another protocol after a 101");
}

/* Output that cannot be written: 2, and no message (the caller says what
 * `out` was). */
static void test_write_error(void)
{
    FILE *full = fopen("/dev/full", "w");
    if (full == NULL) {
        perror("test_check_stream: /dev/full");
        return;
    }
    char *err_text = NULL;
    size_t err_len = 0;
    FILE *err = open_memstream(&err_text, &err_len);
    struct script script = {"HTTP/1.1 405 X\r\n\r\nHTTP/1.1 404 Y\r\n\r\n", 0, 0, false, {0}, 0, NULL, {0}};
    script.len = strlen(script.data);
    cookie_io_functions_t io = {script_read, NULL, NULL, NULL};
    FILE *in = fopencookie(&script, "r", io);
    INT_EQ(hs_cli_check_stream(in, NULL, full, err, NULL), 2, "/dev/full: status");
    fclose(in);
    fclose(err);
    fclose(full);
    STR_EQ(err_text, "", "/dev/full: err");
    free(err_text);
}


/* ---- problem-details contents ------------------------------------------ */

/* The line the tool writes for a finding of rule id on a response with
 * this code (the rule's level, message and reference, from the core). */
static const char *finding(int code, const char *id)
{
    static char lines[8][1024];
    static size_t next;
    char *line = lines[next++ % 8];
    size_t rule = hs_rule_find(id, strlen(id));
    if (rule >= hs_rule_count()) {
        fprintf(stderr, "test_check_stream: no rule %s\n", id);
        exit(2);
    }
    const hs_rule *r = hs_rule_at(rule);
    snprintf(line, sizeof lines[0], "%03d %-6s %s: %s (%s)\n", code, r->level, r->id, hs_rule_message(rule, "en"),
             r->reference);
    return line;
}

static char *concat(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *s = malloc(na + nb + 1);
    if (s == NULL)
        exit(2);
    memcpy(s, a, na);
    memcpy(s + na, b, nb + 1);
    return s;
}

/* data through the tool (opt), its output compared with want. */
static void problem_case(const char *data, const hs_cli_check_options *opt, int want_status, const char *want,
                         const char *what)
{
    struct result r = run(data, false, NULL, opt);
    INT_EQ(r.status, want_status, what);
    STR_EQ(r.out, want, what);
    STR_EQ(r.err, "", what);
    done(&r);
}

#define PROBLEM_HEAD(code_line) "HTTP/1.1 " code_line "\r\nDate: " DATE "\r\nContent-Type: application/problem+json\r\n"

static void test_problem_contents(void)
{
    hs_cli_check_options opt;
    memset(&opt, 0, sizeof opt);
    char *want;

    /* The status member differs; then a second response, read after the
     * Content-Length bytes of the first. */
    want = concat(finding(404, "problem-status-mismatch"), finding(405, "allow-missing"));
    problem_case(PROBLEM_HEAD("404 Not Found") "Content-Length: 34\r\n\r\n{\"title\":\"Not Found\",\"status\":410}"
                 "HTTP/1.1 405 Method Not Allowed\r\nDate: " DATE "\r\n\r\n",
                 &opt, 1, want, "mismatch, then a 405");
    free(want);
    /* The media type in another case, with a parameter: the same. */
    problem_case("HTTP/1.1 404 Not Found\r\nDate: " DATE "\r\nContent-Type: Application/Problem+JSON ; charset=utf-8"
                 "\r\n\r\n{\"status\":410}\n",
                 &opt, 1, finding(404, "problem-status-mismatch"), "media type in another case");
    /* A Content-Type that is not problem+json: the content is not read. */
    problem_case("HTTP/1.1 404 Not Found\r\nDate: " DATE "\r\nContent-Type: application/json\r\n\r\n{\"status\":410}",
                 &opt, 0, "", "application/json");
    problem_case(PROBLEM_HEAD("404 Not Found") "\r\nNot Found", &opt, 1, finding(404, "problem-invalid"),
                 "not JSON");
    problem_case(PROBLEM_HEAD("404 Not Found") "\r\n{\"title\":\"Nicht gefunden\",\"status\":404}", &opt, 0,
                 finding(404, "problem-title-differs"), "a title of its own");
    problem_case(PROBLEM_HEAD("404 Not Found") "\r\n{\"title\":\"Not Found\",\"status\":\"404\"}", &opt, 1,
                 finding(404, "problem-member-type"), "status as a string");
    problem_case(PROBLEM_HEAD("404 Not Found") "\r\n{\"title\":\"Not Found\",\"status\":404}\n", &opt, 0, "",
                 "a good one");
    /* No content: nothing to read. */
    problem_case(PROBLEM_HEAD("404 Not Found") "\r\n", &opt, 0, "", "no content");
    /* As curl -si prints a chunked response: the content decoded, up to
     * the next status line (CRLF-ended, anywhere). */
    want = concat(finding(404, "problem-status-mismatch"), finding(405, "allow-missing"));
    problem_case(PROBLEM_HEAD("404 Not Found") "Transfer-Encoding: chunked\r\n\r\n{\"status\":\n410}"
                 "HTTP/1.1 405 Method Not Allowed\r\nDate: " DATE "\r\n\r\n",
                 &opt, 1, want, "chunked, then a 405");
    free(want);
    /* --level must drops the title finding but still reads the status. */
    opt.level = HS_MUST;
    problem_case(PROBLEM_HEAD("404 Not Found") "\r\n{\"title\":\"Nope\",\"status\":403}", &opt, 1,
                 finding(404, "problem-status-mismatch"), "--level must");
    opt.level = HS_INFO;

    /* With a Content-Encoding, curl prints the content as it came unless
     * --compressed decoded it: compressed bytes are not judged, decoded
     * JSON is. */
    problem_case(PROBLEM_HEAD("404 Not Found") "Content-Encoding: gzip\r\n\r\n\x1f\x8b\x08\x01\x02garbage", &opt, 0,
                 "", "gzip bytes");
    problem_case(PROBLEM_HEAD("404 Not Found") "Content-Encoding: gzip\r\n\r\n {\"status\":410}", &opt, 1,
                 finding(404, "problem-status-mismatch"), "decoded by --compressed");

    /* The limit: HS_PROBLEM_CONTENT_MAX bytes are read, one more is not. */
    for (size_t extra = 0; extra < 2; extra++) {
        static const char head[] = PROBLEM_HEAD("404 Not Found") "\r\n", body[] = "{\"status\":410";
        size_t size = HS_PROBLEM_CONTENT_MAX + extra, n = sizeof head - 1 + size;
        char *data = malloc(n + 1);
        if (data == NULL)
            exit(2);
        memcpy(data, head, sizeof head - 1);
        memset(data + sizeof head - 1, ' ', size);
        memcpy(data + sizeof head - 1, body, sizeof body - 1);
        data[n - 1] = '}';
        data[n] = '\0';
        problem_case(data, &opt, extra == 0 ? 1 : 0, extra == 0 ? finding(404, "problem-status-mismatch") : "",
                     extra == 0 ? "64 KiB, read" : "64 KiB and a byte, not read");
        free(data);
    }
}

/* When the findings are written: for a problem+json response at the end of
 * its content (the next status line, or the end of the input), for another
 * at the end of its header section, as before. stops: the end of the
 * header section, the end of the content. */
static void written_when(const char *data, size_t head_end, size_t content_end, const hs_cli_check_options *opt,
                         bool at_head, const char *what)
{
    struct result r;
    memset(&r, 0, sizeof r);
    struct script script = {data, strlen(data), 0, false, {head_end, content_end}, 2, &r.out_len, {0}};
    cookie_io_functions_t io = {script_read, NULL, NULL, NULL};
    FILE *in = fopencookie(&script, "r", io);
    FILE *out = open_memstream(&r.out, &r.out_len), *err = open_memstream(&r.err, &r.err_len);
    if (in == NULL || out == NULL || err == NULL)
        exit(2);
    r.status = hs_cli_check_stream(in, NULL, out, err, opt);
    fclose(in);
    fclose(out);
    fclose(err);
    OK(r.out_len > 0, "%s: findings written", what);
    if (at_head) {
        OK(script.seen[0] > 0, "%s: written before the content was read", what);
    } else {
        SIZE_EQ(script.seen[0], 0, what);
        SIZE_EQ(script.seen[1], 0, what); /* the content read, its end not yet known */
    }
    done(&r);
}

static void test_problem_flushing(void)
{
    /* Each response has a finding known at its header section
     * (date-invalid), which a problem+json response holds back. */
    static const char head[] = "HTTP/1.1 404 Not Found\r\nDate: x\r\nContent-Type: application/problem+json\r\n\r\n";
    static const char body[] = "{\"status\":410}";
    static const char data[] = "HTTP/1.1 404 Not Found\r\nDate: x\r\nContent-Type: application/problem+json\r\n\r\n"
                               "{\"status\":410}HTTP/1.1 200 OK\r\nDate: " DATE "\r\n\r\n";
    hs_cli_check_options opt;
    memset(&opt, 0, sizeof opt);
    written_when(data, sizeof head - 1, sizeof head - 1 + sizeof body - 1, &opt, false, "problem+json");
    /* The four problem rules ignored: nothing waits for the content. */
    static const char *const ids[] = {"problem-invalid", "problem-status-mismatch", "problem-member-type",
                                      "problem-title-differs"};
    for (size_t i = 0; i < 4; i++)
        opt.ignore |= 1ULL << hs_rule_find(ids[i], strlen(ids[i]));
    written_when(data, sizeof head - 1, sizeof head - 1 + sizeof body - 1, &opt, true, "problem rules ignored");
    memset(&opt, 0, sizeof opt);
    static const char json[] = "HTTP/1.1 404 Not Found\r\nDate: x\r\nContent-Type: application/json\r\n\r\n";
    static const char json_data[] = "HTTP/1.1 404 Not Found\r\nDate: x\r\nContent-Type: application/json\r\n\r\n"
                                    "{\"status\":410}";
    written_when(json_data, sizeof json - 1, sizeof json - 1 + sizeof body - 1, &opt, true, "application/json");
}

int main(void)
{
    test_options();
    test_read_errors();
    test_write_error();
    test_problem_contents();
    test_problem_flushing();
    return harness_report("test_check_stream");
}
