/**
 * The Promise front door, for teams that do not use Effect:
 *
 * ```ts
 * const houqin = createHouqin()                       // memory storage, the `cn` pack
 * await houqin.people.saveOrganisation({ schoolId, actor, organisation })
 * const report = await houqin.audit.verify(schoolId)
 * await houqin.dispose()
 * ```
 *
 * Every function returns a promise of a typed result and rejects with the same typed error object
 * that the Effect API fails with (`ValidationError`, `ConflictError`, …: each with `code`, `path`,
 * `zh` and `en`). A command's input is typed with its encoded (JSON) form (`Command.Input`), so
 * editors complete it and the compiler checks it; it is still validated at run time, for callers
 * whose data comes from elsewhere. Lookups follow one rule: a getter (`organisation`, `request`,
 * `settlement`, `head`) rejects with a `NotFoundError` when there is nothing; a `find…` returns
 * `undefined`.
 *
 * @since 0.1.0
 */
import { Cause, Effect, Exit, Layer, ManagedRuntime, Option, Result } from "effect"
import type { RulePackError } from "./kernel/Errors.ts"
import { NotFoundError, StorageError, ValidationError } from "./kernel/Errors.ts"
import * as Decode from "./kernel/Decode.ts"
import * as Id from "./kernel/Id.ts"
import * as LD from "./kernel/LocalDate.ts"
import * as Time from "./kernel/Time.ts"
import * as Services from "./layers.ts"
import { cn } from "./packs/cn.ts"
import type { PackHistory, RulePack } from "./packs/RulePack.ts"
import { layerRules, Rules, validate, validateHistory } from "./packs/RulePack.ts"
import type { ChainHead } from "./ports/AuditLog.ts"
import { AuditLog, AuditWriter } from "./ports/AuditLog.ts"
import type * as Command from "./ports/Command.ts"
import { layerMemory } from "./ports/Memory.ts"
import * as People from "./ports/people.ts"
import type { Storage } from "./ports/Storage.ts"
import * as ApprovalCommands from "./approvals/commands.ts"
import type { Status as ApprovalStatus } from "./approvals/model.ts"
import * as ApprovalQueries from "./approvals/queries.ts"
import { promiseApi as assetsPromiseApi } from "./assets/promise.ts"
import * as CanteenCommands from "./canteen/commands.ts"
import * as CanteenQueries from "./canteen/queries.ts"
import * as HealthCommands from "./health/commands.ts"
import * as HealthQueries from "./health/queries.ts"
import type { Dimension } from "./health/summary.ts"
import * as RetentionCommands from "./retention/commands.ts"
import * as RetentionQueries from "./retention/queries.ts"
import { summarise as summariseRetention } from "./retention/summary.ts"

let instantDecoder: ReturnType<typeof Decode.decoder<typeof Time.InstantSchema>> | undefined
const decodeInstant = (text: string, path: ReadonlyArray<string>) => (instantDecoder ??= Decode.decoder(Time.InstantSchema))(text, path)

/**
 * Options of {@link createHouqin}.
 *
 * @since 0.1.0
 * @category models
 */
export interface HouqinOptions {
  /** a storage backend layer from an adapter (default: memory) */
  readonly storage?: Layer.Layer<Storage, unknown>
  /**
   * the rule pack, the packs over time (each in force from its `effectiveFrom`), or a function from
   * school id to either (default: `cn`); validated against `cn`'s legal minimums
   * (`Packs.validate`, `Packs.validateHistory`): the instance's own when it is created, a
   * function's whenever a school's pack is asked for
   */
  readonly rules?: RulePack | PackHistory | ((schoolId: string) => RulePack | PackHistory)
  /** the clock (default: the system clock) */
  readonly clock?: () => number | Date | Time.Instant
  /** the writer whose audit chain this instance appends to (default `"main"`) */
  readonly writer?: string
  /** the id service (default: UUIDv7) */
  readonly ids?: Layer.Layer<Id.IdGenerator>
}

