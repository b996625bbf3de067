/*
 * users.h - web users and their sessions in the store (tables users and
 * sessions of migration 2, docs/schema.md), and the change stamp the
 * server's caches are keyed on.  Password hashing and token
 * generation are the caller's (web/auth.h): the store only keeps the
 * argon2id hash of a password and the SHA-256 of a session token, never
 * the password or the token itself.
 *
 * Conventions are those of store.h: 0 on success, -1 after pw_error(),
 * PW_STORE_NOTFOUND (-2) where said.  Every write is one transaction and
 * user changes are written to the audit log (without the hash).
 */
#ifndef PW_USERS_H
#define PW_USERS_H

#include "store/store.h"

#include <stdbool.h>
#include <stdint.h>

/* "admin", "planner", "editor", "viewer" */
bool pw_user_role_valid(const char *role);

/* One user.  Strings owned by the struct: pw_user_release(). */
struct pw_user {
	int64_t id;
	char *name, *role;
	int64_t unit_id; /* 0 if none */
	char *unit;      /* the unit's name, or NULL */
	bool disabled;
	char *created_at;
	char *hash; /* argon2id string (pw_store_user_get only) */
};

void pw_user_release(struct pw_user *u);
void pw_user_free_array(struct pw_user *u, size_t n);

/*
 * Adds a user.  role must be valid; unit (NULL for none) must name an
 * existing unit and is required for an editor.  hash is the argon2id
 * string.  Refused with a message: an existing name, an unknown unit
 * (PW_STORE_NOTFOUND), an editor without unit.  *id may be NULL.
 */
int pw_store_user_add(struct pw_store *s, const char *name, const char *role,
		      const char *unit, const char *hash, const char *who, int64_t *id);
/* Replaces the password hash of user name and ends its sessions. */
int pw_store_user_set_password(struct pw_store *s, const char *name, const char *hash,
			       const char *who);
/* Disables user name (it can no longer sign in) and ends its sessions. */
int pw_store_user_disable(struct pw_store *s, const char *name, const char *who);
/* User name with its hash: 0, or PW_STORE_NOTFOUND WITHOUT a message. */
int pw_store_user_get(struct pw_store *s, const char *name, struct pw_user *out);
/* Every user by name (hash left NULL); free with pw_user_free_array(). */
int pw_store_user_list(struct pw_store *s, struct pw_user **out, size_t *n);

/* A signed-in session and its user (hash left NULL).  csrf owned. */
struct pw_session {
	int64_t id;
	struct pw_user user;
	char *csrf;
	bool stale; /* last seen long enough ago to be worth a touch */
};

void pw_session_release(struct pw_session *ss);

/*
 * Starts a session of user_id: token_hash is the hex SHA-256 of the
 * session token (the cookie), csrf the CSRF token; it ends absolute_sec
 * seconds from now at the latest.  Also removes expired sessions.
 */
int pw_store_session_add(struct pw_store *s, int64_t user_id, const char *token_hash,
			 const char *csrf, long absolute_sec);
/*
 * The session whose token hashes to token_hash, if it has not expired,
 * was seen in the last idle_sec seconds and its user is not disabled: 0
 * and fills *out (stale: last seen touch_sec or more ago);
 * PW_STORE_NOTFOUND WITHOUT a message otherwise.
 */
int pw_store_session_find(struct pw_store *s, const char *token_hash, long idle_sec,
			  long touch_sec, struct pw_session *out);
/* Marks session id as seen now (its idle time starts again). */
int pw_store_session_touch(struct pw_store *s, int64_t id);
/* Ends the session whose token hashes to token_hash (none: still 0). */
int pw_store_session_delete(struct pw_store *s, const char *token_hash);

/*
 * A stamp of the database's content for caches of derived results (the
 * server's evaluations): the id of the newest audit log row.  Every write
 * of plans and monitoring data appends one (store.h, monitor.h), so a
 * result computed AFTER reading stamp N reflects at least everything up
 * to N; a larger stamp means it may be stale.  Sessions are not audited
 * and do not change it.  0 for an empty log.
 */
int pw_store_change_stamp(struct pw_store *s, int64_t *stamp);

#endif
