/**
 * Storage of the approvals module: policies (each revision a record, with its effective dates),
 * requests (with their workflow state) and decisions (one record per accepted action), with their
 * repository services. Org charts are the kernel's `Organisation` aggregate (`ports/people.ts`).
 *
 * A request names the policy that routed it, and a decision its request and policy (foreign
 * keys); a request's decisions are numbered 1, 2, 3… and no number repeats (unique). Standing
 * delegations (常设委托) are records of their own, outside any request.
 *
 * @since 0.1.0
 */
import { Context, Layer } from "effect"
import type { Policy, StandingDelegation, StoredDecision, StoredRequest } from "../approvals/model.ts"
import {
  Policy as PolicySchema,
  StandingDelegation as StandingDelegationSchema,
  StoredDecision as StoredDecisionSchema,
  StoredRequest as StoredRequestSchema
} from "../approvals/model.ts"
import * as Repository from "./Repository.ts"
import { aggregate } from "./Storage.ts"

/**
 * The policy aggregate (`approvals.policy`), queryable by revision, effective dates and the
 * currency of its amounts (null: the default, CNY).
 *
 * @since 0.1.0
 * @category specs
 */
export const PolicySpec = aggregate({
  name: "approvals.policy",
  schema: PolicySchema,
  fields: {
    revision: { kind: "int", get: (p: Policy) => p.revision },
    effectiveFrom: { kind: "date", get: (p: Policy) => p.effectiveFrom },
    effectiveTo: { kind: "date", get: (p: Policy) => p.effectiveTo ?? null },
    currency: { kind: "text", get: (p: Policy) => p.currency ?? null }
  }
})

/**
 * The request aggregate (`approvals.request`): the request and its workflow state, queryable by
 * kind, title, status, current step, requester and department, policy (a reference) and its
 * revision, amount (fen) with its currency, and submission instant.
 *
 * @since 0.1.0
 * @category specs
 */
export const RequestSpec = aggregate({
  name: "approvals.request",
  schema: StoredRequestSchema,
  fields: {
    kind: { kind: "text", get: (r: StoredRequest) => r.request.kind },
    title: { kind: "text", get: (r: StoredRequest) => r.request.title },
    status: { kind: "text", get: (r: StoredRequest) => r.state.status },
    step: { kind: "int", get: (r: StoredRequest) => r.state.step },
    requesterId: { kind: "text", get: (r: StoredRequest) => r.request.requesterId },
    departmentId: { kind: "text", get: (r: StoredRequest) => r.request.departmentId ?? null },
    policyId: { kind: "text", get: (r: StoredRequest) => r.state.route.policyId, references: "approvals.policy" },
    policyRevision: { kind: "int", get: (r: StoredRequest) => r.state.route.policyRevision },
    amount: { kind: "int", get: (r: StoredRequest) => r.request.amount.amount },
    currency: { kind: "text", get: (r: StoredRequest) => r.request.amount.currency },
    submittedAt: { kind: "instant", get: (r: StoredRequest) => r.request.submittedAt.epochMilliseconds }
  }
})

/**
 * The decision aggregate (`approvals.decision`): one accepted action on a request, queryable by
 * request (a reference) and sequence (unique together), instant, action, actor, for whom, the
 * status it led to, and policy (a reference) and revision.
 *
 * @since 0.1.0
 * @category specs
 */
export const DecisionSpec = aggregate({
  name: "approvals.decision",
  schema: StoredDecisionSchema,
  fields: {
    requestId: { kind: "text", get: (d: StoredDecision) => d.record.requestId, references: "approvals.request" },
    seq: { kind: "int", get: (d: StoredDecision) => d.seq },
    at: { kind: "instant", get: (d: StoredDecision) => d.record.at.epochMilliseconds },
    action: { kind: "text", get: (d: StoredDecision) => d.record.action },
    actor: { kind: "text", get: (d: StoredDecision) => d.record.actor },
    onBehalfOf: { kind: "text", get: (d: StoredDecision) => d.record.onBehalfOf ?? null },
    statusAfter: { kind: "text", get: (d: StoredDecision) => d.record.statusAfter },
    policyId: { kind: "text", get: (d: StoredDecision) => d.record.policyId, references: "approvals.policy" },
    policyRevision: { kind: "int", get: (d: StoredDecision) => d.record.policyRevision }
  },
  unique: [["requestId", "seq"]]
})

/**
 * The standing delegation aggregate (`approvals.delegation`, 常设委托): queryable by delegator
 * (`from`), delegate (`to`), the instants of its period and whether it is revoked.
 *
 * @since 0.1.0
 * @category specs
 */
export const DelegationSpec = aggregate({
  name: "approvals.delegation",
  schema: StandingDelegationSchema,
  fields: {
    // not "from" and "to": SQL reserved words, awkward in a BI tool's query
    delegatorId: { kind: "text", get: (d: StandingDelegation) => d.from },
    delegateId: { kind: "text", get: (d: StandingDelegation) => d.to },
    validFrom: { kind: "instant", get: (d: StandingDelegation) => d.validFrom.epochMilliseconds },
    validUntil: { kind: "instant", get: (d: StandingDelegation) => d.validUntil.epochMilliseconds },
    revoked: { kind: "bool", get: (d: StandingDelegation) => d.revoked !== undefined }
  }
})

/**
 * Every approvals aggregate spec (a new one is appended, never inserted).
 *
 * @since 0.1.0
 * @category specs
 */
export const specs = [PolicySpec, RequestSpec, DecisionSpec, DelegationSpec] as const

/**
 * @since 0.1.0
 * @category services
 */
export class PolicyRepository extends Context.Service<PolicyRepository, Repository.Repository<Policy>>()(
  "@houqin/core/approvals/PolicyRepository"
) {}

/**
 * @since 0.1.0
 * @category services
 */
export class RequestRepository extends Context.Service<RequestRepository, Repository.Repository<StoredRequest>>()(
  "@houqin/core/approvals/RequestRepository"
) {}

/**
 * @since 0.1.0
 * @category services
 */
export class DecisionRepository extends Context.Service<DecisionRepository, Repository.Repository<StoredDecision>>()(
  "@houqin/core/approvals/DecisionRepository"
) {}

/**
 * @since 0.1.0
 * @category services
 */
export class DelegationRepository extends Context.Service<DelegationRepository, Repository.Repository<StandingDelegation>>()(
  "@houqin/core/approvals/DelegationRepository"
) {}

/**
 * The approvals repositories over a storage backend.
 *
 * @since 0.1.0
 * @category layers
 */
export const repositories = Layer.mergeAll(
  Repository.layer(PolicyRepository, PolicySpec),
  Repository.layer(RequestRepository, RequestSpec),
  Repository.layer(DecisionRepository, DecisionSpec),
  Repository.layer(DelegationRepository, DelegationSpec)
)
