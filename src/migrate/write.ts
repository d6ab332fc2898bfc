// The last step every rewrite of an AWS file shares (add, remove --from-files; migrate and restore
// check their own way): read the new text back as botocore will, check it holds exactly the
// intended settings, then write it atomically only if nobody changed the file since it was read.
import { parse } from '../awsconfig/parse.js';
import { rawConfig, sameSettings } from '../awsconfig/profiles.js';
import type { RawConfig } from '../awsconfig/profiles.js';
import { KeywardError } from '../errors.js';
import { removeStaleTemps, writeFileAtomic } from '../fsutil/atomic-write.js';
import type { WriteStep } from '../fsutil/atomic-write.js';
import type { LoadedFile } from './files.js';

/**
 * Writes `text` over `file` when botocore would read it as `file`'s settings changed by `change`
 * (and nothing else). Throws `internal` (nothing written) otherwise, and `file-changed-during-write`
 * when the file changed since it was read.
 */
export function writeVerified(file: LoadedFile, text: string, change: (expected: RawConfig) => void, onStep?: (step: WriteStep) => void): void {
  const after = parse(text, file.doc.kind);
  const expected = rawConfig(file.doc);
  change(expected);
  if (after.diagnostics.length > 0 || !sameSettings(rawConfig(after), expected)) {
    throw new KeywardError('internal', `the rewrite of ${file.path} would change more than intended`,
      'Nothing was written. Please report this with the file layout (not its keys).');
  }
  removeStaleTemps(file.path);
  writeFileAtomic(file.path, text, { expected: file.text, ...(onStep && { onStep }) });
}
