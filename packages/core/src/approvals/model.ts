/**
 * Approval policies as data: requests, rules, approver sets, quorums, routes, the workflow state
 * of a request and the decision records `decide` writes.
 *
 * A policy is storable (its encoded form is JSON), versioned (`revision`) and in force from an
 * effective date. Its rules match requests on amount bands (integer fen, compared exactly),
 * category, funding source, supplier status and any request attribute; every rule that matches
 * applies, and their requirements combine (see `route.ts`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Messages } from "../kernel/Errors.ts"
import * as Id from "../kernel/Id.ts"
import { LocalDateSchema } from "../kernel/LocalDate.ts"
import { Currency, MoneySchema } from "../kernel/Money.ts"
import { DepartmentId, RoleId, SchoolId, StaffId } from "../kernel/People.ts"
import { InstantSchema } from "../kernel/Time.ts"

/** @since 0.1.0 @category schemas */
export const RequestId = Id.branded("RequestId")
/** @since 0.1.0 @category models */
export type RequestId = typeof RequestId.Type
/** @since 0.1.0 @category schemas */
export const PolicyId = Id.branded("PolicyId")
/** @since 0.1.0 @category models */
export type PolicyId = typeof PolicyId.Type
/** @since 0.1.0 @category schemas */
export const DecisionId = Id.branded("DecisionId")
/** @since 0.1.0 @category models */
export type DecisionId = typeof DecisionId.Type

/**
 * The id of a rule inside a policy (unique within it). Rules are ordered by id where their
 * steps tie on level, so the order in which rules are listed never changes a route.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RuleId = Id.IdString
/** @since 0.1.0 @category models */
export type RuleId = typeof RuleId.Type

/**
 * Kinds of request a policy routes.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RequestKind = Schema.Literals(["purchase", "assetDisposal", "repair", "requisition", "budgetChange"])
/** @since 0.1.0 @category models */
export type RequestKind = typeof RequestKind.Type

/**
 * Every request kind, in a fixed order.
 *
 * @since 0.1.0
 * @category constants
 */
export const requestKinds: ReadonlyArray<RequestKind> = RequestKind.literals

/**
 * A request attribute's value.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AttributeValue = Schema.Union([Schema.String, Schema.Finite, Schema.Boolean])
/** @since 0.1.0 @category models */
export type AttributeValue = typeof AttributeValue.Type

const Text = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(500))
const Key = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(64))
const Fen = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

/**
 * A request for approval: a purchase, an asset disposal, a repair, a requisition or a budget
 * change, with its amount in fen and the attributes rules may match on.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Request = Schema.Struct({
  id: RequestId,
  kind: RequestKind,
  requesterId: StaffId,
  departmentId: Schema.optionalKey(DepartmentId),
  title: Text,
  amount: MoneySchema,
  category: Schema.optionalKey(Key),
  fundingSource: Schema.optionalKey(Key),
  supplierStatus: Schema.optionalKey(Key),
  attributes: Schema.optionalKey(Schema.Record(Key, AttributeValue)),
  submittedAt: InstantSchema
})
/** @since 0.1.0 @category models */
export type Request = typeof Request.Type

/**
 * An amount band in fen: any of `gt`, `gte`, `lt`, `lte` (at most one lower and one upper bound).
 * `{ lte: 100000 }` is "at most ¥1,000.00"; `{ gt: 100000 }` is "above ¥1,000.00".
 *
 * @since 0.1.0
 * @category schemas
 */
export const AmountBand = Schema.Struct({
  gt: Schema.optionalKey(Fen),
  gte: Schema.optionalKey(Fen),
  lt: Schema.optionalKey(Fen),
  lte: Schema.optionalKey(Fen)
})
/** @since 0.1.0 @category models */
export type AmountBand = typeof AmountBand.Type