/**
 * The services a Houqin runtime provides.
 *
 * @since 0.1.0
 * @category models
 */
export type Runtime = Services.Services | Rules | Id.IdGenerator

/**
 * Runs effects of the core in a runtime, rejecting with the typed error on failure.
 *
 * @since 0.1.0
 * @category models
 */
export type Run = <A, E>(effect: Effect.Effect<A, E, Runtime>) => Promise<A>

const makeRun = (runtime: ManagedRuntime.ManagedRuntime<Runtime, unknown>): Run => (effect) =>
  runtime.runPromiseExit(effect).then((exit) => {
    if (Exit.isSuccess(exit)) return exit.value
    const failure = Cause.findErrorOption(exit.cause)
    if (failure._tag === "Some") throw failure.value
    throw StorageError.create(Cause.pretty(exit.cause))
  })

/**
 * Creates a Houqin instance with a Promise API.
 *
 * A rule pack that does not decode or is weaker than a legal minimum of `cn` is refused here:
 * `createHouqin` throws the typed `RulePackError` (`code`, `path`, `zh`, `en`) at once. A pack
 * chosen per school (`rules` a function) is validated when a school's pack is asked for, and the
 * call that needed it rejects with the same error.
 *
 * @since 0.1.0
 * @category constructors
 */
