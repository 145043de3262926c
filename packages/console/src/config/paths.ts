// Reading and immutably writing a JSON value at a path (`['services', 0, 'name']`).

export type Path = readonly (string | number)[]

export function getAt(obj: unknown, path: Path): unknown {
  let cur = obj
  for (const k of path) cur = cur == null ? undefined : (cur as Record<string | number, unknown>)[k]
  return cur
}

/** A copy of `obj` with `value` at `path` (undefined removes the key); containers on the way are copied. */
export function setAt<T>(obj: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T
  const [head, ...rest] = path
  const base: any = Array.isArray(obj) ? [...obj] : { ...(obj as object) }
  const next = setAt(base[head as string], rest, value)
  if (next === undefined && !Array.isArray(base)) delete base[head as string]
  else base[head as string] = next
  return base as T
}

/** The dotted form the API uses in its issues (`services.0.name`). */
export const dotted = (path: Path): string => path.join('.')

/** `obj` without the object at `path` when that object is left empty (`{}`), so no half-written part stays behind. */
export function withoutEmptyAt<T>(obj: T, path: Path): T {
  const left = getAt(obj, path)
  return left && typeof left === 'object' && !Array.isArray(left) && Object.keys(left).length === 0 ? setAt(obj, path, undefined) : obj
}
