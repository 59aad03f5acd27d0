import { readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { expect, it } from 'vitest'

const isFile = (f: string) => {
  try {
    return statSync(f).isFile()
  } catch {
    return false
  }
}

/** Every package a module imports statically, following the project's own files. */
function packagesImportedBy(entry: string): Set<string> {
  const packages = new Set<string>()
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const source = readFileSync(file, 'utf8')
    // static imports and re-exports only: `await import()` is how Node-only code is kept apart
    for (const [, spec] of source.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) {
      if (!spec!.startsWith('.')) {
        packages.add(spec!)
        continue
      }
      const base = join(dirname(file), spec!)
      const found = ['', '.ts', '.tsx', '/index.ts', '/index.tsx']
        .map((ext) => base + ext)
        .find((f) => isFile(f))
      if (found && /\.(m?[jt]sx?)$/.test(found)) visit(found)
    }
  }
  visit(entry)
  return packages
}

it('sees the packages a module imports', () => {
  expect([...packagesImportedBy('src/channels/wechaty/start-wechaty-bot.ts')]).toContain('wechaty')
})

it('keeps Wechaty out of what app.ts imports, so the Workers build can import the app', () => {
  const packages = [...packagesImportedBy('src/app.ts')]
  expect(packages).toContain('hono')
  expect(packages).toContain('kysely')
  expect(packages.filter((p) => p.startsWith('wechaty'))).toEqual([])
})
