/**
 * The statements of the first schema version (`ddl: "v1"`). Frozen: released migrations run
 * through this file, so it changes only by adding a `v2` beside it for later migrations.
 *
 * @since 0.1.0
 */
import type { Capabilities } from "../Dialect.ts"
import type { Column, Step } from "../Tables.ts"
import { indexName } from "../Tables.ts"

const columnType = (caps: Capabilities, c: Column): string => {
  // the first version has no decimal columns: a migration that needs one is written in v2
  if (c.kind === "decimal") throw new Error(`column ${c.column}: decimal columns need a migration of schema version v2`)
  return caps.ddl.v1[c.kind]
}

/**
 * The DDL statements of one step (an `addColumns` step's values are computed afterwards from the
 * stored documents, see `Migrations.ts`).
 *
 * @since 0.1.0
 * @category ddl
 */
export const statements = (caps: Capabilities, step: Step): ReadonlyArray<string> => {
  const q = caps.quote
  const t = caps.ddl.v1
  const index = (table: string, name: string, columns: ReadonlyArray<string>) =>
    `CREATE INDEX ${q(name)} ON ${q(table)} (${columns.map(q).join(", ")})`
  // a field's index: (school_id, field, id), the field sorted as the port sorts it
  const fieldIndex = (table: string, column: string) =>
    `CREATE INDEX ${q(indexName(table, column))} ON ${q(table)} (${q("school_id")}, ${q(column)}${t.indexNullsFirst}, ${q("id")})`
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
            `PRIMARY KEY (${q("school_id")}, ${q("id")})`
          ].join(",\n  "),
          `)${t.tableSuffix}`
        ].join("\n"),
        ...step.columns.map((c) => fieldIndex(step.table, c.column))
      ]
    case "addColumns":
      return [
        ...step.columns.map((c) => `ALTER TABLE ${q(step.table)} ADD COLUMN ${q(c.column)} ${columnType(caps, c)}`),
        ...step.columns.map((c) => fieldIndex(step.table, c.column))
      ]
    case "createAuditTables":
      return [
        [
          `CREATE TABLE ${q("houqin_audit")} (`,
          "  " + [
            `${q("school_id")} ${t.id} NOT NULL`,
            `${q("writer")} ${t.label} NOT NULL`,
            `${q("seq")} ${t.seq} NOT NULL`,
            `${q("at")} ${t.instant} NOT NULL`,
            `${q("actor")} ${t.label} NOT NULL`,
            `${q("command")} ${t.label} NOT NULL`,
            `${q("prev")} ${t.hash} NOT NULL`,
            `${q("hash")} ${t.hash} NOT NULL`,
            `${q("entry")} ${t.json} NOT NULL`,
            `PRIMARY KEY (${q("school_id")}, ${q("writer")}, ${q("seq")})`
          ].join(",\n  "),
          `)${t.tableSuffix}`
        ].join("\n"),
        [
          `CREATE TABLE ${q("houqin_audit_chain")} (`,
          "  " + [
            `${q("school_id")} ${t.id} NOT NULL`,
            `${q("writer")} ${t.label} NOT NULL`,
            `PRIMARY KEY (${q("school_id")}, ${q("writer")})`
          ].join(",\n  "),
          `)${t.tableSuffix}`
        ].join("\n")
      ]
    case "createIndex":
      return [index(step.table, step.name, step.columns)]
    case "createUniqueIndex":
      throw new Error(`unique indexes need a migration of schema version v2 (${step.index.name})`)
    case "createBulkRowsTable":
      throw new Error("the table of kept bulk rows needs a migration of schema version v2")
    case "createFieldsIndex":
      throw new Error(`indexes of several fields need a migration of schema version v2 (${step.name})`)
  }
}
