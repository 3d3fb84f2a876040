/*
 * The Python side of bindings/httpstatus.i: the private module
 * httpstatus._core, which the package httpstatus reads at import.
 *
 * Functions lose their hs_ prefix (hs_is_success becomes is_success), so a
 * TypeError names the function a Python user called: the package exports the
 * predicates, phrase and category straight from here, with no Python layer.
 */
%module(package="httpstatus") _core

%feature("autodoc", "1");
%rename("%(strip:[hs_])s") "";

%{
#include <limits.h>

#include "httpstatus.h"
%}

/* A status code: any int answers, however large (2**100 is merely not a
 * code), so an int outside C int's range saturates to INT_MIN or INT_MAX,
 * which every function treats as out of 100..599. bool and float are refused
 * as Python's own int-taking functions refuse floats; an object with
 * __index__ (numpy.int64) is taken as int. */
%typemap(in) int code {
  PyObject *number = NULL;
  if (PyLong_Check($input) && !PyBool_Check($input)) {
    number = $input;
    Py_INCREF(number);
  } else if (!PyBool_Check($input) && PyIndex_Check($input)) {
    number = PyNumber_Index($input);
    if (number == NULL)
      SWIG_fail;
  } else {
    PyErr_Format(PyExc_TypeError, "$symname() argument must be int, not '%.200s'",
                 Py_TYPE($input)->tp_name);
    SWIG_fail;
  }
  int overflow;
  long value = PyLong_AsLongAndOverflow(number, &overflow);
  Py_DECREF(number);
  if (value == -1 && PyErr_Occurred())
    SWIG_fail;
  if (overflow < 0 || value < INT_MIN)
    $1 = INT_MIN;
  else if (overflow > 0 || value > INT_MAX)
    $1 = INT_MAX;
  else
    $1 = (int)value;
}

/* A name, alias, phrase or search word: str is matched by its UTF-8 bytes,
 * bytes as they are (the command line passes argv's bytes). A NUL stays in
 * and makes the match fail, as hs_find promises. A str with no UTF-8 form (a
 * lone surrogate) cannot name a status, so it is passed as no string. */
%typemap(in) (const char *s, size_t len), (const char *query, size_t len) {
  Py_ssize_t size = 0;
  if (PyUnicode_Check($input)) {
    $1 = (char *)PyUnicode_AsUTF8AndSize($input, &size);
    if ($1 == NULL) {
      if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
        SWIG_fail;
      PyErr_Clear();
      size = 0;
    }
  } else if (PyBytes_Check($input)) {
    $1 = PyBytes_AS_STRING($input);
    size = PyBytes_GET_SIZE($input);
  } else {
    PyErr_Format(PyExc_TypeError, "$symname() argument must be str or bytes, not '%.200s'",
                 Py_TYPE($input)->tp_name);
    SWIG_fail;
  }
  $2 = (size_t)size;
}

/* A language name. SWIG's own char * conversion would cut a string at its
 * first NUL and take "en\0x" for "en"; here that is the ValueError of any
 * unknown lang, as is a str with no UTF-8 form (a lone surrogate). */
%typemap(in) const char *lang {
  Py_ssize_t size;
  if (!PyUnicode_Check($input)) {
    PyErr_Format(PyExc_TypeError, "$symname() lang must be str, not '%.200s'",
                 Py_TYPE($input)->tp_name);
    SWIG_fail;
  }
  $1 = (char *)PyUnicode_AsUTF8AndSize($input, &size);
  if ($1 == NULL || strlen($1) != (size_t)size) {
    PyErr_Clear();
    PyErr_Format(PyExc_ValueError, "$symname() lang must be 'en' or 'ko', not %R", $input);
    SWIG_fail;
  }
}

/* Puts the attributes of code's Status member into its __dict__: the row's
 * fields, category, status_line and every predicate, each a plain instance
 * attribute. One call per member instead of some thirty through the
 * functions above keeps the package's import short. */
%inline %{
static PyObject *fill_member(PyObject *attributes, int code)
{
    const hs_status *s = hs_get(code);
    if (s == NULL || !PyDict_Check(attributes)) {
        PyErr_Format(PyExc_ValueError, "fill_member() needs a dict and a code in the table, not %d", code);
        return NULL;
    }
    struct {
        const char *name;
        PyObject *value;
    } items[] = {
        {"code", PyLong_FromLong(code)},
        {"phrase", PyUnicode_FromString(s->phrase)},
        {"description", PyUnicode_FromString(s->description)},
        {"category", PyUnicode_FromString(hs_category(code))},
        {"official", PyBool_FromLong(s->official)},
        {"origin", PyUnicode_FromString(s->origin)},
        {"reference", PyUnicode_FromString(s->reference)},
        {"status_line", PyUnicode_FromFormat("%d %s", code, s->phrase)},
        {"is_valid", PyBool_FromLong(hs_is_valid(code))},
        {"is_known", PyBool_FromLong(hs_is_known(code))},
        {"is_official", PyBool_FromLong(hs_is_official(code))},
        {"is_informational", PyBool_FromLong(hs_is_informational(code))},
        {"is_success", PyBool_FromLong(hs_is_success(code))},
        {"is_redirection", PyBool_FromLong(hs_is_redirection(code))},
        {"is_client_error", PyBool_FromLong(hs_is_client_error(code))},
        {"is_server_error", PyBool_FromLong(hs_is_server_error(code))},
        {"is_error", PyBool_FromLong(hs_is_error(code))},
        {"is_redirect", PyBool_FromLong(hs_is_redirect(code))},
        {"preserves_method", PyBool_FromLong(hs_preserves_method(code))},
        {"is_cacheable", PyBool_FromLong(hs_is_cacheable(code))},
        {"is_empty", PyBool_FromLong(hs_is_empty(code))},
        {"is_retryable", PyBool_FromLong(hs_is_retryable(code))},
    };
    int failed = 0;
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
        /* PyDict_SetItemString interns the key, as attribute names are. */
        if (!failed && (items[i].value == NULL || PyDict_SetItemString(attributes, items[i].name, items[i].value) < 0))
            failed = 1;
        Py_XDECREF(items[i].value);
    }
    if (failed)
        return NULL;
    Py_RETURN_NONE;
}
%}

/* Rows come only from the core: `type(row)()` or `type(row).__new__(...)`
 * would make an object with no row behind it, which SWIG's getters cannot
 * read. SWIG's init gives the row type PyType_GenericNew after any %init
 * code runs, so the package calls this once at import; the __new__ that
 * PyType_Ready put in the type's dict calls tp_new when used, so replacing
 * tp_new refuses both spellings. Calling it again changes nothing. */
%{
static PyObject *hs_refuse_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    (void)args;
    (void)kwds;
    PyErr_Format(PyExc_TypeError, "cannot create '%.100s' instances: rows come from httpstatus._core lookups",
                 type->tp_name);
    return NULL;
}
%}
%inline %{
static void seal_row_type(void)
{
    SwigPyClientData *data = (SwigPyClientData *)SWIGTYPE_p_hs_status->clientdata;
    if (data != NULL && data->pytype != NULL)
        data->pytype->tp_new = hs_refuse_new;
}
%}
