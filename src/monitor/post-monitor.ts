import { DurableObject } from 'cloudflare:workers';
import { createLogger } from '../lib/logger';

type MonitorState = { submissionId: string; runs: number; lastRunAt: number | null };

/**
 * The schedule of checks for one submission, one object per submission, driven by alarms.
 * It keeps only its schedule and counters; every decision is written to D1 first.
 *
 * Gap: the checks themselves (find the post, compare it, hold it, decide) are not wired in
 * yet. An alarm today records that it ran and nothing else; the verification work replaces
 * `alarm()` with the real schedule.
 */
export class PostMonitor extends DurableObject<Cloudflare.Env> {
  /** Starts (or moves) the schedule: the next check runs at `at` (epoch ms). */
  async arm(submissionId: string, at: number): Promise<void> {
    const state = await this.state();
    await this.ctx.storage.put<MonitorState>('state', { ...state, submissionId });
    await this.ctx.storage.setAlarm(at);
  }

  /** What the monitor knows: for the status page, the console and tests. */
  async describe(): Promise<MonitorState & { nextAlarmAt: number | null }> {
    const state = await this.state();
    return { ...state, nextAlarmAt: await this.ctx.storage.getAlarm() };
  }

  override async alarm(): Promise<void> {
    const state = await this.state();
    const next = { ...state, runs: state.runs + 1, lastRunAt: Date.now() };
    await this.ctx.storage.put<MonitorState>('state', next);

    createLogger(this.env.LOG_LEVEL).info('monitor alarm', {
      submissionId: state.submissionId,
      runs: next.runs,
    });
  }

  private async state(): Promise<MonitorState> {
    const stored = await this.ctx.storage.get<MonitorState>('state');
    return stored ?? { submissionId: '', runs: 0, lastRunAt: null };
  }
}

/** The monitor of one submission; the object id is derived from the submission id. */
export function monitorFor(env: Cloudflare.Env, submissionId: string) {
  return env.POST_MONITOR.get(env.POST_MONITOR.idFromName(submissionId));
}
