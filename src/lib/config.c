/* The settings table. */
#include "lib/config.h"

#include "lib/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum kind { TEXT, NUMBER, SWITCH };

static const struct setting {
    const char *name;
    enum kind kind;
    size_t offset;
    long min, max;
    const char *fallback, *help;
} settings[] = {
    {"db", TEXT, offsetof(struct config, db), 0, 0, NULL, "SQLite database file"},
    {"listen", TEXT, offsetof(struct config, listen), 0, 0, "127.0.0.1:8080",
     "IPv4 address and port"},
    {"web", TEXT, offsetof(struct config, web), 0, 0, NULL, "directory of the web pages"},
    {"threads", NUMBER, offsetof(struct config, threads), 1, 256, "4", "server threads"},
    {"body-limit", NUMBER, offsetof(struct config, body_limit), 1024, 1L << 30, "1048576",
     "largest request body, bytes"},
    {"session-idle", NUMBER, offsetof(struct config, session_idle), 60, 30L * 86400, "1800",
     "seconds of inactivity that end a session"},
    {"login-attempts", NUMBER, offsetof(struct config, login_attempts), 1, 1000, "5",
     "failed logins of an account before it is locked (an address may fail four times as often)"},
    {"login-lock", NUMBER, offsetof(struct config, login_lock), 1, 86400, "900",
     "seconds a locked account or address waits"},
    {"lookup-rate", NUMBER, offsetof(struct config, lookup_rate), 1, 100000, "30",
     "public lookups and ratings an address may make in a minute"},
    {"lookup-code-tries", NUMBER, offsetof(struct config, lookup_code_tries), 1, 100000, "5",
     "wrong lookups and ratings of one dossier code in an hour, from any address, before the code"
     " is refused for an hour"},
    {"open311-rate", NUMBER, offsetof(struct config, open311_rate), 1, 100000, "60",
     "requests an Open311 client may post with its key in an hour"},
    {"secure-cookies", SWITCH, offsetof(struct config, secure_cookies), 0, 1, "0",
     "mark cookies Secure (served over TLS, maybe behind a proxy)"},
    {"trusted-proxy", TEXT, offsetof(struct config, trusted_proxy), 0, 0, NULL,
     "address of the reverse proxy in front; its requests count against the client its"
     " X-Forwarded-For names (none: the peer's address counts)"},
    {"connections", NUMBER, offsetof(struct config, connections), 16, 1000000, "4096",
     "open connections at most (within the open-file limit)"},
    {"connections-per-address", NUMBER, offsetof(struct config, connections_per_address), 0,
     1000000, "128",
     "open connections from one client address (0: no limit; not applied behind"
     " --trusted-proxy)"},
    {"header-timeout", NUMBER, offsetof(struct config, header_timeout), 1, 3600, "20",
     "seconds a connection has to send a whole request header block"},
    {"idle-timeout", NUMBER, offsetof(struct config, idle_timeout), 1, 3600, "60",
     "seconds a kept-alive connection may wait for its next request, or stall"},
    {"body-timeout", NUMBER, offsetof(struct config, body_timeout), 1, 86400, "30",
     "seconds a connection has to send a request body, plus one per 32 KiB declared"},
    {"metrics-token", TEXT, offsetof(struct config, metrics_token), 0, 0, NULL,
     "bearer token a monitoring scraper sends to GET /metrics (none: /metrics answers 404)"},
    {"log", TEXT, offsetof(struct config, log), 0, 0, NULL,
     "file the log is appended to, reopened on SIGHUP (none: standard error)"},
    {"data", TEXT, offsetof(struct config, data), 0, 0, NULL,
     "directory of stored files (default: files/ beside the database)"},
    {"upload-limit", NUMBER, offsetof(struct config, upload_limit), 1024, 1L << 31, "20971520",
     "largest uploaded file, bytes"},
    {"dossier-files-limit", NUMBER, offsetof(struct config, dossier_files_limit), 1024, 1L << 40,
     "104857600", "all files of one dossier, bytes"},
    {"public-url", TEXT, offsetof(struct config, public_url), 0, 0, NULL,
     "address citizens reach the server at, for QR codes and e-mails (default http://LISTEN)"},
    {"smtp-url", TEXT, offsetof(struct config, smtp_url), 0, 0, NULL,
     "mail server for notifications, smtp://host:port (none: no e-mail)"},
    {"smtp-from", TEXT, offsetof(struct config, smtp_from), 0, 0, "motcua@localhost",
     "sender address of notifications"},
    {"smtp-user", TEXT, offsetof(struct config, smtp_user), 0, 0, NULL, "mail server login"},
    {"smtp-password", TEXT, offsetof(struct config, smtp_password), 0, 0, NULL,
     "mail server password (prefer MOTCUA_SMTP_PASSWORD)"},
    {"smtp-retry-seconds", NUMBER, offsetof(struct config, smtp_retry_seconds), 1, 86400, "30",
     "first retry of a failed e-mail, doubling after"},
    {"smtp-max-attempts", NUMBER, offsetof(struct config, smtp_max_attempts), 1, 100, "8",
     "attempts before an e-mail is marked failed"},
    {"portal-url", TEXT, offsetof(struct config, portal_url), 0, 0, NULL,
     "National Public Service Portal endpoint dossiers are synchronised to (none: records wait"
     " in the queue)"},
    {"portal-auth-url", TEXT, offsetof(struct config, portal_auth_url), 0, 0, NULL,
     "the portal's authentication endpoint, which gives a session for the credential"},
    {"portal-user", TEXT, offsetof(struct config, portal_user), 0, 0, NULL,
     "the unit's account at the portal"},
    {"portal-password", TEXT, offsetof(struct config, portal_password), 0, 0, NULL,
     "the unit's password at the portal (prefer MOTCUA_PORTAL_PASSWORD)"},
    {"portal-unit", TEXT, offsetof(struct config, portal_unit), 0, 0, NULL,
     "the unit's code at the portal (madonvi)"},
    {"portal-retry-seconds", NUMBER, offsetof(struct config, portal_retry_seconds), 1, 86400, "60",
     "first retry of a record the portal refused, doubling after"},
    {"portal-max-attempts", NUMBER, offsetof(struct config, portal_max_attempts), 1, 100, "8",
     "attempts before a record is marked failed"},
};

