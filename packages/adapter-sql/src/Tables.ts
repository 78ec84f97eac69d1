/**
 * The relational schema as data: how an aggregate spec becomes a table, the steps a migration
 * takes, and the latest schema that the released migrations add up to.
 *
 * An aggregate `retention.sample` is stored in the table `retention_sample`:
 *
 * | column | holds |
 * | --- | --- |
 * | `school_id`, `id` | the primary key (every table carries the school) |
 * | `version` | the aggregate's version, checked by every update and removal |
 * | `doc` | the aggregate's encoded form (JSON), exactly as written |
 * | one column per projected field | `birthDate` → `birth_date`, typed by its kind |
 *
 * with an index `(school_id, <field>, id)` per projected field, serving the port's equality,
 * range and order queries. From the second schema version (`ddl: "v2"`), a field that names
 * another aggregate (`references`) is a foreign key `(school_id, field) → (school_id, id)` of that
 * aggregate's table, and each set of unique fields a unique index `(school_id, fields…)`.
 *
 * @since 0.1.0
 */
import type { Ports } from "@houqin/core"

type FieldKind = Ports.Storage.FieldKind

/**
 * A projected field's column.
 *
 * @since 0.1.0
 * @category models
 */
export interface Column {
  readonly field: string
  readonly column: string
  readonly kind: FieldKind
  /** the aggregate (and its table) whose id the column holds in the same school: a foreign key (v2) */
  readonly references?: { readonly aggregate: string; readonly table: string }
}

/**
 * A unique index of an aggregate table: `(school_id, columns…)`.
 *
 * @since 0.1.0
 * @category models
 */
export interface UniqueIndex {
  readonly name: string
  /** the projected fields, in the spec's order */
  readonly fields: ReadonlyArray<string>
  readonly columns: ReadonlyArray<string>
}

/**
 * One step of a migration.
 *
 * - `createAggregateTable`: an aggregate's table with its field columns and their indexes (v2:
 *   and its foreign keys and unique indexes).
 * - `addColumns`: new projected fields of an existing aggregate (columns, indexes, and their
 *   values computed from the stored documents through the aggregate's current spec).
 * - `createAuditTables`: the audit log (`houqin_audit`) and its chains (`houqin_audit_chain`).
 * - `createIndex`: an index of its own.
 * - `createUniqueIndex` (v2): a new set of unique fields of an existing aggregate.
 * - `createBulkRowsTable` (v2): the kept rows of bulk inserts (`houqin_bulk_rows`), for sync.
 * - `createFieldsIndex` (v2): an index of several projected fields queried together (a spec's
 *   `indexes`): `(school_id, fields…, id)`, each field ordered as the port orders it (NULL first).
 *
 * @since 0.1.0
 * @category models
 */
export type Step =
  | {
    readonly op: "createAggregateTable"
    readonly aggregate: string
    readonly table: string
    readonly columns: ReadonlyArray<Column>
    readonly unique?: ReadonlyArray<UniqueIndex>
  }
  | {
    readonly op: "addColumns"
    readonly aggregate: string
    readonly table: string
    readonly columns: ReadonlyArray<Column>
  }
  | { readonly op: "createAuditTables" }
  | { readonly op: "createIndex"; readonly table: string; readonly name: string; readonly columns: ReadonlyArray<string> }
  | { readonly op: "createUniqueIndex"; readonly aggregate: string; readonly table: string; readonly index: UniqueIndex }
  | { readonly op: "createBulkRowsTable" }
  | {
    readonly op: "createFieldsIndex"
    readonly aggregate: string
    readonly table: string
    readonly name: string
    /** the projected fields, in the spec's order */
    readonly fields: ReadonlyArray<string>
    readonly columns: ReadonlyArray<string>
  }

/**
 * The schema versions: the column types and statements a migration runs through. `v1` (migrations
 * 0001–0002) has no decimals, foreign keys or unique indexes; `v2` adds them.
 *
 * @since 0.1.0
 * @category models
 */
export type DdlVersion = "v1" | "v2"

/**
 * The version new migrations are written in.
 *
 * @since 0.1.0
 * @category constants
 */
export const currentDdl: DdlVersion = "v2"

/**
 * A released migration: a name that sorts after every earlier one (`0002_audit_by_time`), the
 * version of the column types it uses, and its steps. Never edited once released.
 *
 * @since 0.1.0
 * @category models
 */
export interface MigrationDefinition {
  readonly name: string
  readonly ddl: DdlVersion
  readonly steps: ReadonlyArray<Step>
}

/**
 * A table of the latest schema.
 *
 * @since 0.1.0
 * @category models
 */
