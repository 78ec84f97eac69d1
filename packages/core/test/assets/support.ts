/**
 * Test support for the assets module: a runtime over a fresh memory backend with the `cn` rules,
 * sequential ids and a fixed clock, and helpers to run commands and catch their typed failures.
 */
import type { Effect } from "effect"
import { Cause, Exit, Layer, ManagedRuntime } from "effect"
import * as Id from "../../src/kernel/Id.ts"
import * as Time from "../../src/kernel/Time.ts"
import * as Layers from "../../src/layers.ts"
import { cn } from "../../src/packs/cn.ts"
import type { PackHistory, RulePack } from "../../src/packs/RulePack.ts"
import { layerRules, type Rules } from "../../src/packs/RulePack.ts"

export type TestServices = Layers.Services | Rules | Id.IdGenerator

/** 2024-06-03 10:00 in Shanghai (a Monday) */
export const NOW = Date.UTC(2024, 5, 3, 2, 0)

export const makeRuntime = (options: { readonly rules?: RulePack | PackHistory | ((schoolId: string) => RulePack | PackHistory); readonly now?: () => number } = {}) => {
  const clock = Time.layerClock(options.now ?? (() => NOW))
  const layer = Layer.mergeAll(Layers.layerMemory, layerRules(options.rules ?? cn), Id.layerSequential("t")).pipe(
    Layer.provide(clock),
    Layer.provideMerge(clock)
  ) as Layer.Layer<TestServices>
  const runtime = ManagedRuntime.make(layer)
  const run = <A, E>(effect: Effect.Effect<A, E, TestServices>): Promise<A> =>
    runtime.runPromiseExit(effect).then((exit) => {
      if (Exit.isSuccess(exit)) return exit.value
      const failure = Cause.findErrorOption(exit.cause)
      if (failure._tag === "Some") throw failure.value as Error
      throw new Error(Cause.pretty(exit.cause))
    })
  /** the typed failure of an effect that must fail */
  const fail = async <A, E>(effect: Effect.Effect<A, E, TestServices>): Promise<E & { _tag: string; code: string; path: ReadonlyArray<string | number> }> => {
    const exit = await runtime.runPromiseExit(effect)
    if (Exit.isSuccess(exit)) throw new Error(`expected a failure, got ${JSON.stringify(exit.value)}`)
    const failure = Cause.findErrorOption(exit.cause)
    if (failure._tag === "None") throw new Error(Cause.pretty(exit.cause))
    return failure.value as E & { _tag: string; code: string; path: ReadonlyArray<string | number> }
  }
  return { run, fail, dispose: () => runtime.dispose() }
}

export const cny = (amount: number) => ({ amount, currency: "CNY" as const })
