/*
 * httpstatus.check and httpstatus.rules, in C.
 *
 * check is a builtin taking its arguments the fast way (METH_FASTCALL |
 * METH_KEYWORDS), which converts them and feeds the core's hs_checker field
 * by field. Every rule is the core's: this code only walks the caller's
 * headers (a dict with PyDict_Next, another mapping through multi_items() or
 * items(), anything else as an iterable of pairs) and turns the core's
 * findings into new Finding objects. A response object in place of the
 * status is read by httpstatus._responses first.
 *
 * What check carries (hs_py_tables, out of Python's reach) is a tuple of
 * immutable things: the Finding class, each rule's strings, and the names it
 * looks up. Nothing is cached: the same call always gives the same answer.
 */
#include "py_module.h" /* Python.h first, as Python asks */

#include <string.h>

/* The items of check's tables; rule i of HS_T_RULES is a tuple of HS_R_*. */
enum { HS_T_FINDING, HS_T_RULES, HS_T_MULTI_ITEMS, HS_T_ITEMS, HS_T_READER_MODULE, HS_T_READ, HS_T_COUNT };
enum { HS_R_ID, HS_R_LEVEL, HS_R_FIELD, HS_R_REFERENCE, HS_R_EN, HS_R_KO, HS_R_COUNT };

typedef void (*hs_py_feed)(hs_checker *c, const char *name, size_t name_len, const char *value,
                           size_t value_len);

static void hs_py_bad_field(const char *arg, PyObject *item)
{
    PyErr_Format(PyExc_TypeError, "check() %s must be (name, value) pairs of str or bytes, not %R", arg, item);
}

/* Feeds one field (name, value) to the checker: 0, or -1 with an error set
 * naming arg and the field (item, or the pair when item is NULL). */
static int hs_py_feed_field(hs_checker *c, hs_py_feed feed, const char *arg, PyObject *name, PyObject *value,
                            PyObject *item)
{
    const char *n = NULL, *v = NULL;
    size_t n_len = 0, v_len = 0;
    PyObject *n_keep = NULL, *v_keep = NULL;
    int ok = hs_py_bytes_of(name, &n, &n_len, &n_keep);
    if (ok > 0)
        ok = hs_py_bytes_of(value, &v, &v_len, &v_keep);
    if (ok > 0)
        feed(c, n, n_len, v, v_len);
    Py_XDECREF(n_keep);
    Py_XDECREF(v_keep);
    if (ok == 0) {
        if (item != NULL) {
            hs_py_bad_field(arg, item);
        } else if ((item = PyTuple_Pack(2, name, value)) != NULL) {
            hs_py_bad_field(arg, item);
            Py_DECREF(item);
        }
    }
    return ok > 0 ? 0 : -1;
}

/* One item of an iterable of fields: a tuple or list of two. */
static int hs_py_feed_pair(hs_checker *c, hs_py_feed feed, const char *arg, PyObject *item)
{
    if ((PyTuple_Check(item) || PyList_Check(item)) && PySequence_Fast_GET_SIZE(item) == 2)
        return hs_py_feed_field(c, feed, arg, PySequence_Fast_GET_ITEM(item, 0),
                                PySequence_Fast_GET_ITEM(item, 1), item);
    hs_py_bad_field(arg, item);
    return -1;
}

/* The result of headers.name(), or NULL: with no error set when headers
 * has no such attribute. name is an interned str of check's tables (a
 * fresh one per call would also fill the interpreter's attribute cache). */
static PyObject *hs_py_call_if_any(PyObject *headers, PyObject *name)
{
    PyObject *method = PyObject_GetAttr(headers, name);
    if (method == NULL) {
        if (PyErr_ExceptionMatches(PyExc_AttributeError))
            PyErr_Clear();
        return NULL;
    }
    PyObject *result = PyObject_CallObject(method, NULL);
    Py_DECREF(method);
    return result;
}

