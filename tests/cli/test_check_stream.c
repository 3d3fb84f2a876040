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

/* An input: its bytes, then the end or (fail) a read error, EIO. */
struct script {
    const char *data;
    size_t len, at;
    bool fail;
};

static ssize_t script_read(void *cookie, char *buf, size_t size)
{
    struct script *s = cookie;
    if (s->at == s->len) {
        if (!s->fail)
            return 0;
        errno = EIO;
        return -1;
    }
    size_t n = s->len - s->at < size ? s->len - s->at : size;
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
    struct script script = {data, strlen(data), 0, fail};
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
    struct script script = {"HTTP/1.1 405 X\r\n\r\nHTTP/1.1 404 Y\r\n\r\n", 0, 0, false};
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

int main(void)
{
    test_options();
    test_read_errors();
    test_write_error();
    return harness_report("test_check_stream");
}
