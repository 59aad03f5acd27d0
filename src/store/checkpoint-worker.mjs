// Runs WAL checkpoints for a SQLite file on its own thread (see startCheckpointer).
import { parentPort, workerData } from 'node:worker_threads'
import SQLite from 'better-sqlite3'

const sqlite = new SQLite(workerData.path, { fileMustExist: true })
sqlite.pragma('busy_timeout = 5000')
sqlite.pragma('synchronous = NORMAL')

let backfilled = 0
let timer = setTimeout(checkpoint, workerData.idleMs)

// PASSIVE never waits for or blocks the writer. While the writer keeps appending, run again soon:
// each pass then has little to copy, and the writer often finds the WAL all copied and rewinds it.
function checkpoint() {
  const [{ checkpointed }] = sqlite.pragma('wal_checkpoint(PASSIVE)')
  const copied = checkpointed !== backfilled
  backfilled = checkpointed
  timer = setTimeout(checkpoint, copied ? workerData.busyMs : workerData.idleMs)
}

parentPort.once('message', () => {
  clearTimeout(timer)
  sqlite.close()
  parentPort.close()
})
