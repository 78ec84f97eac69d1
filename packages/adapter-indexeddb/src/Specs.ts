/**
 * The aggregate specs the core registers (`Layers.registeredSpecs`): the schema script, the schema
 * test and `Sync.importChanges` all use this list. A module that registers its repositories is
 * seen here with no change to the adapter.
 *
 * @since 0.1.0
 */
import { Layers } from "@houqin/core"
import type { Effect } from "effect"
import type { Ports } from "@houqin/core"

/**
 * Every aggregate spec registered in the core's services, sorted by name.
 *
 * @since 0.1.0
 * @category specs
 */
export const registered: Effect.Effect<ReadonlyArray<Ports.Storage.AggregateSpec<Ports.Storage.AggregateRoot, unknown>>> = Layers.registeredSpecs
