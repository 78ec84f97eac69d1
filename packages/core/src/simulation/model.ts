/**
 * Simulation scenarios as data: a term of requests (arrival rates by kind and amount
 * distributions), who asks, how approvers respond, and the policy and org chart to apply.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Policy, Request, RequestKind } from "../approvals/model.ts"
import { Messages } from "../kernel/Errors.ts"
import { LocalDateSchema } from "../kernel/LocalDate.ts"
import { Organisation, StaffId } from "../kernel/People.ts"
import { ZoneSchema } from "../kernel/Time.ts"

const Positive = Schema.Finite.check(Schema.isGreaterThan(0))
const NonNegative = Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0))
const Share = Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 1 }))
const Key = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(64))

/**
 * One stream of requests: a kind, a Poisson rate per school day, a log-normal amount (median in
 * fen and shape σ, clipped to [min, max]), and optional weighted categories and attributes.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Arrival = Schema.Struct({
  /** the name of this stream's random source (default: the kind); keep it when adding others */
  id: Schema.optionalKey(Key),
  kind: RequestKind,
  perDay: NonNegative,
  amount: Schema.Struct({
    medianFen: Positive,
    sigma: NonNegative,
    minFen: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
    maxFen: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)))
  }),
  categories: Schema.optionalKey(Schema.Array(Schema.Struct({ value: Key, weight: Positive }))),
  fundingSources: Schema.optionalKey(Schema.Array(Schema.Struct({ value: Key, weight: Positive }))),
  /** requesters of this stream (default: the scenario's) */
  requesters: Schema.optionalKey(Schema.Array(StaffId).check(Schema.isMinLength(1)))
})
/** @since 0.1.0 @category models */
export type Arrival = typeof Arrival.Type

/**
 * How approvers respond: the share of steps an approver is there to answer at all (otherwise the
 * step waits for its deadline), the mean response time in hours (exponential), and the shares of
 * answers that reject or return the request. A returned request is resubmitted after an
 * exponential delay with mean `resubmitHours`, at most `maxRounds` times.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Behaviour = Schema.Struct({
  availability: Share,
  meanResponseHours: Positive,
  rejectShare: Share,
  returnShare: Share,
  resubmitHours: Positive,
  maxRounds: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))
})
/** @since 0.1.0 @category models */
export type Behaviour = typeof Behaviour.Type

/**
 * A scenario: a term (its first day, the number of weeks, school days per week, the school's
 * zone and working hours), the streams of requests and any recorded requests, who asks, how
 * approvers behave, and the policy and org chart to apply.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Scenario = Schema.Struct({
  id: Key,
  name: Messages,
  term: Schema.Struct({
    start: LocalDateSchema,
    weeks: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 60 })),
    daysPerWeek: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 7 })),
    zone: ZoneSchema,
    openHour: Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 23 })),
    closeHour: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 24 }))
  }),
  /** each stream's name (`id`, or the kind) is its random source and its requests' id prefix: unique */
  arrivals: Schema.Array(Arrival).check(
    Schema.makeFilter((as: ReadonlyArray<Arrival>) => new Set(as.map((a) => a.id ?? a.kind)).size === as.length, {
      expected: "arrival streams with distinct names (id, or the kind when no id is given)",
      zh: "名称各不相同的申请流（id，未给出时为申请类型）"
    })
  ),
  /** recorded requests to run in every replication besides the generated ones (a real term) */
  recorded: Schema.optionalKey(Schema.Array(Request)),
  requesters: Schema.Array(StaffId).check(Schema.isMinLength(1)),
  behaviour: Behaviour,
  policy: Policy,
  org: Organisation
})
/** @since 0.1.0 @category models */
export type Scenario = typeof Scenario.Type

/**
 * Lead time from submission to the final decision, in hours.
 *
 * @since 0.1.0
 * @category models
 */
export interface LeadTime {
  readonly mean: number
  readonly p50: number
  readonly p90: number
  readonly p95: number
  readonly max: number
}

/**
 * The outputs of one replication.
 *
 * @since 0.1.0
 * @category models
 */
export interface ReplicationResult {
  readonly replication: number
  readonly requests: number
  /** requests the policy could not route (a gap, an unsatisfiable route) */
  readonly unrouted: number
  readonly approved: number
  readonly rejected: number
  /** returned more often than the scenario allows resubmissions */
  readonly withdrawn: number
  /** still waiting when the simulation ends (a step nobody answers and no deadline) */
  readonly undecided: number
  readonly escalated: number
  readonly collectiveDecision: number
  readonly governmentChannel: number
  /** approvals given, by the most senior role of the approver */
  readonly approvalsByRole: Readonly<Record<string, number>>
  /** decisions `decide` accepted */
  readonly decisions: number
  readonly leadTimeHours: LeadTime
}
