/*
 * httpstatus.problem, httpstatus.problem_json and the Problem type: problem
 * details (RFC 9457), whose bytes the core writes (hs_problem_json).
 *
 * The arguments are converted here: the members as their UTF-8, and every
 * extension value encoded as JSON text into one buffer (on the stack while
 * it fits), with, in the same walk, the value the mapping shows (a list for
 * a list or a tuple, a dict with its keys in the order of their bytes, exact
 * str and int). The core then validates the whole and writes the body, on
 * the stack for any usual problem, so problem_json() is one pass over the
 * arguments and one over the body. A Problem holds the body and its members,
 * made once, and never changes: nested lists and dicts are handed out as
 * copies.
 *
 * What problem() carries (hs_py_tables, out of Python's reach) is a tuple of
 * immutable things: the Problem type and the strings it uses. The type
 * belongs to the same state module (PyType_GetModule), so Problem(...) and
 * its methods read the same tuple.
 */
#include "py_module.h" /* Python.h first, as Python asks */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The items of problem's tables. */
enum {
    HS_P_PROBLEM,      /* the Problem type */
    HS_P_TYPE,         /* the member names, interned: "type", ... */
    HS_P_TITLE,
    HS_P_STATUS,
    HS_P_DETAIL,
    HS_P_INSTANCE,
    HS_P_MEDIA_TYPE,   /* "application/problem+json" */
    HS_P_CONTENT_TYPE, /* "Content-Type" */
    HS_P_PHRASES,      /* a tuple whose item c - 100 is the phrase of c as a str, or None */
    HS_P_COUNT
};

/* The members given as arguments, in the order of the signature. */
enum { HS_M_DETAIL, HS_M_TYPE, HS_M_TITLE, HS_M_INSTANCE, HS_M_COUNT };
static const char *const hs_py_member_names[HS_M_COUNT] = {"detail", "type", "title", "instance"};

typedef struct hs_py_problem_object {
    PyObject_HEAD
    PyObject *members; /* a dict, in the order of the body; its lists and dicts are never handed out */
    PyObject *body;    /* bytes */
    int status;
    int title_given;
} hs_py_problem_object;

/* ---- a buffer on the stack while it fits -------------------------------- */

typedef struct hs_py_buf {
    char *data;
    size_t len, cap;
    char stack[1024];
} hs_py_buf;

static void hs_py_buf_init(hs_py_buf *b)
{
    b->data = b->stack;
    b->len = 0;
    b->cap = sizeof b->stack;
}

static void hs_py_buf_free(hs_py_buf *b)
{
    if (b->data != b->stack)
        PyMem_Free(b->data);
}

static int hs_py_buf_put(hs_py_buf *b, const char *s, size_t n)
{
    if (b->cap - b->len < n) {
        size_t cap = b->cap;
        while (cap - b->len < n) {
            if (cap > (size_t)PY_SSIZE_T_MAX / 2) {
                PyErr_NoMemory();
                return -1;
            }
            cap *= 2;
        }
        char *data = b->data == b->stack ? PyMem_Malloc(cap) : PyMem_Realloc(b->data, cap);
        if (data == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        if (b->data == b->stack)
            memcpy(data, b->stack, b->len);
        b->data = data;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    return 0;
}

/* s[0..n), valid UTF-8, as a JSON string: '"', '\' and the controls
 * escaped, everything else as it is (the core writes it canonically). */
static int hs_py_buf_string(hs_py_buf *b, const char *s, size_t n)
{
    size_t start = 0;
    if (hs_py_buf_put(b, "\"", 1) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        char escape[8];
        int k = c < 0x20 ? snprintf(escape, sizeof escape, "\\u%04x", c) : snprintf(escape, sizeof escape, "\\%c", c);
        if (hs_py_buf_put(b, s + start, i - start) < 0 || hs_py_buf_put(b, escape, (size_t)k) < 0)
            return -1;
        start = i + 1;
    }
    return hs_py_buf_put(b, s + start, n - start) < 0 ? -1 : hs_py_buf_put(b, "\"", 1);
}

/* ---- extension values ----------------------------------------------------- */

/* The JSON encoder of extension values. A value it refuses sets exc and
 * message (where is then filled as the walk unwinds: the keys and indexes
 * from the refused value out to the extension, innermost first); a Python
 * error (MemoryError) leaves exc NULL with the error set. */
typedef struct hs_py_encoder {
    hs_py_buf buf;
    int depth;
    bool copy; /* make the values the mapping shows */
    PyObject *exc;
    char message[200];
    PyObject *where[HS_PROBLEM_DEPTH + 1];
    int where_len;
} hs_py_encoder;

static PyObject *hs_py_refuse(hs_py_encoder *e, PyObject *exc, const char *message)
{
    e->exc = exc;
    snprintf(e->message, sizeof e->message, "%s", message);
    return NULL;
}

/* Records that the value refused lies under key (a str or an index). */
static void hs_py_refused_under(hs_py_encoder *e, PyObject *key, Py_ssize_t index)
{
    if (e->exc == NULL || e->where_len >= (int)(sizeof e->where / sizeof e->where[0]))
        return;
    PyObject *where = key != NULL ? Py_NewRef(key) : PyLong_FromSsize_t(index);
    if (where != NULL)
        e->where[e->where_len++] = where;
    else
        PyErr_Clear(); /* the message goes without this step of the path */
}

/* The index of the first lone surrogate in s, which has one. */
static Py_ssize_t hs_py_surrogate_at(PyObject *s)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(s, i);
        if (c >= 0xD800 && c <= 0xDFFF)
            return i;
    }
    return 0;
}

