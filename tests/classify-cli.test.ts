import { execFile } from 'node:child_process'
import { expect, it } from 'vitest'

function classifyCli(input: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/classify.ts'],
      (err, stdout, stderr) => (err ? reject(err) : resolve({ stdout, stderr })),
    )
    child.stdin!.end(input)
  })
}

it('answers each JSON line with one JSON line, and nothing else on stdout', async () => {
  const { stdout } = await classifyCli(
    [
      JSON.stringify({ id: 'a', text: '新北区薛家镇化工厂刺鼻气味' }),
      'this is not json',
      JSON.stringify({ id: 'b', text: '你好' }),
    ].join('\n'),
  )
  const lines = stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
  expect(lines).toHaveLength(3)
  expect(lines[0]).toMatchObject({
    id: 'a',
    intent: 'report',
    category: 'air',
    subcategory: 'odor',
    district: '新北区',
  })
  expect(Object.keys(lines[0])).toEqual(
    expect.arrayContaining([
      'id',
      'intent',
      'category',
      'subcategory',
      'confidence',
      'district',
      'terms',
    ]),
  )
  expect(lines[1]).toEqual({ id: null, error: 'invalid JSON' })
  expect(lines[2]).toMatchObject({ id: 'b', intent: 'chitchat' })
})
