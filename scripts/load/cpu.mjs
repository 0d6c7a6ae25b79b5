// Where the machine's CPU went during a load run, from /proc (Linux only): the workerd that runs
// our Worker (with its local D1 and R2), the parts of `wrangler dev` that a deployment does not
// have (its proxy workerd, its node process printing request logs), this process (autocannon),
// and everything else on the machine (other programs sharing the two cores).
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

/** CPU ticks (user + system) of each process of the group, by pid, with its role. */
function groupTicks(pgid) {
  const processes = new Map();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      if (Number(pid) === process.pid) processes.set(pid, { role: 'load', ticks });
      if (Number(fields[2]) !== pgid) continue;

      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      // The workerd that runs the Worker is the one with the inspector; the other is the proxy
      // wrangler puts in front of it.
      const role = !command.includes('workerd')
        ? 'wrangler'
        : command.includes('--inspector-addr')
          ? 'worker'
          : 'proxy';
      processes.set(pid, { role, ticks });
    } catch {
      // The process ended while being read.
    }
  }
  return processes;
}

/** Busy ticks of the whole machine, from the first line of /proc/stat. */
function machineTicks() {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .map(Number);
  return user + nice + system + irq + softirq + steal;
}

/** Starts counting; the returned function gives the CPU milliseconds used since, by role. */
export function startCpuCount(pgid) {
  const before = groupTicks(pgid);
  const machineBefore = machineTicks();

  return () => {
    const after = groupTicks(pgid);
    const used = { worker: 0, proxy: 0, wrangler: 0, load: 0 };
    for (const [pid, { role, ticks }] of after) {
      used[role] += ticks - (before.get(pid)?.ticks ?? 0);
    }
    const machine = machineTicks() - machineBefore;
    const ms = (ticks) => (ticks * 1000) / TICKS_PER_SECOND;
    return {
      workerMs: ms(used.worker),
      proxyMs: ms(used.proxy),
      wranglerMs: ms(used.wrangler),
      loadMs: ms(used.load),
      otherMs: ms(Math.max(0, machine - used.worker - used.proxy - used.wrangler - used.load)),
    };
  };
}
