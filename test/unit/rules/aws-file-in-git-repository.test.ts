import { describe, expect, it } from 'vitest';
import { awsFileInGitRepository } from '../../../src/rules/aws-file-in-git-repository.js';
import { KEY_ID, SECRET } from '../../support/keys.js';
import { CREDENTIALS, sources } from '../../support/rule-sources.js';

function withRepo(credentials: string, gitWorkTree?: string) {
  const s = sources({ credentials });
  if (s.credentials && gitWorkTree) s.credentials = { ...s.credentials, gitWorkTree };
  return s;
}

describe(awsFileInGitRepository.id, () => {
  it('reports a credentials file linked into a git work tree, high while it holds a key', () => {
    const found = awsFileInGitRepository.check(withRepo(`[dev]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`, '/home/u/dotfiles'));
    expect(found).toMatchObject([{ severity: 'high', file: CREDENTIALS, line: 1, message: expect.stringContaining('/home/u/dotfiles') }]);
  });

  it('is medium once the key is gone (the history still has it), and silent without a repository', () => {
    expect(awsFileInGitRepository.check(withRepo('[dev]\nregion = x\n', '/home/u/dotfiles'))).toMatchObject([{ severity: 'medium' }]);
    expect(awsFileInGitRepository.check(withRepo(`[dev]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`))).toEqual([]);
  });
});
