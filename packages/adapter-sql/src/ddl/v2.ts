/**
 * The statements of the second schema version (`ddl: "v2"`, from migration 0003): the first
 * version's, with exact decimal columns, foreign keys and unique indexes. Frozen: released
 * migrations run through this file, so the statements of a step kind never change; a new kind of
 * step may be added (`createBulkRowsTable`, migration 0004; `createFieldsIndex`, migration 0005),
 * and new column types need a `v3`.
 *
 * - A field that names another aggregate is a column of the id type with a foreign key
 *   `(school_id, field) → (school_id, id)` of that aggregate's table, declared in its CREATE
 *   TABLE (SQLite can declare foreign keys nowhere else); without ON DELETE, so a record still
 *   named cannot be removed. The field's own index `(school_id, field, id)` serves the check.
 * - A set of unique fields is a unique index `(school_id, fields…)`; rows with a NULL in it are
 *   not constrained, on every engine.
 *
 * @since 0.1.0
 */
import type { Capabilities } from "../Dialect.ts"
import type { Column, Step, UniqueIndex } from "../Tables.ts"
import { foreignKeyName, indexName } from "../Tables.ts"
import * as v1 from "./v1.ts"

const columnType = (caps: Capabilities, c: Column): string => (c.references !== undefined ? caps.ddl.v2.id : caps.ddl.v2[c.kind])

/**
 * The DDL statements of one step (an `addColumns` step's values are computed afterwards from the
 * stored documents, see `Migrations.ts`).
 *
 * @since 0.1.0
 * @category ddl
 */
export const statements = (caps: Capabilities, step: Step): ReadonlyArray<string> => {
  const q = caps.quote
  const t = caps.ddl.v2
  const fieldIndex = (table: string, column: string) =>
    `CREATE INDEX ${q(indexName(table, column))} ON ${q(table)} (${q("school_id")}, ${q(column)}${t.indexNullsFirst}, ${q("id")})`
  const uniqueIndex = (table: string, u: UniqueIndex) =>
    `CREATE UNIQUE INDEX ${q(u.name)} ON ${q(table)} (${[q("school_id"), ...u.columns.map(q)].join(", ")})`
  switch (step.op) {
    case "createAggregateTable":
      return [
        [
          `CREATE TABLE ${q(step.table)} (`,
          "  " + [
            `${q("school_id")} ${t.id} NOT NULL`,
            `${q("id")} ${t.id} NOT NULL`,
            `${q("version")} ${t.version} NOT NULL`,
            `${q("doc")} ${t.json} NOT NULL`,
            ...step.columns.map((c) => `${q(c.column)} ${columnType(caps, c)}`),
            `PRIMARY KEY (${q("school_id")}, ${q("id")})`,
            ...step.columns.flatMap((c) =>
              c.references === undefined
                ? []
                : [`CONSTRAINT ${q(foreignKeyName(step.table, c.column))} FOREIGN KEY (${q("school_id")}, ${q(c.column)}) REFERENCES ${q(c.references.table)} (${q("school_id")}, ${q("id")})`]
            )
          ].join(",\n  "),
          `)${t.tableSuffix}`
        ].join("\n"),
        ...step.columns.map((c) => fieldIndex(step.table, c.column)),
        ...(step.unique ?? []).map((u) => uniqueIndex(step.table, u))
      ]
    case "addColumns":
      return [
        ...step.columns.map((c) => {
          if (c.references !== undefined) {
            throw new Error(`column ${step.table}.${c.column}: a foreign key on an existing table needs a migration written by hand`)
          }
          return `ALTER TABLE ${q(step.table)} ADD COLUMN ${q(c.column)} ${columnType(caps, c)}`
        }),
        ...step.columns.map((c) => fieldIndex(step.table, c.column))
      ]
    case "createUniqueIndex":
      return [uniqueIndex(step.table, step.index)]
    case "createBulkRowsTable":
      // the rows of one bulk insert in parts of at most about a megabyte each, in order: `rows`
      // is a JSON array of the rows' canonical texts, `count` how many rows the whole insert has
      return [
        [
          `CREATE TABLE ${q("houqin_bulk_rows")} (`,
          "  " + [
            `${q("school_id")} ${t.id} NOT NULL`,
            `${q("hash")} ${t.hash} NOT NULL`,
            `${q("part")} ${t.seq} NOT NULL`,
            `${q("aggregate")} ${t.label} NOT NULL`,
            `${q("count")} ${t.seq} NOT NULL`,
            `${q("rows")} ${t.json} NOT NULL`,
            `PRIMARY KEY (${q("school_id")}, ${q("hash")}, ${q("part")})`
          ].join(",\n  "),
          `)${t.tableSuffix}`
        ].join("\n")
      ]
    case "createFieldsIndex":
      // each field ordered as the port orders it (NULL first ascending), like a field's own index
      return [
        `CREATE INDEX ${q(step.name)} ON ${q(step.table)} (${[q("school_id"), ...step.columns.map((c) => `${q(c)}${t.indexNullsFirst}`), q("id")].join(", ")})`
      ]
    case "createAuditTables":
    case "createIndex":
      // unchanged from the first version (whose statements are frozen too)
      return v1.statements(caps, step)
  }
}
