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
