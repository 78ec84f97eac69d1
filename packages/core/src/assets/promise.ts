/**
 * The assets part of the Promise front door (`houqin.assets`): every command and query as a
 * function returning a promise, rejecting with the same typed error the Effect API fails with.
 * Commands take their input in its encoded (JSON) form, typed (`Command.Input`).
 * Dates, months and standards given as plain JSON are decoded here, bad ones rejected with a
 * `ValidationError` and the path of the argument.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import * as Decode from "../kernel/Decode.ts"
import * as LD from "../kernel/LocalDate.ts"
import type { Run, Runtime } from "../houqin.ts"
import type * as Command from "../ports/Command.ts"
import { AssetRepository } from "../ports/assets.ts"
import type { Query } from "../ports/Storage.ts"
import * as C from "./commands.ts"
import { ConfigurationStandard } from "./configuration.ts"
import { YearMonth } from "./months.ts"
import * as Q from "./queries.ts"

const date = (text: string, name: string) => Effect.fromResult(LD.make(text, [name]))

/** a command as a Promise function typed with its input's encoded (JSON) form */
const command = <A, E, R extends Runtime, I, IE>(run: Run, cmd: Command.Command<A, E, R, I, IE>) => (input: IE): Promise<A> => run(cmd(input))
const month = Decode.decodeEffect(YearMonth)
const standard = Decode.decodeEffect(ConfigurationStandard)

/**
 * The Promise functions of the assets module over a runtime.
 *
 * @since 0.1.0
 * @category constructors
 */
export const promiseApi = (run: Run) => ({
  /* commands: typed with their input's encoded (JSON) form, still validated at run time */
  registerAsset: command(run, C.registerAsset),
  registerBatch: command(run, C.registerBatch),
  changeStatus: command(run, C.changeStatus),
  lend: command(run, C.lend),
  transfer: command(run, C.transfer),
  reallocate: command(run, C.reallocate),
  recordCondition: command(run, C.recordCondition),
  requestDisposal: command(run, C.requestDisposal),
  approveDisposal: command(run, C.approveDisposal),
  reallocateOut: command(run, C.reallocateOut),
  receiveReallocation: command(run, C.receiveReallocation),
  revalue: command(run, C.revalue),
  changeRemainingLife: command(run, C.changeRemainingLife),
  startStocktake: command(run, C.startStocktake),
  recordCounts: command(run, C.recordCounts),
  applyStocktake: command(run, C.applyStocktake),
  cancelStocktake: command(run, C.cancelStocktake),
  reportRepair: command(run, C.reportRepair),
  dispatchRepair: command(run, C.dispatchRepair),
  completeRepair: command(run, C.completeRepair),
  cancelRepair: command(run, C.cancelRepair),
  createInspectionPlan: command(run, C.createInspectionPlan),
  recordInspection: command(run, C.recordInspection),
  setInspectionPlanActive: command(run, C.setInspectionPlanActive),
  addConsumable: command(run, C.addConsumable),
  receiveConsumables: command(run, C.receiveConsumables),
  requisitionConsumables: command(run, C.requisitionConsumables),
  returnConsumables: command(run, C.returnConsumables),
  countConsumables: command(run, C.countConsumables),
  explainConsumption: command(run, C.explainConsumption),
  reserve: command(run, C.reserve),
  cancelReservation: command(run, C.cancelReservation),
  recordUsage: command(run, C.recordUsage),
  /** one asset record */
  asset: (schoolId: string, assetId: string) => run(AssetRepository.use((r) => r.get(schoolId, assetId))),
  /** the register, optionally filtered by projected fields (`{ where: { status: "onLoan" } }`) */
  register: (schoolId: string, query?: Query) => run(Q.register(schoolId, query)),
  /** the value of an asset as of a date (`YYYY-MM-DD`) */
  valueAt: (schoolId: string, assetId: string, on: string) => run(Effect.flatMap(date(on, "date"), (d) => Q.valuation(schoolId, assetId, d))),
  /** the whole depreciation schedule of an asset */
  schedule: (schoolId: string, assetId: string) => run(Q.schedule(schoolId, assetId)),
  /** every fixed asset's value on a date, with totals */
  valuationReport: (schoolId: string, on: string) => run(Effect.flatMap(date(on, "date"), (d) => Q.valuationReport(schoolId, d))),
  /** the stocktake's result so far */
  stocktakeResult: (schoolId: string, stocktakeId: string) => run(Effect.map(Q.stocktakeResult(schoolId, stocktakeId), (r) => r.result)),
  /** overdue loans, missed repair deadlines, missed and failed inspections, early failures, as of a date */
  findings: (schoolId: string, asOf: string) => run(Effect.flatMap(date(asOf, "asOf"), (d) => Q.findings(schoolId, d))),
  /** unusual consumption in a month (`YYYY-MM`) */
  consumptionFindings: (schoolId: string, inMonth: string) => run(Effect.flatMap(month(inMonth, ["month"]), (m) => Q.consumptionFindings(schoolId, m))),
  /** utilisation from `from` to `to` (both included), with low-utilisation findings */
  utilisation: (schoolId: string, from: string, to: string, query?: Query) =>
    run(Effect.flatMap(Effect.all([date(from, "from"), date(to, "to")]), ([f, t]) => Q.utilisationReport(schoolId, f, t, query))),
  /** the configuration check against a standard given as data */
  configuration: (schoolId: string, configurationStandard: typeof ConfigurationStandard.Encoded, asOf: string) =>
    run(Effect.flatMap(Effect.all([standard(configurationStandard, ["standard"]), date(asOf, "asOf")]), ([s, d]) => Q.configuration(schoolId, s, d)))
})
