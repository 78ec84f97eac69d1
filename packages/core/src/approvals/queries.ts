/**
 * The approvals queries (effects that read and write nothing): a school's policies, a stored
 * request with its route and workflow state, the requests by status, a request's decisions in
 * order, and the standing delegations.
 *
 * @since 0.1.0
 */
import { DecisionRepository, DelegationRepository, PolicyRepository, RequestRepository } from "../ports/approvals.ts"
import type { Status } from "./model.ts"

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