#define NSETTINGS (sizeof(settings) / sizeof(settings[0]))

static const struct setting *find(const char *name)
{
    size_t i;

    for (i = 0; i < NSETTINGS; i++)
        if (!strcmp(settings[i].name, name))
            return &settings[i];
    return NULL;
}

/* Yes/no words a switch also takes: "1", "yes", "true", "on" and their opposites. */
static const char *switch_word(const char *v)
{
    static const char *const on[] = {"yes", "true", "on"}, *const off[] = {"no", "false", "off"};
    size_t i;

    for (i = 0; i < 3; i++) {
        if (!strcasecmp(v, on[i]))
            return "1";
        if (!strcasecmp(v, off[i]))
            return "0";
    }
    return v;
}

static int apply(struct config *c, const struct setting *s, const char *value, const char *origin,
                 struct err *e)
{
    char *end;
    long v;

    if (s->kind == TEXT) {
        if (!value || !*value)
            return err_set(e, 400, "invalid", "%s: a value is required", origin);
        *(const char **)((char *)c + s->offset) = value;
        return 0;
    }
    if (s->kind == SWITCH)
        value = value ? switch_word(value) : "1";
    v = strtol(value, &end, 10);
    if (!*value || *end || v < s->min || v > s->max)
        return err_set(e, 400, "invalid", "%s must be a number from %ld to %ld, not \"%s\"", origin,
                       s->min, s->max, value);
    *(long *)((char *)c + s->offset) = v;
    return 0;
}

static void env_name(const char *name, char *var, size_t size)
{
    char *p;

    snprintf(var, size, "MOTCUA_%s", name);
    for (p = var; *p; p++)
        *p = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
}

/* Text without the blanks around it (changed in place). */
static char *trim(char *s)
{
    char *end;

    while (isspace((unsigned char)*s))
        s++;
    end = s + strlen(s);
    while (end > s && isspace((unsigned char)end[-1]))
        *--end = '\0';
    return s;
}