/* Feeds every field of headers (see above for the shapes taken). */
static int hs_py_feed_fields(PyObject *tables, hs_checker *c, hs_py_feed feed, const char *arg, PyObject *headers)
{
    if (PyDict_CheckExact(headers)) {
        Py_ssize_t pos = 0;
        PyObject *name, *value;
        while (PyDict_Next(headers, &pos, &name, &value))
            if (hs_py_feed_field(c, feed, arg, name, value, NULL) < 0)
                return -1;
        return 0;
    }
    if (PyList_CheckExact(headers) || PyTuple_CheckExact(headers)) {
        /* Only the repr of an error message runs Python code, which could
         * change the list: the item is held while it is read. */
        for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(headers); i++) {
            PyObject *item = PySequence_Fast_GET_ITEM(headers, i);
            Py_INCREF(item);
            int failed = hs_py_feed_pair(c, feed, arg, item) < 0;
            Py_DECREF(item);
            if (failed)
                return -1;
        }
        return 0;
    }
    if (PyUnicode_Check(headers) || PyBytes_Check(headers) || PyByteArray_Check(headers) || headers == Py_None) {
        PyErr_Format(PyExc_TypeError, "check() %s must be a mapping or an iterable of (name, value) pairs, not '%.200s'",
                     arg, Py_TYPE(headers)->tp_name);
        return -1;
    }
    /* httpx's Headers joins repeated fields in items() and keeps them apart
     * in multi_items(); other mappings (email.message.Message too) give
     * every field in items(). */
    PyObject *fields = hs_py_call_if_any(headers, PyTuple_GET_ITEM(tables, HS_T_MULTI_ITEMS));
    if (fields == NULL && !PyErr_Occurred())
        fields = hs_py_call_if_any(headers, PyTuple_GET_ITEM(tables, HS_T_ITEMS));
    if (fields == NULL && !PyErr_Occurred()) {
        fields = headers;
        Py_INCREF(fields);
    }
    if (fields == NULL)
        return -1;
    PyObject *iterator = PyObject_GetIter(fields), *item;
    Py_DECREF(fields);
    if (iterator == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError,
                         "check() %s must be a mapping or an iterable of (name, value) pairs, not '%.200s'", arg,
                         Py_TYPE(headers)->tp_name);
        }
        return -1;
    }
    int failed = 0;
    while (!failed && (item = PyIter_Next(iterator)) != NULL) {
        failed = hs_py_feed_pair(c, feed, arg, item) < 0;
        Py_DECREF(item);
    }
    Py_DECREF(iterator);
    return failed || PyErr_Occurred() ? -1 : 0;
}

/* The rule ids of ignore as the core's bit mask: 0, or -1 with an error. */
static int hs_py_ignore(PyObject *ignore, unsigned long long *mask)
{
    *mask = 0;
    if (ignore == Py_None || (PyTuple_Check(ignore) && PyTuple_GET_SIZE(ignore) == 0))
        return 0;
    if (PyUnicode_Check(ignore) || PyBytes_Check(ignore)) {
        PyErr_Format(PyExc_TypeError,
                     "check() ignore must be an iterable of rule ids, not one '%.200s': write ignore=[%R]",
                     Py_TYPE(ignore)->tp_name, ignore);
        return -1;
    }
    PyObject *iterator = PyObject_GetIter(ignore), *id;
    if (iterator == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "check() ignore must be an iterable of rule ids, not '%.200s'",
                         Py_TYPE(ignore)->tp_name);
        }
        return -1;
    }
    int failed = 0;
    while (!failed && (id = PyIter_Next(iterator)) != NULL) {
        Py_ssize_t size = 0;
        const char *s = PyUnicode_Check(id) ? PyUnicode_AsUTF8AndSize(id, &size) : NULL;
        size_t rule = s == NULL ? hs_rule_count() : hs_rule_find(s, (size_t)size);
        if (!PyUnicode_Check(id)) {
            PyErr_Format(PyExc_TypeError, "check() ignore must hold rule ids (str), not %R", id);
            failed = 1;
        } else if (s == NULL && !PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
            failed = 1;
        } else if (rule >= hs_rule_count() || rule >= 64) {
            PyErr_Clear();
            PyErr_Format(PyExc_ValueError, "check() ignore: no rule has the id %R (httpstatus.rules() lists them)",
                         id);
            failed = 1;
        } else {
            *mask |= 1ULL << rule;
        }
        Py_DECREF(id);
    }
    Py_DECREF(iterator);
    return failed || PyErr_Occurred() ? -1 : 0;
}

/* A new Finding (the class in tables, a subclass of tuple) for what the
 * core found, with the message in lang. Made as tuple's own __new__ makes
 * an instance of a subclass, without calling Python. NULL with an error. */
