/**
 * Migrations: numbered, never edited once released, run by Kysely's migrator (which records
 * them in `kysely_migration` and takes its lock, so servers starting together migrate once).
 *
 * Each released migration is data (`migrations/0001_kernel_and_audit.ts`: the tables of the
 * kernel's aggregates and the audit log) run through the frozen statements of its schema
 * version (`ddl/v1.ts`). When a module adds an aggregate or a projected field,
 * `pnpm --filter @houqin/adapter-sql migration:new` writes the next numbered file from the specs
 * the core registers and the schema the released migrations add up to; once committed it is
 * frozen like the others.
 *
 * @since 0.1.0
 */
import type { Ports } from "@houqin/core"
import { Effect } from "effect"
import type { Kysely } from "kysely"
import { sql } from "kysely"
import type { Migration, MigrationResult } from "kysely/migration"
import { Migrator } from "kysely/migration"
import type { Database } from "./Backend.ts"
import * as v1 from "./ddl/v1.ts"
import * as v2 from "./ddl/v2.ts"
import { bindField, Refused } from "./Bind.ts"
import type { Capabilities } from "./Dialect.ts"
import { migrations as released } from "./migrations/index.ts"
import * as Specs from "./Specs.ts"
import type { Column, MigrationDefinition, Step } from "./Tables.ts"
import { schemaOf } from "./Tables.ts"

/**
 * Every released migration, in order.
 *
 * @since 0.1.0
 * @category migrations
 */
export const migrations: ReadonlyArray<MigrationDefinition> = released

/**
 * The schema the released migrations add up to.
 *
 * @since 0.1.0
 * @category migrations
 */
export const latest = schemaOf(migrations)

type FieldValue = Ports.Storage.FieldValue

const BATCH = 500

/** fills new columns from the stored documents, through the aggregate's current spec */
const backfill = async (db: Kysely<Database>, caps: Capabilities, step: Extract<Step, { op: "addColumns" }>) => {
  const specs = await Effect.runPromise(Specs.registered)
  const spec = specs.find((s) => s.name === step.aggregate)
  if (spec === undefined) throw new Error(`migration adds columns to ${step.aggregate}, which the core no longer registers`)
  const { Schema } = await import("effect")
  const decode = Schema.decodeUnknownSync(spec.schema)
  const bind = (c: Column, v: FieldValue, id: string) => {
    const bound = bindField(caps, c, v)
    if (bound instanceof Refused) throw new Error(`${step.aggregate} ${id}: ${bound.problem}`)
    return bound
  }
  let after: readonly [string, string] | undefined
  for (;;) {
    let query = db.selectFrom(step.table).select(["school_id", "id", "doc"])
    if (after !== undefined) {
      const [s, i] = after
      query = query.where((eb) => eb.or([eb("school_id", ">", s), eb.and([eb("school_id", "=", s), eb("id", ">", i)])]))
    }
    const rows = await query.orderBy("school_id").orderBy("id").limit(BATCH).execute()
    for (const row of rows) {
      const value = decode(typeof row["doc"] === "string" ? JSON.parse(row["doc"]) : row["doc"])
      const set = Object.fromEntries(step.columns.map((c) => [c.column, bind(c, spec.fields[c.field]?.get(value) ?? null, String(row["id"]))]))
      await db.updateTable(step.table).set(set).where("school_id", "=", row["school_id"]).where("id", "=", row["id"]).execute()
    }
    if (rows.length < BATCH) return
    const last = rows[rows.length - 1]!
    after = [String(last["school_id"]), String(last["id"])]
  }
}

/**
 * The Kysely migrations of a dialect.
 *
 * @since 0.1.0
 * @category migrations
 */
export const kyselyMigrations = (caps: Capabilities, definitions: ReadonlyArray<MigrationDefinition> = migrations): Record<string, Migration> =>
  Object.fromEntries(definitions.map((m) => [m.name, {
    up: async (db: Kysely<unknown>) => {
      for (const step of m.steps) {
        for (const statement of (m.ddl === "v1" ? v1 : v2).statements(caps, step)) await sql.raw(statement).execute(db)
        if (step.op === "addColumns") await backfill(db as Kysely<Database>, caps, step)
      }
    }
  }]))

/**
 * Kysely's migrator over the released migrations, keeping its own tables in the schema the
 * connection works in.
 *
 * @since 0.1.0
 * @category migrations
 */
export const migrator = async (
  db: Kysely<Database>,
  caps: Capabilities,
  definitions: ReadonlyArray<MigrationDefinition> = migrations
): Promise<Migrator> => {
  const schema = caps.currentSchema === undefined
    ? undefined
    : String((await sql.raw<{ schema: string }>(caps.currentSchema).execute(db)).rows[0]?.schema)
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(kyselyMigrations(caps, definitions)) },
    ...(schema === undefined ? {} : { migrationTableSchema: schema })
  })
}

const outcome = async (run: Promise<{ readonly error?: unknown; readonly results?: ReadonlyArray<MigrationResult> }>) => {
  const { error, results } = await run
  if (error !== undefined) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`)
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName)
}

/**
 * Runs every migration the database has not run yet; returns their names.
 *
 * @since 0.1.0
 * @category migrations
 */
export const toLatest = async (
  db: Kysely<Database>,
  caps: Capabilities,
  definitions: ReadonlyArray<MigrationDefinition> = migrations
): Promise<ReadonlyArray<string>> => outcome((await migrator(db, caps, definitions)).migrateToLatest())

/**
 * Runs (or undoes) migrations up to the named one; returns the names it ran.
 *
 * @since 0.1.0
 * @category migrations
 */
export const to = async (
  db: Kysely<Database>,
  caps: Capabilities,
  name: string,
  definitions: ReadonlyArray<MigrationDefinition> = migrations
): Promise<ReadonlyArray<string>> => outcome((await migrator(db, caps, definitions)).migrateTo(name))
