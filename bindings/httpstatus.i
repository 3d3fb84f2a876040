/*
 * The one SWIG interface to the C core, for Python and for Lua. It wraps the
 * public header as it is; what differs between the languages (module name,
 * typemaps for integers, booleans and byte strings) lives in the file each
 * language includes below, so this file stays the list of what is wrapped.
 */
#if defined(SWIGPYTHON)
%include "python/python.i"
#elif defined(SWIGLUA)
%include "lua/lua.i"
#endif

%{
#include "httpstatus.h"
%}

/* Rows are constant data owned by the core: nothing may create or free one.
 * Python's -builtin types still need a destructor, an empty one: without it
 * SWIG installs a deallocator that never frees the wrapper object either, and
 * every row returned to Python leaks its wrapper. */
%immutable;
%nodefaultctor hs_status;
#ifdef SWIGPYTHON
%extend hs_status {
    ~hs_status() { (void)$self; }
}
#else
%nodefaultdtor hs_status;
#endif

/* A row object with no row behind it (Python's t.__new__(t), a Lua
 * userdata made by hand) is refused before any field is read. */
#ifdef SWIGPYTHON
%typemap(check) struct hs_status *self, hs_status *self %{
  if ($1 == NULL)
    SWIG_exception_fail(SWIG_ValueError, "in method '$symname', a status object with no row behind it");
%}
#else
%typemap(check) struct hs_status *self, hs_status *self %{
  if ($1 == NULL) {
    lua_pushstring(L, "in method '$symname', a status object with no row behind it");
    SWIG_fail;
  }
%}
#endif

/* The response rules' structs and the check functions take and fill C
 * arrays and pointers that a script could pass wrong: no binding wraps them
 * as they are. Each language's file (python.i, lua.i) wraps hs_check in a
 * function of its own that converts and checks every argument. */
%ignore hs_rule;
%ignore hs_rule_at;
%ignore hs_header;
%ignore hs_check_options;
%ignore hs_finding;
%ignore hs_checker;
%ignore hs_check;
%ignore hs_checker_begin;
%ignore hs_checker_response;
%ignore hs_checker_request;
%ignore hs_checker_end;
%ignore hs_checker_content;
%ignore hs_checker_content_data;
%ignore hs_http_version_of;
%ignore hs_level_of;

/* Problem details take and fill a caller's buffer and arrays: each binding
 * wraps hs_problem_json in a function of its own. */
%ignore hs_problem_extension;
%ignore hs_problem;
%ignore hs_problem_error;
%ignore hs_problem_json;
%ignore hs_problem_validate;
%ignore hs_problem_message;

#define HS_API
%include "httpstatus.h"
/* The header declares the predicates by including the surface list, and
 * SWIG does not follow #include: expand the list here, with the header's
 * own HS_PREDICATE (still defined for SWIG's preprocessor). */
%include "httpstatus_surface.def"
