/**
 * The services every command needs, over one storage backend: the unit of work, the audit log and
 * the repository of every aggregate of every module.
 *
 * @since 0.1.0
 */
import { Effect, Layer } from "effect"
import { StorageError } from "./kernel/Errors.ts"
import * as AuditLog from "./ports/AuditLog.ts"
import * as Assets from "./ports/assets.ts"
import * as Canteen from "./ports/canteen.ts"
import * as Memory from "./ports/Memory.ts"
import * as People from "./ports/people.ts"
import * as Retention from "./ports/retention.ts"
import * as Health from "./ports/health.ts"
import type { AggregateRoot, AggregateSpec, StorageBackend } from "./ports/Storage.ts"
import { Storage } from "./ports/Storage.ts"
import * as UnitOfWork from "./ports/UnitOfWork.ts"
import * as Approvals from "./ports/approvals.ts"

/**
 * Every repository service, unit of work and audit log over a `Storage` backend.
 *
 * @since 0.1.0
 * @category layers
 */
export const services = Layer.mergeAll(
  Layer.effect(UnitOfWork.UnitOfWork, UnitOfWork.make),
  Layer.effect(AuditLog.AuditLog, AuditLog.make),
  People.repositories,
  Approvals.repositories,
  Retention.repositories,
  Assets.repositories,
  Canteen.repositories,
  Health.repositories
)

/**
 * The services a backend layer gives, with the backend itself.
 *
 * @since 0.1.0
 * @category models
 */
export type Services = Layer.Success<typeof services> | Storage

/**
 * All services over a backend.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = <E, R>(backend: Layer.Layer<Storage, E, R>): Layer.Layer<Services, E, R> =>
  Layer.provideMerge(services, backend)

/**
 * All services over a fresh memory backend.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemory: Layer.Layer<Services> = layer(Memory.layerMemory)

const unused = /* @__PURE__ */ Effect.fail(StorageError.create("the recording backend stores nothing"))

/**
 * Every aggregate spec that the services register, sorted by name: found by building
 * {@link services} over a backend that only records the specs it is asked for. Adapters derive
 * their tables, stores and migrations from this list, so a module that registers a repository is
 * seen by every adapter with no change to it.
 *
 * @since 0.1.0
 * @category specs
 */
export const registeredSpecs: Effect.Effect<ReadonlyArray<AggregateSpec<AggregateRoot, unknown>>> = /* @__PURE__ */ Effect.gen(function*() {
  const specs = new Map<string, AggregateSpec<AggregateRoot, unknown>>()
  const recorder: StorageBackend = {
    name: "recorder",
    repository: (spec) => {
      specs.set(spec.name, spec as unknown as AggregateSpec<AggregateRoot, unknown>)
      return { get: () => unused, list: () => unused, count: () => unused, insert: () => unused, update: () => unused, remove: () => unused }
    },
    transaction: (effect) => effect,
    audit: { append: () => unused, head: () => unused, entries: () => unused, writers: () => unused }
  }
  const recorded = services.pipe(Layer.provide(Layer.succeed(Storage, recorder)))
  // a memo map of its own: inside a runtime that has built the services already, `Layer.build`
  // would reuse them and never ask the recorder
  yield* Effect.scoped(Effect.flatMap(Effect.scope, (scope) => Layer.buildWithMemoMap(recorded, Layer.makeMemoMapUnsafe(), scope)))
  return [...specs.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
})