/**
 * A test on one request attribute.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AttributeTest = Schema.Union([
  Schema.Struct({ key: Key, op: Schema.Literals(["eq", "ne"]), value: AttributeValue }),
  Schema.Struct({ key: Key, op: Schema.Literal("in"), values: Schema.Array(AttributeValue).check(Schema.isMinLength(1)) }),
  Schema.Struct({ key: Key, op: Schema.Literals(["gt", "gte", "lt", "lte"]), value: Schema.Finite }),
  Schema.Struct({ key: Key, op: Schema.Literals(["present", "absent"]) })
])
/** @since 0.1.0 @category models */
export type AttributeTest = typeof AttributeTest.Type

/**
 * When a rule applies: all the given tests hold (an absent test always holds). Lists mean "one
 * of"; a request without the field matches no list. `categoryNot` means "none of".
 *
 * @since 0.1.0
 * @category schemas
 */
export const Match = Schema.Struct({
  amount: Schema.optionalKey(AmountBand),
  category: Schema.optionalKey(Schema.Array(Key).check(Schema.isMinLength(1))),
  /** none of these categories (a request without a category passes): `["works"]` keeps building work out of a services rule */
  categoryNot: Schema.optionalKey(Schema.Array(Key).check(Schema.isMinLength(1))),
  fundingSource: Schema.optionalKey(Schema.Array(Key).check(Schema.isMinLength(1))),
  supplierStatus: Schema.optionalKey(Schema.Array(Key).check(Schema.isMinLength(1))),
  attributes: Schema.optionalKey(Schema.Array(AttributeTest))
})
/** @since 0.1.0 @category models */
export type Match = typeof Match.Type

/**
 * Who may approve a step: everyone holding a role, named staff, the person a field of the request
 * names (the head of the request's department, or a staff id held in an attribute), or the org
 * chart's responsibility chain of the request's department.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ApproverSet = Schema.Union([
  Schema.Struct({ type: Schema.Literal("role"), roleId: RoleId }),
  Schema.Struct({ type: Schema.Literal("staff"), staffIds: Schema.Array(StaffId).check(Schema.isMinLength(1)) }),
  Schema.Struct({ type: Schema.Literal("departmentHead") }),
  Schema.Struct({ type: Schema.Literal("attribute"), key: Key }),
  Schema.Struct({ type: Schema.Literal("chain") })
])
/** @since 0.1.0 @category models */
export type ApproverSet = typeof ApproverSet.Type

/**
 * How many of a step's approvers must approve: one of them, `n` of them, all of them, or all of
 * them one after another in order of level (a chain).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Quorum = Schema.Union([
  Schema.Struct({ type: Schema.Literal("oneOf") }),
  Schema.Struct({ type: Schema.Literal("nOf"), n: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)) }),
  Schema.Struct({ type: Schema.Literal("all") }),
  Schema.Struct({ type: Schema.Literal("chain") })
])
/** @since 0.1.0 @category models */
export type Quorum = typeof Quorum.Type

/**
 * Where an overdue step escalates: to the holders of the next more senior role, or to a named role.
 *
 * @since 0.1.0
 * @category schemas
 */
export const EscalationTarget = Schema.Union([
  Schema.Struct({ type: Schema.Literal("nextLevel") }),
  Schema.Struct({ type: Schema.Literal("role"), roleId: RoleId })
])
/** @since 0.1.0 @category models */
export type EscalationTarget = typeof EscalationTarget.Type

/**
 * A step a rule requires: its approvers, the quorum, and optionally a deadline (elapsed hours
 * from the step's start) after which it escalates.
 *
 * @since 0.1.0
 * @category schemas
 */
export const StepRequirement = Schema.Struct({
  approvers: ApproverSet,
  quorum: Quorum,
  deadlineHours: Schema.optionalKey(Schema.Finite.check(Schema.isGreaterThan(0))),
  escalateTo: Schema.optionalKey(EscalationTarget)
})
/** @since 0.1.0 @category models */
export type StepRequirement = typeof StepRequirement.Type

/**
 * Conditions a route may carry besides its steps: a collective decision (集体决策), a paper form
 * (填表审批), buying through a designated government purchasing point (定点采购), government
 * procurement under the Government Procurement Law, an open tender, a tender required by law.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ConditionKind = Schema.Literals([
  "collectiveDecision",
  "form",
  "designatedPurchasingPoint",
  "governmentProcurement",
  "openTender",
  "mandatoryTender"
])
/** @since 0.1.0 @category models */
export type ConditionKind = typeof ConditionKind.Type