static PyObject *hs_py_finding(PyObject *tables, const hs_finding *found, const char *lang)
{
    PyTypeObject *type = (PyTypeObject *)PyTuple_GET_ITEM(tables, HS_T_FINDING);
    PyObject *rule = PyTuple_GET_ITEM(PyTuple_GET_ITEM(tables, HS_T_RULES), (Py_ssize_t)found->rule);
    const char *own = hs_rule_at(found->rule)->field;
    PyObject *field, *message;
    /* The rule's own field, or the one present (metadata-in-304). */
    if (found->field == own || (found->field != NULL && own != NULL && strcmp(found->field, own) == 0)) {
        field = PyTuple_GET_ITEM(rule, HS_R_FIELD);
        Py_INCREF(field);
    } else if ((field = found->field == NULL ? Py_None : PyUnicode_FromString(found->field)) == Py_None) {
        Py_INCREF(field);
    } else if (field == NULL) {
        return NULL;
    }
    if (strcmp(lang, "en") == 0 || strcmp(lang, "ko") == 0) {
        message = PyTuple_GET_ITEM(rule, lang[0] == 'e' ? HS_R_EN : HS_R_KO);
        Py_INCREF(message);
    } else if ((message = PyUnicode_FromString(hs_rule_message(found->rule, lang))) == NULL) {
        Py_DECREF(field);
        return NULL;
    }
    PyObject *finding = type->tp_alloc(type, 5);
    if (finding == NULL) {
        Py_DECREF(field);
        Py_DECREF(message);
        return NULL;
    }
    PyObject *items[5] = {PyTuple_GET_ITEM(rule, HS_R_ID), PyTuple_GET_ITEM(rule, HS_R_LEVEL), field, message,
                          PyTuple_GET_ITEM(rule, HS_R_REFERENCE)};
    for (Py_ssize_t i = 0; i < 5; i++) {
        if (i != 2 && i != 3)
            Py_INCREF(items[i]); /* field and message are new references already */
        PyTuple_SET_ITEM(finding, i, items[i]);
    }
    return finding;
}

enum { HS_ARG_STATUS, HS_ARG_HEADERS, HS_ARG_METHOD, HS_ARG_REQUEST_HEADERS, HS_ARG_CONTENT, HS_ARG_VERSION,
       HS_ARG_IGNORE, HS_ARG_LEVEL, HS_ARG_LANG, HS_ARG_COUNT };
static const char *const hs_py_check_args[HS_ARG_COUNT] = {
    "status", "headers", "method", "request_headers", "content", "version", "ignore", "level", "lang"};

/* The arguments of check() into arg[] (borrowed; NULL when not given). */
static int hs_py_check_parse(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames, PyObject **arg)
{
    for (size_t i = 0; i < HS_ARG_COUNT; i++)
        arg[i] = NULL;
    if (nargs > 2) {
        PyErr_Format(PyExc_TypeError, "check() takes from 1 to 2 positional arguments but %zd were given", nargs);
        return -1;
    }
    for (Py_ssize_t i = 0; i < nargs; i++)
        arg[i] = args[i];
    Py_ssize_t nkw = kwnames == NULL ? 0 : PyTuple_GET_SIZE(kwnames);
    for (Py_ssize_t k = 0; k < nkw; k++) {
        PyObject *name = PyTuple_GET_ITEM(kwnames, k);
        size_t i = 0;
        while (i < HS_ARG_COUNT && PyUnicode_CompareWithASCIIString(name, hs_py_check_args[i]) != 0)
            i++;
        if (i == HS_ARG_COUNT) {
            PyErr_Format(PyExc_TypeError, "check() got an unexpected keyword argument %R", name);
            return -1;
        }
        if (arg[i] != NULL) {
            PyErr_Format(PyExc_TypeError, "check() got multiple values for argument '%s'", hs_py_check_args[i]);
            return -1;
        }
        arg[i] = args[nargs + k];
    }
    if (arg[HS_ARG_STATUS] == NULL) {
        PyErr_SetString(PyExc_TypeError, "check() missing required argument 'status'");
        return -1;
    }
    return 0;
}

/* What the options of a check hold on to until hs_checker_end: the
 * method's bytes when they had to be made, and the content's buffer when it
 * was given as a bytearray or memoryview (exported, so it cannot be resized
 * or released meanwhile). hs_py_held_release frees both. */
typedef struct hs_py_held {
    PyObject *method;
    Py_buffer content;
    bool has_content;
} hs_py_held;

static void hs_py_held_release(hs_py_held *held)
{
    Py_CLEAR(held->method);
    if (held->has_content)
        PyBuffer_Release(&held->content);
    held->has_content = false;
}

/* The content option into *opt: None (not known), True or False, or the
 * content itself: bytes, a bytearray or a contiguous memoryview (read in
 * place), or a str (its UTF-8). Empty content is no content. */
