/**
 * Migration 0002: an index of the audit log by school and time, for "what happened in this
 * school between these dates" in plain SQL and reports (the chains themselves are read by their
 * primary key).
 *
 * Written by hand. Released migrations are never edited: change the schema with the next one.
 *
 * @since 0.1.0
 */
import type { MigrationDefinition } from "../Tables.ts"

/**
 * @since 0.1.0
 * @category migrations
 */
export const migration: MigrationDefinition = {
  "name": "0002_audit_by_time",
  "ddl": "v1",
  "steps": [
    { "op": "createIndex", "table": "houqin_audit", "name": "houqin_audit__school_at", "columns": ["school_id", "at"] }
  ]
}
