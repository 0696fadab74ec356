/* The role table. */
#include "core/roles.h"

#include <string.h>

#define C(x) (1u << (x))

static const struct {
    const char *name, *label;
    unsigned caps;
    int binding;
} roles[ROLE_COUNT] = {
    [ROLE_CITIZEN] = {"citizen", "Công dân, tổ chức", C(CAP_SUBMIT_ONLINE), -1},
    [ROLE_RECEIVER] = {"receiver", "Cán bộ một cửa",
                       C(CAP_RECEIVE) | C(CAP_VIEW_DOSSIERS) | C(CAP_VIEW_PERSONAL) |
                           C(CAP_VIEW_PLANS),
                       1},
    [ROLE_PROCESSOR] = {"processor", "Cán bộ xử lý",
                        C(CAP_VIEW_DOSSIERS) | C(CAP_VIEW_PERSONAL) | C(CAP_PROCESS) |
                            C(CAP_VIEW_PLANS) | C(CAP_REPORT_TASKS) | C(CAP_ASSESS_PAR),
                        1},
    [ROLE_LEADER] = {"leader", "Lãnh đạo",
                     C(CAP_VIEW_DOSSIERS) | C(CAP_VIEW_PERSONAL) | C(CAP_PROCESS) | C(CAP_APPROVE) |
                         C(CAP_VIEW_PLANS) | C(CAP_REPORT_TASKS) | C(CAP_ASSESS_PAR),
                     1},
    [ROLE_UNIT_ADMIN] = {"unit_admin", "Quản trị đơn vị",
                         C(CAP_MANAGE_AGENCIES) | C(CAP_MANAGE_USERS) | C(CAP_VIEW_PLANS) |
                             C(CAP_REPORT_TASKS),
                         1},
    [ROLE_ADMIN] = {"admin", "Quản trị hệ thống",
                    C(CAP_VIEW_DOSSIERS) | C(CAP_VIEW_PERSONAL) | C(CAP_MANAGE_AGENCIES) |
                        C(CAP_MANAGE_PROCEDURES) | C(CAP_MANAGE_CALENDAR) | C(CAP_MANAGE_USERS) |
                        C(CAP_VIEW_PLANS) | C(CAP_MANAGE_PLANS),
                    0},
    [ROLE_STEERING] = {"steering", "Ban Chỉ đạo cải cách hành chính",
                       C(CAP_VIEW_DOSSIERS) | C(CAP_VIEW_PLANS) | C(CAP_MANAGE_PLANS) |
                           C(CAP_VIEW_PAR) | C(CAP_MANAGE_PAR),
                       0},
    [ROLE_AUDITOR] = {"auditor", "Kiểm tra, giám sát",
                      C(CAP_VIEW_DOSSIERS) | C(CAP_VIEW_PLANS) | C(CAP_VIEW_PAR), 0},
};

#undef C

static const char *const capability_names[CAP_COUNT] = {
    [CAP_SUBMIT_ONLINE] = "submit_online",
    [CAP_RECEIVE] = "receive",
    [CAP_VIEW_DOSSIERS] = "view_dossiers",
    [CAP_VIEW_PERSONAL] = "view_personal",
    [CAP_MANAGE_AGENCIES] = "manage_agencies",
    [CAP_MANAGE_PROCEDURES] = "manage_procedures",
    [CAP_MANAGE_CALENDAR] = "manage_calendar",
    [CAP_MANAGE_USERS] = "manage_users",
    [CAP_PROCESS] = "process",
    [CAP_APPROVE] = "approve",
    [CAP_VIEW_PLANS] = "view_plans",
    [CAP_REPORT_TASKS] = "report_tasks",
    [CAP_MANAGE_PLANS] = "manage_plans",
    [CAP_VIEW_PAR] = "view_par",
    [CAP_MANAGE_PAR] = "manage_par",
    [CAP_ASSESS_PAR] = "assess_par",
};

const char *capability_name(int capability)
{
    return capability >= 0 && capability < CAP_COUNT ? capability_names[capability] : NULL;
}

int role_parse(const char *name)
{
    int r;

    for (r = 0; r < ROLE_COUNT; r++)
        if (!strcmp(name, roles[r].name))
            return r;
    return -1;
}

const char *role_name(int role)
{
    return role >= 0 && role < ROLE_COUNT ? roles[role].name : NULL;
}

const char *role_label(int role)
{
    return role >= 0 && role < ROLE_COUNT ? roles[role].label : NULL;
}

int role_can(int role, int capability)
{
    return role >= 0 && role < ROLE_COUNT && (roles[role].caps >> capability & 1u);
}

unsigned roles_with(int capability)
{
    unsigned mask = 0;
    int r;

    for (r = 0; r < ROLE_COUNT; r++)
        if (role_can(r, capability))
            mask |= ROLE_BIT(r);
    return mask;
}

int role_agency_binding(int role)
{
    return role >= 0 && role < ROLE_COUNT ? roles[role].binding : -1;
}
