/**
 * The aggregate specs the core registers, found by building the core's services
 * (`Layers.services`, where every module adds its repositories) over a backend that only records
 * the specs it is asked for. A module that registers its repositories is seen here with no change
 * to the adapter: the schema script, the schema test and `Sync.importChanges` all use this list.
 *
 * @since 0.1.0
 */
import { Layers, Ports, StorageError } from "@houqin/core"
import { Effect, Layer } from "effect"

type AnySpec = Ports.Storage.AggregateSpec<Ports.Storage.AggregateRoot, unknown>

const unused = /* @__PURE__ */ Effect.fail(StorageError.create("the recording backend stores nothing"))

/**
 * Every aggregate spec registered in the core's services, sorted by name.
 *
 * @since 0.1.0
 * @category specs
 */
export const registered: Effect.Effect<ReadonlyArray<AnySpec>> = /* @__PURE__ */ Effect.gen(function*() {
  const specs = new Map<string, AnySpec>()
  const recorder: Ports.Storage.StorageBackend = {
    name: "recorder",
    repository: (spec) => {
      specs.set(spec.name, spec as unknown as AnySpec)
      return { get: () => unused, list: () => unused, count: () => unused, insert: () => unused, update: () => unused, remove: () => unused }
    },
    transaction: (effect) => effect,
    audit: { append: () => unused, head: () => unused, entries: () => unused, writers: () => unused }
  }
  const services = Layers.services.pipe(Layer.provide(Layer.succeed(Ports.Storage.Storage, recorder)))
  // a memo map of its own: inside a runtime that has built the services already, `Layer.build`
  // would reuse them and never ask the recorder
  yield* Effect.scoped(Effect.flatMap(Effect.scope, (scope) => Layer.buildWithMemoMap(services, Layer.makeMemoMapUnsafe(), scope)))
  return [...specs.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
})