static int hs_py_content(PyObject *content, hs_check_options *opt, hs_py_held *held)
{
    if (content == NULL || content == Py_None) {
        opt->content = HS_CONTENT_UNKNOWN;
    } else if (PyBool_Check(content)) {
        opt->content = content == Py_True ? HS_CONTENT_PRESENT : HS_CONTENT_NONE;
    } else if (PyBytes_Check(content)) {
        opt->content_data = PyBytes_AS_STRING(content);
        opt->content_size = (size_t)PyBytes_GET_SIZE(content);
    } else if (PyUnicode_Check(content)) {
        Py_ssize_t size;
        if ((opt->content_data = PyUnicode_AsUTF8AndSize(content, &size)) == NULL) {
            if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
                PyErr_Clear();
                PyErr_SetString(PyExc_ValueError,
                                "check() content is a str with no UTF-8 form (a lone surrogate): pass the bytes sent");
            }
            return -1;
        }
        opt->content_size = (size_t)size;
    } else if (PyByteArray_Check(content) || PyMemoryView_Check(content)) {
        if (PyObject_GetBuffer(content, &held->content, PyBUF_SIMPLE) < 0) {
            if (PyErr_ExceptionMatches(PyExc_BufferError) || PyErr_ExceptionMatches(PyExc_ValueError)) {
                PyErr_Clear();
                PyErr_SetString(PyExc_ValueError,
                                "check() content: a memoryview that is not contiguous or was released");
            }
            return -1;
        }
        held->has_content = true;
        opt->content_data = held->content.buf != NULL ? held->content.buf : "";
        opt->content_size = (size_t)held->content.len;
    } else {
        PyErr_Format(PyExc_TypeError,
                     "check() content must be True, False, None, bytes, bytearray, memoryview or str, not '%.200s'",
                     Py_TYPE(content)->tp_name);
        return -1;
    }
    return 0;
}

/* The level option (None is "info") into *level: 0, or -1 with an error. */
static int hs_py_level(PyObject *level, hs_level *out)
{
    Py_ssize_t size;
    const char *s;
    *out = HS_INFO;
    if (level == NULL || level == Py_None)
        return 0;
    if (!PyUnicode_Check(level)) {
        PyErr_Format(PyExc_TypeError, "check() level must be str, not '%.200s'", Py_TYPE(level)->tp_name);
        return -1;
    }
    if ((s = PyUnicode_AsUTF8AndSize(level, &size)) == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
            return -1;
        PyErr_Clear();
    }
    if (s == NULL || !hs_level_of(s, (size_t)size, out)) {
        PyErr_Format(PyExc_ValueError, "check() level must be 'info', 'should' or 'must', not %R", level);
        return -1;
    }
    return 0;
}

/* The options of check() in arg[] into *opt and *lang: 0, or -1 with an
 * error set. What opt points into is held in *held, which the caller
 * releases once the check is over (also on failure). */
