/**
 * The database schema as versioned data.
 *
 * IndexedDB keeps one object store per aggregate, keyed `[schoolId+id]`, with one compound index
 * `[schoolId+$field+id]` per projected field (so a school's rows come out ordered by the field and
 * then by id, the order every backend returns), plus the system stores: `audit` (the hash chains,
 * keyed `[schoolId+writer+seq]`), `bulk` (the rows of bulk inserts, kept for export) and `meta`
 * (which projection each aggregate's rows were last written with).
 *
 * A store's definition is derived from its spec ({@link storeOf}); the released versions are data
 * ({@link versions} in `versions.ts`), each adding or changing the stores named in it, declared to
 * Dexie as `db.version(n).stores(...)`. When a module registers a new aggregate or a projected
 * field, `pnpm --filter @houqin/adapter-indexeddb schema` appends the next version from the specs
 * the core registers; a test fails until it has been run. Rows written before a field existed are
 * re-projected from their documents the first time the aggregate is used after the upgrade.
 *
 * @since 0.1.0
 */
import type { Ports } from "@houqin/core"
import { versions as released } from "./versions.ts"

/**
 * What the schema needs of an aggregate spec: its name and its projected fields' kinds.
 *
 * @since 0.1.0
 * @category models
 */
export interface SpecShape {
  readonly name: string
  readonly fields: { readonly [field: string]: { readonly kind: Ports.Storage.FieldKind } }
  readonly indexes?: ReadonlyArray<ReadonlyArray<string>>
}

/**
 * One released version of the schema: the stores it adds or changes (Dexie's syntax; `null`
 * deletes a store), keyed by table name.
 *
 * @since 0.1.0
 * @category models
 */
export interface SchemaVersion {
  readonly version: number
  readonly note: string
  readonly stores: { readonly [table: string]: string | null }
}

/**
 * The stores every database has besides the aggregates' own.
 *
 * @since 0.1.0
 * @category constants
 */
export const systemStores: { readonly [table: string]: string } = {
  audit: "[schoolId+writer+seq],[schoolId+writer]",
  bulk: "[schoolId+hash]",
  meta: "name"
}

/**
 * Every released version, in order.
 *
 * @since 0.1.0
 * @category versions
 */
export const versions: ReadonlyArray<SchemaVersion> = released

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * The table of an aggregate: its name with every character other than a letter, digit or `_`
 * replaced by `_` (`retention.sample` → `retention_sample`).
 *
 * @since 0.1.0
 * @category naming
 */
export const tableName = (aggregate: string): string => aggregate.replace(/[^A-Za-z0-9_]/g, "_")

/**
 * The property of a stored row that holds a projected field's index key (`classId` → `$classId`).
 *
 * @since 0.1.0
 * @category naming
 */
export const fieldKey = (field: string): string => `$${field}`

/**
 * The name of a projected field's index (`[schoolId+$classId+id]`).
 *
 * @since 0.1.0
 * @category naming
 */
export const indexName = (field: string): string => `[schoolId+${fieldKey(field)}+id]`

/**
 * The index of several fields queried together (a spec's `indexes`): `[schoolId+$fridgeId+$at+id]`.
 *
 * @since 0.1.0
 * @category naming
 */
export const compoundIndexName = (fields: ReadonlyArray<string>): string => `[schoolId+${fields.map(fieldKey).join("+")}+id]`

/**
 * A spec's sets of fields queried together that an index of several fields serves: two or more
 * projected fields with identifier names, each once.
 *
 * @since 0.1.0
 * @category naming
 */
export const compoundsOf = (spec: SpecShape): ReadonlyArray<ReadonlyArray<string>> =>
  (spec.indexes ?? []).filter((set) =>
    set.length >= 2 && new Set(set).size === set.length && set.every((f) => Object.hasOwn(spec.fields, f) && FIELD_NAME.test(f))
  )

/**
 * The projected field names of a spec that can be indexed, sorted; a name that is not a plain
 * identifier cannot be an IndexedDB key path and is reported.
 *
 * @since 0.1.0
 * @category naming
 */
