/*
 * schema.c - the database schema as an ordered list of migrations.
 *
 * Migration N brings a database from schema version N-1 to N.  Each runs
 * in its own transaction together with the bump of PRAGMA user_version
 * (the authoritative version) and a row in schema_migrations (when and
 * what), so a crash leaves the database at N-1 or N, never in between.
 * Rules for adding one (docs/schema.md): append, never edit or reorder a
 * released step; a step only adds or transforms, it must keep data.
 */
#include "store/store_internal.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/nelem.h"

struct migration {
	const char *description;
	const char *sql;
};

#define NOW "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"

/* 1: plans, their versions and everything extracted from a document. */
static const char m1_plans[] =
	"CREATE TABLE schema_migrations ("
	" version INTEGER PRIMARY KEY,"
	" description TEXT NOT NULL,"
	" applied_at TEXT NOT NULL DEFAULT " NOW ") STRICT;"

	"CREATE TABLE plans ("
	" id INTEGER PRIMARY KEY,"
	" identity TEXT NOT NULL UNIQUE,"
	" title TEXT, region TEXT, ordinal INTEGER,"
	" period_start INTEGER, period_end INTEGER,"
	" current_version INTEGER NOT NULL DEFAULT 0,"
	" created_at TEXT NOT NULL DEFAULT " NOW ") STRICT;"
	"CREATE INDEX plans_region ON plans (region, ordinal);"

	"CREATE TABLE plan_versions ("
	" id INTEGER PRIMARY KEY,"
	" plan_id INTEGER NOT NULL REFERENCES plans (id),"
	" version INTEGER NOT NULL CHECK (version >= 1),"
	" title TEXT, region TEXT, ordinal INTEGER,"
	" period_start INTEGER, period_end INTEGER,"
	" source TEXT,"
	" checksum TEXT NOT NULL CHECK (length(checksum) = 64),"
	" content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),"
	" imported_at TEXT NOT NULL DEFAULT " NOW ","
	" imported_by TEXT NOT NULL,"
	" UNIQUE (plan_id, version)) STRICT;"
	"CREATE INDEX plan_versions_checksum ON plan_versions (checksum);"

	"CREATE TABLE sections ("
	" id INTEGER PRIMARY KEY,"
	" version_id INTEGER NOT NULL REFERENCES plan_versions (id),"
	" seq INTEGER NOT NULL,"
	" level TEXT NOT NULL CHECK (level IN ('part', 'chapter', 'section', 'item', 'subitem')),"
	" number TEXT, title TEXT,"
	" line INTEGER NOT NULL,"
	" parent_id INTEGER REFERENCES sections (id),"
	" UNIQUE (version_id, seq)) STRICT;"
	"CREATE INDEX sections_parent ON sections (parent_id);"

	"CREATE TABLE indicator_tables ("
	" id INTEGER PRIMARY KEY,"
	" version_id INTEGER NOT NULL REFERENCES plan_versions (id),"
	" seq INTEGER NOT NULL,"
	" title TEXT, line INTEGER NOT NULL,"
	" period_start INTEGER, period_end INTEGER,"
	" section_id INTEGER REFERENCES sections (id),"
	" UNIQUE (version_id, seq)) STRICT;"
	"CREATE INDEX indicator_tables_section ON indicator_tables (section_id);"

	"CREATE TABLE indicators ("
	" id INTEGER PRIMARY KEY,"
	" table_id INTEGER NOT NULL REFERENCES indicator_tables (id),"
	" version_id INTEGER NOT NULL REFERENCES plan_versions (id),"
	" seq INTEGER NOT NULL,"
	" key INTEGER NOT NULL,"
	" no TEXT, group_name TEXT, category TEXT, name TEXT, unit TEXT,"
	" attribute TEXT CHECK (attribute IN ('expected', 'binding')),"
	" direction TEXT NOT NULL CHECK (direction IN ('up', 'down')),"
	" baseline_year INTEGER, baseline_value REAL,"
	" actual_year INTEGER, actual_value REAL,"
	" actual_estimated INTEGER NOT NULL DEFAULT 0 CHECK (actual_estimated IN (0, 1)),"
	" note TEXT, line INTEGER NOT NULL,"
	" section_id INTEGER REFERENCES sections (id),"
	" UNIQUE (table_id, seq)) STRICT;"
	"CREATE INDEX indicators_version ON indicators (version_id, key);"
	"CREATE INDEX indicators_section ON indicators (section_id);"

	"CREATE TABLE targets ("
	" id INTEGER PRIMARY KEY,"
	" version_id INTEGER NOT NULL REFERENCES plan_versions (id),"
	" indicator_id INTEGER REFERENCES indicators (id),"
	" seq INTEGER NOT NULL,"
	" key INTEGER NOT NULL,"
	" kind TEXT NOT NULL CHECK (kind IN"
	"  ('level', 'growth', 'cumulative', 'annual', 'external', 'relation')),"
	" cmp TEXT CHECK (cmp IN ('eq', 'ge', 'le', 'approx', 'range')),"
	" value REAL, value_hi REAL, year INTEGER, text TEXT,"
	" subject TEXT, unit TEXT, line INTEGER,"
	" section_id INTEGER REFERENCES sections (id),"
	" CHECK (indicator_id IS NOT NULL OR line IS NOT NULL)) STRICT;"
	"CREATE INDEX targets_indicator ON targets (indicator_id, seq);"
	"CREATE INDEX targets_version ON targets (version_id, key);"
	"CREATE UNIQUE INDEX targets_prose_order ON targets (version_id, seq)"
	" WHERE indicator_id IS NULL;"
	"CREATE INDEX targets_section ON targets (section_id);"

	"CREATE TABLE columns ("
	" id INTEGER PRIMARY KEY,"
	" version_id INTEGER NOT NULL REFERENCES plan_versions (id),"
	" seq INTEGER NOT NULL,"
	" title TEXT, line INTEGER NOT NULL,"
	" section_id INTEGER REFERENCES sections (id),"
	" UNIQUE (version_id, seq)) STRICT;"
	"CREATE INDEX columns_section ON columns (section_id);"

	"CREATE TABLE column_items ("
	" id INTEGER PRIMARY KEY,"
	" column_id INTEGER NOT NULL REFERENCES columns (id),"
	" version_id INTEGER NOT NULL REFERENCES plan_versions (id),"
	" seq INTEGER NOT NULL,"
	" key INTEGER NOT NULL,"
	" no INTEGER NOT NULL, title TEXT, text TEXT, line INTEGER NOT NULL,"
	" UNIQUE (column_id, seq)) STRICT;"
	"CREATE INDEX column_items_version ON column_items (version_id, key);"

	"CREATE VIEW current_versions AS"
	" SELECT v.* FROM plan_versions v JOIN plans p"
	" ON p.id = v.plan_id AND v.version = p.current_version;";