/* The UTF-8 of a str into *s and *n: 0; or -1, having refused it (a lone
 * surrogate) or with a Python error set. what names it in the message. */
static int hs_py_utf8(hs_py_encoder *e, PyObject *str, const char **s, size_t *n, const char *what)
{
    Py_ssize_t size;
    if ((*s = PyUnicode_AsUTF8AndSize(str, &size)) != NULL) {
        *n = (size_t)size;
        return 0;
    }
    if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
        PyErr_Clear();
        e->exc = PyExc_ValueError;
        snprintf(e->message, sizeof e->message, "%s %s: a lone surrogate at index %zd", what,
                 hs_problem_message(HS_PROBLEM_BAD_UTF8), hs_py_surrogate_at(str));
    }
    return -1;
}

/* An exact str of the same text (a subclass may override anything). */
static PyObject *hs_py_exact_str(PyObject *s)
{
    return PyUnicode_CheckExact(s) ? Py_NewRef(s) : PyUnicode_Substring(s, 0, PyUnicode_GET_LENGTH(s));
}

static PyObject *hs_py_encode(hs_py_encoder *e, PyObject *v);

/* A list or tuple as a JSON array. */
static PyObject *hs_py_encode_array(hs_py_encoder *e, PyObject *v)
{
    PyObject *copy = e->copy ? PyList_New(0) : Py_NewRef(Py_None);
    if (copy == NULL || hs_py_buf_put(&e->buf, "[", 1) < 0)
        goto fail;
    /* Nothing here runs Python code but a finaliser that an allocation may
     * start, which might change the list: the size is read anew, and each
     * item is held while it is encoded. */
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(v); i++) {
        PyObject *item = Py_NewRef(PySequence_Fast_GET_ITEM(v, i));
        PyObject *made = i > 0 && hs_py_buf_put(&e->buf, ",", 1) < 0 ? NULL : hs_py_encode(e, item);
        Py_DECREF(item);
        if (made == NULL) {
            hs_py_refused_under(e, NULL, i);
            goto fail;
        }
        int failed = e->copy && PyList_Append(copy, made) < 0;
        Py_DECREF(made);
        if (failed)
            goto fail;
    }
    if (hs_py_buf_put(&e->buf, "]", 1) < 0)
        goto fail;
    return copy;
fail:
    Py_XDECREF(copy);
    return NULL;
}

/* One member of a dict being encoded. */
typedef struct hs_py_item {
    PyObject *key, *value; /* held */
    const char *name;      /* the key's UTF-8 */
    size_t name_len;
} hs_py_item;

static int hs_py_item_order(const void *a, const void *b)
{
    const hs_py_item *x = a, *y = b;
    int c = memcmp(x->name, y->name, x->name_len < y->name_len ? x->name_len : y->name_len);
    return c != 0 ? c : x->name_len < y->name_len ? -1 : x->name_len > y->name_len;
}

/* A dict as a JSON object, its keys in the order of their bytes (as the
 * core writes them, so the copy shows them in the order of the body). */
static PyObject *hs_py_encode_object(hs_py_encoder *e, PyObject *v)
{
    Py_ssize_t count = PyDict_GET_SIZE(v), k = 0, pos = 0;
    hs_py_item *items = PyMem_New(hs_py_item, (size_t)(count > 0 ? count : 1));
    PyObject *copy = NULL, *key, *value;
    if (items == NULL)
        return PyErr_NoMemory();
    while (k < count && PyDict_Next(v, &pos, &key, &value)) {
        items[k].key = Py_NewRef(key);
        items[k].value = Py_NewRef(value);
        k++;
    }
    for (Py_ssize_t i = 0; i < k; i++) {
        if (!PyUnicode_Check(items[i].key)) {
            char message[120];
            snprintf(message, sizeof message, "dict keys must be str, not '%.80s'", Py_TYPE(items[i].key)->tp_name);
            hs_py_refuse(e, PyExc_TypeError, message);
            goto done;
        }
        if (hs_py_utf8(e, items[i].key, &items[i].name, &items[i].name_len, "a key is") < 0)
            goto done;
    }
    qsort(items, (size_t)k, sizeof items[0], hs_py_item_order);
    if ((copy = e->copy ? PyDict_New() : Py_NewRef(Py_None)) == NULL || hs_py_buf_put(&e->buf, "{", 1) < 0)
        goto fail;
    for (Py_ssize_t i = 0; i < k; i++) {
        if ((i > 0 && hs_py_buf_put(&e->buf, ",", 1) < 0) ||
            hs_py_buf_string(&e->buf, items[i].name, items[i].name_len) < 0 || hs_py_buf_put(&e->buf, ":", 1) < 0)
            goto fail;
        PyObject *made = hs_py_encode(e, items[i].value);
        if (made == NULL) {
            hs_py_refused_under(e, items[i].key, 0);
            goto fail;
        }
        int failed = 0;
        if (e->copy) {
            PyObject *name = hs_py_exact_str(items[i].key);
            failed = name == NULL || PyDict_SetItem(copy, name, made) < 0;
            Py_XDECREF(name);
        }
        Py_DECREF(made);
        if (failed)
            goto fail;
    }
    if (hs_py_buf_put(&e->buf, "}", 1) < 0)
        goto fail;
    goto done;
fail:
    Py_CLEAR(copy);
done:
    for (Py_ssize_t i = 0; i < k; i++) {
        Py_DECREF(items[i].key);
        Py_DECREF(items[i].value);
    }
    PyMem_Free(items);
    return copy;
}

