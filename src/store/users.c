/*
 * users.c - web users and sessions (store/users.h): the SQL behind
 * "planwatch user" and the server's sign-in.  Times are ISO 8601 UTC text
 * ("2026-01-31T08:00:00Z"), compared as text.
 */
#include "store/monitor.h"
#include "store/monitor_int.h"
#include "store/store_internal.h"
#include "store/users.h"
#include "util/alloc.h"
#include "util/error.h"

#include <string.h>
#include "util/nelem.h"

#define ISO_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
/* "now" shifted by a bound modifier such as "-1800 seconds" */
#define ISO_SHIFT(p) "strftime('%Y-%m-%dT%H:%M:%SZ', 'now', " p ")"

bool pw_user_role_valid(const char *role)
{
	static const char *const roles[] = { "admin", "planner", "editor", "viewer" };
	size_t i;

	for (i = 0; role && i < NELEM(roles); i++)
		if (!strcmp(role, roles[i]))
			return true;
	return false;
}

void pw_user_release(struct pw_user *u)
{
	free(u->name);
	free(u->role);
	free(u->unit);
	free(u->created_at);
	free(u->hash);
	memset(u, 0, sizeof(*u));
}

void pw_user_free_array(struct pw_user *u, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		pw_user_release(&u[i]);
	free(u);
}

void pw_session_release(struct pw_session *ss)
{
	pw_user_release(&ss->user);
	free(ss->csrf);
	memset(ss, 0, sizeof(*ss));
}

/* What the audit log keeps of a user: never the hash. */
static const char user_json_sql[] =
	"SELECT json_object('id', u.id, 'name', u.name, 'role', u.role, 'unit',"
	" (SELECT name FROM units WHERE id = u.unit_id), 'disabled', u.disabled)"
	" FROM users u WHERE u.id = ?";

#define USER_COLS "u.id, u.name, u.role, u.unit_id, n.name, u.disabled, u.created_at"
#define USER_FROM " FROM users u LEFT JOIN units n ON n.id = u.unit_id"

/* Reads the USER_COLS of st from column `at` on. */
static void read_user(sqlite3_stmt *st, int at, struct pw_user *u)
{
	u->id = sqlite3_column_int64(st, at);
	u->name = pw_col_text(st, at + 1);
	u->role = pw_col_text(st, at + 2);
	u->unit_id = sqlite3_column_int64(st, at + 3);
	u->unit = pw_col_text(st, at + 4);
	u->disabled = sqlite3_column_int(st, at + 5) != 0;
	u->created_at = pw_col_text(st, at + 6);
}

static int user_id_of(struct pw_store *s, const char *name, int64_t *id)
{
	sqlite3_stmt *st = pw_store_stmt(s, "SELECT id FROM users WHERE name = ?");

	if (!st)
		return -1;
	pw_bind_text(st, 1, name);
	return pw_store_step_id(s, st, id);
}

