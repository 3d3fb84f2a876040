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

/* Rows are constant data owned by the core. */
%immutable;
%nodefaultctor hs_status;
%nodefaultdtor hs_status;

#define HS_API
%include "httpstatus.h"
