/**
 * CPU time of the software renderer (SwiftShader's worker threads, named `Thread<NN>` in Chromium's GPU
 * process), read from /proc (Linux only): Chrome traces do not show these threads. See renderCost.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU ms of SwiftShader's worker threads in all Chromium processes (utime + stime, /proc, 10 ms ticks). */
export function rendererCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'chromium') continue;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (!/^Thread<\d+>$/.test(name)) continue;
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(f[11]) + Number(f[12]);
      }
    } catch {
      // the process or thread ended meanwhile
    }
  }
  return ticks * 10;
}

/**
 * CPU time (ms) of every thread of the running Chromium processes, summed per process type and thread name
 * (Linux /proc). The GPU process's unnamed threads (`chromium` besides its main thread) are SwiftShader's
 * and ANGLE's own (queue, shader compilation); they are listed as `gpu-process/unnamed`.
 */
export function chromiumThreadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chrom')) continue;
      const type = /--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser';
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        let name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (name === 'chromium') name = tid === pid ? 'main' : 'unnamed';
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const k = `${type}/${name}`;
        out.set(k, (out.get(k) ?? 0) + (Number(f[11]) + Number(f[12])) * 10);
      }
    } catch {
      // the process or thread ended meanwhile
    }
  }
  return out;
}

/** The threads that used at least `min` ms between two chromiumThreadCpu() readings, most first. */
export function threadCpuDelta(before: Map<string, number>, after: Map<string, number>, min = 20): string {
  return [...after]
    .map(([k, v]) => [k, v - (before.get(k) ?? 0)] as const)
    .filter(([, d]) => d >= min)
    .sort((a, b) => b[1] - a[1])
    .map(([k, d]) => `${k} ${d}`)
    .join(', ');
}