static int hs_py_check_options(PyObject **arg, hs_check_options *opt, const char **lang, hs_py_held *held)
{
    PyObject *method = arg[HS_ARG_METHOD], *version = arg[HS_ARG_VERSION];
    if (method != NULL && method != Py_None) {
        int ok = hs_py_bytes_of(method, &opt->method, &opt->method_len, &held->method);
        if (ok == 0)
            PyErr_Format(PyExc_TypeError, "check() method must be str, bytes or None, not '%.200s'",
                         Py_TYPE(method)->tp_name);
        if (ok <= 0)
            return -1;
        if (!hs_is_method(opt->method, opt->method_len)) {
            PyErr_Format(PyExc_ValueError,
                         "check() method must be a token (RFC 9110, Section 9.1, such as 'GET'), not %R", method);
            return -1;
        }
    }
    if (hs_py_content(arg[HS_ARG_CONTENT], opt, held) < 0)
        return -1;
    if (version != NULL && version != Py_None) {
        Py_ssize_t size = 0;
        const char *s;
        if (!PyUnicode_Check(version)) {
            PyErr_Format(PyExc_TypeError, "check() version must be str or None, not '%.200s'",
                         Py_TYPE(version)->tp_name);
            return -1;
        }
        if ((s = PyUnicode_AsUTF8AndSize(version, &size)) == NULL && !PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
            return -1;
        if (s == NULL || (opt->version = hs_http_version_of(s, (size_t)size)) == HS_VERSION_UNSET) {
            PyErr_Clear();
            PyErr_Format(PyExc_ValueError, "check() version must be '1.0', '1.1', '2' or '3', not %R", version);
            return -1;
        }
    }
    if (arg[HS_ARG_IGNORE] != NULL && hs_py_ignore(arg[HS_ARG_IGNORE], &opt->ignore) < 0)
        return -1;
    if (hs_py_level(arg[HS_ARG_LEVEL], &opt->level) < 0)
        return -1;
    *lang = "en";
    if (arg[HS_ARG_LANG] != NULL && (*lang = hs_py_lang(arg[HS_ARG_LANG], "check")) == NULL)
        return -1;
    opt->request_fields_given = arg[HS_ARG_REQUEST_HEADERS] != NULL && arg[HS_ARG_REQUEST_HEADERS] != Py_None;
    return 0;
}

/* The count findings of found[] as a new list of Finding objects, with
 * messages in lang. */
static PyObject *hs_py_findings(PyObject *tables, const hs_finding *found, size_t count, const char *lang)
{
    PyObject *result = PyList_New((Py_ssize_t)count);
    for (size_t i = 0; result != NULL && i < count; i++) {
        PyObject *finding = hs_py_finding(tables, &found[i], lang);
        if (finding == NULL)
            Py_CLEAR(result);
        else
            PyList_SET_ITEM(result, (Py_ssize_t)i, finding);
    }
    return result;
}

/* Whether x, where check() takes the status, is a response object to read:
 * anything but an int, an object with __index__, and the built-in types
 * that cannot be one (those are a TypeError). */
static bool hs_py_is_response(PyObject *x)
{
    return !PyLong_Check(x) && !PyIndex_Check(x) && x != Py_None && !PyFloat_Check(x) && !PyComplex_Check(x) &&
           !PyUnicode_Check(x) && !PyBytes_Check(x) && !PyByteArray_Check(x) && !PyMemoryView_Check(x) &&
           !PyList_Check(x) && !PyTuple_Check(x) && !PyDict_Check(x) && !PyAnySet_Check(x);
}

/* The rule ids a caller gave in ignore, with those the reader adds (a test
 * client's date-missing) after them: a new tuple. What check() would
 * refuse (a str, no iterable) is returned as it is, for hs_py_ignore to
 * refuse in its own words; None is no ids. NULL with an error set. */
static PyObject *hs_py_merge_ignore(PyObject *given, PyObject *read)
{
    if (given == Py_None)
        return PySequence_Tuple(read);
    if (PyUnicode_Check(given) || PyBytes_Check(given))
        return Py_NewRef(given);
    PyObject *iterator = PyObject_GetIter(given);
    if (iterator == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_TypeError))
            return NULL;
        PyErr_Clear();
        return Py_NewRef(given);
    }
    PyObject *first = PySequence_Tuple(iterator);
    Py_DECREF(iterator);
    PyObject *second = first == NULL ? NULL : PySequence_Tuple(read);
    PyObject *merged = second == NULL ? NULL : PySequence_Concat(first, second);
    Py_XDECREF(first);
    Py_XDECREF(second);
    return merged;
}

/* Reads the response object in arg[HS_ARG_STATUS] with
 * httpstatus._responses.read(obj), imported on first use (so that
 * `import httpstatus` does not pay for it), which returns (status, headers,
 * options). The status, the headers and each option go into arg[], except
 * where a keyword was given: keywords override what was read, but for
 * ignore, where the caller's ids are added to the reader's. owned[]
 * receives the references that arg[] borrows from, for the caller to
 * release. 0, or -1 with an error set. */