/* An append-only table: no row may be changed or removed. */
#define APPEND_ONLY(t)                                                          \
	"CREATE TRIGGER " t "_no_update BEFORE UPDATE ON " t " BEGIN"            \
	" SELECT RAISE(ABORT, '" t " is append-only: add a new row instead'); END;" \
	"CREATE TRIGGER " t "_no_delete BEFORE DELETE ON " t " BEGIN"            \
	" SELECT RAISE(ABORT, '" t " is append-only: rows cannot be deleted'); END;"

#define STATE_CHECK "CHECK (state IN ('draft', 'submitted', 'approved', 'returned'))"

/* 2: responsibility, monitoring data, users and the audit trail. */
static const char m2_monitoring[] =
	"CREATE TABLE units ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE,"
	" short_name TEXT,"
	" parent_id INTEGER REFERENCES units (id),"
	" contact TEXT,"
	" created_at TEXT NOT NULL DEFAULT " NOW ") STRICT;"
	"CREATE INDEX units_parent ON units (parent_id);"

	"CREATE TABLE users ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE,"
	" role TEXT NOT NULL CHECK (role IN ('admin', 'planner', 'editor', 'viewer')),"
	" unit_id INTEGER REFERENCES units (id),"
	" password_hash TEXT NOT NULL CHECK (substr(password_hash, 1, 10) = '$argon2id$'),"
	" disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
	" created_at TEXT NOT NULL DEFAULT " NOW ","
	" CHECK (role <> 'editor' OR unit_id IS NOT NULL)) STRICT;"
	"CREATE INDEX users_unit ON users (unit_id);"

	"CREATE TABLE sessions ("
	" id INTEGER PRIMARY KEY,"
	" token_hash TEXT NOT NULL UNIQUE,"
	" user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
	" csrf TEXT NOT NULL,"
	" created_at TEXT NOT NULL DEFAULT " NOW ","
	" expires_at TEXT NOT NULL,"
	" last_seen TEXT) STRICT;"
	"CREATE INDEX sessions_user ON sessions (user_id);"
	"CREATE INDEX sessions_expiry ON sessions (expires_at);"

	"CREATE TABLE assignments ("
	" id INTEGER PRIMARY KEY,"
	" unit_id INTEGER NOT NULL REFERENCES units (id),"
	" indicator_id INTEGER REFERENCES indicators (id),"
	" target_id INTEGER REFERENCES targets (id),"
	" item_id INTEGER REFERENCES column_items (id),"
	" role TEXT NOT NULL DEFAULT 'lead' CHECK (role IN ('lead', 'support')),"
	" reporting_year INTEGER,"
	" assigned_by TEXT NOT NULL,"
	" assigned_at TEXT NOT NULL DEFAULT " NOW ","
	" CHECK ((indicator_id IS NOT NULL) + (target_id IS NOT NULL)"
	"  + (item_id IS NOT NULL) = 1)) STRICT;"
	"CREATE INDEX assignments_unit ON assignments (unit_id);"
	"CREATE INDEX assignments_indicator ON assignments (indicator_id);"
	"CREATE INDEX assignments_target ON assignments (target_id);"
	"CREATE INDEX assignments_item ON assignments (item_id);"

	"CREATE TABLE observations ("
	" id INTEGER PRIMARY KEY,"
	" indicator_id INTEGER REFERENCES indicators (id),"
	" target_id INTEGER REFERENCES targets (id),"
	" year INTEGER NOT NULL,"
	" value REAL, unit TEXT, source TEXT, note TEXT,"
	" state TEXT NOT NULL DEFAULT 'draft' " STATE_CHECK ","
	" version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),"
	" entered_by TEXT NOT NULL,"
	" user_id INTEGER REFERENCES users (id),"
	" entered_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),"
	" supersedes INTEGER UNIQUE REFERENCES observations (id),"
	" CHECK ((indicator_id IS NULL) <> (target_id IS NULL))) STRICT;"
	"CREATE INDEX observations_indicator ON observations (indicator_id, year);"
	"CREATE INDEX observations_target ON observations (target_id, year);"
	"CREATE INDEX observations_user ON observations (user_id);"
	/* a correction supersedes a row of the same indicator/target and year */
	"CREATE TRIGGER observations_chain BEFORE INSERT ON observations"
	" WHEN NEW.supersedes IS NOT NULL AND NOT EXISTS (SELECT 1 FROM observations o"
	"  WHERE o.id = NEW.supersedes AND o.indicator_id IS NEW.indicator_id"
	"  AND o.target_id IS NEW.target_id AND o.year = NEW.year)"
	" BEGIN SELECT RAISE(ABORT, 'observation supersedes a row of another"
	" indicator, target or year'); END;"
	APPEND_ONLY("observations")
	"CREATE VIEW current_observations AS"
	" SELECT o.* FROM observations o"
	" WHERE NOT EXISTS (SELECT 1 FROM observations n WHERE n.supersedes = o.id);"

	"CREATE TABLE project_progress ("
	" id INTEGER PRIMARY KEY,"
	" item_id INTEGER NOT NULL REFERENCES column_items (id),"
	" year INTEGER NOT NULL,"
	" status TEXT NOT NULL CHECK (status IN"
	"  ('not_started', 'in_progress', 'completed', 'delayed', 'suspended')),"
	" percent REAL CHECK (percent IS NULL OR (percent >= 0 AND percent <= 100)),"
	" investment REAL, note TEXT, source TEXT,"
	" state TEXT NOT NULL DEFAULT 'draft' " STATE_CHECK ","
	" version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),"
	" entered_by TEXT NOT NULL,"
	" user_id INTEGER REFERENCES users (id),"
	" entered_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),"
	" supersedes INTEGER UNIQUE REFERENCES project_progress (id)) STRICT;"
	"CREATE INDEX project_progress_item ON project_progress (item_id, year);"
	"CREATE INDEX project_progress_user ON project_progress (user_id);"
	APPEND_ONLY("project_progress")

	"CREATE TABLE external_targets ("
	" id INTEGER PRIMARY KEY,"
	" target_id INTEGER NOT NULL REFERENCES targets (id),"
	" kind TEXT NOT NULL CHECK (kind IN ('level', 'growth', 'cumulative', 'annual')),"
	" cmp TEXT CHECK (cmp IN ('eq', 'ge', 'le', 'approx', 'range')),"
	" value REAL, value_hi REAL, year INTEGER, unit TEXT,"
	" source TEXT, note TEXT,"
	" set_by TEXT NOT NULL,"
	" set_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),"
	" supersedes INTEGER UNIQUE REFERENCES external_targets (id)) STRICT;"
	"CREATE INDEX external_targets_target ON external_targets (target_id);"
	APPEND_ONLY("external_targets")

	"CREATE TABLE audit_log ("
	" id INTEGER PRIMARY KEY,"
	" at TEXT NOT NULL,"
	" actor TEXT NOT NULL,"
	" action TEXT NOT NULL,"
	" entity TEXT NOT NULL,"
	" entity_id INTEGER,"
	" before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),"
	" after_json TEXT CHECK (after_json IS NULL OR json_valid(after_json))) STRICT;"
	"CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);"
	"CREATE INDEX audit_log_at ON audit_log (at);"
	APPEND_ONLY("audit_log");

