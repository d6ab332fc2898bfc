// `KEYWARD_TIMINGS=1 keyward scan`: where one scan's time goes, on stderr (docs/scan.md, Speed).
// Wall time per phase counts from the process's start (performance.now()), so node's own start-up
// and module loading are phases too; CPU time (process.cpuUsage(), all threads, GC included) is
// the steadier figure on a busy machine. Off, it costs one environment lookup.
import type { Env } from '../awsconfig/paths.js';

export interface PhaseTimer {
  /** Ends the current phase under this name. */
  mark(phase: string): void;
  /** One line per phase (wall ms, CPU ms, name), then the total. */
  report(): string;
}

const cpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

export function phaseTimer(env: Env): PhaseTimer | undefined {
  if (!env.KEYWARD_TIMINGS) return undefined;
  // Node's bootstrap ends before the first user module is read: what comes before is node start.
  // Its CPU time cannot be told apart from module loading's, so both land on `module load`.
  const marks: [string, number, number][] = [['node start', performance.nodeTiming.bootstrapComplete, 0], ['module load', performance.now(), cpuMs()]];
  const row = (wall: number, cpu: string, phase: string): string => `${wall.toFixed(1).padStart(7)} ${cpu.padStart(7)}  ${phase}`;
  return {
    mark: (phase) => void marks.push([phase, performance.now(), cpuMs()]),
    report: () => {
      const lines = marks.map(([phase, wall, cpu], i) => {
        const [, prevWall, prevCpu] = marks[i - 1] ?? ['', 0, 0];
        return row(wall - prevWall, i === 0 ? '-' : (cpu - prevCpu).toFixed(1), i === 1 ? 'module load (CPU: with node start)' : phase);
      });
      return `${['keyward timings:   wall     CPU (ms)', ...lines, row(performance.now(), cpuMs().toFixed(1), 'total')].join('\n')}\n`;
    },
  };
}