static int hs_py_read(PyObject *tables, PyObject **arg, Py_ssize_t nargs, PyObject **owned)
{
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError,
                     "check() takes a response object alone: its headers are read from it "
                     "(headers=... as a keyword replaces them), not with headers after it");
        return -1;
    }
    PyObject *name = PyTuple_GET_ITEM(tables, HS_T_READER_MODULE);
    PyObject *module = PyImport_GetModule(name);
    if (module == NULL && (PyErr_Occurred() || (module = PyImport_Import(name)) == NULL))
        return -1;
    PyObject *read = PyObject_GetAttr(module, PyTuple_GET_ITEM(tables, HS_T_READ));
    Py_DECREF(module);
    PyObject *result = read == NULL ? NULL : PyObject_CallOneArg(read, arg[HS_ARG_STATUS]);
    Py_XDECREF(read);
    if (result == NULL)
        return -1;
    owned[HS_ARG_STATUS] = result;
    if (!PyTuple_CheckExact(result) || PyTuple_GET_SIZE(result) != 3 || !PyDict_Check(PyTuple_GET_ITEM(result, 2))) {
        PyErr_Format(PyExc_TypeError, "httpstatus._responses.read() must return (status, headers, options), not %R",
                     result);
        return -1;
    }
    arg[HS_ARG_STATUS] = PyTuple_GET_ITEM(result, 0);
    if (arg[HS_ARG_HEADERS] == NULL)
        arg[HS_ARG_HEADERS] = PyTuple_GET_ITEM(result, 1);
    PyObject *options = PyTuple_GET_ITEM(result, 2), *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(options, &pos, &key, &value)) {
        size_t i = HS_ARG_METHOD;
        while (i < HS_ARG_COUNT &&
               !(PyUnicode_Check(key) && PyUnicode_CompareWithASCIIString(key, hs_py_check_args[i]) == 0))
            i++;
        if (i == HS_ARG_COUNT) {
            PyErr_Format(PyExc_TypeError, "httpstatus._responses.read() gave an option check() does not take: %R", key);
            return -1;
        }
        if (i == HS_ARG_IGNORE && arg[i] != NULL) {
            if ((owned[i] = hs_py_merge_ignore(arg[i], value)) == NULL)
                return -1;
            arg[i] = owned[i];
        } else if (arg[i] == NULL) {
            Py_INCREF(value);
            owned[i] = value;
            arg[i] = value;
        }
    }
    return 0;
}

static PyObject *hs_py_check(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *tables = hs_py_tables(self), *arg[HS_ARG_COUNT], *owned[HS_ARG_COUNT] = {NULL}, *result = NULL;
    hs_py_held held = {NULL, {0}, false};
    hs_check_options opt = HS_CHECK_OPTIONS_INIT;
    hs_checker checker;
    hs_finding found[64];
    const char *lang = "en";
    int code;

    if (hs_py_check_parse(args, nargs, kwnames, arg) < 0)
        return NULL;
    PyObject *status = arg[HS_ARG_STATUS];
    if (PyBool_Check(status) || (!PyLong_Check(status) && !PyIndex_Check(status))) {
        if (PyBool_Check(status) || !hs_py_is_response(status)) {
            PyErr_Format(PyExc_TypeError, "check() argument must be int or a response object, not '%.200s'",
                         Py_TYPE(status)->tp_name);
            return NULL;
        }
        if (hs_py_read(tables, arg, nargs, owned) < 0)
            goto done;
    }
    if (hs_py_code(arg[HS_ARG_STATUS], "check", &code) < 0 || hs_py_check_options(arg, &opt, &lang, &held) < 0)
        goto done;
    hs_checker_begin(&checker, code, &opt);
    int failed = arg[HS_ARG_HEADERS] != NULL &&
                 hs_py_feed_fields(tables, &checker, hs_checker_response, "headers", arg[HS_ARG_HEADERS]) < 0;
    if (!failed && opt.request_fields_given)
        failed = hs_py_feed_fields(tables, &checker, hs_checker_request, "request_headers",
                                   arg[HS_ARG_REQUEST_HEADERS]) < 0;
    size_t count = failed ? 0 : hs_checker_end(&checker, found, sizeof found / sizeof found[0]);
    if (failed)
        goto done;
    if (count == HS_CHECK_INVALID)
        PyErr_Format(PyExc_SystemError, "check(): the core refused options that were checked");
    else if (count > sizeof found / sizeof found[0])
        PyErr_Format(PyExc_SystemError, "check(): the core found more than %zu findings",
                     sizeof found / sizeof found[0]);
    else
        result = hs_py_findings(tables, found, count, lang);
done:
    hs_py_held_release(&held); /* the method and the content are no longer read */
    for (size_t i = 0; i < HS_ARG_COUNT; i++)
        Py_XDECREF(owned[i]);
    return result;
}