/* 3: estimates (预计) and review notes on observations and project progress
 * (a state change is a new row of the chain: docs/monitoring.md). */
static const char m3_review[] =
	"ALTER TABLE observations ADD COLUMN estimated INTEGER NOT NULL DEFAULT 0"
	" CHECK (estimated IN (0, 1));"
	"ALTER TABLE observations ADD COLUMN review_note TEXT;"
	"ALTER TABLE project_progress ADD COLUMN review_note TEXT;";

/* 4: the approved values, as assessment reads them (store/bulk.c), in
 * covering partial indexes: reading a province's series then touches
 * only these entries, not the wide observation rows and their drafts. */
static const char m4_approved[] =
	"CREATE INDEX observations_approved_ind ON observations"
	" (indicator_id, year, value, estimated)"
	" WHERE state = 'approved' AND indicator_id IS NOT NULL;"
	"CREATE INDEX observations_approved_tgt ON observations"
	" (target_id, year, value, estimated)"
	" WHERE state = 'approved' AND target_id IS NOT NULL;";


/*
 * 5: observations in a compact layout (docs/schema.md, "observations").
 * The rows move to table `obs`: state as an integer (0 draft, 1
 * submitted, 2 approved, 3 returned: enum pw_obs_state), entered_at as
 * integer milliseconds since 1970 (UTC), unit, source and entered_by as
 * ids into the append-only `obs_texts`.  One covering index per kind of
 * row, (indicator_id | target_id, year, state, value, estimated), serves
 * the chain heads, the series and the bulk assessment, so the approved
 * indexes of step 4 go; supersedes and user_id get partial indexes.
 * `observations` becomes a view with the columns and values of steps 2-3
 * (an INSTEAD OF INSERT trigger writes through it), and
 * current_observations reads it as before.  Every row keeps its id.
 */
