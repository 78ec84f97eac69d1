/**
 * The lifecycle of an asset as an explicit state machine.
 *
 * ```
 * planned ─receive→ received ─putInService→ inService ⇄ underRepair   (startRepair / finishRepair)
 *                                            inService ⇄ idle          (markIdle / returnToService)
 *                                            inService ⇄ onLoan        (lend / returnLoan)
 * received | inService | underRepair | idle | onLoan ─requestDisposal→ disposalRequested
 * disposalRequested ─approveDisposal→ disposed (报废, transfer out, donation, sale, loss)
 * disposalRequested ─rejectDisposal→ idle
 * received | inService | idle ─reallocateOut→ reallocatedOut (to another school)
 * ```
 *
 * `disposed` and `reallocatedOut` are terminal: no event leaves them and none changes the record.
 * Transfers between custodians and locations, reallocations between departments, revaluations,
 * changes of remaining life and condition records are events too (they keep the state), so that
 * every change of an asset passes through {@link transition} and is refused in a terminal state.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import { IllegalTransitionError } from "./errors.ts"

/**
 * The states of an asset.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AssetStatus = Schema.Literals([
  "planned",
  "received",
  "inService",
  "underRepair",
  "idle",
  "onLoan",
  "disposalRequested",
  "disposed",
  "reallocatedOut"
])

/**
 * @since 0.1.0
 * @category models
 */
export type AssetStatus = typeof AssetStatus.Type

/**
 * The events of an asset's lifecycle.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LifecycleEvent = Schema.Literals([
  "receive",
  "putInService",
  "startRepair",
  "finishRepair",
  "markIdle",
  "returnToService",
  "lend",
  "returnLoan",
  "requestDisposal",
  "rejectDisposal",
  "approveDisposal",
  "reallocateOut",
  "transfer",
  "reallocate",
  "revalue",
  "changeLife",
  "recordCondition"
])

/**
 * @since 0.1.0
 * @category models
 */
export type LifecycleEvent = typeof LifecycleEvent.Type

const keep = ["transfer", "reallocate", "revalue", "changeLife", "recordCondition"] as const

const stays = (state: AssetStatus, events: ReadonlyArray<LifecycleEvent>): Partial<Record<LifecycleEvent, AssetStatus>> =>
  Object.fromEntries(events.map((e) => [e, state]))

/**
 * The transition table: for each state, the events it allows and the state each leads to.
 *
 * @since 0.1.0
 * @category constants
 */
export const transitions: { readonly [S in AssetStatus]: Partial<Record<LifecycleEvent, AssetStatus>> } = {
  planned: { receive: "received", ...stays("planned", ["revalue", "changeLife"]) },
  received: { putInService: "inService", requestDisposal: "disposalRequested", reallocateOut: "reallocatedOut", ...stays("received", keep) },
  inService: {
    startRepair: "underRepair",
    markIdle: "idle",
    lend: "onLoan",
    requestDisposal: "disposalRequested",
    reallocateOut: "reallocatedOut",
    ...stays("inService", keep)
  },
  underRepair: { finishRepair: "inService", requestDisposal: "disposalRequested", ...stays("underRepair", keep) },
  idle: {
    returnToService: "inService",
    startRepair: "underRepair",
    lend: "onLoan",
    requestDisposal: "disposalRequested",
    reallocateOut: "reallocatedOut",
    ...stays("idle", keep)
  },
  onLoan: { returnLoan: "inService", requestDisposal: "disposalRequested", ...stays("onLoan", ["revalue", "changeLife"]) },
  disposalRequested: { approveDisposal: "disposed", rejectDisposal: "idle", ...stays("disposalRequested", ["revalue", "recordCondition"]) },
  disposed: {},
  reallocatedOut: {}
}

/**
 * Whether a state is terminal (no event leaves it).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isTerminal = (state: AssetStatus): boolean => Object.keys(transitions[state]).length === 0

/**
 * The events a state allows.
 *
 * @since 0.1.0
 * @category getters
 */
export const eventsFrom = (state: AssetStatus): ReadonlyArray<LifecycleEvent> => Object.keys(transitions[state]) as Array<LifecycleEvent>

/**
 * The state an event leads to, or an {@link IllegalTransitionError} naming the asset, its state
 * and the event.
 *
 * @since 0.1.0
 * @category transitions
 */
export const transition = (assetId: string, state: AssetStatus, event: LifecycleEvent): Result.Result<AssetStatus, IllegalTransitionError> => {
  const next = transitions[state][event]
  return next === undefined
    ? Result.fail(IllegalTransitionError.create({ subject: "assets", id: assetId, state, event }))
    : Result.succeed(next)
}