/**
 * A rule: the request kinds it concerns, when it matches, and what it requires.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Rule = Schema.Struct({
  id: RuleId,
  name: Messages,
  kinds: Schema.Array(RequestKind).check(Schema.isMinLength(1)),
  when: Match,
  steps: Schema.Array(StepRequirement),
  conditions: Schema.optionalKey(Schema.Array(ConditionKind)),
  source: Schema.optionalKey(Schema.String)
})
/** @since 0.1.0 @category models */
export type Rule = typeof Rule.Type

/**
 * A policy's content without its storage identity: what the rule-pack presets hold.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PolicyTemplate = Schema.Struct({
  name: Messages,
  kinds: Schema.Array(RequestKind).check(Schema.isMinLength(1)),
  rules: Schema.Array(Rule),
  /** the currency of the rules' amounts (default CNY) */
  currency: Schema.optionalKey(Currency),
  /** whether one person may approve more than one step of a request (default: no) */
  allowRepeatApprover: Schema.optionalKey(Schema.Boolean),
  source: Schema.optionalKey(Schema.String)
})
/** @since 0.1.0 @category models */
export type PolicyTemplate = typeof PolicyTemplate.Type

/**
 * A stored policy: one revision, in force from `effectiveFrom` (inclusive) to `effectiveTo`
 * (exclusive; open when absent) for its request kinds.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Policy = Schema.Struct({
  schoolId: SchoolId,
  id: PolicyId,
  version: Schema.Int,
  revision: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  effectiveFrom: LocalDateSchema,
  effectiveTo: Schema.optionalKey(LocalDateSchema),
  ...PolicyTemplate.fields
})
/** @since 0.1.0 @category models */
export type Policy = typeof Policy.Type

/**
 * Why a rule matched: one line per test, with the input that decided it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Reason = Schema.Struct({
  input: Schema.String,
  value: Schema.Json,
  test: Schema.String,
  zh: Schema.String,
  en: Schema.String
})
/** @since 0.1.0 @category models */
export type Reason = typeof Reason.Type

/**
 * A rule that matched a request and the reasons.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RuleMatch = Schema.Struct({
  ruleId: RuleId,
  name: Messages,
  reasons: Schema.Array(Reason)
})
/** @since 0.1.0 @category models */
export type RuleMatch = typeof RuleMatch.Type

/**
 * A step's escalation, resolved against the org chart when routing.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RouteEscalation = Schema.Struct({
  afterHours: Schema.Finite,
  roleId: RoleId,
  eligible: Schema.Array(StaffId)
})
/** @since 0.1.0 @category models */
export type RouteEscalation = typeof RouteEscalation.Type

/**
 * One step of a route: the approver set, the staff eligible to approve it (after separation of
 * duties), the quorum, the level that orders it and the rules that asked for it; its deadline
 * (elapsed hours, the shortest of its rules') and, when the org chart has someone to escalate to,
 * its escalation. A step with a deadline but no escalation (nobody above it) is still late after
 * its deadline: the lateness is reported (`overdueFindings`), nothing escalates.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RouteStep = Schema.Struct({
  approvers: ApproverSet,
  label: Messages,
  eligible: Schema.Array(StaffId),
  quorum: Quorum,
  required: Schema.Int,
  level: Schema.Int,
  rules: Schema.Array(RuleId),
  /**
   * the step's deadline in elapsed hours, set on every step with a deadline, escalation or not
   * (absent in routes stored before it was kept: their deadline is `escalation.afterHours`)
   */
  deadlineHours: Schema.optionalKey(Schema.Finite),
  escalation: Schema.optionalKey(RouteEscalation)
})
/** @since 0.1.0 @category models */
export type RouteStep = typeof RouteStep.Type

