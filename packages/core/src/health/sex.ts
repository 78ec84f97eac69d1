/**
 * Sex codes for growth references. Houqin stores `M` and `F` (the kernel's `Sex`); WHO's packages
 * accept `1`/`2` and `m`/`f` as well, and Chinese forms write 男/女. Anything else is an
 * {@link UnknownSexError}, never a guess.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { Path } from "../kernel/Errors.ts"
import type { Sex } from "../kernel/People.ts"
import { UnknownSexError } from "./errors.ts"

/**
 * The codes accepted for a sex, as typed by users and WHO's packages.
 *
 * @since 0.1.0
 * @category models
 */
export type SexInput = Sex | "m" | "f" | 1 | 2 | "1" | "2" | "男" | "女"

/**
 * WHO's numeric code of a sex input: 1 (male), 2 (female), or 0 when it is not a sex code.
 *
 * @since 0.1.0
 * @category conversions
 */
export const whoCode = (input: unknown): 0 | 1 | 2 => {
  switch (input) {
    case "M":
    case "m":
    case 1:
    case "1":
    case "男":
      return 1
    case "F":
    case "f":
    case 2:
    case "2":
    case "女":
      return 2
    default:
      return 0
  }
}

/**
 * The sex of an input code, or an {@link UnknownSexError} with the field's path.
 *
 * @since 0.1.0
 * @category conversions
 */
export const parse = (input: unknown, path: Path = ["sex"]): Result.Result<Sex, UnknownSexError> => {
  const code = whoCode(input)
  return code === 0 ? Result.fail(UnknownSexError.create(input, path)) : Result.succeed(code === 1 ? "M" : "F")
}
