import { describe, expect, it } from 'vitest'
import { ConfigError, parseConfig } from './config'

describe('configuration', () => {
  it('starts with sensible defaults on an empty environment', () => {
    expect(parseConfig({})).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      CASE_NUMBER_PREFIX: 'CZ',
    })
  })

  it('treats an empty variable as unset', () => {
    const config = parseConfig({ PORT: '', DATABASE_URL: '' })
    expect(config.PORT).toBe(3000)
    expect(config.DATABASE_URL).toBeUndefined()
  })

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['CASE_NUMBER_PREFIX', 'cz-'],
    ['LOG_LEVEL', 'loud'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(ConfigError)
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(`${name}:`))
  })
})