int config_parse(struct config *c, char *text, const char *origin, struct err *e)
{
    int seen[NSETTINGS] = {0}, no = 0;
    char *line, *next, where[300];

    if (!strncmp(text, "\xef\xbb\xbf", 3)) /* a byte-order mark some editors write */
        text += 3;
    for (line = text; line; line = next) {
        const struct setting *s;
        char *p, *eq, *key, *value;
        size_t len;

        no++;
        if ((next = strchr(line, '\n')))
            *next++ = '\0';
        p = trim(line);
        if (!*p || *p == '#' || *p == ';')
            continue;
        if (*p == '[') { /* a section only groups keys: their names stay whole */
            if (p[strlen(p) - 1] != ']')
                return err_set(e, 400, "invalid", "%s:%d: a section header ends with ']'", origin,
                               no);
            continue;
        }
        if (!(eq = strchr(p, '=')))
            return err_set(e, 400, "invalid", "%s:%d: expected 'key = value', not \"%.40s\"",
                           origin, no, p);
        *eq = '\0';
        key = trim(p);
        value = trim(eq + 1);
        len = strlen(value);
        if (len >= 2 && value[0] == '"' && value[len - 1] == '"') { /* "a value with # or ;" */
            value[len - 1] = '\0';
            value++;
        }
        if (!(s = find(key)))
            return err_set(e, 400, "invalid", "%s:%d: unknown key '%s'", origin, no, key);
        if (seen[s - settings])
            return err_set(e, 400, "invalid", "%s:%d: %s is set twice (first on line %d)", origin,
                           no, key, seen[s - settings]);
        seen[s - settings] = no;
        snprintf(where, sizeof(where), "%s:%d: %s", origin, no, key);
        if (apply(c, s, value, where, e) < 0)
            return -1;
    }
    return 0;
}

static int load_file(struct config *c, const char *path, struct err *e)
{
    FILE *f = fopen(path, "r");
    long size;
    size_t got;

    if (!f)
        return err_set(e, 400, "invalid", "cannot read the configuration file %s: %s", path,
                       strerror(errno));
    if (fseek(f, 0, SEEK_END) < 0 || (size = ftell(f)) < 0 || size > CONFIG_FILE_MAX ||
        fseek(f, 0, SEEK_SET) < 0) {
        fclose(f);
        return err_set(e, 400, "invalid", "%s: not a configuration file of at most %d bytes", path,
                       CONFIG_FILE_MAX);
    }
    c->file_text = xmalloc((size_t)size + 1);
    got = fread(c->file_text, 1, (size_t)size, f);
    fclose(f);
    c->file_text[got] = '\0';
    if (memchr(c->file_text, '\0', got))
        return err_set(e, 400, "invalid", "%s: not a text file", path);
    return config_parse(c, c->file_text, path, e);
}

int config_init(struct config *c, const char *file, struct err *e)
{
    size_t i;

    memset(c, 0, sizeof(*c));
    for (i = 0; i < NSETTINGS; i++)
        if (settings[i].fallback && apply(c, &settings[i], settings[i].fallback, "", e) < 0)
            return -1;
    if (file && load_file(c, file, e) < 0)
        return -1;
    for (i = 0; i < NSETTINGS; i++) {
        char var[64];
        const char *env;

        env_name(settings[i].name, var, sizeof(var));
        env = getenv(var);
        if (env && *env && apply(c, &settings[i], env, var, e) < 0)
            return -1;
    }
    return 0;
}

void config_release(struct config *c)
{
    free(c->file_text);
    c->file_text = NULL;
}

int config_set(struct config *c, const char *name, const char *value, struct err *e)
{
    const struct setting *s = find(name);
    char origin[64];

    if (!s)
        return err_set(e, 400, "invalid", "unknown option --%s", name);
    snprintf(origin, sizeof(origin), "--%s", name);
    return apply(c, s, value, origin, e);
}

int config_known(const char *name, int *takes_value)
{
    const struct setting *s = find(name);

    if (s)
        *takes_value = s->kind != SWITCH;
    return s != NULL;
}

void config_help(FILE *f)
{
    size_t i;

    for (i = 0; i < NSETTINGS; i++) {
        char var[64];

        env_name(settings[i].name, var, sizeof(var));
        fprintf(f, "  --%-16s %-22s %s%s%s%s\n", settings[i].name, var, settings[i].help,
                settings[i].fallback ? " (default " : "",
                settings[i].fallback ? settings[i].fallback : "", settings[i].fallback ? ")" : "");
    }
}

void config_print(FILE *f, const struct config *c)
{
    size_t i;

    for (i = 0; i < NSETTINGS; i++) {
        const struct setting *s = &settings[i];
        const void *at = (const char *)c + s->offset;

        if (s->kind != TEXT)
            fprintf(f, "%s = %ld\n", s->name, *(const long *)at);
        else if (!*(const char *const *)at)
            fprintf(f, "# %s is not set\n", s->name);
        else
            fprintf(f, "%s = %s\n", s->name,
                    strstr(s->name, "password") || strstr(s->name, "token")
                        ? "********"
                        : *(const char *const *)at);
    }
}