static PyMethodDef hs_py_check_def = {
    "check", (PyCFunction)(void (*)(void))hs_py_check, METH_FASTCALL | METH_KEYWORDS,
    "check(status, headers=(), *, method=None, request_headers=None, content=None, version=None, ignore=(), "
    "level='info', lang='en')\n--\n\n"
    "The response rules a response with this status and these header fields\n"
    "breaks, as a new list of Finding, in the order of rules() (empty when it\n"
    "breaks none).\n\n"
    "check(response, **options) reads a response object instead (requests,\n"
    "httpx, urllib3, http.client, urllib, Flask/Werkzeug, Django, Starlette):\n"
    "its status and headers and, where it knows them, the request's method and\n"
    "headers, the version and the content; keyword arguments override what was\n"
    "read. An object it cannot read is a TypeError naming what it lacked.\n\n"
    "headers is a mapping (dict, http.client.HTTPMessage, requests' or httpx's\n"
    "headers) or an iterable of (name, value) pairs (WSGI, ASGI); names and\n"
    "values are str or bytes, names match in any case, and a field may appear\n"
    "more than once. What is known of the request makes the rules that need it\n"
    "fire: method (str, a case-sensitive token: \"GET\"), request_headers (the\n"
    "same shapes; None when not known) and version (\"1.0\", \"1.1\", \"2\" or \"3\").\n"
    "content is the response's content (bytes, bytearray, memoryview, or str as\n"
    "UTF-8; empty is none), or just True or False when it is not at hand; None\n"
    "when not known. ignore is an iterable of rule ids to skip; level \"should\"\n"
    "drops info findings and \"must\" keeps only must findings; lang is \"en\" or\n"
    "\"ko\" for the messages.\n\n"
    "An unknown rule id, version, level or lang, or a method that is no token,\n"
    "is a ValueError; a status that is no int, or a header that is no pair of\n"
    "str or bytes, a TypeError."};
/* The strings of every rule, made once: a tuple whose item i is rule i's
 * (id, level, field or None, reference, English message, Korean message). */
static PyObject *hs_py_rule_strings(void)
{
    PyObject *rules = PyTuple_New((Py_ssize_t)hs_rule_count());
    for (size_t i = 0; rules != NULL && i < hs_rule_count(); i++) {
        const hs_rule *r = hs_rule_at(i);
        PyObject *strings = Py_BuildValue("(ssssss)", r->id, r->level, r->field, r->reference,
                                          hs_rule_message(i, "en"), hs_rule_message(i, "ko"));
        if (strings == NULL) {
            Py_CLEAR(rules);
            break;
        }
        PyTuple_SET_ITEM(rules, (Py_ssize_t)i, strings);
    }
    return rules;
}

/* cls as the class of what a builtin hands out: a subclass of tuple, whose
 * instances are made as tuple.__new__ makes them. */
static int hs_py_tuple_class(PyObject *cls, const char *fname)
{
    if (PyType_Check(cls) && PyType_IsSubtype((PyTypeObject *)cls, &PyTuple_Type))
        return 0;
    PyErr_Format(PyExc_TypeError, "%s() needs a subclass of tuple, not %R", fname, cls);
    return -1;
}

/* make_check(Finding): the check builtin, making its findings as instances
 * of Finding (a subclass of tuple: id, level, field, message, reference). */
static PyObject *hs_py_make_check(PyObject *self, PyObject *finding)
{
    (void)self;
    if (hs_py_tuple_class(finding, "make_check") < 0)
        return NULL;
    PyObject *tables = PyTuple_New(HS_T_COUNT);
    PyObject *items[HS_T_COUNT] = {finding, hs_py_rule_strings(), PyUnicode_InternFromString("multi_items"),
                                   PyUnicode_InternFromString("items"),
                                   PyUnicode_InternFromString("httpstatus._responses"),
                                   PyUnicode_InternFromString("read")};
    Py_INCREF(finding);
    int failed = tables == NULL;
    for (Py_ssize_t i = 0; i < HS_T_COUNT; i++) {
        if (items[i] == NULL || failed)
            failed = 1, Py_XDECREF(items[i]);
        else
            PyTuple_SET_ITEM(tables, i, items[i]);
    }
    PyObject *check = failed ? NULL : hs_py_builtin(&hs_py_check_def, tables);
    Py_XDECREF(tables);
    return check;
}

/* The codes in 100..599 that each rule can apply to: a tuple whose item i is
 * rule i's, a tuple of ints ascending. hs_rule_applies for every rule and
 * code takes a while, so rules() makes this once (hs_py_memo). */
static PyObject *hs_py_rule_codes(PyObject *tables)
{
    (void)tables;
    PyObject *all = PyTuple_New((Py_ssize_t)hs_rule_count()), *numbers[500];
    for (int k = 0; k < 500; k++)
        numbers[k] = NULL;
    for (size_t i = 0; all != NULL && i < hs_rule_count(); i++) {
        Py_ssize_t count = 0;
        for (int code = 100; code <= 599; code++)
            count += hs_rule_applies(i, code);
        PyObject *codes = PyTuple_New(count);
        for (int code = 100, k = 0; codes != NULL && code <= 599; code++) {
            if (!hs_rule_applies(i, code))
                continue;
            PyObject **number = &numbers[code - 100];
            if (*number == NULL && (*number = PyLong_FromLong(code)) == NULL) {
                Py_CLEAR(codes);
                break;
            }
            Py_INCREF(*number);
            PyTuple_SET_ITEM(codes, k++, *number);
        }
        if (codes == NULL)
            Py_CLEAR(all);
        else
            PyTuple_SET_ITEM(all, (Py_ssize_t)i, codes);
    }
    for (int k = 0; k < 500; k++)
        Py_XDECREF(numbers[k]);
    return all;
}

