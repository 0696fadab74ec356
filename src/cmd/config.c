/*
 * motcua config check: reads the configuration file the server would read
 * (--config FILE, else $MOTCUA_CONFIG, else /etc/motcua/motcua.conf) with the
 * environment over it, as `motcua serve` does, checks every value and what
 * the values name (the database's directory, the web pages, the address to
 * listen on), and prints the settings in effect. Exit status 0 when the
 * server could start with them, 1 with every problem found.
 */
#include "cmd/cmd.h"
#include "http/server.h"
#include "lib/config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CONFIG_DEFAULT "/etc/motcua/motcua.conf"

static const char usage[] = "motcua config check [--config FILE]";

static int is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The directory part of path, "." when it has none. */
static const char *dir_of(const char *path, char *buf, size_t size)
{
    const char *slash = strrchr(path, '/');

    if (!slash)
        return ".";
    snprintf(buf, size, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    return buf;
}

static int problem(const char *file, const char *fmt, const char *value)
{
    fprintf(stderr, "motcua: %s: ", file);
    fprintf(stderr, fmt, value);
    fputc('\n', stderr);
    return 1;
}

/* An address set must start with proto:// or protos:// (http, https; smtp, smtps): 0 or 1 problem.
 */
static int scheme(const char *file, const char *key, const char *url, const char *proto)
{
    size_t n = strlen(proto);

    if (!url || (!strncmp(url, proto, n) && (!strncmp(url + n, "://", 3) ||
                                             (url[n] == 's' && !strncmp(url + n + 1, "://", 3)))))
        return 0;
    fprintf(stderr, "motcua: %s: %s: \"%s\" does not start with %s:// or %ss://\n", file, key, url,
            proto, proto);
    return 1;
}

/* What the values name, each problem on its own line: how many there are. */
static int check_values(const char *file, const struct config *c)
{
    struct sockaddr_in sa;
    struct err e = ERR_INIT;
    struct stat st;
    char dir[4096], index[4200];
    int bad = 0;

    if (!c->db)
        bad += problem(file, "db is not set: the SQLite database file is required%s", "");
    else if (!is_dir(dir_of(c->db, dir, sizeof(dir))))
        bad += problem(file, "db: the directory of %s does not exist", c->db);
    else if (access(dir, W_OK) < 0)
        bad +=
            problem(file, "db: the server cannot write beside %s (its journal lives there)", c->db);
    if (server_parse_listen(c->listen, &sa, &e) < 0)
        bad += problem(file, "listen: %s", e.msg);
    if (c->web) {
        snprintf(index, sizeof(index), "%s/index.html", c->web);
        if (stat(index, &st) < 0)
            bad += problem(file, "web: %s holds no index.html", c->web);
    }
    if (c->data && !is_dir(c->data) && !is_dir(dir_of(c->data, dir, sizeof(dir))))
        bad += problem(file, "data: neither %s nor the directory above it exists", c->data);
    if (c->trusted_proxy && inet_pton(AF_INET, c->trusted_proxy, &sa.sin_addr) != 1)
        bad += problem(file, "trusted-proxy: \"%s\" is not an IPv4 address", c->trusted_proxy);
    bad += scheme(file, "public-url", c->public_url, "http");
    bad += scheme(file, "smtp-url", c->smtp_url, "smtp");
    bad += scheme(file, "portal-url", c->portal_url, "http");
    bad += scheme(file, "portal-auth-url", c->portal_auth_url, "http");
    return bad;
}

int cmd_config(int argc, char **argv)
{
    struct config c;
    struct err e = ERR_INIT;
    struct stat st;
    const char *file = cmd_config_file(argc, argv);
    int bad;

    if (cmd_wants_help(argc, argv)) {
        printf("usage: %s\n\n"
               "Checks the configuration file motcua serve would read (--config FILE, else\n"
               "$MOTCUA_CONFIG, else %s), with the environment's MOTCUA_* over it,\n"
               "and prints the settings in effect. 'motcua serve --help' lists the keys.\n",
               usage, CONFIG_DEFAULT);
        return 0;
    }
    if (argc < 2 || strcmp(argv[1], "check"))
        return cmd_usage(usage, "the command is 'check'");
    if (argc != 2 && !(argc == 4 && !strcmp(argv[2], "--config")))
        return cmd_usage(usage, "unexpected argument '%s'", argv[2]);
    if (!file)
        file = CONFIG_DEFAULT;
    if (config_init(&c, file, &e) < 0) {
        config_release(&c);
        return cmd_fail("%s", e.msg);
    }
    bad = check_values(file, &c);
    if ((c.smtp_password || c.portal_password) && stat(file, &st) == 0 && (st.st_mode & 0044))
        fprintf(stderr, "motcua: %s: warning: it holds %s and others may read it (chmod 640)\n",
                file, c.smtp_password ? "the mail password" : "the portal's password");
    config_print(stdout, &c);
    config_release(&c);
    if (bad)
        return cmd_fail("%s: %d problem%s", file, bad, bad > 1 ? "s" : "");
    printf("# %s: valid\n", file);
    return 0;
}
