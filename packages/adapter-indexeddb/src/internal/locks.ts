/**
 * Serialises the writers of one database: a semaphore among the fibers of this backend, then the
 * Web Locks API (`navigator.locks`) among the tabs, workers and backends of the same origin, when
 * it is there. Transactions are then serialisable across tabs as they are in memory; without
 * Web Locks a race between tabs is still caught at commit by the version checks.
 */
import { StorageError } from "@houqin/core/kernel"
import { Effect, Semaphore } from "effect"

/**
 * the part of the Web Locks API (`LockManager`) used here
 *
 * @since 0.1.0
 * @category models
 */
export interface LockManagerLike {
  readonly request: (name: string, callback: (lock: unknown) => Promise<unknown>) => Promise<unknown>
}

/**
 * Wraps effects so that they run one at a time, in this backend and across the origin.
 *
 * @since 0.1.0
 * @category constructors
 */
export const serialiser = (name: string, locks: LockManagerLike | undefined) => {
  const semaphore = Semaphore.makeUnsafe(1)
  const webLock = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | StorageError, R> =>
    locks === undefined
      ? effect
      : Effect.acquireUseRelease(
        Effect.callback<() => void, StorageError>((resume) => {
          locks.request(name, () => new Promise<void>((release) => resume(Effect.succeed(() => release())))).catch((e: unknown) =>
            resume(Effect.fail(StorageError.create(e)))
          )
        }),
        () => effect,
        (release) => Effect.sync(release)
      )
  return <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | StorageError, R> => semaphore.withPermits(1)(webLock(effect))
}
