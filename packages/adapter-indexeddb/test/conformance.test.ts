/**
 * The core's conformance suite: on fake-indexeddb in Node, on Chromium's real IndexedDB in the
 * browser project.
 */
import { suite } from "@houqin/core/testing"
import * as IndexedDb from "../src/index.ts"
import { engine, options } from "./env.ts"

// a device keeps the rows of its bulk inserts always (it sends them up with its chain)
suite(`indexeddb (${engine})`, IndexedDb.layer(options("conformance")), { keepsBulkRows: true })
