/**
 * Migration 0004: the table where a backend opened with `keepBulkRows` keeps the rows of each bulk
 * insert (`houqin_bulk_rows`), by the hash its audit change records, so that sync can export a
 * chain with bulk inserts (the audit entry records the rows' count and hash, not the rows).
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
  "name": "0004_bulk_rows",
  "ddl": "v2",
  "steps": [
    { "op": "createBulkRowsTable" }
  ]
}
