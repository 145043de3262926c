import { getTableColumns, getTableName, type Table } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as pg from './schema-pg'
import * as sqlite from './schema-sqlite'

/** A table as both dialects must agree on it: per column, its SQL name, nullability, kind and key. */
function shape(table: Table) {
  return {
    name: getTableName(table),
    columns: Object.entries(getTableColumns(table)).map(([key, c]) => ({
      key,
      name: c.name,
      notNull: c.notNull,
      kind: c.dataType,
      values: c.enumValues,
      primary: c.primary,
    })),
  }
}

const tables = (schema: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(schema)
      .filter(([, t]) => typeof t === 'object' && t !== null && getTableName(t as Table) !== undefined)
      .map(([k, t]) => [k, shape(t as Table)]),
  )

describe('the SQLite and PostgreSQL schemas', () => {
  it('have the same tables and, in each, the same columns: names, nullability and kinds', () => {
    const a = tables(sqlite)
    const b = tables(pg)
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort())
    expect(Object.keys(a).length).toBeGreaterThanOrEqual(5)
    for (const name of Object.keys(a)) expect(a[name], name).toEqual(b[name])
  })
})

describe('the CSV export', () => {
  it('has a column for every stored field but the internal ones, in schema order', async () => {
    const { CSV_COLUMNS } = await import('../records/export')
    expect(CSV_COLUMNS).toContain('receivedAt')
    expect(CSV_COLUMNS).toContain('erasedAt')
    expect(CSV_COLUMNS).not.toContain('salt')
    // Every column but the four internal ones, plus the derived `advertisingEffective` beside `advertising`.
    expect(CSV_COLUMNS.length).toBe(Object.keys(getTableColumns(sqlite.consents)).length - 4 + 1)
    expect(CSV_COLUMNS.slice(CSV_COLUMNS.indexOf('advertising'), CSV_COLUMNS.indexOf('advertising') + 2)).toEqual(['advertising', 'advertisingEffective'])
  })
})
