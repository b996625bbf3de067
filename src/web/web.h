/*
 * web.h - the planwatch web server: the JSON API of docs/api.md on
 * libmicrohttpd, for "planwatch serve".  Handlers call the same library
 * functions as the command line (through web/adapt.c); nothing here
 * assesses, validates or stores by itself.
 */
#ifndef PW_WEB_H
#define PW_WEB_H

#include <stdbool.h>
#include <stddef.h>

struct pw_web_opts {
	const char *db_path;
	const char *host;       /* IPv4 or IPv6 address, or a host name */
	int port;               /* 0: any free port (printed when listening) */
	unsigned threads;       /* worker threads, one database connection each */
	const char *access_log; /* file appended to, NULL: standard error */
	bool secure_cookie;     /* add Secure (behind a TLS proxy; always under TLS) */
	const char *tls_cert;   /* PEM certificate (chain) file: serve HTTPS; NULL: HTTP */
	const char *tls_key;    /* its PEM private key file, given with tls_cert */
	long idle_sec;          /* a session unused this long ends */
	long absolute_sec;      /* a session ends this long after sign-in */
	size_t body_max;        /* largest request body, bytes */
	unsigned conn_timeout;  /* seconds a connection may idle */
	const char *demo_db;    /* shown while db_path holds no approved value, or NULL */
	const char *assets;     /* directory of site.css, site.js, echarts.min.js; NULL: beside the executable */
	const char *trusted_proxy; /* IP address of a reverse proxy whose X-Forwarded-For names
				    * the client, or NULL (checked by pw_web_serve()) */
};

/* Defaults: 127.0.0.1:8080, 4 threads, 30 min idle, 12 h absolute,
 * 1 MiB bodies, 30 s connection timeout. */
void pw_web_opts_init(struct pw_web_opts *o);

/*
 * Opens (and upgrades) the database, listens and serves until SIGTERM or
 * SIGINT, then stops accepting, lets requests in flight finish, closes
 * every connection and returns 0.  -1 (reported) when it cannot start:
 * the database cannot be opened, the address is taken, the TLS files
 * are unusable (pw_last_kind() says which kind).
 */
int pw_web_serve(const struct pw_web_opts *o);

/*
 * Writes the public pages and open data of the database at db_path as
 * static files under dir (created), with relative links: the pages the
 * server shows, for hosting without a server.  0 or -1 (reported).
 */
int pw_web_publish(const char *db_path, const char *dir, const char *assets);

#endif
