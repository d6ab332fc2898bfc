// CPU time of waited-for children (Linux /proc/self/stat cutime+cstime, in 10 ms ticks). Unlike
// wall time it hardly moves when other jobs share the machine, so the benches report it beside it.
import { readFileSync } from 'node:fs';

export function childCpuMs() {
  if (process.platform !== 'linux') return NaN;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}
