/*
 * XML documents from JSON values (libxml2's text writer): the Open311
 * GeoReport v2 answers, which the specification requires in XML and offers in
 * JSON, are built once as JSON and written in either form.
 */
#ifndef DOCS_XML_H
#define DOCS_XML_H

#include <jansson.h>

#include "lib/strbuf.h"

/*
 * Writes j as the element `root`, UTF-8 with the XML declaration: an object's
 * members become child elements in order; an array's items repeat as the
 * singular of its name, found in `singular` (pairs of plural and singular,
 * ending with {NULL, NULL}; a name not listed repeats as itself); null is an
 * empty element; numbers and booleans their text. Returns 0, or -1 when
 * libxml2 fails (out is then empty).
 */
int xml_from_json(const char *root, const json_t *j, const char *const (*singular)[2],
                  struct strbuf *out);

#endif