#define OBS_MS(t) "CAST(round((julianday(" t ") - 2440587.5) * 86400000) AS INTEGER)"
#define OBS_TEXT_ID(v) "(SELECT id FROM obs_texts WHERE text = " v ")"
#define OBS_STATE_NO(v) "(CASE " v " WHEN 'draft' THEN 0 WHEN 'submitted' THEN 1" \
			" WHEN 'approved' THEN 2 WHEN 'returned' THEN 3 END)"
#define OBS_ADD_TEXT(v) "INSERT INTO obs_texts (text) SELECT " v " WHERE " v " IS NOT NULL" \
			" AND NOT EXISTS (SELECT 1 FROM obs_texts WHERE text = " v ");"

static const char m5_compact_obs[] =
	"DROP VIEW current_observations;"
	"DROP TRIGGER observations_chain;"
	"DROP TRIGGER observations_no_update;"
	"DROP TRIGGER observations_no_delete;"

	"CREATE TABLE obs_texts ("
	" id INTEGER PRIMARY KEY,"
	" text TEXT NOT NULL UNIQUE) STRICT;"
	APPEND_ONLY("obs_texts")

	"CREATE TABLE obs ("
	" id INTEGER PRIMARY KEY,"
	" indicator_id INTEGER REFERENCES indicators (id),"
	" target_id INTEGER REFERENCES targets (id),"
	" year INTEGER NOT NULL,"
	" value REAL,"
	" state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),"
	" version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),"
	" estimated INTEGER NOT NULL DEFAULT 0 CHECK (estimated IN (0, 1)),"
	" unit_id INTEGER REFERENCES obs_texts (id),"
	" source_id INTEGER REFERENCES obs_texts (id),"
	" entered_by_id INTEGER NOT NULL REFERENCES obs_texts (id),"
	" user_id INTEGER REFERENCES users (id),"
	" entered_at INTEGER NOT NULL DEFAULT (" OBS_MS("'now'") "),"
	" supersedes INTEGER REFERENCES obs (id),"
	" note TEXT, review_note TEXT,"
	" CHECK ((indicator_id IS NULL) <> (target_id IS NULL))) STRICT;"

	/* the rows, in id order (a row only supersedes an older one) */
	"INSERT INTO obs_texts (text) SELECT DISTINCT t FROM (SELECT unit AS t FROM observations"
	" UNION SELECT source FROM observations UNION SELECT entered_by FROM observations)"
	" WHERE t IS NOT NULL ORDER BY t;"
	"INSERT INTO obs (id, indicator_id, target_id, year, value, state, version, estimated,"
	" unit_id, source_id, entered_by_id, user_id, entered_at, supersedes, note, review_note)"
	" SELECT id, indicator_id, target_id, year, value, " OBS_STATE_NO("state") ", version,"
	" estimated, " OBS_TEXT_ID("unit") ", " OBS_TEXT_ID("source") ","
	" " OBS_TEXT_ID("entered_by") ", user_id, " OBS_MS("entered_at") ", supersedes, note,"
	" review_note FROM observations ORDER BY id;"
	"DROP TABLE observations;"

	"CREATE INDEX obs_indicator ON obs (indicator_id, year, state, value, estimated)"
	" WHERE indicator_id IS NOT NULL;"
	"CREATE INDEX obs_target ON obs (target_id, year, state, value, estimated)"
	" WHERE target_id IS NOT NULL;"
	/* a chain, never a fork */
	"CREATE UNIQUE INDEX obs_supersedes ON obs (supersedes) WHERE supersedes IS NOT NULL;"
	"CREATE INDEX obs_user ON obs (user_id) WHERE user_id IS NOT NULL;"
	"CREATE TRIGGER obs_chain BEFORE INSERT ON obs"
	" WHEN NEW.supersedes IS NOT NULL AND NOT EXISTS (SELECT 1 FROM obs o"
	"  WHERE o.id = NEW.supersedes AND o.indicator_id IS NEW.indicator_id"
	"  AND o.target_id IS NEW.target_id AND o.year = NEW.year)"
	" BEGIN SELECT RAISE(ABORT, 'observation supersedes a row of another"
	" indicator, target or year'); END;"
	APPEND_ONLY("obs")

	"CREATE VIEW observations AS"
	" SELECT o.id AS id, o.indicator_id AS indicator_id, o.target_id AS target_id,"
	" o.year AS year, o.value AS value, u.text AS unit, c.text AS source, o.note AS note,"
	" CASE o.state WHEN 0 THEN 'draft' WHEN 1 THEN 'submitted' WHEN 2 THEN 'approved'"
	" ELSE 'returned' END AS state,"
	" o.version AS version, b.text AS entered_by, o.user_id AS user_id,"
	" strftime('%Y-%m-%dT%H:%M:%fZ', o.entered_at / 1000.0, 'unixepoch') AS entered_at,"
	" o.supersedes AS supersedes, o.estimated AS estimated, o.review_note AS review_note"
	" FROM obs o LEFT JOIN obs_texts u ON u.id = o.unit_id"
	" LEFT JOIN obs_texts c ON c.id = o.source_id"
	" LEFT JOIN obs_texts b ON b.id = o.entered_by_id;"
	"CREATE VIEW current_observations AS"
	" SELECT o.* FROM observations o"
	" WHERE NOT EXISTS (SELECT 1 FROM obs n WHERE n.supersedes = o.id);"
	/* writing through the view, as into the table of step 2 */
	"CREATE TRIGGER observations_insert INSTEAD OF INSERT ON observations BEGIN "
	OBS_ADD_TEXT("NEW.unit") OBS_ADD_TEXT("NEW.source") OBS_ADD_TEXT("NEW.entered_by")
	" INSERT INTO obs (id, indicator_id, target_id, year, value, state, version, estimated,"
	" unit_id, source_id, entered_by_id, user_id, entered_at, supersedes, note, review_note)"
	" VALUES (NEW.id, NEW.indicator_id, NEW.target_id, NEW.year, NEW.value,"
	" " OBS_STATE_NO("COALESCE(NEW.state, 'draft')") ", COALESCE(NEW.version, 1),"
	" COALESCE(NEW.estimated, 0), " OBS_TEXT_ID("NEW.unit") ", " OBS_TEXT_ID("NEW.source") ","
	" " OBS_TEXT_ID("NEW.entered_by") ", NEW.user_id,"
	" " OBS_MS("COALESCE(NEW.entered_at, 'now')") ", NEW.supersedes, NEW.note,"
	" NEW.review_note); END;"
	"CREATE TRIGGER observations_no_update INSTEAD OF UPDATE ON observations BEGIN"
	" SELECT RAISE(ABORT, 'observations is append-only: add a new row instead'); END;"
	"CREATE TRIGGER observations_no_delete INSTEAD OF DELETE ON observations BEGIN"
	" SELECT RAISE(ABORT, 'observations is append-only: rows cannot be deleted'); END;";

