/**
 * Conformance cases of the approvals aggregates (policies, requests, decisions, standing
 * delegations) and commands: round trips, queries, versions, atomicity of refused decisions, and
 * the audit entry every decision writes.
 *
 * @since 0.1.0
 */
import { Effect, Option, Result, Schema } from "effect"
import { assert } from "vitest"
import {
  Policy as PolicySchema,
  StandingDelegation as StandingDelegationSchema,
  StoredDecision as StoredDecisionSchema,
  StoredRequest as StoredRequestSchema
} from "../../approvals/model.ts"
import type { Policy, StoredRequest } from "../../approvals/model.ts"
import { decide as decideCommand, escalateOverdue, revokeDelegation, saveDelegation, savePolicy, submitRequest } from "../../approvals/commands.ts"
import { instantiate } from "../../approvals/policy.ts"
import * as Json from "../../kernel/Json.ts"
import { Organisation as OrganisationSchema } from "../../kernel/People.ts"
import { fromEpochMillis, InstantSchema, layerClock } from "../../kernel/Time.ts"
import { cn } from "../../packs/cn.ts"
import {
  DecisionRepository,
  DecisionSpec,
  DelegationRepository,
  DelegationSpec,
  PolicyRepository,
  RequestRepository,
  RequestSpec
} from "../../ports/approvals.ts"
import { AuditLog } from "../../ports/AuditLog.ts"
import type * as Command from "../../ports/Command.ts"
import { applyQuery } from "../../ports/Memory.ts"
import { saveOrganisation } from "../../ports/people.ts"
import type { Query } from "../../ports/Storage.ts"
import { kindergartenOrg } from "../approvals.ts"
import type { Group } from "../conformance.ts"
import { hasFields } from "./expect.ts"

const encodePolicy = Schema.encodeSync(PolicySchema)
const encodeRequest = Schema.encodeSync(StoredRequestSchema)
const encodeDecision = Schema.encodeSync(StoredDecisionSchema)
const encodeDelegation = Schema.encodeSync(StandingDelegationSchema)
const encodeOrg = Schema.encodeSync(OrganisationSchema)
const encodeInstant = Schema.encodeSync(InstantSchema)
const H = 3_600_000
// 2026-03-02 09:00 +08:00
const T0 = 1_772_413_200_000
const at = (hours: number) => encodeInstant(fromEpochMillis(T0 + hours * H))

// `decide` dates a decision by the clock: each case's decision runs on a clock reading its `at`
const decide = (input: Command.Input<typeof decideCommand>) =>
  Effect.provide(decideCommand(input), layerClock(() => Date.parse(input.action.at ?? "")))

const same = (actual: unknown, expected: unknown, message: string) =>
  assert.strictEqual(Result.getOrThrow(Json.canonicalize(actual)), Result.getOrThrow(Json.canonicalize(expected)), message)

const policyInput = (p: Policy) => {
  const { schoolId: _s, version: _v, ...rest } = encodePolicy(p)
  return rest
}

const setUp = (schoolId: string) =>
  Effect.gen(function*() {
    const org = kindergartenOrg(schoolId)
    yield* saveOrganisation({ schoolId, actor: "s-head", organisation: encodeOrg(org) })
    const kg = instantiate(cn.approvals.presets.kindergarten, { schoolId, id: "kg-purchase", effectiveFrom: "2026-02-01" })
    const others = ["repair", "requisition", "assetDisposal", "budgetChange"] as const
    const template = cn.approvals.presets.school
    const school = instantiate({
      ...template,
      kinds: others,
      rules: template.rules.map((r) => ({ ...r, kinds: r.kinds.filter((k) => k !== "purchase") }))
    }, { schoolId, id: "school-other", effectiveFrom: "2026-02-01" })
    yield* savePolicy({ schoolId, actor: "s-head", policy: policyInput(kg) })
    yield* savePolicy({ schoolId, actor: "s-head", policy: policyInput(school) })
    return { org, kg, school }
  })

const submit = (schoolId: string, id: string, fen: number, hours = 0, kind = "purchase", requesterId = "s-teacher") =>
  submitRequest({
    schoolId,
    actor: requesterId,
    request: {
      id,
      kind,
      requesterId,
      departmentId: "dept-teaching",
      title: "采购申请",
      amount: { amount: fen, currency: "CNY" },
      submittedAt: at(hours)
    }
  })

/**
 * @since 0.1.0
 * @category cases
 */
