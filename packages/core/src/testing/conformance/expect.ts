/**
 * Assertions the conformance cases share about the typed errors of the storage port.
 *
 * @since 0.1.0
 */
import { assert } from "vitest"

/**
 * Asserts that an error has the given fields (`_tag`, `code`, `path`, the ids it names…), each
 * compared deeply, and names the first one that differs.
 *
 * @since 0.1.0
 * @category assertions
 */
export const hasFields = (error: unknown, expected: Readonly<Record<string, unknown>>): void => {
  assert.ok(typeof error === "object" && error !== null, "a typed error")
  for (const [key, value] of Object.entries(expected)) {
    assert.deepStrictEqual((error as Record<string, unknown>)[key], value, `${key} of ${String((error as { message?: unknown }).message)}`)
  }
}