/* v as JSON text appended to e->buf; the value the mapping shows (a new
 * reference; None when e->copy is false), or NULL. */
static PyObject *hs_py_encode(hs_py_encoder *e, PyObject *v)
{
    if (v == Py_None || PyBool_Check(v)) {
        const char *word = v == Py_None ? "null" : v == Py_True ? "true" : "false";
        return hs_py_buf_put(&e->buf, word, strlen(word)) < 0 ? NULL : Py_NewRef(v);
    }
    if (PyLong_Check(v)) {
        int overflow;
        long long n = PyLong_AsLongLongAndOverflow(v, &overflow);
        if (n == -1 && PyErr_Occurred())
            return NULL;
        /* The core's bound: |n| < 2^53, which a double holds exactly. */
        if (overflow != 0 || n >= 9007199254740992LL || n <= -9007199254740992LL)
            return hs_py_refuse(e, PyExc_ValueError, hs_problem_message(HS_PROBLEM_TOO_LARGE));
        char digits[24];
        int k = snprintf(digits, sizeof digits, "%lld", n);
        if (hs_py_buf_put(&e->buf, digits, (size_t)k) < 0)
            return NULL;
        return !e->copy ? Py_NewRef(Py_None) : PyLong_CheckExact(v) ? Py_NewRef(v) : PyLong_FromLongLong(n);
    }
    if (PyUnicode_Check(v)) {
        const char *s = NULL;
        size_t n = 0;
        if (hs_py_utf8(e, v, &s, &n, "a str is") < 0 || hs_py_buf_string(&e->buf, s, n) < 0)
            return NULL;
        return e->copy ? hs_py_exact_str(v) : Py_NewRef(Py_None);
    }
    if (PyList_Check(v) || PyTuple_Check(v) || PyDict_Check(v)) {
        if (++e->depth > HS_PROBLEM_DEPTH)
            return hs_py_refuse(e, PyExc_ValueError, hs_problem_message(HS_PROBLEM_TOO_DEEP));
        PyObject *made = PyDict_Check(v) ? hs_py_encode_object(e, v) : hs_py_encode_array(e, v);
        e->depth--;
        return made;
    }
    char message[200];
    if (PyFloat_Check(v))
        snprintf(message, sizeof message, "a float is not allowed: numbers in a problem are integers");
    else
        snprintf(message, sizeof message,
                 "'%.80s' is not allowed: values are str, int, bool, None, and lists, tuples and dicts of these",
                 Py_TYPE(v)->tp_name);
    return hs_py_refuse(e, PyExc_TypeError, message);
}

/* Raises what the encoder refused in extension name: "problem() extension
 * 'errors'[0]['code']: ...". */
static void hs_py_raise_refused(hs_py_encoder *e, const char *fname, PyObject *name)
{
    PyObject *where = PyUnicode_FromFormat("%s() extension %R", fname, name);
    for (int i = e->where_len - 1; where != NULL && i >= 0; i--)
        Py_SETREF(where, PyUnicode_FromFormat("%U[%R]", where, e->where[i]));
    if (where != NULL) {
        PyErr_Format(e->exc, "%U: %s", where, e->message);
        Py_DECREF(where);
    }
}

/* ---- problem(), problem_json(), Problem(...) ------------------------------ */

/* The arguments: code, the members (borrowed, NULL or None when not given)
 * and the extensions, as indexes into the keyword arguments. */
typedef struct hs_py_problem_args {
    PyObject *code;
    PyObject *member[HS_M_COUNT];
    PyObject *const *kwvalues;
    PyObject *kwnames;
    Py_ssize_t *ext; /* nkw of them at most */
    Py_ssize_t ext_count;
} hs_py_problem_args;

static int hs_py_problem_parse(const char *fname, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                               hs_py_problem_args *a)
{
    if (nargs > 2) {
        PyErr_Format(PyExc_TypeError, "%s() takes from 1 to 2 positional arguments but %zd were given", fname, nargs);
        return -1;
    }
    a->code = nargs > 0 ? args[0] : NULL;
    for (size_t m = 0; m < HS_M_COUNT; m++)
        a->member[m] = NULL;
    a->member[HS_M_DETAIL] = nargs > 1 ? args[1] : NULL;
    a->kwvalues = args + nargs;
    a->kwnames = kwnames;
    a->ext_count = 0;
    Py_ssize_t nkw = kwnames == NULL ? 0 : PyTuple_GET_SIZE(kwnames);
    for (Py_ssize_t k = 0; k < nkw; k++) {
        PyObject *name = PyTuple_GET_ITEM(kwnames, k);
        size_t m = 0;
        while (m < HS_M_COUNT && PyUnicode_CompareWithASCIIString(name, hs_py_member_names[m]) != 0)
            m++;
        if (m == HS_M_COUNT) {
            a->ext[a->ext_count++] = k;
        } else if (a->member[m] != NULL) {
            PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'", fname, hs_py_member_names[m]);
            return -1;
        } else {
            a->member[m] = a->kwvalues[k];
        }
    }
    if (a->code == NULL) {
        PyErr_Format(PyExc_TypeError, "%s() missing required argument 'code' (pos 1)", fname);
        return -1;
    }
    return 0;
}

/* Raises the core's refusal of a problem (err) as a ValueError naming the
 * code or the member. ext[i] is the keyword index of extension i. */
