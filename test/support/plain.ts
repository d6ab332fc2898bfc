// keyward's botocore views are Maps (names come from users' files); Python prints JSON objects.
// This turns one into the other, with own properties only, so `__proto__` stays a key like any other.

export type PlainConfig = Record<string, Record<string, unknown>>;

export function toPlain(map: ReadonlyMap<string, unknown>): PlainConfig {
  return Object.fromEntries([...map].map(([k, v]) => [k, v instanceof Map ? toPlain(v) : v])) as PlainConfig;
}
