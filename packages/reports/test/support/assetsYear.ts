/**
 * A school's assets from the core's own commands (memory backend), valued on 2025-12-31 and
 * counted on 2026-01-12.
 *
 * Worked numbers (fen; government straight line, the month added is charged, a month is charged
 * at its end; 通用设备/计算机设备 and 办公设备 are 6 years = 72 months in 财会〔2017〕4号 表1):
 *
 * | tag | cost | from | months to 2025-12 | monthly | accumulated | book value |
 * | DYJ-0001 printer | 280000 | 2024-09 | 4 + 12 = 16 | 280000 ÷ 72 = 3888.9 → 3889 | 62224 | 217776 |
 * | JSJ-0001 computer | 600000 | 2024-03 | 10 + 12 = 22 | 600000 ÷ 72 = 8333.3 → 8333 | 183326 | 416674 |
 * | TYY-0001 projector | 450000 | 2024-09 | 16 | 450000 ÷ 72 = 6250 | 100000 | 350000 |
 * | total | 1330000 | | | | 345550 | 984450 |
 *
 * The chair YZ-0001 (¥300, below the ¥1,000 threshold) is a low-value consumable: in the register,
 * not in the depreciation schedule.
 *
 * Stocktake 2026-01-12: the computer is found in 教学楼 203 (recorded 教学楼 101: wrong location),
 * the projector in fair condition (recorded good), the chair where it should be, the printer not
 * at all (shortage, ¥2,800.00), and JSJ-0099 has no record (surplus).
 */
import type { Assets, People } from "@houqin/core"
import { Assets as A, createHouqin, Id } from "@houqin/core"

const schoolId = "school-hongqi"
const office = { schoolId, actor: "staff-li" }

export interface AssetsYear {
  readonly org: People.Organisation
  readonly register: ReadonlyArray<Assets.Asset>
  readonly valuation: Awaited<ReturnType<ReturnType<typeof createHouqin>["assets"]["valuationReport"]>>
  readonly stocktake: Assets.Stocktake
  readonly result: Assets.Stocktakes.StocktakeResult
}

export const assetsYear = async (): Promise<AssetsYear> => {
  let now = Date.parse("2024-03-15T10:00:00+08:00")
  const houqin = createHouqin({ clock: () => now, ids: Id.layerSequential("ay") })
  try {
    await houqin.people.saveOrganisation({
      ...office,
      organisation: {
        schoolId,
        id: schoolId,
        school: { id: schoolId, name: "红旗小学", kind: "primary", zone: "Asia/Shanghai" },
        roles: [{ id: "officer", name: { zh: "干事", en: "officer" }, level: 20 }],
        departments: [{ id: "teaching", name: "教务处" }, { id: "general", name: "总务处" }],
        staff: [
          { id: "staff-li", name: "李干事", departmentId: "general", roles: ["officer"], active: true },
          { id: "staff-chen", name: "陈老师", departmentId: "teaching", roles: [], active: true }
        ],
        grades: [],
        classes: [],
        dinerGroups: [],
        chains: []
      }
    })
    await houqin.assets.registerAsset({
      ...office,
      asset: {
        tag: "JSJ-0001", name: "台式计算机", category: "通用设备/计算机设备", model: "联想 启天 M450", fundingSource: "fiscal",
        cost: { amount: 600_000, currency: "CNY" }, acquisitionDate: "2024-03-15", inServiceDate: "2024-03-15",
        departmentId: "teaching", custodianId: "staff-chen", location: "教学楼 101"
      }
    })
    now = Date.parse("2024-09-02T10:00:00+08:00")
    await houqin.assets.registerAsset({
      ...office,
      asset: { tag: "TYY-0001", name: "投影仪", category: "通用设备/办公设备", fundingSource: "fiscal", cost: { amount: 450_000, currency: "CNY" }, acquisitionDate: "2024-09-02", inServiceDate: "2024-09-02", location: "多功能厅" }
    })
    await houqin.assets.registerAsset({
      ...office,
      asset: { tag: "DYJ-0001", name: "激光打印机", category: "通用设备/计算机设备", fundingSource: "nonFiscal", cost: { amount: 280_000, currency: "CNY" }, acquisitionDate: "2024-09-02", inServiceDate: "2024-09-02", departmentId: "general", location: "行政楼 305" }
    })
    await houqin.assets.registerAsset({
      ...office,
      asset: { tag: "YZ-0001", name: "办公椅", category: "家具、用具及装具/家具", fundingSource: "selfRaised", cost: { amount: 30_000, currency: "CNY" }, acquisitionDate: "2024-09-02", inServiceDate: "2024-09-02", departmentId: "general", location: "行政楼 305" }
    })
    const valuation = await houqin.assets.valuationReport(schoolId, "2025-12-31")
    now = Date.parse("2026-01-12T09:00:00+08:00")
    const started = await houqin.assets.startStocktake({ ...office, name: "2025—2026 学年第一学期期末清查", startedOn: "2026-01-12" })
    await houqin.assets.recordCounts({
      ...office,
      stocktakeId: started.id,
      counts: [
        { tag: "JSJ-0001", location: "教学楼 203", condition: "good" },
        { tag: "TYY-0001", location: "多功能厅", condition: "fair" },
        { tag: "YZ-0001", location: "行政楼 305", condition: "good" },
        { tag: "JSJ-0099", location: "微机室", condition: "fair" }
      ]
    })
    const { stocktake, assets, result } = await houqin.run(A.Queries.stocktakeResult(schoolId, started.id))
    const org = await houqin.people.organisation(schoolId)
    return { org, register: assets, valuation, stocktake, result }
  } finally {
    await houqin.dispose()
  }
}
