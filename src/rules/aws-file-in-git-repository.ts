// An AWS file that is a symlink into a git work tree (GNU stow, chezmoi, yadm, a bare dotfiles
// checkout): every key the file ever held is in that repository's history, and one `git push`
// away from a remote. keyward's migrate edits the link's target, which empties the file, not the history.
import { awsFiles, isPair, staticCredentials } from './aws-files.js';
import type { AwsFile, RawFinding, Rule, Sources } from './types.js';

function finding(file: AwsFile & { gitWorkTree: string }): RawFinding {
  const holdsKey = staticCredentials(file).some(isPair);
  return {
    ruleId: awsFileInGitRepository.id, severity: holdsKey ? 'high' : 'medium', file: file.path, line: 1, key: 'symlink',
    message: `The AWS ${file.kind} file is a link into the git work tree ${file.gitWorkTree}` +
      `${holdsKey ? ', and it holds a key in plaintext' : ''}: whatever it held is in that repository's history.`,
    remediation: `Run \`keyward migrate\`, then treat every key this file ever held as exposed: rotate it, and keep ${file.gitWorkTree} private ` +
      '(or stop tracking the AWS files: git rm --cached, and purge them from the history).',
  };
}

function check(sources: Sources): RawFinding[] {
  return awsFiles(sources).flatMap((file) => (file.gitWorkTree ? [finding({ ...file, gitWorkTree: file.gitWorkTree })] : []));
}

export const awsFileInGitRepository: Rule = {
  id: 'aws-file-in-git-repository',
  severity: 'medium',
  title: 'AWS file linked into a git repository',
  description: 'The AWS config or credentials file is a symbolic link whose target lies in a git work tree (a dotfiles ' +
    'repository). High when the file holds a long-term key pair; medium otherwise, since its history may still hold one.',
  check,
};