export interface Table {
  readonly aggregate: string
  readonly table: string
  readonly columns: ReadonlyArray<Column>
  readonly unique: ReadonlyArray<UniqueIndex>
}

/**
 * The schema the migrations add up to.
 *
 * @since 0.1.0
 * @category models
 */
export interface SchemaState {
  /** aggregate tables by aggregate name */
  readonly aggregates: ReadonlyMap<string, Table>
  readonly audit: boolean
  /** whether `houqin_bulk_rows` exists (migration 0004), where a backend keeps the rows of bulk inserts */
  readonly bulkRows: boolean
  readonly indexes: ReadonlyArray<{ readonly table: string; readonly name: string; readonly columns: ReadonlyArray<string> }>
}

/**
 * The columns every aggregate table has.
 *
 * @since 0.1.0
 * @category constants
 */
export const baseColumns = ["school_id", "id", "version", "doc"] as const

/**
 * The column of a projected field: camelCase to snake_case (`birthDate` → `birth_date`).
 *
 * @since 0.1.0
 * @category naming
 */
export const columnName = (field: string): string =>
  field.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/([A-Z])([A-Z][a-z])/g, "$1_$2").toLowerCase()

/**
 * The table of an aggregate: its name with dots as underscores, camelCase as snake_case
 * (`retention.sample` → `retention_sample`, `canteen.purchaseLine` → `canteen_purchase_line`).
 *
 * @since 0.1.0
 * @category naming
 */
export const tableName = (aggregate: string): string => aggregate.split(".").map(columnName).join("_")

const identifier = /^[a-z][a-z0-9_]{0,47}$/

/**
 * Why an aggregate spec cannot get a table, or `undefined` when it can: names must make plain
 * SQL identifiers, and a field must not take a base column's name.
 *
 * @since 0.1.0
 * @category naming
 */
export const problemOf = (aggregate: string, fields: ReadonlyArray<string>): string | undefined => {
  const table = tableName(aggregate)
  if (!identifier.test(table)) return `aggregate ${aggregate}: table name ${table} is not a lowercase SQL identifier of at most 48 characters`
  const seen = new Map<string, string>()
  for (const f of fields) {
    const c = columnName(f)
    if (!identifier.test(c)) return `aggregate ${aggregate}: field ${f} makes column ${c}, not a lowercase SQL identifier`
    if ((baseColumns as ReadonlyArray<string>).includes(c)) return `aggregate ${aggregate}: field ${f} takes the base column ${c}`
    const other = seen.get(c)
    if (other !== undefined) return `aggregate ${aggregate}: fields ${other} and ${f} both make column ${c}`
    seen.set(c, f)
  }
  return undefined
}

/**
 * The name of the index of a table's column (at most 60 characters, so every engine accepts it).
 *
 * @since 0.1.0
 * @category naming
 */
export const indexName = (table: string, column: string): string => shorten(`${table}__${column}`)

const shorten = (name: string): string => {
  if (name.length <= 60) return name
  let h = 0x811c9dc5
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0
  return `${name.slice(0, 51)}_${h.toString(16).padStart(8, "0")}`
}

/**
 * The name of a unique index of a table's columns (at most 60 characters).
 *
 * @since 0.1.0
 * @category naming
 */
export const uniqueName = (table: string, columns: ReadonlyArray<string>): string => shorten(`${table}__uq__${columns.join("__")}`)

/**
 * The name of an index of several fields of a table (at most 60 characters).
 *
 * @since 0.1.0
 * @category naming
 */
export const fieldsIndexName = (table: string, columns: ReadonlyArray<string>): string => shorten(`${table}__ix__${columns.join("__")}`)

/**
 * The name of the foreign key of a table's column (at most 60 characters).
 *
 * @since 0.1.0
 * @category naming
 */
export const foreignKeyName = (table: string, column: string): string => shorten(`${table}__fk__${column}`)

/**
 * The schema after a list of migrations, in order.
 *
 * @since 0.1.0
 * @category schema
 */
export const schemaOf = (migrations: ReadonlyArray<MigrationDefinition>): SchemaState => {
  const aggregates = new Map<string, Table>()
  const indexes: Array<SchemaState["indexes"][number]> = []
  let audit = false
  let bulkRows = false
  for (const m of migrations) {
    for (const step of m.steps) {
      switch (step.op) {
        case "createAggregateTable":
          aggregates.set(step.aggregate, { aggregate: step.aggregate, table: step.table, columns: step.columns, unique: step.unique ?? [] })
          break
        case "createUniqueIndex": {
          const t = aggregates.get(step.aggregate)
          if (t !== undefined) aggregates.set(step.aggregate, { ...t, unique: [...t.unique, step.index] })
          break
        }
        case "addColumns": {
          const t = aggregates.get(step.aggregate)
          if (t !== undefined) aggregates.set(step.aggregate, { ...t, columns: [...t.columns, ...step.columns] })
          break
        }
        case "createAuditTables":
          audit = true
          break
        case "createBulkRowsTable":
          bulkRows = true
          break
        case "createIndex":
          indexes.push({ table: step.table, name: step.name, columns: step.columns })
          break
        case "createFieldsIndex":
          indexes.push({ table: step.table, name: step.name, columns: ["school_id", ...step.columns, "id"] })
          break
      }
    }
  }
  return { aggregates, audit, bulkRows, indexes }
}

