/**
 * What every report builder shares: the options of the document (school, zone, generation time,
 * who signs) and the signature lines (审核人 / 公示人) at its foot.
 *
 * @since 0.1.0
 */
import type { Time } from "@houqin/core"
import type { Text } from "../Locale.ts"
import { words } from "../Locale.ts"
import type { BlockInput, Signature } from "../Report.ts"

/**
 * Options every builder takes.
 *
 * - `school`: the school's name, printed under the title.
 * - `zone`: the school's zone (default Asia/Shanghai); instants are shown in it.
 * - `generatedAt`: printed when given (rendering never reads the clock).
 * - `reviewer`, `publisher`, `signedOn`: the names and date on the signature lines (审核人,
 *   公示人); blank lines to sign by hand when absent. `signatures: false` leaves them out.
 *
 * @since 0.1.0
 * @category models
 */
export interface DocumentOptions {
  readonly school?: string
  readonly zone?: string
  readonly generatedAt?: Time.Instant | string | number
  readonly reviewer?: string
  readonly publisher?: string
  readonly signedOn?: string
  readonly signatures?: boolean
}

/**
 * The signature lines of a document: reviewer (审核人) and publisher (公示人), or the roles given.
 *
 * @since 0.1.0
 * @category constructors
 */
export const signatureLines = (
  options: DocumentOptions,
  roles: ReadonlyArray<{ readonly role: Text; readonly name?: string | undefined }> = [
    { role: words.reviewer, name: options.reviewer },
    { role: words.publisher, name: options.publisher }
  ]
): ReadonlyArray<BlockInput> => {
  if (options.signatures === false) return []
  const signatures: Array<Signature> = roles.map((r) => ({
    role: r.role,
    ...(r.name === undefined ? {} : { name: r.name }),
    ...(options.signedOn === undefined ? {} : { date: options.signedOn })
  }))
  return [{ type: "signatures", signatures }]
}

/**
 * The document-level fields of a report input from the options.
 *
 * @since 0.1.0
 * @category constructors
 */
export const documentFields = (options: DocumentOptions): { readonly school?: string; readonly zone?: string; readonly generatedAt?: Time.Instant | string | number } => ({
  ...(options.school === undefined ? {} : { school: options.school }),
  ...(options.zone === undefined ? {} : { zone: options.zone }),
  ...(options.generatedAt === undefined ? {} : { generatedAt: options.generatedAt })
})
