// Small file helpers the service installers share.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes `content` unless the file already holds it; true when it wrote. */
export async function writeIfChanged(file: string, content: string | Buffer): Promise<boolean> {
  const existing = await readFile(file).catch(() => undefined);
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  if (existing?.equals(bytes)) return false;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes, { mode: 0o644 });
  return true;
}

/** Removes a file; true when there was one. */
export async function removeIfPresent(file: string): Promise<boolean> {
  const existed = await readFile(file).then(() => true, () => false);
  await rm(file, { force: true });
  return existed;
}
