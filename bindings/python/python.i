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
 * first NUL and take "en\0x" for "en"; here that is a ValueError, as is a
 * str with no UTF-8 form. */
%typemap(in) const char *lang {
  Py_ssize_t size;
  if (!PyUnicode_Check($input)) {
    PyErr_Format(PyExc_TypeError, "$symname() lang must be str, not '%.200s'",
                 Py_TYPE($input)->tp_name);
    SWIG_fail;
  }
  $1 = (char *)PyUnicode_AsUTF8AndSize($input, &size);
  if ($1 == NULL)
    SWIG_fail;
  if (strlen($1) != (size_t)size) {
    PyErr_SetString(PyExc_ValueError, "$symname(): lang contains a NUL character");
    SWIG_fail;
  }
}