export const indexableFields = (spec: SpecShape): { readonly fields: ReadonlyArray<string>; readonly invalid: ReadonlyArray<string> } => {
  const names = Object.keys(spec.fields).sort()
  return { fields: names.filter((n) => FIELD_NAME.test(n)), invalid: names.filter((n) => !FIELD_NAME.test(n)) }
}

/**
 * The store definition of an aggregate: the primary key and one index per projected field.
 *
 * @since 0.1.0
 * @category derivation
 */
export const storeOf = (spec: SpecShape): string =>
  ["[schoolId+id]", ...indexableFields(spec).fields.map(indexName), ...compoundsOf(spec).map(compoundIndexName)].join(",")

/**
 * The projection an aggregate's rows are written with: its fields and their kinds. Rows written
 * under another signature are re-projected before the aggregate is used.
 *
 * @since 0.1.0
 * @category derivation
 */
export const signatureOf = (spec: SpecShape): string =>
  Object.keys(spec.fields).sort().map((f) => `${f}:${spec.fields[f]!.kind}`).join(",")

/**
 * The stores that the versions up to `version` (default: all) add up to.
 *
 * @since 0.1.0
 * @category versions
 */
export const storesAt = (list: ReadonlyArray<SchemaVersion> = versions, version = Infinity): Readonly<Record<string, string>> => {
  const out: Record<string, string> = {}
  for (const v of list) {
    if (v.version > version) break
    for (const [table, def] of Object.entries(v.stores)) {
      if (def === null) delete out[table]
      else out[table] = def
    }
  }
  return out
}

/**
 * The sets of fields a store definition indexes together (`[schoolId+$fridgeId+$at+id]`).
 *
 * @since 0.1.0
 * @category versions
 */
export const indexedCompounds = (store: string): ReadonlyArray<ReadonlyArray<string>> => {
  const out: Array<ReadonlyArray<string>> = []
  for (const m of store.matchAll(/\[schoolId((?:\+\$[A-Za-z0-9_]+){2,})\+id\]/g)) out.push(m[1]!.slice(2).split("+$"))
  return out
}

/**
 * The fields a store definition indexes (`[schoolId+$classId+id]` → `classId`).
 *
 * @since 0.1.0
 * @category versions
 */
export const indexedFields = (store: string): ReadonlySet<string> => {
  const out = new Set<string>()
  for (const m of store.matchAll(/\[schoolId\+\$([A-Za-z0-9_]+)\+id\]/g)) out.add(m[1]!)
  return out
}

/**
 * What the released versions lack for the given specs: the stores to add or change (by table),
 * and the problems that no version can fix (two aggregates on one table, a field name that is not
 * an identifier).
 *
 * @since 0.1.0
 * @category versions
 */
export const missing = (
  specs: ReadonlyArray<SpecShape>,
  list: ReadonlyArray<SchemaVersion> = versions
): { readonly stores: Readonly<Record<string, string>>; readonly problems: ReadonlyArray<string> } => {
  const current = storesAt(list)
  const stores: Record<string, string> = {}
  const problems: Array<string> = []
  const owners = new Map<string, string>()
  for (const [table, def] of Object.entries(systemStores)) {
    owners.set(table, "(system)")
    if (current[table] !== def) stores[table] = def
  }
  for (const spec of specs) {
    const table = tableName(spec.name)
    const owner = owners.get(table)
    if (owner !== undefined) {
      problems.push(`${spec.name} and ${owner} both map to the table ${table}`)
      continue
    }
    owners.set(table, spec.name)
    for (const f of indexableFields(spec).invalid) problems.push(`${spec.name}: the field name ${JSON.stringify(f)} is not an identifier`)
    const def = storeOf(spec)
    if (current[table] !== def) stores[table] = def
  }
  return { stores, problems }
}

/**
 * The next version for the given specs, or `undefined` when the released versions cover them.
 *
 * @since 0.1.0
 * @category versions
 */
export const nextVersion = (
  specs: ReadonlyArray<SpecShape>,
  note: string,
  list: ReadonlyArray<SchemaVersion> = versions
): SchemaVersion | undefined => {
  const { stores } = missing(specs, list)
  if (Object.keys(stores).length === 0) return undefined
  return { version: (list[list.length - 1]?.version ?? 0) + 1, note, stores }
}
