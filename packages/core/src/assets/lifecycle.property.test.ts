import { Result } from "effect"
import * as fc from "fast-check"
import { afterAll, describe, expect, it } from "vitest"
import { cny, makeRuntime } from "../../test/assets/support.ts"
import { AssetRepository } from "../ports/assets.ts"
import * as C from "./commands.ts"
import type { AssetStatus, LifecycleEvent } from "./lifecycle.ts"
import { AssetStatus as AssetStatusSchema, eventsFrom, isTerminal, LifecycleEvent as EventSchema, transition, transitions } from "./lifecycle.ts"

const states = AssetStatusSchema.literals
const events = EventSchema.literals
const terminal: ReadonlyArray<AssetStatus> = ["disposed", "reallocatedOut"]

describe("the lifecycle state machine", () => {
  it("every state except the terminal ones (disposed, reallocated out) has a way out to another state", () => {
    for (const s of states) {
      const exits = eventsFrom(s).filter((e) => transitions[s][e] !== s)
      if (terminal.includes(s)) {
        expect(isTerminal(s)).toBe(true)
        expect(eventsFrom(s)).toEqual([])
      } else {
        expect(isTerminal(s)).toBe(false)
        expect(exits.length).toBeGreaterThan(0)
      }
    }
  })

  it("every state is reachable from planned, and disposed is reachable from every state that is not terminal", () => {
    const reach = (from: AssetStatus): Set<AssetStatus> => {
      const seen = new Set<AssetStatus>([from])
      const queue = [from]
      while (queue.length > 0) {
        const s = queue.shift()!
        for (const e of eventsFrom(s)) {
          const t = transitions[s][e]!
          if (!seen.has(t)) {
            seen.add(t)
            queue.push(t)
          }
        }
      }
      return seen
    }
    expect([...reach("planned")].sort()).toEqual([...states].sort())
    for (const s of states) if (!terminal.includes(s)) expect(reach(s).has("disposed")).toBe(true)
  })

  it("refuses an event its state does not allow with a typed error naming the state and the event", () => {
    fc.assert(fc.property(fc.constantFrom(...states), fc.constantFrom(...events), (state, event) => {
      const r = transition("asset-1", state, event)
      if (transitions[state][event] === undefined) {
        expect(Result.isFailure(r)).toBe(true)
        if (Result.isFailure(r)) {
          expect(r.failure).toMatchObject({ _tag: "IllegalTransitionError", code: "assets.illegalTransition", state, event, id: "asset-1" })
          expect(r.failure.zh).toContain(event)
          expect(r.failure.en).toContain(event)
        }
      } else {
        expect(Result.getOrThrow(r)).toBe(transitions[state][event])
      }
    }))
  })
})

// ---------------------------------------------------------------------------------------------
// model-based: the real commands over the memory backend against a model of the state

interface Model {
  status: AssetStatus
  version: number
  terminalVersion: number | undefined
}
type Real = ReturnType<typeof makeRuntime>

const initialModel = (): Model => ({ status: "planned", version: 1, terminalVersion: undefined })
const SCHOOL = "school-a"
const ASSET = "asset-1"
const ctx = { schoolId: SCHOOL, actor: "staff-1" }

const invoke = (event: LifecycleEvent, version: number) => {
  const target = { ...ctx, assetId: ASSET, version, on: "2024-06-03" }
  switch (event) {
    case "lend":
      return C.lend({ ...target, borrower: "王老师", expectedReturn: "2024-07-01" })
    case "requestDisposal":
      return C.requestDisposal({ ...target, kind: "scrapping", reason: "损坏无法修复" })
    case "approveDisposal":
      return C.approveDisposal(target)
    case "reallocateOut":
      return C.reallocateOut({ ...target, toSchoolId: "school-b", reason: "支援分校" })
    case "transfer":
      return C.transfer({ ...target, location: "教学楼 201" })
    case "reallocate":
      return C.reallocate({ ...target, departmentId: "dept-teaching" })
    case "revalue":
      return C.revalue({ ...target, month: "2024-09", bookValue: { amount: 500_000, currency: "CNY" }, reason: "评估" })
    case "changeLife":
      // an extension, as the reason says: 3 months charged (June–August) + 72 = 75 months, above
      // the computer's 72-month minimum (60 would make 63 and is refused under the government pack)
      return C.changeRemainingLife({ ...target, month: "2024-09", remainingMonths: 72, reason: "改造延长寿命" })
    case "recordCondition":
      return C.recordCondition({ ...target, condition: "fair" })
    default:
      return C.changeStatus({ ...target, event })
  }
}

