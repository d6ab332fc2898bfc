import { describe, expect, it } from 'vitest';
import { planWatch, rootFor } from '../../../src/daemon/watch-plan.js';

const existing = (...dirs: string[]) => (dir: string) => dirs.includes(dir);

describe(rootFor.name, () => {
  it.each([
    ['/home/u/.aws/config', existing('/home/u'), '/home/u'],
    ['/home/u/.bashrc', existing('/home/u'), '/home/u'],
    ['/etc/keyward/policy.ini', existing('/etc'), '/etc'],
    ['/srv/team/aws/config', existing('/srv'), '/srv'],
    ['/srv/team/aws/config', existing('/srv', '/srv/team'), '/srv/team'],
  ])('%s', (file, exists, root) => {
    expect(rootFor(file, '/home/u', exists)).toBe(root);
  });
});

describe(planWatch.name, () => {
  it('watches HOME once, deep enough for every file, allowing only the files and their directories', () => {
    const plan = planWatch(['/home/u/.aws/config', '/home/u/.aws/cli/alias', '/home/u/.bashrc', '/etc/keyward/policy.ini'],
      '/home/u', existing('/home/u', '/etc'));
    expect(plan.roots.sort()).toEqual(['/etc', '/home/u']);
    expect(plan.depth).toBe(2);
    expect([...plan.allowed].sort()).toEqual([
      '/etc/keyward', '/etc/keyward/policy.ini', '/home/u/.aws', '/home/u/.aws/cli', '/home/u/.aws/cli/alias',
      '/home/u/.aws/config', '/home/u/.bashrc']);
  });

  it('drops a root inside another root', () => {
    const plan = planWatch(['/srv/a/config', '/srv/a/x/y/config'], '/home/u', existing('/srv', '/srv/a'));
    expect(plan.roots).toEqual(['/srv']);
    expect(plan.depth).toBe(3);
  });
});