static void hs_py_problem_refused(const char *fname, const hs_py_problem_args *a, const hs_problem_error *err)
{
    PyObject *name = NULL;
    if (err->extension != (size_t)-1 && err->extension < (size_t)a->ext_count)
        name = PyTuple_GET_ITEM(a->kwnames, a->ext[err->extension]);
    switch (err->fault) {
    case HS_PROBLEM_BAD_CODE:
        PyErr_Format(PyExc_ValueError, "%s() code %R: %s", fname, a->code, err->message);
        return;
    case HS_PROBLEM_NO_TITLE:
        PyErr_Format(PyExc_ValueError, "%s() code %R: %s (title=...)", fname, a->code, err->message);
        return;
    default:
        break;
    }
    if (name != NULL)
        PyErr_Format(PyExc_ValueError, "%s() extension %R: %s", fname, name, err->message);
    else if (err->member != NULL)
        PyErr_Format(PyExc_ValueError, "%s() %.*s: %s", fname, (int)err->member_len, err->member, err->message);
    else
        PyErr_Format(PyExc_ValueError, "%s(): %s", fname, err->message);
}

/* The extensions in the order of their names' bytes, for the mapping. */
typedef struct hs_py_named {
    const char *name;
    size_t name_len;
    Py_ssize_t ext; /* its index among the extensions */
} hs_py_named;

static int hs_py_named_order(const void *a, const void *b)
{
    const hs_py_named *x = a, *y = b;
    int c = memcmp(x->name, y->name, x->name_len < y->name_len ? x->name_len : y->name_len);
    return c != 0 ? c : x->name_len < y->name_len ? -1 : x->name_len > y->name_len;
}

/* The members dict of a problem, in the order of its body. */
static PyObject *hs_py_problem_members(PyObject *tables, const hs_py_problem_args *a, int code,
                                       const hs_problem_extension *exts, PyObject *const *values)
{
    PyObject *members = PyDict_New(), *status = NULL, *title;
    hs_py_named stack[16], *named = a->ext_count <= 16 ? stack : PyMem_New(hs_py_named, (size_t)a->ext_count);
    if (named == NULL)
        PyErr_NoMemory();
    if (members == NULL || named == NULL)
        goto fail;
#define HS_PY_SET(key, value) (PyDict_SetItem(members, PyTuple_GET_ITEM(tables, key), (value)) < 0)
    if (a->member[HS_M_TYPE] != NULL && HS_PY_SET(HS_P_TYPE, a->member[HS_M_TYPE]))
        goto fail;
    title = a->member[HS_M_TITLE] != NULL ? a->member[HS_M_TITLE]
                                          : PyTuple_GET_ITEM(PyTuple_GET_ITEM(tables, HS_P_PHRASES), code - 100);
    if (HS_PY_SET(HS_P_TITLE, title) || (status = PyLong_FromLong(code)) == NULL || HS_PY_SET(HS_P_STATUS, status))
        goto fail;
    if (a->member[HS_M_DETAIL] != NULL && HS_PY_SET(HS_P_DETAIL, a->member[HS_M_DETAIL]))
        goto fail;
    if (a->member[HS_M_INSTANCE] != NULL && HS_PY_SET(HS_P_INSTANCE, a->member[HS_M_INSTANCE]))
        goto fail;
#undef HS_PY_SET
    for (Py_ssize_t i = 0; i < a->ext_count; i++)
        named[i] = (hs_py_named){exts[i].name, exts[i].name_len, i};
    qsort(named, (size_t)a->ext_count, sizeof named[0], hs_py_named_order);
    for (Py_ssize_t i = 0; i < a->ext_count; i++) {
        PyObject *name = hs_py_exact_str(PyTuple_GET_ITEM(a->kwnames, a->ext[named[i].ext]));
        int failed = name == NULL || PyDict_SetItem(members, name, values[named[i].ext]) < 0;
        Py_XDECREF(name);
        if (failed)
            goto fail;
    }
    goto done;
fail:
    Py_CLEAR(members);
done:
    Py_XDECREF(status);
    if (named != stack)
        PyMem_Free(named);
    return members;
}