/* The plan's region in the gazetteer (lint/gazetteer.h), set by import:
 * lets the web side group plans by province and city. */
static const char m6_region_code[] =
	"ALTER TABLE plans ADD COLUMN region_code TEXT;"
	"ALTER TABLE plans ADD COLUMN region_path TEXT;"
	"ALTER TABLE plan_versions ADD COLUMN region_code TEXT;"
	"ALTER TABLE plan_versions ADD COLUMN region_path TEXT;"
	"CREATE INDEX plans_region_code ON plans (region_code);";
/* What the monitoring values of an indicator or prose target are
 * (model/series.h: 0 auto, 1 level, 2 amount, 3 rate, 4 running total),
 * decided at import from the wording (docs/assessment.md, "Measures").
 * Rows imported before keep 0: the engine decides as it did. */
static const char m7_measures[] =
	"ALTER TABLE indicators ADD COLUMN measure INTEGER NOT NULL DEFAULT 0"
	" CHECK (measure BETWEEN 0 AND 4);"
	"ALTER TABLE targets ADD COLUMN measure INTEGER NOT NULL DEFAULT 0"
	" CHECK (measure BETWEEN 0 AND 4);";

/* Annual documents (政府工作报告, 年度计划) imported against a five-year
 * plan, the targets they set for their year, and the links from each to
 * the indicator or prose target of the plan it implements (docs/annual.md).
 * A link is 'matched' (one candidate), 'ambiguous' (one row per candidate,
 * for a person to confirm), 'confirmed' (by a person) or 'none' (no
 * candidate, or a person said none). */
