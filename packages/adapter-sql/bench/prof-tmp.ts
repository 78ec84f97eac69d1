import { Id, Layers, Ports, Retention } from "@houqin/core"
import { Effect, Layer, ManagedRuntime, Schema } from "effect"
import * as SqlStorage from "../src/SqlStorage.ts"
import { encodeFridge, fridges, places, readings } from "./setup.ts"
const N = 100_000
const place = await places()[0]!.make()
const handle = await SqlStorage.open(place.options)
const schoolId = "school-bench"
await Effect.runPromise(handle.backend.repository(Retention.Storage.FridgeSpec).insert(fridges(schoolId).map((f) => ({ value: f, encoded: encodeFridge(f) }))))
const rows = readings(schoolId, N)
const runtime = ManagedRuntime.make(Layer.mergeAll(Layers.layer(handle.layer), Id.layerSequential("bench")).pipe(Layer.orDie))
const importReadings = (rows: ReadonlyArray<Retention.Reading>) =>
  Ports.Command.make({
    name: "bench.importReadings",
    input: Schema.Struct({ ...Ports.Command.contextFields, source: Schema.String }),
    run: () => Retention.Storage.ReadingRepository.use((r) => r.insertMany(rows))
  })
for (let i = 0; i < 6; i++) {
  await handle.db.deleteFrom("retention_reading" as never).execute()
  const t = performance.now()
  await runtime.runPromise(importReadings(rows)({ schoolId, actor: "logger-1", source: "logger.csv" }))
  console.log(Math.round(performance.now() - t))
}
await runtime.dispose(); await handle.close(); await place.drop()