export const approvalsCases: Group = {
  name: "approvals",
  cases: [
    {
      name: "round trip: policies, requests with their route and state, and decisions read back exactly as written",
      run: Effect.gen(function*() {
        const schoolId = "conf-appr-roundtrip"
        const { kg } = yield* setUp(schoolId)
        const stored = yield* PolicyRepository.use((r) => r.get(schoolId, "kg-purchase"))
        same(encodePolicy(stored), encodePolicy({ ...kg, version: 1 }), "policy")
        const req = yield* submit(schoolId, "req-rt-1", 100_001)
        const read = yield* RequestRepository.use((r) => r.get(schoolId, "req-rt-1"))
        same(encodeRequest(read), encodeRequest(req), "request")
        assert.deepStrictEqual(read.state.route.conditions, ["collectiveDecision", "form", "designatedPurchasingPoint"])
        const { decision } = yield* decide({ schoolId, actor: "s-head", requestId: "req-rt-1", action: { type: "approve", actor: "s-head", at: at(1), comment: "同意 ✓ 'ok'" } })
        const d = yield* DecisionRepository.use((r) => r.get(schoolId, decision.id))
        same(encodeDecision(d), encodeDecision(decision), "decision")
        assert.strictEqual(d.record.comment, "同意 ✓ 'ok'")
      })
    },
    {
      name: "queries: requests by status, kind, amount and submission instant; decisions by request in sequence",
      run: Effect.gen(function*() {
        const schoolId = "conf-appr-query"
        yield* setUp(schoolId)
        const amounts = [50_000, 99_999, 100_000, 100_001, 250_000, 1_000_000]
        for (let i = 0; i < amounts.length; i++) yield* submit(schoolId, `req-q-${i + 1}`, amounts[i]!, i)
        yield* submit(schoolId, "req-q-7", 3_000, 7, "repair")
        yield* decide({ schoolId, actor: "s-head", requestId: "req-q-2", action: { type: "reject", actor: "s-head", at: at(9), comment: "不需要" } })
        const repo = yield* RequestRepository
        const all = yield* repo.list(schoolId)
        const queries: Array<Query> = [
          { where: { status: "pending" } },
          { where: { kind: "repair" } },
          { where: { status: ["rejected", "approved"] } },
          { range: { field: "amount", from: 100_000, to: 250_000 } },
          { range: { field: "submittedAt", from: T0 + 2 * H, to: T0 + 6 * H }, orderBy: "submittedAt", direction: "desc" },
          { orderBy: "amount", limit: 3, offset: 1 }
        ]
        for (const q of queries) {
          assert.deepStrictEqual((yield* repo.list(schoolId, q)).map((r) => r.id), applyQuery(RequestSpec, all, q).map((r) => r.id), JSON.stringify(q))
        }
        yield* decide({ schoolId, actor: "s-deputy", requestId: "req-q-1", action: { type: "approve", actor: "s-deputy", at: at(10) } })
        yield* decide({ schoolId, actor: "s-head", requestId: "req-q-1", action: { type: "approve", actor: "s-head", at: at(11) } })
        const decisions = yield* DecisionRepository
        const mine = yield* decisions.list(schoolId, { where: { requestId: "req-q-1" }, orderBy: "seq" })
        assert.deepStrictEqual(mine.map((d) => [d.seq, d.record.actor]), [[1, "s-deputy"], [2, "s-head"]])
        const allDecisions = yield* decisions.list(schoolId)
        assert.deepStrictEqual(
          (yield* decisions.list(schoolId, { where: { action: "approve" }, orderBy: "at" })).map((d) => d.id),
          applyQuery(DecisionSpec, allDecisions, { where: { action: "approve" }, orderBy: "at" }).map((d) => d.id)
        )
      })
    },
    {
      name: "audit: every decision writes one audit entry and a decision record naming the policy revision",
      run: Effect.gen(function*() {
        const schoolId = "conf-appr-audit"
        yield* setUp(schoolId)
        yield* submit(schoolId, "req-a-1", 20_000)
        const audit = yield* AuditLog
        const before = (yield* audit.entries(schoolId)).length
        for (const [who, h] of [["s-deputy", 1], ["s-health", 2], ["s-head", 3]] as const) {
          yield* decide({ schoolId, actor: who, requestId: "req-a-1", action: { type: "approve", actor: who, at: at(h) } })
        }
        const entries = yield* audit.entries(schoolId)
        assert.strictEqual(entries.length, before + 3)
        assert.deepStrictEqual(entries.slice(-3).map((e) => [e.command, e.actor]), [["approvals.decide", "s-deputy"], ["approvals.decide", "s-health"], ["approvals.decide", "s-head"]])
        const last = entries[entries.length - 1]!
        assert.deepStrictEqual(last.changes.map((c) => [c.aggregate, c.op]), [["approvals.request", "update"], ["approvals.decision", "insert"]])
        const rec = (last.changes[1]!.after as { record: { policyId: string; policyRevision: number; statusAfter: string } }).record
        assert.deepStrictEqual([rec.policyId, rec.policyRevision, rec.statusAfter], ["kg-purchase", 1, "approved"])
        assert.isTrue((yield* audit.verify(schoolId)).ok)
      })
    },
    {
      name: "atomicity: a refused decision (self-approval, missing comment, stale version) writes nothing",
      run: Effect.gen(function*() {
        const schoolId = "conf-appr-atomic"
        yield* setUp(schoolId)
        yield* submit(schoolId, "req-x-1", 20_000, 0, "purchase", "s-head")
        const audit = yield* AuditLog
        const head = yield* audit.head(schoolId)
        const self = yield* Effect.flip(decide({ schoolId, actor: "s-head", requestId: "req-x-1", action: { type: "approve", actor: "s-head", at: at(1) } }))
        assert.strictEqual((self as { code: string }).code, "approvals.selfApproval")
        const noComment = yield* Effect.flip(decide({ schoolId, actor: "s-deputy", requestId: "req-x-1", action: { type: "reject", actor: "s-deputy", at: at(1), comment: "" } }))
        assert.strictEqual((noComment as { code: string }).code, "approvals.commentRequired")
        yield* decide({ schoolId, actor: "s-deputy", requestId: "req-x-1", version: 1, action: { type: "approve", actor: "s-deputy", at: at(1) } })
        const stale = yield* Effect.flip(decide({ schoolId, actor: "s-health", requestId: "req-x-1", version: 1, action: { type: "approve", actor: "s-health", at: at(2) } }))
        assert.strictEqual((stale as { _tag: string })._tag, "ConflictError")
        const req = yield* RequestRepository.use((r) => r.get(schoolId, "req-x-1"))
        assert.deepStrictEqual([req.version, req.state.approvals.length], [2, 1])
        assert.strictEqual(yield* DecisionRepository.use((r) => r.count(schoolId, { where: { requestId: "req-x-1" } })), 1)
        assert.strictEqual(Option.getOrThrow(yield* audit.head(schoolId)).seq, Option.getOrThrow(head).seq + 1)
      })
    },
    {
      name: "policies: an overlapping revision or a quorum the org cannot meet is refused by name, and nothing is written",
      run: Effect.gen(function*() {
        const schoolId = "conf-appr-policy"
        const { kg } = yield* setUp(schoolId)
        const overlap = instantiate(cn.approvals.presets.kindergarten, { schoolId, id: "kg-2", revision: 2, effectiveFrom: "2026-03-01" })
        const e1 = yield* Effect.flip(savePolicy({ schoolId, actor: "s-head", policy: policyInput(overlap) }))
        assert.strictEqual((e1 as { code: string }).code, "approvals.overlappingPolicies")
        const tooMany = { ...kg, id: "kg-3", effectiveFrom: "2027-01-01", rules: kg.rules.map((r) => ({ ...r, steps: [{ approvers: { type: "role", roleId: "committee" }, quorum: { type: "nOf", n: 5 } }] })) } as unknown as Policy
        const e2 = yield* Effect.flip(savePolicy({ schoolId, actor: "s-head", policy: policyInput(tooMany) }))
        assert.deepStrictEqual([(e2 as { code: string }).code, (e2 as { ruleId?: string }).ruleId], ["approvals.quorumTooLarge", "kg.upTo1000"])
        assert.deepStrictEqual((yield* PolicyRepository.use((r) => r.list(schoolId))).map((p) => p.id).sort(), ["kg-purchase", "school-other"])
        // a new revision from the day the old one ends is accepted
        yield* savePolicy({ schoolId, actor: "s-head", policy: { ...policyInput(kg), effectiveTo: "2026-03-01", version: 1 } })
        yield* savePolicy({ schoolId, actor: "s-head", policy: policyInput(overlap) })
        const r = yield* submit(schoolId, "req-p-1", 100, 24 * 30)
        assert.deepStrictEqual([r.state.route.policyId, r.state.route.policyRevision], ["kg-2", 2])
      })
    },
    {
      name: "escalation: each link of a chain escalates on its own deadline — a silent link passes to the next level, the last escalates to the committee, once; a future time is refused",
      run: Effect.gen(function*() {
        const schoolId = "conf-appr-escalate"
        yield* setUp(schoolId)
        yield* submit(schoolId, "req-e-1", 3_000, 0, "repair")
        // the scheduler's time `at` (hours), on a clock reading `clock` (hours)
        const escalate = (hours: number | undefined, clock = hours ?? 0) =>
          Effect.provide(
            escalateOverdue({ schoolId, actor: "system", ...(hours === undefined ? {} : { at: at(hours) }) }),
            layerClock(() => T0 + clock * H)
          )
        const count = () => DecisionRepository.use((r) => r.count(schoolId, { where: { requestId: "req-e-1" } }))
        assert.strictEqual((yield* escalate(47)).length, 0)
        // the team leader is silent 48 hours: the officer's turn, with 48 hours of their own
        const first = yield* escalate(48)
        assert.deepStrictEqual(first.map((d) => [d.record.requestId, d.record.action, d.record.step]), [["req-e-1", "escalate", 0]])
        assert.include(first[0]!.record.explanation.zh, "转由下一级")
        assert.strictEqual((yield* escalate(60)).length, 0)
        // an escalation dated an hour ahead of the clock would escalate early: refused, nothing written
        const early = yield* Effect.flip(escalate(96, 95))
        hasFields(early, { _tag: "ValidationError", code: "approvals.actionTimeOffClock", path: ["at"] })
        assert.strictEqual(yield* count(), 1)
        // no `at`: the clock's reading; the officer is passed at 96 h
        const second = yield* escalate(undefined, 96)
        assert.deepStrictEqual(second.map((d) => d.record.at.epochMilliseconds), [T0 + 96 * H])
        // a scheduler catching up at 150 h dates the director's escalation at 144 h, when it fell due
        const third = yield* escalate(144, 150)
        assert.deepStrictEqual(third.map((d) => d.record.at.epochMilliseconds), [T0 + 144 * H])
        assert.include(third[0]!.record.explanation.en, "the step escalated to")
        assert.strictEqual((yield* escalate(200)).length, 0)
        const req = yield* RequestRepository.use((r) => r.get(schoolId, "req-e-1"))
        assert.deepStrictEqual(req.state.escalated, [0])
        assert.deepStrictEqual((req.state.passedLinks ?? []).map((p) => [p.step, p.link, p.at.epochMilliseconds]), [[0, 0, T0 + 48 * H], [0, 1, T0 + 96 * H]])
        assert.strictEqual(req.state.status, "pending")
      })
    },
    {
      name: "concurrency: two approvers acting on one version — one succeeds, the other gets a conflict",
      run: Effect.gen(function*() {
        const schoolId = "conf-appr-race"
        yield* setUp(schoolId)
        const req: StoredRequest = yield* submit(schoolId, "req-r-1", 20_000)
        const results = yield* Effect.all([
          Effect.result(decide({ schoolId, actor: "s-deputy", requestId: "req-r-1", version: req.version, action: { type: "approve", actor: "s-deputy", at: at(1) } })),
          Effect.result(decide({ schoolId, actor: "s-health", requestId: "req-r-1", version: req.version, action: { type: "approve", actor: "s-health", at: at(1) } }))
        ], { concurrency: 2 })
        assert.strictEqual(results.filter(Result.isSuccess).length, 1)
        const failure = results.find(Result.isFailure)!
        assert.strictEqual((failure.failure as { _tag: string })._tag, "ConflictError")
        assert.strictEqual(yield* DecisionRepository.use((r) => r.count(schoolId, { where: { requestId: "req-r-1" } })), 1)
      })
    },
    {
      name: "integrity: a request's decisions are numbered once (a repeated number is a DuplicateError), a decision names a request that exists, and a request or policy still named cannot be removed",
      run: Effect.gen(function*() {
        const schoolId = "conf-approvals-refs"
        yield* setUp(schoolId)
        yield* submit(schoolId, "req-1", 100_001)
        const { decision } = yield* decide({ schoolId, actor: "s-head", requestId: "req-1", action: { type: "approve", actor: "s-head", at: at(1) } })
        hasFields(yield* Effect.flip(DecisionRepository.use((r) => r.insert({ ...decision, id: "decision-again" as typeof decision.id, version: 0 }))), {
          _tag: "DuplicateError",
          code: "storage.duplicate",
          aggregate: "approvals.decision",
          fields: ["requestId", "seq"],
          existingId: decision.id
        })
        const orphan = { ...decision, id: "decision-orphan" as typeof decision.id, version: 0, record: { ...decision.record, requestId: "req-404" as typeof decision.record.requestId } }
        hasFields(yield* Effect.flip(DecisionRepository.use((r) => r.insert(orphan))), {
          _tag: "ReferenceError",
          code: "storage.missingReference",
          path: ["requestId"],
          targetId: "req-404"
        })
        const request = yield* RequestRepository.use((r) => r.get(schoolId, "req-1"))
        hasFields(yield* Effect.flip(RequestRepository.use((r) => r.remove(request))), {
          _tag: "ReferenceError",
          code: "storage.referenced",
          aggregate: "approvals.request",
          id: "req-1",
          target: "approvals.decision",
          targetId: decision.id
        })
        const policy = yield* PolicyRepository.use((r) => r.get(schoolId, request.state.route.policyId))
        hasFields(yield* Effect.flip(PolicyRepository.use((r) => r.remove(policy))), { _tag: "ReferenceError", code: "storage.referenced", aggregate: "approvals.policy" })
        assert.strictEqual(yield* DecisionRepository.use((r) => r.count(schoolId, { where: { requestId: "req-1" } })), 1)
      })
    },
    {
      name: "round trip: a standing delegation (常设委托) with Chinese text, the instants of its period and its revocation reads back exactly; queries by delegate, period and revocation; decide offers it",
      run: Effect.gen(function*() {
        const schoolId = "conf-appr-delegation"
        yield* setUp(schoolId)
        const saved = yield* saveDelegation({
          schoolId,
          actor: "s-head",
          delegation: { id: "dlg-rt-1", from: "s-head", to: "s-deputy", validFrom: at(-24), validUntil: at(9 * 24), kinds: ["purchase"], reason: "王园长请假期间由李副园长代为审批 ✓ 'ok'" }
        })
        const repo = yield* DelegationRepository
        same(encodeDelegation(yield* repo.get(schoolId, "dlg-rt-1")), encodeDelegation(saved), "delegation")
        // an instant with seconds and milliseconds, no kinds (every kind)
        const odd = encodeInstant(fromEpochMillis(T0 + 48 * H + 61_234))
        const other = yield* saveDelegation({
          schoolId,
          actor: "s-health",
          delegation: { id: "dlg-rt-2", from: "s-health", to: "s-director", validFrom: odd, validUntil: at(72), reason: "赵保健老师外出培训，由陈主任代批" }
        })
        const read2 = yield* repo.get(schoolId, "dlg-rt-2")
        same(encodeDelegation(read2), encodeDelegation(other), "delegation without kinds")
        assert.strictEqual(read2.validFrom.epochMilliseconds, T0 + 48 * H + 61_234)
        assert.isFalse("kinds" in read2)
        // the decide command offers the delegation in force: the deputy approves for the head
        yield* submit(schoolId, "req-dlg-1", 100_001, 1)
        const { decision } = yield* decide({ schoolId, actor: "s-deputy", requestId: "req-dlg-1", action: { type: "approve", actor: "s-deputy", onBehalfOf: "s-head", at: at(2) } })
        assert.strictEqual(decision.record.onBehalfOf, "s-head")
        assert.deepStrictEqual((yield* RequestRepository.use((r) => r.get(schoolId, "req-dlg-1"))).state.delegations, [])
        const revoked = yield* Effect.provide(
          revokeDelegation({ schoolId, actor: "s-head", delegationId: "dlg-rt-1", version: 1, reason: "提前返岗" }),
          layerClock(() => T0 + 3 * H)
        )
        const readRevoked = yield* repo.get(schoolId, "dlg-rt-1")
        same(encodeDelegation(readRevoked), encodeDelegation(revoked), "revoked delegation")
        assert.strictEqual(readRevoked.revoked?.at.epochMilliseconds, T0 + 3 * H)
        assert.strictEqual(readRevoked.revoked?.reason, "提前返岗")
        assert.strictEqual(readRevoked.version, 2)
        const all = yield* repo.list(schoolId)
        const queries: Array<Query> = [
          { where: { revoked: false } },
          { where: { revoked: true } },
          { where: { delegateId: "s-deputy" } },
          { where: { delegatorId: ["s-health", "s-nobody"] } },
          { range: { field: "validFrom", from: T0, to: T0 + 72 * H } },
          { range: { field: "validUntil", from: T0 + 72 * H, to: T0 + 72 * H }, orderBy: "validUntil" },
          { orderBy: "validFrom", direction: "desc" }
        ]
        for (const q of queries) {
          assert.deepStrictEqual((yield* repo.list(schoolId, q)).map((d) => d.id), applyQuery(DelegationSpec, all, q).map((d) => d.id), JSON.stringify(q))
        }
        assert.deepStrictEqual((yield* repo.list(schoolId, { where: { revoked: false } })).map((d) => d.id), ["dlg-rt-2"])
      })
    }
  ]
}