/* problem() (type is the Problem type) or problem_json() (type NULL). */
static PyObject *hs_py_problem_make(PyObject *tables, PyTypeObject *type, const char *fname, PyObject *const *args,
                                    Py_ssize_t nargs, PyObject *kwnames)
{
    Py_ssize_t nkw = kwnames == NULL ? 0 : PyTuple_GET_SIZE(kwnames);
    Py_ssize_t ext_stack[16];
    hs_problem_extension exts_stack[16], *exts = exts_stack;
    PyObject *values_stack[16], **values = values_stack; /* what the mapping shows of each extension */
    size_t spans_stack[16 * 2], *spans = spans_stack;    /* where each value's JSON lies in e.buf */
    hs_py_problem_args a;
    hs_py_encoder e;
    hs_problem p = HS_PROBLEM_INIT;
    PyObject *result = NULL, *body = NULL, *stripped[HS_M_COUNT] = {NULL, NULL, NULL, NULL};
    char out[1024];
    int code;

    a.ext = ext_stack;
    hs_py_buf_init(&e.buf);
    e.depth = 0;
    e.copy = type != NULL;
    e.exc = NULL;
    e.where_len = 0;
    if (nkw > 16) {
        a.ext = PyMem_New(Py_ssize_t, (size_t)nkw);
        exts = PyMem_New(hs_problem_extension, (size_t)nkw);
        values = PyMem_Calloc((size_t)nkw, sizeof(PyObject *)); /* all NULL, whatever fails next */
        spans = PyMem_New(size_t, (size_t)nkw * 2);
        if (a.ext == NULL || exts == NULL || values == NULL || spans == NULL) {
            PyErr_NoMemory();
            goto done;
        }
    }
    for (Py_ssize_t i = 0; nkw <= 16 && i < nkw; i++)
        values[i] = NULL;
    if (hs_py_problem_parse(fname, args, nargs, kwnames, &a) < 0 || hs_py_code(a.code, fname, &code) < 0)
        goto done;

    /* The members: str (an exact copy of a subclass's text) or None. */
    const char **strings[HS_M_COUNT] = {&p.detail, &p.type, &p.title, &p.instance};
    size_t *lengths[HS_M_COUNT] = {&p.detail_len, &p.type_len, &p.title_len, &p.instance_len};
    for (size_t m = 0; m < HS_M_COUNT; m++) {
        PyObject *s = a.member[m];
        if (s == NULL || s == Py_None) {
            a.member[m] = NULL;
            continue;
        }
        if (!PyUnicode_Check(s)) {
            PyErr_Format(PyExc_TypeError, "%s() %s must be str or None, not '%.200s'", fname, hs_py_member_names[m],
                         Py_TYPE(s)->tp_name);
            goto done;
        }
        if ((stripped[m] = hs_py_exact_str(s)) == NULL)
            goto done;
        a.member[m] = stripped[m];
        if (hs_py_utf8(&e, s, strings[m], lengths[m], "is") < 0) {
            if (e.exc != NULL)
                PyErr_Format(e.exc, "%s() %s %s", fname, hs_py_member_names[m], e.message);
            goto done;
        }
    }

    /* The extensions: each name's UTF-8, each value's JSON text. */
    for (Py_ssize_t i = 0; i < a.ext_count; i++) {
        PyObject *name = PyTuple_GET_ITEM(kwnames, a.ext[i]);
        if (hs_py_utf8(&e, name, &exts[i].name, &exts[i].name_len, "") < 0) {
            if (e.exc != NULL)
                PyErr_Format(PyExc_ValueError, "%s() extension %R: %s", fname, name,
                             hs_problem_message(HS_PROBLEM_BAD_NAME));
            goto done;
        }
        spans[2 * i] = e.buf.len;
        if ((values[i] = hs_py_encode(&e, a.kwvalues[a.ext[i]])) == NULL) {
            if (e.exc != NULL)
                hs_py_raise_refused(&e, fname, name);
            goto done;
        }
        spans[2 * i + 1] = e.buf.len;
    }
    for (Py_ssize_t i = 0; i < a.ext_count; i++) { /* the buffer has stopped moving */
        exts[i].value = e.buf.data + spans[2 * i];
        exts[i].value_len = spans[2 * i + 1] - spans[2 * i];
    }
    p.extensions = exts;
    p.extension_count = (size_t)a.ext_count;

    /* The body: written on the stack when it fits, else into its bytes. */
    size_t n = hs_problem_json(out, sizeof out, code, &p);
    if (n == 0) {
        hs_problem_error err;
        if (!hs_problem_validate(code, &p, &err))
            hs_py_problem_refused(fname, &a, &err);
        else
            PyErr_Format(PyExc_SystemError, "%s(): the core wrote no body for a problem it validates", fname);
        goto done;
    }
    if (n > (size_t)PY_SSIZE_T_MAX - 1) {
        PyErr_NoMemory();
        goto done;
    }
    if (n < sizeof out) {
        body = PyBytes_FromStringAndSize(out, (Py_ssize_t)n);
    } else if ((body = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)n)) != NULL) {
        hs_problem_json(PyBytes_AS_STRING(body), n + 1, code, &p); /* bytes hold one more for the NUL */
    }
    if (body == NULL || type == NULL) {
        result = body;
        body = NULL;
        goto done;
    }

    hs_py_problem_object *made = (hs_py_problem_object *)type->tp_alloc(type, 0);
    if (made == NULL)
        goto done;
    made->status = code;
    made->title_given = a.member[HS_M_TITLE] != NULL;
    made->body = body;
    body = NULL;
    if ((made->members = hs_py_problem_members(tables, &a, code, exts, values)) == NULL)
        Py_CLEAR(made);
    result = (PyObject *)made;
done:
    Py_XDECREF(body);
    for (size_t m = 0; m < HS_M_COUNT; m++)
        Py_XDECREF(stripped[m]);
    for (Py_ssize_t i = 0; values != NULL && i < nkw; i++)
        Py_XDECREF(values[i]);
    for (int i = 0; i < e.where_len; i++)
        Py_DECREF(e.where[i]);
    hs_py_buf_free(&e.buf);
    if (nkw > 16) {
        PyMem_Free(a.ext);
        PyMem_Free(exts);
        PyMem_Free(values);
        PyMem_Free(spans);
    }
    return result;
}

static PyObject *hs_py_problem(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *tables = hs_py_tables(self);
    return hs_py_problem_make(tables, (PyTypeObject *)PyTuple_GET_ITEM(tables, HS_P_PROBLEM), "problem", args, nargs,
                              kwnames);
}

static PyObject *hs_py_problem_json(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    return hs_py_problem_make(hs_py_tables(self), NULL, "problem_json", args, nargs, kwnames);
}

/* ---- the Problem type ----------------------------------------------------- */

static PyObject *hs_py_problem_tables(PyObject *self)
{
    PyObject *module = PyType_GetModule(Py_TYPE(self));
    return module == NULL ? NULL : hs_py_tables(module);
}

