/**
 * The approvals queries (effects that read and write nothing): a school's policies, a stored
 * request with its route and workflow state, the requests by status, a request's decisions in
 * order, the standing delegations, and the pending requests past their deadlines.
 *
 * @since 0.1.0
 */
import { Effect, Option } from "effect"
import type { Instant } from "../kernel/Time.ts"
import * as Time from "../kernel/Time.ts"
import { DecisionRepository, DelegationRepository, PolicyRepository, RequestRepository } from "../ports/approvals.ts"
import { organisationOf } from "../ports/School.ts"
import type { Status } from "./model.ts"
import { overdueFindings as findOverdue } from "./overdueFindings.ts"

/**
 * Every policy revision of a school, by effective date.
 *
 * @since 0.1.0
 * @category queries
 */
export const policies = (schoolId: string) => PolicyRepository.use((r) => r.list(schoolId, { orderBy: "effectiveFrom" }))

/**
 * A stored request: the request, its route and its workflow state (a `NotFoundError` when there
 * is none).
 *
 * @since 0.1.0
 * @category queries
 */
export const request = (schoolId: string, requestId: string) => RequestRepository.use((r) => r.get(schoolId, requestId))

/**
 * A school's requests, optionally of one status, by submission time.
 *
 * @since 0.1.0
 * @category queries
 */
export const requests = (schoolId: string, status?: Status) =>
  RequestRepository.use((r) => r.list(schoolId, { ...(status === undefined ? {} : { where: { status } }), orderBy: "submittedAt" }))

/**
 * A request's decision records, in the order they were taken.
 *
 * @since 0.1.0
 * @category queries
 */
export const decisions = (schoolId: string, requestId: string) =>
  DecisionRepository.use((r) => r.list(schoolId, { where: { requestId }, orderBy: "seq" }))

/**
 * A school's standing delegations (常设委托), revoked ones included, by start of their period.
 *
 * @since 0.1.0
 * @category queries
 */
export const delegations = (schoolId: string) => DelegationRepository.use((r) => r.list(schoolId, { orderBy: "validFrom" }))

/**
 * The findings of lateness (`approvals.overdue`) among a school's pending requests at `at` (default:
 * the clock's reading): one per request whose current step — a chain: its current link — is past
 * its deadline, `warning` while it can still escalate, `violation` when it cannot (nobody above it,
 * or escalated and still not done). Explanations name people from the school's organisation when
 * there is one, and print times in its zone. See `overdueFindings`.
 *
 * @since 0.1.0
 * @category queries
 */
export const overdueFindings = (schoolId: string, at?: Instant) =>
  Effect.gen(function*() {
    const asOf = at ?? (yield* Time.now)
    const pending = yield* RequestRepository.use((r) => r.list(schoolId, { where: { status: "pending" } }))
    const org = Option.getOrUndefined(yield* organisationOf(schoolId))
    return findOverdue(pending, asOf, org === undefined ? {} : { org })
  })
