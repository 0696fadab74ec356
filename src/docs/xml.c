/* JSON values written as XML with libxml2's text writer. */
#include "docs/xml.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <string.h>

static const char *singular_of(const char *name, const char *const (*singular)[2])
{
    size_t i;

    for (i = 0; singular && singular[i][0]; i++)
        if (!strcmp(singular[i][0], name))
            return singular[i][1];
    return name;
}

static int write_value(xmlTextWriterPtr w, const char *name, const json_t *v,
                       const char *const (*singular)[2])
{
    const char *key;
    json_t *item;
    size_t i;
    char num[64];
    const char *text = NULL;

    switch (json_typeof(v)) {
    case JSON_OBJECT:
        if (xmlTextWriterStartElement(w, BAD_CAST name) < 0)
            return -1;
        json_object_foreach((json_t *)v, key,
                            item) if (write_value(w, key, item, singular) < 0) return -1;
        return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
    case JSON_ARRAY:
        if (xmlTextWriterStartElement(w, BAD_CAST name) < 0)
            return -1;
        json_array_foreach(v, i, item) if (write_value(w, singular_of(name, singular), item,
                                                       singular) < 0) return -1;
        return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
    case JSON_STRING: text = json_string_value(v); break;
    case JSON_INTEGER:
        snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        text = num;
        break;
    case JSON_REAL:
        snprintf(num, sizeof(num), "%.15g", json_real_value(v));
        text = num;
        break;
    case JSON_TRUE: text = "true"; break;
    case JSON_FALSE: text = "false"; break;
    case JSON_NULL: text = ""; break;
    }
    return xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST text) < 0 ? -1 : 0;
}

int xml_from_json(const char *root, const json_t *j, const char *const (*singular)[2],
                  struct strbuf *out)
{
    xmlBufferPtr buf = xmlBufferCreate();
    xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
    int rc = -1;

    strbuf_reset(out);
    if (!w)
        goto out;
    if (xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0 ||
        write_value(w, root, j, singular) < 0 || xmlTextWriterEndDocument(w) < 0)
        goto out;
    xmlFreeTextWriter(w); /* flushes into buf */
    w = NULL;
    strbuf_add(out, (const char *)xmlBufferContent(buf), (size_t)xmlBufferLength(buf));
    rc = 0;
out:
    if (w)
        xmlFreeTextWriter(w);
    if (buf)
        xmlBufferFree(buf);
    return rc;
}
