// Runs WAL checkpoints for a SQLite file on its own thread (see startCheckpointer).
import { parentPort, workerData } from 'node:worker_threads'
import SQLite from 'better-sqlite3'

const sqlite = new SQLite(workerData.path, { fileMustExist: true })
sqlite.pragma('busy_timeout = 5000')
sqlite.pragma('synchronous = NORMAL')
// PASSIVE never waits for or blocks the writer; a checkpoint with nothing to copy costs microseconds
const timer = setInterval(() => sqlite.pragma('wal_checkpoint(PASSIVE)'), workerData.everyMs)
parentPort.once('message', () => {
  clearInterval(timer)
  sqlite.close()
  parentPort.close()
})