static int user_insert(struct pw_store *s, const char *name, const char *role,
		       const char *unit, const char *hash, const char *who, int64_t *id)
{
	sqlite3_stmt *st;
	int64_t unit_id = 0;
	int rc = user_id_of(s, name, id);

	if (rc != PW_STORE_NOTFOUND)
		return rc < 0 ? -1 : pw_error("user '%s' already exists", name);
	if (unit && (rc = pw_store_unit_find(s, unit, &unit_id)) < 0)
		return rc;
	st = pw_store_stmt(s, "INSERT INTO users (name, role, unit_id, password_hash)"
			      " VALUES (?, ?, ?, ?)");
	if (!st)
		return -1;
	pw_bind_text(st, 1, name);
	pw_bind_text(st, 2, role);
	pw_bind_int_or_null(st, 3, unit_id, unit != NULL);
	pw_bind_text(st, 4, hash);
	if (pw_store_run(s, st) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return pw_monitor_audit_rows(s, who, "user.add", "user", user_json_sql, 0, *id);
}

int pw_store_user_add(struct pw_store *s, const char *name, const char *role,
		      const char *unit, const char *hash, const char *who, int64_t *id)
{
	int64_t dummy;
	int own, rc;

	if (!name || !*name)
		return pw_error("a user needs a name");
	if (!pw_user_role_valid(role))
		return pw_error("unknown role '%s' (admin, planner, editor or viewer)",
				role ? role : "");
	if (!strcmp(role, "editor") && !unit)
		return pw_error("an editor needs the unit it enters data for (--unit)");
	if (pw_store_write_begin(s, &own) < 0)
		return -1;
	rc = user_insert(s, name, role, unit, hash, who, id ? id : &dummy);
	return pw_store_write_end(s, own, rc);
}

static int end_sessions(struct pw_store *s, int64_t user_id)
{
	sqlite3_stmt *st = pw_store_stmt(s, "DELETE FROM sessions WHERE user_id = ?");

	if (!st)
		return -1;
	pw_bind_int(st, 1, user_id);
	return pw_store_run(s, st);
}

/* Runs `sql` (one parameter pair: ?1 the user id, ?2 text) on user name,
 * ends its sessions and audits `action`. */
static int user_change_tx(struct pw_store *s, const char *name, const char *sql,
			  const char *text, const char *action, const char *who)
{
	sqlite3_stmt *st;
	int64_t id;
	int rc = user_id_of(s, name, &id);

	if (rc == PW_STORE_NOTFOUND)
		pw_error("no user '%s'", name);
	if (rc < 0)
		return rc;
	if (!(st = pw_store_stmt(s, sql)))
		return -1;
	pw_bind_int(st, 1, id);
	pw_bind_text(st, 2, text);
	if (pw_store_run(s, st) < 0 || end_sessions(s, id) < 0)
		return -1;
	return pw_monitor_audit_rows(s, who, action, "user", user_json_sql, id, id);
}

static int user_change(struct pw_store *s, const char *name, const char *sql,
		       const char *text, const char *action, const char *who)
{
	int own, rc;

	if (pw_store_write_begin(s, &own) < 0)
		return -1;
	rc = user_change_tx(s, name, sql, text, action, who);
	return pw_store_write_end(s, own, rc);
}

int pw_store_user_set_password(struct pw_store *s, const char *name, const char *hash,
			       const char *who)
{
	return user_change(s, name, "UPDATE users SET password_hash = ?2 WHERE id = ?1", hash,
			   "user.passwd", who);
}

int pw_store_user_disable(struct pw_store *s, const char *name, const char *who)
{
	return user_change(s, name, "UPDATE users SET disabled = 1 WHERE id = ?1 AND ?2 IS NULL",
			   NULL, "user.disable", who);
}

int pw_store_user_get(struct pw_store *s, const char *name, struct pw_user *out)
{
	sqlite3_stmt *st = pw_store_stmt(s, "SELECT " USER_COLS ", u.password_hash" USER_FROM
					    " WHERE u.name = ?");
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	pw_bind_text(st, 1, name);
	rc = pw_store_step(s, st);
	if (rc != 1)
		return rc < 0 ? -1 : PW_STORE_NOTFOUND;
	read_user(st, 0, out);
	out->hash = pw_col_text(st, 7);
	sqlite3_reset(st);
	return 0;
}

int pw_store_user_list(struct pw_store *s, struct pw_user **out, size_t *n)
{
	sqlite3_stmt *st = pw_store_stmt(s, "SELECT " USER_COLS USER_FROM " ORDER BY u.name");
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	while ((rc = pw_store_step(s, st)) == 1) {
		ALLOC_GROW(*out, *n + 1, alloc);
		memset(&(*out)[*n], 0, sizeof(**out));
		read_user(st, 0, &(*out)[(*n)++]);
	}
	if (rc < 0) {
		pw_user_free_array(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Sessions                                                           */

static int session_add_tx(struct pw_store *s, int64_t user_id, const char *token_hash,
			  const char *csrf, const char *ends)
{
	sqlite3_stmt *st = pw_store_stmt(s, "DELETE FROM sessions WHERE expires_at <= " ISO_NOW);

	if (!st || pw_store_run(s, st) < 0)
		return -1;
	st = pw_store_stmt(s, "INSERT INTO sessions (token_hash, user_id, csrf, expires_at,"
			      " last_seen) VALUES (?, ?, ?, " ISO_SHIFT("?4") ", " ISO_NOW ")");
	if (!st)
		return -1;
	pw_bind_text(st, 1, token_hash);
	pw_bind_int(st, 2, user_id);
	pw_bind_text(st, 3, csrf);
	pw_bind_text(st, 4, ends);
	return pw_store_run(s, st);
}

int pw_store_session_add(struct pw_store *s, int64_t user_id, const char *token_hash,
			 const char *csrf, long absolute_sec)
{
	char ends[40];
	int own, rc;

	snprintf(ends, sizeof(ends), "%+ld seconds", absolute_sec);
	if (pw_store_write_begin(s, &own) < 0)
		return -1;
	rc = session_add_tx(s, user_id, token_hash, csrf, ends);
	return pw_store_write_end(s, own, rc);
}

int pw_store_session_find(struct pw_store *s, const char *token_hash, long idle_sec,
			  long touch_sec, struct pw_session *out)
{
	sqlite3_stmt *st = pw_store_stmt(
		s, "SELECT s.id, s.csrf, s.last_seen <= " ISO_SHIFT("?3") ", " USER_COLS
		   " FROM sessions s JOIN users u ON u.id = s.user_id"
		   " LEFT JOIN units n ON n.id = u.unit_id"
		   " WHERE s.token_hash = ?1 AND s.expires_at > " ISO_NOW
		   " AND s.last_seen >= " ISO_SHIFT("?2") " AND u.disabled = 0");
	char idle[40], touch[40];
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	snprintf(idle, sizeof(idle), "-%ld seconds", idle_sec);
	snprintf(touch, sizeof(touch), "-%ld seconds", touch_sec);
	pw_bind_text(st, 1, token_hash);
	pw_bind_text(st, 2, idle);
	pw_bind_text(st, 3, touch);
	rc = pw_store_step(s, st);
	if (rc != 1)
		return rc < 0 ? -1 : PW_STORE_NOTFOUND;
	out->id = sqlite3_column_int64(st, 0);
	out->csrf = pw_col_text(st, 1);
	out->stale = sqlite3_column_int(st, 2) != 0;
	read_user(st, 3, &out->user);
	sqlite3_reset(st);
	return 0;
}

int pw_store_session_touch(struct pw_store *s, int64_t id)
{
	sqlite3_stmt *st = pw_store_stmt(s, "UPDATE sessions SET last_seen = " ISO_NOW
					    " WHERE id = ?");

	if (!st)
		return -1;
	pw_bind_int(st, 1, id);
	return pw_store_run(s, st);
}

int pw_store_session_delete(struct pw_store *s, const char *token_hash)
{
	sqlite3_stmt *st = pw_store_stmt(s, "DELETE FROM sessions WHERE token_hash = ?");

	if (!st)
		return -1;
	pw_bind_text(st, 1, token_hash);
	return pw_store_run(s, st);
}

/* ------------------------------------------------------------------ */
/* Change stamp                                                       */

int pw_store_change_stamp(struct pw_store *s, int64_t *stamp)
{
	sqlite3_stmt *st = pw_store_stmt(s, "SELECT coalesce(max(id), 0) FROM audit_log");
	int rc;

	*stamp = 0;
	if (!st)
		return -1;
	rc = pw_store_step_id(s, st, stamp);
	return rc == PW_STORE_NOTFOUND ? 0 : rc;
}