/* Problem(...) is problem(...). */
static PyObject *hs_py_problem_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *module = PyType_GetModule(type);
    if (module == NULL)
        return NULL;
    Py_ssize_t nargs = PyTuple_GET_SIZE(args), nkw = kwargs == NULL ? 0 : PyDict_GET_SIZE(kwargs), k = 0, pos = 0;
    PyObject **stack = PyMem_New(PyObject *, (size_t)(nargs + nkw + 1));
    PyObject *kwnames = nkw > 0 ? PyTuple_New(nkw) : NULL, *key, *value, *result = NULL;
    if (stack == NULL || (nkw > 0 && kwnames == NULL)) {
        if (stack == NULL)
            PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < nargs; i++)
        stack[i] = PyTuple_GET_ITEM(args, i);
    while (k < nkw && PyDict_Next(kwargs, &pos, &key, &value)) {
        PyTuple_SET_ITEM(kwnames, k, Py_NewRef(key));
        stack[nargs + k++] = value;
    }
    result = hs_py_problem_make(hs_py_tables(module), type, "Problem", stack, nargs, kwnames);
done:
    PyMem_Free(stack);
    Py_XDECREF(kwnames);
    return result;
}

static void hs_py_problem_dealloc(PyObject *self)
{
    hs_py_problem_object *p = (hs_py_problem_object *)self;
    PyTypeObject *type = Py_TYPE(self);
    Py_XDECREF(p->members);
    Py_XDECREF(p->body);
    type->tp_free(self);
    Py_DECREF(type);
}

/* A value of the members as handed out: lists and dicts copied (they are
 * at most HS_PROBLEM_DEPTH deep), so that no caller changes the problem. */
static PyObject *hs_py_problem_value(PyObject *v)
{
    if (PyList_CheckExact(v)) {
        Py_ssize_t n = PyList_GET_SIZE(v);
        PyObject *copy = PyList_New(n);
        for (Py_ssize_t i = 0; copy != NULL && i < n; i++) {
            PyObject *item = hs_py_problem_value(PyList_GET_ITEM(v, i));
            if (item == NULL)
                Py_CLEAR(copy);
            else
                PyList_SET_ITEM(copy, i, item);
        }
        return copy;
    }
    if (PyDict_CheckExact(v)) {
        PyObject *copy = PyDict_New(), *key, *value;
        Py_ssize_t pos = 0;
        while (copy != NULL && PyDict_Next(v, &pos, &key, &value)) {
            PyObject *item = hs_py_problem_value(value);
            if (item == NULL || PyDict_SetItem(copy, key, item) < 0)
                Py_CLEAR(copy);
            Py_XDECREF(item);
        }
        return copy;
    }
    return Py_NewRef(v);
}

static Py_ssize_t hs_py_problem_len(PyObject *self)
{
    return PyDict_GET_SIZE(((hs_py_problem_object *)self)->members);
}

static PyObject *hs_py_problem_getitem(PyObject *self, PyObject *key)
{
    PyObject *v = PyDict_GetItemWithError(((hs_py_problem_object *)self)->members, key);
    if (v == NULL) {
        if (!PyErr_Occurred())
            PyErr_SetObject(PyExc_KeyError, key);
        return NULL;
    }
    return hs_py_problem_value(v);
}

static int hs_py_problem_contains(PyObject *self, PyObject *key)
{
    return PyDict_Contains(((hs_py_problem_object *)self)->members, key);
}

static PyObject *hs_py_problem_iter(PyObject *self)
{
    return PyObject_GetIter(((hs_py_problem_object *)self)->members);
}

static PyObject *hs_py_problem_get(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 1 || nargs > 2)
        return PyErr_Format(PyExc_TypeError, "get expected 1 or 2 arguments, got %zd", nargs);
    PyObject *v = PyDict_GetItemWithError(((hs_py_problem_object *)self)->members, args[0]);
    if (v == NULL)
        return PyErr_Occurred() ? NULL : Py_NewRef(nargs > 1 ? args[1] : Py_None);
    return hs_py_problem_value(v);
}

/* keys(), items(), values(): the views of collections.abc, as a Mapping's. */
static PyObject *hs_py_problem_view(PyObject *self, const char *view)
{
    PyObject *module = PyImport_ImportModule("_collections_abc");
    PyObject *cls = module == NULL ? NULL : PyObject_GetAttrString(module, view);
    PyObject *result = cls == NULL ? NULL : PyObject_CallOneArg(cls, self);
    Py_XDECREF(module);
    Py_XDECREF(cls);
    return result;
}

static PyObject *hs_py_problem_keys(PyObject *self, PyObject *unused)
{
    (void)unused;
    return hs_py_problem_view(self, "KeysView");
}

static PyObject *hs_py_problem_items(PyObject *self, PyObject *unused)
{
    (void)unused;
    return hs_py_problem_view(self, "ItemsView");
}

static PyObject *hs_py_problem_values(PyObject *self, PyObject *unused)
{
    (void)unused;
    return hs_py_problem_view(self, "ValuesView");
}

static PyObject *hs_py_problem_json_method(PyObject *self, PyObject *unused)
{
    (void)unused;
    return Py_NewRef(((hs_py_problem_object *)self)->body);
}

/* The keyword arguments that make this problem again (the title only
 * when one was given), as a new dict. */
static PyObject *hs_py_problem_kwargs(hs_py_problem_object *p, PyObject *tables)
{
    PyObject *kwargs = PyDict_New(), *key, *value;
    Py_ssize_t pos = 0;
    while (kwargs != NULL && PyDict_Next(p->members, &pos, &key, &value)) {
        if (key == PyTuple_GET_ITEM(tables, HS_P_STATUS) ||
            (key == PyTuple_GET_ITEM(tables, HS_P_TITLE) && !p->title_given))
            continue;
        PyObject *item = hs_py_problem_value(value);
        if (item == NULL || PyDict_SetItem(kwargs, key, item) < 0)
            Py_CLEAR(kwargs);
        Py_XDECREF(item);
    }
    return kwargs;
}

