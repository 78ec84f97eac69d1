/**
 * What the command tests share: the error an effect fails with, and a check of a typed error's
 * tag, code, path and messages in both languages (CONTRACTS.md: every error has all four).
 */
import { assert } from "@effect/vitest"
import { Effect } from "effect"
import type { HouqinError } from "../../src/kernel/Errors.ts"

/** the error the effect fails with (it must fail) */
export const failure = <A, E, R>(e: Effect.Effect<A, E, R>) =>
  Effect.map(Effect.flip(e), (x) => x as unknown as HouqinError & { readonly issues?: ReadonlyArray<{ readonly path: ReadonlyArray<string | number> }> })

/** the error's tag, code and path, and a message in zh-CN and in en */
export const expectError = (error: HouqinError, tag: string, code: string, path: ReadonlyArray<string | number>) => {
  assert.strictEqual(error._tag, tag, error.en)
  assert.strictEqual(error.code, code, error.en)
  assert.deepStrictEqual(error.path, path, error.en)
  assert.isAbove(error.zh.length, 0)
  assert.isAbove(error.en.length, 0)
}