static const char m8_annual[] =
	"CREATE TABLE annual_docs ("
	" id INTEGER PRIMARY KEY,"
	" plan_id INTEGER NOT NULL REFERENCES plans (id),"
	" kind TEXT NOT NULL DEFAULT 'annual' CHECK (kind IN ('annual')),"
	" year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),"
	" title TEXT, region TEXT, source TEXT,"
	" checksum TEXT NOT NULL CHECK (length(checksum) = 64),"
	" imported_at TEXT NOT NULL DEFAULT " NOW ","
	" imported_by TEXT NOT NULL,"
	" UNIQUE (plan_id, checksum)) STRICT;"
	"CREATE INDEX annual_docs_plan ON annual_docs (plan_id, year);"

	"CREATE TABLE annual_targets ("
	" id INTEGER PRIMARY KEY,"
	" doc_id INTEGER NOT NULL REFERENCES annual_docs (id),"
	" seq INTEGER NOT NULL,"
	" year INTEGER NOT NULL,"
	" kind TEXT NOT NULL CHECK (kind IN"
	"  ('level', 'growth', 'cumulative', 'annual', 'external', 'relation')),"
	" cmp TEXT CHECK (cmp IN ('eq', 'ge', 'le', 'approx', 'range')),"
	" value REAL, value_hi REAL, text TEXT, subject TEXT, unit TEXT,"
	" line INTEGER NOT NULL,"
	" UNIQUE (doc_id, seq)) STRICT;"

	"CREATE TABLE annual_links ("
	" id INTEGER PRIMARY KEY,"
	" annual_target_id INTEGER NOT NULL REFERENCES annual_targets (id),"
	" indicator_id INTEGER REFERENCES indicators (id),"
	" target_id INTEGER REFERENCES targets (id),"
	" status TEXT NOT NULL CHECK (status IN ('matched', 'ambiguous', 'confirmed', 'none')),"
	" decided_by TEXT NOT NULL,"
	" decided_at TEXT NOT NULL DEFAULT " NOW ","
	" CHECK ((status = 'none') = (indicator_id IS NULL AND target_id IS NULL)),"
	" CHECK (indicator_id IS NULL OR target_id IS NULL)) STRICT;"
	"CREATE INDEX annual_links_target ON annual_links (annual_target_id);"
	"CREATE INDEX annual_links_indicator ON annual_links (indicator_id);";

/* 9: which table indicator a prose target restates (the same figure
 * written twice: 城镇登记失业率 in 表2 and in the text), decided once at
 * import by the name/unit rule (subject = indicator name but for blanks,
 * same unit) and correctable by the planning office
 * (`planwatch target link`).  Append-only: a correction adds a row, an
 * office row outranks an import row, the newest of a kind counts, and a
 * row speaks for the target's key in every version of its plan
 * (PW_TARGET_LINK in store/store_internal.h).  indicator_id NULL: restates
 * none.  Prose targets imported before get their import row here. */
