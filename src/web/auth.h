/*
 * auth.h - the secrets of the web side: argon2id password hashes
 * (libsodium crypto_pwhash_str), random tokens for sessions and CSRF, and
 * the throttle that slows down password guessing.  Used by the server
 * (web/) and by "planwatch user" (cli/cmd_user.c).
 */
#ifndef PW_WEB_AUTH_H
#define PW_WEB_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* 0, or -1 (reported) when libsodium cannot start.  Call once before
 * anything below; later calls do nothing. */
int pw_auth_init(void);

/* Hashes password into out (crypto_pwhash_STRBYTES, at least 128 bytes).
 * 0, or -1 (reported: out of memory for the hash). */
#define PW_AUTH_HASH_MAX 128
int pw_auth_hash(const char *password, char out[PW_AUTH_HASH_MAX]);
/* Whether password matches hash.  hash NULL (an unknown user) still costs
 * one verification, so that a wrong name takes as long as a wrong
 * password, and is false. */
bool pw_auth_verify(const char *hash, const char *password);

/* 32 random bytes as 64 hex digits and a NUL. */
#define PW_AUTH_TOKEN_HEX 65
void pw_auth_token(char out[PW_AUTH_TOKEN_HEX]);
/* Whether a and b (NUL-terminated, either may be NULL) are equal, in time
 * that depends only on their lengths. */
bool pw_auth_token_equal(const char *a, const char *b);

/*
 * Sign-in throttle, in memory and per process: counts recent failures
 * per key ("user:NAME", "addr:1.2.3.4").  From the `allowed`-th failure of
 * one key on, each further failure locks it for at least 1, 2, 4, ... seconds (at
 * most 15 minutes); failures are forgotten an hour after the last one.
 * An account allows PW_AUTH_FREE_USER failures, an address (many users
 * behind one office gateway) PW_AUTH_FREE_ADDR.  Thread-safe.
 */
#define PW_AUTH_FREE_USER 5
#define PW_AUTH_FREE_ADDR 20
/* Seconds until key may try again (0: now). */
long pw_auth_throttle_wait(const char *key, time_t now);
void pw_auth_throttle_fail(const char *key, unsigned allowed, time_t now);
void pw_auth_throttle_clear(const char *key);

#endif