const seen = { accepted: 0, refused: 0, terminal: new Set<AssetStatus>(), refusedInTerminal: 0 }

class EventCommand implements fc.AsyncCommand<Model, Real> {
  readonly event: LifecycleEvent
  /** runs only when the model allows the event (so that runs travel the machine) */
  readonly legalOnly: boolean
  constructor(event: LifecycleEvent, legalOnly: boolean) {
    this.event = event
    this.legalOnly = legalOnly
  }
  check = (model: Readonly<Model>) => !this.legalOnly || transitions[model.status][this.event] !== undefined
  async run(model: Model, real: Real): Promise<void> {
    const allowed = transitions[model.status][this.event]
    if (allowed !== undefined) {
      const updated = await real.run(invoke(this.event, model.version))
      expect(updated.status).toBe(allowed)
      expect(updated.version).toBe(model.version + 1)
      model.status = allowed
      model.version++
      seen.accepted++
      if (isTerminal(allowed)) {
        model.terminalVersion = model.version
        seen.terminal.add(allowed)
      }
    } else {
      const error = await real.fail(invoke(this.event, model.version))
      expect(error).toMatchObject({ _tag: "IllegalTransitionError", state: model.status, event: this.event })
      seen.refused++
      if (isTerminal(model.status)) seen.refusedInTerminal++
    }
    const stored = await real.run(AssetRepository.use((r) => r.get(SCHOOL, ASSET)))
    expect(stored.status).toBe(model.status)
    expect(stored.version).toBe(model.version)
    // no command changes a disposed (or reallocated-out) asset
    if (model.terminalVersion !== undefined) expect(stored.version).toBe(model.terminalVersion)
  }
  toString = () => `${this.legalOnly ? "" : "try "}${this.event}`
}

describe("the lifecycle through the commands (model-based, fast-check fc.commands)", () => {
  const runtimes: Array<Real> = []
  afterAll(async () => {
    for (const r of runtimes) await r.dispose()
  })

  it("follows the transition table, refuses every other event with a typed error, and never changes a terminal asset", async () => {
    // each event twice: once only when legal (so that runs travel the whole machine), once always
    // (so that illegal events are attempted in every state, the terminal ones included)
    const commands = events.flatMap((e) => [fc.constant(new EventCommand(e, true)), fc.constant(new EventCommand(e, false))])
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 80, size: "max" }), async (cmds) => {
        const real = makeRuntime()
        runtimes.push(real)
        await real.run(C.registerAsset({
          ...ctx,
          asset: {
            id: ASSET,
            tag: "JSJ-0001",
            name: "台式计算机",
            category: "通用设备/计算机设备",
            fundingSource: "fiscal",
            cost: cny(600_000),
            acquisitionDate: "2024-06-01",
            status: "planned"
          }
        }))
        await fc.asyncModelRun(() => ({ model: initialModel(), real }), cmds)
        await real.dispose()
      }),
      { numRuns: 60 }
    )
    // the runs were not vacuous: both terminal states were reached and refused further events
    expect(seen.terminal).toEqual(new Set(["disposed", "reallocatedOut"]))
    expect(seen.refusedInTerminal).toBeGreaterThan(0)
    expect(seen.accepted).toBeGreaterThan(100)
  }, 120_000)

  it("a disposed asset refuses every event and keeps its version", async () => {
    const real = makeRuntime()
    await real.run(C.registerAsset({ ...ctx, asset: { id: ASSET, tag: "T1", name: "投影仪", category: "通用设备/办公设备", fundingSource: "fiscal", cost: cny(300_000), acquisitionDate: "2024-06-01", status: "planned" } }))
    let version = 1
    for (const e of ["receive", "putInService", "requestDisposal", "approveDisposal"] as const) {
      const a = await real.run(invoke(e, version))
      version = a.version
    }
    const stored = await real.run(AssetRepository.use((r) => r.get(SCHOOL, ASSET)))
    expect(stored.status).toBe("disposed")
    expect(stored.removedOn).toBe("2024-06-03")
    for (const e of events) expect((await real.fail(invoke(e, version))).code).toBe("assets.illegalTransition")
    expect((await real.run(AssetRepository.use((r) => r.get(SCHOOL, ASSET)))).version).toBe(version)
    await real.dispose()
  })
})