static const char m9_target_links[] =
	"CREATE TABLE target_links ("
	" id INTEGER PRIMARY KEY,"
	" target_id INTEGER NOT NULL REFERENCES targets (id),"
	" indicator_id INTEGER REFERENCES indicators (id),"
	" origin TEXT NOT NULL CHECK (origin IN ('import', 'office')),"
	" set_by TEXT NOT NULL,"
	" set_at TEXT NOT NULL DEFAULT " NOW ","
	" note TEXT) STRICT;"
	"CREATE INDEX target_links_target ON target_links (target_id);"
	APPEND_ONLY("target_links")
	"INSERT INTO target_links (target_id, indicator_id, origin, set_by)"
	" SELECT id, ind, 'import', 'schema 9' FROM (SELECT g.id, " PW_TARGET_LINK_RULE("g")
	" AS ind FROM targets g WHERE g.indicator_id IS NULL ORDER BY g.id) WHERE ind IS NOT NULL;";

/* 10: the observations awaiting review or returned (chain heads in state
 * 1 or 3), kept by triggers as rows are added, so a review queue reads
 * those and not the history of every value (docs/schema.md). */
static const char m10_pending[] =
	"CREATE TABLE obs_pending (id INTEGER PRIMARY KEY REFERENCES obs (id)) STRICT;"
	"INSERT INTO obs_pending (id) SELECT o.id FROM obs o WHERE o.state IN (1, 3)"
	" AND NOT EXISTS (SELECT 1 FROM obs n WHERE n.supersedes = o.id);"
	"CREATE TRIGGER obs_pending_add AFTER INSERT ON obs WHEN NEW.state IN (1, 3)"
	" BEGIN INSERT INTO obs_pending (id) VALUES (NEW.id); END;"
	"CREATE TRIGGER obs_pending_done AFTER INSERT ON obs WHEN NEW.supersedes IS NOT NULL"
	" BEGIN DELETE FROM obs_pending WHERE id = NEW.supersedes; END;";

/* 11: what the planning office sets for monitoring (docs/schema.md):
 *  - value_limits: the plausible minimum and/or maximum of the values of
 *    a table indicator or a prose target; a value outside is refused by
 *    every way of entering it (monitor/batch.c).  Append-only, the newest
 *    row counts (both NULL: no limits), and a row speaks for its row's
 *    key in every version of the plan (plan_id and key copied into the
 *    row), as target_links of step 9 do;
 *  - report_deadlines: the day a plan's figures of a year are due, for
 *    every unit (unit_id NULL) or one; the newest row counts, due NULL
 *    takes a setting back; without a row, 31 March of the next year;
 *  - progress_pending: the 专栏 progress reports awaiting review or
 *    returned (chain heads in state submitted or returned), kept by
 *    triggers, as obs_pending of step 10 is for values. */
static const char m11_office[] =
	"CREATE TABLE value_limits ("
	" id INTEGER PRIMARY KEY,"
	" plan_id INTEGER NOT NULL REFERENCES plans (id),"
	" indicator_id INTEGER REFERENCES indicators (id),"
	" target_id INTEGER REFERENCES targets (id),"
	" key INTEGER NOT NULL,"
	" min REAL, max REAL, note TEXT,"
	" set_by TEXT NOT NULL,"
	" set_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),"
	" CHECK ((indicator_id IS NULL) <> (target_id IS NULL)),"
	" CHECK (min IS NULL OR max IS NULL OR min <= max)) STRICT;"
	"CREATE INDEX value_limits_key ON value_limits (plan_id, key);"
	"CREATE INDEX value_limits_indicator ON value_limits (indicator_id);"
	"CREATE INDEX value_limits_target ON value_limits (target_id);"
	APPEND_ONLY("value_limits")

	"CREATE TABLE report_deadlines ("
	" id INTEGER PRIMARY KEY,"
	" plan_id INTEGER NOT NULL REFERENCES plans (id),"
	" year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),"
	" unit_id INTEGER REFERENCES units (id),"
	" due TEXT CHECK (due IS NULL OR (length(due) = 10 AND date(due) IS due)),"
	" note TEXT,"
	" set_by TEXT NOT NULL,"
	" set_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))) STRICT;"
	"CREATE INDEX report_deadlines_plan ON report_deadlines (plan_id, year, unit_id);"
	"CREATE INDEX report_deadlines_unit ON report_deadlines (unit_id);"
	APPEND_ONLY("report_deadlines")

	"CREATE TABLE progress_pending (id INTEGER PRIMARY KEY"
	" REFERENCES project_progress (id)) STRICT;"
	"INSERT INTO progress_pending (id) SELECT p.id FROM project_progress p"
	" WHERE p.state IN ('submitted', 'returned')"
	" AND NOT EXISTS (SELECT 1 FROM project_progress n WHERE n.supersedes = p.id);"
	"CREATE TRIGGER progress_pending_add AFTER INSERT ON project_progress"
	" WHEN NEW.state IN ('submitted', 'returned')"
	" BEGIN INSERT INTO progress_pending (id) VALUES (NEW.id); END;"
	"CREATE TRIGGER progress_pending_done AFTER INSERT ON project_progress"
	" WHEN NEW.supersedes IS NOT NULL"
	" BEGIN DELETE FROM progress_pending WHERE id = NEW.supersedes; END;";

