/*
 * The httpstatus command (cli/cli.c) run in this process: `python -m
 * httpstatus` and the console script call this, so the tool exists once.
 * args are the arguments after the program name, str (encoded as the
 * file system encodes them, so a name the shell passed as undecodable
 * bytes goes back as those bytes) or bytes. It writes to the process's
 * stdout and stderr (file descriptors 1 and 2) and returns the exit
 * status; the GIL is released while it runs.
 */
#include "py_module.h" /* Python.h first, as Python asks */

#include <limits.h>
#include <string.h>

#include "cli.h"

static PyObject *hs_py_main(PyObject *self, PyObject *args)
{
    (void)self;
    if (PyUnicode_Check(args) || PyBytes_Check(args) || PyByteArray_Check(args))
        return PyErr_Format(PyExc_TypeError, "main() argument must be a list of str or bytes, not '%.200s'",
                            Py_TYPE(args)->tp_name);
    PyObject *items = PySequence_Fast(args, "main() argument must be a list of str or bytes");
    if (items == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(items);
    if (n >= INT_MAX) {
        Py_DECREF(items);
        return PyErr_Format(PyExc_ValueError, "main() takes fewer than %d arguments", INT_MAX);
    }
    PyObject *encoded = PyTuple_New(n);
    char **argv = encoded == NULL ? NULL : PyMem_New(char *, (size_t)n + 2);
    PyObject *result = NULL;
    if (argv == NULL) {
        if (encoded != NULL)
            PyErr_NoMemory();
        goto done;
    }
    argv[0] = (char *)"httpstatus";
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(items, i), *bytes;
        char *s;
        Py_ssize_t size;
        if (PyUnicode_Check(item)) {
            bytes = PyUnicode_EncodeFSDefault(item);
        } else if (PyBytes_Check(item)) {
            bytes = item;
            Py_INCREF(bytes);
        } else {
            PyErr_Format(PyExc_TypeError, "main() arguments must be str or bytes, not '%.200s'",
                         Py_TYPE(item)->tp_name);
            goto done;
        }
        if (bytes == NULL)
            goto done;
        PyTuple_SET_ITEM(encoded, i, bytes);
        if (PyBytes_AsStringAndSize(bytes, &s, &size) < 0 || (size_t)size != strlen(s)) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "main() argument with an embedded null byte");
            goto done;
        }
        argv[i + 1] = s;
    }
    argv[n + 1] = NULL;
    int status;
    Py_BEGIN_ALLOW_THREADS
    status = hs_cli_main((int)(n + 1), argv);
    Py_END_ALLOW_THREADS
    result = PyLong_FromLong(status);
done:
    PyMem_Free(argv);
    Py_XDECREF(encoded);
    Py_DECREF(items);
    return result;
}

PyMethodDef hs_py_main_functions[] = {
    {"main", hs_py_main, METH_O,
     "main(args, /)\n--\n\n"
     "Runs the httpstatus command with args (a list of str or bytes, after the program name) and\n"
     "returns its exit status."},
    {NULL, NULL, 0, NULL},
};
