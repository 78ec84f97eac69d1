/**
 * The unit of work: a command's writes commit together or not at all, and the changes it made are
 * collected for its audit entry.
 *
 * @since 0.1.0
 */
import { Context, Effect } from "effect"
import type { StorageError } from "../kernel/Errors.ts"
import type { Change } from "./AuditLog.ts"
import { Storage } from "./Storage.ts"

/**
 * What a unit of work has read and changed so far.
 *
 * @since 0.1.0
 * @category models
 */
export interface UnitOfWorkState {
  /** values read in this unit of work, by `aggregate/school/id`: the "before" of later updates */
  readonly reads: Map<string, unknown>
  readonly changes: Array<Change>
}

/**
 * The unit of work the current fiber writes in, if any.
 *
 * @since 0.1.0
 * @category services
 */
export const CurrentUnitOfWork = Context.Reference<UnitOfWorkState | undefined>("@houqin/core/CurrentUnitOfWork", {
  defaultValue: () => undefined
})

/**
 * The key of a record in a unit of work's read set.
 *
 * @since 0.1.0
 * @category constructors
 */
export const key = (aggregate: string, schoolId: string, id: string): string => `${aggregate}\u0000${schoolId}\u0000${id}`

/**
 * The unit-of-work service.
 *
 * @since 0.1.0
 * @category services
 */
export class UnitOfWork extends Context.Service<UnitOfWork, {
  /**
   * Runs `effect` in one transaction of the backend; `finish` runs last, inside the same
   * transaction, with the changes `effect` made (the command runner appends the audit entry there).
   */
  readonly transaction: <A, E, R, E2 = never, R2 = never>(
    effect: Effect.Effect<A, E, R>,
    finish?: (changes: ReadonlyArray<Change>, result: A) => Effect.Effect<void, E2, R2>
  ) => Effect.Effect<A, E | E2 | StorageError, R | R2>
}>()("@houqin/core/UnitOfWork") {}

/**
 * The unit of work over the storage backend.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<UnitOfWork["Service"], never, Storage> = Effect.map(Storage, (storage) =>
  UnitOfWork.of({
    transaction: <A, E, R, E2 = never, R2 = never>(
      effect: Effect.Effect<A, E, R>,
      finish?: (changes: ReadonlyArray<Change>, result: A) => Effect.Effect<void, E2, R2>
    ) =>
      storage.transaction(Effect.gen(function*() {
        const state: UnitOfWorkState = { reads: new Map(), changes: [] }
        const result = yield* Effect.provideService(effect, CurrentUnitOfWork, state)
        if (finish !== undefined) yield* finish(state.changes, result)
        return result
      }))
  }))
