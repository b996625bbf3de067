/*
 * tls.c - the certificate and key of "serve --tls-cert FILE --tls-key
 * FILE": read into memory for libmicrohttpd (MHD_OPTION_HTTPS_MEM_CERT
 * and _KEY, which take PEM text) and checked with GnuTLS, the library
 * libmicrohttpd speaks TLS with, before the daemon starts.  libmicrohttpd
 * itself only fails to start, whatever is wrong; checking here names the
 * file and the reason: missing or unreadable, not PEM, or a key that does
 * not belong to the certificate.
 */
#include "util/error.h"
#include "util/input.h"
#include "web/web_int.h"

#include <errno.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <string.h>
#include <unistd.h>

#define PEM_MAX (1 << 20) /* a certificate chain is a few KiB */

/* The text of the file path (for option opt) into *out, NUL-terminated
 * as libmicrohttpd wants it.  0, or -1 reported as PW_ERR_INPUT. */
static int read_pem(const char *opt, const char *path, struct strbuf *out)
{
	size_t size;
	ssize_t n;
	int fd;

	pw_error_quiet(1); /* reported below, with the option's name */
	fd = pw_open_input(path, &size);
	pw_error_quiet(0);
	if (fd < 0) {
		/* a copy: the message is formatted into the buffer it names */
		char why[512];

		snprintf(why, sizeof(why), "%s", pw_last_error());
		return pw_error_kind(PW_ERR_INPUT, "%s: %s", opt, why);
	}
	if (size > PEM_MAX) {
		close(fd);
		return pw_error_kind(PW_ERR_INPUT, "%s: '%s' is too large for a PEM file (over %d KiB)",
				     opt, path, PEM_MAX / 1024);
	}
	sb_grow(out, size + 1);
	while ((n = read(fd, out->buf + out->len, size + 1 - out->len)) > 0 &&
	       out->len + (size_t)n <= size)
		sb_setlen(out, out->len + (size_t)n);
	close(fd);
	if (n < 0)
		return pw_error_kind(PW_ERR_INPUT, "%s: cannot read '%s': %s", opt, path,
				     strerror(errno));
	if (n > 0 || strlen(out->buf) != out->len) /* grew while read, or binary */
		return pw_error_kind(PW_ERR_INPUT, "%s: '%s' is not a PEM text file", opt, path);
	return 0;
}

static gnutls_datum_t datum(const struct strbuf *sb)
{
	gnutls_datum_t d = { (unsigned char *)sb->buf, (unsigned)sb->len };

	return d;
}

/* Whether the PEM text holds at least one certificate: 0 or -1 (reported). */
static int check_cert(const char *path, const struct strbuf *pem)
{
	gnutls_datum_t d = datum(pem);
	gnutls_x509_crt_t *crts = NULL;
	unsigned n = 0, i;
	int rc = gnutls_x509_crt_list_import2(&crts, &n, &d, GNUTLS_X509_FMT_PEM, 0);

	for (i = 0; rc >= 0 && i < n; i++)
		gnutls_x509_crt_deinit(crts[i]);
	gnutls_free(crts);
	if (rc == GNUTLS_E_NO_CERTIFICATE_FOUND || rc == GNUTLS_E_BASE64_DECODING_ERROR ||
	    (rc >= 0 && n == 0))
		return pw_error_kind(PW_ERR_INPUT, "--tls-cert: '%s' holds no PEM certificate", path);
	if (rc < 0) /* a PEM block that is no good certificate: GnuTLS says why */
		return pw_error_kind(PW_ERR_INPUT, "--tls-cert: '%s' holds a bad certificate: %s",
				     path, gnutls_strerror(rc));
	return 0;
}

/* Whether the PEM text holds an unencrypted private key: 0 or -1 (reported). */
static int check_key(const char *path, const struct strbuf *pem)
{
	gnutls_datum_t d = datum(pem);
	gnutls_x509_privkey_t k;
	int rc = gnutls_x509_privkey_init(&k);

	if (rc >= 0) {
		rc = gnutls_x509_privkey_import2(k, &d, GNUTLS_X509_FMT_PEM, NULL, 0);
		gnutls_x509_privkey_deinit(k);
	}
	if (rc < 0 && strstr(pem->buf, "ENCRYPTED"))
		return pw_error_kind(PW_ERR_INPUT, "--tls-key: '%s' is encrypted: give the key "
				     "without a passphrase (openssl pkey -in KEY -out FILE)", path);
	if (rc < 0)
		return pw_error_kind(PW_ERR_INPUT, "--tls-key: '%s' holds no PEM private key", path);
	return 0;
}

/* Whether the key belongs to the certificate, as GnuTLS will use them. */
static int check_pair(const char *cert_path, const char *key_path, const struct web_tls *t)
{
	gnutls_certificate_credentials_t cred;
	gnutls_datum_t c = datum(&t->cert), k = datum(&t->key);
	int rc = gnutls_certificate_allocate_credentials(&cred);

	if (rc >= 0) {
		rc = gnutls_certificate_set_x509_key_mem2(cred, &c, &k, GNUTLS_X509_FMT_PEM, NULL, 0);
		gnutls_certificate_free_credentials(cred);
	}
	if (rc == GNUTLS_E_CERTIFICATE_KEY_MISMATCH)
		return pw_error_kind(PW_ERR_INPUT, "--tls-key: '%s' does not match the certificate '%s'",
				     key_path, cert_path);
	if (rc < 0)
		return pw_error_kind(PW_ERR_INPUT, "--tls-cert: cannot use '%s' with the key '%s': %s",
				     cert_path, key_path, gnutls_strerror(rc));
	return 0;
}

int web_tls_load(const char *cert_path, const char *key_path, struct web_tls *t)
{
	sb_init(&t->cert, 0);
	sb_init(&t->key, 0);
	if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
		return pw_error("this libmicrohttpd was built without TLS: "
				"--tls-cert and --tls-key cannot be used (use a TLS proxy, docs/api.md)");
	if (read_pem("--tls-cert", cert_path, &t->cert) < 0 ||
	    read_pem("--tls-key", key_path, &t->key) < 0 || check_cert(cert_path, &t->cert) < 0 ||
	    check_key(key_path, &t->key) < 0 || check_pair(cert_path, key_path, t) < 0) {
		web_tls_release(t);
		return -1;
	}
	return 0;
}

void web_tls_release(struct web_tls *t)
{
	/* the key is a secret: not left in freed memory */
	if (t->key.len)
		explicit_bzero(t->key.buf, t->key.len);
	sb_release(&t->cert);
	sb_release(&t->key);
}
