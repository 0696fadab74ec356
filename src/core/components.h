/*
 * How each component of a procedure is handed in: uploaded with an online
 * submission (required), uploaded if the applicant has it (optional), or
 * brought on paper to the counter (the original shown, a paper the applicant
 * signs there). What an online submission must carry follows from it; a
 * dossier received at the counter or by post is never refused for a missing
 * upload: the officer checks the papers themselves.
 */
#ifndef CORE_COMPONENTS_H
#define CORE_COMPONENTS_H

enum component_requirement {
    COMPONENT_REQUIRED, /* uploaded with an online submission */
    COMPONENT_OPTIONAL, /* uploaded when the applicant has it */
    COMPONENT_COUNTER, /* brought on paper to the counter (nộp bản giấy / xuất trình bản chính) */
};

/* "required", "optional", "counter", NULL: in enum order. */
extern const char *const component_requirements[];

/* The enum value of a name, or -1. */
int component_requirement_parse(const char *name);
/* The name of a value ("required" for anything unknown). */
const char *component_requirement_name(int requirement);
/* Whether a submission through channel (core/dossier.h) must carry a file for the component. */
int component_upload_needed(int requirement, int channel);
/* Whether the component is part of every dossier, online or on paper (the catalog's "required"). */
int component_mandatory(int requirement);

#endif
