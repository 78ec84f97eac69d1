/**
 * A test aggregate with a projected field of every kind (and nulls), plus one property that is
 * not projected, stored through a schema version of the test's own after the released ones.
 */
import { Ports } from "@houqin/core"
import { Schema } from "effect"
import * as IndexedDb from "../src/index.ts"

export const Thing = Schema.Struct({
  schoolId: Schema.String,
  id: Schema.String,
  version: Schema.Int,
  label: Schema.NullOr(Schema.String),
  n: Schema.NullOr(Schema.Number),
  i: Schema.Int,
  flag: Schema.NullOr(Schema.Boolean),
  day: Schema.NullOr(Schema.String),
  at: Schema.NullOr(Schema.Number),
  note: Schema.String
})
export type Thing = typeof Thing.Type

export const ThingSpec = Ports.Storage.aggregate({
  name: "test.thing",
  schema: Thing,
  fields: {
    label: { kind: "text", get: (t: Thing) => t.label },
    n: { kind: "number", get: (t: Thing) => t.n },
    i: { kind: "int", get: (t: Thing) => t.i },
    flag: { kind: "bool", get: (t: Thing) => t.flag },
    day: { kind: "date", get: (t: Thing) => t.day },
    at: { kind: "instant", get: (t: Thing) => t.at }
  },
  // indexes of several fields: the planner offers them when a query's equalities lead them
  indexes: [["label", "at"], ["flag", "i", "day"]]
})

/** the released versions and one of the test's own that adds the test aggregate's store */
export const versionsWith = (...specs: ReadonlyArray<IndexedDb.Schema.SpecShape>): ReadonlyArray<IndexedDb.Schema.SchemaVersion> => [
  ...IndexedDb.Schema.versions,
  {
    version: 1000,
    note: "test aggregates",
    stores: Object.fromEntries(specs.map((s) => [IndexedDb.Schema.tableName(s.name), IndexedDb.Schema.storeOf(s)]))
  }
]

export const encodeThing = Schema.encodeSync(Thing)
export const row = (t: Thing): Ports.Storage.Row<Thing> => ({ value: t, encoded: encodeThing(t) })