/* rules(lang='en'): every rule in table order, each a new instance of the
 * Rule class in its tables (a subclass of tuple: id, level, field, message,
 * reference, codes), with the message in lang and the codes in 100..599 it
 * can apply to, as a tuple of ints. A new tuple every call. */
static PyObject *hs_py_rules(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {"lang", NULL};
    PyObject *lang = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|O:rules", keywords, &lang))
        return NULL;
    const char *language = hs_py_lang(lang, "rules");
    if (language == NULL)
        return NULL;
    PyObject *tables = hs_py_tables(self), *all_codes = hs_py_memo(self, hs_py_rule_codes);
    if (all_codes == NULL)
        return NULL;
    PyTypeObject *type = (PyTypeObject *)PyTuple_GET_ITEM(tables, 0);
    PyObject *strings = PyTuple_GET_ITEM(tables, 1);
    PyObject *table = PyTuple_New((Py_ssize_t)hs_rule_count());
    for (size_t i = 0; table != NULL && i < hs_rule_count(); i++) {
        PyObject *rule = PyTuple_GET_ITEM(strings, (Py_ssize_t)i), *message;
        if (strcmp(language, "en") == 0 || strcmp(language, "ko") == 0) {
            message = PyTuple_GET_ITEM(rule, language[0] == 'e' ? HS_R_EN : HS_R_KO);
            Py_INCREF(message);
        } else if ((message = PyUnicode_FromString(hs_rule_message(i, language))) == NULL) {
            Py_CLEAR(table);
            break;
        }
        PyObject *made = type->tp_alloc(type, 6);
        if (made == NULL) {
            Py_DECREF(message);
            Py_CLEAR(table);
            break;
        }
        PyObject *items[6] = {PyTuple_GET_ITEM(rule, HS_R_ID), PyTuple_GET_ITEM(rule, HS_R_LEVEL),
                              PyTuple_GET_ITEM(rule, HS_R_FIELD), message, PyTuple_GET_ITEM(rule, HS_R_REFERENCE),
                              PyTuple_GET_ITEM(all_codes, (Py_ssize_t)i)};
        for (Py_ssize_t k = 0; k < 6; k++) {
            if (k != 3)
                Py_INCREF(items[k]); /* message is a new reference already */
            PyTuple_SET_ITEM(made, k, items[k]);
        }
        PyTuple_SET_ITEM(table, (Py_ssize_t)i, made);
    }
    return table;
}

static PyMethodDef hs_py_rules_def = {
    "rules", (PyCFunction)(void (*)(void))hs_py_rules, METH_VARARGS | METH_KEYWORDS,
    "rules(lang='en')\n--\n\n"
    "Every response rule once, in table order (the order of check()'s\n"
    "findings), as a new tuple of Rule with messages in lang (\"en\", the\n"
    "default, or \"ko\"; None is \"en\")."};

/* make_rules(Rule): the rules builtin, making instances of Rule. */
static PyObject *hs_py_make_rules(PyObject *self, PyObject *rule)
{
    (void)self;
    if (hs_py_tuple_class(rule, "make_rules") < 0)
        return NULL;
    PyObject *strings = hs_py_rule_strings();
    PyObject *tables = strings == NULL ? NULL : PyTuple_Pack(2, rule, strings);
    PyObject *rules = tables == NULL ? NULL : hs_py_builtin(&hs_py_rules_def, tables);
    Py_XDECREF(strings);
    Py_XDECREF(tables);
    return rules;
}

PyMethodDef hs_py_check_functions[] = {
    {"make_check", hs_py_make_check, METH_O,
     "make_check(Finding, /)\n--\n\n"
     "The check builtin, making its findings as instances of Finding (a subclass of tuple)."},
    {"make_rules", hs_py_make_rules, METH_O,
     "make_rules(Rule, /)\n--\n\n"
     "The rules builtin, making its rules as instances of Rule (a subclass of tuple)."},
    {NULL, NULL, 0, NULL},
};
