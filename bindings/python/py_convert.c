/*
 * Arguments as the core takes them: a status code, a string as bytes, a
 * language. Every function of the package converts its arguments here, so
 * they all refuse the same things with the same words.
 */
#include "py_module.h" /* Python.h first, as Python asks */

#include <limits.h>
#include <string.h>

int hs_py_code(PyObject *x, const char *fname, int *code)
{
    PyObject *number;
    if (PyLong_Check(x) && !PyBool_Check(x)) {
        number = x;
        Py_INCREF(number);
    } else if (!PyBool_Check(x) && PyIndex_Check(x)) {
        if ((number = PyNumber_Index(x)) == NULL)
            return -1;
    } else {
        PyErr_Format(PyExc_TypeError, "%s() argument must be int, not '%.200s'", fname, Py_TYPE(x)->tp_name);
        return -1;
    }
    int overflow;
    long value = PyLong_AsLongAndOverflow(number, &overflow);
    Py_DECREF(number);
    if (value == -1 && PyErr_Occurred())
        return -1;
    *code = overflow < 0 || value < INT_MIN ? INT_MIN : overflow > 0 || value > INT_MAX ? INT_MAX : (int)value;
    return 0;
}

int hs_py_bytes_of(PyObject *x, const char **s, size_t *len, PyObject **keep)
{
    Py_ssize_t size;
    *keep = NULL;
    if (PyUnicode_Check(x)) {
        *s = PyUnicode_AsUTF8AndSize(x, &size);
        if (*s == NULL) {
            if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
                return -1;
            PyErr_Clear();
            if ((*keep = PyUnicode_AsEncodedString(x, "utf-8", "surrogatepass")) == NULL)
                return -1;
            *s = PyBytes_AS_STRING(*keep);
            size = PyBytes_GET_SIZE(*keep);
        }
    } else if (PyBytes_Check(x)) {
        *s = PyBytes_AS_STRING(x);
        size = PyBytes_GET_SIZE(x);
    } else {
        return 0;
    }
    *len = (size_t)size;
    return 1;
}

const char *hs_py_lang(PyObject *lang, const char *fname)
{
    Py_ssize_t size;
    const char *s;
    if (lang == Py_None)
        return "en";
    if (!PyUnicode_Check(lang)) {
        PyErr_Format(PyExc_TypeError, "%s() lang must be str, not '%.200s'", fname, Py_TYPE(lang)->tp_name);
        return NULL;
    }
    if ((s = PyUnicode_AsUTF8AndSize(lang, &size)) == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
            return NULL;
        PyErr_Clear();
    }
    if (s == NULL || strlen(s) != (size_t)size || !hs_is_language(s)) {
        PyErr_Format(PyExc_ValueError, "%s() lang must be 'en' or 'ko', not %R", fname, lang);
        return NULL;
    }
    return s;
}