/* Problem(404, detail='No user 42', balance=30) */
static PyObject *hs_py_problem_repr(PyObject *self)
{
    hs_py_problem_object *p = (hs_py_problem_object *)self;
    PyObject *tables = hs_py_problem_tables(self);
    PyObject *kwargs = tables == NULL ? NULL : hs_py_problem_kwargs(p, tables), *key, *value;
    PyObject *text = kwargs == NULL ? NULL : PyUnicode_FromFormat("%s(%d", "Problem", p->status);
    Py_ssize_t pos = 0;
    while (text != NULL && PyDict_Next(kwargs, &pos, &key, &value))
        Py_SETREF(text, PyUnicode_FromFormat("%U, %U=%R", text, key, value));
    if (text != NULL)
        Py_SETREF(text, PyUnicode_FromFormat("%U)", text));
    Py_XDECREF(kwargs);
    return text;
}

/* copyreg.__newobj_ex__(Problem, (status,), kwargs): Problem(...) again,
 * in every pickle protocol. */
static PyObject *hs_py_problem_reduce(PyObject *self, PyObject *unused)
{
    (void)unused;
    hs_py_problem_object *p = (hs_py_problem_object *)self;
    PyObject *tables = hs_py_problem_tables(self);
    PyObject *kwargs = tables == NULL ? NULL : hs_py_problem_kwargs(p, tables);
    PyObject *copyreg = kwargs == NULL ? NULL : PyImport_ImportModule("copyreg");
    PyObject *newobj = copyreg == NULL ? NULL : PyObject_GetAttrString(copyreg, "__newobj_ex__");
    PyObject *result = newobj == NULL ? NULL : Py_BuildValue("(O(O(i)O))", newobj, Py_TYPE(self), p->status, kwargs);
    Py_XDECREF(kwargs);
    Py_XDECREF(copyreg);
    Py_XDECREF(newobj);
    return result;
}

/* Equal to a Problem of the same body, and to a dict of the same members,
 * as a Mapping is. */
