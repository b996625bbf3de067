/*
 * auth.c - password hashes, tokens and the sign-in throttle (web/auth.h).
 *
 * Cost of a hash: argon2id with opslimit 3 and memlimit 19 MiB takes
 * 55-80 ms on the two-core build machine (measured with libsodium 1.0.18).
 * 19 MiB is OWASP's lowest-memory argon2id setting (m=19 MiB, t=2, p=1)
 * with one pass more: slow enough that a stolen database costs an
 * attacker about 15 guesses a second per core, fast enough for a sign-in,
 * and small enough that the server stays within a few tens of MB.  At
 * most PW_AUTH_HASHING hashes run at once (a semaphore), so a burst of
 * sign-ins neither starves the readers of the two cores nor multiplies
 * the memory.  The parameters are stored in each hash string, so they can
 * be raised later without invalidating existing passwords.
 */
#include "web/auth.h"
#include "util/error.h"

#include <pthread.h>
#include <semaphore.h>
#include <sodium.h>
#include <string.h>

#define OPSLIMIT 3ULL
#define MEMLIMIT (19U << 20)
#define PW_AUTH_HASHING 2

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int init_rc;
static sem_t hashing;

static void init(void)
{
	init_rc = sodium_init() < 0 ? -1 : 0;
	if (init_rc == 0 && sem_init(&hashing, 0, PW_AUTH_HASHING) < 0)
		init_rc = -1;
}

int pw_auth_init(void)
{
	pthread_once(&init_once, init);
	return init_rc < 0 ? pw_error("cannot initialise libsodium") : 0;
}

static void hashing_enter(void)
{
	while (sem_wait(&hashing) < 0)
		; /* EINTR: a signal; try again */
}

int pw_auth_hash(const char *password, char out[PW_AUTH_HASH_MAX])
{
	int rc;

	_Static_assert(crypto_pwhash_STRBYTES <= PW_AUTH_HASH_MAX, "hash buffer too small");
	hashing_enter();
	rc = crypto_pwhash_str(out, password, strlen(password), OPSLIMIT, MEMLIMIT);
	sem_post(&hashing);
	return rc < 0 ? pw_error("cannot hash the password: out of memory") : 0;
}

/* The hash of a password nobody knows, made once: what an unknown user
 * is verified against. */
static char dummy_hash[PW_AUTH_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
	char pw[PW_AUTH_TOKEN_HEX];

	pw_auth_token(pw);
	if (pw_auth_hash(pw, dummy_hash) < 0)
		dummy_hash[0] = '\0';
}

bool pw_auth_verify(const char *hash, const char *password)
{
	int rc;

	if (!hash) {
		pthread_once(&dummy_once, make_dummy);
		hash = dummy_hash;
	}
	hashing_enter();
	rc = crypto_pwhash_str_verify(hash, password, strlen(password));
	sem_post(&hashing);
	return rc == 0 && hash != dummy_hash;
}

void pw_auth_token(char out[PW_AUTH_TOKEN_HEX])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, PW_AUTH_TOKEN_HEX, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
}

bool pw_auth_token_equal(const char *a, const char *b)
{
	size_t n;

	if (!a || !b || (n = strlen(a)) != strlen(b) || !n)
		return false;
	return sodium_memcmp(a, b, n) == 0;
}

/* ------------------------------------------------------------------ */
/* Throttle                                                           */

#define SLOTS 1024
#define KEY_MAX 160
#define MAX_WAIT (15 * 60)
#define FORGET (60 * 60) /* failures older than this are forgotten */

struct slot {
	char key[KEY_MAX];
	unsigned failures;
	time_t last, until;
};

static struct slot slots[SLOTS];
static pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER;

/* The slot of key, or (create) a free or the oldest one; NULL if absent
 * and !create.  Called with slots_lock held. */
static struct slot *find_slot(const char *key, time_t now, bool create)
{
	struct slot *oldest = &slots[0];
	size_t i;

	for (i = 0; i < SLOTS; i++) {
		struct slot *s = &slots[i];

		if (s->key[0] && now - s->last > FORGET)
			s->key[0] = '\0';
		if (s->key[0] && !strncmp(s->key, key, KEY_MAX - 1))
			return s;
		if (!s->key[0] || (oldest->key[0] && s->last < oldest->last))
			oldest = s;
	}
	if (!create)
		return NULL;
	memset(oldest, 0, sizeof(*oldest));
	snprintf(oldest->key, sizeof(oldest->key), "%s", key);
	return oldest;
}

long pw_auth_throttle_wait(const char *key, time_t now)
{
	struct slot *s;
	long wait = 0;

	pthread_mutex_lock(&slots_lock);
	s = find_slot(key, now, false);
	if (s && s->until > now)
		wait = (long)(s->until - now);
	pthread_mutex_unlock(&slots_lock);
	return wait;
}

void pw_auth_throttle_fail(const char *key, unsigned allowed, time_t now)
{
	struct slot *s;

	pthread_mutex_lock(&slots_lock);
	s = find_slot(key, now, true);
	s->failures++;
	s->last = now;
	if (s->failures >= allowed) {
		unsigned k = s->failures - allowed;
		long wait = k >= 10 ? MAX_WAIT : 1L << k;

		/* + 1: now is whole seconds, so a failure late in second now
		 * still waits at least `wait` seconds (a lock of 1 would
		 * otherwise end within milliseconds at the turn of the second) */
		s->until = now + (wait > MAX_WAIT ? MAX_WAIT : wait) + 1;
	}
	pthread_mutex_unlock(&slots_lock);
}

void pw_auth_throttle_clear(const char *key)
{
	struct slot *s;

	pthread_mutex_lock(&slots_lock);
	s = find_slot(key, time(NULL), false);
	if (s)
		memset(s, 0, sizeof(*s));
	pthread_mutex_unlock(&slots_lock);
}