/**
 * The route of a request under a policy: the steps in order, the conditions, the rules that
 * matched and an explanation in zh-CN and en.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Route = Schema.Struct({
  policyId: PolicyId,
  policyRevision: Schema.Int,
  requestId: RequestId,
  steps: Schema.Array(RouteStep),
  conditions: Schema.Array(ConditionKind),
  matched: Schema.Array(RuleMatch),
  explanation: Messages
})
/** @since 0.1.0 @category models */
export type Route = typeof Route.Type

/**
 * A delegation: `from` lets `to` act for them between `validFrom` (inclusive) and `validUntil`
 * (exclusive). The delegate gets no more authority than the delegator.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Delegation = Schema.Struct({
  from: StaffId,
  to: StaffId,
  validFrom: InstantSchema,
  validUntil: InstantSchema
})
/** @since 0.1.0 @category models */
export type Delegation = typeof Delegation.Type

/**
 * An approval given on a step: by whom, for whom (a delegate acts for a delegator), and when.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Approval = Schema.Struct({
  step: Schema.Int,
  by: StaffId,
  for: StaffId,
  at: InstantSchema,
  escalated: Schema.Boolean
})
/** @since 0.1.0 @category models */
export type Approval = typeof Approval.Type

/**
 * A link of a chain step passed at its deadline: the link (its place in the step's `eligible`, in
 * order of level) said nothing within the step's deadline, the step escalated past it, and the
 * next link became the one to act, its own deadline counting from `at`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PassedLink = Schema.Struct({
  step: Schema.Int,
  link: Schema.Int,
  at: InstantSchema
})
/** @since 0.1.0 @category models */
export type PassedLink = typeof PassedLink.Type

/**
 * Where a request stands.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Status = Schema.Literals(["pending", "approved", "rejected", "returned"])
/** @since 0.1.0 @category models */
export type Status = typeof Status.Type

/**
 * The workflow state of one request: its route, where it stands, the approvals given, the
 * delegations and escalations in force, and the chain links passed at their deadlines.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ApprovalState = Schema.Struct({
  requestId: RequestId,
  requesterId: StaffId,
  route: Route,
  allowRepeatApprover: Schema.Boolean,
  status: Status,
  step: Schema.Int,
  stepStartedAt: InstantSchema,
  approvals: Schema.Array(Approval),
  escalated: Schema.Array(Schema.Int),
  /**
   * the chain links passed at their deadlines in this round (absent in states stored before
   * per-link escalation, and read as none)
   */
  passedLinks: Schema.optionalKey(Schema.Array(PassedLink)),
  delegations: Schema.Array(Delegation),
  round: Schema.Int
})
/** @since 0.1.0 @category models */
export type ApprovalState = typeof ApprovalState.Type

const Comment = Schema.String.check(Schema.isMaxLength(2000))

/**
 * What a requester may change when resubmitting a returned request: its title (the description),
 * amount, category, funding source, supplier status and attributes (given attributes replace the
 * old ones). Never the requester, the kind or the department: that would be another request.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Amendment = Schema.Struct({
  title: Schema.optionalKey(Text),
  amount: Schema.optionalKey(MoneySchema),
  category: Schema.optionalKey(Key),
  fundingSource: Schema.optionalKey(Key),
  supplierStatus: Schema.optionalKey(Key),
  attributes: Schema.optionalKey(Schema.Record(Key, AttributeValue))
})
/** @since 0.1.0 @category models */
export type Amendment = typeof Amendment.Type

