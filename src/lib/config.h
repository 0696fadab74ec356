/*
 * Server settings: defaults, overridden by a configuration file (INI lines
 * "name = value", the flags' names), overridden by the environment
 * (MOTCUA_<NAME>), overridden by command-line flags (--<name>). One table
 * describes each setting, so the file, flags, environment and help text
 * cannot disagree.
 */
#ifndef LIB_CONFIG_H
#define LIB_CONFIG_H

#include <stdio.h>

#include "lib/err.h"

struct config {
    const char *db;               /* --db, MOTCUA_DB */
    const char *listen;           /* --listen, MOTCUA_LISTEN */
    const char *web;              /* --web, MOTCUA_WEB: static files; none when NULL */
    long threads;                 /* --threads, MOTCUA_THREADS */
    long body_limit;              /* --body-limit, MOTCUA_BODY_LIMIT: bytes */
    long login_attempts;          /* --login-attempts: failures before an account is locked */
    long login_lock;              /* --login-lock: seconds */
    long lookup_rate;             /* --lookup-rate: public lookups per address and minute */
    long lookup_code_tries;       /* --lookup-code-tries: wrong tries per dossier code and hour */
    long open311_rate;            /* --open311-rate: posts per Open311 key and hour */
    long session_idle;            /* --session-idle, MOTCUA_SESSION_IDLE: seconds */
    long secure_cookies;          /* --secure-cookies, MOTCUA_SECURE_COOKIES: 0 or 1 */
    const char *trusted_proxy;    /* --trusted-proxy: the proxy whose X-Forwarded-For is believed */
    long connections;             /* --connections: open connections at most */
    long connections_per_address; /* --connections-per-address: from one address, 0: any */
    long header_timeout;          /* --header-timeout: seconds for a whole header block */
    long idle_timeout;            /* --idle-timeout: seconds between requests, or stalled */
    long body_timeout;            /* --body-timeout: seconds for a body, plus its size's share */
    const char *metrics_token;    /* --metrics-token: GET /metrics wants it; NULL: 404 */
    const char *log;   /* --log, MOTCUA_LOG: the log file, reopened on SIGHUP; NULL: stderr */
    const char *data;  /* --data, MOTCUA_DATA: stored files; "<db's directory>/files" if NULL */
    long upload_limit; /* --upload-limit, MOTCUA_UPLOAD_LIMIT: bytes of one file */
    long dossier_files_limit; /* --dossier-files-limit: bytes of all files of a dossier */
    const char *public_url;   /* --public-url, MOTCUA_PUBLIC_URL: in QR codes and e-mails */
    const char *smtp_url;     /* --smtp-url, MOTCUA_SMTP_URL: no e-mail is sent without it */
    const char *smtp_from;    /* --smtp-from */
    const char *smtp_user, *smtp_password;
    long smtp_retry_seconds, smtp_max_attempts;
    const char *portal_url;      /* --portal-url: the national portal; records wait without it */
    const char *portal_auth_url; /* --portal-auth-url: where a session is obtained */
    const char *portal_user, *portal_password, *portal_unit;
    long portal_retry_seconds, portal_max_attempts;
    char *file_text; /* the configuration file read: text values point into it */
};

#define CONFIG_FILE_MAX 65536 /* bytes of a configuration file */

/*
 * Defaults, then the configuration file when file is not NULL, then the
 * environment. -1 with e filled (file:line: the reason) when a line or a
 * variable is invalid. config_release() frees what the file's text holds.
 */
int config_init(struct config *c, const char *file, struct err *e);
void config_release(struct config *c);
/*
 * Applies a configuration file's text (changed in place; the values point
 * into it): "name = value" lines, '#' or ';' comment lines, "[section]"
 * lines that only group keys; a value may be quoted. Unknown names, names set
 * twice and invalid values are refused with origin:line. 0 or -1.
 */
int config_parse(struct config *c, char *text, const char *origin, struct err *e);
/* Sets one setting by flag name ("threads"); value NULL for a switch. 0 or -1. */
int config_set(struct config *c, const char *name, const char *value, struct err *e);
/* 1 when name is a setting; *takes_value says whether it needs a value. */
int config_known(const char *name, int *takes_value);
/* Writes one line per setting: flag, variable, default, meaning. */
void config_help(FILE *f);
/* Writes the settings in effect as a configuration file would, passwords hidden. */
void config_print(FILE *f, const struct config *c);

#endif
