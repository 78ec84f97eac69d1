/**
 * The Effect front door: `Layers.layer(IndexedDb.layer(...))` gives every repository, the unit of
 * work and the audit log over IndexedDB; `IndexedDb.make` gives the backend itself, closed with
 * its scope.
 */
import { describe, expect, it } from "@effect/vitest"
import { Layers, People, Ports } from "@houqin/core"
import { Arbitraries } from "@houqin/core/testing"
import { Effect, Schema } from "effect"
import * as fc from "fast-check"
import * as IndexedDb from "../src/index.ts"
import { options } from "./env.ts"

const SCHOOL = "school-effect"
const org = Schema.encodeSync(People.Organisation)(fc.sample(Arbitraries.organisation(SCHOOL), { seed: 3, numRuns: 1 })[0]!)

describe("the Effect API", () => {
  it.effect("runs a command over Layers.layer(IndexedDb.layer(...)) and reads it back through the repository", () =>
    Effect.gen(function*() {
      const saved = yield* Ports.People.saveOrganisation({ schoolId: SCHOOL, actor: "staff-1", organisation: org })
      expect(saved.version).toBe(1)
      const stored = yield* Ports.People.OrganisationRepository.use((r) => r.get(SCHOOL, SCHOOL))
      expect(stored.school.name).toBe(org.school.name)
      const audit = yield* Ports.AuditLog.AuditLog
      const entries = yield* audit.entries(SCHOOL, { writer: "tablet-7" })
      expect(entries.map((e) => e.command)).toEqual(["kernel.saveOrganisation"])
      const storage = yield* Ports.Storage.Storage
      expect(storage.name).toMatch(/^indexeddb:/)
      expect(IndexedDb.isIndexedDbBackend(storage)).toBe(true)
    }).pipe(
      Effect.provide(Layers.layer(IndexedDb.layer(options("effect")))),
      Effect.provideService(Ports.AuditLog.AuditWriter, "tablet-7")
    ))

  it.effect("IndexedDb.make opens the database for a scope and closes it after", () =>
    Effect.gen(function*() {
      const o = options("scoped")
      const written = yield* Effect.scoped(Effect.gen(function*() {
        const backend = yield* IndexedDb.make(o)
        yield* backend.audit.head("s", "w")
        return backend.schemaVersion
      }))
      expect(written).toBe(IndexedDb.Schema.versions[IndexedDb.Schema.versions.length - 1]!.version)
      // closed: the database can be deleted now
      yield* IndexedDb.deleteDatabase(o)
    }))

  it.effect("fails with a typed StorageError when the database cannot be opened", () =>
    Effect.gen(function*() {
      const refusing = { open: () => { throw new DOMException("the quota is exceeded", "QuotaExceededError") } }
      const error = yield* Effect.flip(Effect.scoped(IndexedDb.make({ ...options("refused"), indexedDB: refusing })))
      expect(error).toMatchObject({ _tag: "StorageError", code: "storage.failure" })
    }))
})
