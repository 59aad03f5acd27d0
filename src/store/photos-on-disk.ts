import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Where residents' photos are kept: on disk under DATA_DIR on Node (object storage on Workers). */
export interface PhotoStore {
  put(name: string, bytes: Uint8Array): Promise<void>
  get(name: string): Promise<Uint8Array | null>
}

export function photosOnDisk(dataDir: string): PhotoStore {
  const dir = join(dataDir, 'photos')
  return {
    async put(name, bytes) {
      await mkdir(dir, { recursive: true })
      // written whole or not at all is not needed: the name is only handed out after this resolves
      await writeFile(join(dir, name), bytes, { flag: 'wx' })
    },
    async get(name) {
      try {
        return await readFile(join(dir, name))
      } catch {
        return null
      }
    },
  }
}
