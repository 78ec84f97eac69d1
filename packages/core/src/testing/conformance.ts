/**
 * The conformance suite: the promises of the storage port, run against any backend.
 *
 * ```ts
 * import { suite } from "@houqin/core/testing"
 * suite("sqlite (memory)", SqlAdapter.layer({ dialect: "sqlite", filename: ":memory:" }))
 * ```
 *
 * Each module adds its cases to {@link groups}; each adapter's tests call {@link suite} once per
 * backend, so every backend runs the same cases — no copies. A backend that cannot keep a promise
 * declares the gap by case name with its reason (reported as a to-do, never skipped silently).
 * Cases work in schools of their own, so a suite shares one backend instance.
 *
 * @since 0.1.0
 */
import { describe, layer } from "@effect/vitest"
import type { Effect } from "effect"
import { Layer } from "effect"
import { test } from "vitest"
import * as Id from "../kernel/Id.ts"
import type { Services } from "../layers.ts"
import * as Layers from "../layers.ts"
import { cn } from "../packs/cn.ts"
import type { Rules } from "../packs/RulePack.ts"
import { layerRules } from "../packs/RulePack.ts"
import type { Storage } from "../ports/Storage.ts"
import { kernelCases } from "./conformance/kernel.ts"
import { approvalsCases } from "./conformance/approvals.ts"
import { retentionCases } from "./conformance/retention.ts"
import { assetsCases } from "./conformance/assets.ts"
import { canteenCases } from "./conformance/canteen.ts"
import { healthCases } from "./conformance/health.ts"
import { syncCases } from "./conformance/sync.ts"

/**
 * What a case may use: every service over the backend under test, the `cn` rules and sequential
 * ids.
 *
 * @since 0.1.0
 * @category models
 */
export type CaseServices = Services | Rules | Id.IdGenerator

/**
 * One promise of the port, as an effect that fails (or dies) when the backend breaks it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Case {
  readonly name: string
  readonly run: Effect.Effect<void, unknown, CaseServices>
  /** a longer time limit for cases that write many rows */
  readonly timeout?: number
}

/**
 * The cases of one module.
 *
 * @since 0.1.0
 * @category models
 */
export interface Group {
  readonly name: string
  readonly cases: ReadonlyArray<Case>
}

/**
 * Every module's cases.
 *
 * @since 0.1.0
 * @category cases
 */
export const groups: ReadonlyArray<Group> = [kernelCases, approvalsCases, retentionCases, assetsCases, canteenCases, healthCases]

/**
 * The cases of a backend that keeps the rows of its bulk inserts (`Storage.BulkRowKeeper`, the
 * server end of device sync), run when {@link SuiteOptions} says `keepsBulkRows`.
 *
 * @since 0.1.0
 * @category cases
 */
export const keptBulkRowsGroups: ReadonlyArray<Group> = [syncCases]

/**
 * Options of {@link suite}.
 *
 * @since 0.1.0
 * @category models
 */
export interface SuiteOptions {
  /** cases this backend cannot pass, by `group/case` name, with the reason */
  readonly gaps?: Readonly<Record<string, string>>
  /** a time limit per case in milliseconds (default 30 s) */
  readonly timeout?: number
  /** the backend keeps the rows of its bulk inserts: also run {@link keptBulkRowsGroups} (which fail if it does not) */
  readonly keepsBulkRows?: boolean
}

/**
 * Runs every case of every module against a backend.
 *
 * @since 0.1.0
 * @category suites
 */
export const suite = (name: string, backend: Layer.Layer<Storage, unknown>, options: SuiteOptions = {}): void => {
  const services = Layer.mergeAll(
    Layers.layer(backend),
    layerRules(cn),
    Id.layerSequential("conf")
  ) as Layer.Layer<CaseServices, unknown>
  describe(`conformance: ${name}`, () => {
    layer(services, { timeout: "120 seconds" })((it) => {
      for (const group of options.keepsBulkRows === true ? [...groups, ...keptBulkRowsGroups] : groups) {
        for (const c of group.cases) {
          const key = `${group.name}/${c.name}`
          const gap = options.gaps?.[key]
          if (gap !== undefined) {
            test.todo(`${key} — declared gap: ${gap}`)
            continue
          }
          it.effect(key, () => c.run, c.timeout ?? options.timeout ?? 30_000)
        }
      }
    })
  })
}