/**
 * A spec's name, fields and unique sets, as far as tables care.
 *
 * @since 0.1.0
 * @category models
 */
export interface SpecShape {
  readonly name: string
  readonly fields: { readonly [field: string]: { readonly kind: FieldKind; readonly references?: string } }
  readonly unique?: ReadonlyArray<ReadonlyArray<string>>
  readonly indexes?: ReadonlyArray<ReadonlyArray<string>>
}

const byName = (a: { readonly name: string }, b: { readonly name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

const sameReference = (a: Column["references"], b: Column["references"]) => a?.aggregate === b?.aggregate

/**
 * The bytes a column of each kind takes in an index key on MariaDB and MySQL (InnoDB), as the
 * released column types make them (v2: utf8mb4, 4 bytes a character): ids `VARCHAR(64)`, free text
 * `VARCHAR(512)`, `BIGINT`, `DOUBLE`, `DECIMAL(38,8)`, `BOOLEAN`, `DATE`, `DATETIME(3)`. InnoDB
 * refuses an index whose key exceeds 3,072 bytes.
 */
const keyBytes: Readonly<Record<FieldKind | "id", number>> = { id: 256, text: 2048, int: 8, number: 8, decimal: 18, bool: 1, date: 3, instant: 7 }
const MAX_KEY_BYTES = 3072

/** the problem of an index on `(school_id, fields…[, id])` that MariaDB cannot hold, if it is one */
const keyProblem = (spec: SpecShape, what: string, set: ReadonlyArray<string>, withId: boolean): string | undefined => {
  const bytes = keyBytes.id * (withId ? 2 : 1) + set.reduce((n, f) => n + keyBytes[spec.fields[f]!.references === undefined ? spec.fields[f]!.kind : "id"], 0)
  return bytes <= MAX_KEY_BYTES
    ? undefined
    : `aggregate ${spec.name}: ${what} on ${set.join(", ")} takes ${bytes} bytes a key on MariaDB and MySQL, which hold at most ${MAX_KEY_BYTES} (free text is 2,048): index fewer text fields together`
}

/**
 * What the schema lacks for these specs: the steps of the next migration (new tables — a table
 * after the tables it references —, new columns, new unique indexes), and the problems that no
 * migration can fix by adding (a spec whose name or fields make no SQL identifier; a unique set or
 * an index whose key MariaDB cannot hold; a field whose
 * kind or reference changed, a reference added to an existing table — SQLite cannot add a foreign
 * key to a table — or a reference to an aggregate without a table, which need a hand-written
 * migration).
 *
 * @since 0.1.0
 * @category schema
 */
export const diff = (
  schema: SchemaState,
  specs: ReadonlyArray<SpecShape>
): { readonly steps: ReadonlyArray<Step>; readonly problems: ReadonlyArray<string> } => {
  const later: Array<Step> = []
  const problems: Array<string> = []
  const creates = new Map<string, Extract<Step, { op: "createAggregateTable" }>>()
  // indexes of several fields come last: after the tables and the columns they index
  const indexSteps: Array<Step> = []
  const tableOf = (aggregate: string): string | undefined =>
    schema.aggregates.get(aggregate)?.table ?? (specs.some((s) => s.name === aggregate) ? tableName(aggregate) : undefined)
  for (const spec of [...specs].sort(byName)) {
    const fields = Object.keys(spec.fields)
    const problem = problemOf(spec.name, fields)
    if (problem !== undefined) {
      problems.push(problem)
      continue
    }
    let broken = false
    const columns = fields.map((field): Column => {
      const f = spec.fields[field]!
      const column = { field, column: columnName(field), kind: f.kind }
      if (f.references === undefined) return column
      const target = tableOf(f.references)
      if (target === undefined) {
        problems.push(`aggregate ${spec.name}: field ${field} references ${f.references}, which has no table`)
        broken = true
        return column
      }
      if (f.kind !== "text") {
        problems.push(`aggregate ${spec.name}: field ${field} references ${f.references} but is not text (ids are text)`)
        broken = true
      }
      return { ...column, references: { aggregate: f.references, table: target } }
    })
    const unique: Array<UniqueIndex> = []
    for (const set of spec.unique ?? []) {
      const unknown = set.filter((f) => spec.fields[f] === undefined)
      if (set.length === 0 || unknown.length > 0) {
        problems.push(`aggregate ${spec.name}: a unique set names ${unknown.length > 0 ? `fields it does not project (${unknown.join(", ")})` : "no field"}`)
        broken = true
        continue
      }
      const tooLong = keyProblem(spec, "a unique set", set, false)
      if (tooLong !== undefined) {
        problems.push(tooLong)
        broken = true
        continue
      }
      const cols = set.map(columnName)
      unique.push({ name: uniqueName(tableName(spec.name), cols), fields: set, columns: cols })
    }
    const together: Array<{ readonly fields: ReadonlyArray<string>; readonly columns: ReadonlyArray<string> }> = []
    for (const set of spec.indexes ?? []) {
      const unknown = set.filter((f) => spec.fields[f] === undefined)
      if (set.length === 0 || unknown.length > 0 || new Set(set).size !== set.length) {
        problems.push(`aggregate ${spec.name}: an index names ${unknown.length > 0 ? `fields it does not project (${unknown.join(", ")})` : set.length === 0 ? "no field" : "a field twice"}`)
        broken = true
        continue
      }
      const tooLong = keyProblem(spec, "an index", set, true)
      if (tooLong !== undefined) {
        problems.push(tooLong)
        broken = true
        continue
      }
      together.push({ fields: set, columns: set.map(columnName) })
    }
    if (broken) continue
    const table = schema.aggregates.get(spec.name)
    // indexes of several fields, for a new table and an existing one alike
    const tableOfSpec = table?.table ?? tableName(spec.name)
    for (const x of together) {
      const all = ["school_id", ...x.columns, "id"].join()
      if (!schema.indexes.some((i) => i.table === tableOfSpec && i.columns.join() === all)) {
        indexSteps.push({ op: "createFieldsIndex", aggregate: spec.name, table: tableOfSpec, name: fieldsIndexName(tableOfSpec, x.columns), fields: x.fields, columns: x.columns })
      }
    }
    if (table === undefined) {
      creates.set(spec.name, {
        op: "createAggregateTable",
        aggregate: spec.name,
        table: tableName(spec.name),
        columns,
        ...(unique.length === 0 ? {} : { unique })
      })
      continue
    }
    const missing: Array<Column> = []
    for (const c of columns) {
      const existing = table.columns.find((x) => x.field === c.field)
      if (existing === undefined) {
        if (c.references !== undefined) {
          problems.push(`aggregate ${spec.name}: new field ${c.field} references ${c.references.aggregate}; a foreign key on an existing table needs a migration written by hand (SQLite rebuilds the table)`)
        } else missing.push(c)
      } else if (existing.kind !== c.kind) {
        problems.push(`aggregate ${spec.name}: field ${c.field} changed kind from ${existing.kind} to ${c.kind}; write that migration by hand`)
      } else if (!sameReference(existing.references, c.references)) {
        problems.push(`aggregate ${spec.name}: field ${c.field} changed its reference from ${existing.references?.aggregate ?? "none"} to ${c.references?.aggregate ?? "none"}; write that migration by hand`)
      }
    }
    if (missing.length > 0) later.push({ op: "addColumns", aggregate: spec.name, table: table.table, columns: missing })
    for (const u of unique) {
      if (!table.unique.some((x) => x.columns.join() === u.columns.join())) {
        later.push({ op: "createUniqueIndex", aggregate: spec.name, table: table.table, index: { ...u, name: uniqueName(table.table, u.columns) } })
      }
    }
    for (const u of table.unique) {
      if (!unique.some((x) => x.columns.join() === u.columns.join())) {
        problems.push(`aggregate ${spec.name}: the unique index on ${u.fields.join(", ")} is no longer declared; dropping it needs a migration written by hand`)
      }
    }
  }
  // new tables after the new tables they reference (a cycle is reported: SQLite could declare it,
  // the servers could not create it)
  const ordered: Array<Step> = []
  const placed = new Set<string>()
  const visiting = new Set<string>()
  const place = (name: string): void => {
    const step = creates.get(name)
    if (step === undefined || placed.has(name)) return
    if (visiting.has(name)) {
      problems.push(`aggregate ${name}: its references form a cycle; write that migration by hand`)
      return
    }
    visiting.add(name)
    for (const c of step.columns) if (c.references !== undefined && c.references.aggregate !== name) place(c.references.aggregate)
    visiting.delete(name)
    placed.add(name)
    ordered.push(step)
  }
  for (const name of creates.keys()) place(name)
  return { steps: [...ordered, ...later, ...indexSteps], problems }
}