export const createHouqin = (options: HouqinOptions = {}) => {
  const rules = options.rules ?? cn
  if (typeof rules !== "function") {
    const failure = Array.isArray(rules) ? Result.getFailure(validateHistory(rules)) : Result.getFailure(validate(rules))
    if (failure._tag === "Some") throw failure.value
  }
  const base = Services.layer(options.storage ?? layerMemory)
  const clock = options.clock === undefined ? Layer.empty : Time.layerClock(options.clock)
  const layer = Layer.mergeAll(base, layerRules(rules), options.ids ?? Id.layerUuidV7).pipe(
    Layer.provide(clock),
    Layer.provideMerge(clock),
    Layer.provideMerge(options.writer === undefined ? Layer.empty : Layer.succeed(AuditWriter, options.writer))
  )
  const runtime = ManagedRuntime.make(layer)
  const run = makeRun(runtime)
  /** a command as a Promise function typed with its input's encoded (JSON) form */
  const command = <A, E, R extends Runtime, I, IE>(cmd: Command.Command<A, E, R, I, IE>) => (input: IE): Promise<A> => run(cmd(input))
  /** a lookup that finds nothing returns `undefined` */
  const find = <A, E>(effect: Effect.Effect<Option.Option<A>, E, Runtime>): Promise<A | undefined> => run(Effect.map(effect, Option.getOrUndefined))
  return {
    /** runs any effect of the core (for mixing the Promise API with the Effect API) */
    run,
    people: {
      saveOrganisation: command(People.saveOrganisation),
      enrolStudents: command(People.enrolStudents),
      updateStudent: command(People.updateStudent),
      /** the school's organisation; rejects with a `NotFoundError` when none is saved */
      organisation: (schoolId: string) => run(People.OrganisationRepository.use((r) => r.get(schoolId, schoolId))),
      /** the school's organisation, or `undefined` when none is saved */
      findOrganisation: (schoolId: string) => find(People.OrganisationRepository.use((r) => r.find(schoolId, schoolId))),
      students: (schoolId: string, classId?: string) =>
        run(People.StudentRepository.use((r) => r.list(schoolId, classId === undefined ? {} : { where: { classId } })))
    },
    approvals: {
      savePolicy: command(ApprovalCommands.savePolicy),
      submitRequest: command(ApprovalCommands.submitRequest),
      decide: command(ApprovalCommands.decide),
      escalateOverdue: command(ApprovalCommands.escalateOverdue),
      saveDelegation: command(ApprovalCommands.saveDelegation),
      revokeDelegation: command(ApprovalCommands.revokeDelegation),
      policies: (schoolId: string) => run(ApprovalQueries.policies(schoolId)),
      /** a stored request; rejects with a `NotFoundError` when there is none */
      request: (schoolId: string, requestId: string) => run(ApprovalQueries.request(schoolId, requestId)),
      requests: (schoolId: string, status?: ApprovalStatus) => run(ApprovalQueries.requests(schoolId, status)),
      decisions: (schoolId: string, requestId: string) => run(ApprovalQueries.decisions(schoolId, requestId)),
      /** the school's standing delegations (常设委托), revoked ones included, by start */
      delegations: (schoolId: string) => run(ApprovalQueries.delegations(schoolId)),
      /**
       * lateness among the pending requests (`approvals.overdue` findings) at `at` — ISO 8601 with
       * an offset, such as `2026-03-15T09:00:00+08:00`; default: the clock's reading. Rejects with
       * a `ValidationError` at `["at"]` for other text
       */
      overdueFindings: (schoolId: string, at?: string) =>
        run(
          at === undefined
            ? ApprovalQueries.overdueFindings(schoolId)
            : Effect.flatMap(Effect.fromResult(decodeInstant(at, ["at"])), (i) => ApprovalQueries.overdueFindings(schoolId, i))
        )
    },
    canteen: {
      saveSupplier: command(CanteenCommands.saveSupplier),
      saveFoodHandler: command(CanteenCommands.saveFoodHandler),
      recordHealthCertificate: command(CanteenCommands.recordHealthCertificate),
      recordTraining: command(CanteenCommands.recordTraining),
      saveIngredient: command(CanteenCommands.saveIngredient),
      savePriceList: command(CanteenCommands.savePriceList),
      saveRecipe: command(CanteenCommands.saveRecipe),
      createPurchaseOrder: command(CanteenCommands.createPurchaseOrder),
      cancelPurchaseOrder: command(CanteenCommands.cancelPurchaseOrder),
      acceptDelivery: command(CanteenCommands.acceptDelivery),
      issueStock: command(CanteenCommands.issueStock),
      recordSpoilage: command(CanteenCommands.recordSpoilage),
      recordStocktake: command(CanteenCommands.recordStocktake),
      returnToSupplier: command(CanteenCommands.returnToSupplier),
      recordOpeningStock: command(CanteenCommands.recordOpeningStock),
      planMeal: command(CanteenCommands.planMeal),
      recordDiners: command(CanteenCommands.recordDiners),
      cancelMeal: command(CanteenCommands.cancelMeal),
      saveMenu: command(CanteenCommands.saveMenu),
      openAccount: command(CanteenCommands.openAccount),
      postAccountEntries: command(CanteenCommands.postAccountEntries),
      refundAbsence: command(CanteenCommands.refundAbsence),
      recordPrepaidItems: command(CanteenCommands.recordPrepaidItems),
      closePrepaidTerm: command(CanteenCommands.closePrepaidTerm),
      closeMonth: command(CanteenCommands.closeMonth),
      recordDisinfection: command(CanteenCommands.recordDisinfection),
      recordAccompaniedMeal: command(CanteenCommands.recordAccompaniedMeal),
      recordHandlerCheck: command(CanteenCommands.recordHandlerCheck),
      dailyPublication: (schoolId: string, date: string) => run(CanteenQueries.dailyPublication(schoolId, date)),
      /** the weekly menu of the week from a Monday, with its dishes' recipes and the week's planned meals */
      weeklyMenu: (schoolId: string, weekStart: string) => run(CanteenQueries.weeklyMenu(schoolId, weekStart)),
      stockOnHand: (schoolId: string) => run(CanteenQueries.stockOnHand(schoolId)),
      complianceFindings: (schoolId: string, on: string) => run(CanteenQueries.complianceFindings(schoolId, on)),
      budgetFindings: (schoolId: string, from: string, to: string) => run(CanteenQueries.budgetFindings(schoolId, from, to)),
      /** the daily food-safety records of a period (dates inclusive) and their findings */
      hygieneRegister: (schoolId: string, from: string, to: string) => run(CanteenQueries.hygieneRegister(schoolId, from, to)),
      hygieneFindings: (schoolId: string, from: string, to: string) => run(CanteenQueries.hygieneFindings(schoolId, from, to)),
      mealVariance: (schoolId: string, mealId: string) => run(CanteenQueries.mealVariance(schoolId, mealId)),
      costRecipe: (schoolId: string, recipeId: string, options: { readonly servings: number; readonly date: string; readonly basis?: "stock" | "priceList"; readonly priceListId?: string }) =>
        run(CanteenQueries.costRecipe(schoolId, recipeId, options)),
      prepaidStatement: (schoolId: string, accountId: string, term: string) => run(CanteenQueries.prepaidStatement(schoolId, accountId, term)),
      /** the meal-fee statement of an account between two local dates (both included) */
      accountStatement: (schoolId: string, accountId: string, from: string, to: string) => run(CanteenQueries.accountStatement(schoolId, accountId, from, to)),
      /** the meals recorded between two dates as served: what `retention.evaluate` checks the samples against */
      servedMeals: (schoolId: string, from: string, to: string) => run(CanteenQueries.servedMeals(schoolId, from, to)),
      /** the settlement of a month; rejects with a `NotFoundError` when the month is not closed */
      settlement: (schoolId: string, month: string) => run(CanteenQueries.settlement(schoolId, month)),
      /** the settlement of a month, or `undefined` when it is not closed */
      findSettlement: (schoolId: string, month: string) => find(CanteenQueries.findSettlement(schoolId, month)),
      verifySettlement: (schoolId: string, month: string) => run(CanteenQueries.verifySettlement(schoolId, month))
    },
    audit: {
      entries: (schoolId: string, options?: { readonly writer?: string; readonly fromSeq?: number; readonly toSeq?: number }) =>
        run(AuditLog.use((a) => a.entries(schoolId, options))),
      /** the head of a chain (latest sequence number and hash); rejects with a `NotFoundError` when it has no entry */
      head: (schoolId: string, writer?: string) =>
        run(Effect.flatMap(AuditLog.use((a) => a.head(schoolId, writer)), (o) =>
          Option.isSome(o) ? Effect.succeed(o.value) : Effect.fail(NotFoundError.create("audit.head", schoolId, writer ?? "main", ["writer"])))),
      /** the head of a chain, or `undefined` when it has no entry */
      findHead: (schoolId: string, writer?: string) => find(AuditLog.use((a) => a.head(schoolId, writer))),
      verify: (schoolId: string, options?: { readonly writer?: string; readonly recordedHead?: ChainHead }) =>
        run(AuditLog.use((a) => a.verify(schoolId, options)))
    },
    rules: {
      /**
       * the school's pack in force on `on` (a local date, `YYYY-MM-DD`; another text is refused with
       * a `ValidationError` at `["on"]`); without it, today's
       */
      forSchool: (schoolId: string, on?: string) =>
        run(
          on === undefined || LD.isLocalDate(on)
            ? Rules.use((r) => r.forSchool(schoolId, on)) as Effect.Effect<RulePack, RulePackError | ValidationError, Rules>
            : Effect.fail(ValidationError.at(["on"], { zh: `应为日期（YYYY-MM-DD），实际为 ${JSON.stringify(on)}`, en: `expected a date (YYYY-MM-DD), got ${JSON.stringify(on)}` }, "kernel.localDate"))
        )
    },
    retention: {
      registerFridge: command(RetentionCommands.registerFridge),
      updateFridge: command(RetentionCommands.updateFridge),
      recordSamples: command(RetentionCommands.recordSamples),
      reviewSample: command(RetentionCommands.reviewSample),
      recordDisposal: command(RetentionCommands.recordDisposal),
      /** puts samples on hold (封存) — by id, meal or service date — when food poisoning is suspected */
      holdSamples: command(RetentionCommands.holdSamples),
      /** releases a hold: handed over to the authority, disposed of, or lifted */
      releaseHold: command(RetentionCommands.releaseHold),
      recordReadings: command(RetentionCommands.recordReadings),
      policy: (schoolId: string) => run(RetentionQueries.policyOf(schoolId)),
      fridges: (schoolId: string) => run(RetentionQueries.fridges(schoolId)),
      /** one sample; rejects with a `NotFoundError` when there is none */
      sample: (schoolId: string, sampleId: string) => run(RetentionQueries.sample(schoolId, sampleId)),
      /** `{ schoolId, from, to, meals?, asOf?, establishment? }` → the evaluation with its findings; without `meals`, the canteen's */
      evaluate: (input: typeof RetentionQueries.EvaluateInput.Encoded) => run(RetentionQueries.evaluateSchool(input)),
      /** the same input → the compliance summary */
      summary: (input: typeof RetentionQueries.EvaluateInput.Encoded) => run(Effect.map(RetentionQueries.evaluateSchool(input), summariseRetention)),
      /** `{ schoolId, at? }` → samples to keep, that may be disposed of (marked when their storage breached), on hold */
      schedule: (input: typeof RetentionQueries.ScheduleInput.Encoded) => run(RetentionQueries.schoolSchedule(input)),
      /** the evaluation's input → the rows of the retention register (留样记录表), their 问题 column filled */
      register: (input: typeof RetentionQueries.EvaluateInput.Encoded) => run(RetentionQueries.schoolRegister(input)),
      /** `{ schoolId, fridgeId, from, to, asOf?, entries? }` → the fridge's temperature log (留样柜温度记录) of those days */
      temperatureLog: (input: typeof RetentionQueries.TemperatureLogInput.Encoded) => run(RetentionQueries.temperatureLog(input))
    },
    assets: assetsPromiseApi(run),
    health: {
      openScreeningSession: command(HealthCommands.openScreeningSession),
      closeScreeningSession: command(HealthCommands.closeScreeningSession),
      recordMeasurements: command(HealthCommands.recordMeasurements),
      correctMeasurement: command(HealthCommands.correctMeasurement),
      recordChecks: command(HealthCommands.recordChecks),
      createMedicationLog: command(HealthCommands.createMedicationLog),
      recordDose: command(HealthCommands.recordDose),
      cancelMedicationLog: command(HealthCommands.cancelMedicationLog),
      measurements: (schoolId: string, where?: { readonly sessionId?: string; readonly studentId?: string; readonly classId?: string }) =>
        run(HealthQueries.measurements(schoolId, where)),
      checks: (schoolId: string, date: string, classId?: string) => run(HealthQueries.checksOn(schoolId, date, classId)),
      sessionSummary: (schoolId: string, sessionId: string, options?: { readonly by?: ReadonlyArray<Dimension>; readonly cluster?: "class" | "school" }) =>
        run(HealthQueries.sessionSummary(schoolId, sessionId, options)),
      /** the clusters the daily checks trigger between two local dates, with their cases */
      outbreaks: (schoolId: string, from: string, to: string) => run(HealthQueries.outbreaks(schoolId, from, to)),
      /** the same clusters as findings (one report and notification path with every module) */
      outbreakFindings: (schoolId: string, from: string, to: string) => run(HealthQueries.outbreakFindings(schoolId, from, to)),
      trajectory: (schoolId: string, studentId: string) => run(HealthQueries.trajectory(schoolId, studentId)),
      screeningList: (schoolId: string, sessionId: string) => run(HealthQueries.screeningList(schoolId, sessionId)),
      medicationFindings: (schoolId: string, from: string, to: string) => run(HealthQueries.medicationFindings(schoolId, from, to))
    },
    /** closes the storage (connections, files) */
    dispose: () => runtime.dispose()
  }
}

/**
 * A Houqin instance.
 *
 * @since 0.1.0
 * @category models
 */
export type Houqin = ReturnType<typeof createHouqin>
