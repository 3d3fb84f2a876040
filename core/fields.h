/*
 * Internal: the names of the fields the response rules read, for the
 * bindings (core/check.c). Not installed. A check gives the same findings
 * whether a response's or a request's other fields are given or left out,
 * so a binding that must fetch fields one name at a time (httpstatus.ngx,
 * which reads nginx's response fields by name) fetches just these.
 */
#ifndef HS_FIELDS_H
#define HS_FIELDS_H

#include <stddef.h>

/* The i-th such name, lowercase, or NULL past the last. */
const char *hs_known_field(size_t i);

#endif
