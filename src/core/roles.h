/*
 * Roles and what each may do. A role is held over an agency's subtree (or the
 * whole system); the API combines these capabilities with that scope.
 */
#ifndef CORE_ROLES_H
#define CORE_ROLES_H

enum role {
    ROLE_CITIZEN,
    ROLE_RECEIVER,   /* one-stop officer: receives, returns */
    ROLE_PROCESSOR,  /* processing officer */
    ROLE_LEADER,     /* approves, signs */
    ROLE_UNIT_ADMIN, /* administers a unit's subtree */
    ROLE_ADMIN,      /* system administrator */
    ROLE_STEERING,   /* reform steering committee: reads reports, runs the reform plans and the PAR
                        INDEX */
    ROLE_AUDITOR,    /* reads everything, changes nothing */
    ROLE_COUNT
};

#define ROLE_BIT(r) (1u << (r))
#define ROLES_ALL   ((1u << ROLE_COUNT) - 1)
#define ROLES_STAFF (ROLES_ALL & ~ROLE_BIT(ROLE_CITIZEN))

enum capability {
    CAP_SUBMIT_ONLINE,     /* file a dossier online as the applicant */
    CAP_RECEIVE,           /* receive a dossier at the counter or from the post */
    CAP_VIEW_DOSSIERS,     /* see the dossiers of the units in scope */
    CAP_VIEW_PERSONAL,     /* see identity and phone numbers in full */
    CAP_MANAGE_AGENCIES,   /* create and change agencies in scope */
    CAP_MANAGE_PROCEDURES, /* edit the procedure catalog */
    CAP_MANAGE_CALENDAR,   /* holidays and swapped days */
    CAP_MANAGE_USERS,      /* users and roles in scope */
    CAP_PROCESS,           /* work on dossiers held by the units in scope */
    CAP_APPROVE,           /* approve results, stop processing */
    CAP_VIEW_PLANS,        /* see the reform plans' tasks of the units in scope */
    CAP_REPORT_TASKS,      /* file the monthly reports of the tasks the units in scope lead */
    CAP_MANAGE_PLANS,      /* reform plans, their tasks and the committee's members */
    CAP_VIEW_PAR,          /* read the PAR INDEX assessments of the agencies in scope */
    CAP_MANAGE_PAR,        /* load structures, assign, appraise, record external indices */
    CAP_ASSESS_PAR,        /* score the sub-criteria the units in scope are responsible for */
    CAP_COUNT
};

/* -1 for an unknown name. */
int role_parse(const char *name);
const char *role_name(int role);
/* Vietnamese label. */
const char *role_label(int role);
int role_can(int role, int capability);
/* "submit_online", "receive", ... (API names, which the web's menus ask for); NULL if unknown. */
const char *capability_name(int capability);
/* The roles holding a capability, as ROLE_BIT()s. */
unsigned roles_with(int capability);
/* 1: must be bound to an agency; 0: may be (system-wide without); -1: must not be. */
int role_agency_binding(int role);

#endif