static PyObject *hs_py_problem_richcompare(PyObject *self, PyObject *other, int op)
{
    if (op != Py_EQ && op != Py_NE)
        Py_RETURN_NOTIMPLEMENTED;
    if (Py_TYPE(other) == Py_TYPE(self))
        return PyObject_RichCompare(((hs_py_problem_object *)self)->body, ((hs_py_problem_object *)other)->body, op);
    if (PyDict_Check(other))
        return PyObject_RichCompare(((hs_py_problem_object *)self)->members, other, op);
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject *hs_py_problem_content_type(PyObject *self, void *closure)
{
    (void)closure;
    PyObject *tables = hs_py_problem_tables(self);
    return tables == NULL ? NULL : Py_NewRef(PyTuple_GET_ITEM(tables, HS_P_MEDIA_TYPE));
}

static PyObject *hs_py_problem_headers(PyObject *self, void *closure)
{
    (void)closure;
    PyObject *tables = hs_py_problem_tables(self);
    return tables == NULL ? NULL
                          : Py_BuildValue("[(OO)]", PyTuple_GET_ITEM(tables, HS_P_CONTENT_TYPE),
                                          PyTuple_GET_ITEM(tables, HS_P_MEDIA_TYPE));
}

static PyObject *hs_py_problem_status(PyObject *self, void *closure)
{
    (void)closure;
    return PyLong_FromLong(((hs_py_problem_object *)self)->status);
}

static PyMethodDef hs_py_problem_methods[] = {
    {"json", hs_py_problem_json_method, METH_NOARGS,
     "json($self, /)\n--\n\nThe body: the problem as application/problem+json bytes (the same every call)."},
    {"get", (PyCFunction)(void (*)(void))hs_py_problem_get, METH_FASTCALL,
     "get($self, key, default=None, /)\n--\n\nThe member key, or default when there is none."},
    {"keys", hs_py_problem_keys, METH_NOARGS, "keys($self, /)\n--\n\nThe member names, in the order of the body."},
    {"items", hs_py_problem_items, METH_NOARGS, "items($self, /)\n--\n\nThe (name, value) members, in order."},
    {"values", hs_py_problem_values, METH_NOARGS, "values($self, /)\n--\n\nThe member values, in order."},
    {"__reduce__", hs_py_problem_reduce, METH_NOARGS, "For pickle and copy: Problem(...) again."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef hs_py_problem_getset[] = {
    {"status", hs_py_problem_status, NULL, "The status code (int), as the status member says.", NULL},
    {"content_type", hs_py_problem_content_type, NULL, "\"application/problem+json\"", NULL},
    {"headers", hs_py_problem_headers, NULL,
     "A new list [(\"Content-Type\", \"application/problem+json\")], for a framework's response.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

#define HS_PY_PROBLEM_DOC(name)                                                                                       \
    name "(code, /, detail=None, *, type=None, title=None, instance=None, **extensions)\n--\n\n"                   \
    "A problem details object (RFC 9457) for a response with this status code:\n"                                    \
    "a read-only mapping of its members in the order of its body (type, title,\n"                                    \
    "status, detail, instance, then the extensions by name), with .status, .json()\n"                                \
    "(the body as bytes), .content_type (\"application/problem+json\") and .headers.\n\n"                           \
    "title is the status's phrase unless given; detail, type and instance are\n"                                     \
    "there when given (str). Extension values are str, int (|n| < 2**53), bool,\n"                                   \
    "None, and lists, tuples and dicts (str keys) of these. Everything is checked\n"                                 \
    "here: a code that is no int is a TypeError, one outside 100..599 or not in\n"                                   \
    "the table without a title a ValueError; a member or value of another type a\n"                                  \
    "TypeError, and an extension name the core refuses (a letter, then letters,\n"                                   \
    "digits or _, three or more; not a standard member's) or a value it cannot\n"                                    \
    "write a ValueError, each naming the member."



/* A function as a type slot's void *: ISO C has no cast between the two,
 * and a union says the same as POSIX's dlsym does. */
static void *hs_py_slot(void (*f)(void))
{
    union {
        void (*f)(void);
        void *p;
    } u;
    u.f = f;
    return u.p;
}

#define HS_PY_SLOT(f) hs_py_slot((void (*)(void))(f))

/* The Problem type, whose module is module. */
static PyObject *hs_py_problem_type(PyObject *module)
{
    PyType_Slot slots[] = {
        {Py_tp_doc, (void *)(HS_PY_PROBLEM_DOC("Problem") "\n\nProblem(...) is problem(...).")},
        {Py_tp_new, HS_PY_SLOT(hs_py_problem_new)},
        {Py_tp_dealloc, HS_PY_SLOT(hs_py_problem_dealloc)},
        {Py_tp_repr, HS_PY_SLOT(hs_py_problem_repr)},
        {Py_tp_richcompare, HS_PY_SLOT(hs_py_problem_richcompare)},
        {Py_tp_hash, HS_PY_SLOT(PyObject_HashNotImplemented)},
        {Py_tp_iter, HS_PY_SLOT(hs_py_problem_iter)},
        {Py_tp_methods, hs_py_problem_methods},
        {Py_tp_getset, hs_py_problem_getset},
        {Py_mp_length, HS_PY_SLOT(hs_py_problem_len)},
        {Py_mp_subscript, HS_PY_SLOT(hs_py_problem_getitem)},
        {Py_sq_length, HS_PY_SLOT(hs_py_problem_len)},
        {Py_sq_contains, HS_PY_SLOT(hs_py_problem_contains)},
        {0, NULL},
    };
    PyType_Spec spec = {"httpstatus.Problem", (int)sizeof(hs_py_problem_object), 0,
                        Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_MAPPING, slots};
    return PyType_FromModuleAndSpec(module, &spec, NULL);
}

static PyMethodDef hs_py_problem_def = {"problem", (PyCFunction)(void (*)(void))hs_py_problem,
                                        METH_FASTCALL | METH_KEYWORDS, HS_PY_PROBLEM_DOC("problem")};

static PyMethodDef hs_py_problem_json_def = {
    "problem_json", (PyCFunction)(void (*)(void))hs_py_problem_json, METH_FASTCALL | METH_KEYWORDS,
    "problem_json(code, /, detail=None, *, type=None, title=None, instance=None, **extensions)\n--\n\n"
    "The body of problem(...) itself: application/problem+json bytes, checked as\n"
    "problem() checks its arguments."};

/* make_problem(): (Problem, problem, problem_json). The builtins and the
 * type read one tables tuple; the type's module is problem's state module. */
static PyObject *hs_py_make_problem(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    PyObject *tables = PyTuple_New(HS_P_COUNT), *phrases = PyTuple_New(500), *problem = NULL, *type = NULL;
    PyObject *json = NULL, *result = NULL;
    const char *strings[] = {"type", "title", "status", "detail", "instance", "application/problem+json",
                             "Content-Type"};
    if (tables == NULL || phrases == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < HS_P_COUNT; i++)
        PyTuple_SET_ITEM(tables, i, Py_NewRef(Py_None));
    for (int code = 100; code < 600; code++) {
        const char *phrase = hs_phrase(code);
        PyObject *s = phrase == NULL ? Py_NewRef(Py_None) : PyUnicode_FromString(phrase);
        if (s == NULL)
            goto done;
        PyTuple_SET_ITEM(phrases, code - 100, s);
    }
    Py_SETREF(PyTuple_GET_ITEM(tables, HS_P_PHRASES), Py_NewRef(phrases));
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
        PyObject *s = PyUnicode_InternFromString(strings[i]);
        if (s == NULL)
            goto done;
        Py_SETREF(PyTuple_GET_ITEM(tables, HS_P_TYPE + (Py_ssize_t)i), s);
    }
    /* The tuple is nobody's but this function's until the type is in it. */
    if ((problem = hs_py_builtin(&hs_py_problem_def, tables)) == NULL ||
        (type = hs_py_problem_type(PyCFunction_GET_SELF(problem))) == NULL)
        goto done;
    Py_SETREF(PyTuple_GET_ITEM(tables, HS_P_PROBLEM), Py_NewRef(type));
    if ((json = hs_py_builtin(&hs_py_problem_json_def, tables)) == NULL)
        goto done;
    result = PyTuple_Pack(3, type, problem, json);
done:
    Py_XDECREF(tables);
    Py_XDECREF(phrases);
    Py_XDECREF(problem);
    Py_XDECREF(type);
    Py_XDECREF(json);
    return result;
}

PyMethodDef hs_py_problem_functions[] = {
    {"make_problem", hs_py_make_problem, METH_NOARGS,
     "make_problem()\n--\n\n(Problem, problem, problem_json): the problem-details type and builtins."},
    {NULL, NULL, 0, NULL},
};