/**
 * What an actor does to a request: approve, reject (a comment is required), return for changes
 * (a comment is required), resubmit after a return (with the amended fields, if any), delegate,
 * or escalate an overdue step (the clock's reading is `at`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Action = Schema.Union([
  Schema.Struct({ type: Schema.Literal("approve"), actor: StaffId, at: InstantSchema, onBehalfOf: Schema.optionalKey(StaffId), comment: Schema.optionalKey(Comment) }),
  Schema.Struct({ type: Schema.Literal("reject"), actor: StaffId, at: InstantSchema, onBehalfOf: Schema.optionalKey(StaffId), comment: Comment }),
  Schema.Struct({ type: Schema.Literal("return"), actor: StaffId, at: InstantSchema, onBehalfOf: Schema.optionalKey(StaffId), comment: Comment }),
  Schema.Struct({ type: Schema.Literal("resubmit"), actor: StaffId, at: InstantSchema, comment: Schema.optionalKey(Comment), amend: Schema.optionalKey(Amendment) }),
  Schema.Struct({ type: Schema.Literal("delegate"), actor: StaffId, at: InstantSchema, to: StaffId, validFrom: InstantSchema, validUntil: InstantSchema }),
  Schema.Struct({ type: Schema.Literal("escalate"), actor: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(64)), at: InstantSchema })
])
/** @since 0.1.0 @category models */
export type Action = typeof Action.Type

/**
 * The audit record of one decision: the action, the step, the status before and after, and the
 * policy revision that routed the request.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DecisionRecord = Schema.Struct({
  requestId: RequestId,
  action: Schema.Literals(["approve", "reject", "return", "resubmit", "delegate", "escalate"]),
  actor: Schema.String,
  onBehalfOf: Schema.optionalKey(StaffId),
  at: InstantSchema,
  step: Schema.Int,
  comment: Schema.optionalKey(Schema.String),
  /** a resubmission's amended fields (absent in records written before amendments existed) */
  changes: Schema.optionalKey(Amendment),
  statusBefore: Status,
  statusAfter: Status,
  policyId: PolicyId,
  policyRevision: Schema.Int,
  explanation: Messages
})
/** @since 0.1.0 @category models */
export type DecisionRecord = typeof DecisionRecord.Type

/**
 * A stored request: the request, the policy revision that routed it, and its workflow state.
 *
 * @since 0.1.0
 * @category schemas
 */
export const StoredRequest = Schema.Struct({
  schoolId: SchoolId,
  id: RequestId,
  version: Schema.Int,
  request: Request,
  state: ApprovalState
})
/** @since 0.1.0 @category models */
export type StoredRequest = typeof StoredRequest.Type

/**
 * A stored decision: one per action applied, in order (`seq` within the request).
 *
 * @since 0.1.0
 * @category schemas
 */
export const StoredDecision = Schema.Struct({
  schoolId: SchoolId,
  id: DecisionId,
  version: Schema.Int,
  seq: Schema.Int,
  record: DecisionRecord
})
/** @since 0.1.0 @category models */
export type StoredDecision = typeof StoredDecision.Type

/** @since 0.1.0 @category schemas */
export const StandingDelegationId = Id.branded("StandingDelegationId")
/** @since 0.1.0 @category models */
export type StandingDelegationId = typeof StandingDelegationId.Type

/**
 * The revocation of a standing delegation: when (the clock's reading), by whom, and why.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Revocation = Schema.Struct({
  at: InstantSchema,
  by: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(64)),
  reason: Schema.optionalKey(Text)
})
/** @since 0.1.0 @category models */
export type Revocation = typeof Revocation.Type

/**
 * A standing delegation (常设委托, 请假期间由副校长代为审批): `from` lets `to` act for them on every
 * request — also those submitted later — between `validFrom` (inclusive) and `validUntil`
 * (exclusive), optionally only on some request kinds (`kinds`; absent: every kind), for a
 * `reason`. A revoked delegation (`revoked`) is kept, and no longer offered. The `decide` command
 * offers the delegations in force at an action's time to the pure `decide` beside the request's
 * own, so the same separation of duties holds.
 *
 * @since 0.1.0
 * @category schemas
 */
export const StandingDelegation = Schema.Struct({
  schoolId: SchoolId,
  id: StandingDelegationId,
  version: Schema.Int,
  from: StaffId,
  to: StaffId,
  validFrom: InstantSchema,
  validUntil: InstantSchema,
  kinds: Schema.optionalKey(Schema.Array(RequestKind).check(Schema.isMinLength(1))),
  reason: Text,
  revoked: Schema.optionalKey(Revocation)
})
/** @since 0.1.0 @category models */
export type StandingDelegation = typeof StandingDelegation.Type