static const struct migration migrations[] = {
	{ "plans, versions, outline, indicator tables, targets, 专栏 projects", m1_plans },
	{ "units, assignments, observations, project progress, external targets, "
	  "users, sessions, append-only audit log", m2_monitoring },
	{ "observation estimates and review notes", m3_review },
	{ "covering indexes of approved observations (bulk assessment)", m4_approved },
	{ "compact observations (table obs, texts in obs_texts, view observations)",
	  m5_compact_obs },
	{ "plans.region_code, region_path: the region's GB/T 2260 code and its parents",
	  m6_region_code },
	{ "measure definitions of indicators and prose targets", m7_measures },
	{ "annual documents, their targets and links to the five-year plan", m8_annual },
	{ "prose targets linked to the table indicator they restate, correctable",
	  m9_target_links },
	{ "obs_pending: the observations awaiting review, kept by triggers", m10_pending },
	{ "value limits and reporting deadlines set by the planning office; "
	  "progress_pending", m11_office },
};

#define NMIGRATIONS ((int)(NELEM(migrations)))

int pw_store_schema_latest(void)
{
	return NMIGRATIONS;
}

int pw_store_read_user_version(struct pw_store *s)
{
	sqlite3_stmt *st = pw_store_stmt(s, "PRAGMA user_version");
	int v;

	if (!st)
		return -1;
	if (pw_store_step(s, st) != 1)
		return pw_error_kind(PW_ERR_DB, "database '%s': cannot read the schema version",
				     s->path);
	v = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return v;
}

/* PRAGMA takes no parameters: the version is our own integer, never input. */
static int apply(struct pw_store *s, int n)
{
	const struct migration *m = &migrations[n - 1];
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st;
	int rc;

	if (pw_store_exec(s, m->sql) < 0)
		return -1;
	st = pw_store_stmt(s, "INSERT INTO schema_migrations (version, description) VALUES (?, ?)");
	if (!st)
		return -1;
	pw_bind_int(st, 1, n);
	pw_bind_text(st, 2, m->description);
	if (pw_store_run(s, st) < 0)
		return -1;
	sb_addf(&sql, "PRAGMA user_version = %d", n);
	rc = pw_store_exec(s, sql.buf);
	sb_release(&sql);
	return rc;
}

static int too_new(struct pw_store *s, int have)
{
	return pw_error_kind(PW_ERR_DB,
			     "database '%s' has schema version %d, newer than this planwatch "
			     "understands (%d): use a newer planwatch",
			     s->path, have, NMIGRATIONS);
}

/* One step: under the write lock, re-read the version (another process may
 * have migrated meanwhile) and apply the next migration if still needed.
 * Returns the version reached, or -1. */
static int step_once(struct pw_store *s, int target)
{
	int have;

	if (pw_store_begin(s) < 0)
		return -1;
	have = pw_store_read_user_version(s);
	if (have >= 0 && have < target && apply(s, have + 1) < 0)
		have = -1;
	else if (have >= 0 && have < target)
		have++;
	if (have < 0) {
		pw_store_rollback(s);
		return -1;
	}
	if (pw_store_commit(s) < 0)
		return -1;
	/* the schema changed: statements prepared before are stale */
	pw_store_stmt_clear(s);
	return have;
}

int pw_store_migrate(struct pw_store *s, int target)
{
	int have = pw_store_read_user_version(s);

	if (have < 0)
		return -1;
	if (have > NMIGRATIONS)
		return too_new(s, have);
	if (target > NMIGRATIONS)
		target = NMIGRATIONS;
	while (have < target) {
		have = step_once(s, target);
		if (have < 0)
			return pw_error_kind(PW_ERR_DB, "database '%s': cannot upgrade the schema",
					     s->path);
	}
	return 0;
}
