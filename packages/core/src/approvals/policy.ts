/**
 * Making and decoding policies: a stored policy from a preset template, and decoders for untrusted
 * input that turn every schema issue into a `ValidationError` with the field's path.
 *
 * @since 0.1.0
 */
import * as Decode from "../kernel/Decode.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import type { SchoolId } from "../kernel/People.ts"
import type { Policy, PolicyId, PolicyTemplate } from "./model.ts"
import { Action, Policy as PolicySchema, PolicyTemplate as PolicyTemplateSchema, Request } from "./model.ts"

/**
 * A stored policy (version 0, not yet written) from a template.
 *
 * @since 0.1.0
 * @category constructors
 */
export const instantiate = (
  template: PolicyTemplate,
  options: {
    readonly schoolId: string
    readonly id: string
    readonly revision?: number
    readonly effectiveFrom: string
    readonly effectiveTo?: string
  }
): Policy => ({
  ...template,
  schoolId: options.schoolId as SchoolId,
  id: options.id as PolicyId,
  version: 0,
  revision: options.revision ?? 1,
  effectiveFrom: options.effectiveFrom as LocalDate,
  ...(options.effectiveTo === undefined ? {} : { effectiveTo: options.effectiveTo as LocalDate })
})

/**
 * Decodes a policy from untrusted input.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodePolicy = Decode.decoder(PolicySchema)

/**
 * Decodes a policy template from untrusted input.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeTemplate = Decode.decoder(PolicyTemplateSchema)

/**
 * Decodes a request from untrusted input.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeRequest = Decode.decoder(Request)

/**
 * Decodes an action from untrusted input.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeAction = Decode.decoder(Action)
